"""Backup and restore: one archive holds the whole database and every uploaded file.

``manage.py backup`` writes ``endorsement-backup-<time>.tar.gz``:

    manifest.json   when, which database, how many rows per model, each file's size and sha256
    data.json       every record (Django's dumpdata, natural keys), read in ONE transaction
    media/...       every uploaded file named by a record, read through the storage in use
                    (local disk or S3), so the archive matches the records exactly

``manage.py restore ARCHIVE`` migrates an empty installation, loads the records in one
transaction, puts the files back, and checks every count and checksum against the manifest.
It refuses a database that already holds people or applications (nothing is overwritten).
"""
from __future__ import annotations

import hashlib
import io
import json
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction

FORMAT = 1
# Rebuilt by migrate, or worthless in another installation.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why."""


def _models():
    skip = {e for e in EXCLUDE if "." not in e}
    skip_models = {e.lower() for e in EXCLUDE if "." in e}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in skip or label in skip_models:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        yield model


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def file_names() -> list[str]:
    names = set()
    for model in _models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            values = model._default_manager.exclude(**{field: ""}).values_list(field, flat=True)
            names.update(v for v in values if v)
    return sorted(names)


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup(target: Path) -> dict:
    """Write the archive to ``target``; returns the manifest."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # one snapshot for every table
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        out = io.StringIO()
        call_command("dumpdata", *[], exclude=EXCLUDE, natural_foreign=True,
                     natural_primary=False, indent=None, stdout=out)
        data = out.getvalue().encode()
        rows = counts()
        names = file_names()
    files, missing = {}, []
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        _add(archive, "data.json", data)
        for name in names:
            try:
                with default_storage.open(name, "rb") as handle:
                    content = handle.read()
            except (FileNotFoundError, OSError):
                missing.append(name)
                continue
            files[name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            _add(archive, f"media/{name}", content)
        manifest = {
            "format": FORMAT, "created_at": datetime.now(UTC).isoformat(),
            "database": connection.vendor, "rows": rows, "files": files,
            "missing_files": missing, "data_sha256": hashlib.sha256(data).hexdigest(),
        }
        _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    partial.replace(target)  # never a half-written archive under the final name
    return manifest


def _read(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        member = archive.getmember(name)
    except KeyError:
        raise BackupError(f"the archive has no {name}: is it a backup of this system?") from None
    return archive.extractfile(member).read()


def is_empty() -> bool:
    from endorsement.models import User

    return not User.objects.exists() and all(
        n == 0 for label, n in counts().items()
        if label.split(".")[0] in {"applicants", "references", "reviews", "credentials"})


def restore(source: Path, stdout=None) -> dict:
    try:
        archive = tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"cannot read {source}: {exc}") from None
    with archive:
        manifest = json.loads(_read(archive, "manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"archive format {manifest.get('format')} is not {FORMAT}")
        data = _read(archive, "data.json")
        if hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
            raise BackupError("data.json does not match its checksum: the archive is damaged")
        blobs = {}
        for name, expected in manifest["files"].items():
            content = _read(archive, f"media/{name}")
            if hashlib.sha256(content).hexdigest() != expected["sha256"]:
                raise BackupError(f"{name} does not match its checksum: the archive is damaged")
            blobs[name] = content
    call_command("migrate", interactive=False, verbosity=0)
    if not is_empty():
        raise BackupError("this installation already holds records; restore only into an "
                          "empty one (a new database), so nothing is overwritten")
    fixture = Path(source).with_name(f".restore-{Path(source).stem}.json")
    written = []
    try:
        fixture.write_bytes(data)
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)
            for name, content in blobs.items():
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(content))
                written.append(saved)
                if saved != name:
                    raise BackupError(f"the storage renamed {name} to {saved}")
            after = counts()
            wrong = {k: (v, after.get(k)) for k, v in manifest["rows"].items() if after.get(k) != v}
            if wrong:
                raise BackupError(f"row counts differ after loading: {wrong}")
    except Exception:
        for name in written:  # no half-restored files left behind
            default_storage.delete(name)
        raise
    finally:
        fixture.unlink(missing_ok=True)
    return manifest
