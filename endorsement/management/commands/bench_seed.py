"""`manage.py bench_seed`: fill a throwaway database for `make bench` and `make load`.

Bulk rows for N applications (endorsement/bench/seed.py), then, through the factories and the
services, the people the measurements act as: a coordinator, an applicant whose application
has 200 training rows and 100 RSC sessions, a rater with a live link, a reviewer with an
application to review; with --load-users, enough applicants, raters and reviewers for the load
script. Writes their signed-in session keys and links to var/bench/fixture.json (or --out).
Refuses a database that holds anything but bench rows.
"""
import json
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from endorsement.middleware import TWO_FACTOR_CHECKED


def session_for(user) -> str:
    """A session key signed in as ``user`` (staff: second factor passed), as after sign-in."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.needs_two_factor:
        store[TWO_FACTOR_CHECKED] = True
    store.create()
    return store.session_key


class Command(BaseCommand):
    help = "Seed a throwaway database for make bench / make load."

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, default=100_000)
        parser.add_argument("--load-users", type=int, default=0,
                            help="applicants, raters and reviewers for the load script")
        parser.add_argument("--out", default=str(Path(settings.VAR_DIR) / "fixture.json"))
        parser.add_argument("--load-only", action="store_true",
                            help="only add the load script's people to a seeded database")

    def handle(self, *args, applications, load_users, out, load_only, **options):
        from applicants.models import Application
        from endorsement.models import User

        if load_only:
            return self._load_only(load_users, out)

        if Application.objects.exists() or \
                User.objects.exclude(email__endswith="@bench.test").exists():
            raise CommandError("bench_seed needs an empty, migrated database.")
        from endorsement.bench import seed

        started = time.perf_counter()
        with transaction.atomic():
            summary = seed.seed(applications, write=self.stdout.write)
        self.stdout.write(f"bulk rows: {summary['rows']:,} in "
                          f"{time.perf_counter() - started:.0f} s")
        fixture = self._people(load_users)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        fixture["applications"] = applications
        fixture["rows"] = summary["rows"]
        fixture["seconds"] = round(time.perf_counter() - started, 1)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(fixture, indent=1))
        self.stdout.write(f"seeded in {fixture['seconds']:.0f} s; people in {out}")

    def _load_only(self, load_users: int, out: str) -> None:
        """Fresh people for one load run, on a database bench_seed filled before (each run
        gets its own: a rater's link is used once, a review is submitted once)."""
        import secrets

        from applicants.tests.factories import ApplicationFactory, ProfileFactory
        from endorsement.models import User
        from endorsement.testing.factories import UserFactory
        from reviews.tests.helpers import endorsed_reviewers, in_review

        coordinator = User.objects.filter(email="coordinator@bench.test").first()
        if coordinator is None:
            raise CommandError("run bench_seed first (make bench): no bench coordinator here.")
        run = secrets.token_hex(3)
        # Factory addresses (person<n>@example.org) start past every earlier run's.
        from endorsement.testing.factories import ReviewerFactory

        start = User.objects.count() + secrets.randbelow(10**6) + 10**6
        for factory_class in (UserFactory, ReviewerFactory):
            factory_class.reset_sequence(start, force=True)
        load = self._load_people(load_users, coordinator, self._rater_link, ApplicationFactory,
                                 ProfileFactory, UserFactory, endorsed_reviewers, in_review,
                                 prefix=f"load{run}-")
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps({"run": run, "load": load}, indent=1))
        self.stdout.write(f"load people for run {run} in {out}")

    @staticmethod
    def _rater_link(application, n):
        from references import tokens
        from references.models import ReferenceRequest

        raw, hashed = tokens.new_token()
        ReferenceRequest.objects.create(
            application=application, rater_name=f"Bench rater {n}",
            rater_email=f"rater{n}-{hashed[:6]}@bench.test", role="colleague",
            known_for="2 years", waiver_signed_at=timezone.now(), token_hash=hashed,
            token_expires_at=tokens.new_expiry(), sent_at=timezone.now())
        return raw

    def _people(self, load_users: int) -> dict:
        from applicants.models import Application
        from applicants.tests.factories import (
            ApplicationFactory,
            ProfileFactory,
            RscFactory,
            TrainingFactory,
            complete,
        )
        from endorsement.credentials.models import Endorsement, RegistryListing
        from endorsement.models import Role
        from endorsement.testing.factories import CoordinatorFactory, UserFactory
        from reviews import reviewing, services
        from reviews.tests.helpers import endorsed_reviewers, in_review

        coordinator = CoordinatorFactory(email="coordinator@bench.test", first_name="Coco",
                                         last_name="Ordinator")
        applicant = UserFactory(email="applicant@bench.test", role=Role.APPLICANT)
        target = complete(ApplicationFactory(applicant=applicant, category="III"))
        TrainingFactory.create_batch(200 - target.training.count(), application=target)
        RscFactory.create_batch(100 - target.rsc.count(), application=target)

        rater_link = self._rater_link
        rater_token = rater_link(target, 0)
        reviewer = endorsed_reviewers(1)[0]
        reviewed = in_review(UserFactory(email="reviewed@bench.test", role=Role.APPLICANT),
                             coordinator)
        assignment = services.assign_reviewer(reviewed, reviewer, actor=coordinator)
        reviewing.declare_conflict(assignment, conflict=False, note="", actor=reviewer)
        sample = Endorsement.objects.filter(status="active").order_by("pk").first()
        listed = RegistryListing.objects.order_by("pk").first()
        fixture = {
            "coordinator": session_for(coordinator), "applicant": session_for(applicant),
            "reviewer": session_for(reviewer), "target": target.pk,
            "reviewed": reviewed.pk, "assignment": assignment.pk, "rater_token": rater_token,
            "endorsement_number": sample.number if sample else "",
            "endorsement_id": sample.pk if sample else None,
            "registry_name": listed.sort_name.split()[0] if listed else "smith",
            "search_email": Application.objects.order_by("pk").values_list(
                "applicant__email", flat=True)[5000 % max(1, Application.objects.count())],
            # A family name as a coordinator types it (a handful of people have it).
            "search_name": Application.objects.order_by("pk").values_list(
                "applicant__last_name", flat=True)[7000 % max(1, Application.objects.count())],
        }
        if load_users:
            fixture["load"] = self._load_people(load_users, coordinator, rater_link,
                                                ApplicationFactory, ProfileFactory,
                                                UserFactory, endorsed_reviewers, in_review)
        return fixture

    def _load_people(self, n, coordinator, rater_link, ApplicationFactory, ProfileFactory,
                     UserFactory, endorsed_reviewers, in_review, prefix="load"):
        from endorsement.models import Role
        from reviews import reviewing, services

        applicants = []
        for i in range(n):
            user = UserFactory(email=f"{prefix}{i}@bench.test", role=Role.APPLICANT)
            ProfileFactory(user=user)
            application = ApplicationFactory(applicant=user, category="II")
            applicants.append({"session": session_for(user), "application": application.pk,
                               "user": user.pk})
        # Raters: links on the load applicants' applications (each submits once).
        from applicants.models import Application

        raters = [rater_link(Application.objects.get(pk=applicants[i % n]["application"]),
                             1000 + i) for i in range(n * 6)]
        reviewers = []
        for r, reviewer in enumerate(endorsed_reviewers(max(2, n // 10))):
            assignments = []
            for k in range(8):
                application = in_review(
                    UserFactory(email=f"{prefix}reviewed{r}-{k}@bench.test",
                                role=Role.APPLICANT),
                    coordinator)
                assignment = services.assign_reviewer(application, reviewer, actor=coordinator)
                reviewing.declare_conflict(assignment, conflict=False, note="", actor=reviewer)
                assignments.append(assignment.pk)
            reviewers.append({"session": session_for(reviewer), "assignments": assignments})
        return {"applicants": applicants, "raters": raters, "reviewers": reviewers,
                "coordinators": [session_for(coordinator) for _ in range(max(1, n // 20))]}
