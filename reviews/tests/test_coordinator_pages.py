"""The coordinator's queues and application page; reviewers see only their assignments."""
import pytest
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, CoordinatorMessage, Status
from endorsement.models import AuditEvent, OutboundEmail
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import ReviewerFactory, UserFactory
from reviews.models import ReviewAssignment

pytestmark = pytest.mark.django_db


def submitted_application(applicant=None, **fields):
    fields.setdefault("status", Status.SUBMITTED)
    return Application.objects.create(
        applicant=applicant or UserFactory(), program="IMH-E", category="II",
        submitted_at=timezone.now(), **fields,
    )


def coordinator_urls(application, assignment=None):
    urls = [
        ("get", reverse("reviews:queue")),
        ("get", reverse("reviews:application", args=[application.pk])),
        ("post", reverse("reviews:record_fee", args=[application.pk])),
        ("post", reverse("reviews:send_message", args=[application.pk])),
        ("post", reverse("reviews:return", args=[application.pk])),
        ("post", reverse("reviews:start_review", args=[application.pk])),
        ("post", reverse("reviews:assign", args=[application.pk])),
        ("post", reverse("reviews:link_advisor", args=[application.pk])),
    ]
    if assignment:
        urls.append(("post", reverse("reviews:unassign", args=[application.pk, assignment.pk])))
    return urls


@pytest.mark.parametrize("who", ["applicant", "reviewer", "advisor"])
def test_everyone_but_the_coordinator_gets_404(client, request, who):
    user = request.getfixturevalue(who)
    application = submitted_application(applicant=user if who == "applicant" else None)
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=ReviewerFactory()
    )
    client.force_login(user)
    for method, url in coordinator_urls(application, assignment):
        assert getattr(client, method)(url).status_code == 404, url
    application.refresh_from_db()
    assert (application.status, application.fee_paid) == (Status.SUBMITTED, False)


@pytest.mark.parametrize("count", [1, 50])
def test_the_queue_reads_a_constant_number_of_queries(
    coordinator_client, django_assert_num_queries, count
):
    for _ in range(count):
        submitted_application()
    # session, user, queue counts, total, the page's rows (its ids a subquery) with their
    # ratings, reviewers and last change (a subquery each), the reviewers to choose from
    with django_assert_num_queries(6):
        response = coordinator_client.get(reverse("reviews:queue"))
    assert response.status_code == 200
    assert response.content.count(b"of 3</td>") == count
    # the counts, the total and the reviewers are kept until an application or person changes
    with django_assert_num_queries(3):
        again = coordinator_client.get(reverse("reviews:queue"))
    assert again.content.count(b"of 3</td>") == count


def test_the_reviewers_to_choose_from_follow_a_role_granted_or_removed(coordinator_client,
                                                                      coordinator):
    from endorsement.people.services import remove_role

    submitted_application()
    assert b"Rhea Newcomb" not in coordinator_client.get(reverse("reviews:queue")).content
    person = ReviewerFactory(first_name="Rhea", last_name="Newcomb")
    assert b"Rhea Newcomb" in coordinator_client.get(reverse("reviews:queue")).content
    remove_role(person, "reviewer", actor=coordinator)
    assert b"Rhea Newcomb" not in coordinator_client.get(reverse("reviews:queue")).content


def test_the_queue_counts_and_searches(coordinator_client):
    named = submitted_application(applicant=UserFactory(first_name="Wilhelmina", last_name="Park"))
    submitted_application()
    Application.objects.create(applicant=UserFactory(), program="ECMH-E", category="I")
    response = coordinator_client.get(reverse("reviews:queue"), {"q": "wilhelm"})
    assert [a.pk for a in response.context["applications"]] == [named.pk]
    counts = {q["key"]: q["count"] for q in response.context["queues"]}
    assert counts["submitted"] == 2 and counts["drafts"] == 1


def test_recording_the_fee_is_audited_and_feeds_the_checklist(coordinator_client, coordinator):
    application = submitted_application()
    url = reverse("reviews:record_fee", args=[application.pk])
    response = coordinator_client.post(url, {"fee_paid": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.fee_paid is True
    event = AuditEvent.objects.get(action="application.fee")
    assert (event.actor, event.detail) == (coordinator, {"paid": True})
    page = coordinator_client.get(reverse("reviews:application", args=[application.pk]))
    fee_row = next(r for r in page.context["verdict"]["requirements"] if r["id"] == "fee")
    assert fee_row["met"] is True


def test_returning_needs_a_message_shown_next_to_the_field(coordinator_client):
    application = submitted_application()
    response = coordinator_client.post(reverse("reviews:return", args=[application.pk]), {},
                                       follow=True)
    # POST-redirect-GET: the error shows on the page, and a reload does not post again
    assert response.redirect_chain == [(reverse("reviews:application", args=[application.pk]),
                                         302)]
    assert response.context["return_form"].errors["message"]
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_returning_reopens_editing_and_tells_the_applicant(
    coordinator_client, django_capture_on_commit_callbacks
):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("reviews:return", args=[application.pk]),
            {"message": "Please add the transcript for your master's degree."},
        )
    application.refresh_from_db()
    assert application.status == Status.RETURNED and application.is_editable
    assert CoordinatorMessage.objects.get(application=application).body.startswith("Please add")
    returned_mail = OutboundEmail.objects.get(to=application.applicant.email)
    assert "transcript" in returned_mail.body_text and returned_mail.body_html
    assert django_mail.outbox[0].to == [application.applicant.email]


def test_a_message_is_stored_and_emailed(coordinator_client):
    application = submitted_application()
    coordinator_client.post(
        reverse("reviews:send_message", args=[application.pk]), {"body": "We received your fee."}
    )
    assert CoordinatorMessage.objects.filter(application=application).count() == 1
    assert OutboundEmail.objects.filter(template="reviews_message").count() == 1


def test_an_assigned_reviewer_sees_the_application_and_no_other(client, coordinator_client):
    reviewer = ReviewerFactory(endorsed="IV-C")
    mine, other = submitted_application(), submitted_application()
    coordinator_client.post(reverse("reviews:assign", args=[mine.pk]), {"reviewer": reviewer.pk})
    assert ReviewAssignment.objects.filter(application=mine, reviewer=reviewer).exists()
    # The application opens once the reviewer has declared no conflict of interest.
    ReviewAssignment.objects.filter(reviewer=reviewer).update(conflict=False)

    client.force_login(reviewer)
    listing = client.get(reverse("reviews:assigned"))
    listed = listing.context["assignments"].values_list("application_id", flat=True)
    assert list(listed) == [mine.pk]
    assert client.get(reverse("applicants:submitted", args=[mine.pk])).status_code == 200
    assert client.get(reverse("applicants:submitted", args=[other.pk])).status_code == 404


def test_only_reviewers_can_be_assigned(coordinator_client, applicant):
    application = submitted_application()
    response = coordinator_client.post(
        reverse("reviews:assign", args=[application.pk]), {"reviewer": applicant.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["assign_form"].errors["reviewer"]
    assert not ReviewAssignment.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_the_reviewers_list_reads_a_constant_number_of_queries(
    client, django_assert_num_queries, count
):
    reviewer = ReviewerFactory()
    for _ in range(count):
        ReviewAssignment.objects.create(application=submitted_application(), reviewer=reviewer)
    sign_in_client(client, reviewer)  # second factor done, as reviewers need it
    with django_assert_num_queries(3):
        assert client.get(reverse("reviews:assigned")).status_code == 200


def test_linking_an_advisor_gives_read_only_access_and_tells_them(coordinator_client, advisor):
    from django.test import Client

    application = submitted_application()
    url = reverse("reviews:link_advisor", args=[application.pk])
    coordinator_client.post(url, {"advisor": advisor.pk})
    application.refresh_from_db()
    assert application.advisor == advisor
    told = OutboundEmail.objects.filter(to=advisor.email, template="reviews_advisor_linked")
    assert told.exists()
    assert AuditEvent.objects.filter(action="application.advisor").count() == 1

    advisor_client = Client()
    advisor_client.force_login(advisor)
    read_only = reverse("applicants:submitted", args=[application.pk])
    assert advisor_client.get(read_only).status_code == 200
    editing = reverse("applicants:profile", args=[application.pk])
    assert advisor_client.get(editing).status_code == 404

    coordinator_client.post(url, {"advisor": ""})
    application.refresh_from_db()
    assert application.advisor is None
    assert advisor_client.get(read_only).status_code == 404


def test_only_advisors_can_be_linked(coordinator_client, reviewer):
    application = submitted_application()
    response = coordinator_client.post(
        reverse("reviews:link_advisor", args=[application.pk]), {"advisor": reviewer.pk},
        follow=True,
    )
    assert response.context["advisor_form"].errors["advisor"]
    application.refresh_from_db()
    assert application.advisor is None


def test_a_page_of_the_queue_is_read_in_order_front_and_back_half(coordinator):
    from reviews import queue_html, queues

    names = ["Diaz", "Abbott", "Evans", "Baker", "Cole"]
    for name in names:
        submitted_application(applicant=UserFactory(first_name="Pat", last_name=name))
    query = queues.QueueQuery.from_request({"queue": "all", "sort": "name"})
    pages = [queues.page_of(query, number, 2) for number in (1, 2, 3)]  # 3: from the end
    shown = [row.last_name for page in pages for row in page.object_list]
    assert shown == sorted(names)
    assert pages[0].paginator.count == 5
    rows = queues.decorate(pages[2].object_list)
    assert rows[0].ratings_in == 0 and rows[0].reviewer_count == 0
    assert f'value="{rows[0].pk}"' in queue_html.rows(rows)


def test_a_queue_row_escapes_what_people_typed(coordinator_client):
    from django.utils.html import escape

    typed = "<b>\"O'Hara\" & co</b>"
    submitted_application(applicant=UserFactory(first_name=typed, last_name="Ng"))
    text = coordinator_client.get(reverse("reviews:queue")).content.decode()
    assert typed not in text
    assert f">{escape(typed)} Ng</a>" in text
    assert f'aria-label="Select {escape(typed)} Ng"' in text
