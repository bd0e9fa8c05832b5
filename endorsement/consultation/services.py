"""Every change to a consultation group: one function each, in one transaction, audited.

The roll (``take_roll``) is one transaction for the whole group: it credits each present
member's evidence log with one confirmed RSC session (``source="group-session:<id>"``; the
unique (log, source) constraint makes a second roll credit nobody twice) and takes back the
confirmed row of a member marked absent on a retake. People no longer in the group are not on
the roll, so nothing they were credited is lost.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applicants.models import EvidenceLog, RscSession
from endorsement import audit, staleness
from endorsement.mail import queue_mail

from .models import Attendance, ConsultationGroup, GroupMember, GroupSession, SeatRequest
from .qualify import highest_degree, qualified_people, qualifying_endorsement


class Stale(Exception):
    """The page was out of date: ``changes`` lists what happened since (audit events)."""

    def __init__(self, changes):
        super().__init__(staleness.describe(changes))
        self.changes = changes


class Refused(Exception):
    """A change the rules do not allow; the message says why in plain words, and ``field``
    names the form field it is about, when there is one."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.field = field


@transaction.atomic
def create_group(*, actor, name, facilitator, region, language, format, capacity,
                 description="") -> ConsultationGroup:
    if not qualified_people().filter(pk=facilitator.pk).exists():
        raise Refused(_("%(name)s does not hold a current Endorsement® that qualifies them to "
                        "provide reflective supervision/consultation.")
                      % {"name": facilitator.display_name})
    group = ConsultationGroup.objects.create(
        name=name, facilitator=facilitator, region=region, language=language, format=format,
        capacity=capacity, description=description, created_by=actor)
    audit.record("consultation.group_created", group, actor=actor, name=name,
                 facilitator_id=facilitator.pk, capacity=capacity)
    return group


@transaction.atomic
def change_group(group_id, *, actor, seen: int | None = None, **fields) -> ConsultationGroup:
    """Change a group's name, facilitator, place, language, format, seats or description.

    The group row is locked, so a change of seats and a placement at the same moment cannot
    leave more members than seats; a new facilitator must qualify as a new group's does.
    ``seen``: the version the coordinator's page showed (``staleness``); a change made since
    refuses the save (:class:`Stale`, with what changed)."""
    group = _locked_group(group_id)
    if seen is not None:
        changes = staleness.changes_since(group, seen)
        if changes:
            raise Stale(changes)
    facilitator = fields.get("facilitator", group.facilitator)
    if facilitator.pk != group.facilitator_id:
        if not qualified_people().filter(pk=facilitator.pk).exists():
            raise Refused(_("%(name)s does not hold a current Endorsement® that qualifies "
                            "them to provide reflective supervision/consultation.")
                          % {"name": facilitator.display_name}, field="facilitator")
        if GroupMember.objects.filter(group=group, person=facilitator).exists():
            raise Refused(_("%(name)s has a seat in this group. Remove their seat first.")
                          % {"name": facilitator.display_name}, field="facilitator")
    members = GroupMember.objects.filter(group=group).count()
    if fields.get("capacity", group.capacity) < members:
        raise Refused(ngettext(
            "The group has %(count)s member: give it at least as many seats, or remove "
            "members first.",
            "The group has %(count)s members: give it at least as many seats, or remove "
            "members first.", members) % {"count": members}, field="capacity")
    changed = {}
    for name, value in fields.items():
        old = getattr(group, name)
        if old != value:
            changed[name] = getattr(value, "pk", value)
            setattr(group, name, value)
    if changed:
        group.save(update_fields=list(changed))
        audit.record("consultation.group_changed", group, actor=actor,
                     **{f"{k}_id" if k == "facilitator" else k: v
                        for k, v in changed.items()})
    return group


@transaction.atomic
def add_session(group, *, actor, starts_at: dt.datetime, hours: Decimal) -> GroupSession:
    if timezone.is_naive(starts_at):
        raise Refused(_("The session's time needs a time zone."))
    session = GroupSession.objects.create(group=group, starts_at=starts_at, hours=hours)
    audit.record("consultation.session_added", group, actor=actor, session_id=session.pk,
                 starts_at=starts_at.isoformat(), hours=str(hours))
    return session


@transaction.atomic
def request_seat(group, *, person, other_access: bool, note: str = "") -> SeatRequest:
    if GroupMember.objects.filter(group=group, person=person).exists():
        raise Refused(_("You already have a seat in this group."))
    if person.pk == group.facilitator_id:
        raise Refused(_("You facilitate this group."))
    existing = SeatRequest.objects.select_for_update().filter(
        group=group, person=person, status=SeatRequest.Status.PENDING).first()
    if existing is not None:
        raise Refused(_("Your request for this group is already waiting for the coordinator."))
    seat = SeatRequest.objects.create(group=group, person=person, other_access=other_access,
                                      note=note)
    audit.record("consultation.seat_requested", group, actor=person, request_id=seat.pk,
                 other_access=other_access)
    return seat


def _locked_group(group_id) -> ConsultationGroup:
    return ConsultationGroup.objects.select_for_update().get(pk=group_id)


@transaction.atomic
def place(seat_request_id, *, actor) -> GroupMember:
    """Give the person a seat. The group row is locked first, so two coordinators placing the
    last seat at once cannot both succeed: the second is told the group is full."""
    seat = SeatRequest.objects.get(pk=seat_request_id)
    group = ConsultationGroup.objects.select_for_update(of=("self",)).select_related(
        "facilitator").get(pk=seat.group_id)
    seat = SeatRequest.objects.select_for_update(of=("self",)).select_related("person").get(
        pk=seat_request_id)
    if seat.status != SeatRequest.Status.PENDING:
        raise Refused(_("This request was already answered."))
    taken = GroupMember.objects.filter(group=group).count()
    if taken >= group.capacity:
        raise Refused(_("%(group)s is full: every seat is taken. Remove a member first, or "
                        "offer the person a seat in another group.") % {"group": group.name})
    member, _created = GroupMember.objects.get_or_create(
        group=group, person=seat.person, defaults={"placed_by": actor})
    seat.status, seat.decided_at, seat.decided_by = (SeatRequest.Status.PLACED, timezone.now(),
                                                     actor)
    seat.save(update_fields=["status", "decided_at", "decided_by"])
    audit.record("consultation.placed", group, actor=actor, request_id=seat.pk,
                 person_id=seat.person_id)
    _tell(seat, group, placed=True)
    return member


def _tell(seat, group, *, placed: bool) -> None:
    """The person hears the answer to their seat request (queued; sent after commit)."""
    url = (reverse("consultation:group", kwargs={"pk": group.pk}) if placed
           else reverse("consultation:groups"))
    queue_mail("consultation_seat_answer", seat.person.email, {
        "name": seat.person.display_name, "group_name": group.name,
        "facilitator": group.facilitator.display_name, "placed": placed, "url_path": url})


@transaction.atomic
def decline(seat_request_id, *, actor) -> SeatRequest:
    seat = (SeatRequest.objects.select_for_update(of=("self",))
            .select_related("group__facilitator", "person").get(pk=seat_request_id))
    if seat.status != SeatRequest.Status.PENDING:
        raise Refused(_("This request was already answered."))
    seat.status, seat.decided_at, seat.decided_by = (SeatRequest.Status.DECLINED,
                                                     timezone.now(), actor)
    seat.save(update_fields=["status", "decided_at", "decided_by"])
    audit.record("consultation.declined", seat.group, actor=actor, request_id=seat.pk,
                 person_id=seat.person_id)
    _tell(seat, seat.group, placed=False)
    return seat


@transaction.atomic
def remove_member(member_id, *, actor) -> None:
    """The seat goes; the confirmed sessions the person attended stay in their log."""
    member = GroupMember.objects.select_related("group").get(pk=member_id)
    _locked_group(member.group_id)
    audit.record("consultation.member_removed", member.group, actor=actor,
                 person_id=member.person_id)
    member.delete()


def roll_of(session: GroupSession) -> list[tuple[GroupMember, bool | None]]:
    """The current members with what the last roll said (None: not taken yet). Two queries."""
    members = list(GroupMember.objects.filter(group_id=session.group_id)
                   .select_related("person"))
    said = dict(Attendance.objects.filter(session=session).values_list("person_id", "present"))
    return [(m, said.get(m.person_id)) for m in members]


def _logs_for(user_ids) -> dict[int, int]:
    """Each person's evidence log id, made where missing: three queries whatever the size."""
    logs = dict(EvidenceLog.objects.filter(user_id__in=user_ids).values_list("user_id", "pk"))
    missing = [uid for uid in user_ids if uid not in logs]
    if missing:
        EvidenceLog.objects.bulk_create([EvidenceLog(user_id=uid) for uid in missing],
                                        ignore_conflicts=True)
        logs = dict(EvidenceLog.objects.filter(user_id__in=user_ids)
                    .values_list("user_id", "pk"))
    return logs


@transaction.atomic
def take_roll(session_id, *, actor, present_ids) -> dict:
    """Record who came to the session and credit their logs; returns counts.

    ``present_ids``: the user ids ticked present. Anyone ticked who is not a member is ignored.
    """
    session = GroupSession.objects.select_for_update().select_related(
        "group__facilitator").get(pk=session_id)
    group = session.group
    now = timezone.now()
    if session.starts_at > now:
        raise Refused(_("The roll can be taken once the session has begun."))
    day = timezone.localdate(session.starts_at)
    facilitator = group.facilitator
    endorsement = qualifying_endorsement(facilitator, day)
    if endorsement is None:
        raise Refused(_("The facilitator's Endorsement® was not current on %(day)s, so the "
                        "session cannot count as reflective supervision/consultation. Ask the "
                        "coordinator.") % {"day": day.isoformat()})
    member_ids = set(GroupMember.objects.filter(group=group).values_list("person_id", flat=True))
    # Nobody credits themselves: a coordinator who is a member is on someone else's roll.
    if actor.pk in {int(p) for p in present_ids}:
        raise Refused(_("You cannot mark your own attendance: the facilitator or another "
                        "coordinator takes the roll for you."))
    member_ids.discard(actor.pk)
    present = {int(p) for p in present_ids} & member_ids
    absent = member_ids - present
    source = session.source
    logs = _logs_for(sorted(member_ids))
    credited = set(RscSession.objects.filter(source=source, log_id__in=logs.values())
                   .values_list("log_id", flat=True))
    name = facilitator.display_name
    degree = highest_degree(facilitator, endorsement)
    new_rows = [RscSession(
        log_id=logs[uid], date=day, hours=session.hours, format="group", provider_name=name,
        provider_level=endorsement.category, provider_degree=degree, kind="rsc", source=source,
        confirmed_by=name, confirmed_at=now) for uid in sorted(present)
        if logs[uid] not in credited]
    RscSession.objects.bulk_create(new_rows, ignore_conflicts=True)
    taken_back, _rows = RscSession.objects.filter(
        source=source, log_id__in=[logs[uid] for uid in absent]).delete()
    Attendance.objects.filter(session=session, person_id__in=member_ids).delete()
    Attendance.objects.bulk_create([Attendance(session=session, person_id=uid,
                                               present=uid in present) for uid in member_ids])
    session.roll_taken_at, session.roll_taken_by = now, actor
    session.save(update_fields=["roll_taken_at", "roll_taken_by"])
    result = {"present": len(present), "absent": len(absent), "credited": len(new_rows),
              "taken_back": taken_back}
    audit.record("consultation.roll_taken", group, actor=actor, session_id=session.pk, **result)
    return result
