"""Who may see the examination pages: coordinators run sittings and results; reviewers score
only the scripts assigned to them, by candidate code."""
import rules

from endorsement.rules import is_coordinator, is_reviewer


@rules.predicate
def is_the_scorer(user, score):
    return score is not None and user.is_authenticated and score.scorer_id == user.pk


rules.add_perm("exams.manage", is_coordinator)
rules.add_perm("exams.view_scoring", is_reviewer)
rules.add_perm("exams.score", is_reviewer & is_the_scorer)
