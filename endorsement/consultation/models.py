"""Reflective consultation groups and the directory of RSC providers.

A group's facilitator and a directory provider are read from their current Endorsement®
(``qualify.py``), never typed. A group session's roll credits each present member's evidence
log with an ``applicants.RscSession`` whose ``source`` is ``group-session:<id>``.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupRegion(models.TextChoices):
    """The five Massachusetts DMH regions (the grant reports per region)."""

    WESTERN = "western", _("Western")
    CENTRAL = "central", _("Central")
    NORTHEAST = "northeast", _("Northeast")
    METRO_BOSTON = "metro_boston", _("Metro Boston")
    SOUTHEAST = "southeast", _("Southeast")


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class ConsultationGroup(models.Model):
    name = models.CharField(_("name"), max_length=200)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="facilitated_groups",
                                    verbose_name=_("facilitator"))
    region = models.CharField(_("region"), max_length=20, choices=GroupRegion.choices)
    language = models.CharField(_("language"), max_length=60, default="English")
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    description = models.TextField(_("about the group"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class GroupMember(models.Model):
    """A seat in a group. Removing a member deletes this row; the RSC rows their past rolls
    credited stay in their log (they attended)."""

    group = models.ForeignKey(ConsultationGroup, on_delete=models.CASCADE,
                              related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="consultation_seats")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "person"],
                                               name="one_seat_per_person_and_group")]

    def __str__(self):
        return f"{self.person} in {self.group}"


class SeatRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        PLACED = "placed", _("Placed")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(ConsultationGroup, on_delete=models.CASCADE,
                              related_name="requests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="seat_requests")
    other_access = models.BooleanField(
        _("I have other access to reflective supervision/consultation"), default=False)
    note = models.TextField(_("a few words about you and why you ask"), blank=True,
                            max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["other_access", "created_at", "id"]  # no other access first
        constraints = [models.UniqueConstraint(
            fields=["group", "person"], condition=models.Q(status="pending"),
            name="one_pending_seat_request")]

    def __str__(self):
        return f"{self.person} asks for {self.group}"


class GroupSession(models.Model):
    group = models.ForeignKey(ConsultationGroup, on_delete=models.CASCADE,
                              related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2, default=1.5)
    roll_taken_at = models.DateTimeField(null=True, blank=True)
    roll_taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self):
        return f"{self.group} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def source(self) -> str:
        return f"group-session:{self.pk}"


class Attendance(models.Model):
    """What the last roll of a session said about one member."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE,
                                related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "person"],
                                               name="one_attendance_per_session")]

    def __str__(self):
        return f"{self.person_id} {'present' if self.present else 'absent'} at {self.session_id}"


class Fee(models.TextChoices):
    FREE = "free", _("Free")
    FEE = "fee", _("Fee")
    SLIDING = "sliding", _("Sliding scale")


class ProviderListing(models.Model):
    """A provider's entry in the RSC directory. Shown only while ``listed`` and while their
    Endorsement® qualifies (computed from its valid-through date; nothing to hide by a job).
    ``regions`` is stored as ",western,central," so one portable ``contains`` finds a region."""

    provider = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="rsc_listing")
    listed = models.BooleanField(_("show me in the directory"), default=True)
    offers_individual = models.BooleanField(_("individual sessions"), default=False)
    offers_group = models.BooleanField(_("group sessions"), default=False)
    regions = models.CharField(max_length=120, default=",")
    languages = models.CharField(_("languages"), max_length=200, default="English")
    online = models.BooleanField(_("online"), default=False)
    in_person = models.BooleanField(_("in person"), default=False)
    fee = models.CharField(_("cost"), max_length=10, choices=Fee.choices, default=Fee.FEE)
    fee_note = models.CharField(_("about the cost"), max_length=200, blank=True)
    openings = models.PositiveSmallIntegerField(_("openings now"), default=0)
    about = models.TextField(_("about what you offer"), blank=True, max_length=2000)
    contact_email = models.EmailField(_("email shown once you accept a request"))
    contact_phone = models.CharField(_("phone shown once you accept a request"), max_length=40,
                                     blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"RSC listing of {self.provider}"

    @property
    def region_list(self) -> list[str]:
        return [r for r in self.regions.split(",") if r]

    @property
    def region_labels(self) -> list[str]:
        labels = dict(GroupRegion.choices)
        return [str(labels.get(r, r)) for r in self.region_list]


class ProviderRequest(models.Model):
    """An applicant's request to a provider, sent through the site. Neither sees the other's
    contact until the provider accepts."""

    class Status(models.TextChoices):
        SENT = "sent", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    listing = models.ForeignKey(ProviderListing, on_delete=models.CASCADE,
                                related_name="requests")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="rsc_provider_requests")
    message = models.TextField(_("your message"), max_length=2000)
    wants = models.CharField(_("you are looking for"), max_length=12, default="individual")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["listing", "applicant"], condition=models.Q(status="sent"),
            name="one_open_provider_request")]

    def __str__(self):
        return f"{self.applicant} to {self.listing.provider}"
