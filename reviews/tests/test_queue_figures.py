"""The figures the queue shows on each row (ratings in, reviewers, last status change) are
columns of the application (applicants.figures): after every move that changes what they
count they equal what the rows say, and the queue shows them."""
import pytest
from django.db.models import Max
from django.urls import reverse

from applicants import figures
from applicants.models import Application, ApplicationEvent
from applicants.workflow import transition
from references import services as references
from references.models import ReferenceRequest
from references.tests.conftest import ask, scores  # noqa: F401 - ask is a fixture
from reviews import services
from reviews.models import ReviewAssignment

from .helpers import endorsed_reviewers, in_review

pytestmark = pytest.mark.django_db


def kept(application) -> tuple:
    """The figures as stored on the application."""
    return tuple(Application.objects.values_list(
        "ratings_in", "reviewer_count", "status_changed_at").get(pk=application.pk))


def counted(application) -> tuple:
    """The figures counted from the rows they sum up."""
    return (ReferenceRequest.objects.filter(application=application, status="submitted").count(),
            ReviewAssignment.objects.filter(application=application).count(),
            ApplicationEvent.objects.filter(application=application)
            .aggregate(last=Max("created_at"))["last"])


def ratings_in(application) -> int:
    ratings = kept(application)[0]
    assert kept(application) == counted(application)
    return ratings


@pytest.fixture
def application(applicant):
    return Application.objects.create(applicant=applicant, program="IMH-E", category="II")


def test_ratings_in_follow_every_move_of_the_raters(ask, application):  # noqa: F811
    first, _ = ask(1)
    second, _ = ask(2)
    third, _ = ask(3)
    assert ratings_in(application) == 0
    references.open_link(first)
    references.save_draft(first, scores(application))
    assert ratings_in(application) == 0
    references.submit_rating(first, scores(application))
    assert ratings_in(application) == 1
    references.open_link(second)
    references.submit_rating(second, scores(application, na=6))  # flagged
    assert ratings_in(application) == 2
    references.set_aside(second, None, reason="Too little to go on")
    assert ratings_in(application) == 1
    references.decline(third, "I do not know her work")
    assert ratings_in(application) == 1
    fourth = references.replace(third, None, rater_name="Rae Four",
                                rater_email="four@example.org", role="colleague",
                                known_for="2 years", waiver_name="Ana Lopez")
    assert ratings_in(application) == 1
    references.open_link(fourth)
    references.submit_rating(fourth, scores(application))
    assert ratings_in(application) == 2
    fourth.delete()
    assert ratings_in(application) == 1


def test_reviewers_and_the_last_status_change_follow_the_moves(applicant, coordinator):
    application = in_review(applicant, coordinator)
    last = ApplicationEvent.objects.filter(application=application).latest("created_at")
    assert last.to_status == "in_review"
    assert kept(application) == counted(application) == (3, 0, last.created_at)
    one, two = endorsed_reviewers(2)
    services.assign_reviewer(application, one, actor=coordinator)
    services.assign_reviewer(application, one, actor=coordinator)  # twice: nothing changes
    assert kept(application)[1] == 1
    done, refused = services.assign_reviewer_to_many([application], two, actor=coordinator)
    assert (len(done), refused) == (1, [])
    assert kept(application)[1] == 2
    services.unassign_reviewer(ReviewAssignment.objects.get(reviewer=one), actor=coordinator)
    assert kept(application) == counted(application)
    assert kept(application)[1] == 1

    transition(application, "returned", actor=coordinator, note="Send the transcript.")
    last = ApplicationEvent.objects.filter(application=application).latest("created_at")
    assert kept(application) == counted(application) == (3, 1, last.created_at)


def test_the_queue_shows_the_kept_figures(coordinator_client, applicant, coordinator):
    application = in_review(applicant, coordinator)
    services.assign_reviewer(application, endorsed_reviewers(1)[0], actor=coordinator)
    html = coordinator_client.get(reverse("reviews:queue"), {"queue": "in_review"}).content
    assert b"<td>0</td><td>3 of 3</td>" in html  # days waiting, ratings in
    assert html.count(b"</span></td><td>1</td></tr>") == 1  # one reviewer


def test_recount_all_mends_figures_written_around_the_moves(applicant, coordinator):
    application = in_review(applicant, coordinator)
    Application.objects.update(ratings_in=0, reviewer_count=9, status_changed_at=None)
    figures.recount_all()
    assert kept(application) == counted(application)
    assert kept(application)[:2] == (3, 0)
