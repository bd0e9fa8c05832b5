"""The training calendar's changes: one function per change, transactional and audited.

Seats: a sign-up takes a seat while fewer than ``capacity`` are booked, otherwise a place on
the waiting list (in the order people asked). A cancelled seat goes to the head of the list at
once. Lowering the capacity below the sign-ups drops nobody: everyone booked keeps their seat
and nobody is promoted until the booked fall below the new capacity.

The roll: one POST, one transaction, a constant number of queries for any number of people.
Each present attendee's evidence log gets one TrainingEntry with ``source="training:<id>"``
(unique per log and source: a roll taken twice credits once); someone marked absent on a later
roll, or removed from the training, loses the row that training created, and nothing else.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.models import EvidenceLog, TrainingEntry
from endorsement.audit import record
from endorsement.mail import queue_mail
from endorsement.models import Role, User
from endorsement.reminders import claim_once

from .models import Signup, Training, TrainingPartner

REMINDER_KIND = "trainings.day_before"
# What a sign-up is told about when a training changes (and how each field is named).
TOLD_FIELDS = {
    "title": gettext_lazy("Title"), "starts_at": gettext_lazy("Starts"),
    "ends_at": gettext_lazy("Ends"), "format": gettext_lazy("Online or in person"),
    "place": gettext_lazy("Where"), "region": gettext_lazy("Region"),
    "language": gettext_lazy("Language"), "hours": gettext_lazy("Clock hours"),
    "cost": gettext_lazy("Cost"),
}
EDITABLE_FIELDS = ("partner", "title", "description", "starts_at", "ends_at", "hours", "format",
                   "place", "region", "language", "competency_areas", "capacity", "cost",
                   "about_rsc")


class TrainingError(Exception):
    """A change that cannot be made, with a message for the person who asked."""


# --- reading -------------------------------------------------------------------------------

def with_counts(queryset):
    """Trainings with ``booked`` and ``waiting`` counted in the same query."""
    return queryset.annotate(
        booked=Count("signups", filter=Q(signups__status=Signup.Status.BOOKED)),
        waiting=Count("signups", filter=Q(signups__status=Signup.Status.WAITING)),
    ).annotate(free=F("capacity") - F("booked"))


def manageable_by(user):
    """The trainings ``user`` runs: every one for a coordinator, their organisations' for a
    partner, none for anyone else."""
    trainings = Training.objects.all()
    if user.has_role(Role.COORDINATOR):
        return trainings
    if user.has_role(Role.PARTNER):
        return trainings.filter(partner__members=user)
    return trainings.none()


def partners_for(user):
    if user.has_role(Role.COORDINATOR):
        return TrainingPartner.objects.all()
    return TrainingPartner.objects.filter(members=user)


def when_in_words(training: Training) -> str:
    start, end = timezone.localtime(training.starts_at), timezone.localtime(training.ends_at)
    if start.date() == end.date():
        return _("%(day)s, %(start)s to %(end)s") % {
            "day": f'{formats.date_format(start, "l")}, {formats.date_format(start)}',
            "start": formats.time_format(start), "end": formats.time_format(end)}
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(start, "DATETIME_FORMAT"),
        "end": formats.date_format(end, "DATETIME_FORMAT")}


def _url(name, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


# --- partners ------------------------------------------------------------------------------

def add_partner(name: str, *, actor, email: str = "") -> TrainingPartner:
    """The organisation called ``name`` (made if new), with the person whose account is
    ``email`` attached to it when given. Nothing is made if that person cannot be attached."""
    name = " ".join(name.split())
    with transaction.atomic():
        partner, created = TrainingPartner.objects.get_or_create(name=name)
        if created:
            record("training.partner_added", partner, actor=actor, name=name)
        if email:
            add_member(partner, email, actor=actor)
    return partner


def add_member(partner: TrainingPartner, email: str, *, actor) -> User:
    """Attach the person with the account ``email`` to ``partner``, granting them the training
    partner role if they do not hold it yet (someone without an account is invited first,
    from the People page)."""
    from endorsement.people.services import PeopleError, grant_role

    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise TrainingError(_("No active account has the email %(email)s. Invite them as a "
                              "training partner from the People page first.")
                            % {"email": email})
    with transaction.atomic():
        if not user.has_role(Role.PARTNER):
            try:
                grant_role(user, Role.PARTNER, actor=actor)
            except PeopleError as exc:
                raise TrainingError(str(exc)) from exc
        partner.members.add(user)
        record("training.partner_member_added", partner, actor=actor, person=user.pk)
    return user


def remove_member(partner: TrainingPartner, user: User, *, actor) -> None:
    with transaction.atomic():
        partner.members.remove(user)
        record("training.partner_member_removed", partner, actor=actor, person=user.pk)


# --- publishing ----------------------------------------------------------------------------

def _check_times(data: dict) -> None:
    if data["ends_at"] <= data["starts_at"]:
        raise TrainingError(_("The training must end after it starts."))


def publish(data: dict, *, actor) -> Training:
    """Put a training on the calendar."""
    _check_times(data)
    with transaction.atomic():
        training = Training.objects.create(created_by=actor,
                                           **{k: data[k] for k in EDITABLE_FIELDS})
        record("training.published", training, actor=actor, title=training.title)
    return training


def _shown(training: Training, name: str) -> str:
    value = getattr(training, name)
    if name in ("starts_at", "ends_at"):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if name in ("format", "region", "language"):
        return str(getattr(training, f"get_{name}_display")())
    if name == "cost":
        return _("free") if not value else f"${value:,.2f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def update_training(training_id: int, data: dict, *, actor) -> tuple[Training, list[dict]]:
    """Change a training. Everyone signed up or waiting is emailed what changed (for the
    fields that matter to them); a larger capacity promotes from the waiting list; a smaller
    one drops nobody."""
    _check_times(data)
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=training_id)
        before = {name: _shown(training, name) for name in TOLD_FIELDS}
        changed = [k for k in EDITABLE_FIELDS if getattr(training, k) != data[k]]
        if not changed:
            return training, []
        for name in EDITABLE_FIELDS:
            setattr(training, name, data[name])
        training.save()
        changes = [{"field": label, "before": before[name],
                    "after": _shown(training, name)}
                   for name, label in TOLD_FIELDS.items()
                   if before[name] != _shown(training, name)]
        record("training.changed", training, actor=actor, fields=", ".join(changed))
        if training.roll_taken_at is not None:
            # Corrected after the roll (the hours, the title...): the credited rows follow.
            TrainingEntry.objects.filter(source=training.source).update(**_details(training))
        if changes:
            _tell_changes(training, changes)
        _promote(training, actor=actor)
    return training, changes


def _tell_changes(training: Training, changes: list[dict]) -> None:
    people = (Signup.objects.filter(training=training)
              .exclude(status=Signup.Status.CANCELLED).select_related("user"))
    for signup in people:
        # Lazy strings render in the recipient's language (queue_mail overrides it).
        queue_mail("trainings_changed", signup.user.email, {
            "name": signup.user.display_name, "title": training.title,
            "changes": changes, "when": when_in_words(training),
            "waiting": signup.status == Signup.Status.WAITING,
            "url": _url("trainings:detail", training.pk)})


# --- signing up ----------------------------------------------------------------------------

def _locked(training_id: int) -> Training:
    return Training.objects.select_for_update().get(pk=training_id)


def _booked(training: Training) -> int:
    return training.signups.filter(status=Signup.Status.BOOKED).count()


def sign_up(training_id: int, user: User) -> Signup:
    """A seat if one is free, else a place at the end of the waiting list."""
    with transaction.atomic():
        training = _locked(training_id)
        if training.has_started:
            raise TrainingError(_("This training has already started: sign-ups are closed."))
        signup = Signup.objects.filter(training=training, user=user).first()
        if signup is not None and signup.status != Signup.Status.CANCELLED:
            return signup
        status = (Signup.Status.BOOKED if _booked(training) < training.capacity
                  else Signup.Status.WAITING)
        if signup is None:
            signup = Signup(training=training, user=user)
        signup.status, signup.queued_at, signup.attended = status, timezone.now(), None
        signup.save()
        # Events about a sign-up are the sign-up's: the training's own history (its version,
        # which the partner's edit form carries) is its changes and its rolls.
        record("training.signed_up" if status == Signup.Status.BOOKED
               else "training.waitlisted", signup, actor=user, training=training.pk)
        queue_mail("trainings_signed_up", user.email, {
            "name": user.display_name, "title": training.title,
            "when": when_in_words(training), "place": training.place,
            "format": training.get_format_display(),
            "waiting": status == Signup.Status.WAITING,
            "url": _url("trainings:detail", training.pk),
            "ics_url": _url("trainings:ics", training.pk)})
    return signup


def _promote(training: Training, *, actor) -> list[Signup]:
    """Give the free seats to the head of the waiting list (the caller holds the lock)."""
    free = training.capacity - _booked(training)
    if free <= 0 or training.has_started:
        return []
    promoted = list(training.signups.filter(status=Signup.Status.WAITING)
                    .select_related("user").order_by("queued_at", "id")[:free])
    if not promoted:
        return []
    Signup.objects.filter(pk__in=[s.pk for s in promoted]).update(status=Signup.Status.BOOKED)
    for signup in promoted:
        record("training.promoted", signup, actor=actor, training=training.pk)
        queue_mail("trainings_promoted", signup.user.email, {
            "name": signup.user.display_name, "title": training.title,
            "when": when_in_words(training), "url": _url("trainings:detail", training.pk),
            "ics_url": _url("trainings:ics", training.pk)})
    return promoted


def cancel(training_id: int, user: User) -> list[Signup]:
    """The person gives up their seat (or their place on the list); the freed seat goes to
    the head of the waiting list. Returns who was promoted."""
    with transaction.atomic():
        training = _locked(training_id)
        if training.has_started:
            raise TrainingError(_("This training has already started: ask the trainer if "
                                  "you cannot stay."))
        signup = Signup.objects.filter(training=training, user=user).exclude(
            status=Signup.Status.CANCELLED).first()
        if signup is None:
            return []
        signup.status = Signup.Status.CANCELLED
        signup.save(update_fields=["status"])
        record("training.cancelled", signup, actor=user, training=training.pk)
        return _promote(training, actor=user)


def remove_attendee(signup_id: int, *, actor) -> Signup:
    """The trainer or a coordinator takes someone off a training, before or after the roll:
    a confirmed row the training gave them goes; the seat goes to the waiting list (before
    the training)."""
    with transaction.atomic():
        signup = Signup.objects.select_related("training", "user").get(pk=signup_id)
        training = _locked(signup.training_id)
        if signup.status == Signup.Status.CANCELLED:
            return signup
        signup.status, signup.attended = Signup.Status.CANCELLED, None
        signup.save(update_fields=["status", "attended"])
        TrainingEntry.objects.filter(source=training.source,
                                     log__user_id=signup.user_id).delete()
        record("training.removed", signup, actor=actor, training=training.pk)
        _promote(training, actor=actor)
    return signup


# --- the roll ------------------------------------------------------------------------------

def roll_of(training: Training):
    """Everyone the roll lists: the booked, by name."""
    return (training.signups.filter(status=Signup.Status.BOOKED).select_related("user")
            .order_by("user__last_name", "user__first_name", "user__id"))


def take_roll(training_id: int, present_ids, *, actor) -> dict:
    """Record who came (``present_ids``: user ids among the booked; everyone else booked is
    absent) and credit the present in one transaction, in a constant number of queries."""
    present_ids = {int(x) for x in present_ids}
    with transaction.atomic():
        training = _locked(training_id)
        if not training.has_started:
            raise TrainingError(_("The roll opens when the training starts."))
        booked = dict(training.signups.filter(status=Signup.Status.BOOKED)
                      .values_list("user_id", "pk"))
        # Nobody credits themselves: a coordinator (or trainer) booked on the training is on
        # someone else's roll; their own line stays as that person recorded it.
        if getattr(actor, "pk", None) in present_ids:
            raise TrainingError(_("You cannot mark your own attendance: another coordinator "
                                  "or the training partner takes the roll for you."))
        booked.pop(getattr(actor, "pk", None), None)
        present = present_ids & booked.keys()
        absent = booked.keys() - present
        Signup.objects.filter(pk__in=[booked[u] for u in present]).update(attended=True)
        Signup.objects.filter(pk__in=[booked[u] for u in absent]).update(attended=False)
        # Marked absent now: the row an earlier roll gave them goes (only that one).
        removed, _n = TrainingEntry.objects.filter(source=training.source,
                                                   log__user_id__in=absent).delete()
        credited = _credit(training, present, actor)
        training.roll_taken_at = timezone.now()
        training.save(update_fields=["roll_taken_at", "updated_at"])
        record("training.roll_taken", training, actor=actor, present=len(present),
               absent=len(absent), credited=credited, uncredited=removed)
    return {"present": len(present), "absent": len(absent), "credited": credited,
            "uncredited": removed}


def add_walk_in(training_id: int, email: str, *, actor) -> Signup:
    """Someone came without signing up: the trainer adds them by their account's address.
    They are on the roll as present and credited at once (a seat beyond the capacity is fine:
    they are in the room). Nobody adds themselves."""
    person = User.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise TrainingError(_("No account uses this email address. The person creates their "
                              "account on this site first; then add them here."))
    if person.pk == getattr(actor, "pk", None):
        raise TrainingError(_("You cannot mark your own attendance: another coordinator "
                              "or the training partner takes the roll for you."))
    with transaction.atomic():
        training = _locked(training_id)
        if not training.has_started:
            raise TrainingError(_("The roll opens when the training starts."))
        signup = Signup.objects.filter(training=training, user=person).first()
        if signup is not None and signup.status == Signup.Status.BOOKED:
            raise TrainingError(_("%(name)s is already on the roll: tick them and save.")
                                % {"name": person.display_name})
        if signup is None:
            signup = Signup(training=training, user=person)
        signup.status, signup.attended = Signup.Status.BOOKED, True
        signup.save()
        credited = _credit(training, {person.pk}, actor)
        record("training.walk_in", signup, actor=actor, training=training.pk,
               credited=credited)
    return signup


def _details(training: Training) -> dict:
    """What a credited row says: the training as it is now."""
    partner = training.partner.name
    return {"title": training.title, "sponsor": partner, "date": training.local_date,
            "hours": training.hours, "competency_areas": list(training.competency_areas),
            "about_rsc": training.about_rsc, "confirmed_by": partner}


def _credit(training: Training, user_ids: set[int], actor) -> int:
    """One confirmed TrainingEntry per present person's log (new ones only); a row from an
    earlier roll takes the training's current details."""
    if not user_ids:
        return 0
    logs = dict(EvidenceLog.objects.filter(user_id__in=user_ids).values_list("user_id", "pk"))
    missing = user_ids - logs.keys()
    if missing:
        EvidenceLog.objects.bulk_create([EvidenceLog(user_id=u) for u in missing],
                                        ignore_conflicts=True)
        logs = dict(EvidenceLog.objects.filter(user_id__in=user_ids)
                    .values_list("user_id", "pk"))
    details = _details(training)
    already = TrainingEntry.objects.filter(source=training.source, log_id__in=logs.values())
    already.update(**details)
    had = set(already.values_list("log_id", flat=True))
    now = timezone.now()
    new = [TrainingEntry(log_id=log_id, source=training.source, confirmed_at=now, **details)
           for log_id in logs.values() if log_id not in had]
    TrainingEntry.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# --- the reminder --------------------------------------------------------------------------

def send_reminders(now: dt.datetime | None = None) -> int:
    """Email everyone booked on a training that takes place tomorrow (local date). Run twice,
    it sends once (a claim per sign-up and training date: a training moved to another day
    is reminded again)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time.min))
    due = (Signup.objects.filter(status=Signup.Status.BOOKED, training__starts_at__gte=start,
                                 training__starts_at__lt=end)
           .select_related("training", "user"))
    sent = 0
    with transaction.atomic():
        rows = {(s.pk, tomorrow.isoformat()): s for s in due}
        for key in sorted(claim_once(REMINDER_KIND, Signup, rows)):
            signup = rows[key]
            training = signup.training
            queue_mail("trainings_reminder", signup.user.email, {
                "name": signup.user.display_name, "title": training.title,
                "when": when_in_words(training), "place": training.place,
                "format": training.get_format_display(),
                "url": _url("trainings:detail", training.pk),
                "ics_url": _url("trainings:ics", training.pk)})
            sent += 1
    return sent
