import datetime

import pytest
from django.db.models import ProtectedError

from endorsement.credentials.services import default_valid_through, record_endorsement


@pytest.mark.django_db
def test_numbers_are_unique_readable_and_the_application_is_protected(applicant, coordinator):
    from applicants.tests.factories import ApplicationFactory

    application = ApplicationFactory(applicant=applicant, program="IMH-E", category="II")
    first = record_endorsement(holder=applicant, program="IMH-E", category="II",
                               issued_on=datetime.date(2026, 5, 4), rules_edition="massaimh-2015",
                               actor=coordinator, application=application)
    second = record_endorsement(holder=applicant, program="ECMH-E", category="III",
                                issued_on=datetime.date(2026, 6, 1),
                                rules_edition="massaimh-2015", actor=coordinator)
    assert first.number == "MASSAIMH-2026-00001"
    assert second.number == "MASSAIMH-2026-00002"
    assert first.valid_through == datetime.date(2027, 12, 31)
    assert first.credential_name == "Infant Family Specialist (IFS), IMH-E®"
    assert second.credential_name == (
        "Early Childhood Mental Health Specialist (ECMHS), ECMH-E®")
    assert second.entered_by == coordinator and first.entered_by is None
    with pytest.raises(ProtectedError):
        application.delete()


def test_no_renewal_is_due_in_the_calendar_year_of_the_first_endorsement():
    assert default_valid_through(datetime.date(2026, 12, 31)) == datetime.date(2027, 12, 31)
    assert default_valid_through(datetime.date(2027, 1, 1)) == datetime.date(2028, 12, 31)
