"""A renewal's fee is paid like an application's: payments (partial, full, refund) recorded by
the coordinator from the renewal's page, Renewal.fee_paid kept in step (the approval gate reads
it), the fee schedule's renewal and late lines (settings as fallback), receipts for the holder
only."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applicants.models import EvidenceLog, RscSession, TrainingEntry
from endorsement import staleness
from endorsement.credentials.models import Endorsement, Membership
from endorsement.renewals import services as renewals
from endorsement.renewals.models import Renewal, RenewalStatus
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import CoordinatorFactory
from reviews.payments import services
from reviews.payments.models import Payment

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year


def held(holder, category="II"):
    return Endorsement.objects.create(
        number=f"MASSAIMH-IMH-E-{category}-{holder.pk:05d}", holder=holder, program="IMH-E",
        category=category, issued_on=dt.date(YEAR - 1, 3, 1),
        valid_through=dt.date(YEAR, 12, 31), rules_edition="massaimh-2015")


def opened(holder, category="II"):
    held(holder, category)
    return renewals.open_renewal(holder, dt.date(YEAR, 10, 2))


def submitted(holder, today=None, category="II"):
    """A renewal that meets every requirement, signed and submitted on ``today``."""
    renewal = opened(holder, category)
    log = EvidenceLog.of(holder)
    TrainingEntry.objects.create(log=log, title="Attachment", sponsor="X",
                                 date=dt.date(YEAR, 3, 3), hours=16)
    for i in range(8):
        RscSession.objects.create(log=log, date=dt.date(YEAR, 9, 10) - dt.timedelta(days=i),
                                  hours=1.5, format="group", provider_name="Dr. R",
                                  provider_level="IV-C", provider_degree="master")
    Membership.objects.create(person=holder, number="M-1",
                              valid_through=dt.date(YEAR + 1, 12, 31))
    return renewals.submit_renewal(renewal.pk, actor=holder, typed_name=holder.display_name,
                                   code_of_ethics=True, no_sanction=True,
                                   today=today or dt.date(YEAR, 12, 1))


def pay(renewal, actor, amount, refund=False, purpose="renewal"):
    return services.record_renewal_payment(
        renewal, amount=Decimal(amount), method="check", received_on=TODAY,
        reference="Check 7", refund=refund, purpose=purpose, actor=actor)


def fee_line(coordinator, kind, amount, category=""):
    services.save_fee(fee=None, category=category, kind=kind, amount=Decimal(amount),
                      effective_on=dt.date(YEAR - 5, 1, 1), actor=coordinator)


@pytest.fixture
def window_open(settings):
    settings.RENEWAL_WINDOW_DAYS = 400


# --- the fee: schedule first, settings as fallback -----------------------------------------

def test_the_fee_comes_from_the_schedule_else_the_settings(coordinator, settings):
    settings.RENEWAL_FEE, settings.RENEWAL_LATE_FEE = 50, 25
    due, late_day = dt.date(YEAR, 12, 31), dt.date(YEAR + 1, 1, 2)
    assert renewals.fee_for(due, due) == (Decimal(50), Decimal(0))
    assert renewals.fee_for(due, late_day) == (Decimal(75), Decimal(25))
    fee_line(coordinator, "renewal", "80")
    assert renewals.fee_for(due, due, "II") == (Decimal(80), Decimal(0))
    assert renewals.fee_for(due, late_day, "II") == (Decimal(105), Decimal(25))  # late: setting
    fee_line(coordinator, "late", "30")
    fee_line(coordinator, "renewal", "95", category="IV-C")
    assert renewals.fee_for(due, late_day, "II") == (Decimal(110), Decimal(30))
    assert renewals.fee_for(due, due, "IV-C") == (Decimal(95), Decimal(0))


def test_submit_keeps_the_scheduled_fee_of_the_renewal_category(applicant, coordinator):
    fee_line(coordinator, "renewal", "95", category="IV-C")
    renewal = submitted(applicant, today=dt.date(YEAR + 1, 1, 5), category="IV-C")
    assert (renewal.fee_due, renewal.late_fee) == (Decimal("120.00"), Decimal("25.00"))
    due = services.due_for_renewal(renewal)
    assert [amount for _label, amount in due.lines] == [Decimal(95), Decimal(25)]


# --- payments: partial, full, refund; fee_paid follows ---------------------------------------

def test_partial_full_and_refund_keep_fee_paid_in_step(applicant, coordinator):
    renewal = submitted(applicant)
    assert renewal.fee_due == Decimal(50) and not renewal.fee_paid
    first = pay(renewal, coordinator, "20")
    renewal.refresh_from_db()
    assert not renewal.fee_paid and first.payer == applicant and first.renewal == renewal
    with pytest.raises(renewals.NotAllowed):  # the approval gate reads fee_paid
        renewals.approve_renewal(renewal.pk, actor=coordinator,
                                 seen=renewals.version_of(renewal))
    pay(renewal, coordinator, "30")
    renewal.refresh_from_db()
    assert renewal.fee_paid and services.due_for_renewal(renewal).balance == 0
    pay(renewal, coordinator, "10", refund=True)
    renewal.refresh_from_db()
    assert not renewal.fee_paid and services.paid_for_renewal(renewal) == Decimal(40)
    with pytest.raises(services.PaymentError):
        pay(renewal, coordinator, "41", refund=True)
    with pytest.raises(services.PaymentError):
        pay(renewal, coordinator, "0")
    pay(renewal, coordinator, "10")
    renewal.refresh_from_db()
    assert renewal.fee_paid
    renewals.approve_renewal(renewal.pk, actor=coordinator, seen=renewals.version_of(renewal))
    assert Renewal.objects.get(pk=renewal.pk).status == RenewalStatus.APPROVED
    actions = list(renewal_events(renewal))
    assert actions.count("payment.recorded") == 3 and "payment.refunded" in actions


def renewal_events(renewal):
    from endorsement import audit

    return audit.events_for(renewal).values_list("action", flat=True)


def test_paid_early_then_submitted_late_owes_the_late_fee(applicant, coordinator):
    renewal = opened(applicant)
    pay(renewal, coordinator, "50")
    renewal.refresh_from_db()
    assert renewal.fee_paid  # the fee as it would be today is paid
    renewal = submitted_again(renewal, applicant, dt.date(YEAR + 1, 1, 5))
    assert renewal.fee_due == Decimal(75) and not renewal.fee_paid
    pay(renewal, coordinator, "25", purpose="late")
    renewal.refresh_from_db()
    assert renewal.fee_paid


def submitted_again(renewal, holder, today):
    log = EvidenceLog.of(holder)
    TrainingEntry.objects.create(log=log, title="A", sponsor="X", date=dt.date(YEAR, 3, 3),
                                 hours=16)
    for i in range(8):
        RscSession.objects.create(log=log, date=dt.date(YEAR, 9, 10) - dt.timedelta(days=i),
                                  hours=1.5, format="group", provider_name="Dr. R",
                                  provider_level="IV-C", provider_degree="master")
    Membership.objects.create(person=holder, number="M-1",
                              valid_through=dt.date(YEAR + 1, 12, 31))
    return renewals.submit_renewal(renewal.pk, actor=holder, typed_name=holder.display_name,
                                   code_of_ethics=True, no_sanction=True, today=today)


# --- pages --------------------------------------------------------------------------------

def _post(client, renewal, **data):
    body = {"amount": "50", "method": "check", "received_on": TODAY.isoformat(),
            "reference": "Check 1001", "purpose": "renewal",
            "version": staleness.version_of(renewal)}
    body.update(data)
    return client.post(reverse("payments:renewal", args=[renewal.pk]), body)


def test_the_coordinator_records_a_payment_from_the_renewal_page(coordinator_client, applicant):
    renewal = submitted(applicant)
    page = coordinator_client.get(reverse("renewals:detail", args=[renewal.pk])).content.decode()
    assert "Record a payment" in page and reverse("payments:renewal", args=[renewal.pk]) in page
    response = _post(coordinator_client, renewal)
    assert response.status_code == 302
    assert response["Location"] == reverse("renewals:detail", args=[renewal.pk])
    renewal.refresh_from_db()
    assert renewal.fee_paid
    page = coordinator_client.get(reverse("renewals:detail", args=[renewal.pk])).content.decode()
    assert "The fee is paid in full." in page and "Payment recorded" in page
    assert "Approve the renewal" in page and "disabled" not in page.split(
        "Approve the renewal")[0].rsplit("<button", 1)[1]


def test_a_failed_or_stale_payment_keeps_every_value(coordinator_client, coordinator, applicant):
    renewal = submitted(applicant)
    bad = _post(coordinator_client, renewal, amount="12,50", reference="Check 4242")
    text = bad.content.decode()
    assert bad.status_code == 400 and "not 12,50" in text and "Check 4242" in text
    version = staleness.version_of(renewal)
    pay(renewal, coordinator, "5")  # someone else records a payment meanwhile
    stale = _post(coordinator_client, renewal, version=version, reference="Check 5151")
    assert stale.status_code == 409 and "Check 5151" in stale.content.decode()
    assert Payment.objects.filter(renewal=renewal).count() == 1
    too_much = _post(coordinator_client, renewal, amount="6", refund="on")
    assert too_much.status_code == 400 and "cannot be more than what was paid" in (
        too_much.content.decode())


def test_the_holder_sees_what_is_due_and_downloads_receipts(applicant, coordinator, settings,
                                                            window_open):
    renewal = submitted(applicant)
    receipt = pay(renewal, coordinator, "20")
    client = sign_in_client(Client(), applicant)
    page = client.get(reverse("renewals:mine")).content.decode()
    assert "Fee and payments" in page and "$20.00" in page and "$30.00" in page
    assert reverse("payments:receipt", args=[receipt.pk]) in page
    assert "Record a payment" not in page
    pdf = client.get(reverse("payments:receipt", args=[receipt.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_others_get_404(applicant, other_applicant, coordinator):
    renewal = submitted(applicant)
    receipt = pay(renewal, coordinator, "20")
    stranger = sign_in_client(Client(), other_applicant)
    assert stranger.get(reverse("payments:receipt", args=[receipt.pk])).status_code == 404
    assert stranger.get(reverse("payments:renewal", args=[renewal.pk])).status_code == 404
    assert _post(stranger, renewal).status_code == 404
    holder = sign_in_client(Client(), applicant)
    assert holder.get(reverse("payments:renewal", args=[renewal.pk])).status_code == 404
    assert Payment.objects.count() == 1
    # A coordinator never records payments on their own renewal.
    cora = CoordinatorFactory(email="cora2@example.org", first_name="Co", last_name="Ra")
    own = submitted(cora)
    coord = sign_in_client(Client(), cora)
    assert coord.get(reverse("payments:renewal", args=[own.pk])).status_code == 404
    assert _post(coord, own).status_code == 404


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_payment_lists_in_constant_queries(coordinator_client, coordinator, applicant,
                                           window_open):
    renewal = submitted(applicant)
    pay(renewal, coordinator, "1")
    holder = sign_in_client(Client(), applicant)
    urls = [(coordinator_client, reverse("payments:renewal", args=[renewal.pk])),
            (coordinator_client, reverse("renewals:detail", args=[renewal.pk])),
            (holder, reverse("renewals:mine"))]
    one = [_queries(client, url) for client, url in urls]
    for _n in range(5):
        pay(renewal, coordinator, "1")
    several = [_queries(client, url) for client, url in urls]
    assert one == several
    page = coordinator_client.get(urls[0][1]).content.decode()
    assert page.count('class="payment-row"') == 6 and "of 6" in page


def test_a_renewal_payment_list_is_paginated(coordinator_client, coordinator, applicant):
    renewal = submitted(applicant)
    for _n in range(27):
        pay(renewal, coordinator, "1")
    page = coordinator_client.get(reverse("payments:renewal", args=[renewal.pk]))
    text = page.content.decode()
    assert text.count('class="payment-row"') == 25 and "of 27" in text
    detail = coordinator_client.get(reverse("renewals:detail", args=[renewal.pk])).content
    assert b"All payments" in detail


def test_after_approval_the_holder_keeps_the_receipts_in_reach(applicant, coordinator):
    renewal = submitted(applicant)
    receipt = pay(renewal, coordinator, "50")
    renewal.refresh_from_db()
    renewals.approve_renewal(renewal.pk, actor=coordinator, seen=renewals.version_of(renewal))
    client = sign_in_client(Client(), applicant)
    page = client.get(reverse("renewals:mine")).content.decode()
    assert f"Your renewal for {YEAR}: Approved." in page
    assert reverse("payments:receipt", args=[receipt.pk]) in page
