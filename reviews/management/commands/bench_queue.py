"""`manage.py bench_queue`: the coordinator's pages on 100,000 applications.

Run it on a throwaway PostgreSQL database, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/endorse_bench SECRET_KEY=... \\
        python manage.py migrate && python manage.py bench_queue

It bulk-inserts applicants (with profiles), applications across every status, three
reference requests each (some submitted, flagged, declined, expiring), status events, audit
events, reviewer assignments and emails (bulk_create in batches: minutes, not hours), runs
ANALYZE, then requests each page with the test client and prints the median time and the
number of queries, beside a trivial view that goes through the same middleware.
"""
import random
import statistics
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, path, reverse
from django.utils import timezone

from applicants.models import (
    ApplicantProfile,
    Application,
    ApplicationEvent,
    Category,
    Program,
    Region,
)
from endorsement.models import AuditEvent, OutboundEmail, Role, User
from endorsement.testing.clients import sign_in_client
from references.models import ReferenceRating, ReferenceRequest
from reviews.models import ReviewAssignment

STATUSES = [("draft", 20), ("submitted", 15), ("in_review", 15), ("exam", 5), ("returned", 5),
            ("endorsed", 30), ("not_endorsed", 5), ("withdrawn", 5)]
FIRST = ["Ana", "Maya", "Sam", "Lee", "Rosa", "Jamal", "Kim", "Noor", "Eli", "Ivy", "Omar",
         "Zoe", "Ravi", "Lena", "Theo", "Ada", "Kai", "Mia", "Luca", "Nia"]
LAST = ["Lopez", "Smith", "Nguyen", "Okafor", "Cohen", "Silva", "Patel", "Murphy", "Kowalski",
        "Haddad", "Johnson", "Tran", "Garcia", "Brown", "Rossi", "Kim", "Olsen", "Diaz"]
BATCH = 5000


def trivial(request):
    return HttpResponse("ok")


TRIVIAL_PAGE = Template('{% extends "base.html" %}{% block content %}<h1>ok</h1>{% endblock %}')


def trivial_page(request):
    """The site's layout with nothing in it: what any signed-in page costs at least."""
    return HttpResponse(TRIVIAL_PAGE.render(RequestContext(request)))


class Command(BaseCommand):
    help = "Seed 100,000 applications and time the coordinator's pages beside a trivial view."

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--no-seed", action="store_true",
                            help="time the pages on what an earlier run seeded")

    def handle(self, *args, applications, repeat, no_seed, **options):
        from django.conf import settings

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        if no_seed:
            coordinator = User.objects.get(email="coordinator@bench.test")
        else:
            if User.objects.exclude(email__endswith="@bench.test").exists() or \
                    Application.objects.exists():
                raise CommandError("bench_queue needs an empty, migrated database.")
            started = time.perf_counter()
            coordinator = self._seed(applications)
            self.stdout.write(f"seeded in {time.perf_counter() - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self._time(coordinator, repeat)

    # ------------------------------------------------------------------ seeding
    def _seed(self, count):
        from applicants import figures
        from endorsement.testing.factories import CoordinatorFactory, ReviewerFactory

        rng = random.Random(8)
        now = timezone.now()
        coordinator = CoordinatorFactory(email="coordinator@bench.test")
        reviewers = [ReviewerFactory(email=f"reviewer{n}@bench.test") for n in range(20)]
        password = make_password("bench-password")
        statuses = [s for s, weight in STATUSES for _ in range(weight)]
        with transaction.atomic():
            users = User.objects.bulk_create([
                User(email=f"a{n}@bench.test", first_name=rng.choice(FIRST),
                     last_name=f"{rng.choice(LAST)}{n % 997}", role=Role.APPLICANT,
                     password=password)
                for n in range(count)], batch_size=BATCH)
            ApplicantProfile.objects.bulk_create([
                ApplicantProfile(user=user, full_name=user.get_full_name(), phone="555",
                                 address="1 Main St", city="Boston", postal_code="02101",
                                 work_setting="child_care", languages="English",
                                 region=rng.choice(Region.values))
                for user in users], batch_size=BATCH)
            apps = []
            for user in users:
                status = rng.choice(statuses)
                created = now - timedelta(days=rng.randint(1, 1500))
                apps.append(Application(
                    applicant=user, program=rng.choice(Program.values),
                    category=rng.choice(Category.values), status=status,
                    fee_paid=rng.random() < 0.6,
                    submitted_at=None if status == "draft" else created + timedelta(days=20)))
            apps = Application.objects.bulk_create(apps, batch_size=BATCH)
            self.stdout.write(f"  {len(apps)} applications")
            refs, events, audits, emails, assignments = [], [], [], [], []
            for n, app in enumerate(apps):
                for r in range(3):
                    roll = rng.random()
                    status = ("submitted" if roll < 0.55 else "requested" if roll < 0.8
                              else "declined" if roll < 0.9 else "expired")
                    refs.append(ReferenceRequest(
                        application=app, rater_name=f"Rater {n}-{r}",
                        rater_email=f"r{n}-{r}@bench.test", role="supervisor",
                        known_for="3 years", waiver_signed_at=now,
                        rater_endorsement=rng.choice(["", "", "II", "III"]),
                        endorsement_verified=rng.random() < 0.7,
                        status=status, token_hash=f"{n:032x}{r:032x}",
                        token_expires_at=now + timedelta(days=rng.randint(-200, 30)),
                        sent_at=now))
                if app.status != "draft":
                    events.append(ApplicationEvent(application=app, from_status="draft",
                                                   to_status="submitted", actor=app.applicant))
                    audits.append(AuditEvent(action="application.status",
                                             subject_type="applicants.application",
                                             subject_id=app.pk, actor=app.applicant,
                                             detail={"to_status": "submitted"}))
                    if app.status not in ("submitted", "withdrawn"):
                        events.append(ApplicationEvent(application=app, from_status="submitted",
                                                       to_status=app.status, actor=coordinator))
                    if app.status in ("in_review", "exam", "endorsed", "not_endorsed"):
                        assignments.append(ReviewAssignment(
                            application=app, reviewer=rng.choice(reviewers),
                            assigned_by=coordinator))
                for e in range(3):
                    emails.append(OutboundEmail(
                        to=app.applicant.email, subject=f"Update {e}", body_text="Hello",
                        template="reviews_message", status="sent",
                        about_type="applicants.application", about_id=app.pk))
            refs = ReferenceRequest.objects.bulk_create(refs, batch_size=BATCH)
            ReferenceRating.objects.bulk_create([
                ReferenceRating(request=ref, scores={}, submitted_at=now,
                                flagged=rng.random() < 0.03)
                for ref in refs if ref.status == "submitted"], batch_size=BATCH)
            ApplicationEvent.objects.bulk_create(events, batch_size=BATCH)
            AuditEvent.objects.bulk_create(audits, batch_size=BATCH)
            ReviewAssignment.objects.bulk_create(assignments, batch_size=BATCH)
            OutboundEmail.objects.bulk_create(emails, batch_size=BATCH)
            figures.recount_all()  # the queue's figures (rows written in bulk)
            self.stdout.write(f"  {len(refs)} reference requests, {len(events)} events, "
                              f"{len(emails)} emails, {len(assignments)} assignments")
        return coordinator

    # ------------------------------------------------------------------ timing
    def _time(self, coordinator, repeat):
        from endorsement import urls

        urls.urlpatterns.append(path("__bench_trivial__/", trivial))
        urls.urlpatterns.append(path("__bench_trivial_page__/", trivial_page))
        clear_url_caches()
        queue = reverse("reviews:queue")
        target = Application.objects.filter(status="in_review").order_by("id").first()
        last_page = (Application.objects.filter(status="submitted").count() + 49) // 50
        outbox_last = (OutboundEmail.objects.count() + 49) // 50
        attention = reverse("references:coordinator_overview")
        pages = [
            ("trivial view (same middleware)", "/__bench_trivial__/"),
            ("trivial page (base.html, nothing in it)", "/__bench_trivial_page__/"),
            *[(f"queue tab: {key}", f"{queue}?queue={key}") for key in
              ("submitted", "in_review", "exam", "returned", "decided", "drafts", "withdrawn")],
            ("queue: every application", f"{queue}?queue=all"),
            ("search: name (all queues)", f"{queue}?q=smith"),
            ("search: two words", f"{queue}?q=ana+lopez"),
            ("search: email", f"{queue}?q=a54321%40bench"),
            ("search: application number", f"{queue}?q={target.pk}"),
            ("filtered page", f"{queue}?queue=in_review&program=IMH-E&category=III&fee=unpaid"),
            ("filter: region", f"{queue}?queue=submitted&region=western"),
            ("filter: waiting on raters", f"{queue}?queue=all&waiting=raters"),
            ("sorted by name", f"{queue}?queue=decided&sort=name"),
            ("last page (submitted)", f"{queue}?queue=submitted&page={last_page}"),
            *[(f"references needing attention: {key}", f"{attention}?show={key}")
              for key in ("flagged", "declined", "verify", "expiring")],
            ("outbox", reverse("outbox")),
            ("outbox: last page", f"{reverse('outbox')}?page={outbox_last}"),
            ("outbox: one application", f"{reverse('outbox')}?application={target.pk}"),
            ("application page", reverse("reviews:application", args=[target.pk])),
            ("application history", reverse("reviews:history", args=[target.pk])),
        ]
        self.stdout.write(f"{connection.vendor}, {Application.objects.count()} applications, "
                          f"median of {repeat} requests:")
        client = sign_in_client(Client(), coordinator)
        self.stdout.write(f"  {'page':<42} {'median':>9}  {'trivial':>9}  ratio  queries"
                          "  (of the median: time in the database)")

        def timed(url):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            return elapsed, len(queries), sum(float(q["time"]) for q in queries) * 1000

        # The trivial view is timed between the page's requests, so a busy machine slows
        # both alike and the ratio stays meaningful.
        for label, url in pages[1:]:
            client.get(url)
            page_times, base_times, sql_times = [], [], []
            for _ in range(repeat):
                base_times.append(timed("/__bench_trivial__/")[0])
                elapsed, count, sql = timed(url)
                page_times.append(elapsed)
                sql_times.append(sql)
            median = statistics.median(page_times) * 1000
            base = statistics.median(base_times) * 1000
            self.stdout.write(f"  {label:<42} {median:6.1f} ms  {base:6.1f} ms"
                              f"  {median / base:4.1f}x  {count:3d}"
                              f"  {statistics.median(sql_times):6.1f} ms in SQL")
