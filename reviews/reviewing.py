"""Reviewer reviews and the decision: who may review, the conflict declaration, the review per
competency area, and what endorsing does. One function per change; each is transactional and
audited. The workflow checks and effects here are registered in ReviewsConfig.ready()."""
from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from applicants.models import Application, Status, SubmissionVersion
from applicants.workflow import TransitionError
from endorsement import audit
from endorsement.credentials.models import Endorsement, EndorsementStatus
from endorsement.credentials.services import default_valid_through, record_endorsement
from endorsement.guidelines import competency_areas
from endorsement.mail import queue_mail
from endorsement.models import Role, User, with_role

from .models import Recommendation, Review, ReviewAssignment
from .services import ReviewError

LEVELS = ("I", "II", "III", "IV")
CATEGORIES = ("I", "II", "III", "IV-C", "IV-P", "IV-RF")
REASONS_NEEDED = (Recommendation.DEFER, Recommendation.NOT_ENDORSE)


def _categories_at_or_above(level: str) -> list[str]:
    rank = LEVELS.index(level)
    return [c for c in CATEGORIES if LEVELS.index(c.split("-")[0]) >= rank]


def qualified_reviewers(application: Application):
    """Active reviewers holding a current Endorsement® at the applied level or higher."""
    today = timezone.localdate()
    holders = Endorsement.objects.filter(
        status=EndorsementStatus.ACTIVE, valid_through__gte=today,
        category__in=_categories_at_or_above(application.level),
    ).values("holder_id")
    return (User.objects.filter(with_role(Role.REVIEWER), is_active=True, pk__in=holders)
            .exclude(pk=application.applicant_id).order_by("last_name", "email"))


def assignable_reviewers(application: Application):
    """What the assign form offers: qualified, minus those already assigned (which includes
    anyone who declared a conflict on this application)."""
    return qualified_reviewers(application).exclude(
        pk__in=ReviewAssignment.objects.filter(application=application).values("reviewer_id"))


def check_qualified(application: Application, reviewer: User) -> None:
    if not qualified_reviewers(application).filter(pk=reviewer.pk).exists():
        raise ReviewError(_("%(name)s does not hold a current Endorsement® at Level %(level)s or "
                            "higher.") % {"name": reviewer.display_name,
                                          "level": application.level})


def areas_for(application: Application):
    """The competency areas a reviewer judges for this application's level (and designation)."""
    return competency_areas(application.program, application.category)


def current_version(application: Application) -> int:
    return application.versions.aggregate(n=Max("number"))["n"] or 0


def declare_conflict(assignment: ReviewAssignment, *, conflict: bool, note: str,
                     actor) -> ReviewAssignment:
    """The reviewer says whether they have a conflict of interest (once, before reading)."""
    note = (note or "").strip()
    if conflict and not note:
        raise ReviewError(_("Say briefly what the conflict is: the coordinator reads it."))
    with transaction.atomic():
        locked = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.reviewer_id != actor.pk:
            raise ReviewError(_("Only the assigned reviewer can declare this."))
        if locked.conflict is not None:
            raise ReviewError(_("You already declared this."))
        locked.conflict, locked.conflict_note = conflict, note
        locked.declared_at = timezone.now()
        locked.save(update_fields=["conflict", "conflict_note", "declared_at"])
        audit.record("application.reviewer_conflict", locked.application, actor=actor,
                     reviewer_id=actor.pk, conflict=conflict, note=note)
    return locked


def own_review(assignment: ReviewAssignment) -> Review | None:
    version = current_version(assignment.application)
    return assignment.reviews.filter(version=version).first()


def submit_review(assignment: ReviewAssignment, *, areas: dict, recommendation: str,
                  reasons: str, actor) -> Review:
    """Submit the reviewer's review of the current version; it cannot be changed after."""
    reasons = (reasons or "").strip()
    if recommendation not in Recommendation.values:
        raise ReviewError(_("Choose an overall recommendation."))
    if recommendation in REASONS_NEEDED and not reasons:
        raise ReviewError(_("Give the reasons for deferring or not endorsing."))
    with transaction.atomic():
        locked = ReviewAssignment.objects.select_for_update().select_related(
            "application").get(pk=assignment.pk)
        application = locked.application
        if locked.reviewer_id != actor.pk:
            raise ReviewError(_("Only the assigned reviewer can review."))
        if locked.conflict is not False:
            raise ReviewError(_("Declare first that you have no conflict of interest."))
        if application.status != Status.IN_REVIEW:
            raise ReviewError(_("This application is not in review now (it is “%(status)s”).")
                              % {"status": application.get_status_display()})
        keys = {a.key for a in areas_for(application)}
        if set(areas) != keys:
            raise ReviewError(_("Judge every competency area."))
        version = current_version(application)
        if locked.reviews.filter(version=version, submitted_at__isnull=False).exists():
            raise ReviewError(_("You already submitted your review of this version."))
        review, _created = Review.objects.update_or_create(
            assignment=locked, version=version,
            defaults={"areas": {k: {"met": bool(v["met"]), "comment": (v.get("comment") or "")
                                    .strip()} for k, v in areas.items()},
                      "recommendation": recommendation, "reasons": reasons,
                      "submitted_at": timezone.now()})
        audit.record("application.review_submitted", application, actor=actor,
                     review_id=review.pk, version=version, recommendation=recommendation)
        if settings.COORDINATOR_EMAIL:
            queue_mail("reviews_review_submitted", settings.COORDINATOR_EMAIL, {
                "reviewer": actor.display_name,
                "applicant": application.applicant.display_name,
                "recommendation": lazy(review.get_recommendation_display, str)(),
                "url_path": reverse("reviews:reviews", args=[application.pk]),
            }, about=application)
    return review


def submitted_reviews(application: Application):
    """The submitted reviews of the current version, with their reviewers."""
    return (Review.objects.filter(assignment__application=application,
                                  version=current_version(application),
                                  submitted_at__isnull=False)
            .select_related("assignment__reviewer").order_by("submitted_at", "id"))


def reviews_required() -> int:
    return settings.REVIEWS_REQUIRED


# --- Workflow hooks (registered in ReviewsConfig.ready) --------------------------------------

def require_reviews(application: Application, *, actor, note) -> None:
    """A decision (endorsing, approving to sit the exam) waits for the reviews."""
    done, needed = submitted_reviews(application).count(), reviews_required()
    if done < needed:
        raise TransitionError(
            _("%(needed)s reviews are needed before this decision; %(done)s submitted so far.")
            % {"needed": needed, "done": done})


def valid_through(issued_on: datetime.date) -> datetime.date:
    """ENDORSEMENT_VALID_THROUGH: "dec31" (the default) or a number of whole years."""
    rule = str(settings.ENDORSEMENT_VALID_THROUGH).strip().lower()
    if rule.isdigit() and int(rule) > 0:
        years = int(rule)
        try:
            return issued_on.replace(year=issued_on.year + years) - datetime.timedelta(days=1)
        except ValueError:  # 29 February
            return issued_on.replace(year=issued_on.year + years, day=28)
    return default_valid_through(issued_on)


def issue_endorsement(application: Application, *, actor, from_status, note) -> None:
    """Endorsing creates the Endorsement® record and tells the applicant its number."""
    today = timezone.localdate()
    endorsement = record_endorsement(
        holder=application.applicant, program=application.program,
        category=application.category, issued_on=today,
        rules_edition=application.rules_edition, actor=actor, application=application,
        valid_through=valid_through(today))
    queue_mail("reviews_endorsed", application.applicant.email, {
        "name": application.applicant.display_name,
        "category": lazy(application.get_category_display, str)(),
        "program": application.program,
        "number": endorsement.number,
        "valid_through": endorsement.valid_through,
        "url_path": reverse("applicants:application", args=[application.pk]),
    }, about=application)


# --- Versions --------------------------------------------------------------------------------

def _flatten(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield from _flatten(item, (*path, str(index)))
    else:
        yield path, value


def _readable(path: tuple) -> str:
    return " › ".join(part.replace("_", " ").capitalize() if not part.isdigit() else f"#{part}"
                      for part in path)


def changes(older: SubmissionVersion, newer: SubmissionVersion) -> list[dict]:
    """What changed in the applicant's answers between two versions: each changed field with
    its value before and after (added or removed entries have one side empty)."""
    def answers(version):
        return dict(_flatten((version.snapshot or {}).get("answers", {})))

    before, after = answers(older), answers(newer)
    rows = []
    for path in sorted(set(before) | set(after)):
        if path and path[-1] == "id":
            continue
        old, new = before.get(path), after.get(path)
        if old != new:
            rows.append({"field": _readable(path), "before": old, "after": new})
    return rows


# Applications whose reviewers still have work on them.
OPEN_FOR_REVIEW = (Status.SUBMITTED, Status.IN_REVIEW, Status.AWAITING_DECISION)


def workload(user_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per reviewer: open assignments (no conflict declared) and, of those, the reviews not yet
    submitted. One query for any number of reviewers (the People page)."""
    from django.db.models import Count, Exists, OuterRef, Q

    if not user_ids:
        return {}
    submitted = Review.objects.filter(assignment=OuterRef("pk"), submitted_at__isnull=False)
    rows = (ReviewAssignment.objects
            .filter(reviewer_id__in=user_ids, application__status__in=OPEN_FOR_REVIEW)
            .exclude(conflict=True)
            .annotate(done=Exists(submitted))
            .values("reviewer_id")
            .annotate(open=Count("id"), due=Count("id", filter=Q(done=False))))
    return {r["reviewer_id"]: {"open": r["open"], "due": r["due"]} for r in rows}
