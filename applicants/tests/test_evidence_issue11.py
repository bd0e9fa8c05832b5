"""Issue 11, item 5: work hours and duties, RSC series by end date and as a series, the kind
of supervision (only reflective supervision/consultation counts)."""
import pytest
from django.urls import reverse

from applicants.case import build_case
from applicants.models import RscSession, WorkEntry

pytestmark = pytest.mark.django_db

WORK = {"employer": "Family Center", "role": "Home visitor", "start": "2022-01-03", "end": "",
        "paid": "on", "kind": "infant_family", "families_served": "12",
        "social_emotional_focus": "on", "relationship_focus": "on", "hours_per_week": "20",
        "duties": "Home visits with families of infants"}
SERIES = {"first_date": "2024-01-01", "every_weeks": "2", "hours": "1.5", "kind": "rsc",
          "format": "group", "provider_name": "Dr. Rivera", "provider_level": "III",
          "provider_degree": "master"}


def url(name, application, **kw):
    return reverse(f"applicants:{name}", kwargs={"pk": application.pk, **kw})


@pytest.fixture
def signed_in(client, draft):
    client.force_login(draft.applicant)
    return client


@pytest.mark.parametrize(("hours", "message"), [
    ("0", "between 1 and 80"), ("90", "between 1 and 80"), ("", "Enter the hours you worked")])
def test_hours_per_week_out_of_range_are_refused_and_the_rest_kept(signed_in, draft, hours,
                                                                    message):
    response = signed_in.post(url("work_add", draft), {**WORK, "hours_per_week": hours})
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert 'value="Family Center"' in body and "Home visits with families of infants" in body
    assert not WorkEntry.objects.exists()


def test_part_time_work_is_shown_to_the_coordinator_as_a_point_to_judge(signed_in, draft,
                                                                        coordinator):
    assert signed_in.post(url("work_add", draft), WORK).status_code == 302
    job = WorkEntry.objects.get()
    assert job.hours_per_week == 20 and job.part_time
    from endorsement.testing.clients import sign_in_client

    staff = sign_in_client(signed_in, coordinator)
    body = staff.get(url("submitted", draft)).content.decode()
    assert "Part-time: for the coordinator to judge (A-05)" in body
    assert "20 hours a week" in body and "Home visits with families of infants" in body


def test_a_series_can_be_entered_by_its_last_date(signed_in, draft):
    response = signed_in.post(url("rsc_series", draft) + "?once=" + "s" * 22,
                              {**SERIES, "last_date": "2024-03-25"})
    assert response.status_code == 302
    dates = list(draft.rsc.values_list("date", flat=True))
    assert len(dates) == 7 and str(dates[-1]) == "2024-03-25"
    assert len(set(draft.rsc.values_list("series", flat=True))) == 1


@pytest.mark.parametrize(("extra", "message"), [
    ({"count": "500"}, "At most 200 sessions in one series"),
    ({"last_date": "2023-01-01"}, "The last session is before the first"),
    ({}, "Enter the number of sessions, or the date of the last session."),
])
def test_a_series_with_bad_numbers_says_what_to_do(signed_in, draft, extra, message):
    response = signed_in.post(url("rsc_series", draft), {**SERIES, **extra})
    assert response.status_code == 200 and message in response.content.decode()
    assert not draft.rsc.exists()


def test_a_series_is_changed_and_removed_as_a_series(signed_in, draft):
    signed_in.post(url("rsc_series", draft), {**SERIES, "count": "6"})
    single = RscSession.objects.create(application=draft, date="2024-06-01", hours=1,
                                       format="individual", provider_name="Dr. Lee",
                                       provider_degree="master")
    series = draft.rsc.exclude(pk=single.pk).first().series
    page = url("rsc_series_change", draft, series=series)
    assert page in signed_in.get(url("rsc", draft)).content.decode()
    response = signed_in.post(page, {**SERIES, "hours": "2", "kind": "administrative",
                                     "action": "change"})
    assert response.status_code == 302
    assert set(draft.rsc.filter(series=series).values_list("hours", "kind")) == {
        (2, "administrative")}
    single.refresh_from_db()
    assert single.hours == 1
    assert signed_in.post(page, {"action": "remove"}).status_code == 302
    assert list(draft.rsc.all()) == [single]
    assert signed_in.get(page).status_code == 404


def test_only_reflective_supervision_counts(signed_in, draft):
    from applicants.services import dossier

    signed_in.post(url("rsc_series", draft), {**SERIES, "count": "4", "kind": "clinical"})
    assert draft.rsc.count() == 4
    draft.__dict__.pop("_dossier", None)
    body = signed_in.get(url("rsc", draft)).content.decode()
    assert "Clinical case supervision only: does not count" in body
    assert "Administrative supervision, or clinical case supervision alone, does not." in (
        signed_in.get(url("rsc_add", draft), follow=True).content.decode())
    assert dossier(draft) is not None
    assert build_case(draft)["rsc"] == []
