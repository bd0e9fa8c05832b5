"""The permission matrix's test world, shared by the matrix and the form fuzzing."""
import pytest
from django.db import transaction

from . import world as world_module


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(autouse=True)
def _world_media(settings, world_media):
    settings.MEDIA_ROOT = world_media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    """The people and records, made once for the module inside a transaction that is rolled
    back at the end (each cell's own transaction nests inside it)."""
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=world_media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield world_module.build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every cell comes from the same address: allauth's rate limits (in the cache) must not
    carry over from one cell or fuzzing example to the next."""
    from django.core.cache import cache

    cache.clear()
