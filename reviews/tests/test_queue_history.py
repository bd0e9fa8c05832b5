"""The queue at any size (search, filters, sorting, pages, CSV, bulk assignment), internal
notes, the application's history, the outbox's links and resend, and stale forms."""
import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import ApplicantProfile, Application, Status
from endorsement.models import AuditEvent, OutboundEmail
from endorsement.testing.factories import ReviewerFactory, UserFactory
from reviews.models import InternalNote, ReviewAssignment

pytestmark = pytest.mark.django_db


def app(first="Ann", last="Lee", email=None, region=None, **fields):
    fields.setdefault("status", Status.SUBMITTED)
    fields.setdefault("program", "IMH-E")
    fields.setdefault("category", "II")
    user = UserFactory(first_name=first, last_name=last,
                       **({"email": email} if email else {}))
    if region:
        ApplicantProfile.objects.create(
            user=user, full_name=f"{first} {last}", phone="1", address="1 Main", city="X",
            postal_code="01000", work_setting="child_care", region=region, languages="English")
    return Application.objects.create(applicant=user, submitted_at=timezone.now(), **fields)


def shown(response):
    return [a.pk for a in response.context["applications"]]


def test_search_reaches_every_queue_by_name_email_or_number(coordinator_client):
    withdrawn = app("Wilhelmina", "Park", status=Status.WITHDRAWN)
    endorsed = app("Wil", "Parker", email="w.parker@example.org", status=Status.ENDORSED)
    other = app("Bea", "Stone")
    queue = reverse("reviews:queue")
    assert set(shown(coordinator_client.get(queue, {"q": "park"}))) == {withdrawn.pk, endorsed.pk}
    assert shown(coordinator_client.get(queue, {"q": "w.parker@"})) == [endorsed.pk]
    assert shown(coordinator_client.get(queue, {"q": str(other.pk)})) == [other.pk]
    assert shown(coordinator_client.get(queue, {"q": f"#{withdrawn.pk}"})) == [withdrawn.pk]
    assert shown(coordinator_client.get(queue, {"q": "wilhelmina park"})) == [withdrawn.pk]
    # Withdrawn applications have their own tab
    assert shown(coordinator_client.get(queue, {"queue": "withdrawn"})) == [withdrawn.pk]
    # Bad input never fails
    for bad in ({"q": "\x00" * 5}, {"sort": "password"}, {"page": "-3"}, {"queue": "<x>"},
                {"program": "'; drop"}, {"q": "9" * 40}):
        assert coordinator_client.get(queue, bad).status_code == 200


def test_filters_and_sorting(coordinator_client):
    from references.models import ReferenceRequest

    a = app("Ann", "Zed", program="IMH-E", category="III", fee_paid=True, region="western")
    b = app("Bob", "Young", program="ECMH-E", category="II", region="central")
    c = app("Cy", "Xu", status=Status.IN_REVIEW, category="III")
    d = app("Di", "Wu", status=Status.RETURNED)
    ReferenceRequest.objects.create(application=b, rater_name="R", rater_email="r@example.org",
                                    role="supervisor", known_for="1", token_hash="x" * 64,
                                    waiver_signed_at=timezone.now(),
                                    token_expires_at=timezone.now())
    queue = reverse("reviews:queue")
    every = {"queue": "all"}
    assert shown(coordinator_client.get(queue, {**every, "program": "ECMH-E"})) == [b.pk]
    assert set(shown(coordinator_client.get(queue, {**every, "category": "III"}))) == {a.pk, c.pk}
    assert shown(coordinator_client.get(queue, {**every, "region": "western"})) == [a.pk]
    assert shown(coordinator_client.get(queue, {**every, "fee": "paid"})) == [a.pk]
    assert shown(coordinator_client.get(queue, {**every, "waiting": "applicant"})) == [d.pk]
    assert shown(coordinator_client.get(queue, {**every, "waiting": "raters"})) == [b.pk]
    assert shown(coordinator_client.get(queue, {**every, "waiting": "reviewers"})) == [c.pk]
    by_name = shown(coordinator_client.get(queue, {**every, "sort": "name"}))
    assert by_name == [d.pk, c.pk, b.pk, a.pk]
    assert shown(coordinator_client.get(queue, {**every, "sort": "-name"})) == by_name[::-1]


def test_pages_show_the_total_and_every_row_once(coordinator_client):
    made = {app(last=f"L{n:03d}").pk for n in range(60)}
    queue = reverse("reviews:queue")
    first = coordinator_client.get(queue)
    second = coordinator_client.get(queue, {"page": 2})
    assert first.context["page"].paginator.count == 60
    assert "60 applications" in first.content.decode()
    assert len(shown(first)) == 50 and len(shown(second)) == 10
    assert set(shown(first)) | set(shown(second)) == made


def test_csv_export_is_exactly_the_filter(coordinator_client):
    app("Ann", "Zed", category="III")
    app("=cmd", "Evil", category="III", status=Status.WITHDRAWN)
    app("Bob", "Young", category="II")
    for n in range(55):
        app("Many", f"M{n}", category="III", status=Status.IN_REVIEW)
    params = {"queue": "all", "category": "III"}
    response = coordinator_client.get(reverse("reviews:queue_csv"), params)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    expected = set(Application.objects.filter(category="III").values_list("pk", flat=True))
    assert {int(r[0]) for r in rows[1:]} == expected and len(rows) == 1 + 57
    assert any(r[1].startswith("'=cmd") for r in rows), "a formula is neutralised"


def test_bulk_assignment(coordinator_client, coordinator):
    reviewer = ReviewerFactory(endorsed="IV-C")
    one, two = app(), app()
    draft = app(status=Status.DRAFT)
    own = Application.objects.create(applicant=coordinator, program="IMH-E", category="II",
                                     status=Status.SUBMITTED)
    response = coordinator_client.post(reverse("reviews:bulk_assign"), {
        "applications": [one.pk, two.pk, draft.pk, own.pk], "reviewer": reviewer.pk,
        "back": "queue=all"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?queue=all")
    assigned = set(ReviewAssignment.objects.values_list("application_id", flat=True))
    assert assigned == {one.pk, two.pk}
    text = response.content.decode()
    assert "assigned to 2 applications" in text and "Only a submitted application" in text
    # A reviewer without a current Endorsement® at the level is refused, with why
    unqualified = ReviewerFactory()
    response = coordinator_client.post(reverse("reviews:bulk_assign"), {
        "applications": [one.pk], "reviewer": unqualified.pk}, follow=True)
    assert "does not hold a current Endorsement®" in response.content.decode()
    assert not ReviewAssignment.objects.filter(reviewer=unqualified).exists()
    # Nothing ticked: told so, nothing happens
    response = coordinator_client.post(reverse("reviews:bulk_assign"),
                                       {"reviewer": reviewer.pk}, follow=True)
    assert "Tick at least one application first." in response.content.decode()


def test_internal_notes_are_for_staff_only(coordinator_client, client, applicant):
    application = app()
    application.applicant = applicant
    application.save()
    url = reverse("reviews:add_note", args=[application.pk])
    emails = OutboundEmail.objects.count()
    response = coordinator_client.post(url, {"body": "Called her; transcript is coming."},
                                       follow=True)
    assert "Called her; transcript is coming." in response.content.decode()
    assert OutboundEmail.objects.count() == emails, "a note emails no one"
    assert InternalNote.objects.get().body == "Called her; transcript is coming."
    # An empty note comes back with its error (POST-redirect-GET)
    response = coordinator_client.post(url, {"body": "  "}, follow=True)
    assert response.context["note_form"].errors
    client.force_login(applicant)
    for page in (reverse("applicants:application", args=[application.pk]),
                 reverse("applicants:submitted", args=[application.pk])):
        assert "transcript is coming" not in client.get(page).content.decode()


def test_history_shows_everything_with_who_and_when(coordinator_client, coordinator,
                                                    django_assert_num_queries):
    from applicants.workflow import transition

    application = app()
    coordinator_client.post(reverse("reviews:record_fee", args=[application.pk]),
                            {"fee_paid": "on"})
    coordinator_client.post(reverse("reviews:send_message", args=[application.pk]),
                            {"body": "Hello there"})
    coordinator_client.post(reverse("reviews:add_note", args=[application.pk]),
                            {"body": "Private remark"})
    transition(application, Status.IN_REVIEW, actor=coordinator)
    url = reverse("reviews:history", args=[application.pk])
    # session, user, application, total, the page's (kind, id) rows, then one query per kind
    with django_assert_num_queries(9):
        response = coordinator_client.get(url)
    text = response.content.decode()
    for expected in ("Fee status recorded", "Message sent to the applicant", "Private remark",
                     "Status: Submitted → In review", "Email to", coordinator.display_name):
        assert expected in text, expected
    kinds = [e["kind"] for e in response.context["entries"]]
    assert kinds[0] == "status" and {"audit", "email", "note"} <= set(kinds)
    for n in range(60):
        coordinator_client.post(reverse("reviews:add_note", args=[application.pk]),
                                {"body": f"note {n}"})
    with django_assert_num_queries(9):
        response = coordinator_client.get(url, {"page": 2})
    assert response.context["page"].paginator.count == len(kinds) + 60
    assert len(response.context["entries"]) == len(kinds) + 60 - 50


def test_the_outbox_links_opens_and_resends(coordinator_client, coordinator):
    application = app()
    coordinator_client.post(reverse("reviews:send_message", args=[application.pk]),
                            {"body": "Your fee"})
    email = OutboundEmail.objects.get(template="reviews_message")
    assert (email.about_type, email.about_id) == ("applicants.application", application.pk)
    listed = coordinator_client.get(reverse("outbox"), {"application": application.pk})
    assert [e.pk for e in listed.context["emails"]] == [email.pk]
    opened = coordinator_client.get(reverse("outbox_email", args=[email.pk]))
    assert "Your fee" in opened.content.decode()
    assert reverse("reviews:application", args=[application.pk]) in opened.content.decode()
    response = coordinator_client.post(reverse("outbox_resend", args=[email.pk]))
    copy = OutboundEmail.objects.exclude(pk=email.pk).get(template="reviews_message")
    assert response.url == reverse("outbox_email", args=[copy.pk])
    assert (copy.to, copy.body_text, copy.resent_from, copy.about_id) == (
        email.to, email.body_text, email, application.pk)
    assert AuditEvent.objects.filter(action="email.resent", actor=coordinator).exists()


def test_queue_mail_without_about_still_works():
    from endorsement.mail import queue_mail

    email = queue_mail("reviews_message", "x@example.org", {"name": "X", "body": "b",
                                                             "category": "c", "url_path": "/"})
    assert email.about_type == "" and email.about_id is None


def test_a_stale_fee_form_is_refused_and_says_what_changed(coordinator_client, coordinator):
    application = app()
    page = coordinator_client.get(reverse("reviews:application", args=[application.pk]))
    seen = page.context["version"]
    # A colleague records the payment in another tab
    coordinator_client.post(reverse("reviews:record_fee", args=[application.pk]),
                            {"fee_paid": "on", "version": seen})
    # The first tab, still showing "not paid", submits its old form
    response = coordinator_client.post(reverse("reviews:record_fee", args=[application.pk]),
                                       {"version": seen}, follow=True)
    application.refresh_from_db()
    assert application.fee_paid is True, "the recorded payment is not undone"
    text = response.content.decode()
    assert "out of date" in text and "Fee status recorded" in text
    assert response.context["version"] > seen
    # What was typed in a stale message form is kept
    response = coordinator_client.post(reverse("reviews:send_message", args=[application.pk]),
                                       {"body": "Typed carefully", "version": seen},
                                       follow=True)
    assert response.context["message_form"]["body"].value() == "Typed carefully"
    assert not application.coordinator_messages.exists()
    # Submitted with the current version, it goes through
    coordinator_client.post(reverse("reviews:send_message", args=[application.pk]),
                            {"body": "Typed carefully", "version": response.context["version"]})
    assert application.coordinator_messages.count() == 1


@pytest.mark.parametrize("who", ["applicant", "reviewer", "advisor"])
def test_new_pages_are_404_to_everyone_else(client, request, who):
    user = request.getfixturevalue(who)
    application = app()
    if who == "applicant":
        application.applicant = user
        application.save()
    email = OutboundEmail.objects.create(to="x@example.org", subject="s", body_text="b",
                                         template="t")
    client.force_login(user)
    for method, url in [
        ("get", reverse("reviews:queue_csv")),
        ("post", reverse("reviews:bulk_assign")),
        ("post", reverse("reviews:add_note", args=[application.pk])),
        ("get", reverse("reviews:history", args=[application.pk])),
        ("get", reverse("outbox_email", args=[email.pk])),
        ("post", reverse("outbox_resend", args=[email.pk])),
    ]:
        assert getattr(client, method)(url, {"body": "x"} if method == "post" else {}
                                       ).status_code == 404, url
    assert OutboundEmail.objects.count() == 1 and not InternalNote.objects.exists()


def test_a_coordinator_gets_404_for_the_history_of_their_own_application(coordinator_client,
                                                                         coordinator):
    own = Application.objects.create(applicant=coordinator, program="IMH-E", category="II")
    assert coordinator_client.get(reverse("reviews:history", args=[own.pk])).status_code == 404
    assert coordinator_client.post(reverse("reviews:add_note", args=[own.pk]),
                                   {"body": "x"}).status_code == 404


def test_the_history_includes_the_endorsement_issued(coordinator_client, coordinator):
    from endorsement.credentials.services import record_endorsement

    application = app(status=Status.ENDORSED)
    record_endorsement(holder=application.applicant, program="IMH-E", category="II",
                       issued_on=timezone.localdate(), rules_edition="massaimh-2015",
                       actor=coordinator, application=application)
    response = coordinator_client.get(reverse("reviews:history", args=[application.pk]))
    assert "Endorsement® issued" in response.content.decode()


def test_cached_totals_follow_changes_and_rows_are_always_current(coordinator_client):
    queue = reverse("reviews:queue")
    first = app()
    assert coordinator_client.get(queue).context["page"].paginator.count == 1
    second = app()  # a save drops the cached totals
    response = coordinator_client.get(queue)
    assert response.context["page"].paginator.count == 2
    counts = {q["key"]: q["count"] for q in response.context["queues"]}
    assert counts["submitted"] == 2
    # A bulk update sends no signal: the total may lag (for a short while), the rows do not
    Application.objects.filter(pk=second.pk).update(status=Status.IN_REVIEW)
    assert shown(coordinator_client.get(queue)) == [first.pk]
