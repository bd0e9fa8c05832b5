"""manage.py restore ARCHIVE: bring a backup back into a new, empty installation."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from endorsement import backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty installation (migrates first)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = backup.restore(Path(archive))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} records and {len(manifest['files'])} files from "
                          f"{archive} (made {manifest['created_at']}). Every count and "
                          "checksum matches.")
