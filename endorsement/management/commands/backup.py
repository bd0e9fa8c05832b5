"""manage.py backup [--output DIR_OR_FILE]: the whole database and every upload in one file."""
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from endorsement import backup


class Command(BaseCommand):
    help = "Write a backup archive (database records and uploaded files) to a .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups",
                            help="a folder (a dated file is made in it) or a .tar.gz path")

    def handle(self, *args, output, **options):
        target = Path(output)
        if not target.name.endswith(".tar.gz"):
            target = target / f"endorsement-backup-{datetime.now():%Y-%m-%d-%H%M%S}.tar.gz"
        try:
            manifest = backup.backup(target)
        except OSError as exc:
            raise CommandError(f"cannot write {target}: {exc.strerror or exc}") from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Backup written to {target}: {rows} records, "
                          f"{len(manifest['files'])} files.")
        if manifest["missing_files"]:
            self.stderr.write(f"Warning: {len(manifest['missing_files'])} files named by "
                              f"records were not found in storage: {manifest['missing_files']}")
