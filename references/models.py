"""Reference requests: one per rater asked, reached through an emailed, hashed, expiring link."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.models import Application


class RaterRole(models.TextChoices):
    """The rater's relationship to the applicant (CASES.md roles), in plain words."""

    SUPERVISOR = "supervisor", _("My current program supervisor")
    TEACHER = "teacher", _("A teacher, instructor or trainer of mine")
    CDA_MENTOR = "cda_mentor", _("My CDA mentor")
    CONSULTANT = "consultant", _("A consultant to my work")
    RSC_PROVIDER = (
        "rsc_provider", _("The person who provides reflective supervision/consultation to me")
    )
    COLLEAGUE = "colleague", _("A colleague")
    SERVICE_RECIPIENT = "service_recipient", _("A parent or other person I have served")
    SUPERVISEE = "supervisee", _("Someone I supervise or provide RSC to")
    STUDENT = "student", _("A student I have taught or supervised")
    DEPARTMENT_CHAIR = "department_chair", _(
        "My department chair or supervisor (familiar with IMH)")


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    OPENED = "opened", _("Opened")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")
    SET_ASIDE = "set_aside", _("Set aside (does not count)")


class ReferenceRequest(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reference_requests"
    )
    rater_name = models.CharField(max_length=200)
    rater_email = models.EmailField()
    role = models.CharField(max_length=20, choices=RaterRole.choices)
    known_for = models.CharField(_("how long you have known each other"), max_length=100)
    rater_endorsement = models.CharField(
        _("the rater's Endorsement®, if any"), max_length=6, blank=True,
        help_text=_("Level I, II, III or IV code; leave empty if the rater is not endorsed"),
    )
    rater_endorsement_number = models.CharField(max_length=50, blank=True)
    # The language of the rater's emails and pages: the applicant chooses it (their own by
    # default) and the rater may change it on their pages.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    waiver_signed_at = models.DateTimeField()
    waiver_signed_name = models.CharField(
        _("name typed to sign the waiver"), max_length=200, blank=True
    )
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    token_hash = models.CharField(max_length=64, unique=True)
    token_expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    endorsement_verified = models.BooleanField(default=False)
    # What the coordinator found, kept beside what the applicant said (rater_endorsement).
    verified_level = models.CharField(max_length=6, blank=True)
    verified_number = models.CharField(max_length=50, blank=True)
    verification_source = models.CharField(max_length=200, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    set_aside_reason = models.TextField(blank=True)
    vetted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # "References needing attention": declined/expired and soon-expiring links; the
            # application (and for "to verify" the status) in the index, so each tab's total
            # is counted on the indexes alone (with the active-application index of migration
            # 0008): ~20 ms, not 0.1-0.6 s, at 100,000 applications.
            models.Index(fields=["status", "token_expires_at"], name="ref_status_expiry_idx",
                         include=["application"]),
            models.Index(fields=["application"], name="ref_to_verify_idx",
                         include=["status"],
                         condition=models.Q(endorsement_verified=False)
                         & ~models.Q(rater_endorsement="")),
        ]

    def __str__(self):
        return f"{self.rater_name} for {self.application_id}"


class Score(models.TextChoices):
    """How the rater rates the applicant on one competency area."""

    NOT_YET = "1", _("1 – Not yet demonstrated")
    SOMETIMES = "2", _("2 – Sometimes demonstrates")
    USUALLY = "3", _("3 – Usually demonstrates")
    CONSISTENTLY = "4", _("4 – Consistently demonstrates")
    NOT_ENOUGH_INFO = "na", _("Not enough information to rate")


class Recommendation(models.TextChoices):
    RECOMMEND = "recommend", _("I recommend this applicant")
    RESERVATIONS = "reservations", _("I recommend this applicant with reservations")
    DO_NOT = "do_not_recommend", _("I do not recommend this applicant")


class ReferenceRating(models.Model):
    """The rater's answers: a draft until submitted_at is set, then final. One per request."""

    request = models.OneToOneField(
        ReferenceRequest, on_delete=models.CASCADE, related_name="rating"
    )
    scores = models.JSONField(default=dict, blank=True, help_text="competency area key -> Score")
    comments = models.TextField(blank=True)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    rater_endorsement = models.CharField(max_length=6, blank=True)
    rater_endorsement_number = models.CharField(max_length=50, blank=True)
    not_enough_info_count = models.PositiveSmallIntegerField(default=0)
    flagged = models.BooleanField(
        default=False, help_text="too many 'not enough information' answers; the coordinator looks"
    )
    saved_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["request"], name="rating_flagged_idx",
                                condition=models.Q(flagged=True))]

    def __str__(self):
        return f"Rating for request {self.request_id}"

    @property
    def is_final(self) -> bool:
        return self.submitted_at is not None


class VettingOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted as a rater")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class RaterVetting(models.Model):
    """The coordinator's phone call with a rater who is not endorsed (REQUIREMENTS §5.2)."""

    request = models.ForeignKey(
        ReferenceRequest, on_delete=models.CASCADE, related_name="vettings"
    )
    call_date = models.DateField(_("date of the call"))
    has_guidelines_copy = models.BooleanField(_("has a copy of the Competency Guidelines"))
    familiar = models.BooleanField(_("familiar enough with the Guidelines to rate"))
    outcome = models.CharField(max_length=20, choices=VettingOutcome.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self):
        return f"Vetting of request {self.request_id}: {self.outcome}"


class RetiredLink(models.Model):
    """The hash of a link that a newer one replaced, so an old email gets a clear page."""

    request = models.ForeignKey(
        ReferenceRequest, on_delete=models.CASCADE, related_name="retired_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    retired_at = models.DateTimeField(auto_now_add=True)
    withdrawn = models.BooleanField(
        default=False, help_text="closed because the address was corrected, not re-sent")

    def __str__(self):
        return f"Retired link of request {self.request_id}"
