"""Every page, opened by a Spanish reader, shows no English of the site's own.

Each URL of the permission matrix is opened once, as the first role the matrix lets see it
(an HTML 200), with every account and rater link set to Spanish; what people typed (every text
stored in the database) may stay as typed, the site's own words may not. The page must also
say ``<html lang="es">``.
"""
import pytest
from django.conf import settings

from endorsement.testing.english import english_left, typed_values

from .matrix import ROWS
from .test_matrix import PATTERNS, _client, row_for, url_for
from .world import ROLES


def first_reader(row):
    tokens = row.tokens("get") or []
    for role, expected in zip(ROLES, tokens, strict=False):
        if expected == "200":
            return role
    return None


PAGES = [pytest.param(key, route, pattern, id=key) for key, route, pattern in PATTERNS
         if not key.startswith("admin:") and key in ROWS and first_reader(ROWS[key])]


@pytest.fixture(scope="module")
def spanish_world(world, django_db_blocker):
    from endorsement.models import User
    from references.models import ReferenceRequest

    with django_db_blocker.unblock():
        User.objects.update(language="es")
        ReferenceRequest.objects.update(language="es")
        typed = typed_values()
    return world, typed


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "route", "pattern"), PAGES)
def test_no_english_left_for_a_spanish_reader(spanish_world, key, route, pattern):
    world, typed = spanish_world
    row = row_for(key)
    actor = world[first_reader(row)]
    client = _client(actor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get(url_for(key, route, pattern, row.kwargs(actor)),
                          HTTP_ACCEPT_LANGUAGE="es")
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        pytest.skip(f"not an HTML page ({response.status_code}, {response.get('Content-Type')})")
    html = response.content.decode()
    assert '<html lang="es"' in html, f"{key}: the page does not say lang=es"
    left = english_left(html, typed)
    assert not left, f"{key}: English left for a Spanish reader: {left[:12]}"
