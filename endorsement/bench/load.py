"""`make load`: 100 people at once for 2 minutes against gunicorn + PostgreSQL + Redis + Celery.

    python -m endorsement.bench.load [--users 100] [--seconds 120] [--workers N]

Runs on the database `make bench` seeded (var/bench/database.json; 100,000 applications), or
seeds one with 2,000 applications when there is none. Adds fresh people for this run
(``bench_seed --load-only``), starts a Celery worker and gunicorn (2 x cores + 1 workers) on
127.0.0.1 with Redis (REDIS_URL, default redis://127.0.0.1:6379/4), then runs, each in its
own thread with a pause of 0.5-2 s between actions, like people:

- 60% applicants: their task list, the training section, then save a training row (each save
  titled uniquely; one in ten posted twice with the same form token, as a double click);
- 15% raters: open their emailed link, the form, save a draft, submit (then the next link);
- 10% reviewers: their list, a review form, submit the review (once per assignment);
- 15% coordinators: queue tabs, a search, an application, references needing attention,
  the outbox.

Reports every answer's status (5xx counted), the server-side time (Server-Timing header of
the bench middleware) median and 95th percentile overall and per kind of person, and then
checks the database: every save answered "saved" is there exactly once (none lost, none
duplicated, the double posts included), every rating and review submitted is recorded once.
Exit status 1 when a 5xx, a lost or duplicated save, or p95 over --target-ms (300).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict

from .run import BIN, ROOT, VAR, Client, Server, bench_env, manage, p95, postgres_url

RADIO = re.compile(r'<input[^>]*type="radio"[^>]*>')
ATTR = re.compile(r'(name|value)="([^"]*)"')


def radios(html: str) -> dict:
    """The first value of each radio group of a form (name -> value)."""
    found = {}
    for tag in RADIO.findall(html):
        attrs = dict(ATTR.findall(tag))
        if "name" in attrs and "value" in attrs:
            found.setdefault(attrs["name"], attrs["value"])
    return found


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.server = defaultdict(list)     # kind of person -> server ms
        self.by_page = defaultdict(list)    # method and path (numbers as N) -> server ms
        self.client = []
        self.statuses = Counter()
        self.errors = []
        self.saved_titles = []               # training rows answered "saved"
        self.double_posts = []               # (title) posted twice with one token
        self.ratings = []                    # request paths submitted
        self.reviews = []                    # assignment ids submitted

    def record(self, kind, status, headers, elapsed, path):
        from .timing import parse

        total = parse(headers.get("Server-Timing", ""))[0] if headers else 0.0
        with self.lock:
            self.statuses[status] += 1
            self.client.append(elapsed * 1000)
            if headers and headers.get("Server-Timing"):
                self.server[kind].append(total)
                page = re.sub(r"\d+", "N", path.split("?")[0])
                query = path.split("?")[1].split("&")[0] if "?" in path else ""
                self.by_page[f"{page}{'?' + query if query else ''}"].append(total)
            if status >= 500 or status == 0:
                self.errors.append(f"{status} {path}")


class Person(threading.Thread):
    kind = "?"

    def __init__(self, port, stats, stop_at, rng):
        super().__init__(daemon=True)
        self.port, self.stats, self.stop_at, self.rng = port, stats, stop_at, rng

    def pause(self):
        time.sleep(self.rng.uniform(0.5, 2.0))

    def call(self, client, method, path, data=None):
        started = time.perf_counter()
        try:
            status, headers, body = client.request(method, path, data)
        except OSError as error:
            self.stats.record(self.kind, 0, None, time.perf_counter() - started, path)
            self.stats.errors.append(f"{error.__class__.__name__} {path}")
            return 0, {}, b""
        self.stats.record(self.kind, status, headers, time.perf_counter() - started, path)
        return status, headers, body

    def run(self):
        time.sleep(self.rng.uniform(0, 2.0))  # not all at the same instant
        while time.monotonic() < self.stop_at:
            try:
                self.step()
            except Exception as error:  # noqa: BLE001 - count it, keep the others going
                with self.stats.lock:
                    self.stats.errors.append(f"{self.kind}: {error!r}")
            self.pause()


class Applicant(Person):
    kind = "applicant"

    def __init__(self, me, *args):
        super().__init__(*args)
        self.me, self.client, self.n = me, None, 0

    def step(self):
        self.client = self.client or Client(self.port, self.me["session"])
        app = self.me["application"]
        choice = self.rng.random()
        if choice < 0.25:
            self.call(self.client, "GET", f"/apply/{app}/")
            return
        if choice < 0.4:
            self.call(self.client, "GET", f"/apply/{app}/training/")
            return
        self.n += 1
        title = f"Load {self.me['user']}-{self.n}"
        data = {"title": title, "sponsor": "MassAIMH", "date": "2024-03-01", "hours": "3",
                "form_token": secrets.token_urlsafe(16)}
        status, headers, _ = self.call(self.client, "POST", f"/apply/{app}/training/add/", data)
        if status == 302:
            with self.stats.lock:
                self.stats.saved_titles.append(title)
            if self.rng.random() < 0.1:  # a double click: the same form posted again
                again, _h, _b = self.call(self.client, "POST", f"/apply/{app}/training/add/",
                                          data)
                with self.stats.lock:
                    self.stats.double_posts.append((title, again))


class Rater(Person):
    kind = "rater"

    def __init__(self, tokens, *args):
        super().__init__(*args)
        self.tokens = tokens

    def step(self):
        with self.stats.lock:
            if not self.tokens:
                return
            token = self.tokens.pop()
        client = Client(self.port)
        status, headers, _ = self.call(client, "POST", f"/references/r/{token}/",
                                       {"action": "open"})
        if status != 302:
            return
        rate = headers.get("Location", "")
        self.pause()
        status, _h, body = self.call(client, "GET", rate)
        answers = {k: v for k, v in radios(body.decode()).items() if k != "recommendation"}
        self.pause()
        self.call(client, "POST", rate, {**answers, "comments": "Draft", "action": "save"})
        self.pause()
        status, _h, _b = self.call(client, "POST", rate, {
            **{k: "3" for k in answers}, "recommendation": "recommend",
            "comments": "Works well with families.", "action": "submit"})
        if status == 302:
            with self.stats.lock:
                self.stats.ratings.append(token)


class Reviewer(Person):
    kind = "reviewer"

    def __init__(self, me, *args):
        super().__init__(*args)
        self.me, self.todo = me, list(me["assignments"])

    def step(self):
        client = Client(self.port, self.me["session"])
        self.call(client, "GET", "/coordinator/assigned/")
        if not self.todo:
            return
        assignment = self.todo[0]
        self.pause()
        status, _h, body = self.call(client, "GET", f"/coordinator/assigned/{assignment}/")
        answers = {k: v for k, v in radios(body.decode()).items() if k.startswith("met_")}
        if not answers:
            self.todo.pop(0)
            return
        self.pause()
        status, _h, _b = self.call(client, "POST", f"/coordinator/assigned/{assignment}/", {
            **dict.fromkeys(answers, "met"), "recommendation": "endorse", "reasons": ""})
        self.todo.pop(0)
        if status == 302:
            with self.stats.lock:
                self.stats.reviews.append(assignment)


class Coordinator(Person):
    kind = "coordinator"
    PAGES = ["/coordinator/?queue=submitted", "/coordinator/?queue=in_review",
             "/coordinator/?queue=decided", "/coordinator/?queue=all&q=smith",
             "/coordinator/?queue=in_review&program=IMH-E&category=III",
             "/references/coordinator/?show=declined", "/outbox/", "/people/audit/",
             "/coordinator/renewals/", "/coordinator/endorsements/"]

    def __init__(self, session, *args):
        super().__init__(*args)
        self.session = session

    def step(self):
        client = Client(self.port, self.session)
        page = self.rng.choice(self.PAGES)
        status, _h, body = self.call(client, "GET", page)
        numbers = re.findall(rb'href="/coordinator/applications/(\d+)/"', body)
        if numbers and self.rng.random() < 0.4:
            self.pause()
            self.call(client, "GET", f"/coordinator/applications/{int(self.rng.choice(numbers))}/")


def warm_up(port: int, load: dict, workers: int) -> None:
    """Every worker answers each kind of page once before the clock starts (templates
    compiled, connections open, the totals counted), as a server that has been up a while."""
    coordinator = Client(port, load["coordinators"][0])
    applicant = load["applicants"][0]
    mine = Client(port, applicant["session"])
    reviewer = Client(port, load["reviewers"][0]["session"])
    for _ in range(workers * 2):
        for page in Coordinator.PAGES:
            coordinator.get(page)
        mine.get(f"/apply/{applicant['application']}/")
        mine.get(f"/apply/{applicant['application']}/training/")
        reviewer.get("/coordinator/assigned/")


def check_database(database_url: str | None, stats: Stats, env: dict) -> dict:
    """Lost and duplicated saves, ratings and reviews, read back from the database."""
    script = (
        "import json,sys\n"
        "from collections import Counter\n"
        "from applicants.models import TrainingEntry\n"
        "from references.models import ReferenceRating, ReferenceRequest\n"
        "from references.tokens import hash_token\n"
        "from reviews.models import Review\n"
        "data = json.load(open(sys.argv[-1]))\n"
        "titles = Counter(TrainingEntry.objects.filter(title__in=data['titles'])"
        ".values_list('title', flat=True))\n"
        "hashes = [hash_token(t) for t in data['ratings']]\n"
        "rated = ReferenceRating.objects.filter(request__token_hash__in=hashes, "
        "submitted_at__isnull=False).count()\n"
        "reviews = Counter(Review.objects.filter(assignment_id__in=data['reviews'], "
        "submitted_at__isnull=False).values_list('assignment_id', flat=True))\n"
        "print(json.dumps({'lost': [t for t in data['titles'] if titles[t] == 0],\n"
        "  'duplicated': [t for t, n in titles.items() if n > 1],\n"
        "  'ratings_recorded': rated,\n"
        "  'reviews_missing': [a for a in data['reviews'] if reviews[a] == 0],\n"
        "  'reviews_duplicated': [a for a, n in reviews.items() if n > 1]}))\n")
    payload = VAR / "load-check.json"
    payload.write_text(json.dumps({"titles": stats.saved_titles, "ratings": stats.ratings,
                                   "reviews": stats.reviews}))
    checker = VAR / "load_check.py"
    checker.write_text(script)
    out = subprocess.run(  # noqa: S603 - our own manage.py
        [str(BIN / "python"), str(ROOT / "manage.py"), "shell", "-c",
         f"import sys; sys.argv.append({str(payload)!r}); exec(open({str(checker)!r}).read())"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--target-ms", type=float, default=300)
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    state = VAR / "database.json"
    if state.exists():
        saved = json.loads(state.read_text())
        database_url, secret_key = saved["url"], saved["secret_key"]
    else:  # no make bench before: a smaller database of our own
        database_url = postgres_url()
        secret_key = "bench-" + secrets.token_urlsafe(40)
        state.write_text(json.dumps({"url": database_url, "secret_key": secret_key}))
        env = bench_env(database_url, secret_key)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "bench_seed", "--applications", "2000", "--out", str(VAR / "fixture.json"))
    env = bench_env(database_url, secret_key)
    env["REDIS_URL"] = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/4")
    # Each worker keeps its connection (the default 60 s) and says so in the logs when not.
    manage(env, "bench_seed", "--load-only", "--load-users", str(args.users),
           "--out", str(VAR / "load.json"))
    load = json.loads((VAR / "load.json").read_text())["load"]
    rng = random.Random(14)
    worker = subprocess.Popen(  # noqa: S603 - our own celery
        [str(BIN / "celery"), "-A", "endorsement", "worker", "--concurrency=1",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        env=env, cwd=ROOT)
    stats = Stats()
    n_applicants = round(args.users * 0.6)
    n_raters = round(args.users * 0.15)
    n_reviewers = round(args.users * 0.10)
    n_coordinators = args.users - n_applicants - n_raters - n_reviewers
    try:
        with Server(env, workers=args.workers, preload=True) as server:
            warm_up(server.port, load, args.workers)
            load_before = os.getloadavg()[0]
            stop_at = time.monotonic() + args.seconds
            tokens = list(load["raters"])
            people = []
            for i in range(n_applicants):
                me = load["applicants"][i % len(load["applicants"])]
                people.append(Applicant(me, server.port, stats, stop_at,
                                        random.Random(rng.random())))
            people += [Rater(tokens, server.port, stats, stop_at, random.Random(rng.random()))
                       for _ in range(n_raters)]
            people += [Reviewer(load["reviewers"][i % len(load["reviewers"])], server.port,
                                stats, stop_at, random.Random(rng.random()))
                       for i in range(n_reviewers)]
            people += [Coordinator(load["coordinators"][i % len(load["coordinators"])],
                                   server.port, stats, stop_at, random.Random(rng.random()))
                       for i in range(n_coordinators)]
            print(f"{len(people)} people for {args.seconds} s: {n_applicants} applicants, "
                  f"{n_raters} raters, {n_reviewers} reviewers, {n_coordinators} coordinators; "
                  f"gunicorn with {args.workers} workers, Celery, Redis", flush=True)
            started = time.monotonic()
            for person in people:
                person.start()
            for person in people:
                person.join(timeout=max(1, stop_at - time.monotonic() + 60))
            elapsed = time.monotonic() - started
            load_after = os.getloadavg()[0]
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    checked = check_database(database_url, stats, env)
    every = [ms for values in stats.server.values() for ms in values]
    total = sum(stats.statuses.values())
    five = sum(n for status, n in stats.statuses.items() if status >= 500 or status == 0)
    doubles_refused = sum(1 for _t, status in stats.double_posts if status in (200, 302))
    result = {
        "users": args.users, "seconds": round(elapsed), "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "statuses": dict(sorted(stats.statuses.items())), "5xx": five,
        "server_median_ms": round(statistics.median(every), 1) if every else None,
        "server_p95_ms": round(p95(every), 1) if every else None,
        "client_p95_ms": round(p95(stats.client), 1) if stats.client else None,
        "by_kind": {kind: {"requests": len(v), "median_ms": round(statistics.median(v), 1),
                           "p95_ms": round(p95(v), 1)} for kind, v in stats.server.items() if v},
        "saves": len(stats.saved_titles), "double_posts": len(stats.double_posts),
        "double_posts_answered": doubles_refused,
        "lost_saves": len(checked["lost"]), "duplicated_saves": len(checked["duplicated"]),
        "ratings_submitted": len(stats.ratings), "ratings_recorded": checked["ratings_recorded"],
        "reviews_submitted": len(stats.reviews),
        "reviews_missing": len(checked["reviews_missing"]),
        "reviews_duplicated": len(checked["reviews_duplicated"]),
        "slowest_pages_p95": dict(sorted(
            ((page, round(p95(v), 1)) for page, v in stats.by_page.items() if len(v) >= 5),
            key=lambda kv: -kv[1])[:8]),
        "errors": stats.errors[:20],
        "machine": {"cores": os.cpu_count(), "load_average_before": round(load_before, 1),
                    "load_average_after": round(load_after, 1)},
    }
    out_dir = ROOT / ".bench"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "load.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    ok = (five == 0 and not checked["lost"] and not checked["duplicated"]
          and result["ratings_recorded"] == result["ratings_submitted"]
          and not checked["reviews_missing"] and not checked["reviews_duplicated"]
          and (result["server_p95_ms"] or 0) < args.target_ms)
    print("OK: no 5xx, no lost or duplicated save, p95 under "
          f"{args.target_ms:.0f} ms" if ok else "NOT OK (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
