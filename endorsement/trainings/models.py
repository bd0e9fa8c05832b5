"""The training calendar: partner organisations, their trainings, and who signed up."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The five Massachusetts Department of Mental Health regions.
REGIONS = [("western", _("Western")), ("central", _("Central")),
           ("northeast", _("Northeast")), ("metro_boston", _("Metro Boston")),
           ("southeast", _("Southeast"))]
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("pt", _("Portuguese")),
             ("ht", _("Haitian Creole")), ("zh", _("Chinese")), ("vi", _("Vietnamese")),
             ("ase", _("American Sign Language"))]


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class TrainingPartner(models.Model):
    """One of the grant's partner organisations; its members (people holding the training
    partner role) publish its trainings and take their roll."""

    name = models.CharField(_("organisation"), max_length=200, unique=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="training_partners")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Training(models.Model):
    """One training on the calendar. Times are stored aware (UTC in the database) and shown
    in settings.TIME_ZONE (America/New_York); the date credited is the local date."""

    partner = models.ForeignKey(TrainingPartner, on_delete=models.PROTECT,
                                related_name="trainings", verbose_name=_("partner"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    hours = models.DecimalField(_("clock hours"), max_digits=5, decimal_places=2)
    format = models.CharField(_("online or in person"), max_length=12, choices=Format.choices)
    place = models.CharField(_("where"), max_length=300, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=REGIONS)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="en")
    competency_areas = models.JSONField(_("competency areas"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    cost = models.DecimalField(_("cost in dollars"), max_digits=8, decimal_places=2, default=0)
    about_rsc = models.BooleanField(
        _("this training is about providing reflective supervision/consultation"),
        default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    roll_taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at", "id"], name="training_when_idx"),
                   models.Index(fields=["region", "language", "format", "starts_at"],
                                name="training_filter_idx")]

    def __str__(self):
        return self.title

    @property
    def source(self) -> str:
        """What the evidence log rows it credits name as their source."""
        return f"training:{self.pk}"

    @property
    def local_date(self):
        """The date of the training where it takes place: what the log is credited with."""
        return timezone.localtime(self.starts_at).date()

    @property
    def is_free(self) -> bool:
        return not self.cost

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class Signup(models.Model):
    """One person on one training: a seat, a place on the waiting list, or cancelled.
    ``attended`` is None until the roll is taken."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Signed up")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="training_signups")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    # The waiting list's order: when the person (last) asked for a seat.
    queued_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["training", "user"],
                                               name="one_signup_per_training")]
        indexes = [models.Index(fields=["training", "status", "queued_at"],
                                name="signup_queue_idx")]

    def __str__(self):
        return f"{self.user_id} on {self.training_id}: {self.status}"
