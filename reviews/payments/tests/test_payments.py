"""Fees as data, payments as records, receipts for their payer only."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.tests.factories import ApplicationFactory
from endorsement import staleness
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import CoordinatorFactory, ReviewerFactory, UserFactory
from reviews.payments import services
from reviews.payments.models import Fee, Payment

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def fees(coordinator):
    services.save_fee(fee=None, category="", kind="processing", amount=Decimal("100.00"),
                      effective_on=TODAY - dt.timedelta(days=400), actor=coordinator)
    services.save_fee(fee=None, category="", kind="processing", amount=Decimal("125.00"),
                      effective_on=TODAY - dt.timedelta(days=10), actor=coordinator)
    services.save_fee(fee=None, category="IV-C", kind="processing", amount=Decimal("200.00"),
                      effective_on=TODAY - dt.timedelta(days=10), actor=coordinator)
    services.save_fee(fee=None, category="", kind="registration", amount=Decimal("25.00"),
                      effective_on=TODAY - dt.timedelta(days=10), actor=coordinator)


def _post(client, application, **data):
    body = {"amount": "50", "method": "check", "received_on": TODAY.isoformat(),
            "reference": "Check 1001", "purpose": "processing",
            "version": staleness.version_of(application)}
    body.update(data)
    return client.post(reverse("payments:application", args=[application.pk]), body)


def test_the_fee_in_effect_prefers_the_category_and_the_newest_date(fees):
    assert services.fee_in_effect("processing", "II").amount == Decimal("125.00")
    assert services.fee_in_effect("processing", "IV-C").amount == Decimal("200.00")
    assert services.fee_in_effect("processing", "II",
                                  TODAY - dt.timedelta(days=30)).amount == Decimal("100.00")
    assert services.fee_in_effect("renewal", "II") is None


@pytest.mark.parametrize("category", ["II", "IV-C", "I"])
def test_the_fees_read_with_the_page_are_the_fees_in_effect(fees, coordinator, category):
    """The coordinator's page reads every applicable fee line with its other rows; what is
    due is what the fees in effect say, line by line."""
    from applicants import panels

    application = ApplicationFactory(category=category)
    services.save_fee(fee=None, category=category, kind="registration",
                      amount=Decimal("30.00"), effective_on=TODAY + dt.timedelta(days=5),
                      actor=coordinator)  # not in effect yet
    alone = services.due_for(application)
    panels.preload(application)
    assert services.due_for(application) == alone
    assert alone.total == {"IV-C": Decimal("225.00")}.get(category, Decimal("150.00"))


def test_partial_then_full_payment_marks_the_fee_paid(fees, coordinator_client, applicant):
    application = ApplicationFactory(applicant=applicant, category="II")
    assert services.due_for(application).total == Decimal("150.00")
    response = _post(coordinator_client, application, amount="50")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.fee_paid is False
    assert services.due_for(application).balance == Decimal("100.00")
    _post(coordinator_client, application, amount="100.00", method="bank_transfer")
    application.refresh_from_db()
    assert application.fee_paid is True
    assert [p.amount for p in Payment.objects.order_by("pk")] == [Decimal("50"), Decimal("100")]
    # A refund takes it back below what is due.
    _post(coordinator_client, application, amount="20", refund="on")
    application.refresh_from_db()
    assert application.fee_paid is False
    assert services.paid_for(application) == Decimal("130.00")


@pytest.mark.parametrize(("amount", "message"), [
    ("-5", "more than zero"), ("12,50", "point before the cents"), ("abc", "as a number"),
    ("0", "more than zero"), ("1.234", "two digits"), ("NaN", "as a number")])
def test_bad_amounts_are_refused_with_a_reason(fees, coordinator_client, applicant, amount,
                                               message):
    application = ApplicationFactory(applicant=applicant)
    response = _post(coordinator_client, application, amount=amount, reference="kept-ref")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "kept-ref" in response.content.decode(), "what was typed is kept"
    assert not Payment.objects.exists()


def test_a_refund_above_what_was_paid_is_refused(coordinator_client, applicant):
    application = ApplicationFactory(applicant=applicant)
    response = _post(coordinator_client, application, amount="10", refund="on")
    assert response.status_code == 200 and "cannot be more" in response.content.decode()


def test_a_stale_payment_form_is_refused(coordinator, coordinator_client, applicant):
    application = ApplicationFactory(applicant=applicant)
    seen = staleness.version_of(application)
    services.record_payment(application, amount=Decimal("10"), method="check",
                            received_on=TODAY, actor=coordinator)
    response = _post(coordinator_client, application, version=seen)
    assert response.status_code == 200 and "out of date" in response.content.decode()
    assert Payment.objects.count() == 1


def test_the_queue_fee_filter_reads_the_payments(fees, coordinator):
    from applicants.models import Application

    application = ApplicationFactory(category="II")
    services.record_payment(application, amount=Decimal("150"), method="employer",
                            received_on=TODAY, reference="PO-7", actor=coordinator)
    assert list(Application.objects.filter(fee_paid=True)) == [application]


def test_the_receipt_is_for_the_payer_and_coordinators_only(client, coordinator, applicant):
    application = ApplicationFactory(applicant=applicant)
    payment = services.record_payment(application, amount=Decimal("10"), method="check",
                                      received_on=TODAY, actor=coordinator)
    url = reverse("payments:receipt", args=[payment.pk])
    response = sign_in_client(client, applicant).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    for stranger in (UserFactory(), ReviewerFactory()):
        client.logout()
        assert sign_in_client(client, stranger).get(url).status_code == 404
    client.logout()
    signed_out = client.get(url)  # an emailed link: sign in first (whether it exists or not)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("account_login"))


def test_the_applicant_sees_what_is_due_and_how_to_pay(fees, client, coordinator, applicant):
    from applicants.tests.factories import complete
    from applicants.workflow import transition

    services.save_instructions("Send a check to MassAIMH, PO Box 1.", actor=coordinator,
                               seen="")
    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    transition(application, "submitted", actor=applicant)
    page = sign_in_client(client, applicant).get(
        reverse("applicants:application", args=[application.pk]), follow=True).content.decode()
    assert "$150.00" in page and "PO Box 1" in page


@pytest.mark.parametrize("name", ["payments:fees", "payments:instructions"])
def test_staff_pages_are_404_to_everyone_else(client, name):
    for person in (UserFactory(), ReviewerFactory()):
        client.logout()
        assert sign_in_client(client, person).get(reverse(name)).status_code == 404


def test_payments_page_is_404_to_the_applicant(client, applicant):
    application = ApplicationFactory(applicant=applicant)
    response = sign_in_client(client, applicant).get(
        reverse("payments:application", args=[application.pk]))
    assert response.status_code == 404


def test_fee_schedule_edit_refuses_a_stale_submit(coordinator_client, coordinator):
    fee = services.save_fee(fee=None, category="", kind="renewal", amount=Decimal("60"),
                            effective_on=TODAY, actor=coordinator)
    url = reverse("payments:fee_edit", args=[fee.pk])
    old = services.fee_version(fee)
    services.save_fee(fee=fee, category="", kind="renewal", amount=Decimal("65"),
                      effective_on=TODAY, actor=CoordinatorFactory(), seen=old)
    response = coordinator_client.post(url, {"category": "", "kind": "renewal",
                                             "amount": "70", "effective_on": TODAY,
                                             "version": old})
    assert response.status_code == 200 and "Someone changed" in response.content.decode()
    assert Fee.objects.get(pk=fee.pk).amount == Decimal("65.00")


def test_fee_list_and_payment_list_query_counts(coordinator, coordinator_client,
                                                django_assert_num_queries, applicant):
    application = ApplicationFactory(applicant=applicant)
    services.save_fee(fee=None, category="", kind="renewal", amount=Decimal("60"),
                      effective_on=TODAY, actor=coordinator)
    services.record_payment(application, amount=Decimal("1"), method="check",
                            received_on=TODAY, actor=coordinator)
    coordinator_client.get(reverse("payments:fees"))  # warm the session
    counts = []
    for _n in range(3):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as fee_q:
            coordinator_client.get(reverse("payments:fees"))
        with CaptureQueriesContext(connection) as pay_q:
            coordinator_client.get(reverse("payments:application", args=[application.pk]))
        counts.append((len(fee_q), len(pay_q)))
        services.save_fee(fee=None, category="I", kind="renewal", amount=Decimal("60"),
                          effective_on=TODAY - dt.timedelta(days=_n + 1), actor=coordinator)
        services.record_payment(application, amount=Decimal("1"), method="check",
                                received_on=TODAY, actor=coordinator)
    assert counts[0] == counts[1] == counts[2], counts


def test_the_membership_and_fee_step_shows_what_is_due_while_drafting(fees, client,
                                                                     coordinator, applicant):
    services.save_instructions("Your employer may pay for a group: ask us.", actor=coordinator,
                               seen="")
    application = ApplicationFactory(applicant=applicant, category="IV-C")
    page = sign_in_client(client, applicant).get(
        reverse("applicants:membership", args=[application.pk])).content.decode()
    assert "$225.00" in page and "employer may pay for a group" in page
