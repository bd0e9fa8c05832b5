"""Who may see and do what in consultation groups and the RSC directory (django-rules;
autodiscovered). A stranger gets 404."""
import rules

from endorsement.rules import is_coordinator


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated


@rules.predicate
def facilitates(user, session):
    return (session is not None and user.is_authenticated
            and session.group.facilitator_id == user.pk)


@rules.predicate
def is_qualified_provider(user):
    from .qualify import qualifying_endorsement

    return user.is_authenticated and qualifying_endorsement(user) is not None


@rules.predicate
def is_addressee(user, provider_request):
    return (provider_request is not None and user.is_authenticated
            and provider_request.listing.provider_id == user.pk)


rules.add_perm("consultation.view_groups", is_signed_in)
rules.add_perm("consultation.take_roll", facilitates | is_coordinator)
rules.add_perm("consultation.manage_groups", is_coordinator)
rules.add_perm("consultation.use_directory", is_signed_in)
rules.add_perm("consultation.list_self", is_qualified_provider)
rules.add_perm("consultation.answer_request", is_addressee)
rules.add_perm("consultation.view_grant_report", is_coordinator)
