"""Every URL pattern × every role (see matrix.py for the table and how to add a row)."""
from __future__ import annotations

import hashlib
import json
import os
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import ROWS, Row
from .world import ROLES

PRINT = os.environ.get("MATRIX_PRINT")
SKIP_TABLES = {"django_session"}


def walk(resolver=None, ns=None, prefix=""):
    """(key, route, pattern) for every URL pattern; key is ``namespace:name``, or
    ``namespace:<route>`` for a pattern with no name."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            inner = ns
            if p.namespace:
                inner = f"{ns}:{p.namespace}" if ns else p.namespace
            yield from walk(p, inner, route)
        elif isinstance(p, URLPattern):
            name = p.name or f"<{route}>"
            yield (f"{ns}:{name}" if ns else name), route, p


PATTERNS = list(walk())


def row_for(key: str) -> Row | None:
    if key in ROWS:
        return ROWS[key]
    return ROWS.get(key.split(":", 1)[0] + ":*") if ":" in key else None


def url_for(key, route, pattern, kwargs):
    if key.startswith("admin:"):  # one wildcard row fills every admin pattern
        names = set(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route) and
                    [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)])
        kwargs = {k: v for k, v in kwargs.items() if k in names}
    if pattern.name:
        return reverse(key, kwargs=kwargs)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "")


def token(response) -> str:
    if response.status_code in (301, 302, 303):
        location = response["Location"].split("?")[0]
        location = re.sub(r"^https?://[^/]+", "", location)
        if location in (reverse("account_login"), reverse("admin:login")):
            return "L"
        if location == reverse("mfa_activate_totp"):
            return "M"
        return "R"
    return str(response.status_code)


def refuses(expected: str) -> bool:
    return expected not in ("R", "-") and not expected.startswith("2")


def snapshot() -> dict[str, str]:
    """A digest of every row of every table (sessions aside)."""
    digests = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in SKIP_TABLES:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(r) for r in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _client(actor) -> Client:
    client = Client()
    if actor.session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = actor.session_key
    return client


ANSWERS: dict[str, dict[str, dict[str, str]]] = {}


def _record(key, method, role, answer):
    ANSWERS.setdefault(key, {}).setdefault(method, {})[role] = answer
    if PRINT:
        with open(PRINT, "w") as out:
            json.dump(ANSWERS, out, indent=1)


def probe(actor, row, key, route, pattern, method):
    url = url_for(key, route, pattern, row.kwargs(actor))
    client = _client(actor)
    if method == "get":
        response = client.get(url)
        return token(response), None, header_problems(actor, url, response)
    before = snapshot()
    answer = token(client.post(url, row.data(actor)))
    return answer, (before, snapshot()), []


RATER_PATHS = ("/references/r/", "/references/rate/")


def header_problems(actor, url, response) -> list[str]:
    """Every page a person reads carries the security headers; a signed-in person's pages and
    rater pages are never cached (see endorsement.middleware.SecurityHeadersMiddleware)."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    problems = [f"no {h} header" for h in ("Content-Security-Policy", "Permissions-Policy")
                if not response.has_header(h)]
    private = actor.user is not None or url.startswith(RATER_PATHS)
    if private and "no-store" not in response.get("Cache-Control", ""):
        problems.append("a private page without Cache-Control: no-store")
    return problems


def missing_row(key, route, pattern) -> str:
    """What to do about a URL with no row: the row to paste, with its URL arguments named."""
    args = sorted(pattern.pattern.regex.groupindex)
    kwargs = "lambda a: {" + ", ".join(f'"{n}": ...' for n in args) + "}"
    return (
        f"{key} ({route}) has no row in the permission matrix. Add to ROWS in "
        f"endorsement/tests/permissions/matrix.py:\n"
        f'    "{key}": Row(kwargs={kwargs if args else "lambda a: {}"},\n'
        f'        get="<one token per role: {" ".join(ROLES)}>",\n'
        f'        post="<same, if the page changes anything; else leave out>",\n'
        f"        data=lambda a: {{...a POST that would work...}}),\n"
        f"then run with MATRIX_PRINT=/tmp/matrix.json to see what each role gets today "
        f"(the docstring of matrix.py says how).")


CELLS = [pytest.param(key, route, pattern, role, id=f"{key}|{role}")
         for key, route, pattern in PATTERNS for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "route", "pattern", "role"), CELLS)
def test_cell(world, key, route, pattern, role):
    row = row_for(key)
    if row is None:
        pytest.fail(missing_row(key, route, pattern), pytrace=False)
    actor = world[role]
    index = ROLES.index(role)
    problems = []
    for method in ("get", "post"):
        expected_all = row.tokens(method)
        if expected_all is None:
            continue
        assert len(expected_all) == len(ROLES), (
            f"{key}: the {method} string has {len(expected_all)} tokens, not {len(ROLES)}")
        expected = expected_all[index]
        answer, states, headers = probe(actor, row, key, route, pattern, method)
        _record(key, method, role, answer)
        if PRINT or expected == "-":
            continue
        problems += headers
        if answer != expected:
            problems.append(f"{method.upper()} answered {answer}, the matrix says {expected}")
        elif states and refuses(expected) and states[0] != states[1]:
            changed = sorted(t for t in states[0] if states[0][t] != states[1].get(t))
            problems.append(f"POST was refused ({answer}) but changed the tables {changed}")
    assert not problems, f"{key} as {role}: " + "; ".join(problems)


def test_no_row_for_a_url_that_is_gone():
    keys = {key for key, _, _ in PATTERNS}
    namespaces = {k.split(":", 1)[0] + ":*" for k in keys if ":" in k}
    stale = sorted(k for k in ROWS if k not in keys and k not in namespaces)
    assert not stale, f"rows for URLs that no longer exist (remove them): {stale}"


def test_a_url_without_a_row_fails_with_the_row_to_add():
    from django.urls import path

    new = path("exams/<int:pk>/results/", lambda r, pk: None, name="record_results")
    assert row_for("exams:record_results") is None
    message = missing_row("exams:record_results", "exams/<int:pk>/results/", new)
    assert '"exams:record_results": Row(kwargs=lambda a: {"pk": ...}' in message
    assert "anon A B rater" in message
