"""Reviewer assignments: a reviewer sees only the applications assigned to them."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.models import Application


class ReviewAssignment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="review_assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    # None until the reviewer declares; True = a conflict of interest (they do not review).
    conflict = models.BooleanField(null=True, default=None)
    conflict_note = models.TextField(blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} reviews {self.application_id}"


class InternalNote(models.Model):
    """A note on an application that only staff read; the applicant never sees or gets it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["application", "created_at"], name="note_app_idx")]

    def __str__(self):
        return self.body[:60]


class Recommendation(models.TextChoices):
    ENDORSE = "endorse", _("Endorse")
    EXAM = "exam", _("Approve to sit the exam")
    DEFER = "defer", _("Defer, with reasons")
    NOT_ENDORSE = "not_endorse", _("Do not endorse")


class Review(models.Model):
    """One reviewer's review of one submitted version: each competency area of the level met or
    not yet shown (with a comment), and an overall recommendation. A draft until submitted."""

    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE,
                                   related_name="reviews")
    version = models.PositiveIntegerField(help_text="the submitted version reviewed")
    # {area key: {"met": bool, "comment": str}}
    areas = models.JSONField(default=dict)
    recommendation = models.CharField(max_length=12, choices=Recommendation.choices)
    reasons = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["assignment", "version"],
                                               name="one_review_per_version")]

    def __str__(self):
        return f"Review by {self.assignment.reviewer_id} of {self.assignment.application_id}"
