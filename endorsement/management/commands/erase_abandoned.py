"""Erase applications abandoned past the retention period (RETENTION_ABANDONED_DAYS)."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from endorsement.people.personal_data import erase_abandoned


class Command(BaseCommand):
    help = "Erase drafts and withdrawn applications untouched for the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="override RETENTION_ABANDONED_DAYS")

    def handle(self, *args, days=None, **options):
        days = settings.RETENTION_ABANDONED_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        erased = erase_abandoned(days=days)
        self.stdout.write(f"{erased} abandoned application(s) erased.")
