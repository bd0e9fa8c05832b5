"""The coordinator's application page reads a constant number of queries whatever the
application holds (issue 14): its lists, its panels' rows and its forms' choices in one query
(endorsement.batch), the people they name in one more; and it still shows every row."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import ApplicationEvent, CoordinatorMessage, TrainingEntry
from applicants.tests.factories import DegreeFactory, TrainingFactory, WorkFactory
from endorsement import batch
from endorsement.testing.factories import UserFactory
from references.models import ReferenceRequest
from reviews import reviewing, services
from reviews.models import InternalNote
from reviews.payments.models import Fee
from reviews.payments.services import record_payment
from reviews.tests.helpers import endorsed_reviewers, in_review, rate_references

pytestmark = pytest.mark.django_db

ROLES = ("supervisor", "rsc_provider", "colleague")


def filled(applicant, coordinator, count):
    """An application in review with ``count`` rows of each kind the page lists."""
    application = in_review(applicant, coordinator, eligible=False)
    rate_references(application, roles=ROLES[:count])
    Fee.objects.create(kind="processing", category="", amount=Decimal("300.00"),
                       effective_on=dt.date(2020, 1, 1))
    for n in range(count):
        TrainingFactory(application=application, title=f"Partner course {n}",
                        source=f"training:{n}", confirmed_by="Partner", confirmed_at=timezone.now())
        record_payment(application, amount=Decimal("25.00"), method="check",
                       received_on=dt.date(2026, 1, 1 + n), reference=f"CHK-{n}",
                       actor=coordinator)
        reviewer = endorsed_reviewers(1)[0]
        assignment = services.assign_reviewer(application, reviewer, actor=coordinator)
        reviewing.declare_conflict(assignment, conflict=bool(n % 2),
                                   note="Former colleague" if n % 2 else "", actor=reviewer)
        author = UserFactory(role="coordinator", first_name=f"Author{n}", last_name="Staff")
        ApplicationEvent.objects.create(application=application, actor=author,
                                        from_status="in_review", to_status="in_review",
                                        note=f"Event note {n}")
        CoordinatorMessage.objects.create(application=application, author=author,
                                          body=f"Message body {n}")
        InternalNote.objects.create(application=application, author=author,
                                    body=f"Internal note {n}")
    return application


@pytest.mark.parametrize("count", [1, 3])
def test_the_application_page_reads_a_constant_number_of_queries(
        applicant, coordinator, coordinator_client, django_assert_num_queries, count):
    application = filled(applicant, coordinator, count)
    if count > 1:  # an advisor is one more person the page names, in the same query
        from endorsement.testing.factories import AdvisorFactory

        application.advisor = AdvisorFactory(first_name="Ada", last_name="Visor")
        application.save()
    url = reverse("reviews:application", args=[application.pk])
    coordinator_client.get(url)  # the session's first read of the site settings etc.
    # session, user, the application (with the applicant), every list of the page
    # and its panels and the reviewer and advisor choices, the people the lists name (and the
    # advisor)
    with django_assert_num_queries(5):
        page = coordinator_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for n in range(count):
        for text in (f"Partner course {n}", f"Event note {n}", f"Message body {n}",
                     f"Internal note {n}", f"Author{n} Staff"):
            assert text in html, text
    for payment in application.payments.all():  # the fee panel's receipts and their sum
        assert f"Receipt {payment.receipt_number}:" in html
    assert f"${25 * count}.00" in html and "$300.00" in html  # paid so far, the fee
    for assignment in application.review_assignments.select_related("reviewer"):
        assert assignment.reviewer.display_name in html
    assert html.count("Partner course") == count  # the confirmed-training panel, once each
    assert ("Ada Visor guides this applicant." in html) == (count > 1)


def test_batch_fetch_gives_the_rows_a_queryset_gives(applicant, coordinator):
    """Dates, datetimes, decimals, booleans, JSON, files, nulls and deferred fields come back
    as the database adapter gives them, in the queryset's order, slices kept."""
    application = filled(applicant, coordinator, 3)
    DegreeFactory(application=application)
    WorkFactory(application=application, end=None)
    TrainingEntry.objects.filter(application=application).update(competency_areas=["a", "b"])
    querysets = {
        "training": TrainingEntry.objects.for_application(application),
        "degrees": application.degrees.all(),
        "work": application.work.all(),
        "references": ReferenceRequest.objects.filter(application=application).order_by("-id"),
        "events": application.events.order_by("-created_at")[:2],
        "payments": application.payments.order_by("-received_on", "-pk"),
        "versions": application.versions.defer("snapshot"),
        "assignments": application.review_assignments.all(),
        "none": application.events.filter(pk=-1),
    }
    got = batch.fetch(querysets)
    for name, queryset in querysets.items():
        want = list(queryset)
        assert [row.pk for row in got[name]] == [row.pk for row in want], name
        for mine, theirs in zip(got[name], want, strict=True):
            assert mine.get_deferred_fields() == theirs.get_deferred_fields()
            for field in theirs._meta.concrete_fields:
                if field.attname in theirs.get_deferred_fields():
                    continue
                a, b = getattr(mine, field.attname), getattr(theirs, field.attname)
                assert (a, type(a), str(a)) == (b, type(b), str(b)), (name, field.name)
    assert got["none"] == []


@pytest.mark.parametrize("value", [None, "", "2", ["1"]])
def test_the_people_select_writes_what_djangos_select_writes(value):
    from django import forms

    from reviews.forms import Select

    choices = [("", "Choose <one>"), (1, 'Ann "A" & Co'), (2, "Bé"),
               ("Group & co", [(3, "Three"), (4, "Four")])]
    attrs = {"class": "form-select", "required": True, "disabled": False, "data-x": 5}
    mine = Select(attrs=attrs, choices=choices).render("reviewer", value, {"id": "id_reviewer"})
    django = forms.Select(attrs=attrs, choices=choices).render("reviewer", value,
                                                               {"id": "id_reviewer"})
    assert str(mine) == str(django)
