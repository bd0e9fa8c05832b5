"""Bad input gets a message next to the field saying how to fix it, and nothing is lost."""
import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from applicants.models import Degree, PendingUpload, RscSession
from applicants.tests.factories import PDF, PNG

pytestmark = pytest.mark.django_db


def day(offset: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=offset)).isoformat()


def field_error(response, field: str) -> str:
    """The error text shown next to ``field`` (crispy puts it right under the input)."""
    html = response.content.decode()
    match = re.search(rf'id="error_1_id_{field}"[^>]*>\s*<strong>(.*?)</strong>', html, re.S)
    assert match, f"no error next to {field}"
    return " ".join(match.group(1).split())


def url(name, application, **kw):
    return reverse(f"applicants:{name}", kwargs={"pk": application.pk, **kw})


@pytest.fixture
def signed_in(client, draft):
    client.force_login(draft.applicant)
    return client


WORK = {"employer": "Family Center", "role": "Home visitor", "start": day(-900), "end": "",
        "paid": "on", "kind": "infant_family", "families_served": "12",
        "social_emotional_focus": "on", "relationship_focus": "on", "hours_per_week": "40",
        "duties": "Home visits with families of infants"}


def test_work_that_ends_before_it_starts(signed_in, draft):
    response = signed_in.post(url("work_add", draft), {**WORK, "end": day(-1000)})
    assert response.status_code == 200
    assert "end date is before the start date" in field_error(response, "end")
    assert 'value="Home visitor"' in response.content.decode()
    assert not draft.work.exists()


def test_future_dates(signed_in, draft):
    response = signed_in.post(url("work_add", draft), {**WORK, "start": day(30)})
    assert "cannot be in the future" in field_error(response, "start")
    response = signed_in.post(url("training_add", draft), {
        "title": "Attachment", "sponsor": "MassAIMH", "date": day(10), "hours": "6"})
    assert "Enter a date on or before" in field_error(response, "date")
    assert 'value="Attachment"' in response.content.decode()


@pytest.mark.parametrize("hours, message", [
    ("-2", "above 0"), ("0", "above 0"), ("25", "more than 24 hours for one session")])
def test_rsc_session_hours(signed_in, draft, hours, message):
    response = signed_in.post(url("rsc_add", draft), {
        "date": day(-20), "hours": hours, "format": "individual", "provider_name": "Dr. Rivera",
        "provider_level": "III", "provider_degree": "master"})
    assert message in field_error(response, "hours")
    assert 'value="Dr. Rivera"' in response.content.decode()
    assert not RscSession.objects.exists()


def test_training_hours_absurd(signed_in, draft):
    response = signed_in.post(url("training_add", draft), {
        "title": "Conference", "sponsor": "ZERO TO THREE", "date": day(-20), "hours": "1500"})
    assert "more than 1000 hours for one training" in field_error(response, "hours")


def test_rsc_series_ending_in_the_future(signed_in, draft):
    response = signed_in.post(url("rsc_series", draft), {
        "first_date": day(-30), "every_weeks": "2", "count": "10", "hours": "1.5",
        "format": "group", "provider_name": "Dr. Rivera", "provider_level": "III",
        "provider_degree": "master"})
    assert "3 or fewer sessions" in field_error(response, "count")
    assert not RscSession.objects.exists()


def test_rsc_series_creates_one_row_per_session(signed_in, draft):
    signed_in.post(url("rsc_series", draft), {
        "first_date": day(-300), "every_weeks": "2", "count": "12", "hours": "1.5",
        "format": "group", "provider_name": "Dr. Rivera", "provider_level": "III",
        "provider_degree": "master"})
    sessions = list(draft.rsc.all())
    assert len(sessions) == 12
    assert (sessions[1].date - sessions[0].date).days == 14


DEGREE = {"type": "bachelor", "name": "BSW", "institution": "Salem State",
          "awarded": day(-3000), "related_field": "on"}


def test_a_40_mb_file(signed_in, draft):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (40 * 1024 * 1024), "application/pdf")
    response = signed_in.post(url("degrees_add", draft), {**DEGREE, "transcript": big})
    message = field_error(response, "transcript")
    assert "40 MB" in message and "at most 10 MB" in message
    assert 'value="Salem State"' in response.content.decode()
    assert not Degree.objects.exists()


@pytest.mark.parametrize("name, content", [
    ("transcript.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a renamed .exe
    ("transcript.pdf", b"just some text, not a PDF"),
    ("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
])
def test_files_that_are_not_pdf_png_or_jpeg(signed_in, draft, name, content):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    response = signed_in.post(url("degrees_add", draft), {**DEGREE, "transcript": upload})
    assert "not a PDF, PNG or JPEG" in field_error(response, "transcript")
    assert 'value="BSW"' in response.content.decode()


def test_a_good_file_is_kept_when_another_field_has_an_error(signed_in, draft):
    upload = SimpleUploadedFile("My Transcript.png", PNG, "image/png")
    response = signed_in.post(url("degrees_add", draft), {**DEGREE, "name": "",
                                                          "transcript": upload})
    assert "This field is required" in field_error(response, "name")
    assert "File kept: <strong>My Transcript.png</strong>" in response.content.decode()
    pending = PendingUpload.objects.get()
    # The second post does not send the file again, only the pending id.
    response = signed_in.post(url("degrees_add", draft), {**DEGREE,
                                                          "pending_upload": pending.pk})
    assert response.status_code == 302
    degree = Degree.objects.get()
    assert degree.transcript_name == "My Transcript.png"
    assert degree.transcript.name.endswith(".png")
    assert not PendingUpload.objects.exists()
    assert degree.transcript.read() == PNG


def test_someone_elses_pending_upload_cannot_be_claimed(client, draft, other_applicant):
    pending = PendingUpload.objects.create(
        owner=other_applicant, original_name="theirs.pdf",
        file=SimpleUploadedFile("x.pdf", PDF))
    client.force_login(draft.applicant)
    client.post(url("degrees_add", draft), {**DEGREE, "pending_upload": pending.pk})
    assert not Degree.objects.get().transcript


def test_editing_one_row_leaves_the_others_alone(signed_in, draft):
    signed_in.post(url("work_add", draft), WORK)
    signed_in.post(url("work_add", draft), {**WORK, "role": "Case manager"})
    first, second = draft.work.all()
    response = signed_in.post(url("work_edit", draft, row_id=first.pk),
                              {**WORK, "role": "Senior home visitor"})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.role, second.role) == ("Senior home visitor", "Case manager")
    signed_in.post(url("work_delete", draft, row_id=first.pk))
    assert list(draft.work.values_list("role", flat=True)) == ["Case manager"]
    draft.refresh_from_db()
    assert draft.last_section == "work"


def test_signature_must_match_the_profile_name(signed_in, draft):
    from applicants.tests.factories import ProfileFactory

    ProfileFactory(user=draft.applicant, full_name="Ana Lopez")
    response = signed_in.post(url("agreements", draft), {
        "document": "agreement", "agreement-typed_name": "Ana Lopes"})
    assert "exactly as in" in field_error(response, "agreement-typed_name")
    signed_in.post(url("agreements", draft), {
        "document": "agreement", "agreement-typed_name": "  ana   LOPEZ "})
    signature = draft.signatures.get()
    assert (signature.document, signature.version) == ("agreement", "2026-01")


def test_stale_pending_uploads_are_purged(draft):
    from datetime import timedelta

    from applicants.tasks import purge_pending_uploads

    old = PendingUpload.objects.create(owner=draft.applicant, original_name="old.pdf",
                                       file=SimpleUploadedFile("x.pdf", PDF))
    fresh = PendingUpload.objects.create(owner=draft.applicant, original_name="new.pdf",
                                         file=SimpleUploadedFile("y.pdf", PDF))
    PendingUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=3))
    storage, name = old.file.storage, old.file.name
    assert purge_pending_uploads() == 1
    assert list(PendingUpload.objects.all()) == [fresh]
    assert not storage.exists(name)
