"""Annual renewal online: the window, the late fee, the shared evidence log, the checklist,
submit, the coordinator's queue, approve and return; strangers get 404."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from applicants.models import EvidenceLog, RscSession, TrainingEntry
from applicants.tests.factories import ApplicationFactory
from endorsement.models import AuditEvent, OutboundEmail
from endorsement.renewals import services
from endorsement.renewals.models import Renewal, RenewalStatus
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def log_training(user, hours, day, about_rsc=False):
    return TrainingEntry.objects.create(log=EvidenceLog.of(user), title="Attachment", sponsor="X",
                                        date=day, hours=hours, about_rsc=about_rsc)


def log_rsc(user, sessions, day, hours=1.5):
    for i in range(sessions):
        RscSession.objects.create(log=EvidenceLog.of(user), date=day - dt.timedelta(days=i),
                                  hours=hours, format="group", provider_name="Dr. R",
                                  provider_level="IV-C", provider_degree="master")


def pay(renewal, coordinator):
    """The fee paid in full, recorded as a payment (renewals' fee_paid follows the payments)."""
    from reviews.payments.services import record_renewal_payment

    return record_renewal_payment(renewal, amount=renewal.fee_due, method="check",
                                  received_on=dt.date.today(), actor=coordinator)


def ready(user, year):
    """A renewal that meets every requirement at Level II."""
    log_training(user, 16, dt.date(year, 3, 3))
    log_rsc(user, 8, dt.date(year, 9, 10))
    renewal = services.open_renewal(user, dt.date(year, 10, 2))
    return services.save_details(renewal.pk, actor=user, membership_number="M1",
                                 membership_expires=dt.date(year + 1, 12, 31),
                                 provides_rsc=False)


# --- window, first year, late fee ---------------------------------------------------------

def test_window_opens_october_1_by_default(applicant, held):
    held(applicant, valid_through=dt.date(2026, 12, 31), issued_on=dt.date(2025, 3, 1))
    assert services.due_endorsements(applicant, dt.date(2026, 9, 30)) is None
    year, due_on, due = services.due_endorsements(applicant, dt.date(2026, 10, 1))
    assert (year, due_on, len(due)) == (2026, dt.date(2026, 12, 31), 1)
    with pytest.raises(services.NotDue):
        services.open_renewal(applicant, dt.date(2026, 9, 30))


def test_window_is_configurable(applicant, held, settings):
    settings.RENEWAL_WINDOW_DAYS = 30
    held(applicant, valid_through=dt.date(2026, 12, 31), issued_on=dt.date(2025, 3, 1))
    assert services.due_endorsements(applicant, dt.date(2026, 11, 30)) is None
    assert services.due_endorsements(applicant, dt.date(2026, 12, 1)) is not None


def test_no_renewal_in_the_calendar_year_of_the_first_endorsement(applicant, held):
    held(applicant, valid_through=dt.date(2026, 12, 31), issued_on=dt.date(2026, 2, 1))
    assert services.due_endorsements(applicant, dt.date(2026, 11, 1)) is None


def test_late_fee_after_the_due_date_and_configurable(settings):
    settings.RENEWAL_FEE, settings.RENEWAL_LATE_FEE = 60, 40
    due = dt.date(2026, 12, 31)
    assert services.fee_for(due, due) == (Decimal(60), Decimal(0))
    assert services.fee_for(due, dt.date(2027, 1, 1)) == (Decimal(100), Decimal(40))


def test_two_endorsements_renew_together_with_one_fee_and_hours_counted_once(applicant, held):
    held(applicant, program="IMH-E", category="II")
    held(applicant, program="ECMH-E", category="II")
    year = dt.date.today().year
    renewal = ready(applicant, year)
    verdict = services.checklist(renewal)
    assert len(verdict["endorsements"]) == 2 and verdict["eligible"]
    assert verdict["log"]["training_hours"] == "16"
    submitted = services.submit_renewal(renewal.pk, actor=applicant, typed_name="ana  LOPEZ",
                                        code_of_ethics=True, no_sanction=True,
                                        today=dt.date(year, 12, 1))
    assert submitted.fee_due == Decimal(50) and submitted.late_fee == 0
    late = Renewal.objects.get(pk=renewal.pk)
    assert late.status == RenewalStatus.SUBMITTED


def test_late_submission_records_the_late_fee(applicant, held, this_year):
    held(applicant)
    renewal = ready(applicant, this_year)
    done = services.submit_renewal(renewal.pk, actor=applicant, typed_name="Ana Lopez",
                                   code_of_ethics=True, no_sanction=True,
                                   today=dt.date(this_year + 1, 1, 5))
    assert (done.fee_due, done.late_fee) == (Decimal(75), Decimal(25))
    mail = OutboundEmail.objects.get(template="renewals_submitted")
    assert "$75.00" in mail.body_text and "late fee of $25.00" in mail.body_text


# --- the evidence log and the checklist -----------------------------------------------------

def test_the_application_and_the_renewal_read_one_log(applicant, held, this_year):
    application = ApplicationFactory(applicant=applicant)
    TrainingEntry.objects.create(application=application, title="From the application",
                                 sponsor="Y", date=dt.date(this_year, 2, 2), hours=4)
    log_training(applicant, 3, dt.date(this_year, 4, 4))
    assert TrainingEntry.objects.for_application(application).count() == 2
    held(applicant)
    renewal = services.open_renewal(applicant, dt.date(this_year, 10, 2))
    training, _rsc = services.log_rows(renewal)
    assert {t.title for t in training} == {"From the application", "Attachment"}
    assert EvidenceLog.objects.filter(user=applicant).count() == 1


def test_checklist_says_what_is_missing_in_words(applicant, held, this_year):
    held(applicant)
    log_training(applicant, 5, dt.date(this_year, 3, 3))
    log_training(applicant, 20, dt.date(this_year - 1, 3, 3))  # before the renewal year
    renewal = services.open_renewal(applicant, dt.date(this_year, 10, 2))
    missing = services.missing_in_words(services.checklist(renewal))
    assert any("5 of 15" in line for line in missing)
    assert any("Membership" in line for line in missing)
    with pytest.raises(services.NotReady):
        services.submit_renewal(renewal.pk, actor=applicant, typed_name="Ana Lopez",
                                code_of_ethics=True, no_sanction=True)


def test_level_iii_provider_needs_hours_about_providing_rsc(applicant, held, this_year):
    held(applicant, category="III")
    renewal = ready(applicant, this_year)
    renewal = services.save_details(renewal.pk, actor=applicant, membership_number="M1",
                                    membership_expires=dt.date(this_year + 1, 12, 31),
                                    provides_rsc=True)
    assert not services.checklist(renewal)["eligible"]
    log_training(applicant, 3, dt.date(this_year, 5, 5), about_rsc=True)
    assert services.checklist(renewal)["eligible"]


def test_signature_must_match_the_name(applicant, held, this_year):
    held(applicant)
    renewal = ready(applicant, this_year)
    with pytest.raises(services.NotReady):
        services.submit_renewal(renewal.pk, actor=applicant, typed_name="Someone Else",
                                code_of_ethics=True, no_sanction=True)


# --- the coordinator ------------------------------------------------------------------------

def submitted(applicant, held, this_year):
    held(applicant)
    renewal = ready(applicant, this_year)
    return services.submit_renewal(renewal.pk, actor=applicant, typed_name="Ana Lopez",
                                   code_of_ethics=True, no_sanction=True,
                                   today=dt.date(this_year, 12, 1))


def test_approval_needs_the_fee_then_extends_and_remakes_certificates(
        applicant, coordinator, held, this_year, django_capture_on_commit_callbacks):
    renewal = submitted(applicant, held, this_year)
    with pytest.raises(services.NotAllowed):
        services.approve_renewal(renewal.pk, actor=coordinator,
                                 seen=services.version_of(renewal))
    pay(renewal, coordinator)
    renewal.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        renewal = services.approve_renewal(renewal.pk, actor=coordinator,
                                           seen=services.version_of(renewal))
    endorsement = renewal.endorsements.get()
    assert endorsement.valid_through == dt.date(this_year + 1, 12, 31)
    assert endorsement.certificates.exclude(file="").exists()
    assert renewal.status == RenewalStatus.APPROVED
    assert OutboundEmail.objects.filter(template="renewals_approved", to=applicant.email).exists()
    assert AuditEvent.objects.filter(action="renewal.approved").count() == 1


def test_a_stale_approval_is_refused(applicant, coordinator, held, this_year):
    renewal = submitted(applicant, held, this_year)
    seen = services.version_of(renewal)
    pay(renewal, coordinator)
    with pytest.raises(services.NotAllowed):
        services.approve_renewal(renewal.pk, actor=coordinator, seen=seen)


def test_return_with_a_message_lets_the_holder_change_and_resubmit(applicant, coordinator,
                                                                   held, this_year):
    renewal = submitted(applicant, held, this_year)
    renewal = services.return_renewal(renewal.pk, actor=coordinator, message="Add the dates",
                                      seen=services.version_of(renewal))
    assert renewal.is_editable
    assert OutboundEmail.objects.filter(template="renewals_returned").exists()
    again = services.submit_renewal(renewal.pk, actor=applicant, typed_name="Ana Lopez",
                                    code_of_ethics=True, no_sanction=True)
    assert again.status == RenewalStatus.SUBMITTED


# --- pages ------------------------------------------------------------------------------------

def test_holder_pages_and_a_failed_form_keeps_values(client, applicant, held, window_open):
    held(applicant)
    sign_in_client(client, applicant)
    assert client.get(reverse("renewals:mine")).status_code == 200
    client.post(reverse("renewals:open"))
    renewal = Renewal.objects.get()
    page = client.get(reverse("renewals:mine"))
    assert "Still missing" in page.content.decode()
    bad = client.post(reverse("renewals:details", args=[renewal.pk]),
                      {"membership_number": "M-77", "membership_expires": "not a date"})
    assert bad.status_code == 400 and "M-77" in bad.content.decode()
    add = reverse("renewals:add_training")
    response = client.post(add, {"title": "Infant mental health", "sponsor": "MassAIMH",
                                 "date": dt.date.today().isoformat(), "hours": "15"})
    assert response.status_code == 302
    entry = TrainingEntry.objects.get()
    assert entry.application is None and entry.log.user == applicant


def test_every_new_view_is_404_for_others(client, applicant, other_applicant, held,
                                          window_open):
    held(applicant)
    renewal = services.open_renewal(applicant)
    sign_in_client(client, other_applicant)
    for name in ("details", "submit"):
        assert client.post(reverse(f"renewals:{name}", args=[renewal.pk])).status_code == 404
    for name in ("add_training", "add_rsc"):  # someone who holds no Endorsement®
        assert client.get(reverse(f"renewals:{name}")).status_code == 404
    for name in ("detail", "approve", "return"):
        assert client.post(reverse(f"renewals:{name}", args=[renewal.pk])).status_code == 404
    assert client.get(reverse("renewals:queue")).status_code == 404
    page = client.get(reverse("renewals:mine"))
    assert page.status_code == 200 and "No renewal is due" in page.content.decode()


def test_a_submitted_renewal_and_its_evidence_cannot_be_changed(client, applicant, held,
                                                                this_year, window_open):
    renewal = submitted(applicant, held, this_year)
    sign_in_client(client, applicant)
    assert client.post(reverse("renewals:details", args=[renewal.pk])).status_code == 404
    row = TrainingEntry.objects.filter(date__year=this_year).first()
    edit = reverse("renewals:edit_row", args=["training", row.pk])
    assert client.get(edit).status_code == 302
    assert client.post(edit + "remove/").status_code == 302
    assert TrainingEntry.objects.filter(pk=row.pk).exists()
    # a training for another year can still be added to the log
    assert client.get(reverse("renewals:add_training")).status_code == 302  # token in URL


@pytest.mark.parametrize("rows", [1, 6])
def test_queue_is_paginated_with_total_in_constant_queries(coordinator_client, held, this_year,
                                                          rows, django_assert_num_queries,
                                                          settings):
    settings.RENEWAL_QUEUE_PAGE_SIZE = 5
    for _i in range(rows):
        user = UserFactory(first_name="Ana", last_name="Lopez")
        submitted(user, held, this_year)
    url = reverse("renewals:queue")
    coordinator_client.get(url)
    with django_assert_num_queries(4):  # session, user, count, page (holders joined)
        response = coordinator_client.get(url)
    assert f"{rows} renewal" in response.content.decode()


def test_coordinator_detail_and_return_form_keeps_the_message(coordinator_client, applicant,
                                                              held, this_year):
    renewal = submitted(applicant, held, this_year)
    page = coordinator_client.get(reverse("renewals:detail", args=[renewal.pk]))
    assert page.status_code == 200 and "Signed and submitted" in page.content.decode()
    stale = coordinator_client.post(reverse("renewals:return", args=[renewal.pk]),
                                    {"seen": "old", "message": "Please add dates"})
    assert stale.status_code == 409 and "Please add dates" in stale.content.decode()


def test_holder_changes_and_removes_a_log_row_others_get_404(client, applicant, other_applicant,
                                                           held, window_open):
    held(applicant)
    services.open_renewal(applicant)
    row = log_training(applicant, 4, dt.date.today())
    edit = reverse("renewals:edit_row", args=["training", row.pk])
    remove = reverse("renewals:remove_row", args=["training", row.pk])
    sign_in_client(client, other_applicant)
    assert client.get(edit).status_code == 404
    assert client.post(remove).status_code == 404
    client.logout()
    sign_in_client(client, applicant)
    assert client.get(reverse("renewals:edit_row", args=["nope", row.pk])).status_code == 404
    bad = client.post(edit, {"title": "Kept title", "sponsor": "S", "date": "2999-01-01",
                             "hours": "4"})
    assert bad.status_code == 400 and "Kept title" in bad.content.decode()
    ok = client.post(edit, {"title": "New title", "sponsor": "S",
                            "date": dt.date.today().isoformat(), "hours": "5"})
    assert ok.status_code == 302 and TrainingEntry.objects.get().title == "New title"
    assert client.post(remove).status_code == 302
    assert not TrainingEntry.objects.exists()
    assert AuditEvent.objects.filter(action="evidence_log.row_removed").count() == 1


def test_all_year_the_holder_adds_to_the_log_before_the_window_opens(client, applicant, held,
                                                                     this_year):
    held(applicant, issued_on=dt.date(this_year, 1, 2),
         valid_through=dt.date(this_year + 1, 12, 31))
    sign_in_client(client, applicant)
    page = client.get(reverse("renewals:mine")).content.decode()
    assert "No renewal is due for you now." in page and "My evidence log" in page
    response = client.post(reverse("renewals:add_rsc"), {
        "date": dt.date.today().isoformat(), "hours": "1.5", "kind": "rsc", "format": "group",
        "provider_name": "Dr. R", "provider_level": "IV-C", "provider_degree": "master"})
    assert response.status_code == 302
    assert RscSession.objects.for_user(applicant).count() == 1
    assert not Renewal.objects.exists()


def test_the_holder_sees_the_fee_and_the_late_fee(client, applicant, held, window_open):
    today = dt.date.today()
    held(applicant, valid_through=today - dt.timedelta(days=5),
         issued_on=dt.date(today.year - 2, 1, 1))  # past due, not lapsed yet (grace)
    sign_in_client(client, applicant)
    page = client.get(reverse("renewals:mine")).content.decode()
    assert "$75.00" in page and "It includes a late fee of $25.00." in page
    client.post(reverse("renewals:open"))
    page = client.get(reverse("renewals:mine")).content.decode()
    assert "This includes a late fee of $25.00, because the due date has passed." in page


def test_no_renewal_reminder_once_the_renewal_is_submitted(applicant, held, this_year):
    from endorsement.credentials.renewals import send_renewal_reminders

    renewal = submitted(applicant, held, this_year)
    other = held(UserFactory(email="other@example.org"))
    due = renewal.due_on
    assert send_renewal_reminders(due - dt.timedelta(days=7)) == 1
    assert list(OutboundEmail.objects.filter(template="credentials_renewal_reminder")
                .values_list("to", flat=True)) == [other.holder.email]


def test_a_coordinator_never_manages_their_own_renewal(client, coordinator, held, this_year):
    """Not in their queue, and its page and every action are 404 like a stranger's; another
    coordinator approves it."""
    coordinator.first_name, coordinator.last_name = "Ana", "Lopez"
    coordinator.save()
    own = submitted(coordinator, held, this_year)
    other = submitted(UserFactory(first_name="Ana", last_name="Lopez"), held, this_year)
    mine = sign_in_client(client, coordinator)
    queue = mine.get(reverse("renewals:queue"), {"status": "all"})
    assert "1 renewal" in queue.content.decode()
    assert mine.get(reverse("renewals:detail", args=[other.pk])).status_code == 200
    seen = {"seen": services.version_of(own)}
    assert mine.get(reverse("renewals:detail", args=[own.pk])).status_code == 404
    for name in ("payments:renewal", "renewals:approve", "renewals:return"):
        data = {**seen, "message": "Fine.", "amount": "50.00", "method": "check",
                "received_on": "2026-01-05"}
        assert mine.post(reverse(name, args=[own.pk]), data).status_code == 404
    own.refresh_from_db()
    assert own.status == RenewalStatus.SUBMITTED and not own.fee_paid
