"""The Endorsement® record: who holds which credential, from when, until when, and why."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Program(models.TextChoices):
    IMH_E = "IMH-E", _("IMH-E®")
    ECMH_E = "ECMH-E", _("ECMH-E®")


class EndorsementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    INACTIVE = "inactive", _("Inactive")
    REVOKED = "revoked", _("Revoked")


class Endorsement(models.Model):
    """One credential held by one person: e.g. Infant Family Specialist (IFS), IMH-E®.

    Created by the decision on an application (``application`` set, protected from deletion)
    or entered by hand by a coordinator for someone endorsed before this system existed
    (``application`` empty, ``entered_by`` set).
    """

    number = models.CharField(_("Endorsement® number"), max_length=40, unique=True)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="endorsements")
    program = models.CharField(max_length=8, choices=Program.choices)
    # The engine's category code: I, II, III, IV-C, IV-P, IV-RF (level and designation).
    category = models.CharField(max_length=6)
    issued_on = models.DateField(_("issued on"))
    valid_through = models.DateField(_("valid through"))
    status = models.CharField(max_length=10, choices=EndorsementStatus.choices,
                              default=EndorsementStatus.ACTIVE)
    rules_edition = models.CharField(max_length=40)
    # Virginia's Endorsed Reflective Supervisor add-on (VA L363-369): with it, a II or III
    # holder provides RSC to others (consultation groups, the provider directory).
    ers = models.BooleanField(_("holds the ERS add-on (Endorsed Reflective Supervisor)"),
                              default=False)
    application = models.OneToOneField("applicants.Application", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="endorsement")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text=_("who entered an Endorsement® made before this "
                                               "system"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["holder", "status"]),
                   models.Index(fields=["status", "valid_through"])]

    def __str__(self):
        return f"{self.number} – {self.credential_name}"

    @property
    def level(self) -> str:
        return self.category.split("-")[0]

    @property
    def credential_name(self) -> str:
        """The credential in full with its code: "Infant Family Specialist (IFS), IMH-E®"
        (in Spanish with a rendering of the title beside it: ``names.credential_name``)."""
        from .names import credential_name

        return credential_name(self.program, self.category)


def private_certificate_path(instance, filename) -> str:
    """A random name under certificates/: the files are private, served only by a checked view."""
    import uuid

    return f"certificates/{uuid.uuid4().hex}.pdf"


class Certificate(models.Model):
    """One rendered PDF of one Endorsement®, for one version of what the certificate says.

    ``content_version`` is a digest of the printed content (name, credential, number, dates,
    association, layout): the same content is rendered once, however often the task runs. The
    row is claimed first (unique together) and the file attached after; a claim whose file never
    came is taken over after a while.
    """

    endorsement = models.ForeignKey(Endorsement, on_delete=models.CASCADE,
                                    related_name="certificates")
    content_version = models.CharField(max_length=64)
    file = models.FileField(upload_to=private_certificate_path, blank=True)
    holder_name = models.CharField(max_length=200)
    claimed_at = models.DateTimeField()
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-rendered_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["endorsement", "content_version"],
                                               name="one_certificate_per_content")]

    def __str__(self):
        return f"{self.endorsement.number} ({self.content_version[:8]})"


class Region(models.TextChoices):
    """Where a holder works, as the public registry shows it (the Massachusetts DMH regions)."""

    WESTERN = "western", _("Western")
    CENTRAL = "central", _("Central")
    NORTHEAST = "northeast", _("Northeast")
    METRO_BOSTON = "metro_boston", _("Metro Boston")
    SOUTHEAST = "southeast", _("Southeast")
    OUTSIDE = "outside", _("Outside Massachusetts")


class RegistryListing(models.Model):
    """A holder's choice to appear in the public registry. No row: not listed.

    Only holders with an active Endorsement® are shown; a lapsed or revoked one drops out
    without anyone touching this row.
    """

    holder = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="registry_listing")
    display_name = models.CharField(_("name shown in the registry"), max_length=200)
    # The last word of the name, for an alphabetical list by family name.
    sort_name = models.CharField(max_length=200, editable=False)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    listed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["region"]), models.Index(fields=["sort_name"])]

    def __str__(self):
        return f"{self.holder} ({self.get_region_display()})"


class Membership(models.Model):
    """The person's membership of the association (or another infant mental health association,
    ⚠A-28): one record per person, read by their applications and renewals, recorded by the
    applicant or the coordinator (``credentials.services.record_membership``)."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="membership")
    number = models.CharField(_("membership number"), max_length=50, blank=True)
    association = models.CharField(_("association"), max_length=100, blank=True)
    valid_through = models.DateField(_("membership paid through"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["valid_through"])]

    def __str__(self):
        return f"{self.association} {self.number}".strip()


def private_import_path(instance, filename) -> str:
    import uuid

    return f"imports/{uuid.uuid4().hex}.csv"


class ImportRun(models.Model):
    """One upload of endorsed people from the old system: checked (dry run) first, then
    imported from the same stored file; ``report`` keeps every row's outcome."""

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked (dry run)")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused")

    file = models.FileField(upload_to=private_import_path)
    original_name = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKED)
    total = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_state_display()})"
