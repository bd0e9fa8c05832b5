"""`make bench`: seed a throwaway database, serve it with gunicorn, measure every page over HTTP.

    python -m endorsement.bench.run [--applications 100000] [--repeat 15] [--no-seed]

PostgreSQL: the server DATABASE_URL names (or the local one at 127.0.0.1:5432), database
``endorsement_bench`` (BENCH_DATABASE to change it), dropped and created again. Without a
reachable PostgreSQL: SQLite under var/bench/ with 300 applications.

Each page is requested ``repeat`` times, each time right after the trivial view (same
gunicorn, same middleware, same signed-in session), so a busy machine slows both alike and the
ratio holds. The time is the server's own (the Server-Timing header of the bench middleware,
endorsement/bench/timing.py), with the SQL queries and their time. Then the figures that are
not pages (engine, certificate, reminder sweep, import) from ``manage.py bench_figures``.
Prints a table and writes .bench/latest.json.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
VAR = Path(os.environ.get("BENCH_VAR_DIR") or ROOT / "var" / "bench")
CSRF = "benchcsrftokenbenchcsrftoken1234"  # 32 characters: an unmasked CSRF secret

# Targets (issue 14): ratios to the trivial view's median, queries per page.
PAGE_RATIO, QUEUE_RATIO, MAX_QUERIES = 10, 4, 12
# The reference every page is compared with: the trivial view requested by a signed-in
# coordinator (every middleware, the session and the user read: the floor of any signed-in
# page). Public pages are compared with the same reference.
TRIVIAL = "/__bench__/trivial/"


def postgres_url() -> str | None:
    """The bench database's URL on the server DATABASE_URL names (or the local one), or None
    when no PostgreSQL answers."""
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        return None
    name = os.environ.get("BENCH_DATABASE", "endorsement_bench")
    try:
        import psycopg

        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - any failure: no PostgreSQL, SQLite then
        print(f"PostgreSQL not usable ({error.__class__.__name__}: {error}); SQLite instead.")
        return None
    return urlunsplit(parts._replace(path=f"/{name}"))


def bench_env(database_url: str | None, secret_key: str) -> dict:
    env = {**os.environ, "BENCH": "true", "DEBUG": "false", "VAR_DIR": str(VAR),
           "DJANGO_SETTINGS_MODULE": "endorsement.settings", "SECRET_KEY": secret_key,
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SITE_URL": "http://127.0.0.1:8000",
           "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env, *args, capture=False):
    command = [str(BIN / "python"), str(ROOT / "manage.py"), *args]
    if capture:
        return subprocess.run(command, env=env, cwd=ROOT, check=True,  # noqa: S603 - ours
                              capture_output=True, text=True).stdout
    subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 - our manage.py
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the app on 127.0.0.1 on a free port, for as long as the block lasts."""

    def __init__(self, env, workers: int, threads: int = 1, preload: bool = False):
        self.env, self.workers, self.threads, self.preload = env, workers, threads, preload
        self.port = free_port()

    def __enter__(self):
        command = [str(BIN / "gunicorn"), "endorsement.wsgi", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", str(self.workers), "--threads", str(self.threads),
                   "--timeout", "120", "--log-level", "warning",
                   *(["--preload"] if self.preload else [])]
        self.process = subprocess.Popen(command, env=self.env, cwd=ROOT)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            self.process.terminate()
            raise RuntimeError("gunicorn did not start")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Client:
    """A browser-like client: one session cookie, the CSRF cookie, redirects not followed."""

    def __init__(self, port: int, session: str | None = None):
        self.port = port
        self.cookies = {"csrftoken": CSRF}
        if session:
            self.cookies["sessionid"] = session

    def request(self, method: str, path: str, data: dict | None = None):
        body = None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Host": "127.0.0.1", "Accept-Language": "en"}
        if data is not None:
            body = urlencode({"csrfmiddlewaretoken": CSRF, **data}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and value != '""':
                self.cookies[name.strip()] = value
        return response.status, response.headers, content

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


def server_timing(headers) -> tuple[float, float, int]:
    from endorsement.bench.timing import parse

    return parse(headers.get("Server-Timing", ""))


def measure(client: Client, method: str, path: str, data, repeat: int, base_client: Client,
            expect=(200,)):
    """Median/p95 of the page's server time beside the trivial view's, interleaved."""
    page, base, sql, queries = [], [], [], 0
    call = (lambda: client.get(path)) if method == "GET" else (
        lambda: client.post(path, data() if callable(data) else data))
    status, headers, body = call()  # warm up (and check)
    if status not in expect:
        raise RuntimeError(f"{method} {path} answered {status}: {body[:300]!r}")
    for _ in range(repeat):
        base.append(server_timing(base_client.get(TRIVIAL)[1])[0])
        status, headers, body = call()
        if status not in expect:
            raise RuntimeError(f"{method} {path} answered {status}")
        total, sql_ms, count = server_timing(headers)
        page.append(total)
        sql.append(sql_ms)
        queries = max(queries, count)
    return {"median_ms": statistics.median(page), "p95_ms": p95(page),
            "trivial_ms": statistics.median(base), "sql_ms": statistics.median(sql),
            "queries": queries}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def last_page(client: Client, path: str) -> str:
    """The page's own "last page" link (?page=N), or the page itself when there is one
    (links in HTML are escaped: &amp;page=N)."""
    status, _, body = client.get(path)
    numbers = [int(n) for n in re.findall(rb"(?:[?&]|&amp;)page=(\d+)", body)]
    join = "&" if "?" in path else "?"
    return f"{path}{join}page={max(numbers)}" if numbers else path


def pages(fx: dict, port: int) -> list[tuple]:
    """(name, who, method, path, data, target ratio, expected statuses)."""
    app, target = fx["target"], fx["target"]
    name = fx.get("search_name", "smith")
    coordinator = Client(port, fx["coordinator"])
    q = "/coordinator/"
    rows = [("queue tab: " + tab, "coordinator", "GET", f"{q}?queue={tab}", None, QUEUE_RATIO)
            for tab in ("submitted", "in_review", "exam", "awaiting_decision", "returned",
                        "decided", "drafts", "withdrawn", "all")]
    rows += [
        ("queue: search by name", "coordinator", "GET", f"{q}?queue=all&q={name}", None,
         QUEUE_RATIO),
        ("queue: search, a common name (1 in 18)", "coordinator", "GET",
         f"{q}?queue=all&q=smith", None, QUEUE_RATIO),
        ("queue: search by email", "coordinator", "GET",
         f"{q}?queue=all&q={fx['search_email']}", None, QUEUE_RATIO),
        ("queue: filtered", "coordinator", "GET",
         f"{q}?queue=in_review&program=IMH-E&category=III&fee=unpaid", None, QUEUE_RATIO),
        ("queue: sorted by name", "coordinator", "GET", f"{q}?queue=decided&sort=name", None,
         QUEUE_RATIO),
        ("queue: last page", "coordinator", "GET",
         last_page(coordinator, f"{q}?queue=decided"), None, QUEUE_RATIO),
        ("coordinator: application", "coordinator", "GET", f"{q}applications/{fx['reviewed']}/",
         None, PAGE_RATIO),
        ("coordinator: application history", "coordinator", "GET",
         f"{q}applications/{fx['reviewed']}/history/", None, PAGE_RATIO),
    ]
    rows += [(f"references needing attention: {key}", "coordinator", "GET",
              f"/references/coordinator/?show={key}", None, PAGE_RATIO)
             for key in ("flagged", "declined", "verify", "expiring")]
    rows += [
        ("outbox", "coordinator", "GET", "/outbox/", None, PAGE_RATIO),
        ("outbox: last page", "coordinator", "GET", last_page(coordinator, "/outbox/"), None,
         PAGE_RATIO),
        ("reports", "coordinator", "GET", f"{q}reports/", None, PAGE_RATIO),
        ("audit trail", "coordinator", "GET", "/people/audit/", None, PAGE_RATIO),
        ("audit trail: last page", "coordinator", "GET",
         last_page(coordinator, "/people/audit/"), None, PAGE_RATIO),
        ("people", "coordinator", "GET", "/people/", None, PAGE_RATIO),
        ("people: search", "coordinator", "GET", f"/people/?q={name}", None, PAGE_RATIO),
        ("people: search, a common name", "coordinator", "GET", "/people/?q=lopez", None,
         PAGE_RATIO),
        ("renewals queue", "coordinator", "GET", "/coordinator/renewals/", None, PAGE_RATIO),
        ("endorsements", "coordinator", "GET", "/coordinator/endorsements/", None, PAGE_RATIO),
        ("endorsements: search", "coordinator", "GET", f"/coordinator/endorsements/?q={name}",
         None, PAGE_RATIO),
        ("exam sittings", "coordinator", "GET", "/coordinator/exams/", None, PAGE_RATIO),
        ("applicant: task list", "applicant", "GET", f"/apply/{app}/", None, PAGE_RATIO),
        ("applicant: training (200 rows)", "applicant", "GET", f"/apply/{app}/training/", None,
         PAGE_RATIO),
        ("applicant: RSC (100 sessions)", "applicant", "GET", f"/apply/{app}/rsc/", None,
         PAGE_RATIO),
        ("applicant: work", "applicant", "GET", f"/apply/{app}/work/", None, PAGE_RATIO),
        ("applicant: references", "applicant", "GET", f"/references/application/{app}/", None,
         PAGE_RATIO),
        ("applicant: check and submit", "applicant", "GET", f"/apply/{app}/check-and-submit/",
         None, PAGE_RATIO),
        ("applicant: save a training row (POST)", "applicant", "POST",
         f"/apply/{target}/training/add/", training_row, PAGE_RATIO, (302,)),
        ("rater: form (GET)", "rater", "GET", "RATE", None, PAGE_RATIO),
        ("rater: save answers (POST)", "rater", "POST", "RATE", {"action": "save",
                                                                 "comments": "Bench"},
         PAGE_RATIO, (302,)),
        ("reviewer: review form", "reviewer", "GET", f"{q}assigned/{fx['assignment']}/", None,
         PAGE_RATIO),
        ("reviewer: assigned list", "reviewer", "GET", f"{q}assigned/", None, PAGE_RATIO),
        ("public: verification", None, "GET", f"/verify/{fx['endorsement_number']}/", None,
         PAGE_RATIO),
        ("public: registry", None, "GET", "/registry/", None, PAGE_RATIO),
        ("public: registry search", None, "GET", f"/registry/?name={fx['registry_name']}",
         None, PAGE_RATIO),
    ]
    return [row if len(row) == 7 else (*row, (200,)) for row in rows]


def training_row() -> dict:
    return {"title": "Bench workshop", "sponsor": "MassAIMH", "date": "2024-03-01",
            "hours": "6", "competency_areas": [], "form_token": secrets.token_urlsafe(16)}


def rater_client(port: int, token: str) -> tuple[Client, str]:
    """A rater who opened their emailed link (POST to the link, as the page's button does)."""
    client = Client(port)
    status, headers, _ = client.post(f"/references/r/{token}/", {"action": "open"})
    location = headers.get("Location", "")
    if status != 302 or "/rate/" not in location:
        raise RuntimeError(f"the rater's link answered {status} {location}")
    return client, urlsplit(location).path


def run_pages(fx: dict, port: int, repeat: int) -> list[dict]:
    clients = {who: Client(port, fx[who]) for who in ("coordinator", "applicant", "reviewer")}
    clients[None] = Client(port)
    clients["rater"], rate_path = rater_client(port, fx["rater_token"])
    results = []
    rows = [("reference: trivial view, anonymous", None, "GET", TRIVIAL, None, PAGE_RATIO,
             (200,)),
            ("reference: base.html with nothing in it", "coordinator", "GET",
             "/__bench__/page/", None, PAGE_RATIO, (200,))]
    for name, who, method, path, data, target, expect in rows + pages(fx, port):
        path = rate_path if path == "RATE" else path
        client = clients[who]
        figures = measure(client, method, path, data, repeat, clients["coordinator"], expect)
        ratio = figures["median_ms"] / max(figures["trivial_ms"], 0.01)
        results.append({"name": name, **figures, "ratio": round(ratio, 1),
                        "target_ratio": target, "path": path, "method": method,
                        "ok": ratio <= target and figures["queries"] <= MAX_QUERIES})
        print(f"  {name:<44} {figures['median_ms']:7.1f} {figures['p95_ms']:7.1f} "
              f"{ratio:6.1f}x {figures['queries']:4d} {figures['sql_ms']:7.1f}"
              f"{'' if results[-1]['ok'] else '  <-- over target'}", flush=True)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applications", type=int, default=None,
                        help="100,000 on PostgreSQL, 300 on SQLite")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-seed", action="store_true",
                        help="measure what the previous run seeded (same database)")
    parser.add_argument("--figures", action=argparse.BooleanOptionalAction, default=True,
                        help="the engine, certificate, sweep and import figures too")
    parser.add_argument("--due-day", action="store_true",
                        help="also time the reminder sweep on the day every reminder is due")
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    state = VAR / "database.json"
    if args.no_seed:
        saved = json.loads(state.read_text())
        database_url, secret_key = saved["url"], saved["secret_key"]
    else:
        database_url = postgres_url()
        if database_url is None:
            (VAR / "db.sqlite3").unlink(missing_ok=True)
        secret_key = "bench-" + secrets.token_urlsafe(40)  # the sessions are signed with it
        state.write_text(json.dumps({"url": database_url, "secret_key": secret_key}))
    env = bench_env(database_url, secret_key)
    vendor = "PostgreSQL" if database_url else "SQLite"
    count = args.applications or (100_000 if database_url else 300)
    if not args.no_seed:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "bench_seed", "--applications", str(count),
               "--out", str(VAR / "fixture.json"))
    fx = json.loads((VAR / "fixture.json").read_text())
    print(f"\n{vendor}, {fx['applications']:,} applications ({fx['rows']:,} rows seeded in "
          f"{fx['seconds']:.0f} s); server time over HTTP (gunicorn), {args.repeat} requests "
          "each, interleaved with the trivial view")
    print(f"  {'page':<44} {'median':>7} {'p95':>7} {'ratio':>7} {'SQL':>4} {'SQL ms':>7}")
    with Server(env, workers=2) as server:
        results = run_pages(fx, server.port, args.repeat)
    figures = []
    if args.figures:
        out = manage(env, "bench_figures", "--json", *(["--due-day"] if args.due_day else []),
                     capture=True)
        figures = json.loads(out.strip().splitlines()[-1])
        for figure in figures:
            print(f"  {figure['name']:<44} {figure['median_ms']:7.1f} {figure['p95_ms']:7.1f}"
                  f"    {figure.get('note', '')}")
    trivial = statistics.median(r["trivial_ms"] for r in results)
    latest = [{"name": "trivial view (signed in: the reference)", "median_ms": round(trivial, 2),
               "p95_ms": None, "ratio": 1.0, "queries": None}]
    latest += [{"name": r["name"], "median_ms": round(r["median_ms"], 2),
                "p95_ms": round(r["p95_ms"], 2), "ratio": r["ratio"], "queries": r["queries"],
                "sql_ms": round(r["sql_ms"], 2), "target_ratio": r["target_ratio"],
                "ok": r["ok"]} for r in results]
    latest += [{"ratio": None, "queries": None, **f} for f in figures]
    out_dir = ROOT / ".bench"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(latest, indent=1, ensure_ascii=False))
    over = [r["name"] for r in results if not r["ok"]] + [
        f["name"] for f in figures if f.get("ok") is False]
    print(f"\ntrivial view: {trivial:.2f} ms (median). Written to .bench/latest.json. "
          + (f"Over target: {', '.join(over)}" if over else "Every figure within its target."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
