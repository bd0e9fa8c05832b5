"""The examination's changes, one function each: transactional, audited, refusing bad input
with a sentence that says why (:class:`ExamError`).

Part 1 is the multiple-choice score, part 2 the vignette answers scored blind by two reviewers.
When both parts are in, the result is final: the application moves exam → awaiting decision,
the candidate is emailed, and the engine's ``exam`` requirement reads it (:func:`case_part`).
"""
from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applicants import panels
from applicants.case import edition_of as edition_id_of
from applicants.models import Application, Status
from applicants.workflow import MOVES_BY_KEY, transition
from endorsement import audit
from endorsement.guidelines import Edition, get_edition
from endorsement.mail import queue_mail
from endorsement.models import Role, User, with_role

from .models import ExamEnrolment, ExamSitting, Result, VignetteScore

EXAM_LEVELS = ("III", "IV")
SCORERS_PER_SCRIPT = 2
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"  # no look-alikes (0/O, 1/I/L, 5/S, 8/B)


class ExamError(Exception):
    """An exam action that cannot be taken; the message says why in plain words."""


class StaleForm(ExamError):
    """The form was filled on a page that is out of date: someone changed the record since."""


# --- Rules -------------------------------------------------------------------------------

def edition_of(application: Application) -> Edition:
    """The rules edition the application was started under."""
    return get_edition(edition_id_of(application))


def check_percent(score, what: str) -> int:
    """A whole percent from 0 to 100, or :class:`ExamError` saying so."""
    if score is None or isinstance(score, bool):
        raise ExamError(_("Enter the %(what)s as a percent from 0 to 100.") % {"what": what})
    try:
        value = int(score)
    except (TypeError, ValueError):
        raise ExamError(_("Enter the %(what)s as a percent from 0 to 100.")
                        % {"what": what}) from None
    if value != score and str(value) != str(score).strip():
        raise ExamError(_("Enter the %(what)s as a whole percent from 0 to 100.")
                        % {"what": what})
    if not 0 <= value <= 100:
        raise ExamError(_("A %(what)s is a percent from 0 to 100; %(score)s is not possible.")
                        % {"what": what, "score": value})
    return value


def part2_passes(scores: list[int], edition: Edition) -> bool:
    """The vignette pass rule of the edition: every scorer at or above the mark ("both"),
    or the scorers' average at or above it ("average")."""
    mark = edition.exam_part2_pass_percent.value
    if edition.exam_part2_rule.value == "average":
        return sum(scores) / len(scores) >= mark
    return all(score >= mark for score in scores)


def accommodation_deadline(sitting: ExamSitting) -> dt.date:
    return timezone.localdate(sitting.starts_at) - dt.timedelta(
        days=settings.EXAM_ACCOMMODATION_DAYS)


def _day(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def retake_refusal(application: Application, sitting: ExamSitting) -> str | None:
    """Why this person may not sit ``sitting`` under the retake rule, or None."""
    edition = edition_of(application)
    earlier = list(
        ExamEnrolment.objects.filter(application__applicant_id=application.applicant_id,
                                     sitting__program=sitting.program)
        .exclude(sitting=sitting).select_related("sitting").order_by("sitting__starts_at"))
    for enrolment in earlier:
        if enrolment.result == Result.PENDING:
            return _("This candidate is already enrolled in the sitting of %(date)s and its "
                     "result is not in yet.") % {"date": _day(enrolment.sitting.starts_at)}
        if enrolment.result == Result.PASSED:
            return _("This candidate has already passed this examination.")
    window = dt.timedelta(days=edition.exam_retake_window_days.value)
    retakes = edition.exam_retakes.value
    recent = [e.sitting.starts_at for e in earlier
              if e.sitting.starts_at > sitting.starts_at - window]
    if len(recent) <= retakes:
        return None
    earliest = recent[len(recent) - retakes - 1] + window
    return ngettext(
        "The rules allow %(retakes)d retake within %(days)d days, and this candidate has "
        "already sat the examination %(count)d times in the %(days)d days before this "
        "sitting. The earliest sitting they may join is after %(date)s.",
        "The rules allow %(retakes)d retakes within %(days)d days, and this candidate has "
        "already sat the examination %(count)d times in the %(days)d days before this "
        "sitting. The earliest sitting they may join is after %(date)s.",
        retakes,
    ) % {"retakes": retakes, "days": window.days, "count": len(recent),
         "date": _day(timezone.localtime(earliest))}


def may_retake(application: Application) -> bool:
    """A failed candidate whose application waits for a decision may be enrolled again."""
    return (application.status == Status.AWAITING_DECISION
            and application.exam_enrolments.filter(result=Result.FAILED).exists()
            and not application.exam_enrolments.exclude(result=Result.FAILED).exists())


def candidates_for(sitting: ExamSitting):
    """Applications that may be enrolled in ``sitting``: of its program, at level III or IV,
    approved to sit the exam (or moved to it without a seat yet, or failed and waiting for a
    decision), with no result pending or passed."""
    open_or_passed = ExamEnrolment.objects.filter(
        application=OuterRef("pk"), result__in=(Result.PENDING, Result.PASSED))
    failed = ExamEnrolment.objects.filter(application=OuterRef("pk"), result=Result.FAILED)
    return (
        Application.objects.filter(program=sitting.program,
                                   category__in=("III", "IV-C", "IV-P", "IV-RF"))
        .filter(Q(status__in=(Status.APPROVED_FOR_EXAM, Status.EXAM))
                | Q(Exists(failed), status=Status.AWAITING_DECISION))
        .exclude(Exists(open_or_passed))
        .select_related("applicant")
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )


# --- Sittings ----------------------------------------------------------------------------

SITTING_FIELDS = ("program", "starts_at", "mode", "place", "capacity")


def create_sitting(*, actor, **data) -> ExamSitting:
    with transaction.atomic():
        sitting = ExamSitting.objects.create(created_by=actor,
                                             **{f: data[f] for f in SITTING_FIELDS})
        audit.record("exam.sitting_created", sitting, actor=actor, program=sitting.program,
                     starts_at=sitting.starts_at.isoformat(), capacity=sitting.capacity)
    return sitting


def update_sitting(sitting: ExamSitting, *, version: int, actor, **data) -> ExamSitting:
    """Change a sitting; refused if the form was filled before someone else changed it, or if
    it would leave fewer seats than candidates, or move a sitting with candidates to another
    program."""
    with transaction.atomic():
        locked = ExamSitting.objects.select_for_update().get(pk=sitting.pk)
        if locked.version != version:
            raise StaleForm(_("Someone changed this sitting after you opened the page. "
                              "Your changes are below: check them against the sitting as it "
                              "is now and save again."))
        enrolled = locked.enrolments.count()
        if data["capacity"] < enrolled:
            raise ExamError(ngettext(
                "%(count)d candidate is enrolled, so the sitting needs at least %(count)d seat.",
                "%(count)d candidates are enrolled, so the sitting needs at least %(count)d "
                "seats.", enrolled) % {"count": enrolled})
        if enrolled and data["program"] != locked.program:
            raise ExamError(_("Candidates are enrolled in this sitting, so its program cannot "
                              "change."))
        before = {f: str(getattr(locked, f)) for f in SITTING_FIELDS}
        for field in SITTING_FIELDS:
            setattr(locked, field, data[field])
        locked.version += 1
        locked.save(update_fields=[*SITTING_FIELDS, "version"])
        audit.record("exam.sitting_changed", locked, actor=actor, before=before,
                     after={f: str(getattr(locked, f)) for f in SITTING_FIELDS})
    return locked


# --- Enrolment and accommodations ----------------------------------------------------------

def _new_code() -> str:
    return "C-" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(6))


def _check_accommodation(sitting: ExamSitting, requested_on: dt.date) -> None:
    today = timezone.localdate()
    if requested_on > today:
        raise ExamError(_("The date the accommodation was requested cannot be in the future."))
    deadline = accommodation_deadline(sitting)
    if requested_on > deadline:
        raise ExamError(ngettext(
            "Accommodations must be requested at least %(days)d day before the sitting, by "
            "%(deadline)s. This request came on %(date)s.",
            "Accommodations must be requested at least %(days)d days before the sitting, by "
            "%(deadline)s. This request came on %(date)s.",
            settings.EXAM_ACCOMMODATION_DAYS,
        ) % {"days": settings.EXAM_ACCOMMODATION_DAYS, "deadline": _day(deadline),
             "date": _day(requested_on)})


def enrol(sitting: ExamSitting, application: Application, *, actor, accommodation: str = "",
          requested_on: dt.date | None = None) -> ExamEnrolment:
    """Give ``application``'s candidate a seat in ``sitting`` and move the application to
    "Taking the examination". The sitting's row is locked while the seats are counted, so two
    coordinators filling the last seat at once cannot both succeed: the second is told the
    sitting is full."""
    accommodation = accommodation.strip()
    with transaction.atomic():
        locked = ExamSitting.objects.select_for_update().get(pk=sitting.pk)
        # Locked too (always after the sitting): the same candidate enrolled in two sittings at
        # once is seen as enrolled by the second request.
        application = (Application.objects.select_for_update(of=("self",))
                       .select_related("applicant").get(pk=application.pk))
        name = application.applicant.display_name
        if locked.starts_at <= timezone.now():
            raise ExamError(_("This sitting has already taken place; enrol the candidate in a "
                              "later one."))
        if application.level not in EXAM_LEVELS:
            raise ExamError(_("Only Level III and Level IV candidates take the written "
                              "examination."))
        if application.program != locked.program:
            raise ExamError(_("%(name)s applied for %(program)s; this sitting is the "
                              "%(sitting)s examination.")
                            % {"name": name, "program": application.program,
                               "sitting": locked.program})
        if locked.enrolments.filter(application=application).exists():
            raise ExamError(_("%(name)s is already enrolled in this sitting.") % {"name": name})
        has_open = application.exam_enrolments.filter(result=Result.PENDING).exists()
        retake = application.status == Status.AWAITING_DECISION and may_retake(application)
        if application.status == Status.APPROVED_FOR_EXAM:
            move = True
        elif application.status == Status.EXAM and not has_open:
            move = False  # moved to the examination from the review, without a seat yet
        elif retake:
            # The workflow may have no move back from "awaiting decision": then the
            # application stays there while the retake's result comes in.
            move = (Status.AWAITING_DECISION, Status.EXAM) in MOVES_BY_KEY
        else:
            raise ExamError(retake_refusal(application, locked) or _(
                "%(name)s's application is “%(status)s”: only a candidate approved to sit the "
                "exam can be enrolled.") % {"name": name,
                                            "status": application.get_status_display()})
        taken = locked.enrolments.count()
        if taken >= locked.capacity:
            raise ExamError(ngettext(
                "This sitting is full: its %(seats)d seat is taken.",
                "This sitting is full: all %(seats)d seats are taken.",
                locked.capacity) % {"seats": locked.capacity})
        refusal = retake_refusal(application, locked)
        if refusal:
            raise ExamError(refusal)
        if accommodation:
            requested_on = requested_on or timezone.localdate()
            _check_accommodation(locked, requested_on)
        else:
            requested_on = None
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    enrolment = ExamEnrolment.objects.create(
                        sitting=locked, application=application, candidate_code=_new_code(),
                        rules_edition=edition_of(application).id, accommodation=accommodation,
                        accommodation_requested_on=requested_on, enrolled_by=actor)
                break
            except IntegrityError:  # the random code was taken (rare): draw another
                continue
        else:
            raise ExamError(_("No candidate code could be drawn; try again."))
        audit.record("exam.enrolled", application, actor=actor, sitting_id=locked.pk,
                     enrolment_id=enrolment.pk, candidate_code=enrolment.candidate_code,
                     retake=retake, accommodation=bool(accommodation))
        note = _("Enrolled in the %(program)s examination of %(date)s.") % {
            "program": locked.program, "date": _day(timezone.localtime(locked.starts_at))}
        if move:
            transition(application, Status.EXAM, actor=actor, note=note)
    return enrolment


def withdraw_from_sitting(enrolment: ExamEnrolment, *, actor) -> None:
    """Take a candidate out of a sitting that has not taken place (they cannot come): the seat
    is free again and the candidate can be enrolled in another sitting."""
    with transaction.atomic():
        locked = _lock(enrolment)
        if locked.sitting.starts_at <= timezone.now():
            raise ExamError(_("The sitting has taken place; its record is kept."))
        if locked.part1_score is not None or locked.vignette_scores.exclude(score=None).exists():
            raise ExamError(_("Scores are recorded for this candidate; the record is kept."))
        audit.record("exam.withdrawn", locked.application, actor=actor,
                     sitting_id=locked.sitting_id, candidate_code=locked.candidate_code)
        locked.delete()


def record_accommodation(enrolment: ExamEnrolment, *, text: str, requested_on: dt.date,
                         actor, version: int | None = None) -> ExamEnrolment:
    """Record the accommodation a candidate asked for, if asked for in time."""
    text = text.strip()
    with transaction.atomic():
        locked = _lock(enrolment)
        _check_open(locked, version)
        if text:
            _check_accommodation(locked.sitting, requested_on)
        locked.accommodation = text
        locked.accommodation_requested_on = requested_on if text else None
        locked.version += 1
        locked.save(update_fields=["accommodation", "accommodation_requested_on", "version"])
        audit.record("exam.accommodation", locked.application, actor=actor,
                     enrolment_id=locked.pk, requested_on=str(requested_on) if text else None)
    return locked


def _lock(enrolment: ExamEnrolment) -> ExamEnrolment:
    return (ExamEnrolment.objects.select_for_update(of=("self",))
            .select_related("sitting", "application__applicant").get(pk=enrolment.pk))


def _check_open(locked: ExamEnrolment, version: int | None) -> None:
    if version is not None and locked.version != version:
        raise StaleForm(_("Someone recorded something for this candidate after you opened the "
                          "page. Check the record as it is now and save again."))
    if locked.result != Result.PENDING:
        raise ExamError(_("This candidate's result is final; it cannot be changed."))


# --- Part 1: multiple choice ----------------------------------------------------------------

def record_part1(enrolment: ExamEnrolment, *, score, actor, version: int | None = None):
    """Record the multiple-choice score (a percent); it passes at the edition's mark."""
    value = check_percent(score, _("multiple-choice score"))
    with transaction.atomic():
        locked = _lock(enrolment)
        _check_open(locked, version)
        if locked.sitting.starts_at > timezone.now():
            raise ExamError(_("The sitting has not taken place yet."))
        edition = get_edition(locked.rules_edition)
        locked.part1_score = value
        locked.part1_passed = value >= edition.exam_part1_pass_percent.value
        locked.version += 1
        locked.save(update_fields=["part1_score", "part1_passed", "version"])
        audit.record("exam.part1", locked.application, actor=actor, enrolment_id=locked.pk,
                     score=value, passed=locked.part1_passed,
                     mark=edition.exam_part1_pass_percent.value)
        _finish_if_complete(locked, actor)
    return locked


# --- Part 2: vignettes, scored blind --------------------------------------------------------

def save_vignette_answers(enrolment: ExamEnrolment, *, text: str, actor,
                          version: int | None = None) -> ExamEnrolment:
    """The candidate's vignette answers as the scorers read them (without the name)."""
    with transaction.atomic():
        locked = _lock(enrolment)
        _check_open(locked, version)
        if locked.vignette_answers and locked.vignette_scores.filter(score__isnull=False).exists():
            raise ExamError(_("A scorer has already scored these answers; they cannot change."))
        locked.vignette_answers = text.strip()
        locked.version += 1
        locked.save(update_fields=["vignette_answers", "version"])
        audit.record("exam.vignette_answers", locked.application, actor=actor,
                     enrolment_id=locked.pk)
    return locked


def scorers():
    return (User.objects.filter(with_role(Role.REVIEWER), is_active=True)
            .order_by("last_name", "email"))


def assign_scorer(enrolment: ExamEnrolment, scorer: User, *, actor) -> VignetteScore:
    """Ask a reviewer to score this candidate's vignettes (blind: they see the code only)."""
    with transaction.atomic():
        locked = _lock(enrolment)
        _check_open(locked, None)
        if not scorer.has_role(Role.REVIEWER) or not scorer.is_active:
            raise ExamError(_("Only reviewers score vignettes."))
        if scorer.pk == locked.application.applicant_id:
            raise ExamError(_("No one scores their own examination."))
        if locked.vignette_scores.filter(scorer=scorer).exists():
            raise ExamError(_("%(name)s already scores this candidate.")
                            % {"name": scorer.display_name})
        if locked.vignette_scores.count() >= SCORERS_PER_SCRIPT:
            raise ExamError(ngettext("This candidate already has %(count)d scorer.",
                                     "This candidate already has %(count)d scorers.",
                                     SCORERS_PER_SCRIPT) % {"count": SCORERS_PER_SCRIPT})
        row = VignetteScore.objects.create(enrolment=locked, scorer=scorer, assigned_by=actor)
        audit.record("exam.scorer_assigned", locked.application, actor=actor,
                     enrolment_id=locked.pk, scorer_id=scorer.pk)
        queue_mail("exams_scorer_assigned", scorer.email, {
            "name": scorer.display_name, "code": locked.candidate_code,
            "program": locked.sitting.program,
            "url_path": reverse("exams:score", args=[row.pk]),
        })
    return row


def record_vignette_score(row: VignetteScore, *, score, comment: str, actor) -> VignetteScore:
    """The scorer's own score for a script; final once given. The second score decides part 2."""
    value = check_percent(score, _("vignette score"))
    with transaction.atomic():
        locked = _lock(row.enrolment)
        row = VignetteScore.objects.select_for_update().get(pk=row.pk)
        if actor is None or row.scorer_id != actor.pk:
            raise ExamError(_("Only the assigned scorer can score this script."))
        if row.score is not None:
            raise ExamError(_("You have already scored this script; a score is final."))
        _check_open(locked, None)
        if not locked.vignette_answers:
            raise ExamError(_("The answers for this candidate are not in yet."))
        row.score, row.comment, row.scored_at = value, comment.strip(), timezone.now()
        row.save(update_fields=["score", "comment", "scored_at"])
        audit.record("exam.vignette_scored", locked.application, actor=actor,
                     enrolment_id=locked.pk, score_id=row.pk, score=value)
        scores = list(locked.vignette_scores.exclude(score=None).values_list("score", flat=True))
        if len(scores) >= SCORERS_PER_SCRIPT:
            locked.part2_passed = part2_passes(scores, get_edition(locked.rules_edition))
            locked.version += 1
            locked.save(update_fields=["part2_passed", "version"])
            audit.record("exam.part2", locked.application, actor=actor, enrolment_id=locked.pk,
                         scores=scores, passed=locked.part2_passed)
            _finish_if_complete(locked, actor)
    return row


# --- The result -------------------------------------------------------------------------------

def _finish_if_complete(locked: ExamEnrolment, actor) -> None:
    """Both parts in: the result is final, the application awaits the decision, the candidate
    is told."""
    if locked.part1_passed is None or locked.part2_passed is None:
        return
    passed = locked.part1_passed and locked.part2_passed
    locked.result = Result.PASSED if passed else Result.FAILED
    locked.result_at = timezone.now()
    locked.save(update_fields=["result", "result_at"])
    application = locked.application
    audit.record("exam.result", application, actor=actor, enrolment_id=locked.pk,
                 result=locked.result)
    if application.status == Status.EXAM:
        # A system move: made by the coordinator who recorded the last part, or by no one
        # when a scorer's score completed it.
        by = actor if actor is not None and actor.has_role(Role.COORDINATOR) else None
        transition(application, Status.AWAITING_DECISION, actor=by,
                   note=_("Examination passed.") if passed else _("Examination not passed."))
    queue_mail("exams_result", application.applicant.email, {
        "name": application.applicant.display_name,
        "program": locked.sitting.program,
        "date": lazy(_day, str)(timezone.localtime(locked.sitting.starts_at)),
        "passed": passed,
        "part1_score": locked.part1_score,
        "part1_passed": locked.part1_passed,
        "part2_passed": locked.part2_passed,
        "url_path": reverse("applicants:submitted", args=[application.pk]),
    }, about=application)


def case_part(application: Application) -> dict:
    """The engine's ``exam`` field from the exam records of this person in this program (an
    exam passed for an earlier application counts, as the retake rule counts earlier
    attempts): passed if any sitting was passed, not passed if results are in and none
    passed, ``None`` while nothing is final."""
    rows = panels.preloaded(application, "exams:results")
    if rows is not None:  # read with the page's other rows
        results = {e.result for e in rows}
    else:
        results = set(_results(application).values_list("result", flat=True))
    if not results:
        return {"exam": None}
    return {"exam": {"passed": Result.PASSED in results}}


def _results(application: Application):
    """The person's final exam results in the application's program (any application)."""
    return (ExamEnrolment.objects.filter(application__applicant_id=application.applicant_id,
                                         sitting__program=application.program)
            .exclude(result=Result.PENDING))


def _latest(application: Application):
    return application.exam_enrolments.order_by("-sitting__starts_at", "-pk")


def case_rows(application: Application) -> dict:
    """What the case part reads (read with the application's answers)."""
    return {"exams:results": _results(application).only("result")}


def rows_to_preload(application: Application) -> dict:
    """What the result panel reads, for ``applicants.panels.preload``."""
    latest = _latest(application)[:1]
    return {"exams:latest": latest,
            "exams:latest_sitting": ExamSitting.objects.filter(
                pk__in=latest.values("sitting_id"))}


def latest_result(application: Application) -> ExamEnrolment | None:
    """The candidate's most recent enrolment with its sitting (for their application page)."""
    rows = panels.preloaded(application, "exams:latest")
    if rows is not None:  # read with the page's other rows
        sittings = panels.preloaded(application, "exams:latest_sitting")
        if not rows:
            return None
        enrolment = rows[0]
        enrolment.sitting = sittings[0]
        return enrolment
    return _latest(application).select_related("sitting").first()
