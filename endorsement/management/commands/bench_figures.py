"""`manage.py bench_figures`: the figures of `make bench` that are not pages.

On the database `make bench` seeded: the eligibility engine's cases per second, one
certificate PDF (WeasyPrint, median), the renewal-reminder sweep over every Endorsement® on a
day when nothing is due and on the day the reminders of a December 31 fall due, and an import
of 10,000 rows. ``--json`` prints them as one JSON list on the last line.

The sweeps and the import are rolled back once timed, so a second run measures the same work;
still, run it on the bench database only.
"""
import datetime as dt
import json
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count

CERTIFICATE_MS = 150
SWEEP_S = 10


def _figure(name, times_ms, *, note="", target=None):
    ordered = sorted(times_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    median = statistics.median(times_ms)
    return {"name": name, "median_ms": round(median, 2), "p95_ms": round(p95, 2),
            "note": note, **({"target_ms": target, "ok": median <= target} if target else {})}


class Command(BaseCommand):
    help = "Engine, certificate, reminder sweep and import figures on the bench database."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument("--due-day", action="store_true",
                            help="also the sweep on the day most reminders fall due (it "
                                 "claims one per active Endorsement® and hands the mails to "
                                 "batch tasks, which this does not run)")

    def handle(self, *args, json: bool, import_rows: int, due_day: bool, **options):
        from endorsement.models import User

        if not User.objects.filter(email="coordinator@bench.test").exists():
            raise CommandError("bench_figures runs on the database make bench seeded.")
        figures = [self._engine(), self._certificate(), *self._sweeps(due_day),
                   self._import(import_rows)]
        if json:
            self.stdout.write(_dumps(figures))
        else:
            for f in figures:
                self.stdout.write(f"{f['name']:<50} {f['median_ms']:9.1f} ms  {f['note']}")

    def _engine(self):
        from django.conf import settings
        from django.utils import translation

        from endorsement.guidelines import bench

        # As on a page: the web layer's translator renders every sentence, in the language
        # the middleware activated (the site's default here). CPU time of this process.
        with translation.override(settings.LANGUAGE_CODE):
            decided, elapsed, examples = bench.run(2.0)
        per_second = decided / elapsed
        return {**_figure("engine: one case decided", [1000 / per_second]),
                "note": f"{1e6 / per_second:.1f} µs of CPU, {per_second:,.0f} cases per second "
                        f"({examples} example cases, {settings.LANGUAGE_CODE}, "
                        f"{bench.engine_build()})",
                "per_second": round(per_second)}

    def _certificate(self):
        from endorsement.credentials import certificates
        from endorsement.credentials.models import Endorsement

        sample = Endorsement.objects.select_related("holder").order_by("pk").first()
        certificates.render_pdf(sample)  # fonts loaded once per process
        times, cpu = [], []
        for _ in range(7):
            started, started_cpu = time.perf_counter(), time.process_time()
            certificates.render_pdf(sample)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        # On a shared machine the wall time includes waiting for a core; the CPU time is
        # what one certificate costs (the target is checked on it).
        figure = _figure("certificate PDF (WeasyPrint)", times)
        cpu_ms = statistics.median(cpu)
        return {**figure, "cpu_ms": round(cpu_ms, 1), "target_ms": CERTIFICATE_MS,
                "ok": cpu_ms <= CERTIFICATE_MS,
                "note": f"{cpu_ms:.0f} ms of CPU (median of 7); wall time above"}

    def _sweeps(self, due_day: bool):
        from django.conf import settings

        from endorsement.credentials import renewals
        from endorsement.credentials.models import Endorsement

        total = Endorsement.objects.count()
        # The date most Endorsements® are due (December 31): its reminders all fall at once.
        due = (Endorsement.objects.filter(status="active").values("valid_through")
               .annotate(n=Count("pk")).order_by("-n").values_list("valid_through", flat=True)
               .first())
        figures = []
        days = [("a quiet day", due - dt.timedelta(days=200))]
        if due_day:
            days.append((f"{max(settings.RENEWAL_REMINDER_DAYS)} days before December 31",
                         due - dt.timedelta(days=max(settings.RENEWAL_REMINDER_DAYS))))
        for label, day in days:
            with transaction.atomic():  # measured, then undone: the next run finds the same
                started = time.perf_counter()
                sent = renewals.send_renewal_reminders(day)
                seconds = time.perf_counter() - started
                transaction.set_rollback(True)
            figures.append({**_figure(f"renewal-reminder sweep: {label}", [seconds * 1000],
                                      target=SWEEP_S * 1000),
                            "note": f"{total:,} Endorsements®, {sent:,} reminders claimed"})
        return figures

    def _import(self, rows: int):
        from endorsement.credentials import importing
        from endorsement.models import User

        actor = User.objects.get(email="coordinator@bench.test")
        lines = ["email,first_name,last_name,endorsement_number,program,category,issued_on,"
                 "valid_through,status,membership_number,membership_association,"
                 "membership_valid_through"]
        lines += [f"imported{n}@bench-import.test,Imported,Person{n},IMP-{n:06d},IMH-E,II,"
                  f"2019-05-01,2030-12-31,,,," for n in range(rows)]
        data = ("\r\n".join(lines) + "\r\n").encode()
        started = time.perf_counter()
        checked = importing.check(data)
        check_s = time.perf_counter() - started
        with transaction.atomic():  # measured, then undone
            result = importing.apply(data, actor=actor)
            total_s = time.perf_counter() - started
            transaction.set_rollback(True)
        if result.file_error or result.refused:
            raise CommandError(f"the import refused rows: {result.file_error or result.refused}")
        return {**_figure(f"import of {rows:,} rows (check, then write)", [total_s * 1000]),
                "note": f"check alone {check_s:.1f} s; {len(checked.rows):,} rows"}


def _dumps(figures) -> str:
    return json.dumps(figures, ensure_ascii=False)
