"""Core records: people and their roles, the mail outbox, the audit trail."""
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    COORDINATOR = "coordinator", _("Endorsement Coordinator")
    REVIEWER = "reviewer", _("Reviewer")
    ADVISOR = "advisor", _("Endorsement Advisor")
    # A training partner: one of the grant's partner organisations, who publishes trainings
    # on the statewide calendar and takes their roll (endorsement.trainings).
    PARTNER = "partner", _("Training partner")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.COORDINATOR)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an email address. Raters never have one."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    # The primary ("home") role: where "home" leads and what the nav shows first.
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.APPLICANT)
    # Every role currently granted, as ",reviewer,advisor," (kept by endorsement.people beside
    # the RoleGrant rows, which hold who granted and removed each and when): read without a query.
    roles = models.CharField(max_length=100, blank=True, default="")
    erased_at = models.DateTimeField(null=True, blank=True)
    # The language the person chose (settings.LANGUAGES); empty until the first signed-in
    # request, which keeps the language they were browsing in. Pages and emails follow it.
    language = models.CharField(_("language"), max_length=8, blank=True,
                                choices=settings.LANGUAGES)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["email"]
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="user_name_idx"),
                   models.Index(fields=["role", "last_name"], name="user_role_idx"),
                   # the few people with a granted role (see with_role)
                   models.Index(fields=["id"], condition=~models.Q(roles=""),
                                name="user_granted_roles_idx")]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    def has_role(self, role: str) -> bool:
        """The primary role, or any role granted and not removed (no query)."""
        return self.role == role or f",{role}," in (self.roles or "")

    @property
    def held_roles(self) -> list[str]:
        return [r for r in Role.values if self.has_role(r)]

    @property
    def held_role_choices(self) -> list[tuple[str, str]]:
        return [(r, Role(r).label) for r in self.held_roles]

    @property
    def needs_two_factor(self) -> bool:
        # Reviewers read transcripts and reference ratings: the second factor for them too.
        return (self.is_staff or self.has_role(Role.COORDINATOR)
                or self.has_role(Role.REVIEWER))


def with_role(role: str) -> models.Q:
    """A filter on users holding ``role`` (primary or granted).

    The granted half also says ``roles`` is not empty (a text holding ",role," never is), so
    PostgreSQL reads it from the small partial index of people with a granted role rather than
    matching the pattern over every account (the reviewer and advisor lists of every
    application page)."""
    return models.Q(role=role) | (~models.Q(roles="") & models.Q(roles__contains=f",{role},"))


class RoleGrant(models.Model):
    """One role given to one person: who granted it and when, who removed it and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField()
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["user", "role"], condition=models.Q(removed_at__isnull=True),
            name="one_current_grant_per_role")]

    def __str__(self):
        return f"{self.user_id}: {self.role}"


class Invitation(models.Model):
    """An emailed invitation to take a staff role; the link's token is stored hashed."""

    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.role} → {self.email}"


class OutboundEmail(models.Model):
    """One email, rendered when queued and sent by a Celery task after commit."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    template = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What the email is about (an application, as "applicants.application" and its id): a
    # generic link, so the core does not depend on the apps that send mail.
    about_type = models.CharField(max_length=80, blank=True)
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    resent_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="resends")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"]),
                   models.Index(fields=["created_at", "id"], name="outbox_newest_idx"),
                   models.Index(fields=["about_type", "about_id", "created_at"],
                                name="outbox_about_idx")]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class AuditEvent(models.Model):
    """Who did what to which record, and when. Written in the same transaction as the change."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(
        max_length=200, blank=True, help_text="for actors without an account"
    )
    action = models.CharField(max_length=80)
    subject_type = models.CharField(max_length=80)
    subject_id = models.PositiveBigIntegerField()
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"]),
                   models.Index(fields=["created_at", "id"], name="audit_newest_idx"),
                   models.Index(fields=["action", "created_at"], name="audit_action_idx")]

    def __str__(self):
        return f"{self.action} {self.subject_type}#{self.subject_id}"


class ReminderClaim(models.Model):
    """A claim that one reminder went out: (kind, subject, occasion) is unique, so a job run
    twice or on two workers sends each reminder once (endorsement.reminders.claim_once).
    ``occasion`` tells reminders of the same subject apart (the day its idle period began,
    the sitting's date...); ``batch`` tells a run which of its bulk-inserted claims it won.
    ``pending``: claimed, its mail not queued yet (a sweep too large for one transaction hands
    the mails to batch tasks; whoever queues the mail clears it, under a row lock)."""

    kind = models.CharField(max_length=40)
    subject_type = models.CharField(max_length=100)
    subject_id = models.BigIntegerField()
    occasion = models.CharField(max_length=40, blank=True)
    batch = models.UUIDField(db_index=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    pending = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["kind", "subject_type", "subject_id", "occasion"],
            name="one_reminder_claim_each")]
        indexes = [models.Index(fields=["kind", "sent_at"], condition=models.Q(pending=True),
                                name="reminder_claim_pending_idx")]

    def __str__(self):
        return f"{self.kind} {self.subject_type}#{self.subject_id} ({self.occasion})"
