"""Each application's ratings in (applicants.figures), counted once from the requests."""
from django.db import migrations
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def ratings_in(apps, schema_editor):
    Application = apps.get_model("applicants", "Application")
    ReferenceRequest = apps.get_model("references", "ReferenceRequest")
    submitted = (ReferenceRequest.objects.filter(application=OuterRef("pk"), status="submitted")
                 .order_by().values("application").annotate(n=Count("pk")).values("n"))
    Application.objects.update(ratings_in=Coalesce(Subquery(submitted), Value(0)))


class Migration(migrations.Migration):

    dependencies = [
        ("references", "0008_attention_counts_on_indexes"),
        ("applicants", "0009_queue_figures"),
    ]

    operations = [
        migrations.RunPython(ratings_in, migrations.RunPython.noop),
    ]
