"""Who may see an Endorsement®'s private side (django-rules; autodiscovered).

The public side (verification, the registry) needs no permission and shows only name,
credential and status.
"""
import rules

from endorsement.rules import is_coordinator


@rules.predicate
def is_holder(user, endorsement):
    return (endorsement is not None and user.is_authenticated
            and endorsement.holder_id == user.pk)


@rules.predicate
def is_revoked(user, endorsement):
    return endorsement is not None and endorsement.status == "revoked"


# A revoked Endorsement®'s certificate is no longer handed out to the holder; the coordinator
# keeps access to the record.
rules.add_perm("credentials.view_certificate", (is_holder & ~is_revoked) | is_coordinator)
rules.add_perm("credentials.manage_endorsements", is_coordinator)
