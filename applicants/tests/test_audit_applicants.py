"""Audit findings on the application pages: changes after submission, races."""
import pytest
from django.urls import reverse

from applicants.models import Application, TrainingEntry
from applicants.views import access
from applicants.workflow import transition
from endorsement.testing.clients import sign_in_client

pytestmark = pytest.mark.django_db

TRAINING = {"title": "Attachment basics", "sponsor": "MassAIMH", "date": "2024-03-01",
            "hours": "6"}


def test_an_edit_that_races_a_submit_changes_nothing(client, ready, monkeypatch):
    """The edit's permission check read the application as a draft; the submit commits
    before the edit writes. The edit must see the submitted status under the row lock."""
    stale = Application.objects.get(pk=ready.pk)
    transition(ready, "submitted", actor=ready.applicant)
    monkeypatch.setattr(access, "viewable", lambda request, pk: stale)
    client.force_login(ready.applicant)
    before = TrainingEntry.objects.filter(application=ready).count()
    response = client.post(reverse("applicants:training_add", args=[ready.pk]), TRAINING)
    assert response.status_code == 302
    assert response.url == reverse("applicants:submitted", args=[ready.pk])
    assert TrainingEntry.objects.filter(application=ready).count() == before


def test_an_edit_on_a_draft_still_saves(client, draft):
    client.force_login(draft.applicant)
    response = client.post(reverse("applicants:training_add", args=[draft.pk]), TRAINING)
    assert response.status_code == 302
    assert draft.training.get().title == "Attachment basics"


@pytest.mark.parametrize("name, data", [
    ("profile", {"full_name": "Someone Else"}),
    ("membership", {"membership_number": "Z-9", "membership_expires": "2027-01-01"}),
    ("agreements", {"document": "agreement", "agreement-typed_name": "Ana Lopez"}),
    ("training_add", TRAINING),
    ("rsc_series", {"first_date": "2024-01-01", "every_weeks": "2", "count": "3",
                    "hours": "1", "format": "group", "provider_name": "Dr. R",
                    "provider_degree": "master"}),
])
@pytest.mark.parametrize("status", ["submitted", "in_review"])
def test_posts_after_submission_change_nothing(client, ready, name, data, status):
    Application.objects.filter(pk=ready.pk).update(status=status)
    client.force_login(ready.applicant)
    before = (ready.training.count(), ready.rsc.count(), ready.membership_number,
              ready.applicant.applicant_profile.full_name)
    response = client.post(reverse(f"applicants:{name}", args=[ready.pk]), data)
    assert response.status_code == 302
    assert response.url == reverse("applicants:submitted", args=[ready.pk])
    ready.refresh_from_db()
    ready.applicant.applicant_profile.refresh_from_db()
    assert (ready.training.count(), ready.rsc.count(), ready.membership_number,
            ready.applicant.applicant_profile.full_name) == before


def test_a_submission_note_with_a_nul_character_is_kept_without_it(client, ready):
    """The note is read from request.POST directly; PostgreSQL text cannot hold NUL."""
    client.force_login(ready.applicant)
    response = client.post(reverse("applicants:review", args=[ready.pk]),
                           {"note": "Fee sent\x00 by check"})
    assert response.url == reverse("applicants:submitted", args=[ready.pk])
    event = ready.events.get(to_status="submitted")
    assert event.note == "Fee sent by check"


@pytest.mark.parametrize("who", ["applicant", "reviewer", "coordinator"])
def test_the_advised_list_is_for_advisors_only(client, request, who):
    """Closed by default: other roles get 404, not an empty page of their own."""
    sign_in_client(client, request.getfixturevalue(who))
    assert client.get(reverse("applicants:advised")).status_code == 404


def test_an_advisor_sees_the_advised_list(client, advisor):
    client.force_login(advisor)
    assert client.get(reverse("applicants:advised")).status_code == 200


def _stored(field_file) -> bool:
    return field_file.storage.exists(field_file.name)


@pytest.fixture
def with_degree(client, draft):
    from applicants.tests.factories import DegreeFactory

    client.force_login(draft.applicant)
    return DegreeFactory(application=draft)


DEGREE = {"type": "bachelor", "name": "BSW", "institution": "Salem State",
          "awarded": "2015-05-20", "related_field": "on"}


def test_removing_a_degree_removes_its_transcript_file(client, draft, with_degree,
                                                       django_capture_on_commit_callbacks):
    """A transcript is private: none is left in storage once the applicant removes it."""
    old = with_degree.transcript
    assert _stored(old)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applicants:degrees_delete",
                                       args=[draft.pk, with_degree.pk]))
    assert response.status_code == 302
    assert not _stored(old)


def test_replacing_a_transcript_removes_the_old_file(client, draft, with_degree,
                                                     django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applicants.tests.factories import PNG

    old_name = with_degree.transcript.name
    storage = with_degree.transcript.storage
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applicants:degrees_edit", args=[draft.pk, with_degree.pk]),
            {**DEGREE, "transcript": SimpleUploadedFile("new.png", PNG, "image/png")})
    assert response.status_code == 302
    with_degree.refresh_from_db()
    assert with_degree.transcript.name != old_name and _stored(with_degree.transcript)
    assert with_degree.transcript.read() == PNG
    assert not storage.exists(old_name)


def test_editing_a_degree_without_a_new_file_keeps_its_transcript(
        client, draft, with_degree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:degrees_edit", args=[draft.pk, with_degree.pk]),
                    {**DEGREE, "name": "MSW"})
    with_degree.refresh_from_db()
    assert with_degree.name == "MSW" and _stored(with_degree.transcript)


def test_a_kept_file_superseded_by_a_new_upload_is_removed(client, draft,
                                                           django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applicants.models import Degree, PendingUpload
    from applicants.tests.factories import PDF, PNG

    client.force_login(draft.applicant)
    client.post(reverse("applicants:degrees_add", args=[draft.pk]),
                {**DEGREE, "name": "", "transcript": SimpleUploadedFile("a.png", PNG)})
    pending = PendingUpload.objects.get()
    kept = pending.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:degrees_add", args=[draft.pk]),
                    {**DEGREE, "pending_upload": pending.pk,
                     "transcript": SimpleUploadedFile("b.pdf", PDF)})
    degree = Degree.objects.get()
    assert degree.transcript.read() == PDF
    assert not degree.transcript.storage.exists(kept)
    assert not PendingUpload.objects.exists()


def test_signing_an_agreement_is_in_the_audit_trail(client, ready):
    from endorsement.audit import events_for

    client.force_login(ready.applicant)
    response = client.post(reverse("applicants:agreements", args=[ready.pk]),
                           {"document": "agreement", "agreement-typed_name": "ana  lopez"})
    assert response.status_code == 302
    [event] = [e for e in events_for(ready) if e.action == "application.signed"]
    assert event.actor == ready.applicant
    assert event.detail["document"] == "agreement"
    assert event.detail["typed_name"] == "Ana Lopez"  # as written in About you (issue 11)


SERIES = {"first_date": "2024-01-01", "every_weeks": "2", "count": "12", "hours": "1.5",
          "format": "group", "provider_name": "Dr. Rivera", "provider_level": "III",
          "provider_degree": "master"}


def test_a_double_clicked_series_adds_the_sessions_once(client, draft):
    """Twelve 1.5-hour sessions must not count as 36 hours because the form was sent twice."""
    client.force_login(draft.applicant)
    url = reverse("applicants:rsc_series", args=[draft.pk])
    client.post(url, SERIES)
    response = client.post(url, {**SERIES, "provider_name": "dr. rivera "}, follow=True)
    assert draft.rsc.count() == 12
    assert "0 sessions were added. 12 on the same days with" in response.content.decode()


def test_a_series_with_another_provider_on_the_same_days_is_added(client, draft):
    client.force_login(draft.applicant)
    url = reverse("applicants:rsc_series", args=[draft.pk])
    client.post(url, SERIES)
    client.post(url, {**SERIES, "provider_name": "Dr. Chen"})
    client.post(url, {**SERIES, "format": "individual"})
    assert draft.rsc.count() == 36
