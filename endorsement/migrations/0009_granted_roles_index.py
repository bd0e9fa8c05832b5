"""People holding a granted role: a partial index of the few accounts whose ``roles`` is not
empty, read by ``with_role`` (issue 14). It replaces the trigram index on ``roles`` (0007):
matching '%,reviewer,%' through a trigram index walks its whole pending list of recent
changes (every new or changed account adds to it until a vacuum): 2 ms on every application
page with 100,000 accounts; the partial index holds only staff and reviewers."""
from django.db import migrations, models


def drop_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS user_roles_trgm")


def create_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS user_roles_trgm ON endorsement_user "
                              "USING gin (roles gin_trgm_ops)")


class Migration(migrations.Migration):

    dependencies = [
        ('endorsement', '0008_reminder_claim_pending'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='user',
            index=models.Index(condition=models.Q(('roles', ''), _negated=True), fields=['id'],
                               name='user_granted_roles_idx'),
        ),
        migrations.RunPython(drop_trigram, create_trigram),
    ]
