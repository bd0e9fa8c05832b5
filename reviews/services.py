"""The coordinator's actions on an application. One function per change; each is
transactional, audited, and mails the applicant after commit where they should know."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from applicants.models import Application, CoordinatorMessage, Status
from applicants.workflow import transition
from endorsement import audit
from endorsement.mail import queue_mail
from endorsement.models import Role, User, with_role

from .models import ReviewAssignment

RETRY_WINDOW = timedelta(minutes=10)


class ReviewError(Exception):
    """An action the coordinator cannot take now; the message says why."""


def record_fee(application: Application, *, paid: bool, actor) -> Application:
    """Record whether the processing fee has been received."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.fee_paid == paid:
            return locked
        locked.fee_paid = paid
        locked.fee_recorded_at = timezone.now()
        locked.save(update_fields=["fee_paid", "fee_recorded_at", "updated_at"])
        audit.record("application.fee", locked, actor=actor, paid=paid)
    return locked


def send_message(application: Application, *, body: str, actor) -> CoordinatorMessage:
    """A message from the coordinator, shown on the applicant's pages and emailed to them."""
    body = body.strip()
    if not body:
        raise ReviewError(_("Write the message first."))
    with transaction.atomic():
        # A retried POST (the answer never arrived, the person pressed again) sends nothing
        # twice: the same words to the same application within a few minutes are one message.
        Application.objects.select_for_update().filter(pk=application.pk).first()
        repeat = CoordinatorMessage.objects.filter(
            application=application, author=actor, body=body,
            created_at__gte=timezone.now() - RETRY_WINDOW).first()
        if repeat is not None:
            return repeat
        message = CoordinatorMessage.objects.create(
            application=application, author=actor, body=body
        )
        audit.record("application.message", application, actor=actor, message_id=message.pk)
        queue_mail("reviews_message", application.applicant.email, {
            "name": application.applicant.display_name,
            "category": lazy(application.get_category_display, str)(),
            "body": body,
            "url_path": f"/apply/{application.pk}/",
        }, about=application)
    return message


def return_for_revision(application: Application, *, message: str, actor) -> Application:
    """Send the application back to the applicant with what to revise."""
    message = message.strip()
    if not message:
        raise ReviewError(_("Say what the applicant should revise: it is sent to them."))
    with transaction.atomic():
        CoordinatorMessage.objects.create(application=application, author=actor, body=message)
        return transition(application, Status.RETURNED, actor=actor, note=message)


def start_review(application: Application, *, actor) -> Application:
    return transition(application, Status.IN_REVIEW, actor=actor)


def reviewers():
    return (User.objects.filter(with_role(Role.REVIEWER), is_active=True)
            .order_by("last_name", "email"))


def assign_reviewer(application: Application, reviewer: User, *, actor) -> ReviewAssignment:
    """Give ``reviewer`` access to ``application``; assigning twice changes nothing."""
    if not reviewer.has_role(Role.REVIEWER):
        raise ReviewError(_("%(name)s is not a reviewer.") % {"name": reviewer.display_name})
    if reviewer.pk == application.applicant_id:
        raise ReviewError(_("%(name)s cannot review their own application.")
                          % {"name": reviewer.display_name})
    if application.status in (Status.DRAFT, Status.WITHDRAWN):
        raise ReviewError(_("Only a submitted application can be reviewed."))
    from .reviewing import check_qualified

    check_qualified(application, reviewer)
    with transaction.atomic():
        assignment, created = ReviewAssignment.objects.get_or_create(
            application=application, reviewer=reviewer, defaults={"assigned_by": actor}
        )
        if created:
            audit.record("application.reviewer_assigned", application, actor=actor,
                         reviewer_id=reviewer.pk)
            queue_mail("reviews_assigned", reviewer.email, {
                "name": reviewer.display_name,
                "category": lazy(application.get_category_display, str)(),
                "url_path": "/coordinator/assigned/",
            }, about=application)
    return assignment


def advisors():
    return (User.objects.filter(with_role(Role.ADVISOR), is_active=True)
            .order_by("last_name", "email"))


def link_advisor(application: Application, advisor: User | None, *, actor) -> Application:
    """Link the Endorsement Advisor who guides this applicant (read-only access), or unlink."""
    if advisor is not None and not advisor.has_role(Role.ADVISOR):
        raise ReviewError(_("%(name)s is not an Endorsement Advisor.")
                          % {"name": advisor.display_name})
    if advisor is not None:
        from endorsement.people.services import PeopleError, check_endorsement

        try:  # advisors hold a current Endorsement® at Level II-IV (checked, not typed)
            check_endorsement(advisor, Role.ADVISOR)
        except PeopleError as exc:
            raise ReviewError(str(exc)) from exc
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.advisor_id == (advisor.pk if advisor else None):
            return locked
        audit.record("application.advisor", locked, actor=actor, previous=locked.advisor_id,
                     advisor_id=advisor.pk if advisor else None)
        locked.advisor = advisor
        locked.save(update_fields=["advisor", "updated_at"])
        if advisor is not None:
            queue_mail("reviews_advisor_linked", advisor.email, {
                "name": advisor.display_name,
                "applicant": locked.applicant.display_name,
                "category": lazy(locked.get_category_display, str)(),
                "url_path": "/apply/advised/",
            }, about=locked)
    return locked


def unassign_reviewer(assignment: ReviewAssignment, *, actor) -> None:
    if ReviewAssignment.objects.filter(pk=assignment.pk, conflict=True).exists():
        # Removing it would forget the declaration and offer the reviewer again.
        raise ReviewError(_("%(name)s declared a conflict of interest: the declaration stays on "
                            "record and they do not see the application.")
                          % {"name": assignment.reviewer.display_name})
    with transaction.atomic():
        audit.record("application.reviewer_unassigned", assignment.application, actor=actor,
                     reviewer_id=assignment.reviewer_id)
        assignment.delete()


def assign_reviewer_to_many(applications, reviewer: User, *, actor):
    """Assign ``reviewer`` to each application; returns (done, [(application, reason)]).

    Each assignment is its own transaction: one refusal does not undo the others."""
    done, refused = [], []
    for application in applications:
        if application.applicant_id == actor.pk:
            refused.append((application, _("you do not manage your own application.")))
            continue
        try:
            assign_reviewer(application, reviewer, actor=actor)
        except ReviewError as exc:
            refused.append((application, str(exc)))
        else:
            done.append(application)
    return done, refused


def add_note(application: Application, *, body: str, actor):
    """A note only staff read: never shown or emailed to the applicant."""
    from .models import InternalNote

    body = body.strip()
    if not body:
        raise ReviewError(_("Write the note first."))
    with transaction.atomic():
        note = InternalNote.objects.create(application=application, author=actor, body=body)
        audit.record("application.note", application, actor=actor, note_id=note.pk)
    return note
