"""The transition table: every legal move by the right person, everything else refused."""
import pytest

from applicants.models import ApplicationEvent, CoordinatorMessage, Status
from applicants.tests.factories import ApplicationFactory, complete
from applicants.workflow import TRANSITIONS, TransitionError, allowed_moves, transition
from endorsement.models import AuditEvent, OutboundEmail

pytestmark = pytest.mark.django_db


def test_the_table_is_exactly_the_agreed_moves():
    assert set(TRANSITIONS.items()) == {
        (("draft", "submitted"), "applicant"), (("returned", "submitted"), "applicant"),
        (("draft", "withdrawn"), "applicant"),
        (("submitted", "in_review"), "coordinator"), (("submitted", "returned"), "coordinator"),
        (("in_review", "returned"), "coordinator"), (("in_review", "exam"), "coordinator"),
        (("in_review", "endorsed"), "coordinator"),
        (("in_review", "not_endorsed"), "coordinator"),
        (("exam", "endorsed"), "coordinator"), (("exam", "not_endorsed"), "coordinator"),
        # The Guidelines' path through the examination, the decision and deferral.
        (("deferred", "submitted"), "applicant"),
        (("in_review", "approved_for_exam"), "coordinator"),
        (("approved_for_exam", "exam"), "coordinator"),
        (("exam", "awaiting_decision"), "system"),
        (("awaiting_decision", "endorsed"), "coordinator"),
        (("awaiting_decision", "not_endorsed"), "coordinator"),
        (("in_review", "deferred"), "coordinator"),
        (("awaiting_decision", "deferred"), "coordinator"),
    }


ILLEGAL = [(frm, to) for frm in Status.values for to in Status.values
           if (frm, to) not in TRANSITIONS]


@pytest.mark.parametrize("frm, to", ILLEGAL)
def test_illegal_moves_are_refused(applicant, coordinator, frm, to):
    application = ApplicationFactory(applicant=applicant, status=frm)
    for actor in (applicant, coordinator):
        with pytest.raises(TransitionError, match="cannot be moved"):
            transition(application, to, actor=actor)
    application.refresh_from_db()
    assert application.status == frm
    assert not ApplicationEvent.objects.exists()


@pytest.mark.parametrize("move, who", list(TRANSITIONS.items()))
def test_only_the_right_person_may_move(applicant, other_applicant, coordinator, reviewer,
                                        move, who):
    frm, to = move
    application = complete(ApplicationFactory(applicant=applicant, status=frm,
                                              category="III"))
    wrong = [coordinator, other_applicant, reviewer] if who == "applicant" \
        else [applicant, reviewer]
    for actor in wrong:
        with pytest.raises(TransitionError, match="Only the"):
            transition(application, to, actor=actor)
    assert to in allowed_moves(application, applicant if who == "applicant" else coordinator)


def test_submit_records_event_audit_snapshot_and_mail(ready):
    transition(ready, "submitted", actor=ready.applicant, note="Ready")
    ready.refresh_from_db()
    assert ready.status == "submitted" and ready.submitted_at
    event = ApplicationEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        ready.applicant, "draft", "submitted", "Ready")
    assert AuditEvent.objects.filter(action="application.status", subject_id=ready.pk).exists()
    assert ready.snapshot["case"]["level"] == "II"
    assert ready.snapshot["answers"]["degrees"][0]["name"] == "BACHELOR"
    mail = OutboundEmail.objects.get()
    assert mail.template == "applicants_submitted" and mail.to == ready.applicant.email
    assert "received your" in mail.subject and mail.body_html and mail.body_text


def test_submit_is_refused_while_something_is_missing(draft):
    with pytest.raises(TransitionError, match="not ready to submit"):
        transition(draft, "submitted", actor=draft.applicant)
    assert not OutboundEmail.objects.exists()


def test_return_and_resubmit(ready, coordinator):
    transition(ready, "submitted", actor=ready.applicant)
    CoordinatorMessage.objects.create(application=ready, author=coordinator,
                                      body="Please add your CDA transcript.")
    transition(ready, "returned", actor=coordinator, note="Add the transcript")
    assert ready.is_editable
    returned = OutboundEmail.objects.get(template="applicants_returned")
    assert "Add the transcript" in returned.body_text and "Add the transcript" in returned.body_html
    ready.training.update(title="Renamed")
    transition(ready, "submitted", actor=ready.applicant)
    ready.refresh_from_db()
    assert {t["title"] for t in ready.snapshot["answers"]["training"]} == {"Renamed"}
    assert list(ready.events.values_list("to_status", flat=True)) == [
        "submitted", "returned", "submitted"]


def test_exam_only_for_levels_iii_and_iv(ready, coordinator):
    transition(ready, "submitted", actor=ready.applicant)
    transition(ready, "in_review", actor=coordinator)
    with pytest.raises(TransitionError, match="Level III and Level IV"):
        transition(ready, "exam", actor=coordinator)


def test_endorsing_waits_for_the_references(ready, coordinator):
    transition(ready, "submitted", actor=ready.applicant)
    transition(ready, "in_review", actor=coordinator)
    with pytest.raises(TransitionError, match="reference ratings are not complete"):
        transition(ready, "endorsed", actor=coordinator)
    transition(ready, "not_endorsed", actor=coordinator, note="Not enough hours")
    assert ready.status == "not_endorsed"


def test_withdraw_and_the_view(client, draft):
    client.force_login(draft.applicant)
    response = client.post(f"/apply/{draft.pk}/withdraw/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
