"""Who may do what: predicates over the signed-in person (django-rules)."""
import rules

from .models import Role


@rules.predicate
def is_coordinator(user):
    return user.is_authenticated and user.has_role(Role.COORDINATOR)


@rules.predicate
def is_reviewer(user):
    return user.is_authenticated and user.has_role(Role.REVIEWER)


@rules.predicate
def is_advisor(user):
    return user.is_authenticated and user.has_role(Role.ADVISOR)


@rules.predicate
def is_applicant(user):
    return user.is_authenticated and user.has_role(Role.APPLICANT)


rules.add_perm("endorsement.view_outbox", is_coordinator)
rules.add_perm("endorsement.manage_people", is_coordinator)
rules.add_perm("endorsement.view_audit", is_coordinator)
rules.add_perm("endorsement.erase_person", is_coordinator)


@rules.predicate
def is_partner(user):
    return user.is_authenticated and user.has_role(Role.PARTNER)
