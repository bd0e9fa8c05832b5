"""The staff audit trail page, personal data export and erasure, workload (issue 10, 6-7)."""
import csv
import datetime
import io
import json
import os
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applicants.models import ApplicantProfile, Application, Degree
from applicants.tests.factories import ApplicationFactory, DegreeFactory, ProfileFactory
from endorsement.audit import record
from endorsement.credentials.models import Endorsement
from endorsement.credentials.services import record_endorsement
from endorsement.models import AuditEvent, User
from endorsement.people import services
from endorsement.testing.clients import sign_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


def test_audit_trail_filters_by_person_application_kind_and_date(coordinator_client,
                                                                 coordinator, applicant):
    app = ApplicationFactory(applicant=applicant)
    other = ApplicationFactory()
    record("application.note", app, actor=coordinator)
    record("application.fee", other, actor=applicant)
    old = record("application.fee", app, actor=coordinator)
    AuditEvent.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40))
    url = reverse("people:audit")

    def total(**params):
        html = coordinator_client.get(url, params).content.decode()
        return html

    assert "1 event" in total(application=other.pk)
    assert "2 events" in total(application=app.pk)
    assert "1 event" in total(application=app.pk, kind="application.note")
    assert "1 event" in total(person="applicant@example")
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert "1 event" in total(application=app.pk, since=since)
    assert "1 event" in total(application=app.pk,
                              until=(timezone.localdate() - datetime.timedelta(days=30))
                              .isoformat())
    bad = coordinator_client.get(url, {"since": "31/02/2020", "application": "abc",
                                       "person": "Zoë"})
    assert bad.status_code == 400 and 'value="Zoë"' in bad.content.decode()


def test_audit_csv_exports_the_filter_without_formulas(coordinator_client, coordinator):
    app = ApplicationFactory()
    record("application.note", app, actor=None, actor_label="=HYPERLINK(1)")
    record("application.fee", app, actor=coordinator)
    response = coordinator_client.get(reverse("people:audit_csv"),
                                      {"application": app.pk, "kind": "application.note"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2 and rows[1][1] == "'=HYPERLINK(1)"
    assert coordinator_client.get(reverse("people:audit_csv"), {"since": "x"}
                                  ).status_code == 400


def _audit_queries(client, django_assert_num_queries, coordinator, n):
    for _ in range(n):
        record("application.note", ApplicationFactory(), actor=coordinator)
    client.get(reverse("people:audit"))
    with django_assert_num_queries(4):
        client.get(reverse("people:audit"))


def test_audit_page_queries_do_not_grow(coordinator_client, coordinator,
                                        django_assert_num_queries):
    _audit_queries(coordinator_client, django_assert_num_queries, coordinator, 1)
    _audit_queries(coordinator_client, django_assert_num_queries, coordinator, 8)


def test_a_coordinator_who_applied_never_reads_the_trail_of_their_own_application(
        client, coordinator, coordinator_client):
    """Who rated them and whether the rater flagged them is confidential to the applicant:
    a coordinator who applied sees neither in the audit trail, page or CSV."""
    from endorsement.testing.factories import CoordinatorFactory
    from references.models import ReferenceRequest

    applied = CoordinatorFactory(email="applied@example.org")
    own = ApplicationFactory(applicant=applied)
    ref = ReferenceRequest.objects.create(application=own, rater_name="Rae",
                                          rater_email="rae-secret@example.org",
                                          role="supervisor", known_for="2 years",
                                          waiver_signed_at=timezone.now(),
                                          token_hash="x" * 64,
                                          token_expires_at=timezone.now())
    record("reference.submitted", ref, actor_label="rae-secret@example.org", flagged=True)
    record("application.note", own, actor=coordinator)
    record("application.note", ApplicationFactory(), actor=coordinator)
    assert b"rae-secret" in coordinator_client.get(reverse("people:audit")).content
    client.logout()
    mine = sign_in_client(client, applied)
    page = mine.get(reverse("people:audit"))
    assert page.status_code == 200 and b"rae-secret" not in page.content
    assert len(page.context["events"]) == 1  # the note on someone else's application
    csv_text = b"".join(mine.get(reverse("people:audit_csv")).streaming_content).decode()
    assert "rae-secret" not in csv_text and len(csv_text.strip().splitlines()) == 2


def test_a_person_downloads_everything_held_about_them(client, applicant):
    ProfileFactory(user=applicant, race_ethnicity=["asian"], gender="woman")
    app = ApplicationFactory(applicant=applicant)
    degree = DegreeFactory(application=app)
    stranger_app = ApplicationFactory()
    response = sign_in_client(client, applicant).get(reverse("people:my_data_zip"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    data = json.loads(archive.read("everything.json"))
    assert data["account"][0]["email"] == applicant.email
    assert "password" not in data["account"][0]
    assert any(r["race_ethnicity"] == ["asian"] for rows in data.values() for r in rows
               if "race_ethnicity" in r)
    assert f"uploads/{degree.transcript.name}" in names
    assert any(n.startswith("csv/applicants.application") for n in names)
    flat = json.dumps(data)
    assert f'"id": {stranger_app.pk}, "applicant_id": {stranger_app.applicant_id}' not in flat
    assert AuditEvent.objects.filter(action="user.data_exported",
                                     subject_id=applicant.pk).exists()
    assert sign_in_client(client, applicant).get(reverse("people:my_data")).status_code == 200


def test_erasing_a_person_keeps_only_the_registry_and_the_audit(
        coordinator_client, coordinator, applicant, django_capture_on_commit_callbacks):
    ProfileFactory(user=applicant, race_ethnicity=["asian"])
    draft = ApplicationFactory(applicant=applicant)
    degree = DegreeFactory(application=draft)
    stored = degree.transcript.path
    today = datetime.date.today()
    endorsement = record_endorsement(holder=applicant, program="IMH-E", category="II",
                                     issued_on=today, rules_edition="massaimh-2015",
                                     actor=None, valid_through=today.replace(year=today.year + 1))
    from endorsement.credentials.models import RegistryListing
    from endorsement.credentials.services import join_registry

    join_registry(applicant, region="central")
    url = reverse("people:erase", args=[applicant.pk])
    page = coordinator_client.post(url, {"confirm": "erase", "reason": "asked by email"})
    assert page.status_code == 400 and "asked by email" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"confirm": "ERASE",
                                                 "reason": "asked by email"})
    assert response.status_code == 302
    person = User.objects.get(pk=applicant.pk)
    assert person.erased_at and not person.is_active and not person.has_usable_password()
    assert "applicant@example.org" != person.email and person.first_name == ""
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not Degree.objects.filter(pk=degree.pk).exists()
    assert not ApplicantProfile.objects.filter(user=person).exists()
    assert Endorsement.objects.filter(pk=endorsement.pk, number=endorsement.number).exists()
    assert not RegistryListing.objects.filter(holder=person).exists()
    assert AuditEvent.objects.filter(action="registry.left", subject_id=person.pk).exists()
    event = AuditEvent.objects.get(action="user.erased", subject_id=person.pk)
    assert event.actor == coordinator and event.detail["reason"] == "asked by email"
    assert not os.path.exists(stored)
    again = coordinator_client.post(url, {"confirm": "ERASE", "reason": "twice"})
    assert "erased already" in again.content.decode()


def test_abandoned_drafts_past_retention_are_erased_by_the_command(settings, applicant):
    old = ApplicationFactory(applicant=applicant)
    fresh = ApplicationFactory(applicant=applicant)
    Application.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=400))
    out = io.StringIO()
    call_command("erase_abandoned", "--days", "365", stdout=out)
    assert "1 abandoned" in out.getvalue()
    assert not Application.objects.filter(pk=old.pk).exists()
    assert Application.objects.filter(pk=fresh.pk).exists()
    assert AuditEvent.objects.filter(action="application.erased", subject_id=old.pk).exists()
    settings.RETENTION_ABANDONED_DAYS = 0
    from endorsement.tasks import erase_abandoned

    assert erase_abandoned() == 0


def test_demographics_never_appear_on_staff_pages(coordinator_client, coordinator, applicant):
    ProfileFactory(user=applicant, gender="self_describe", race_ethnicity=["asian"],
                   age_range="35_44")
    from reviews.tests.helpers import in_review

    application = in_review(applicant, coordinator)
    for url in (reverse("reviews:application", args=[application.pk]),
                reverse("people:person", args=[applicant.pk]), reverse("people:list")):
        html = coordinator_client.get(url).content.decode()
        assert "asian" not in html.lower() and "35_44" not in html


def test_workload_counts_open_assignments_and_reviews_due(coordinator, applicant,
                                                          coordinator_client):
    from reviews.services import assign_reviewer
    from reviews.tests.helpers import endorsed_reviewers, in_review

    reviewer = endorsed_reviewers(1)[0]
    application = in_review(applicant, coordinator)
    assign_reviewer(application, reviewer, actor=coordinator)
    assert services.workload([reviewer.pk]) == {reviewer.pk: {"open": 1, "due": 1}}
    html = coordinator_client.get(reverse("people:person", args=[reviewer.pk])).content.decode()
    assert "1 open assignments, 1 reviews due" in html


def test_an_application_an_endorsement_came_from_keeps_only_its_outline(
        coordinator, applicant, django_capture_on_commit_callbacks):
    from applicants.personal_data import erase_application

    application = ApplicationFactory(applicant=applicant, status="endorsed",
                                     membership_number="M-123", snapshot={"answers": "x"})
    degree = DegreeFactory(application=application)
    stored = degree.transcript.path
    today = datetime.date.today()
    endorsement = record_endorsement(holder=applicant, program="IMH-E", category="II",
                                     issued_on=today, rules_edition="massaimh-2015",
                                     actor=None, application=application,
                                     valid_through=today.replace(year=today.year + 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_application(application, actor=coordinator,
                                 reason="asked") == "kept_outline"
    application.refresh_from_db()
    assert application.snapshot is None and application.membership_number == ""
    assert application.status == "endorsed" and application.category == "II"
    assert not Degree.objects.filter(pk=degree.pk).exists() and not os.path.exists(stored)
    assert Endorsement.objects.get(pk=endorsement.pk).application_id == application.pk


def test_an_advisors_download_holds_nothing_of_the_people_they_advise(client, applicant):
    from endorsement.testing.factories import AdvisorFactory

    advisor = AdvisorFactory()
    ProfileFactory(user=applicant, race_ethnicity=["asian"])
    application = ApplicationFactory(applicant=applicant, advisor=advisor)
    DegreeFactory(application=application, institution="Secret College")
    response = sign_in_client(client, advisor).get(reverse("people:my_data_zip"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"Secret College" not in everything and b"asian" not in everything
    assert applicant.email.encode() not in everything


def test_the_applicants_download_does_not_name_their_reviewers(client, applicant):
    """Who reviews an application, and their conflict notes, stay with the association (like
    internal notes); a reviewer's own download still holds their assignments."""
    from endorsement.testing.factories import ReviewerFactory
    from reviews.models import ReviewAssignment

    reviewer = ReviewerFactory(email="rae.reviewer@example.org")
    application = ApplicationFactory(applicant=applicant)
    ReviewAssignment.objects.create(application=application, reviewer=reviewer,
                                    conflict_note="I supervised her sister")
    response = sign_in_client(client, applicant).get(reverse("people:my_data_zip"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("everything.json"))
    assert "reviews.reviewassignment" not in data
    assert "I supervised her sister" not in json.dumps(data)
    assert any(n.startswith("csv/applicants.application") for n in archive.namelist())
    from endorsement.people.personal_data import collect

    tables, _files = collect(reviewer)
    assert tables["reviews.reviewassignment.reviewer"][0]["application_id"] == application.pk
