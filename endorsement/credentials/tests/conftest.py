import datetime

import pytest

from endorsement.credentials.services import record_endorsement


@pytest.fixture
def endorse(coordinator, django_capture_on_commit_callbacks):
    """Record an Endorsement® as the decision would, running what it queues after commit
    (the certificate task, in-process)."""

    def make(holder, *, program="IMH-E", category="II", issued_on=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return record_endorsement(
                holder=holder, program=program, category=category,
                issued_on=issued_on or datetime.date.today(), rules_edition="massaimh-2015",
                actor=coordinator, **extra)

    return make
