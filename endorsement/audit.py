"""Recording audit events beside the change they describe."""
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

# What each action is called where staff read the history (other apps may add theirs).
ACTION_LABELS = {
    "application.advisor": _("Advisor linked or changed"),
    "application.fee": _("Fee status recorded"),
    "application.message": _("Message sent to the applicant"),
    "application.reviewer_assigned": _("Reviewer assigned"),
    "application.reviewer_unassigned": _("Reviewer removed"),
    "application.reviewer_conflict": _("Reviewer declared a conflict (or none)"),
    "application.review_submitted": _("Review submitted"),
    "application.signed": _("Agreement signed"),
    "application.started": _("Application started"),
    "application.status": _("Status changed"),
    "email.resent": _("Email sent again"),
    "application.note": _("Internal note written"),
    "endorsement.issued": _("Endorsement® issued"),
    "reference.declined": _("Rater declined"),
    "reference.draft_saved": _("Rater saved a draft"),
    "reference.endorsement_verified": _("Rater's Endorsement® verified"),
    "reference.expired": _("Rater's link expired"),
    "reference.link_extended": _("Rater's link extended"),
    "reference.link_resent": _("Rater's link sent again"),
    "reference.opened": _("Rater opened the link"),
    "reference.reminded": _("Rater reminded"),
    "reference.replaced": _("Rater replaced"),
    "reference.requested": _("Rating requested"),
    "reference.submitted": _("Rating submitted"),
    "reference.vetted": _("Vetting call recorded"),
    "reference.set_aside": _("Rating set aside (does not count)"),
    "application.erased": _("Application erased"),
    "application.profile_saved": _("Profile saved"),
    "endorsement.certificate_made": _("Certificate made"),
    "endorsement.renewed": _("Endorsement® renewed"),
    "endorsement.status_changed": _("Endorsement® status changed"),
    "exam.accommodation": _("Exam accommodation recorded"),
    "exam.enrolled": _("Enrolled in an exam sitting"),
    "exam.result": _("Exam result recorded"),
    "exam.scorer_assigned": _("Exam scorer assigned"),
    "exam.sitting_changed": _("Exam sitting changed"),
    "exam.sitting_created": _("Exam sitting created"),
    "exam.vignette_answers": _("Vignette answers saved"),
    "exam.vignette_scored": _("Vignette scored"),
    "exam.withdrawn": _("Withdrawn from an exam sitting"),
    "reference.corrected": _("Rater's details corrected"),
    "registry.joined": _("Joined the public registry"),
    "registry.left": _("Left the public registry"),
    "invitation.sent": _("Invitation sent"),
    "invitation.accepted": _("Invitation accepted"),
    "user.role_granted": _("Role granted"),
    "user.role_removed": _("Role removed"),
    "user.activated": _("Account reactivated"),
    "user.deactivated": _("Account deactivated"),
    "user.created_by_invitation": _("Account created from an invitation"),
    "user.claimed_by_invitation": _("Account claimed from an invitation"),
    "user.data_exported": _("Personal data downloaded"),
    "user.erased": _("Personal data erased"),
    "account.language_changed": _("Language changed"),
}



def record(action: str, subject, *, actor=None, actor_label: str = "", **detail) -> AuditEvent:
    """Write one audit event for ``subject``; call inside the change's transaction."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        detail=detail,
    )


def events_for(subject):
    return AuditEvent.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=subject.pk
    ).select_related("actor")
