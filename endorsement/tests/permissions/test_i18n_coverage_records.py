"""Every word of the Endorsement® records, renewals, people, payments, exams and reviews pages
goes through the catalog (issue 15): each page of the permission matrix in these areas, opened
in pseudo-Spanish (every message bracketed, endorsement.testing.pseudo) by the first role that
may see it, shows nothing English outside the brackets but data: what people typed (every text
stored), the association's published names, and the labels other areas own (listed below, each
with its owner, so the list shrinks as they are wrapped)."""
import re

import pytest
from django.conf import settings

from endorsement.testing.english import typed_values
from endorsement.testing.pseudo import pseudo_spanish, unmarked_words

from .matrix import ROWS
from .test_matrix import PATTERNS, _client, row_for, url_for
from .world import ROLES

AREAS = ("credentials", "renewals", "people", "payments", "exams", "reviews")


def first_reader(row):
    for role, expected in zip(ROLES, row.tokens("get") or [], strict=False):
        if expected == "200":
            return role
    return None


PAGES = [pytest.param(key, route, pattern, id=key) for key, route, pattern in PATTERNS
         if key.split(":")[0] in AREAS and key in ROWS and first_reader(ROWS[key])]

# What these pages show that is data or another area's words, not this area's own English.
DATA = [
    settings.ASSOCIATION_NAME, settings.ASSOCIATION_SHORT_NAME,
    # the audit trail's detail shows the recorded values and keys as they were stored
    "None", "True", "False",
]



def _strings(value):
    """Every key and text in a stored JSON value (audit details, import reports)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)
    elif value is not None:
        yield str(value)


def competency_words() -> set[str]:
    """The Competency Guidelines® areas and their knowledge/skill areas, as the engine prints
    them (reference ratings, evidence rows): the engine's and the references area's to
    translate, not these pages'."""
    from endorsement.guidelines import competencies

    words = {name for name, _kind in competencies.AREA_NAMES.values()}
    for areas in competencies._BY_LEVEL.values():
        for items in areas.values():
            words.update(items)
    return words


@pytest.fixture(scope="module")
def typed(world, django_db_blocker):
    from endorsement.credentials.models import ImportRun
    from endorsement.models import AuditEvent

    with django_db_blocker.unblock():
        values = typed_values() | competency_words()
        # What the audit trail and an import report show is data as it was recorded.
        recorded = set()
        for detail in AuditEvent.objects.values_list("detail", flat=True):
            recorded.update(_strings(detail))
        for report in ImportRun.objects.values_list("report", flat=True):
            recorded.update(_strings(report))
        # (short values such as "II" or "50" would cut words of the page where they occur)
        return values | {v for v in recorded if len(v.strip()) >= 3}


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "route", "pattern"), PAGES)
def test_every_word_of_the_page_goes_through_the_catalog(world, typed, monkeypatch, key, route,
                                                           pattern):
    row = row_for(key)
    actor = world[first_reader(row)]
    client = _client(actor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    with pseudo_spanish(monkeypatch):
        response = client.get(url_for(key, route, pattern, row.kwargs(actor)),
                              HTTP_ACCEPT_LANGUAGE="es")
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        pytest.skip(f"not an HTML page ({response.status_code}, {response.get('Content-Type')})")
    html = response.content.decode()
    assert 'lang="es"' in html
    # A chart cuts long labels (reviews.reports): the cut bracket is closed again.
    html = re.sub(r"(⟦[^⟧<]*)(</text>)", r"\1⟧\2", html)
    left = unmarked_words(html, [*typed, *DATA])
    assert not left, f"{key}: {', '.join(sorted(left))}"
