"""The calendar's pages: browsing without an account in a constant number of queries, signing
up, the partner's pages, the roll over HTTP, confirmed rows read-only for the applicant, the
certificate of attendance."""
import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import EvidenceLog, TrainingEntry
from applicants.tests.factories import ApplicationFactory
from endorsement.models import AuditEvent
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import UserFactory

from .. import services
from ..models import Signup, Training
from .helpers import make_training, partner_user
from .test_services import started

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [1, 4])
def test_the_calendar_list_answers_in_a_constant_number_of_queries(
        client, trainer, django_assert_num_queries, n):
    partner = trainer.training_partners.get()
    for i in range(n):
        training = make_training(partner, days=i + 1, title=f"T{i}")
        Signup.objects.create(training=training, user=UserFactory())
    with django_assert_num_queries(2):   # the count, the page (with its seat counts)
        response = client.get(reverse("trainings:calendar"))
    assert response.status_code == 200
    assert f"{n} training" in response.content.decode()


@pytest.mark.parametrize("n", [1, 4])
def test_the_month_view_answers_in_one_query(client, trainer, django_assert_num_queries, n):
    partner = trainer.training_partners.get()
    first = make_training(partner, days=1)
    for i in range(n - 1):
        make_training(partner, starts_at=first.starts_at + dt.timedelta(hours=i + 1),
                      ends_at=first.ends_at + dt.timedelta(hours=i + 1))
    local = timezone.localtime(first.starts_at)
    with django_assert_num_queries(1):
        response = client.get(reverse("trainings:month", args=[local.year, local.month]))
    assert response.content.decode().count(first.title) >= n


def test_filters_by_region_language_format_and_month(client, trainer):
    partner = trainer.training_partners.get()
    make_training(partner, title="Springfield in Spanish", region="western", language="es",
                  format="in_person")
    make_training(partner, title="Online in English", region="western", format="online")
    far = make_training(partner, days=70, title="Far away", region="southeast")

    def titles(**params):
        page = client.get(reverse("trainings:calendar"), params).context["page"]
        return {t.title for t in page.object_list}

    assert titles() == {"Springfield in Spanish", "Online in English", "Far away"}
    assert titles(region="western", language="es") == {"Springfield in Spanish"}
    assert titles(format="online") == {"Online in English"}
    assert titles(month=timezone.localtime(far.starts_at).strftime("%Y-%m")) >= {"Far away"}
    assert titles(region="nowhere") == {"Springfield in Spanish", "Online in English",
                                        "Far away"}   # an unknown filter is ignored
    response = client.get(reverse("trainings:calendar"), {"month": "13-2026"})
    assert "Choose a month" in response.content.decode()


def test_a_past_training_leaves_the_list_but_its_page_stays(client, trainer):
    old = make_training(trainer.training_partners.get(), days=-3, title="Last week")
    assert client.get(reverse("trainings:calendar")).context["page"].paginator.count == 0
    assert client.get(reverse("trainings:detail", args=[old.pk])).status_code == 200


def test_signing_up_needs_an_account(client, training):
    page = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()
    assert "Signing up needs an account" in page
    response = client.post(reverse("trainings:signup", args=[training.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Signup.objects.exists()


def test_sign_up_wait_and_cancel_over_http(client, training):
    training.capacity = 1
    training.save()
    first, second = UserFactory(), UserFactory()
    sign_in_client(client, first)
    client.post(reverse("trainings:signup", args=[training.pk]))
    sign_in_client(client, second)
    response = client.post(reverse("trainings:signup", args=[training.pk]), follow=True)
    assert "you are on the waiting list" in response.content.decode()
    assert "You are number 1 on the waiting list" in response.content.decode()
    sign_in_client(client, first)
    client.post(reverse("trainings:cancel", args=[training.pk]))
    assert Signup.objects.get(user=second).status == "booked"
    sign_in_client(client, second)
    page = client.get(reverse("trainings:mine")).content.decode()
    assert training.title in page and "Signed up" in page


def test_the_ics_download_and_the_feed(client, training):
    response = client.get(reverse("trainings:ics", args=[training.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == training.title
    assert event.decoded("DTSTART") == training.starts_at
    assert reverse("trainings:detail", args=[training.pk]) in str(event["URL"])
    feed = icalendar.Calendar.from_ical(client.get(reverse("trainings:feed"),
                                                   {"region": "central"}).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == [training.title]
    feed = icalendar.Calendar.from_ical(client.get(reverse("trainings:feed"),
                                                   {"region": "western"}).content)
    assert feed.walk("VEVENT") == []


def _post_training(client, partner, **changes):
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {"partner": partner.pk, "title": "Working with fathers", "description": "",
            "starts_at": f"{day}T09:00", "ends_at": f"{day}T12:30", "hours": "3.5",
            "format": "online", "place": "Zoom", "region": "northeast", "language": "pt",
            "competency_areas": ["reflection"], "capacity": "25", "cost": "0"}
    data.update(changes)
    return client.post(reverse("trainings:add"), data)


def test_a_partner_publishes_a_training_in_eastern_time(client, trainer):
    sign_in_client(client, trainer)
    response = _post_training(client, trainer.training_partners.get())
    training = Training.objects.get()
    assert response.status_code == 302
    local = timezone.localtime(training.starts_at)
    assert (local.hour, local.minute) == (9, 0)
    assert training.starts_at.utcoffset() == dt.timedelta(0)   # stored in UTC
    assert str(training.language) == "pt" and training.created_by == trainer
    assert AuditEvent.objects.filter(action="training.published").exists()


def test_a_refused_training_form_keeps_every_value(client, trainer):
    sign_in_client(client, trainer)
    response = _post_training(client, trainer.training_partners.get(), ends_at="2000-01-01T08:00",
                              capacity="0")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The training must end after it starts." in page
    assert "Give the number of seats" in page
    assert 'value="Working with fathers"' in page and 'value="Zoom"' in page
    assert not Training.objects.exists()


def test_a_partner_cannot_publish_for_another_organisation(client, trainer):
    other = partner_user("other@example.org", "Another Org")
    sign_in_client(client, trainer)
    response = _post_training(client, other.training_partners.get())
    assert response.status_code == 400 and not Training.objects.exists()


def test_a_partner_never_sees_another_organisations_training(client, trainer):
    theirs = make_training(partner_user("other@example.org", "Another Org")
                           .training_partners.get())
    sign_in_client(client, trainer)
    for name in ("roster", "edit", "roll"):
        assert client.get(reverse(f"trainings:{name}", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("trainings:partners")).status_code == 404


def test_editing_a_training_from_a_stale_page_is_refused(client, trainer, training):
    sign_in_client(client, trainer)
    page = client.get(reverse("trainings:edit", args=[training.pk]))
    version = page.context["version"]
    services.update_training(training.pk, {**{k: getattr(training, k) for k in
                                              services.EDITABLE_FIELDS}, "title": "Renamed"},
                             actor=trainer)
    local = timezone.localtime(training.starts_at)
    data = {"version": version, "partner": training.partner_id, "title": "Mine",
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(training.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "hours": "6", "format": "in_person", "place": "x", "region": "central",
            "language": "en", "capacity": "20", "cost": "0"}
    response = client.post(reverse("trainings:edit", args=[training.pk]), data)
    assert response.status_code == 400
    assert "out of date" in response.content.decode()
    training.refresh_from_db()
    assert training.title == "Renamed"
    data["version"] = client.get(reverse("trainings:edit", args=[training.pk])).context[
        "version"]
    assert client.post(reverse("trainings:edit", args=[training.pk]), data).status_code == 302
    training.refresh_from_db()
    assert training.title == "Mine"


def test_the_roll_over_http_and_the_read_only_confirmed_row(client, trainer, training):
    application = ApplicationFactory(category="II")
    attendee = application.applicant
    Signup.objects.create(training=training, user=attendee)
    started(training)
    sign_in_client(client, trainer)
    page = client.get(reverse("trainings:roll", args=[training.pk])).content.decode()
    assert f'name="present" value="{attendee.pk}"' in page
    client.post(reverse("trainings:roll", args=[training.pk]), {"present": [attendee.pk]})
    row = TrainingEntry.objects.get()
    # The attendee sees it confirmed, and cannot change or remove it.
    sign_in_client(client, attendee)
    listing = client.get(reverse("applicants:training", args=[application.pk])).content.decode()
    assert "Confirmed by Family Institute" in listing
    assert reverse("applicants:training_edit", args=[application.pk, row.pk]) not in listing
    for name in ("training_edit", "training_delete"):
        url = reverse(f"applicants:{name}", args=[application.pk, row.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Changed", "sponsor": "Me", "date": "2024-01-01",
                                 "hours": "99"}).status_code == 404
    row.refresh_from_db()
    assert row.title == training.title and row.hours == training.hours
    # ... nor from the evidence log of a renewal.
    for name in ("renewals:edit_row", "renewals:remove_row"):
        assert client.post(reverse(name, args=["training", row.pk])).status_code == 404
    assert TrainingEntry.objects.filter(pk=row.pk).exists()
    # The certificate of attendance.
    response = client.get(reverse("trainings:certificate", args=[training.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_coordinator_sees_the_row_confirmed_on_the_application(coordinator_client, trainer,
                                                                    training):
    application = ApplicationFactory(category="II")
    Signup.objects.create(training=training, user=application.applicant)
    started(training)
    services.take_roll(training.pk, [application.applicant_id], actor=trainer)
    page = coordinator_client.get(reverse("reviews:application", args=[application.pk]))
    assert "Training confirmed by the trainer" in page.content.decode()
    assert "Confirmed by Family Institute" in page.content.decode()


def test_no_certificate_without_attending(client, training, trainer):
    person = UserFactory()
    Signup.objects.create(training=training, user=person)
    started(training)
    services.take_roll(training.pk, [], actor=trainer)
    sign_in_client(client, person)
    assert client.get(reverse("trainings:certificate", args=[training.pk])).status_code == 404


def test_the_roll_is_refused_before_the_training(client, trainer, training):
    sign_in_client(client, trainer)
    response = client.post(reverse("trainings:roll", args=[training.pk]), {"present": ["1"]})
    assert response.status_code == 302
    assert training.roll_taken_at is None and not EvidenceLog.objects.exists()


def test_the_coordinator_adds_a_partner_organisation_and_its_trainer(coordinator_client):
    person = UserFactory(email="tess@example.org")
    response = coordinator_client.post(reverse("trainings:partners"),
                                       {"name": "Springfield Center", "email": person.email})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.has_role("partner")
    response = coordinator_client.post(reverse("trainings:partners"),
                                       {"name": "Other Center", "email": "no@x.org"})
    assert response.status_code == 400
    assert 'value="Other Center"' in response.content.decode()
    from ..models import TrainingPartner

    assert list(TrainingPartner.objects.values_list("name", flat=True)) == [
        "Springfield Center"]   # nothing made when the person cannot be attached


def test_the_partner_role_is_grantable_and_invitable_on_the_people_page(coordinator_client):
    page = coordinator_client.get(reverse("people:invite")).content.decode()
    assert 'value="partner"' in page
    response = coordinator_client.post(reverse("people:invite"),
                                       {"email": "trainer2@example.org", "role": "partner"})
    assert response.status_code == 302
    person = UserFactory(email="grantee@example.org")
    page = coordinator_client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert 'value="partner"' in page


# --- someone who came without signing up, and nobody marking themselves --------------------

def test_the_trainer_adds_a_walk_in_who_is_credited_once(client, trainer, training):
    application = ApplicationFactory(category="II")
    walk_in = application.applicant
    started(training)
    sign_in_client(client, trainer)
    roll = client.get(reverse("trainings:roll", args=[training.pk])).content.decode()
    assert "Someone came without signing up?" in roll
    url = reverse("trainings:walk_in", args=[training.pk])
    response = client.post(url, {"email": walk_in.email.upper()})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert f'value="{walk_in.pk}" id="present-{walk_in.pk}" checked' in page
    row = TrainingEntry.objects.get(log__user=walk_in)
    assert row.source == training.source and row.confirmed_by == "Family Institute"
    assert AuditEvent.objects.filter(action="training.walk_in").count() == 1
    # Added again: told they are on the roll already; saving the roll keeps one credit.
    again = client.post(url, {"email": walk_in.email})
    assert again.status_code == 400 and "already on the roll" in again.content.decode()
    client.post(reverse("trainings:roll", args=[training.pk]), {"present": [walk_in.pk]})
    assert TrainingEntry.objects.filter(log__user=walk_in).count() == 1


def test_a_walk_in_needs_an_account_and_the_training_to_have_started(client, trainer,
                                                                     training):
    sign_in_client(client, trainer)
    url = reverse("trainings:walk_in", args=[training.pk])
    person = UserFactory()
    early = client.post(url, {"email": person.email})
    assert early.status_code == 400 and "opens when the training starts" in (
        early.content.decode())
    started(training)
    unknown = client.post(url, {"email": "never-signed-up@example.org"})
    body = unknown.content.decode()
    assert unknown.status_code == 400 and "No account uses this email address" in body
    assert 'value="never-signed-up@example.org"' in body     # what was typed stays
    assert not TrainingEntry.objects.exists() and not Signup.objects.exists()


def test_the_roll_page_refuses_a_coordinator_ticking_themselves(client, coordinator,
                                                                 trainer, training):
    services.sign_up(training.pk, coordinator)
    started(training)
    sign_in_client(client, coordinator)
    response = client.post(reverse("trainings:roll", args=[training.pk]),
                           {"present": [coordinator.pk]})
    assert response.status_code == 200
    assert "You cannot mark your own attendance" in response.content.decode()
    walked = client.post(reverse("trainings:walk_in", args=[training.pk]),
                         {"email": coordinator.email})
    assert walked.status_code == 400
    assert "You cannot mark your own attendance" in walked.content.decode()
    assert not TrainingEntry.objects.filter(log__user=coordinator).exists()
