"""`manage.py bench_pages`: time the busiest pages on a database of realistic size.

Run it on a throwaway database (`make bench` uses var/bench/); it adds applications,
evidence and reference requests, then requests each page repeatedly with the test client
and prints the median time and the number of queries per page.
"""
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applicants.models import Application, Status
from endorsement.models import Role, User
from endorsement.testing.clients import sign_in_client


class Command(BaseCommand):
    help = "Time the main pages (median of N requests) on a seeded throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, default=300)
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, applications, repeat, **options):
        if User.objects.exclude(email__endswith="@bench.test").exists():
            raise CommandError("bench_pages needs an empty database (make bench makes one).")
        from django.conf import settings

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        applicant, coordinator, target = self._seed(applications)
        pages = [
            ("applicant: task list", applicant,
             reverse("applicants:application", args=[target.pk])),
            ("applicant: training section", applicant,
             reverse("applicants:training", args=[target.pk])),
            ("applicant: RSC section", applicant, reverse("applicants:rsc", args=[target.pk])),
            ("applicant: references section", applicant,
             reverse("references:section", args=[target.pk])),
            ("coordinator: queue (submitted)", coordinator, reverse("reviews:queue")),
            ("coordinator: application page", coordinator,
             reverse("reviews:application", args=[target.pk])),
            ("coordinator: outbox", coordinator, reverse("outbox")),
        ]
        self.stdout.write(f"pages on {Application.objects.count()} applications "
                          f"(median of {repeat} requests):")
        for label, user, url in pages:
            client = sign_in_client(Client(), user)
            client.get(url)
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise CommandError(f"{label}: {url} answered {response.status_code}")
            self.stdout.write(f"  {label:<34} {statistics.median(timings) * 1000:7.1f} ms"
                              f"  {len(queries):3d} queries")

    def _seed(self, count):
        from applicants.tests.factories import ApplicationFactory, RscFactory, complete
        from endorsement.testing.factories import CoordinatorFactory, UserFactory
        from references.models import ReferenceRequest

        coordinator = CoordinatorFactory(email="coordinator@bench.test")
        applicant = UserFactory(email="applicant@bench.test", role=Role.APPLICANT)
        target = complete(ApplicationFactory(applicant=applicant, category="III"))
        RscFactory.create_batch(40, application=target)
        for n in range(count):
            ApplicationFactory(applicant=UserFactory(email=f"a{n}@bench.test"),
                               status=Status.SUBMITTED if n % 3 else Status.DRAFT)
        ReferenceRequest.objects.filter(application=target).update(status="submitted")
        return applicant, coordinator, target
