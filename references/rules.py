"""Who may do what with references (django-rules, autodiscovered)."""
import rules

from endorsement.rules import is_coordinator


@rules.predicate
def owns_application(user, application):
    return user.is_authenticated and application is not None and (
        application.applicant_id == user.id)


@rules.predicate
def may_ask_now(user, application):
    from . import services

    return application is not None and services.can_ask(application)


rules.add_perm("references.view_section", owns_application)
rules.add_perm("references.ask", owns_application & may_ask_now)
rules.add_perm("references.manage_references", is_coordinator)
