"""Indexes for 100,000 applications (issue 14), PostgreSQL only (SQLite needs none at its size).

- ``roles`` (granted roles, ",reviewer,"): ``with_role`` filters ``role = X OR roles LIKE
  '%,X,%'``; with a trigram index on ``roles`` the OR is two index scans, not a scan of every
  account (the reviewer list of the queue's bulk-assign form, the people page's role filter).
- ``actor_label`` of the audit trail: its search ORs it with the actor's name and email, which
  have trigram indexes already (0002).
- an Endorsement®'s number (the coordinator's search ORs it with the holder's name and email)
  and the registry's display name (the public search).
- UPPER(first_name), UPPER(last_name) in order: a search word under three characters ("Ng",
  "%") is matched against the whole name (iexact), which no trigram index answers.
"""
from django.db import migrations

INDEXES = {
    "user_roles_trgm": "endorsement_user USING gin (roles gin_trgm_ops)",
    "audit_actor_label_trgm": "endorsement_auditevent USING gin (UPPER(actor_label::text) "
                              "gin_trgm_ops)",
    "user_first_name_upper": "endorsement_user (UPPER(first_name::text))",
    "user_last_name_upper": "endorsement_user (UPPER(last_name::text))",
    "endorsement_number_trgm": "credentials_endorsement USING gin (UPPER(number::text) "
                               "gin_trgm_ops)",
    "registry_display_name_trgm": "credentials_registrylisting USING gin "
                                  "(UPPER(display_name::text) gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("endorsement", "0006_partner_role"),
        ("credentials", "0003_membership_import_runs"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
