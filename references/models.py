"""Reference requests: one per rater asked, reached through an emailed, hashed, expiring link."""
from django.conf import settings
from django.db import models

from applicants.models import Application


class RaterRole(models.TextChoices):
    """The rater's relationship to the applicant (CASES.md roles), in plain words."""

    SUPERVISOR = "supervisor", "My current program supervisor"
    TEACHER = "teacher", "A teacher, instructor or trainer of mine"
    CDA_MENTOR = "cda_mentor", "My CDA mentor"
    CONSULTANT = "consultant", "A consultant to my work"
    RSC_PROVIDER = (
        "rsc_provider", "The person who provides reflective supervision/consultation to me"
    )
    COLLEAGUE = "colleague", "A colleague"
    SERVICE_RECIPIENT = "service_recipient", "A parent or other person I have served"
    SUPERVISEE = "supervisee", "Someone I supervise or provide RSC to"
    STUDENT = "student", "A student I have taught or supervised"
    DEPARTMENT_CHAIR = "department_chair", "My department chair or supervisor (familiar with IMH)"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    OPENED = "opened", "Opened"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    REPLACED = "replaced", "Replaced"


class ReferenceRequest(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reference_requests"
    )
    rater_name = models.CharField(max_length=200)
    rater_email = models.EmailField()
    role = models.CharField(max_length=20, choices=RaterRole.choices)
    known_for = models.CharField("how long you have known each other", max_length=100)
    rater_endorsement = models.CharField(
        "the rater's Endorsement®, if any", max_length=6, blank=True,
        help_text="Level I, II, III or IV code; leave empty if the rater is not endorsed",
    )
    rater_endorsement_number = models.CharField(max_length=50, blank=True)
    waiver_signed_at = models.DateTimeField()
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
    vetted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.rater_name} for {self.application_id}"
