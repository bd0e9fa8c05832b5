"""The grant's participation report and its de-identified CSV."""
import csv
import io

import pytest
from django.urls import reverse

from applicants.tests.factories import ApplicationFactory
from endorsement.testing.factories import UserFactory

from .. import grant, services
from .helpers import endorse, facilitator, group, past_session

pytestmark = pytest.mark.django_db


def _rolled(n, name="Big group"):
    fac = facilitator()
    tag = name[:3].lower()
    people = [UserFactory(first_name=f"Pat{tag}{i}", email=f"pat{i}-{tag}@example.org")
              for i in range(n)]
    g = group(fac, members=people, capacity=20, name=name)
    services.take_roll(past_session(g, hours="2").pk, actor=fac,
                       present_ids=[p.pk for p in people])
    return people


def test_report_per_region_and_group_with_outcomes(coordinator_client):
    people = _rolled(6)
    from django.utils import timezone

    ApplicationFactory(applicant=people[0]).__class__.objects.filter(
        applicant=people[0]).update(submitted_at=timezone.now())
    endorse(people[1], "II", issued_on=timezone.localdate())
    # Applied long before taking part: not someone who went on to apply.
    ApplicationFactory(applicant=people[2]).__class__.objects.filter(
        applicant=people[2]).update(submitted_at="2020-01-01T00:00Z")
    _rolled(2, name="Tiny group")
    page = coordinator_client.get(reverse("consultation:grant_report")).content.decode()
    assert "Big group" in page and "Tiny group" in page
    f = grant.figures(grant.Period(None, None))
    assert f["participants"] == 8
    big = next(line for line in f["sources"] if line.label == "Big group")
    assert big.shown_participants == 6 and big.shown_hours == 12
    tiny = next(line for line in f["sources"] if line.label == "Tiny group")
    assert tiny.shown_participants == "fewer than 5" and tiny.shown_hours == "fewer than 5"
    assert f["applied"] == "fewer than 5" and f["endorsed"] == "fewer than 5"
    assert f["applied_ids"] == {people[0].pk} and f["endorsed_ids"] == {people[1].pk}


def test_csv_is_deidentified_and_suppresses_small_groups(coordinator_client):
    people = _rolled(5)
    _rolled(2, name="Tiny group")
    response = coordinator_client.get(reverse("consultation:grant_csv"))
    text = response.content.decode()
    for p in people:
        assert p.email not in text and p.first_name not in text
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert len(rows) == 7
    assert "Tiny group" not in text and "(fewer than 5 participants)" in text
    keys = {r[0] for r in rows}
    assert len(keys) == 7
    again = list(csv.reader(io.StringIO(grant.deidentified_csv(grant.Period(None, None)))))[1:]
    assert not keys & {r[0] for r in again}  # a new key for every export


def test_a_registered_source_adds_rows(coordinator_client):
    def partner_rows(period):
        return [{"kind": "training", "region": "central", "partner_or_group": "Partner Org",
                 "participants": 7, "hours": 21, "user_ids": set(range(10**6, 10**6 + 7))}]

    from endorsement import grant_sources

    grant_sources.register_grant_source(partner_rows)
    try:
        page = coordinator_client.get(reverse("consultation:grant_report")).content.decode()
        assert "Partner Org" in page
    finally:
        grant_sources.unregister_grant_source(partner_rows)
