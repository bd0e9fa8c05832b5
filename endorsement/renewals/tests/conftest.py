import datetime as dt

import pytest

from endorsement.credentials.models import Endorsement


@pytest.fixture
def this_year():
    return dt.date.today().year


@pytest.fixture
def held(this_year):
    """An Endorsement® issued last year and due this December 31 (no renewal is due in the
    calendar year of the first Endorsement®)."""

    def make(holder, *, program="IMH-E", category="II", issued_on=None, valid_through=None,
             **extra):
        return Endorsement.objects.create(
            number=f"MASSAIMH-{program}-{category}-{holder.pk:05d}", holder=holder,
            program=program, category=category,
            issued_on=issued_on or dt.date(this_year - 1, 3, 1),
            valid_through=valid_through or dt.date(this_year, 12, 31),
            rules_edition="massaimh-2015", **extra)

    return make


@pytest.fixture
def window_open(settings):
    """The renewal window open whatever today's date (the tests of the window itself pass
    ``today``)."""
    settings.RENEWAL_WINDOW_DAYS = 400
