"""An import as the coordinator runs it: stored file, dry run, then the import itself with its
progress, and an invitation to each person it created: the People app's "claim your account"
invitation (endorsement.people.services.invite to the applicant role; hashed, expiring, works
once), so the person sets their own password and claims the account.
"""
from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from endorsement import audit
from endorsement.models import Role, User

from . import importing
from .models import ImportRun


def progress_key(run_id: int) -> str:
    return f"credentials:import-progress:{run_id}"


def read_progress(run: ImportRun) -> tuple[int, int]:
    done = cache.get(progress_key(run.pk))
    return (done or 0, run.total)


def check_upload(upload, *, actor) -> ImportRun:
    """Store the file and record what importing it would do (nothing else is written)."""
    data = upload.read(importing.MAX_BYTES + 1)
    result = importing.check(data)
    upload.seek(0)
    run = ImportRun(original_name=(upload.name or "")[:200], created_by=actor,
                    total=len(result.rows), refused=len(result.refused),
                    report=result.as_report(),
                    state=ImportRun.State.REFUSED if result.file_error else
                    ImportRun.State.CHECKED)
    if not result.file_error:
        run.file.save("import.csv", upload, save=False)
    run.save()
    return run


def run_import(run_id: int, *, actor) -> ImportRun | None:
    """Import a checked file. Claimed by a conditional update, so a double click or two
    workers import it once."""
    claimed = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.CHECKED,
                                       refused=0).update(state=ImportRun.State.RUNNING)
    if not claimed:
        return None
    run = ImportRun.objects.get(pk=run_id)
    with run.file.open("rb") as handle:
        data = handle.read()

    def progress(done, total):
        cache.set(progress_key(run.pk), done, 3600)

    try:
        result = importing.apply(data, actor=actor, progress=progress)
    except Exception:
        # The transaction rolled back: nothing was imported. Say so rather than "Importing".
        ImportRun.objects.filter(pk=run.pk).update(
            state=ImportRun.State.REFUSED, finished_at=timezone.now(),
            report={**run.report, "file_error": _("The import failed and nothing was "
                                                  "imported. Try again, or tell the "
                                                  "administrator.")})
        raise
    run.report = result.as_report()
    run.total, run.refused = len(result.rows), len(result.refused)
    run.finished_at = timezone.now()
    run.state = (ImportRun.State.REFUSED if result.file_error or result.refused
                 else ImportRun.State.DONE)
    with transaction.atomic():
        run.save()
        if run.state == ImportRun.State.DONE:
            audit.record("endorsement.import_run", run, actor=actor,
                         rows=run.total, counts=run.report["counts"])
            people = getattr(result, "created_people", [])
            actor_id = actor.pk if actor is not None and actor.is_authenticated else None
            transaction.on_commit(lambda: _queue_invitations(people, actor_id))
    return run


def _queue_invitations(people: list[int], actor_id: int | None = None) -> None:
    from .tasks import invite_imported

    for start in range(0, len(people), 500):
        invite_imported.delay(people[start:start + 500], actor_id)


def invite(user: User, *, actor=None) -> None:
    """One invitation to claim the account (the People app's claim invitation: the person
    chooses a password through a link that works once)."""
    from endorsement.people import services as people

    people.invite(user.email, Role.APPLICANT, actor=actor)
