"""Coordinator pages are for coordinators; a reviewer sees only their own assignments."""
import rules

from endorsement.rules import is_coordinator, is_reviewer

rules.add_perm("reviews.view_queue", is_coordinator)
rules.add_perm("reviews.manage_application", is_coordinator)
rules.add_perm("reviews.view_reports", is_coordinator)
rules.add_perm("reviews.view_assigned", is_reviewer)


@rules.predicate
def is_assigned_to(user, assignment):
    return assignment is not None and user.is_authenticated and \
        assignment.reviewer_id == user.pk


@rules.predicate
def reads_as_reviewer(user, application):
    """An assigned reviewer who declared no conflict of interest."""
    if application is None or not user.is_authenticated:
        return False
    return application.review_assignments.filter(reviewer=user, conflict=False).exists()


@rules.predicate
def not_own(user, application):
    return application is not None and application.applicant_id != user.pk


rules.add_perm("reviews.review", is_reviewer & is_assigned_to)
rules.add_perm("reviews.view_versions", not_own & (is_coordinator | (is_reviewer
                                                                     & reads_as_reviewer)))
rules.add_perm("reviews.enter_endorsement", is_coordinator)
