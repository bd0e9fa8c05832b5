"""What the queue's search matches of each applicant ("first last email", applicants.figures),
kept on the application: written once here, in the queue's ordered indexes (a common name is
matched on the index alone) and, on PostgreSQL, in a trigram index (a rare one is found at
once, like the accounts' own name and email indexes)."""
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Concat

TRIGRAM = "app_applicant_search_trgm"


def write_search_text(apps, schema_editor):
    Application = apps.get_model("applicants", "Application")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    text = User.objects.filter(pk=OuterRef("applicant_id")).annotate(
        text=Concat("first_name", Value(" "), "last_name", Value(" "), "email",
                    output_field=TextField())).values("text")
    Application.objects.update(applicant_search=Subquery(text))


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM} ON applicants_application USING gin "
            "(UPPER(applicant_search) gin_trgm_ops) WITH (fastupdate = off)")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM}")


class Migration(migrations.Migration):

    dependencies = [
        ('applicants', '0011_queue_search_from_the_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('endorsement', '0002_queue_history_staleness'),  # pg_trgm
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='application',
            name='app_queue_idx',
        ),
        migrations.RemoveIndex(
            model_name='application',
            name='app_submitted_idx',
        ),
        migrations.AddField(
            model_name='application',
            name='applicant_search',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(write_search_text, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['status', 'submitted_at', 'id'], include=('applicant', 'applicant_search'), name='app_queue_idx'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['submitted_at', 'id'], include=('applicant', 'applicant_search'), name='app_submitted_idx'),
        ),
    ]
