"""Each application's reviewers (applicants.figures), counted once from the assignments."""
from django.db import migrations
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def reviewer_count(apps, schema_editor):
    Application = apps.get_model("applicants", "Application")
    ReviewAssignment = apps.get_model("reviews", "ReviewAssignment")
    assigned = (ReviewAssignment.objects.filter(application=OuterRef("pk")).order_by()
                .values("application").annotate(n=Count("pk")).values("n"))
    Application.objects.update(reviewer_count=Coalesce(Subquery(assigned), Value(0)))


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0003_queue_history_staleness"),
        ("applicants", "0009_queue_figures"),
    ]

    operations = [
        migrations.RunPython(reviewer_count, migrations.RunPython.noop),
    ]
