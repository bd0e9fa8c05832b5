"""Totals of "References needing attention" counted on indexes alone (issue 14, make load).

The four tabs count reference requests of active applications; each count joined 38,000 active
applications read from the table (0.1-0.6 s a tab at 100,000 applications, recounted whenever a
rater submits). Here the request indexes carry the application (and the status), and a partial
index on the applications lists the active ones (PostgreSQL only: covering and partial index
on another app's table, made here because this page is what uses it): ~15-40 ms a tab.
"""
from django.conf import settings
from django.db import migrations, models

# references.coordinator.ACTIVE_APPLICATION_STATUSES when this was written (a migration keeps
# its own copy; the index serves the query only while the two agree).
ACTIVE = ("submitted", "in_review", "returned", "approved_for_exam", "exam",
          "awaiting_decision", "deferred")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    statuses = ", ".join(f"'{status}'" for status in ACTIVE)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS app_active_idx ON applicants_application (id) "
        f"INCLUDE (applicant_id) WHERE status IN ({statuses})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS app_active_idx")


class Migration(migrations.Migration):

    dependencies = [
        ('applicants', '0007_confirmed_log_rows'),
        ('references', '0007_reminders_through_claims'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.RemoveIndex(
            model_name='referencerequest',
            name='ref_status_expiry_idx',
        ),
        migrations.RemoveIndex(
            model_name='referencerequest',
            name='ref_to_verify_idx',
        ),
        migrations.AddIndex(
            model_name='referencerequest',
            index=models.Index(fields=['status', 'token_expires_at'], include=('application',), name='ref_status_expiry_idx'),
        ),
        migrations.AddIndex(
            model_name='referencerequest',
            index=models.Index(condition=models.Q(('endorsement_verified', False), models.Q(('rater_endorsement', ''), _negated=True)), fields=['application'], include=('status',), name='ref_to_verify_idx'),
        ),
    ]
