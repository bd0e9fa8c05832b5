"""Who may see and change an application (django-rules; autodiscovered)."""
import rules

from endorsement.rules import is_advisor, is_coordinator


def _application(obj):
    return getattr(obj, "application", obj)


@rules.predicate
def is_owner(user, obj):
    return obj is not None and user.is_authenticated and _application(obj).applicant_id == user.pk


@rules.predicate
def is_assigned_reviewer(user, obj):
    if obj is None or not user.is_authenticated:
        return False
    from reviews.models import ReviewAssignment

    # A reviewer reads the application once they have declared no conflict of interest.
    return ReviewAssignment.objects.filter(application=_application(obj), reviewer=user,
                                           conflict=False).exists()


@rules.predicate
def is_advisor_of(user, obj):
    return obj is not None and user.is_authenticated and \
        _application(obj).advisor_id == user.pk


@rules.predicate
def is_editable(user, obj):
    return obj is not None and _application(obj).is_editable


rules.add_perm("applicants.view_application",
               is_owner | is_coordinator | is_assigned_reviewer | is_advisor_of)
rules.add_perm("applicants.change_application", is_owner & is_editable)
rules.add_perm("applicants.view_document", is_owner | is_coordinator | is_assigned_reviewer)
rules.add_perm("applicants.view_advised", is_advisor)
