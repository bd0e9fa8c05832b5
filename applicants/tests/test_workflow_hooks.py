"""The application's life as data: labelled moves, checks and effects registered from outside,
run inside the move's transaction; case parts; the rules edition; every submission kept."""
import pytest

from applicants import case, workflow
from applicants.models import ApplicationEvent, Status, SubmissionVersion
from applicants.tests.factories import ApplicationFactory, complete
from applicants.workflow import MOVES, TransitionError, transition
from endorsement.models import AuditEvent, OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooks():
    """Register hooks for one test and always remove them."""
    added = []

    def add(kind, target, fn):
        (workflow.register_check if kind == "check" else workflow.register_effect)(target, fn)
        added.append((target, fn))
        return fn

    yield add
    for target, fn in added:
        workflow.unregister(target, fn)


def test_every_move_has_a_label_and_an_actor():
    assert all(m.label and m.actor in ("applicant", "coordinator", "system") for m in MOVES)
    assert len({(m.source, m.target) for m in MOVES}) == len(MOVES)
    assert [str(m.label) for m in workflow.allowed(
        ApplicationFactory(status="in_review", category="III"), None)] == []


def test_every_state_in_plain_words():
    from applicants.models import APPLICANT_WORDS

    assert set(APPLICANT_WORDS) == set(Status.values)


def test_a_check_vetoes_the_move_and_nothing_is_kept(ready, coordinator, hooks):
    transition(ready, "submitted", actor=ready.applicant)
    calls = []

    def veto(application, *, actor, note):
        calls.append((application.status, actor, note))
        raise TransitionError("Two reviews are needed first.")

    hooks("check", Status.IN_REVIEW, veto)
    with pytest.raises(TransitionError, match="Two reviews"):
        transition(ready, "in_review", actor=coordinator, note="go")
    assert calls == [("submitted", coordinator, "go")]
    ready.refresh_from_db()
    assert ready.status == "submitted"
    assert ApplicationEvent.objects.filter(to_status="in_review").count() == 0


def test_a_failing_effect_rolls_the_move_back(ready, coordinator, hooks):
    transition(ready, "submitted", actor=ready.applicant)
    seen = []

    def effect(application, *, actor, from_status, note):
        seen.append((application.status, from_status))
        raise RuntimeError("boom")

    hooks("effect", Status.IN_REVIEW, effect)
    with pytest.raises(RuntimeError):
        transition(ready, "in_review", actor=coordinator)
    assert seen == [("in_review", "submitted")]
    ready.refresh_from_db()
    assert ready.status == "submitted"
    assert not ApplicationEvent.objects.filter(to_status="in_review").exists()
    assert not AuditEvent.objects.filter(action="application.status",
                                         detail__to_status="in_review").exists()


def test_an_effect_runs_once_for_its_pair_only(ready, coordinator, hooks):
    seen = []
    hooks("effect", ("returned", "submitted"),
          lambda application, **kw: seen.append(kw["from_status"]))
    transition(ready, "submitted", actor=ready.applicant)
    transition(ready, "returned", actor=coordinator, note="Add a transcript")
    transition(ready, "submitted", actor=ready.applicant)
    assert seen == ["returned"]


def test_defer_needs_reasons_mails_them_and_the_applicant_resubmits(ready, coordinator):
    transition(ready, "submitted", actor=ready.applicant)
    transition(ready, "in_review", actor=coordinator)
    with pytest.raises(TransitionError, match="reasons"):
        transition(ready, "deferred", actor=coordinator, note="  ")
    transition(ready, "deferred", actor=coordinator, note="More RSC hours please")
    assert ready.is_editable and "amend" in str(ready.status_in_words)
    mail = OutboundEmail.objects.get(template="applicants_deferred")
    assert "More RSC hours please" in mail.body_text and "More RSC hours" in mail.body_html
    assert f"/apply/{ready.pk}/" in mail.body_text
    transition(ready, "submitted", actor=ready.applicant)
    assert list(ready.versions.values_list("number", flat=True)) == [1, 2]


def test_not_endorsed_needs_reasons_and_mails_them(ready, coordinator):
    transition(ready, "submitted", actor=ready.applicant)
    transition(ready, "in_review", actor=coordinator)
    with pytest.raises(TransitionError, match="reasons"):
        transition(ready, "not_endorsed", actor=coordinator)
    transition(ready, "not_endorsed", actor=coordinator, note="Not enough hours")
    assert "Not enough hours" in OutboundEmail.objects.get(
        template="applicants_not_endorsed").body_text


def test_the_exam_path_is_for_levels_iii_and_iv(applicant, coordinator):
    level_ii = ApplicationFactory(applicant=applicant, status="in_review", category="II")
    with pytest.raises(TransitionError, match="Level III and Level IV"):
        transition(level_ii, "approved_for_exam", actor=coordinator)
    level_iii = ApplicationFactory(applicant=applicant, status="approved_for_exam",
                                   category="III")
    transition(level_iii, "exam", actor=coordinator)
    transition(level_iii, "awaiting_decision", actor=None)  # the exam records, as the system
    assert level_iii.status == "awaiting_decision"
    assert level_iii.events.last().actor is None


def test_endorsing_needs_the_engine_verdict_eligible(applicant, coordinator):
    application = complete(ApplicationFactory(applicant=applicant, status="in_review",
                                              category="III"))
    with pytest.raises(TransitionError):
        transition(application, "endorsed", actor=coordinator)
    assert workflow.refusal(application, "endorsed", actor=coordinator)
    application.refresh_from_db()
    assert application.status == "in_review"


def test_a_case_part_is_merged_before_the_engine_runs(ready):
    def exam_part(application):
        return {"exam": {"passed": True}}

    case.register_case_part(exam_part)
    try:
        assert case.build_case(ready)["exam"] == {"passed": True}
    finally:
        case.unregister_case_part(exam_part)
    assert case.build_case(ready)["exam"] is None


def test_the_rules_edition_is_recorded_and_used(ready, settings):
    assert ready.rules_edition == settings.RULES_EDITION
    ready.rules_edition = "no-such-edition"
    with pytest.raises(ValueError, match="edition"):
        case.checklist(ready)


def test_every_submission_is_kept(ready, coordinator):
    transition(ready, "submitted", actor=ready.applicant)
    transition(ready, "returned", actor=coordinator, note="Rename the training")
    ready.training.update(title="Renamed")
    transition(ready, "submitted", actor=ready.applicant)
    first, second = SubmissionVersion.objects.filter(application=ready)
    assert (first.number, second.number) == (1, 2)
    assert "Renamed" not in {t["title"] for t in first.snapshot["answers"]["training"]}
    assert {t["title"] for t in second.snapshot["answers"]["training"]} == {"Renamed"}
    assert second.submitted_by == ready.applicant
