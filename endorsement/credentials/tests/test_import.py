"""Moving in from the old system: the CSV import, its dry run and every kind of bad input."""
import datetime as dt
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from endorsement.credentials import importing
from endorsement.credentials.models import Endorsement, ImportRun, Membership
from endorsement.models import AuditEvent, Invitation, OutboundEmail, Role, User
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db
HEADER = ("email,first_name,last_name,endorsement_number,program,category,issued_on,"
          "valid_through,status,membership_number,membership_association,"
          "membership_valid_through\r\n")
GOOD = (HEADER
        + "ana@example.org,Ana,Núñez,OLD-0001,IMH-E,II,2019-05-01,2030-12-31,,M-1,MassAIMH,"
          "2027-06-30\r\n"
        + "bo@example.org,Bo,Lee,OLD-0002,ECMH-E,IV-C,06/01/2020,12/31/2030,active,,,\r\n"
        + "ANA@example.org,Ana,Núñez,OLD-0003,IMH-E,III,2021-01-01,2030-12-31,,,,\r\n")


def test_dry_run_writes_nothing_and_says_what_would_happen():
    result = importing.check(GOOD.encode())
    assert [(r.line, r.action) for r in result.rows] == [(2, "create"), (3, "create"),
                                                         (4, "create")]
    assert not Endorsement.objects.exists() and not User.objects.exists()


def test_import_then_again_updates_instead_of_duplicating(client):
    result = importing.apply(GOOD.encode(), actor=None)
    assert result.counts() == {"create": 3, "update": 0, "refuse": 0}
    ana = User.objects.get(email="ana@example.org")
    assert (ana.last_name, ana.has_usable_password()) == ("Núñez", False)
    assert sorted(ana.endorsements.values_list("number", flat=True)) == ["OLD-0001", "OLD-0003"]
    bo = Endorsement.objects.get(number="OLD-0002")
    assert (bo.category, bo.issued_on, bo.valid_through) == ("IV-C", dt.date(2020, 6, 1),
                                                             dt.date(2030, 12, 31))
    assert Membership.objects.get(person=ana).valid_through == dt.date(2027, 6, 30)
    assert AuditEvent.objects.filter(action="endorsement.imported").count() == 3
    # Verification finds the imported number at once.
    page = client.get(reverse("credentials:verify_number", args=["OLD-0002"]))
    assert "Bo Lee" in page.content.decode()
    again = importing.apply(GOOD.replace("2030-12-31,,M-1", "2031-12-31,,M-1").encode(),
                            actor=None)
    assert again.counts() == {"create": 0, "update": 3, "refuse": 0}
    assert User.objects.count() == 2 and Endorsement.objects.count() == 3
    assert Endorsement.objects.get(number="OLD-0001").valid_through == dt.date(2031, 12, 31)


@pytest.mark.parametrize(("line", "reason"), [
    ("x@example.org,X,Y,N-1,IMH-E,II,2019-13-01,2030-12-31,,,,", "is not a date"),
    ("x@example.org,X,Y,N-1,IMH-E,V,2019-01-01,2030-12-31,,,,", "category"),
    ("not-an-email,X,Y,N-1,IMH-E,II,2019-01-01,2030-12-31,,,,", "not an email"),
    ("x@example.org,X,Y,,IMH-E,II,2019-01-01,2030-12-31,,,,", "number is missing"),
    ("x@example.org,X,Y,N-1,XYZ,II,2019-01-01,2030-12-31,,,,", "program"),
    ("x@example.org,X,Y,N-1,IMH-E,II,2019-01-01,2018-12-31,,,,", "before it was issued"),
    ("x@example.org,X,Y,N-1,IMH-E,II,2019-01-01,2030-12-31,gone,,,", "status"),
    ("x@example.org,X,Y,N-1,IMH-E,II", "fewer values"),
])
def test_a_bad_row_is_refused_with_its_reason_and_nothing_is_imported(line, reason):
    text = GOOD + line + "\r\n"
    result = importing.apply(text.encode(), actor=None)
    refused = result.refused
    assert len(refused) == 1 and refused[0].line == 5
    assert reason in " ".join(refused[0].reasons)
    assert not User.objects.exists() and not Endorsement.objects.exists(), "nothing half-done"


def test_a_duplicate_number_in_the_file_or_held_by_someone_else_is_refused():
    text = GOOD + "cy@example.org,Cy,Po,OLD-0002,IMH-E,II,2019-01-01,2030-12-31,,,,\r\n"
    result = importing.check(text.encode())
    assert "also on line 3" in " ".join(result.refused[0].reasons)
    importing.apply(GOOD.encode(), actor=None)
    other = HEADER + "cy@example.org,Cy,Po,OLD-0001,IMH-E,II,2019-01-01,2030-12-31,,,,\r\n"
    assert "belongs to someone else" in " ".join(importing.check(other.encode())
                                                 .refused[0].reasons)


def test_missing_column_bom_latin1_crlf_and_junk():
    no_number = GOOD.replace("endorsement_number,", "")
    assert "endorsement_number" in importing.check(no_number.encode()).file_error
    bom = importing.check(b"\xef\xbb\xbf" + GOOD.encode())
    assert not bom.file_error and len(bom.rows) == 3 and not bom.refused
    latin = importing.check(GOOD.replace("\r\n", "\n").encode("latin-1"))
    assert not latin.refused and latin.rows[0].last_name == "Núñez"
    assert importing.check(os.urandom(4096) + b"\x00").file_error
    assert importing.check(b"").file_error
    big = importing.check(b"a" * (importing.MAX_BYTES + 1))
    assert "larger than" in big.file_error


def test_the_command_dry_run_and_import(tmp_path, capsys, django_capture_on_commit_callbacks):
    path = tmp_path / "old.csv"
    path.write_bytes(GOOD.encode())
    call_command("import_endorsees", str(path), "--dry-run")
    assert "3 to create" in capsys.readouterr().out and not User.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_endorsees", str(path))
    out = capsys.readouterr().out
    assert "3 created" in out and "2 invitations queued" in out
    invitations = OutboundEmail.objects.filter(template="people_invitation")
    assert invitations.count() == 2
    assert "Claim your" in invitations.first().subject
    assert Invitation.objects.filter(role=Role.APPLICANT, invited_by=None).count() == 2
    with pytest.raises(CommandError):
        call_command("import_endorsees", str(tmp_path / "missing.csv"))


def test_ten_thousand_rows_in_under_a_minute(tmp_path):
    lines = [HEADER] + [f"p{n}@example.org,P,N{n},BIG-{n:05d},IMH-E,II,2019-05-01,2030-12-31,"
                        f",M-{n},,2027-06-30\r\n" for n in range(10_000)]
    seen = []
    started = time.monotonic()
    result = importing.apply("".join(lines).encode(), actor=None,
                             progress=lambda done, total: seen.append(done))
    took = time.monotonic() - started
    assert result.counts()["create"] == 10_000 and Endorsement.objects.count() == 10_000
    assert seen[-1] == 10_000 and len(seen) == 10
    assert took < 60, took


def test_the_upload_page_dry_run_then_import(coordinator_client,
                                            django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("old.csv", GOOD.encode(), content_type="text/csv")
    response = coordinator_client.post(reverse("credentials:import"), {"file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.state == "checked"
    page = coordinator_client.get(reverse("credentials:import_run", args=[run.pk]))
    assert "3 to create" in page.content.decode() and not User.objects.filter(
        email="bo@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("credentials:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == "done" and Endorsement.objects.count() == 3
    # A second confirm imports nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("credentials:import_confirm", args=[run.pk]))
    assert Endorsement.objects.count() == 3


def test_junk_upload_is_refused_without_a_500(coordinator_client):
    upload = SimpleUploadedFile("junk.csv", os.urandom(50_000) + b"\x00")
    response = coordinator_client.post(reverse("credentials:import"), {"file": upload},
                                       follow=True)
    assert response.status_code == 200 and "not a CSV text file" in response.content.decode()
    assert ImportRun.objects.get().state == "refused"


def test_import_pages_are_404_to_others(client):
    run = ImportRun.objects.create(original_name="x.csv")
    for person in (UserFactory(), ReviewerFactory()):
        client.logout()
        sign_in_client(client, person)
        for url in (reverse("credentials:import"),
                    reverse("credentials:import_run", args=[run.pk])):
            assert client.get(url).status_code == 404
        assert client.post(reverse("credentials:import_confirm",
                                   args=[run.pk])).status_code == 404


def test_import_list_query_count(coordinator_client, coordinator, django_assert_num_queries):
    ImportRun.objects.create(original_name="a.csv", created_by=coordinator)
    coordinator_client.get(reverse("credentials:import"))
    with django_assert_num_queries(_count(coordinator_client)):
        for _n in range(3):
            ImportRun.objects.create(original_name="b.csv", created_by=coordinator)
        coordinator_client.get(reverse("credentials:import"))


def _count(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("credentials:import"))
    return len(queries) + 3  # the three creates inside the guard


def test_imported_people_claim_their_account_with_the_people_invitation(
        coordinator_client, coordinator, django_capture_on_commit_callbacks):
    """The page's import invites each new person with the People app's claim invitation (sent
    by the coordinator who imported); the link lets them choose a password, once."""
    upload = SimpleUploadedFile("old.csv", GOOD.encode(), content_type="text/csv")
    coordinator_client.post(reverse("credentials:import"), {"file": upload})
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("credentials:import_confirm", args=[run.pk]))
    invitation = Invitation.objects.get(email="bo@example.org")
    assert invitation.role == Role.APPLICANT and invitation.invited_by == coordinator
    assert not OutboundEmail.objects.filter(template="credentials_invitation").exists()
    from endorsement.people import services as people

    # The raw token is not stored: make a fresh one the same way to walk the claim.
    _again, raw = people.invite("bo@example.org", Role.APPLICANT, actor=coordinator)
    response = Client().post(reverse("people:accept", args=[raw]), {
        "first_name": "Bo", "last_name": "Lee", "password1": "a-long-pass-phrase-42",
        "password2": "a-long-pass-phrase-42"})
    assert response.status_code == 302
    person = User.objects.get(email="bo@example.org")
    assert person.has_usable_password() and person.role == Role.APPLICANT
    assert person.endorsements.exists()
