"""The written examination (levels III and IV): sittings, the candidates enrolled in them, and
the blind scores two reviewers give each candidate's vignette answers."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, Program

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class ExamSitting(models.Model):
    """One sitting of a program's exam (IMH-E® and ECMH-E® have separate multiple-choice
    exams), with a place and a number of seats."""

    program = models.CharField(_("program"), max_length=8, choices=Program.choices)
    starts_at = models.DateTimeField(_("date and time"))
    mode = models.CharField(_("online or in person"), max_length=10, choices=Mode.choices,
                            default=Mode.IN_PERSON)
    place = models.CharField(
        _("place"), max_length=200,
        help_text=_("The address, or for an online sitting how candidates join."))
    capacity = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)])
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["program", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(capacity__gte=1),
                                              name="exam_sitting_has_seats")]

    def __str__(self):
        return f"{self.program} {self.starts_at:%Y-%m-%d %H:%M}"


class Result(models.TextChoices):
    PENDING = "pending", _("Waiting for scores")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")


class ExamEnrolment(models.Model):
    """A candidate (an application approved to sit the exam) in one sitting, and their result.

    Scorers of the vignettes see only ``candidate_code``, never the name."""

    sitting = models.ForeignKey(ExamSitting, on_delete=models.PROTECT, related_name="enrolments")
    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="exam_enrolments")
    candidate_code = models.CharField(max_length=12, unique=True)
    rules_edition = models.CharField(max_length=40)
    accommodation = models.TextField(_("accommodation"), blank=True)
    accommodation_requested_on = models.DateField(null=True, blank=True)
    part1_score = models.PositiveSmallIntegerField(null=True, blank=True, validators=PERCENT)
    part1_passed = models.BooleanField(null=True)
    vignette_answers = models.TextField(blank=True)
    part2_passed = models.BooleanField(null=True)
    result = models.CharField(max_length=10, choices=Result.choices, default=Result.PENDING)
    result_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["candidate_code"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "application"],
                                    name="one_enrolment_per_sitting"),
            models.CheckConstraint(condition=Q(part1_score__isnull=True) | Q(part1_score__lte=100),
                                   name="exam_part1_is_a_percent"),
        ]

    def __str__(self):
        return self.candidate_code


class VignetteScore(models.Model):
    """One reviewer's blind score of one candidate's vignette answers (a percent)."""

    enrolment = models.ForeignKey(ExamEnrolment, on_delete=models.CASCADE,
                                  related_name="vignette_scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="vignette_scores")
    score = models.PositiveSmallIntegerField(null=True, blank=True, validators=PERCENT)
    comment = models.TextField(blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "scorer"], name="one_score_per_scorer"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__lte=100),
                                   name="vignette_score_is_a_percent"),
        ]
        indexes = [models.Index(fields=["scorer", "scored_at"])]

    def __str__(self):
        return f"{self.enrolment} by {self.scorer_id}"
