"""The figures the queue shows on each row (ratings in, reviewers, last status change) and the
text its search matches are columns of the application (applicants.figures): after every move
that changes what they count they equal what the rows say, the search text follows the
person's name and email, and the queue shows and finds them."""
import pytest
from django.db.models import Max
from django.urls import reverse

from applicants import figures
from applicants.models import Application, ApplicationEvent
from applicants.workflow import transition
from endorsement.credentials.models import Endorsement
from endorsement.testing.factories import UserFactory
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


def kept_search(application) -> str:
    return Application.objects.values_list("applicant_search", flat=True).get(pk=application.pk)


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


def searched(coordinator_client, q) -> set:
    response = coordinator_client.get(reverse("reviews:queue"), {"q": q})
    return {row.pk for row in response.context["applications"]}


def test_the_search_text_follows_the_persons_name_and_email(coordinator_client, coordinator):
    from endorsement.credentials import importing
    from endorsement.people.personal_data import erase_person

    person = UserFactory(first_name="Rhea", last_name="Oldham", email="rhea@example.org")
    application = Application.objects.create(applicant=person, program="IMH-E", category="II",
                                             status="submitted")
    assert kept_search(application) == "Rhea Oldham rhea@example.org"
    person.last_name = "Newman"
    person.save(update_fields=["last_name"])
    person.email = "rhea.n@example.net"
    person.save()
    assert kept_search(application) == "Rhea Newman rhea.n@example.net"
    assert searched(coordinator_client, "newman") == {application.pk}
    assert searched(coordinator_client, "oldham") == set()
    # The importer renames people in bulk (no save signal): the search follows it too.
    header = ("email,first_name,last_name,endorsement_number,program,category,issued_on,"
              "valid_through,status,membership_number,membership_association,"
              "membership_valid_through\r\n")
    importing.apply((header + "rhea.n@example.net,Rhea,Castellano,OLD-0001,IMH-E,II,"
                     "2019-05-01,2030-12-31,,,,\r\n").encode(), actor=None)
    assert searched(coordinator_client, "castellano") == {application.pk}
    # Erased: the application stays (an Endorsement® came from it), the person's name goes.
    Endorsement.objects.filter(number="OLD-0001").update(application=application)
    erase_person(person, actor=coordinator, reason="asked")
    assert searched(coordinator_client, "rhea") == set()
    person.refresh_from_db()
    assert kept_search(application) == figures.search_text(person)


def test_an_address_is_found_whole_or_in_part_as_before(coordinator_client):
    def made(first, last, email):
        return Application.objects.create(
            applicant=UserFactory(first_name=first, last_name=last, email=email),
            program="IMH-E", category="II", status="submitted").pk

    ann = made("Ann", "Lee", "ann@x.org")
    joann = made("Jo", "Ann", "joann@x.org")
    other = made("Ann", "Bo", "ann@y.org")
    short = made("Jo", "Mo", "jo@x.org")
    assert searched(coordinator_client, "ann@x.org") == {ann, joann}
    assert searched(coordinator_client, "ANN@X") == {ann, joann}
    assert searched(coordinator_client, "ann@") == {ann, joann, other}
    assert searched(coordinator_client, "@x.org") == {ann, joann, short}
    assert searched(coordinator_client, "jo@x.org") == {short}
    assert searched(coordinator_client, "ann") == {ann, joann, other}
    assert searched(coordinator_client, "x.org") == {ann, joann, short}
