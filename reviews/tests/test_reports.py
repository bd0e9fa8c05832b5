"""Funder reports against a hand-counted fixture, small-number suppression included."""
import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import ApplicationEvent, Status
from applicants.tests.factories import ApplicationFactory, ProfileFactory
from endorsement.credentials.services import record_endorsement
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import AdvisorFactory, ReviewerFactory, UserFactory
from reviews import reports

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _app(status, *, region="central", languages="English", race=(), category="II",
         program="IMH-E", submitted_days_ago=30, decided_after=None):
    profile = ProfileFactory(region=region, languages=languages, race_ethnicity=list(race))
    submitted = NOW - dt.timedelta(days=submitted_days_ago)
    application = ApplicationFactory(applicant=profile.user, status=status, category=category,
                                     program=program, submitted_at=submitted)
    event = ApplicationEvent.objects.create(application=application, from_status="draft",
                                            to_status="submitted")
    ApplicationEvent.objects.filter(pk=event.pk).update(created_at=submitted)
    if decided_after is not None:
        event = ApplicationEvent.objects.create(application=application, from_status="in_review",
                                                to_status=status)
        ApplicationEvent.objects.filter(pk=event.pk).update(
            created_at=submitted + dt.timedelta(days=decided_after))
    return application


@pytest.fixture
def fixture_data():
    """Hand count:
    pipeline (in review / submitted): 6 central (English; 6 "white"), 2 western (Spanish; 2
    "hispanic"), 5 metro_boston (English, 5 "black" and 1 of those also "white" -> white 7);
    decided: endorsed after 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 days; 1 not endorsed after
    200 days -> 11 decided, median rank 6 = 60 days, 90th percentile rank ceil(9.9)=10 -> 100.
    a draft (never counted).
    """
    for _n in range(6):
        _app(Status.IN_REVIEW, race=("white",))
    for _n in range(2):
        _app(Status.SUBMITTED, region="western", languages="Spanish", race=("hispanic",),
             program="ECMH-E", category="I")
    for n in range(5):
        _app(Status.SUBMITTED, region="metro_boston", race=("black", "white") if n == 0
             else ("black",))
    for days in range(10, 101, 10):
        _app(Status.ENDORSED, decided_after=days, submitted_days_ago=days + 5, category="III")
    _app(Status.NOT_ENDORSED, decided_after=200, submitted_days_ago=250)
    ApplicationFactory(status=Status.DRAFT)
    holder = UserFactory()
    for month in (1, 1, 3):
        record_endorsement(holder=UserFactory(), program="IMH-E", category="II",
                           issued_on=dt.date(2026, month, 15), rules_edition="massaimh-2015",
                           actor=None)
    record_endorsement(holder=holder, program="IMH-E", category="III",
                       issued_on=dt.date(2025, 6, 1), rules_edition="massaimh-2015", actor=None,
                       valid_through=dt.date(2030, 12, 31))


def _rows(t):
    return dict(t.display_rows)


def test_counts_match_the_hand_count(fixture_data):
    period = reports.Period(None, None)
    state = _rows(reports.by_state(period))
    assert (state["In review"], state["Submitted"], state["Endorsed"],
            state["Not endorsed"]) == (6, 7, 10, 1)
    assert "Draft" not in state
    level = _rows(reports.by_level(period))
    assert level["Level II – Family Specialist"] == 12 and level[
        "Level III – Mental Health Specialist"] == 10 and level["Level I – Family Associate"] == 2
    assert _rows(reports.by_program(period)) == {"IMH-E": 22, "ECMH-E": 2}
    months = _rows(reports.issued_per_month(period))
    assert list(months.values()) == [1, 2, 1]
    timing = reports.days_to_decision(period)
    assert timing == {"count": 11, "median": 60.0, "p90": 100.0}
    assert reports.progress(period) == {"target": 500, "endorsed": 4, "percent": 1}


def test_small_numbers_are_suppressed(fixture_data):
    period = reports.Period(None, None)
    region = _rows(reports.pipeline_by_region(period))
    assert region["Central"] == 6 and region["Metro Boston"] == 5
    assert region["Western"] == "fewer than 5" and region["Southeast"] == 0
    race = _rows(reports.pipeline_by_race(period))
    assert race["White"] == 7 and race["Black or African American"] == 5
    assert race["Hispanic or Latino/a/x"] == "fewer than 5"
    language = _rows(reports.pipeline_by_language(period))
    assert language == {"English": 11, "Spanish": "fewer than 5"}


def test_the_period_limits_what_is_counted(fixture_data):
    today = timezone.localdate()
    period = reports.Period(today - dt.timedelta(days=31), today)
    state = _rows(reports.by_state(period))
    assert state["In review"] == 6 and state["Endorsed"] == 2  # submitted 15 and 25 days ago
    months = _rows(reports.issued_per_month(reports.Period(dt.date(2026, 1, 1),
                                                           dt.date(2026, 1, 31))))
    assert list(months.values()) == [2]


def test_page_csv_and_print(fixture_data, coordinator_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = coordinator_client.get(reverse("reviews:reports"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="report-chart" role="img"' in page
    assert 'id="table-pipeline-by-region"' in page
    assert "fewer than 5" in page and "<script" not in page.split("</main>")[0].split("<main")[-1]
    data = coordinator_client.get(reverse("reviews:reports_csv", args=["pipeline-by-region"]))
    rows = list(csv.reader(io.StringIO(data.content.decode())))
    assert ["Western", "fewer than 5"] in rows and ["Central", "6"] in rows
    timing = coordinator_client.get(reverse("reviews:reports_csv", args=["days-to-decision"]))
    assert "60.0" in timing.content.decode()
    assert coordinator_client.get(reverse("reviews:reports_csv", args=["nope"])).status_code == 404
    printable = coordinator_client.get(reverse("reviews:reports_print")).content.decode()
    assert "report-chart" in printable and "CSV of this table" not in printable


def test_a_bad_period_is_refused_not_a_500(coordinator_client):
    response = coordinator_client.get(reverse("reviews:reports"),
                                      {"start": "2026-13-45", "end": "junk"})
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    response = coordinator_client.get(reverse("reviews:reports"),
                                      {"start": "2026-05-01", "end": "2026-01-01"})
    assert "after its end" in response.content.decode()


@pytest.mark.parametrize("name,args", [("reviews:reports", []), ("reviews:reports_print", []),
                                       ("reviews:reports_csv", ["by-state"])])
def test_reports_are_404_to_everyone_but_coordinators(client, name, args):
    for person in (UserFactory(), ReviewerFactory(), AdvisorFactory()):
        client.logout()
        assert sign_in_client(client, person).get(reverse(name, args=args)).status_code == 404


def test_the_beat_keeps_the_opening_figures_warm(fixture_data, coordinator_client, settings,
                                                 django_assert_max_num_queries):
    """At 100,000 applications the aggregates take a second or two: the beat task computes
    the all-time figures in every language ahead, so opening the page runs none of them."""
    from django.core.cache import cache

    from reviews.tasks import refresh_report_figures

    settings.REPORT_CACHE_SECONDS = 300
    cache.clear()
    with django_assert_max_num_queries(25) as cold:
        coordinator_client.get(reverse("reviews:reports"))
    assert len(cold) > 10  # computed on the visit: the aggregates run
    cache.clear()
    assert refresh_report_figures.delay().get() == len(settings.LANGUAGES)
    with django_assert_max_num_queries(6):  # the session, the user, the layout; no aggregate
        response = coordinator_client.get(reverse("reviews:reports"))
    assert 'id="table-pipeline-by-region"' in response.content.decode()
    coordinator_client.cookies["django_language"] = "es"
    from endorsement.models import User

    User.objects.filter(pk=response.wsgi_request.user.pk).update(language="es")
    with django_assert_max_num_queries(6):
        spanish = coordinator_client.get(reverse("reviews:reports")).content.decode()
    assert 'lang="es"' in spanish
