"""People and their roles: one function per change, transactional and audited."""
from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from endorsement.audit import record
from endorsement.credentials.models import Endorsement, EndorsementStatus
from endorsement.mail import queue_mail
from endorsement.models import Invitation, Role, RoleGrant, User

STAFF_ROLES = (Role.REVIEWER, Role.ADVISOR, Role.COORDINATOR)
# The Endorsement® the work needs (DESIGN.md: reviewers are endorsed at Level III/IV,
# advisors at Level II-IV); coordinators are association staff and need none.
ROLE_CATEGORIES = {
    Role.REVIEWER: ("III", "IV-C", "IV-P", "IV-RF"),
    Role.ADVISOR: ("II", "III", "IV-C", "IV-P", "IV-RF"),
}
ROLE_LEVEL_TEXT = {Role.REVIEWER: gettext_lazy("III or IV"),
                   Role.ADVISOR: gettext_lazy("II, III or IV")}

# Outer apps register what they count for a person's workload: f(user_ids) -> {id: {label: n}}.
WORKLOAD: list[Callable[[list[int]], dict[int, dict[str, int]]]] = []


class PeopleError(Exception):
    """A change that cannot be made, with a message for the person who asked."""


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def holds_endorsement_for(user: User, role: str) -> bool:
    categories = ROLE_CATEGORIES.get(role)
    if categories is None:
        return True
    return Endorsement.objects.filter(
        holder=user, status=EndorsementStatus.ACTIVE, category__in=categories,
        valid_through__gte=timezone.localdate()).exists()


def check_endorsement(user: User, role: str) -> None:
    if not holds_endorsement_for(user, role):
        raise PeopleError(_("%(name)s does not hold a current Endorsement® at Level %(levels)s, "
                            "which a %(role)s needs.") % {
            "name": user.display_name, "levels": ROLE_LEVEL_TEXT[role],
            "role": Role(role).label.lower()})


def _sync_roles(user: User) -> None:
    current = sorted(RoleGrant.objects.filter(user=user, removed_at__isnull=True)
                     .values_list("role", flat=True))
    user.roles = f",{','.join(current)}," if current else ""
    user.save(update_fields=["roles"])


def grant_role(user: User, role: str, *, actor) -> RoleGrant:
    """Give ``user`` the role ``role`` (granting a held role again changes nothing)."""
    if role not in Role.values:
        raise PeopleError(_("No such role."))
    check_endorsement(user, role)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        existing = RoleGrant.objects.filter(user=user, role=role, removed_at__isnull=True).first()
        if existing:
            return existing
        grant = RoleGrant.objects.create(user=user, role=role, granted_by=actor,
                                         granted_at=timezone.now())
        _sync_roles(user)
        record("user.role_granted", user, actor=actor, role=role)
        return grant


def remove_role(user: User, role: str, *, actor) -> None:
    """Take ``role`` away from ``user``; their primary role falls back to one still held."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        changed = RoleGrant.objects.filter(user=user, role=role, removed_at__isnull=True).update(
            removed_by=actor, removed_at=timezone.now())
        if not changed and user.role != role:
            return
        if user.pk == getattr(actor, "pk", None) and role == Role.COORDINATOR:
            raise PeopleError(_("You cannot remove your own coordinator role."))
        _sync_roles(user)
        if user.role == role:
            held = [r for r in (Role.COORDINATOR, Role.REVIEWER, Role.ADVISOR, Role.PARTNER)
                    if f",{r}," in user.roles]
            user.role = held[0] if held else Role.APPLICANT
            user.save(update_fields=["role"])
        if role == Role.COORDINATOR and user.is_staff and not user.is_superuser:
            user.is_staff = False  # no more admin site either
            user.save(update_fields=["is_staff"])
        record("user.role_removed", user, actor=actor, role=role)


def set_active(user: User, active: bool, *, actor) -> User:
    """Deactivate (no sign-in; history, grants and records kept) or reactivate an account."""
    if user.pk == getattr(actor, "pk", None):
        raise PeopleError(_("You cannot deactivate your own account."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            return user
        user.is_active = active
        user.save(update_fields=["is_active"])
        record("user.activated" if active else "user.deactivated", user, actor=actor)
    return user


def invitation_days() -> int:
    return getattr(settings, "INVITATION_DAYS", 14)


def invite(email: str, role: str, *, actor) -> tuple[Invitation, str]:
    """Email ``email`` a link to take ``role``; returns the invitation and the raw token."""
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise PeopleError(_("Invite a reviewer, an Endorsement Advisor, a coordinator or a "
                            "training partner."))
    existing = User.objects.filter(email__iexact=email).first()
    # An account made for someone (moved in from the old system) is claimed through an
    # invitation to the applicant role: the endorsed professional's own.
    claim = existing is not None and not existing.has_usable_password()
    if role == Role.APPLICANT and not claim:
        raise PeopleError(_("Only an account made for someone is claimed this way."))
    if existing is None and role in ROLE_CATEGORIES:
        raise PeopleError(_("No account with this email holds an Endorsement®: a %(role)s needs "
                            "a current one at Level %(levels)s. Record their Endorsement® "
                            "first.") % {"role": Role(role).label.lower(),
                                         "levels": ROLE_LEVEL_TEXT[role]})
    if existing is not None:
        if not existing.is_active:
            raise PeopleError(_("%(email)s's account is deactivated: reactivate it first.")
                              % {"email": email})
        if existing.has_role(role) and not claim:
            raise PeopleError(_("%(name)s is already a %(role)s.") % {
                "name": existing.display_name, "role": Role(role).label.lower()})
        check_endorsement(existing, role)
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email, role=role, token_hash=_hash(raw), invited_by=actor,
            expires_at=timezone.now() + datetime.timedelta(days=invitation_days()))
        record("invitation.sent", invitation, actor=actor, email=email, role=role)
        queue_mail("people_invitation", email, {
            "role": Role(role).label, "inviter": actor.display_name if actor else "",
            "url_path": reverse("people:accept", args=[raw]), "days": invitation_days(),
            "claim": role == Role.APPLICANT,
        })
    return invitation, raw


def find_invitation(raw: str) -> tuple[Invitation | None, str]:
    """The invitation for a link and its state: "open", "used", "expired" or "unknown"."""
    if not raw or len(raw) > 100:
        return None, "unknown"
    invitation = Invitation.objects.filter(token_hash=_hash(raw)).first()
    if invitation is None:
        return None, "unknown"
    if invitation.accepted_at is not None:
        return invitation, "used"
    if invitation.expires_at <= timezone.now():
        return invitation, "expired"
    return invitation, "open"


def accept(invitation: Invitation, *, user: User | None = None, first_name: str = "",
           last_name: str = "", password: str = "") -> User:
    """Take up the invitation: attach the role to ``user`` (signed in with the invited email)
    or create the account. The link works once."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None or locked.expires_at <= timezone.now():
            raise PeopleError(_("This invitation has already been used or has expired."))
        if user is None:
            user = User.objects.filter(email__iexact=locked.email).first()
            if user is not None and user.has_usable_password():
                raise PeopleError(_("An account with this email exists: sign in to accept."))
            if user is None:
                user = User.objects.create_user(locked.email, password, first_name=first_name,
                                                last_name=last_name, role=locked.role)
                record("user.created_by_invitation", user, actor=user, invitation=locked.pk)
            else:  # an account made for them (moved in from the old system): they claim it
                user.set_password(password)
                user.first_name = first_name or user.first_name
                user.last_name = last_name or user.last_name
                user.save()
                record("user.claimed_by_invitation", user, actor=user, invitation=locked.pk)
            # The link reached this address: it is verified.
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True})
        elif user.email.lower() != locked.email.lower():
            raise PeopleError(_("This invitation is for another email address."))
        check_endorsement(user, locked.role)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        record("invitation.accepted", locked, actor=user)
        grant_role(user, locked.role, actor=locked.invited_by)
        user.refresh_from_db()
    return user


def workload(user_ids: list[int]) -> dict[int, dict[str, int]]:
    totals: dict[int, dict[str, int]] = {pk: {} for pk in user_ids}
    for hook in WORKLOAD:
        for pk, counts in hook(user_ids).items():
            totals.setdefault(pk, {}).update(counts)
    return totals
