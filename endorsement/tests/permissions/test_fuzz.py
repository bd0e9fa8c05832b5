"""Hypothesis fuzzing: garbage in every form on every page, and in case files; never a 500.

Forms: every URL the permission matrix marks as changing something is fetched as a role that
may use it, the names of its inputs are read from the page, and hypothesis posts them random
values (huge, empty, NUL bytes, wrong types, impossible dates, lists). Any exception in a view
fails the test (the test client re-raises what would have been a 500).
"""
import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endorsement.guidelines.samples import sample_application, sample_renewal
from endorsement.tests.permissions.matrix import ROWS
from endorsement.tests.permissions.world import ROLES

NASTY = st.sampled_from([
    "", " ", "0", "-1", "1e309", "NaN", "99999999999999999999999", "2026-02-30", "0000-00-00",
    "31/12/2025", "on", "off", "None", "null", "true", "[]", "{}", "../../etc/passwd",
    "<script>alert(1)</script>", "x" * 5000, "\x00", "a\x00b", "ÿ" * 300, "🙂" * 50,
    "victim@Example.org.", "a@b", "' OR 1=1 --",
])
VALUE = st.one_of(NASTY, st.text(max_size=40), st.integers().map(str),
                  st.text(alphabet=st.characters(codec="utf-8"), max_size=15))
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
SKIP = {"csrfmiddlewaretoken"}


def allowed_role(row) -> str | None:
    tokens = row.tokens("post")
    for role, token in zip(ROLES, tokens, strict=True):
        if token == "R" or token.startswith("2"):
            return role
    return None


FORM_ROWS = sorted(key for key, row in ROWS.items()  # Django's admin is not ours to fuzz
                   if row.post and not key.startswith("admin:") and allowed_role(row))


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORM_ROWS)
def test_no_form_answers_500_to_garbage(world, key):
    row = ROWS[key]
    actor = world[allowed_role(row)]
    url = reverse(key, kwargs=row.kwargs(actor))

    def client():
        c = Client()
        if actor.session_key:
            from django.conf import settings as django_settings

            c.cookies[django_settings.SESSION_COOKIE_NAME] = actor.session_key
        return c

    page = client().get(url)
    names = sorted(set(FIELD.findall(page.content.decode(errors="replace"))) - SKIP)
    names = names or sorted(row.data(actor)) or ["field"]

    @settings(max_examples=12, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({}, optional={n: st.one_of(VALUE, st.lists(VALUE, max_size=3))
                                               for n in names}))
    def post(data):
        response = client().post(url, data)
        assert response.status_code < 500, (key, data)

    post()


def mutate(value, data):
    """Replace one randomly chosen value somewhere inside ``value``."""
    junk = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                        | st.text(max_size=20) | NASTY,
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: mutate(value[key], data)}
    if isinstance(value, list) and value and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(value) - 1))
        return [*value[:i], mutate(value[i], data), *value[i + 1:]]
    return data.draw(junk)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["I", "II", "III", "IV"]), st.booleans(), st.data())
def test_a_case_file_never_crashes_evaluate_case(tmp_path_factory, level, renewal, data):
    track = "clinical" if level == "IV" else None
    case = (sample_renewal if renewal else sample_application)(level, track)
    for _ in range(data.draw(st.integers(1, 4))):
        case = mutate(case, data)
    path = tmp_path_factory.mktemp("case") / "case.json"
    path.write_text(json.dumps(case))
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("evaluate_case", str(path), traceback=True, stdout=out, stderr=err)
    except SystemExit as exit_:
        assert exit_.code == 2, err.getvalue()  # the file's fault: one line, exit 2
        assert len(err.getvalue().strip().splitlines()) == 1
    else:
        json.loads(out.getvalue())
