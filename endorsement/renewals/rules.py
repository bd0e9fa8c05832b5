"""Who may see and change a renewal (django-rules; autodiscovered). A stranger gets 404."""
import rules

from endorsement.rules import is_coordinator


@rules.predicate
def is_renewal_holder(user, renewal):
    return renewal is not None and user.is_authenticated and renewal.holder_id == user.pk


@rules.predicate
def is_editable(user, renewal):
    return renewal is not None and renewal.is_editable


rules.add_perm("renewals.view_renewal", is_renewal_holder | is_coordinator)
rules.add_perm("renewals.change_renewal", is_renewal_holder & is_editable)
rules.add_perm("renewals.manage_renewals", is_coordinator)
