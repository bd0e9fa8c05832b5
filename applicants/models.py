"""The Application and its status. Evidence models (degrees, training, work, RSC...) sit beside it."""
from django.conf import settings
from django.db import models


class Program(models.TextChoices):
    IMH_E = "IMH-E", "IMH-E® (infants and toddlers, birth to 36 months)"
    ECMH_E = "ECMH-E", "ECMH-E® (young children, 3 up to 6 years)"


class Category(models.TextChoices):
    """The level applied for, with the Mentor designation for level IV (the engine's codes)."""

    I = "I", "Level I – Family Associate"  # noqa: E741
    II = "II", "Level II – Family Specialist"
    III = "III", "Level III – Mental Health Specialist"
    IV_C = "IV-C", "Level IV – Mental Health Mentor, Clinical"
    IV_P = "IV-P", "Level IV – Mental Health Mentor, Policy"
    IV_RF = "IV-RF", "Level IV – Mental Health Mentor, Research/Faculty"


TRACK_BY_CATEGORY = {"IV-C": "clinical", "IV-P": "policy", "IV-RF": "research_faculty"}


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    EXAM = "exam", "Examination"
    RETURNED = "returned", "Returned for revision"
    ENDORSED = "endorsed", "Endorsed"
    NOT_ENDORSED = "not_endorsed", "Not endorsed"
    WITHDRAWN = "withdrawn", "Withdrawn"


EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


class Application(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    program = models.CharField(max_length=8, choices=Program.choices)
    category = models.CharField(max_length=6, choices=Category.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="advised_applications",
    )
    fee_paid = models.BooleanField(default=False)
    fee_recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.get_category_display()} ({self.program}) – {self.applicant}"

    @property
    def level(self) -> str:
        return self.category.split("-")[0]

    @property
    def track(self) -> str | None:
        return TRACK_BY_CATEGORY.get(self.category)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES
