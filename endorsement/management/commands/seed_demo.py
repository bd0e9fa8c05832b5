"""`manage.py seed_demo`: demo logins and applications at several stages. Safe to run twice."""
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from endorsement import demo
from endorsement.models import Role

# Each app may have a demo module with seed(people) -> None, run in this order.
APP_DEMOS = ["endorsement.credentials.demo", "applicants.demo", "references.demo", "reviews.demo",
             "reviews.exams.demo", "reviews.payments.demo",
             "endorsement.renewals.demo", "endorsement.trainings.demo",
             "endorsement.consultation.demo"]


class Command(BaseCommand):
    help = "Create demo people and applications (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--on-public-site", action="store_true",
            help="seed even though SITE_URL is https (a staging site, never production)")

    def handle(self, *args, **options):
        if settings.HTTPS and not options["on_public_site"]:
            raise CommandError(
                "seed_demo creates a coordinator whose password and second factor are "
                "published in the README; it refuses to run on a site served over https "
                f"({settings.SITE_URL}). For a staging site, pass --on-public-site.")
        with transaction.atomic():
            people = demo.seed_people()
            for module_name in APP_DEMOS:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name != module_name:
                        raise
                    continue
                module.seed(people)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in at http://127.0.0.1:8000/"))
        self.stdout.write(f"Every demo login uses the password: {demo.DEMO_PASSWORD}")
        for email, _first, _last, role in demo.DEMO_PEOPLE:
            self.stdout.write(f"  {Role(role).label:<24} {email}")
        codes = demo.recovery_codes(people[Role.COORDINATOR])
        self.stdout.write(
            "The coordinator must give a second factor: add the TOTP secret "
            f"{demo.DEMO_TOTP_SECRET} to an authenticator app, or use a recovery code: "
            + ", ".join(codes[:3])
        )
        self.stdout.write("The reviewer gives a second factor too (same TOTP secret), or a "
                          "recovery code: "
                          + ", ".join(demo.recovery_codes(people[Role.REVIEWER])[:3]))
