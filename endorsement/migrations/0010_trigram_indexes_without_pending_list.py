"""The trigram indexes of the searches (people, queue, audit trail, Endorsement® numbers, the
registry) write each change into the index at once (``fastupdate = off``), PostgreSQL only.

By default a GIN index gathers recent changes in a pending list, merged only by a vacuum or
once it reaches 4 MB, and every search reads the whole list: on the 100,000-application bench
(new accounts since its last vacuum) a search for a common name spent 13 of its 23 ms of SQL
there, and the planner 1.6 ms more. Without the list each change costs a little more to write
(an account, an audit event: a few dozen index entries), every search reads only the index.
The lists already gathered are merged here."""
from django.db import migrations

INDEXES = ["user_email_trgm", "user_first_name_trgm", "user_last_name_trgm",
           "audit_actor_label_trgm", "endorsement_number_trgm", "registry_display_name_trgm"]


def _set(schema_editor, fastupdate: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {name} SET (fastupdate = {fastupdate})")
        if fastupdate == "off":
            schema_editor.execute(f"SELECT gin_clean_pending_list(oid) FROM pg_class "
                                  f"WHERE relname = '{name}' AND relkind = 'i'")


def without_pending_list(apps, schema_editor):
    _set(schema_editor, "off")


def with_pending_list(apps, schema_editor):
    _set(schema_editor, "on")


class Migration(migrations.Migration):

    dependencies = [
        ("endorsement", "0009_granted_roles_index"),
    ]

    operations = [
        migrations.RunPython(without_pending_list, with_pending_list),
    ]
