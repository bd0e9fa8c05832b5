"""manage.py import_endorsees FILE.csv [--dry-run]: endorsed people from the old system."""
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from endorsement.credentials import importing
from endorsement.credentials.imports import _queue_invitations


class Command(BaseCommand):
    help = ("Import endorsed people, their Endorsements® and membership from a CSV file "
            "(layout: docs/import.md). Nothing is written when any row is refused.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true",
                            help="say row by row what would happen; write nothing")

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read(importing.MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None

        def progress(done, total):
            self.stderr.write(f"imported {done} of {total} rows")

        result = (importing.check(data) if dry_run
                  else importing.apply(data, actor=None, progress=progress))
        if result.file_error:
            raise CommandError(result.file_error)
        for row in result.rows:
            if dry_run or row.action == "refuse":
                reasons = " ".join(row.reasons)
                self.stdout.write(f"line {row.line}: {row.action} {row.email} {row.number}"
                                  + (f" – {reasons}" if reasons else ""))
        counts = result.counts()
        summary = (f"{counts['create']} to create, {counts['update']} to update, "
                   f"{counts['refuse']} refused")
        if result.refused:
            self.stdout.write(summary + ("" if dry_run else "; nothing was imported."))
            if not dry_run:
                sys.exit(1)
            return
        if dry_run:
            self.stdout.write(summary + " (dry run: nothing was written).")
            return
        people = getattr(result, "created_people", [])
        transaction.on_commit(lambda: _queue_invitations(people))
        self.stdout.write(summary.replace("to create", "created").replace(
            "to update", "updated") + f"; {len(people)} invitations queued.")
