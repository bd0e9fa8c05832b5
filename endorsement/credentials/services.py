"""Creating Endorsement® records: one function, used by the decision and by hand entry."""
from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from endorsement import audit

from . import tasks
from .models import Endorsement, EndorsementStatus, RegistryListing
from .names import holder_name


def default_valid_through(issued_on: datetime.date) -> datetime.date:
    """December 31 of the year after ``issued_on``: no renewal is due in the calendar year of
    the first Endorsement® (issue 9), so the first renewal is due a year from that December."""
    return datetime.date(issued_on.year + 1, 12, 31)


def next_number(year: int) -> str:
    """A human-readable number, unique across the deployment: ``MASSAIMH-2026-00042``."""
    prefix = "".join(ch for ch in settings.ASSOCIATION_SHORT_NAME.upper() if ch.isalnum()) or "E"
    stem = f"{prefix}-{year}-"
    last = (Endorsement.objects.filter(number__startswith=stem)
            .order_by("-number").values_list("number", flat=True).first())
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{stem}{seq:05d}"


def record_endorsement(*, holder, program: str, category: str, issued_on: datetime.date,
                       rules_edition: str, actor, application=None,
                       valid_through: datetime.date | None = None,
                       ers: bool = False) -> Endorsement:
    """Create one Endorsement® record with a fresh number, audited, in the caller's transaction.

    Two decisions at once cannot take the same number: the unique constraint refuses the
    second and it takes the next one.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                endorsement = Endorsement.objects.create(
                    number=next_number(issued_on.year), holder=holder, program=program,
                    category=category, issued_on=issued_on,
                    valid_through=valid_through or default_valid_through(issued_on),
                    status=EndorsementStatus.ACTIVE, rules_edition=rules_edition, ers=ers,
                    application=application,
                    entered_by=None if application is not None else actor,
                )
        except IntegrityError:
            if application is not None and Endorsement.objects.filter(
                    application=application).exists():
                raise
            continue
        audit.record("endorsement.issued", endorsement, actor=actor, number=endorsement.number,
                     category=category, program=program,
                     application=application.pk if application is not None else None)
        issue_certificate(endorsement)
        return endorsement
    raise IntegrityError("could not allocate an Endorsement® number")


def current_endorsements(user):
    """The person's Endorsements® that are active today."""
    return Endorsement.objects.filter(holder=user, status=EndorsementStatus.ACTIVE)


def issue_certificate(endorsement: Endorsement) -> None:
    """Have the certificate made (again) once the current transaction commits.

    Called when an Endorsement® is issued, and (through signals) when its dates or its holder's
    name change; the task makes nothing when a certificate with the same content exists.
    """
    endorsement_id = endorsement.pk
    transaction.on_commit(lambda: tasks.render_certificate.delay(endorsement_id))


@transaction.atomic
def join_registry(holder, *, region: str, display_name: str = "") -> RegistryListing:
    """The holder chooses to appear in the public registry (or changes their name or region
    there). Without a name given, the name their certificates carry."""
    name = " ".join(display_name.split()) or holder_name(holder, or_email=False) or "—"
    words = name.split()
    listing, created = RegistryListing.objects.update_or_create(holder=holder, defaults={
        "region": region, "display_name": name,
        "sort_name": f"{words[-1]} {name}".casefold() if words else ""})
    audit.record("registry.joined" if created else "registry.changed", holder, actor=holder,
                 region=region, display_name=name)
    return listing


@transaction.atomic
def leave_registry(holder) -> bool:
    """The holder leaves the public registry; False when they were not in it."""
    deleted, _rows = RegistryListing.objects.filter(holder=holder).delete()
    if deleted:
        audit.record("registry.left", holder, actor=holder)
    return bool(deleted)


class StaleChange(Exception):
    """The Endorsement® changed since the coordinator's page was loaded."""


class NotAllowed(Exception):
    """The change does not apply to the Endorsement® in its current status."""


# Which status a coordinator may set from which: on leave and back, revoke (final). A lapsed
# Endorsement® comes back only through a new application.
STATUS_MOVES = {
    EndorsementStatus.ACTIVE: {EndorsementStatus.INACTIVE, EndorsementStatus.REVOKED},
    EndorsementStatus.INACTIVE: {EndorsementStatus.ACTIVE, EndorsementStatus.REVOKED},
    EndorsementStatus.LAPSED: {EndorsementStatus.REVOKED},
    EndorsementStatus.REVOKED: set(),
}


def version_of(endorsement: Endorsement) -> str:
    """What a coordinator's form carries to show which state of the record it was made on."""
    return endorsement.updated_at.isoformat()


def _locked(endorsement_id: int, seen: str) -> Endorsement:
    endorsement = Endorsement.objects.select_for_update().get(pk=endorsement_id)
    if version_of(endorsement) != seen:
        raise StaleChange
    return endorsement


@transaction.atomic
def change_status(endorsement_id: int, *, status: str, reason: str, actor,
                  seen: str) -> Endorsement:
    """A coordinator marks an Endorsement® inactive (on leave), active again, or revoked."""
    endorsement = _locked(endorsement_id, seen)
    if status not in STATUS_MOVES.get(endorsement.status, set()):
        raise NotAllowed
    old = endorsement.status
    endorsement.status = status
    endorsement.save(update_fields=["status", "updated_at"])
    audit.record("endorsement.status_changed", endorsement, actor=actor, old=old, new=status,
                 reason=reason)
    return endorsement


def renewed_valid_through(endorsement: Endorsement) -> datetime.date:
    """A renewal carries the Endorsement® to the December 31 after its current one."""
    return datetime.date(endorsement.valid_through.year + 1, 12, 31)


@transaction.atomic
def record_renewal(endorsement_id: int, *, actor, seen: str) -> Endorsement:
    """A coordinator records a renewal received and approved outside the system: the
    Endorsement® is valid through the next December 31 and its certificate is made again."""
    endorsement = _locked(endorsement_id, seen)
    if endorsement.status != EndorsementStatus.ACTIVE:
        raise NotAllowed
    old = endorsement.valid_through
    endorsement.valid_through = renewed_valid_through(endorsement)
    endorsement.save(update_fields=["valid_through", "updated_at"])  # remakes the certificate
    audit.record("endorsement.renewed", endorsement, actor=actor, old=old.isoformat(),
                 new=endorsement.valid_through.isoformat())
    return endorsement


def holder_renamed(user) -> None:
    """The person's name changed: their certificates are made again (after commit)."""
    for endorsement in Endorsement.objects.filter(holder=user).exclude(
            status=EndorsementStatus.REVOKED).only("pk"):
        issue_certificate(endorsement)


class MembershipStale(Exception):
    """The membership changed since the form was shown."""


def membership_version(membership) -> str:
    return membership.updated_at.isoformat() if membership and membership.updated_at else ""


def record_membership(person, *, number: str, valid_through, actor, association: str = "",
                      seen: str | None = None):
    """Record or correct the person's membership; the applications still open (not decided
    or withdrawn) read the same figures. ``seen`` (a staff form's version): refuse a stale
    submit."""
    from django.apps import apps

    from .models import Membership

    Application = apps.get_model("applicants", "Application")
    closed = ("endorsed", "not_endorsed", "withdrawn")
    with transaction.atomic():
        membership = (Membership.objects.select_for_update().filter(person=person).first()
                      or Membership(person=person))
        if seen is not None and seen != membership_version(
                membership if membership.pk else None):
            raise MembershipStale
        before = (membership.number, membership.association, membership.valid_through)
        membership.number = number.strip()
        membership.association = (association.strip() or membership.association
                                   or settings.ASSOCIATION_SHORT_NAME)
        membership.valid_through = valid_through
        membership.recorded_by = actor if actor is not None and actor.is_authenticated else None
        membership.save()
        if before != (membership.number, membership.association, membership.valid_through):
            audit.record("membership.recorded", membership, actor=actor,
                         number=membership.number, association=membership.association,
                         valid_through=valid_through.isoformat() if valid_through else "")
        Application.objects.filter(applicant=person).exclude(status__in=closed).update(
            membership_number=membership.number, membership_expires=valid_through)
    return membership
