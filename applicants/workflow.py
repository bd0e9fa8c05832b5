"""THE one function for every status change of an application, and the application's life as data.

Every move is a :class:`Move` in :data:`MOVES` (its button's words and who may make it);
anything else raises :class:`TransitionError`. Apps further out add their own checks and effects
with :func:`register_check` / :func:`register_effect` in their ``AppConfig.ready()`` (this app
never imports them). A change runs its checks, is saved with its event, audit record, effects
and emails in one transaction, under a row lock, so two requests cannot both move the same
application; a check or effect that raises rolls the whole move back (never swallowed).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from endorsement import audit
from endorsement.mail import queue_mail
from endorsement.models import Role

from .models import Application, ApplicationEvent, Status, SubmissionVersion

APPLICANT, COORDINATOR, SYSTEM = "applicant", "coordinator", "system"


@dataclass(frozen=True)
class Move:
    """One allowed status change: from ``source`` to ``target``, made by ``actor``
    ("applicant", "coordinator", or "system": code, or a coordinator acting for it);
    ``label`` is the button's words."""

    source: str
    target: str
    label: str
    actor: str


MOVES: tuple[Move, ...] = (
    Move(Status.DRAFT, Status.SUBMITTED, gettext_lazy("Submit the application"), APPLICANT),
    Move(Status.RETURNED, Status.SUBMITTED, gettext_lazy("Submit the application again"),
         APPLICANT),
    Move(Status.DEFERRED, Status.SUBMITTED, gettext_lazy("Submit the amended application"),
         APPLICANT),
    Move(Status.DRAFT, Status.WITHDRAWN, gettext_lazy("Withdraw the application"), APPLICANT),
    Move(Status.SUBMITTED, Status.IN_REVIEW, gettext_lazy("Start the review"), COORDINATOR),
    Move(Status.SUBMITTED, Status.RETURNED, gettext_lazy("Return for revision"), COORDINATOR),
    Move(Status.IN_REVIEW, Status.RETURNED, gettext_lazy("Return for revision"), COORDINATOR),
    Move(Status.IN_REVIEW, Status.APPROVED_FOR_EXAM, gettext_lazy("Approve to sit the exam"),
         COORDINATOR),
    Move(Status.IN_REVIEW, Status.EXAM, gettext_lazy("Move to the examination"), COORDINATOR),
    Move(Status.APPROVED_FOR_EXAM, Status.EXAM, gettext_lazy("Enrol in the examination"),
         COORDINATOR),
    Move(Status.EXAM, Status.AWAITING_DECISION, gettext_lazy("Examination finished"), SYSTEM),
    # A candidate who did not pass sits again, within the edition's retake rule (reviews.exams).
    Move(Status.AWAITING_DECISION, Status.EXAM, gettext_lazy("Enrol in a retake"), COORDINATOR),
    Move(Status.IN_REVIEW, Status.ENDORSED, gettext_lazy("Endorse"), COORDINATOR),
    Move(Status.AWAITING_DECISION, Status.ENDORSED, gettext_lazy("Endorse"), COORDINATOR),
    Move(Status.EXAM, Status.ENDORSED, gettext_lazy("Endorse"), COORDINATOR),
    Move(Status.IN_REVIEW, Status.NOT_ENDORSED, gettext_lazy("Do not endorse"), COORDINATOR),
    Move(Status.AWAITING_DECISION, Status.NOT_ENDORSED, gettext_lazy("Do not endorse"),
         COORDINATOR),
    Move(Status.EXAM, Status.NOT_ENDORSED, gettext_lazy("Do not endorse"), COORDINATOR),
    Move(Status.IN_REVIEW, Status.DEFERRED, gettext_lazy("Defer, with reasons"), COORDINATOR),
    Move(Status.AWAITING_DECISION, Status.DEFERRED, gettext_lazy("Defer, with reasons"),
         COORDINATOR),
)
MOVES_BY_KEY: dict[tuple[str, str], Move] = {(m.source, m.target): m for m in MOVES}
# (from, to) -> who may make the move (kept for the callers that read the table this way).
TRANSITIONS: dict[tuple[str, str], str] = {key: m.actor for key, m in MOVES_BY_KEY.items()}
EXAM_LEVELS = ("III", "IV")
# Moves whose note is sent to the applicant as the reasons: it must not be empty.
REASONS_REQUIRED = (Status.RETURNED, Status.DEFERRED, Status.NOT_ENDORSED)

# Emails to the applicant: status -> template under templates/emails/.
APPLICANT_MAIL = {Status.SUBMITTED: "applicants_submitted", Status.RETURNED: "applicants_returned",
                  Status.DEFERRED: "applicants_deferred",
                  Status.NOT_ENDORSED: "applicants_not_endorsed"}


class TransitionError(Exception):
    """A status change that is not allowed; the message says why in plain words."""


Check = Callable[..., None]    # fn(application, *, actor, note) -> None; raise TransitionError
Effect = Callable[..., None]   # fn(application, *, actor, from_status, note) -> None
_checks: dict[object, list[Check]] = defaultdict(list)
_effects: dict[object, list[Effect]] = defaultdict(list)


def _key(target) -> object:
    """A hook key: a status (any move to it) or a (source, target) pair (that move only)."""
    if isinstance(target, tuple):
        source, to = target
        return (str(source), str(to))
    return str(target)


def register_check(target, fn: Check) -> Check:
    """Run ``fn(application, *, actor, note)`` before every move to ``target`` (a status, or a
    ``(source, target)`` pair); it vetoes the move by raising :class:`TransitionError`.
    ``note`` is None when a page only asks whether the move would be refused (:func:`refusal`).
    Registering the same function twice has no further effect."""
    hooks = _checks[_key(target)]
    if fn not in hooks:
        hooks.append(fn)
    return fn


def register_effect(target, fn: Effect) -> Effect:
    """Run ``fn(application, *, actor, from_status, note)`` after every move to ``target``,
    inside the move's transaction (an exception rolls the move back)."""
    hooks = _effects[_key(target)]
    if fn not in hooks:
        hooks.append(fn)
    return fn


def unregister(target, fn) -> None:
    """Remove a hook (for tests)."""
    for registry in (_checks, _effects):
        hooks = registry.get(_key(target), [])
        if fn in hooks:
            hooks.remove(fn)


def _hooks(registry, source, target) -> list:
    return [*registry.get(str(target), []), *registry.get((str(source), str(target)), [])]


def moves_from(status: str) -> list[Move]:
    return [m for m in MOVES if m.source == status]


def allowed_moves(application: Application, actor) -> list[str]:
    """The statuses ``actor`` may move ``application`` to now (for showing buttons)."""
    return [m.target for m in moves_from(application.status)
            if _check(application, m.target, actor, raise_error=False)]


def allowed(application: Application, actor) -> list[Move]:
    """The moves (with their labels) ``actor`` may make now."""
    return [m for m in moves_from(application.status)
            if _check(application, m.target, actor, raise_error=False)]


def refusal(application: Application, to_status: str, *, actor) -> str | None:
    """Why moving to ``to_status`` now would be refused (every check and hook run; the reasons
    a deferral needs are not asked for here, they are typed with the decision), or None."""
    try:
        with transaction.atomic():
            _check(application, to_status, actor, note=None)
    except TransitionError as error:
        return str(error)
    return None


def _may_act(application: Application, who: str, actor) -> bool:
    if who == SYSTEM and actor is None:
        return True
    if actor is None or not actor.is_authenticated:
        return False
    if who == APPLICANT:
        return actor.pk == application.applicant_id
    # No one decides on their own application, not even a coordinator.
    return actor.has_role(Role.COORDINATOR) and actor.pk != application.applicant_id


def _label(status) -> str:
    return str(Status(status).label) if status in Status.values else str(status)


def _check(application, to_status, actor, *, raise_error=True, note="") -> bool:
    def fail(message):
        if raise_error:
            raise TransitionError(message)
        return False

    frm = application.status
    move = MOVES_BY_KEY.get((frm, to_status))
    if move is None:
        return fail(_("An application that is “%(from)s” cannot be moved to “%(to)s”.")
                    % {"from": _label(frm), "to": _label(to_status)})
    if not _may_act(application, move.actor, actor):
        if move.actor == APPLICANT:
            only = _("Only the applicant may move an application from “%(from)s” to “%(to)s”.")
        else:
            only = _("Only the Endorsement Coordinator may move an application from “%(from)s” "
                     "to “%(to)s”.")
        return fail(only % {"from": _label(frm), "to": _label(to_status)})
    if to_status in (Status.EXAM, Status.APPROVED_FOR_EXAM) \
            and application.level not in EXAM_LEVELS:
        return fail(_("Only Level III and Level IV applications take the written examination."))
    if not raise_error:
        return True
    if to_status in REASONS_REQUIRED and note is not None and not note.strip():
        return fail(_("Write the reasons: they are sent to the applicant."))
    if to_status == Status.SUBMITTED:
        from .services import submission_blockers

        blockers = submission_blockers(application)
        if blockers:
            return fail(_("The application is not ready to submit: %(problems)s") % {
                "problems": "; ".join(f"{b.title}: {b.message}" for b in blockers)})
    if to_status == Status.ENDORSED:
        _endorsable(application)
    for hook in _hooks(_checks, frm, to_status):
        hook(application, actor=actor, note=note)
    return True


def _endorsable(application: Application) -> None:
    """Endorsed only when the rules say so: the engine's verdict under the application's own
    rules edition, with every registered case part (the exam result)."""
    from .case import checklist

    verdict = checklist(application)
    refs = next((r for r in verdict["requirements"] if r["id"] == "references"), None)
    if refs and refs["applies"] and not refs["met"]:
        raise TransitionError(_("The reference ratings are not complete yet: %(detail)s")
                              % {"detail": refs["detail"]})
    if not verdict["eligible"]:
        unmet = [f"{r['title']}: {r['detail']}" for r in verdict["requirements"]
                 if r["applies"] and not r["met"]]
        raise TransitionError(_("The rules do not allow endorsing this application yet: "
                                "%(problems)s") % {"problems": "; ".join(unmet)})


def _keep_version(application: Application, actor) -> None:
    number = (application.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    SubmissionVersion.objects.create(application=application, number=number,
                                     submitted_at=application.submitted_at,
                                     submitted_by=actor, snapshot=application.snapshot)


def transition(application: Application, to_status: str, *, actor, note: str = "") -> Application:
    """Move ``application`` to ``to_status`` as ``actor``; raises :class:`TransitionError`."""
    note = (note or "").strip()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        _check(locked, to_status, actor, note=note)
        from_status = locked.status
        locked.status = to_status
        fields = ["status", "updated_at"]
        if to_status == Status.SUBMITTED:
            from .services import take_snapshot

            locked.submitted_at = timezone.now()
            locked.snapshot = take_snapshot(locked)
            fields += ["submitted_at", "snapshot"]
        locked.save(update_fields=fields)
        if to_status == Status.SUBMITTED:
            _keep_version(locked, actor)
        ApplicationEvent.objects.create(application=locked, actor=actor, from_status=from_status,
                                        to_status=to_status, note=note)
        audit.record("application.status", locked, actor=actor, from_status=from_status,
                     to_status=to_status, note=note)
        for hook in _hooks(_effects, from_status, to_status):
            hook(locked, actor=actor, from_status=from_status, note=note)
        template = APPLICANT_MAIL.get(to_status)
        if template:
            queue_mail(template, locked.applicant.email, {
                "name": locked.applicant.display_name,
                "category": locked.get_category_display(),
                "program": locked.program,
                "note": note,
                "url_path": reverse("applicants:application", args=[locked.pk]),
                "resubmission": from_status in (Status.RETURNED, Status.DEFERRED),
            }, about=locked)
    for name in ("status", "submitted_at", "snapshot", "updated_at"):
        setattr(application, name, getattr(locked, name))
    application.__dict__.pop("_dossier", None)
    return application
