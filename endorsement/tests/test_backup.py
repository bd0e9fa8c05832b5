"""Backup and restore: every record and every file back in an empty installation.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL=postgres://... (CI)."""
import io
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from applicants.tests.factories import ApplicationFactory, complete
from endorsement import backup
from endorsement.models import AuditEvent, User
from references.tests.conftest import RATER

pytestmark = pytest.mark.django_db(transaction=True)


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", exclude=backup.EXCLUDE, natural_foreign=True, indent=1,
                 stdout=out)
    return out.getvalue()


@pytest.fixture
def installation(applicant, coordinator):
    from references import services

    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    services.request_reference(application, applicant, **RATER)
    AuditEvent.objects.create(action="test.backup", subject_type="x", subject_id=1,
                              detail={"note": "Ünïcode ✓"})
    return application


def test_round_trip_into_an_empty_installation(installation, tmp_path):
    before, files_before = dump(), {n: default_storage.open(n).read()
                                    for n in backup.file_names()}
    assert files_before, "the test world has an uploaded transcript"
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)  # a new, empty installation
    for name in files_before:
        default_storage.delete(name)
    assert not User.objects.exists()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Every count and checksum matches" in out.getvalue()
    assert dump() == before
    assert {n: default_storage.open(n).read() for n in backup.file_names()} == files_before
    # New records continue after the restored ones (sequences were reset).
    assert ApplicationFactory().pk > installation.pk


def test_restore_refuses_an_installation_that_holds_records(installation, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="empty"):
        call_command("restore", str(archive))


def test_a_damaged_archive_is_refused_with_a_message(installation, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "data.json":
                data = data.replace(b"Ana", b"Eve")
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))
