"""The training calendar's services: seats and the waiting list, changes told, the roll and
its credit, the reminder, the iCalendar files."""
import datetime as dt
from decimal import Decimal

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applicants.case import checklist
from applicants.models import EvidenceLog, TrainingEntry
from applicants.tests.factories import ApplicationFactory
from endorsement.models import OutboundEmail, ReminderClaim, Role
from endorsement.testing.factories import UserFactory

from .. import ics, services
from ..models import Signup, Training
from .helpers import make_training, partner_user

pytestmark = pytest.mark.django_db


def people(n, prefix="p"):
    return [UserFactory(email=f"{prefix}{i}@example.org") for i in range(n)]


def mails(template, to=None):
    rows = OutboundEmail.objects.filter(template=template)
    return rows.filter(to=to) if to else rows


def started(training):
    """Move ``training`` into the past (it started an hour ago) without touching its day."""
    Training.objects.filter(pk=training.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=5))
    training.refresh_from_db()
    return training


def data_of(training, **changes):
    data = {k: getattr(training, k) for k in services.EDITABLE_FIELDS}
    data.update(changes)
    return data


# --- seats and the waiting list -------------------------------------------------------------

def test_full_training_puts_the_next_on_the_waiting_list_and_a_cancel_promotes_in_order(
        training):
    training.capacity = 1
    training.save()
    first, second, third = people(3)
    assert services.sign_up(training.pk, first).status == Signup.Status.BOOKED
    assert services.sign_up(training.pk, second).status == Signup.Status.WAITING
    assert services.sign_up(training.pk, third).status == Signup.Status.WAITING
    # Signing up again changes nothing (a double click).
    assert services.sign_up(training.pk, second).status == Signup.Status.WAITING
    assert mails("trainings_signed_up").count() == 3

    promoted = services.cancel(training.pk, first)
    assert [s.user for s in promoted] == [second]   # the head of the list, not the last
    statuses = dict(Signup.objects.values_list("user__email", "status"))
    assert statuses == {first.email: "cancelled", second.email: "booked",
                        third.email: "waiting"}
    assert mails("trainings_promoted", second.email).count() == 1
    assert not mails("trainings_promoted", third.email).exists()
    # Cancelling twice promotes nobody else.
    assert services.cancel(training.pk, first) == []
    assert Signup.objects.get(user=third).status == "waiting"


def test_signing_up_again_after_cancelling_goes_to_the_end_of_the_list(training):
    training.capacity = 1
    training.save()
    a, b, c = people(3)
    services.sign_up(training.pk, a)
    services.sign_up(training.pk, b)
    services.cancel(training.pk, b)
    services.sign_up(training.pk, c)
    services.sign_up(training.pk, b)
    services.cancel(training.pk, a)
    assert Signup.objects.get(user=c).status == "booked"
    assert Signup.objects.get(user=b).status == "waiting"


def test_no_sign_up_or_cancel_once_the_training_started(training):
    person = people(1)[0]
    services.sign_up(training.pk, person)
    started(training)
    with pytest.raises(services.TrainingError):
        services.sign_up(training.pk, people(1, "late")[0])
    with pytest.raises(services.TrainingError):
        services.cancel(training.pk, person)


def test_lowering_the_capacity_drops_nobody_and_raising_it_promotes(training, trainer):
    training.capacity = 3
    training.save()
    booked = people(3)
    for person in booked:
        services.sign_up(training.pk, person)
    waiting = people(2, "w")
    for person in waiting:
        services.sign_up(training.pk, person)
    services.update_training(training.pk, data_of(training, capacity=1), actor=trainer)
    assert Signup.objects.filter(status="booked").count() == 3    # nobody silently dropped
    # A seat freed while still over capacity goes to nobody.
    services.cancel(training.pk, booked[0])
    assert Signup.objects.filter(status="booked").count() == 2
    assert Signup.objects.filter(status="waiting").count() == 2
    training.refresh_from_db()
    services.update_training(training.pk, data_of(training, capacity=3), actor=trainer)
    assert Signup.objects.get(user=waiting[0]).status == "booked"
    assert Signup.objects.get(user=waiting[1]).status == "waiting"


def test_a_change_is_emailed_to_everyone_signed_up_or_waiting(training, trainer):
    training.capacity = 1
    training.save()
    a, b, gone = people(3)
    services.sign_up(training.pk, a)
    services.sign_up(training.pk, b)
    services.sign_up(training.pk, gone)
    services.cancel(training.pk, gone)
    later = training.starts_at + dt.timedelta(days=1)
    _t, changes = services.update_training(
        training.pk, data_of(training, starts_at=later, ends_at=later + dt.timedelta(hours=6),
                             place="2 Elm Street, Worcester"), actor=trainer)
    assert {c["field"] for c in changes} == {"Starts", "Ends", "Where"}
    told = set(mails("trainings_changed").values_list("to", flat=True))
    assert told == {a.email, b.email}
    body = mails("trainings_changed", a.email).get().body_text
    assert "2 Elm Street, Worcester" in body and "1 Main Street, Worcester" in body
    # A change of the description only: nobody is emailed.
    training.refresh_from_db()
    services.update_training(training.pk, data_of(training, description="Bring a notebook"),
                             actor=trainer)
    assert mails("trainings_changed").count() == 2


# --- the roll -------------------------------------------------------------------------------

def test_the_roll_credits_the_present_once_with_the_trainings_details(trainer):
    training = make_training(trainer.training_partners.get(), hours="6.5", about_rsc=True,
                             competency_areas=["reflection", "thinking"])
    here, away = people(2)
    for person in (here, away):
        services.sign_up(training.pk, person)
    started(training)
    result = services.take_roll(training.pk, [here.pk], actor=trainer)
    assert result == {"present": 1, "absent": 1, "credited": 1, "uncredited": 0}
    row = TrainingEntry.objects.get()
    assert row.log == EvidenceLog.of(here)
    assert (row.title, row.sponsor, row.hours, row.about_rsc, row.competency_areas) == (
        training.title, "Family Institute", Decimal("6.5"), True, ["reflection", "thinking"])
    assert row.source == f"training:{training.pk}"
    assert row.confirmed_by == "Family Institute" and row.confirmed
    assert row.date == training.local_date
    # Taken twice: credited once.
    assert services.take_roll(training.pk, [here.pk], actor=trainer)["credited"] == 0
    assert TrainingEntry.objects.count() == 1
    assert Signup.objects.get(user=here).attended is True
    assert Signup.objects.get(user=away).attended is False


def test_marked_absent_on_a_second_roll_loses_only_that_rows(trainer):
    partner = trainer.training_partners.get()
    training, other = make_training(partner), make_training(partner, title="Another")
    person = people(1)[0]
    for t in (training, other):
        services.sign_up(t.pk, person)
        started(t)
        services.take_roll(t.pk, [person.pk], actor=trainer)
    typed = TrainingEntry.objects.create(log=EvidenceLog.of(person), title="Typed by hand",
                                         sponsor="X", date=dt.date(2024, 1, 1), hours=3)
    result = services.take_roll(training.pk, [], actor=trainer)
    assert result["uncredited"] == 1
    left = set(TrainingEntry.objects.values_list("pk", "source"))
    assert left == {(typed.pk, ""), (TrainingEntry.objects.get(source=other.source).pk,
                                     other.source)}


def test_an_attendee_removed_after_the_roll_loses_the_credit(training, trainer):
    person, kept = people(2)
    for p in (person, kept):
        services.sign_up(training.pk, p)
    started(training)
    services.take_roll(training.pk, [person.pk, kept.pk], actor=trainer)
    services.remove_attendee(Signup.objects.get(user=person).pk, actor=trainer)
    assert list(TrainingEntry.objects.values_list("log__user", flat=True)) == [kept.pk]
    assert Signup.objects.get(user=person).status == "cancelled"
    # A later roll cannot credit them again (they are no longer booked).
    services.take_roll(training.pk, [person.pk, kept.pk], actor=trainer)
    assert TrainingEntry.objects.count() == 1


def test_a_roll_only_credits_booked_people(training, trainer):
    training.capacity = 1
    training.save()
    booked, waiting = people(2)
    services.sign_up(training.pk, booked)
    services.sign_up(training.pk, waiting)
    started(training)
    services.take_roll(training.pk, [booked.pk, waiting.pk, 999999], actor=trainer)
    assert list(TrainingEntry.objects.values_list("log__user", flat=True)) == [booked.pk]


def test_the_roll_waits_for_the_training_to_start(training, trainer):
    services.sign_up(training.pk, people(1)[0])
    with pytest.raises(services.TrainingError):
        services.take_roll(training.pk, [], actor=trainer)


def test_the_date_credited_is_the_local_date_of_the_training(trainer, settings):
    """9:30 p.m. in Boston on January 15 is 02:30 UTC on January 16: the log says the 15th,
    whatever the time zone the server runs in."""
    starts = dt.datetime(2026, 1, 16, 2, 30, tzinfo=dt.UTC)
    training = make_training(trainer.training_partners.get(), starts_at=starts,
                             ends_at=starts + dt.timedelta(hours=2))
    person = people(1)[0]
    Signup.objects.create(training=training, user=person)
    services.take_roll(training.pk, [person.pk], actor=trainer)
    assert TrainingEntry.objects.get().date == dt.date(2026, 1, 15)
    # The night the clocks go back (November 1, 2026, 1:30 a.m. happens twice): still the 1st.
    starts = dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC)   # 1:30 a.m. EDT
    autumn = make_training(trainer.training_partners.get(), starts_at=starts,
                           ends_at=starts + dt.timedelta(hours=3))
    Signup.objects.create(training=autumn, user=person)
    services.take_roll(autumn.pk, [person.pk], actor=trainer)
    assert TrainingEntry.objects.get(source=autumn.source).date == dt.date(2026, 11, 1)
    assert timezone.localtime(autumn.starts_at).tzname() == "EDT"


def test_a_roll_of_40_is_one_transaction_in_a_constant_number_of_queries(trainer):
    partner = trainer.training_partners.get()

    def roll(n, prefix):
        training = make_training(partner, capacity=n)
        group = people(n, prefix)
        Signup.objects.bulk_create([Signup(training=training, user=p) for p in group])
        EvidenceLog.of(group[0])   # one already has a log, the others get theirs now
        started(training)
        with CaptureQueriesContext(connection) as queries:
            services.take_roll(training.pk, [p.pk for p in group[:-1]], actor=trainer)
        assert TrainingEntry.objects.filter(source=training.source).count() == n - 1
        return len(queries)

    assert roll(3, "small") == roll(40, "large")


def test_the_roll_credit_counts_in_the_checklist(trainer):
    application = ApplicationFactory(category="II")
    before = {r["id"]: r for r in checklist(application)["requirements"]}["training"]
    assert not before["met"]
    training = make_training(trainer.training_partners.get(), hours="30")
    Signup.objects.create(training=training, user=application.applicant)
    started(training)
    services.take_roll(training.pk, [application.applicant_id], actor=trainer)
    after = {r["id"]: r for r in checklist(application)["requirements"]}["training"]
    assert after["met"], after


# --- the reminder ---------------------------------------------------------------------------

def test_the_day_before_reminder_goes_once_to_the_booked_only(trainer):
    partner = trainer.training_partners.get()
    tomorrow, later = make_training(partner, days=1, capacity=1), make_training(partner, days=3)
    booked, waiting = people(2)
    services.sign_up(tomorrow.pk, booked)
    services.sign_up(tomorrow.pk, waiting)
    services.sign_up(later.pk, booked)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0        # run twice: sends once
    assert list(mails("trainings_reminder").values_list("to", flat=True)) == [booked.email]
    assert ReminderClaim.objects.filter(kind=services.REMINDER_KIND).count() == 1
    # Moved to another day: reminded again the day before the new date.
    moved = timezone.now() + dt.timedelta(days=1, minutes=5)
    Training.objects.filter(pk=later.pk).update(starts_at=moved,
                                                ends_at=moved + dt.timedelta(hours=1))
    Training.objects.filter(pk=tomorrow.pk).update(
        starts_at=tomorrow.starts_at + dt.timedelta(days=1),
        ends_at=tomorrow.ends_at + dt.timedelta(days=1))
    if timezone.localtime(moved).date() == timezone.localdate() + dt.timedelta(days=1):
        assert services.send_reminders() == 1


def test_the_reminder_task_runs_the_service(training):
    from ..tasks import send_training_reminders

    assert send_training_reminders() == 0


# --- iCalendar ------------------------------------------------------------------------------

def test_the_feed_and_the_file_parse_with_icalendar(trainer):
    partner = trainer.training_partners.get()
    first = make_training(partner, title="Attachment basics", place="Online (link by email)")
    second = make_training(partner, days=9, title="Reflective practice")
    parsed = icalendar.Calendar.from_ical(ics.calendar_for([first, second]))
    events = parsed.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Attachment basics", "Reflective practice"]
    assert events[0].decoded("DTSTART") == first.starts_at
    assert events[0].decoded("DTSTART").tzinfo is not None
    assert str(events[0]["LOCATION"]) == "Online (link by email)"
    assert {str(e["UID"]) for e in events} == {f"training-{first.pk}@endorsement",
                                                f"training-{second.pk}@endorsement"}
    assert parsed.walk("VTIMEZONE")[0]["TZID"] == "America/New_York"


# --- the partner role -----------------------------------------------------------------------

def test_a_partner_is_attached_by_email_and_given_the_role(coordinator):
    person = UserFactory(email="new-trainer@example.org")
    partner = services.add_partner("  Boston   Family  Institute ", actor=coordinator)
    assert partner.name == "Boston Family Institute"
    services.add_member(partner, "NEW-trainer@example.org", actor=coordinator)
    person.refresh_from_db()
    assert person.has_role(Role.PARTNER)
    assert list(services.partners_for(person)) == [partner]
    with pytest.raises(services.TrainingError):
        services.add_member(partner, "nobody@example.org", actor=coordinator)


def test_partners_manage_their_own_organisations_trainings_only(trainer, coordinator):
    mine = make_training(trainer.training_partners.get())
    other = partner_user("other@example.org", "Another Org")
    theirs = make_training(other.training_partners.get())
    assert list(services.manageable_by(trainer)) == [mine]
    assert trainer.has_perm("trainings.change_training", mine)
    assert not trainer.has_perm("trainings.change_training", theirs)
    assert coordinator.has_perm("trainings.change_training", theirs)
    assert not UserFactory().has_perm("trainings.change_training", mine)


def test_a_correction_after_the_roll_reaches_the_credited_rows(training, trainer):
    person = people(1)[0]
    services.sign_up(training.pk, person)
    started(training)
    services.take_roll(training.pk, [person.pk], actor=trainer)
    training.refresh_from_db()
    services.update_training(training.pk, data_of(training, hours=Decimal("5.5"),
                                                  title="Attachment, corrected"), actor=trainer)
    row = TrainingEntry.objects.get()
    assert (row.hours, row.title) == (Decimal("5.5"), "Attachment, corrected")


def test_sign_ups_do_not_make_the_partners_edit_form_stale(training, trainer):
    from endorsement import staleness

    version = staleness.version_of(training)
    for person in people(2):
        services.sign_up(training.pk, person)
    services.cancel(training.pk, Signup.objects.first().user)
    assert staleness.stale(training, {"version": str(version)}) is None
    started(training)
    services.take_roll(training.pk, [], actor=trainer)
    assert staleness.stale(training, {"version": str(version)})   # a roll is a change


def test_the_area_labels_are_the_engines_areas():
    from endorsement.guidelines import AREA_NAMES

    from ..forms import AREA_LABELS

    assert {k: str(v) for k, v in AREA_LABELS.items()} == {
        k: name for k, (name, _kind) in AREA_NAMES.items()}


def test_a_roll_counts_in_the_grant_report_per_partner(coordinator_client):
    """The calendar registers its rows with the grant report: people present and the hours
    delivered, per partner organisation and region; small numbers suppressed there."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from endorsement.consultation import grant
    from endorsement.trainings import services as trainings
    from endorsement.trainings.models import Training
    from endorsement.trainings.tests.helpers import make_training, partner_user

    trainer = partner_user()
    held = make_training(trainer.training_partners.get(), days=10, hours="3")
    people = [UserFactory(email=f"grant{i}@example.org") for i in range(6)]
    for person in people:
        trainings.sign_up(held.pk, person)
    Training.objects.filter(pk=held.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=1),
        ends_at=timezone.now() - dt.timedelta(days=1) + dt.timedelta(hours=3))
    trainings.take_roll(held.pk, [p.pk for p in people[:5]], actor=trainer)
    figures = grant.figures(grant.Period(None, None))
    line = next(line for line in figures["sources"] if line.label == "Family Institute")
    assert line.kind == "Training"
    assert line.shown_participants == 5 and line.shown_hours == 15
    page = coordinator_client.get(reverse("consultation:grant_report")).content.decode()
    assert "Family Institute" in page


def test_nobody_marks_their_own_attendance(coordinator):
    """A coordinator booked on a training cannot credit themselves by taking its roll; their
    own line is left as it was, and the partner's roll credits them."""
    import datetime as dt

    from endorsement.trainings import services as trainings
    from endorsement.trainings.models import Training
    from endorsement.trainings.services import TrainingError
    from endorsement.trainings.tests.helpers import make_training, partner_user

    trainer = partner_user()
    held = make_training(trainer.training_partners.get(), days=10)
    other = UserFactory(email="other-attendee@example.org")
    for person in (coordinator, other):
        trainings.sign_up(held.pk, person)
    Training.objects.filter(pk=held.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=7),
        ends_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(TrainingError):
        trainings.take_roll(held.pk, [coordinator.pk, other.pk], actor=coordinator)
    assert not TrainingEntry.objects.filter(log__user=coordinator).exists()
    trainings.take_roll(held.pk, [other.pk], actor=coordinator)  # their own line untouched
    assert not TrainingEntry.objects.filter(log__user=coordinator).exists()
    assert TrainingEntry.objects.filter(log__user=other).count() == 1
    trainings.take_roll(held.pk, [coordinator.pk, other.pk], actor=trainer)
    assert TrainingEntry.objects.filter(log__user=coordinator).count() == 1
