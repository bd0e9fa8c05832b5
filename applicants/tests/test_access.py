"""Strangers get 404 on every URL of someone else's application; the right people get in."""
import pytest
from django.urls import reverse

from applicants.tests.factories import ApplicationFactory, DegreeFactory, complete
from applicants.urls import urlpatterns
from applicants.workflow import transition
from reviews.models import ReviewAssignment

pytestmark = pytest.mark.django_db

NOT_PER_APPLICATION = {"home", "advised", "finder", "start"}
URL_NAMES = sorted(p.name for p in urlpatterns if p.name not in NOT_PER_APPLICATION)


@pytest.fixture
def target(applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="IV-C"))
    return application


def kwargs_for(name, application):
    kwargs = {"pk": application.pk}
    row_names = {"degrees": "degrees", "training": "training", "work": "work", "rsc": "rsc",
                 "leadership": "leadership"}
    slug = name.rsplit("_", 1)[0] if name.endswith(("_edit", "_delete")) else None
    if slug in row_names:
        kwargs["row_id"] = getattr(application, row_names[slug]).first().pk
    if name == "document":
        kwargs["degree_id"] = application.degrees.first().pk
    if name == "rsc_series_change":
        series = "a" * 32
        application.rsc.update(series=series)
        kwargs["series"] = series
    return kwargs


def test_every_url_is_covered():
    assert len(URL_NAMES) >= 25


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_applicant_gets_404(client, other_applicant, target, name, method):
    client.force_login(other_applicant)
    url = reverse(f"applicants:{name}", kwargs=kwargs_for(name, target))
    response = getattr(client, method)(url)
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.status == "draft"
    assert target.degrees.count() == 1


@pytest.mark.parametrize("name", URL_NAMES)
def test_owner_gets_every_page(client, target, name):
    client.force_login(target.applicant)
    url = reverse(f"applicants:{name}", kwargs=kwargs_for(name, target))
    assert client.get(url).status_code in (200, 302, 405)


def test_signed_out_people_are_sent_to_sign_in(client, target):
    response = client.get(reverse("applicants:application", kwargs={"pk": target.pk}))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_submitted_view_and_document_for_coordinator_and_assigned_reviewer(
        client, target, coordinator, reviewer, advisor):
    transition(target, "submitted", actor=target.applicant)
    degree = target.degrees.first()
    submitted = reverse("applicants:submitted", kwargs={"pk": target.pk})
    document = reverse("applicants:document", kwargs={"pk": target.pk, "degree_id": degree.pk})

    client.force_login(reviewer)
    assert client.get(submitted).status_code == 404
    assert client.get(document).status_code == 404
    assignment = ReviewAssignment.objects.create(application=target, reviewer=reviewer)
    # Assigned but not yet declared free of conflicts of interest: still nothing to read.
    assert client.get(submitted).status_code == 404
    assert client.get(document).status_code == 404
    assignment.conflict = False
    assignment.save()
    assert client.get(submitted).status_code == 200
    assert client.get(document).status_code == 200

    client.force_login(coordinator)
    assert client.get(submitted).status_code == 200
    response = client.get(document)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    # A coordinator cannot edit an applicant's answers.
    assert client.get(reverse("applicants:profile", kwargs={"pk": target.pk})).status_code == 404

    client.force_login(advisor)
    assert client.get(submitted).status_code == 404
    target.advisor = advisor
    target.save()
    assert client.get(submitted).status_code == 200
    assert client.get(document).status_code == 404  # advisors do not see transcripts
    response = client.get(reverse("applicants:advised"))
    assert target.applicant.display_name in response.content.decode()


def test_owner_of_a_submitted_application_is_sent_to_the_read_only_view(client, target):
    transition(target, "submitted", actor=target.applicant)
    client.force_login(target.applicant)
    url = reverse("applicants:degrees_add", kwargs={"pk": target.pk})
    response = client.post(url, {"name": "Sneaky"})
    assert response.status_code == 302
    assert response["Location"] == reverse("applicants:submitted", kwargs={"pk": target.pk})
    assert target.degrees.count() == 1


def test_uploaded_file_names_are_random_and_private(target):
    degree = DegreeFactory(application=target)
    assert degree.transcript.name.startswith("transcripts/")
    assert "transcript" not in degree.transcript.name.split("/")[1]


def test_the_submitted_checklist_speaks_to_the_owner_and_about_them_to_staff(
        client, target, coordinator):
    transition(target, "submitted", actor=target.applicant)
    submitted = reverse("applicants:submitted", kwargs={"pk": target.pk})
    client.force_login(target.applicant)
    owner_page = client.get(submitted).content.decode()
    client.force_login(coordinator)
    staff_page = client.get(submitted).content.decode()
    assert "The applicant&#x27;s" in staff_page         # "The applicant's MSW counts"
    assert "The applicant&#x27;s" not in owner_page     # "Your MSW counts"
