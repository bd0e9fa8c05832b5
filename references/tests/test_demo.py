import pytest

from applicants.models import Application
from endorsement import demo
from endorsement.models import Role
from references import demo as references_demo
from references.models import ReferenceRating, ReferenceRequest

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_silent(capsys):
    people = demo.seed_people()
    for category in ("II", "III", "I"):
        Application.objects.create(applicant=people[Role.APPLICANT], program="IMH-E",
                                   category=category)
    references_demo.seed(people)
    references_demo.seed(people)
    assert capsys.readouterr().out == ""
    assert ReferenceRequest.objects.count() == 9
    statuses = set(ReferenceRequest.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "in_progress", "declined", "opened", "expired"}
    assert ReferenceRating.objects.filter(flagged=True, submitted_at__isnull=False).count() == 1
