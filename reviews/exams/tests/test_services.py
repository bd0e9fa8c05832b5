"""The examination's rules: seats, scores in range, pass marks per edition, blind scoring,
retakes, and the result feeding the engine's ``exam`` requirement."""
import dataclasses
import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from applicants.case import build_case, checklist
from applicants.models import Application, Status
from endorsement.guidelines import MASSAIMH_2015, Rule, editions
from endorsement.models import AuditEvent, OutboundEmail
from endorsement.testing.factories import CoordinatorFactory
from reviews.exams import services
from reviews.exams.models import ExamEnrolment, Result
from reviews.exams.services import ExamError, StaleForm

from .conftest import approved, make_sitting, sat

pytestmark = pytest.mark.django_db


def enrolled(sitting, coordinator, **kwargs):
    return services.enrol(sitting, approved(**kwargs), actor=coordinator)


def score_both(enrolment, scorers, first, second):
    services.save_vignette_answers(enrolment, text="Vignette 1: I would ...", actor=None)
    rows = [services.assign_scorer(enrolment, s, actor=None) for s in scorers]
    services.record_vignette_score(rows[0], score=first, comment="", actor=scorers[0])
    services.record_vignette_score(rows[1], score=second, comment="", actor=scorers[1])


def finish(enrolment, coordinator, scorers, part1=85, part2=(90, 82)):
    sat(enrolment.sitting)
    services.record_part1(enrolment, score=part1, actor=coordinator)
    score_both(enrolment, scorers, *part2)
    enrolment.refresh_from_db()
    return enrolment


def test_enrolling_moves_the_application_to_the_exam_and_is_audited(sitting, coordinator):
    application = approved()
    enrolment = services.enrol(sitting, application, actor=coordinator)
    application.refresh_from_db()
    assert application.status == Status.EXAM
    assert enrolment.candidate_code.startswith("C-") and len(enrolment.candidate_code) == 8
    assert enrolment.rules_edition == "massaimh-2015"
    assert AuditEvent.objects.filter(action="exam.enrolled", subject_id=application.pk).exists()


def test_a_full_sitting_refuses_the_next_candidate_and_says_why(coordinator):
    sitting = make_sitting(capacity=1)
    enrolled(sitting, coordinator)
    second = approved()
    with pytest.raises(ExamError, match="This sitting is full: its 1 seat is taken."):
        services.enrol(sitting, second, actor=coordinator)
    second.refresh_from_db()
    assert second.status == Status.APPROVED_FOR_EXAM
    assert sitting.enrolments.count() == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"category": "II"}, "Only Level III and Level IV"),
    ({"program": "ECMH-E"}, "this sitting is the IMH-E examination"),
])
def test_only_level_iii_and_iv_candidates_of_the_program(sitting, coordinator, kwargs, message):
    with pytest.raises(ExamError, match=message):
        enrolled(sitting, coordinator, **kwargs)
    assert not ExamEnrolment.objects.exists()


def test_an_application_not_approved_for_the_exam_cannot_be_enrolled(sitting, coordinator):
    application = approved()
    application.status = Status.IN_REVIEW
    application.save(update_fields=["status"])
    with pytest.raises(ExamError, match="only a candidate approved to sit the exam"):
        services.enrol(sitting, application, actor=coordinator)


def test_a_past_sitting_takes_no_one(sitting, coordinator):
    sat(sitting)
    with pytest.raises(ExamError, match="already taken place"):
        enrolled(sitting, coordinator)


@pytest.mark.parametrize("score", [101, -1, 250, "abc", None, 80.5])
def test_a_score_out_of_range_is_refused_with_a_clear_message(sitting, coordinator, score):
    enrolment = enrolled(sitting, coordinator)
    sat(sitting)
    with pytest.raises(ExamError, match="percent from 0 to 100"):
        services.record_part1(enrolment, score=score, actor=coordinator)
    enrolment.refresh_from_db()
    assert enrolment.part1_score is None


def test_101_says_it_is_not_possible(sitting, coordinator):
    enrolment = enrolled(sitting, coordinator)
    sat(sitting)
    with pytest.raises(ExamError, match="101 is not possible"):
        services.record_part1(enrolment, score=101, actor=coordinator)


@pytest.mark.parametrize("score, passed", [(80, True), (79, False), (100, True), (0, False)])
def test_part1_passes_at_80_percent_by_default(sitting, coordinator, score, passed):
    enrolment = enrolled(sitting, coordinator)
    sat(sitting)
    assert services.record_part1(enrolment, score=score, actor=coordinator).part1_passed is passed


@pytest.fixture
def lenient_edition(monkeypatch):
    """A later edition with a 70 % multiple-choice mark and the vignette average rule."""
    edition = dataclasses.replace(
        MASSAIMH_2015, id="test-2030", exam_part1_pass_percent=Rule(70, "test"),
        exam_part2_rule=Rule("average", "test"), exam_part2_pass_percent=Rule(75, "test"))
    monkeypatch.setitem(editions.EDITIONS, edition.id, edition)
    return edition


def test_the_pass_mark_is_the_one_of_the_candidates_edition(sitting, coordinator,
                                                             lenient_edition):
    old_rules = enrolled(sitting, coordinator)
    new_rules = enrolled(sitting, coordinator)
    ExamEnrolment.objects.filter(pk=new_rules.pk).update(rules_edition=lenient_edition.id)
    sat(sitting)
    assert services.record_part1(old_rules, score=75, actor=coordinator).part1_passed is False
    assert services.record_part1(new_rules, score=75, actor=coordinator).part1_passed is True


def test_part2_pass_rules():
    assert services.part2_passes([80, 95], MASSAIMH_2015)
    assert not services.part2_passes([79, 100], MASSAIMH_2015)  # "both" by default
    average = dataclasses.replace(MASSAIMH_2015, exam_part2_rule=Rule("average", "t"))
    assert services.part2_passes([70, 90], average)
    assert not services.part2_passes([70, 89], average)


def test_the_result_is_final_when_both_parts_are_in(sitting, coordinator, scorers):
    enrolment = enrolled(sitting, coordinator)
    sat(sitting)
    services.record_part1(enrolment, score=85, actor=coordinator)
    application = enrolment.application
    application.refresh_from_db()
    assert application.status == Status.EXAM  # part 2 still to come
    score_both(enrolment, scorers, 90, 82)
    enrolment.refresh_from_db()
    application.refresh_from_db()
    assert (enrolment.part2_passed, enrolment.result) == (True, Result.PASSED)
    assert application.status == Status.AWAITING_DECISION
    email = OutboundEmail.objects.get(template="exams_result")
    assert email.to == application.applicant.email
    assert "You passed" in email.body_text and "85%" in email.body_text
    assert "You passed" in email.body_html
    assert f"/apply/{application.pk}/submitted/" in email.body_html
    with pytest.raises(ExamError, match="result is final"):
        services.record_part1(enrolment, score=10, actor=coordinator)


def test_the_result_feeds_the_engines_exam_requirement(sitting, coordinator, scorers):
    application = approved(full=True)
    exam_row = lambda: next(r for r in checklist(application)["requirements"]  # noqa: E731
                            if r["id"] == "exam")
    assert build_case(application)["exam"] is None
    assert exam_row()["met"] is False
    enrolment = services.enrol(sitting, application, actor=coordinator)
    assert build_case(application)["exam"] is None  # enrolled, nothing final yet
    finish(enrolment, coordinator, scorers)
    assert build_case(application)["exam"] == {"passed": True}
    assert exam_row()["met"] is True


def test_a_failed_part_fails_the_exam_and_the_requirement_stays_unmet(sitting, coordinator,
                                                                     scorers):
    application = approved(full=True)
    enrolment = services.enrol(sitting, application, actor=coordinator)
    finish(enrolment, coordinator, scorers, part1=92, part2=(85, 60))
    assert (enrolment.part2_passed, enrolment.result) == (False, Result.FAILED)
    assert build_case(application)["exam"] == {"passed": False}
    row = next(r for r in checklist(application)["requirements"] if r["id"] == "exam")
    assert row["met"] is False
    assert "did not pass" in OutboundEmail.objects.get(template="exams_result").body_text


def test_scorers_are_reviewers_two_at_most_and_never_the_candidate(sitting, coordinator,
                                                                   scorers, reviewer):
    enrolment = enrolled(sitting, coordinator)
    with pytest.raises(ExamError, match="Only reviewers"):
        services.assign_scorer(enrolment, coordinator, actor=coordinator)
    for s in scorers:
        services.assign_scorer(enrolment, s, actor=coordinator)
    with pytest.raises(ExamError, match="already scores"):
        services.assign_scorer(enrolment, scorers[0], actor=coordinator)
    with pytest.raises(ExamError, match="already has 2 scorers"):
        services.assign_scorer(enrolment, reviewer, actor=coordinator)
    mail = OutboundEmail.objects.filter(template="exams_scorer_assigned").first()
    assert enrolment.candidate_code in mail.body_text
    assert enrolment.application.applicant.last_name not in mail.body_text + mail.subject


def test_a_scorer_scores_only_their_own_script_once_and_in_range(sitting, coordinator, scorers):
    enrolment = enrolled(sitting, coordinator)
    rows = [services.assign_scorer(enrolment, s, actor=coordinator) for s in scorers]
    with pytest.raises(ExamError, match="answers for this candidate are not in"):
        services.record_vignette_score(rows[0], score=90, comment="", actor=scorers[0])
    services.save_vignette_answers(enrolment, text="My answers", actor=coordinator)
    with pytest.raises(ExamError, match="Only the assigned scorer"):
        services.record_vignette_score(rows[0], score=90, comment="", actor=scorers[1])
    with pytest.raises(ExamError, match="-5 is not possible"):
        services.record_vignette_score(rows[0], score=-5, comment="", actor=scorers[0])
    services.record_vignette_score(rows[0], score=90, comment="Clear", actor=scorers[0])
    with pytest.raises(ExamError, match="already scored"):
        services.record_vignette_score(rows[0], score=10, comment="", actor=scorers[0])
    with pytest.raises(ExamError, match="already scored these answers"):
        services.save_vignette_answers(enrolment, text="Changed", actor=coordinator)


def test_a_stale_part1_form_is_refused(sitting, coordinator):
    enrolment = enrolled(sitting, coordinator)
    sat(sitting)
    seen = enrolment.version
    services.record_part1(enrolment, score=70, actor=coordinator, version=seen)
    with pytest.raises(StaleForm):
        services.record_part1(enrolment, score=90, actor=coordinator, version=seen)
    enrolment.refresh_from_db()
    assert enrolment.part1_score == 70


def test_accommodations_must_be_requested_in_time(coordinator, settings):
    settings.EXAM_ACCOMMODATION_DAYS = 14
    soon = make_sitting(days=10)
    enrolment = enrolled(soon, coordinator)
    today = timezone.localdate()
    with pytest.raises(ExamError, match="at least 14 days before the sitting, by"):
        services.record_accommodation(enrolment, text="Extra time", actor=coordinator,
                                      requested_on=today)
    # Asked for in time (three weeks ago), recorded today.
    asked = today - dt.timedelta(days=21)
    done = services.record_accommodation(enrolment, text="Extra time", actor=coordinator,
                                         requested_on=asked)
    assert (done.accommodation, done.accommodation_requested_on) == ("Extra time", asked)
    with pytest.raises(ExamError, match="cannot be in the future"):
        services.record_accommodation(enrolment, text="Extra time", actor=coordinator,
                                      requested_on=today + dt.timedelta(days=1))
    with pytest.raises(ExamError, match="at least 14 days"):
        services.enrol(soon, approved(), actor=coordinator, accommodation="A reader")
    in_time = services.enrol(make_sitting(days=30), approved(), actor=coordinator,
                             accommodation="A reader")
    assert in_time.accommodation_requested_on == today


def _fail(enrolment, coordinator, scorers):
    return finish(enrolment, coordinator, scorers, part1=50, part2=(40, 45))


def test_one_retake_within_a_year_then_wait(coordinator, scorers, reviewer):
    application = approved()
    first = make_sitting(days=5)
    _fail(services.enrol(first, application, actor=coordinator), coordinator, scorers)
    # The failed candidate may be enrolled once more within the year.
    second = make_sitting(days=100)
    assert application in services.candidates_for(second)
    retake = services.enrol(second, application, actor=coordinator)
    application.refresh_from_db()
    # The retake takes the application back to the examination.
    assert application.status == Status.EXAM
    other_scorers = [reviewer, scorers[0]]
    assert retake.candidate_code != application.exam_enrolments.get(sitting=first).candidate_code
    _fail(retake, coordinator, other_scorers)
    # A third sitting inside the year is refused, with the first possible date.
    third = make_sitting(days=200)
    with pytest.raises(ExamError, match="at most|allow 1 retake within 365 days"):
        services.enrol(third, application, actor=coordinator)
    # Once the first attempt is more than a year before the sitting, it is allowed again.
    later = make_sitting(days=370)
    assert services.retake_refusal(application, later) is None


def test_a_candidate_who_passed_or_waits_for_a_result_is_not_enrolled_again(
        coordinator, scorers):
    application = approved()
    enrolment = services.enrol(make_sitting(days=5), application, actor=coordinator)
    other = make_sitting(days=60)
    assert "not in yet" in services.retake_refusal(application, other)
    finish(enrolment, coordinator, scorers)
    assert application not in services.candidates_for(other)
    assert "already passed" in services.retake_refusal(application, other)


def test_changing_a_sitting_keeps_room_for_its_candidates_and_refuses_stale_forms(
        coordinator, sitting):
    enrolled(sitting, coordinator)
    enrolled(sitting, coordinator)
    data = {f: getattr(sitting, f) for f in services.SITTING_FIELDS}
    with pytest.raises(ExamError, match="at least 2 seats"):
        services.update_sitting(sitting, version=sitting.version, actor=coordinator,
                                **{**data, "capacity": 1})
    services.update_sitting(sitting, version=sitting.version, actor=coordinator,
                            **{**data, "capacity": 3})
    with pytest.raises(StaleForm):
        services.update_sitting(sitting, version=sitting.version, actor=coordinator,
                                **{**data, "capacity": 5})
    sitting.refresh_from_db()
    assert (sitting.capacity, sitting.version) == (3, 2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor == 'sqlite'", reason="SQLite has one writer at a time")
def test_two_coordinators_filling_the_last_seat_at_once_one_wins(coordinator):
    sitting = make_sitting(capacity=1)
    candidates = [approved(), approved()]
    actors = [coordinator, CoordinatorFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def run(application, actor):
        barrier.wait()
        try:
            services.enrol(sitting, application, actor=actor)
            outcomes.append("enrolled")
        except ExamError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in zip(candidates, actors,
                                                                         strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["This sitting is full: its 1 seat is taken.", "enrolled"]
    assert sitting.enrolments.count() == 1
    statuses = sorted(Application.objects.filter(pk__in=[c.pk for c in candidates])
                      .values_list("status", flat=True))
    assert statuses == [Status.APPROVED_FOR_EXAM, Status.EXAM]


def test_a_candidate_cannot_hold_seats_in_two_sittings(coordinator, sitting):
    application = approved()
    services.enrol(sitting, application, actor=coordinator)
    with pytest.raises(ExamError, match="already enrolled in the sitting of"):
        services.enrol(make_sitting(days=40), application, actor=coordinator)
    with pytest.raises(ExamError, match="already enrolled in this sitting"):
        services.enrol(sitting, application, actor=coordinator)
    assert ExamEnrolment.objects.count() == 1


def test_an_exam_passed_for_an_earlier_application_counts(coordinator, scorers, sitting):
    first = approved(full=True)
    finish(services.enrol(sitting, first, actor=coordinator), coordinator, scorers)
    later = approved(applicant=first.applicant, full=True)
    assert build_case(later)["exam"] == {"passed": True}
    assert "already passed" in services.retake_refusal(later, make_sitting(days=90))
    other_program = approved(applicant=first.applicant, program="ECMH-E")
    assert build_case(other_program)["exam"] is None
