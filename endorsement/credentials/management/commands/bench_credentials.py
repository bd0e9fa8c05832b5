"""`manage.py bench_credentials`: the speed figures issue 9 asks for, on a throwaway database.

WeasyPrint time for one certificate (median), the verification and registry pages (median
time and queries), and the renewal-reminder and lapse sweeps over many Endorsements® (default
100,000) on a day when nothing is due. `make bench` runs it after bench_pages.
"""
import datetime as dt
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from endorsement.credentials import certificates, renewals
from endorsement.credentials.models import Endorsement, Region, RegistryListing
from endorsement.models import User

DOMAIN = "@bench-credentials.test"


def median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


class Command(BaseCommand):
    help = "Time certificates, verification, the registry and the renewal sweeps."

    def add_arguments(self, parser):
        parser.add_argument("--endorsements", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=10)

    def handle(self, *args, endorsements, repeat, **options):
        if Endorsement.objects.exclude(holder__email__endswith=DOMAIN).exists():
            raise CommandError("bench_credentials needs a throwaway database (make bench).")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.VERIFY_RATE_PER_MINUTE = 10**9
        if not Endorsement.objects.exists():
            self._seed(endorsements)
        sample = Endorsement.objects.select_related("holder").order_by("pk").first()
        out = self.stdout.write
        pdf_ms = median_ms(lambda: certificates.render_pdf(sample), repeat)
        out(f"certificate, WeasyPrint: {pdf_ms:.0f} ms (median)")
        client = Client()
        for label, url, query in (
                ("verification page", reverse("credentials:verify_number",
                                              args=[sample.number]), {}),
                ("registry page", reverse("credentials:registry"), {}),
                ("registry search", reverse("credentials:registry"), {"name": "holder1"})):
            reset_queries()  # each request resets the log; start from empty to count it
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, query)
            if response.status_code != 200:
                raise CommandError(f"{label}: HTTP {response.status_code}")
            ms = median_ms(lambda url=url, query=query: client.get(url, query), repeat)
            out(f"{label}: {ms:.0f} ms, {len(queries)} queries")
        quiet_day = dt.date(2026, 6, 1)
        start = time.perf_counter()
        sent = renewals.send_renewal_reminders(quiet_day)
        out(f"renewal-reminder sweep over {Endorsement.objects.count()} Endorsements®: "
            f"{time.perf_counter() - start:.2f} s ({sent} due)")
        start = time.perf_counter()
        lapsed = renewals.lapse_overdue(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
        out(f"lapse sweep: {time.perf_counter() - start:.2f} s ({lapsed} lapsed)")

    def _seed(self, count):
        """Bulk rows, bypassing the services on purpose (speed): nothing here is audited."""
        users = User.objects.bulk_create(
            [User(email=f"holder{i}{DOMAIN}", first_name="Holder", last_name=f"Holder{i}")
             for i in range(count)], batch_size=5000)
        Endorsement.objects.bulk_create(
            [Endorsement(number=f"BENCH-2025-{i:06d}", holder=user, program="IMH-E",
                         category=("I", "II", "III", "IV-C")[i % 4],
                         issued_on=dt.date(2025, 3, 1), valid_through=dt.date(2026, 12, 31),
                         rules_edition=settings.RULES_EDITION)
             for i, user in enumerate(users)], batch_size=5000)
        regions = Region.values
        RegistryListing.objects.bulk_create(
            [RegistryListing(holder=user, display_name=f"Holder Holder{i}",
                             sort_name=f"holder{i} holder holder{i}",
                             region=regions[i % len(regions)])
             for i, user in enumerate(users[: count // 10])], batch_size=5000)
