"""Consultation groups: seats, capacity, the roll and what it credits."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection  # noqa: F401 - read by the skipif condition
from django.urls import reverse
from django.utils import timezone

from applicants.models import EvidenceLog, RscSession
from endorsement.audit import events_for
from endorsement.testing.factories import UserFactory

from .. import services
from ..models import Attendance, GroupMember, GroupSession, SeatRequest
from .helpers import endorse, facilitator, group, past_session

pytestmark = pytest.mark.django_db


def test_only_a_qualified_provider_facilitates(coordinator):
    level_ii = UserFactory()
    endorse(level_ii, "II")
    with pytest.raises(services.Refused):
        services.create_group(actor=coordinator, name="G", facilitator=level_ii,
                              region="central", language="English", format="online",
                              capacity=5)
    fac = facilitator()
    g = services.create_group(actor=coordinator, name="G", facilitator=fac, region="central",
                              language="English", format="online", capacity=5)
    assert events_for(g).filter(action="consultation.group_created").exists()


def test_level_iii_qualifies_under_massaimh(coordinator):
    iii = UserFactory()
    endorse(iii, "III")
    assert services.create_group(actor=coordinator, name="G", facilitator=iii,
                                 region="central", language="English", format="online",
                                 capacity=5)


def test_seat_request_then_placement_and_capacity(coordinator):
    fac = facilitator()
    first, second = UserFactory(), UserFactory()
    g = group(fac, capacity=1)
    a = services.request_seat(g, person=first, other_access=True)
    b = services.request_seat(g, person=second, other_access=False)
    with pytest.raises(services.Refused):
        services.request_seat(g, person=first, other_access=True)  # already waiting
    # no other access first
    assert list(g.requests.filter(status="pending")) == [b, a]
    services.place(b.pk, actor=coordinator)
    with pytest.raises(services.Refused, match="full"):
        services.place(a.pk, actor=coordinator)
    assert GroupMember.objects.filter(group=g).count() == 1
    assert SeatRequest.objects.get(pk=a.pk).status == "pending"  # nothing silently lost
    from endorsement.models import OutboundEmail

    placed = OutboundEmail.objects.get(to=second.email, template="consultation_seat_answer")
    assert "You have a seat" in placed.subject and placed.body_html
    services.decline(a.pk, actor=coordinator)
    assert "No seat" in OutboundEmail.objects.get(to=first.email).subject


def test_roll_credits_every_present_member_once(coordinator):
    fac = facilitator()
    members = [UserFactory() for _ in range(3)]
    absent = UserFactory()
    g = group(fac, members=[*members, absent])
    session = past_session(g)
    result = services.take_roll(session.pk, actor=fac, present_ids=[m.pk for m in members])
    assert result["credited"] == 3
    rows = RscSession.objects.filter(source=f"group-session:{session.pk}")
    assert rows.count() == 3
    row = rows.first()
    assert row.format == "group" and row.provider_level == "IV-C"
    assert row.confirmed_by == fac.display_name and row.confirmed
    assert row.date == timezone.localdate(session.starts_at)
    assert row.hours == Decimal("1.5") and row.provider_degree == "master"
    # taken twice: nobody credited twice
    again = services.take_roll(session.pk, actor=fac, present_ids=[m.pk for m in members])
    assert again["credited"] == 0 and rows.count() == 3


def test_retake_takes_back_only_the_absent_members_confirmed_row(coordinator):
    fac = facilitator()
    a, b = UserFactory(), UserFactory()
    g = group(fac, members=[a, b])
    session = past_session(g)
    RscSession.objects.create(log=EvidenceLog.of(b), date=dt.date(2025, 1, 1), hours=1,
                              format="individual", provider_name="Typed",
                              provider_degree="master")
    services.take_roll(session.pk, actor=fac, present_ids=[a.pk, b.pk])
    services.take_roll(session.pk, actor=fac, present_ids=[a.pk])
    assert RscSession.objects.for_user(a).count() == 1
    assert list(RscSession.objects.for_user(b).values_list("provider_name", flat=True)) == [
        "Typed"]  # only the confirmed row went
    assert Attendance.objects.get(session=session, person=b).present is False


def test_member_removed_after_the_roll_keeps_their_session(coordinator):
    fac = facilitator()
    a, b = UserFactory(), UserFactory()
    g = group(fac, members=[a, b])
    session = past_session(g)
    services.take_roll(session.pk, actor=fac, present_ids=[a.pk, b.pk])
    services.remove_member(GroupMember.objects.get(group=g, person=b).pk, actor=coordinator)
    services.take_roll(session.pk, actor=fac, present_ids=[a.pk])  # retaken without b
    assert RscSession.objects.for_user(b).count() == 1


def test_roll_refused_before_the_session_and_for_a_lapsed_facilitator(coordinator):
    fac = facilitator()
    a = UserFactory()
    g = group(fac, members=[a])
    future = past_session(g, days_ago=-1)
    with pytest.raises(services.Refused):
        services.take_roll(future.pk, actor=fac, present_ids=[a.pk])
    fac.endorsements.update(valid_through=timezone.localdate() - dt.timedelta(days=5))
    with pytest.raises(services.Refused):
        services.take_roll(past_session(g).pk, actor=fac, present_ids=[a.pk])
    assert not RscSession.objects.exists()


def test_roll_of_forty_is_one_request(client, django_assert_max_num_queries):
    from endorsement.testing.clients import sign_in_client

    fac = facilitator()
    members = [UserFactory() for _ in range(40)]
    g = group(fac, members=members, capacity=40)
    session = past_session(g)
    sign_in_client(client, fac)
    url = reverse("consultation:roll", kwargs={"pk": session.pk})
    with django_assert_max_num_queries(40):
        response = client.post(url, {"present": [m.pk for m in members]})
    assert response.status_code == 302
    assert RscSession.objects.filter(source=session.source).count() == 40


def test_group_counts_in_the_checklist():
    from applicants.case import build_case
    from applicants.tests.factories import ApplicationFactory

    fac = facilitator()
    person = UserFactory()
    application = ApplicationFactory(applicant=person, category="II")
    g = group(fac, members=[person])
    session = past_session(g, hours="2")
    services.take_roll(session.pk, actor=fac, present_ids=[person.pk])
    rsc = build_case(application)["rsc"]
    assert {"date": timezone.localdate(session.starts_at), "hours": 2.0, "format": "group",
            "provider_level": "IV-C", "provider_degree": "master"} in rsc


def test_member_cannot_edit_or_delete_a_confirmed_row(client):
    from applicants.tests.factories import ApplicationFactory
    from endorsement.testing.clients import sign_in_client

    fac = facilitator()
    person = UserFactory()
    application = ApplicationFactory(applicant=person, category="II")
    g = group(fac, members=[person])
    services.take_roll(past_session(g).pk, actor=fac, present_ids=[person.pk])
    row = RscSession.objects.for_user(person).get()
    sign_in_client(client, person)
    page = client.get(reverse("applicants:rsc", kwargs={"pk": application.pk}))
    assert f"Confirmed by {fac.display_name}" in page.content.decode()
    edit = reverse("applicants:rsc_edit", kwargs={"pk": application.pk, "row_id": row.pk})
    assert client.post(edit, {"hours": "9"}).status_code == 404
    delete = reverse("applicants:rsc_delete", kwargs={"pk": application.pk, "row_id": row.pk})
    assert client.post(delete).status_code == 404
    row.refresh_from_db()
    assert row.hours == Decimal("1.5")
    renewal_edit = reverse("renewals:edit_row", kwargs={"kind": "rsc", "row_id": row.pk})
    client.post(reverse("renewals:remove_row", kwargs={"kind": "rsc", "row_id": row.pk}))
    assert client.get(renewal_edit).status_code == 404
    assert RscSession.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_group_list_queries_are_constant(client, django_assert_num_queries, count):
    from endorsement.testing.clients import sign_in_client

    fac = facilitator()
    for i in range(count):
        group(fac, members=[UserFactory()], name=f"Group {i}")
    viewer = UserFactory()
    sign_in_client(client, viewer)
    url = reverse("consultation:groups")
    client.get(url)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_coordinator_group_list_queries_are_constant(coordinator_client,
                                                     django_assert_num_queries, count):
    fac = facilitator()
    for i in range(count):
        group(fac, members=[UserFactory()], name=f"Group {i}")
    url = reverse("consultation:manage")
    coordinator_client.get(url)
    with django_assert_num_queries(4):
        assert coordinator_client.get(url).status_code == 200


def test_coordinator_pages_place_with_a_clear_message_when_full(coordinator_client):
    fac = facilitator()
    g = group(fac, members=[UserFactory()], capacity=1)
    waiting = services.request_seat(g, person=UserFactory(), other_access=False)
    page = coordinator_client.get(reverse("consultation:coordinate", kwargs={"pk": g.pk}))
    assert "No other access" in page.content.decode()
    response = coordinator_client.post(reverse("consultation:place", kwargs={"pk": waiting.pk}),
                                       follow=True)
    assert "is full" in response.content.decode()


def test_stale_placement_is_refused(coordinator_client, coordinator):
    fac = facilitator()
    g = group(fac, capacity=5)
    a = services.request_seat(g, person=UserFactory(), other_access=False)
    from endorsement.staleness import version_of

    version = version_of(g)
    b = services.request_seat(g, person=UserFactory(), other_access=False)  # changes the group
    response = coordinator_client.post(reverse("consultation:place", kwargs={"pk": a.pk}),
                                       {"version": version}, follow=True)
    assert "out of date" in response.content.decode()
    assert not GroupMember.objects.filter(group=g).exists()
    assert b.status == "pending"


def test_apply_page_and_session_form_keep_values(coordinator_client):
    from django.test import Client

    from endorsement.testing.clients import sign_in_client

    fac = facilitator()
    g = group(fac)
    person = UserFactory()
    client = sign_in_client(Client(), person)
    bad = client.post(reverse("consultation:apply", kwargs={"pk": g.pk}), {"note": "Kept"})
    assert bad.status_code == 400 and "Kept" in bad.content.decode()
    ok = client.post(reverse("consultation:apply", kwargs={"pk": g.pk}),
                     {"other_access": "no", "note": "Hi"})
    assert ok.status_code == 302 and SeatRequest.objects.filter(person=person).exists()
    bad_session = coordinator_client.post(
        reverse("consultation:add_session", kwargs={"pk": g.pk}),
        {"starts_at": "2026-13-45T10:00", "hours": "1.5"})
    assert bad_session.status_code == 400 and "1.5" in bad_session.content.decode()
    good = coordinator_client.post(reverse("consultation:add_session", kwargs={"pk": g.pk}),
                                   {"starts_at": "2026-10-01T18:30", "hours": "1.5"})
    assert good.status_code == 302
    session = g.sessions.get()
    assert timezone.is_aware(session.starts_at)
    assert timezone.localtime(session.starts_at).hour == 18


def test_demo_seed_shows_a_group_and_a_directory_entry(settings):
    from django.core.management import call_command

    from ..models import ConsultationGroup, ProviderListing

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    group = ConsultationGroup.objects.get()
    assert group.members.count() == 3
    assert RscSession.objects.filter(source__startswith="group-session:").count() == 2
    assert ProviderListing.objects.count() == 1
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ConsultationGroup.objects.count() == 1
    assert RscSession.objects.filter(source__startswith="group-session:").count() == 2


def test_a_late_evening_session_is_credited_on_its_local_day(settings):
    """A session at 23:30 in the association's time zone is past midnight in UTC: the log gets
    the local date the person attended."""
    import zoneinfo

    fac = facilitator()
    person = UserFactory()
    g = group(fac, members=[person])
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    starts = dt.datetime(2026, 3, 8, 23, 30, tzinfo=local)  # the night US clocks change
    session = GroupSession.objects.create(group=g, starts_at=starts, hours=Decimal("1.5"))
    services.take_roll(session.pk, actor=fac, present_ids=[person.pk])
    assert RscSession.objects.for_user(person).get().date == dt.date(2026, 3, 8)


def test_the_checklist_counts_the_group_session():
    from applicants.case import checklist
    from applicants.tests.factories import ApplicationFactory, complete

    application = complete(ApplicationFactory(category="II"))

    def rsc_detail():
        return next(r["detail"] for r in checklist(application)["requirements"]
                    if r["id"] == "rsc")

    before = rsc_detail()
    fac = facilitator()
    g = group(fac, members=[application.applicant])
    services.take_roll(past_session(g, hours="2").pk, actor=fac,
                       present_ids=[application.applicant_id])
    have_before = float(before.split(" hours")[0])
    assert rsc_detail().startswith(f"{have_before + 2:g} hours of RSC")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor == 'sqlite'", reason="SQLite has one writer at a time")
def test_two_coordinators_placing_the_last_seat_at_once_one_wins(coordinator):
    import threading

    from endorsement.testing.factories import CoordinatorFactory

    g = group(facilitator(), capacity=1)
    seats = [services.request_seat(g, person=UserFactory(), other_access=False)
             for _ in range(2)]
    actors = [coordinator, CoordinatorFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def run(seat, actor):
        barrier.wait()
        try:
            services.place(seat.pk, actor=actor)
            outcomes.append("placed")
        except services.Refused as exc:
            outcomes.append("full" if "is full" in str(exc) else str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair)
               for pair in zip(seats, actors, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["full", "placed"]
    assert GroupMember.objects.filter(group=g).count() == 1


def test_a_coordinator_in_a_group_does_not_credit_themselves(coordinator):
    fac = facilitator()
    member = UserFactory()
    g = group(fac, members=[coordinator, member])
    session = past_session(g)
    with pytest.raises(services.Refused):
        services.take_roll(session.pk, actor=coordinator, present_ids=[coordinator.pk])
    services.take_roll(session.pk, actor=coordinator, present_ids=[member.pk])
    assert not RscSession.objects.for_user(coordinator).exists()
    assert RscSession.objects.for_user(member).count() == 1
    services.take_roll(session.pk, actor=fac, present_ids=[coordinator.pk, member.pk])
    assert RscSession.objects.for_user(coordinator).count() == 1


# --- changing a group after it was created ------------------------------------------------

def _edit_data(g, **changes):
    data = {"name": g.name, "facilitator": g.facilitator_id, "region": g.region,
            "language": g.language, "format": g.format, "capacity": str(g.capacity),
            "description": g.description}
    data.update(changes)
    return data


def test_the_coordinator_changes_the_seats_and_the_facilitator(coordinator_client):
    from endorsement.staleness import version_of

    g = group(facilitator(), members=[UserFactory()], capacity=4)
    url = reverse("consultation:edit", kwargs={"pk": g.pk})
    page = coordinator_client.get(url)
    assert page.status_code == 200 and 'value="4"' in page.content.decode()
    newcomer = UserFactory(first_name="Nia", last_name="Newfac")
    endorse(newcomer)
    response = coordinator_client.post(url, _edit_data(
        g, capacity="12", facilitator=newcomer.pk, version=version_of(g)))
    assert response.status_code == 302
    g.refresh_from_db()
    assert (g.capacity, g.facilitator_id) == (12, newcomer.pk)
    change = events_for(g).get(action="consultation.group_changed")
    assert change.detail["capacity"] == 12 and change.detail["facilitator_id"] == newcomer.pk


def test_seats_cannot_drop_below_the_members_and_what_was_typed_stays(coordinator_client):
    g = group(facilitator(), members=[UserFactory(), UserFactory(), UserFactory()], capacity=5)
    url = reverse("consultation:edit", kwargs={"pk": g.pk})
    response = coordinator_client.post(url, _edit_data(g, capacity="2", name="Renamed group"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "The group has 3 members" in body and 'value="Renamed group"' in body
    g.refresh_from_db()
    assert (g.capacity, g.name) == (5, "Western Mass RSC group")


def test_a_new_facilitator_must_qualify_and_must_not_hold_a_seat(coordinator):
    member = UserFactory()
    endorse(member)
    g = group(facilitator(), members=[member])
    level_ii = UserFactory()
    endorse(level_ii, "II")
    with pytest.raises(services.Refused) as unqualified:
        services.change_group(g.pk, actor=coordinator, facilitator=level_ii)
    assert unqualified.value.field == "facilitator"
    with pytest.raises(services.Refused, match="has a seat"):
        services.change_group(g.pk, actor=coordinator, facilitator=member)
    g.refresh_from_db()
    assert g.facilitator_id != member.pk
    # Saving without a change records nothing.
    services.change_group(g.pk, actor=coordinator, capacity=g.capacity)
    assert not events_for(g).filter(action="consultation.group_changed").exists()


def test_a_stale_change_is_refused_and_keeps_what_was_typed(coordinator_client):
    from endorsement.staleness import version_of

    g = group(facilitator(), capacity=5)
    version = version_of(g)
    services.request_seat(g, person=UserFactory(), other_access=False)   # a change meanwhile
    response = coordinator_client.post(reverse("consultation:edit", kwargs={"pk": g.pk}),
                                       _edit_data(g, capacity="9", version=version))
    assert response.status_code == 409
    assert "out of date" in response.content.decode()
    assert 'value="9"' in response.content.decode()
    g.refresh_from_db()
    assert g.capacity == 5
    # The page now carries the current version: sent again as it is, the change is saved.
    current = version_of(g)
    assert f'name="version" value="{current}"' in response.content.decode()
    again = coordinator_client.post(reverse("consultation:edit", kwargs={"pk": g.pk}),
                                    _edit_data(g, capacity="9", version=current))
    assert again.status_code == 302
    g.refresh_from_db()
    assert g.capacity == 9
