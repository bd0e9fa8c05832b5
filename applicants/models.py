"""The Application and its status; its evidence (degrees, training, work, RSC...) beside it."""
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Program(models.TextChoices):
    IMH_E = "IMH-E", _("IMH-E® (infants and toddlers, birth to 36 months)")
    ECMH_E = "ECMH-E", _("ECMH-E® (young children, 3 up to 6 years)")


class Category(models.TextChoices):
    """The level applied for, with the Mentor designation for level IV (the engine's codes)."""

    I = "I", _("Level I – Family Associate")  # noqa: E741
    II = "II", _("Level II – Family Specialist")
    III = "III", _("Level III – Mental Health Specialist")
    IV_C = "IV-C", _("Level IV – Mental Health Mentor, Clinical")
    IV_P = "IV-P", _("Level IV – Mental Health Mentor, Policy")
    IV_RF = "IV-RF", _("Level IV – Mental Health Mentor, Research/Faculty")


TRACK_BY_CATEGORY = {"IV-C": "clinical", "IV-P": "policy", "IV-RF": "research_faculty"}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED_FOR_EXAM = "approved_for_exam", _("Approved to sit the exam")
    EXAM = "exam", _("Taking the examination")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    RETURNED = "returned", _("Returned for revision")
    DEFERRED = "deferred", _("Deferred")
    ENDORSED = "endorsed", _("Endorsed")
    NOT_ENDORSED = "not_endorsed", _("Not endorsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The applicant may change (and then submit again) an application in these states.
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED, Status.DEFERRED)

# Each state in plain words, as the applicant reads it on their pages.
APPLICANT_WORDS = {
    Status.DRAFT: _("You are still filling in this application; nobody else sees it yet."),
    Status.SUBMITTED: _("We have your application. The Endorsement Coordinator will check that "
                        "it is complete."),
    Status.IN_REVIEW: _("Your application is complete and reviewers are reading it."),
    Status.APPROVED_FOR_EXAM: _("The reviewers approved you to sit the written examination. "
                                "The Endorsement Coordinator will tell you the date."),
    Status.EXAM: _("You are registered for the written examination."),
    Status.AWAITING_DECISION: _("Your reviews and results are in. The Endorsement Coordinator "
                                "will make the decision soon."),
    Status.RETURNED: _("Your application was returned for changes. Make the changes, then "
                       "submit it again."),
    Status.DEFERRED: _("The decision was deferred: read the reasons we sent you, amend your "
                       "application, and submit it again."),
    Status.ENDORSED: _("Congratulations: you are endorsed."),
    Status.NOT_ENDORSED: _("You were not endorsed this time. We emailed you the reasons."),
    Status.WITHDRAWN: _("You withdrew this application."),
}


def current_rules_edition() -> str:
    """The rules edition new applications are started under (settings.RULES_EDITION)."""
    return settings.RULES_EDITION


class Application(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    program = models.CharField(max_length=8, choices=Program.choices)
    category = models.CharField(max_length=6, choices=Category.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    rules_edition = models.CharField(max_length=40, default=current_rules_edition,
                                     help_text="the rules edition every evaluation uses")
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="advised_applications",
    )
    fee_paid = models.BooleanField(default=False)
    fee_recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    membership_number = models.CharField(_("membership number"), max_length=50, blank=True)
    membership_expires = models.DateField(_("membership paid through"), null=True, blank=True)
    last_section = models.CharField(max_length=30, blank=True)
    last_section_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder,
                                help_text="the case and answers as submitted")
    # What the coordinator's queue shows on each row, kept true by applicants.figures (the
    # apps that own what they count recount them on every change): reference ratings in,
    # reviewers assigned, the last status change.
    ratings_in = models.PositiveSmallIntegerField(default=0, editable=False)
    reviewer_count = models.PositiveSmallIntegerField(default=0, editable=False)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The applicant's name and email as the queue's search matches them (applicants.figures)
    applicant_search = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"]),
                   # the coordinator's queue: pages of ids read from the index alone, with
                   # what a search matches (not from the wide rows, nor each applicant's)
                   models.Index(fields=["status", "submitted_at", "id"], name="app_queue_idx",
                                include=["applicant", "applicant_search"]),
                   # several statuses at once (a tab of two, every queue): in order, their
                   # status read from the index (not from the wide rows)
                   models.Index(fields=["submitted_at", "id"], name="app_submitted_idx",
                                include=["status", "applicant", "applicant_search"]),
                   # the same without drafts (never submitted): a tab's last page is read
                   # from the end, where every draft's empty date sorts first
                   models.Index(fields=["submitted_at", "id"], name="app_submitted_sent_idx",
                                include=["status"], condition=~models.Q(status="draft")),
                   # the queue's filters, in order (with every filter set: no sort at all)
                   models.Index(fields=["status", "program", "category", "fee_paid",
                                        "submitted_at", "id"], name="app_queue_filters_idx")]

    def __str__(self):
        return f"{self.get_category_display()} ({self.program}) – {self.applicant}"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.applicant_search:
            from .figures import search_text

            self.applicant_search = search_text(self.applicant)
        super().save(*args, **kwargs)

    @property
    def level(self) -> str:
        return self.category.split("-")[0]

    @property
    def track(self) -> str | None:
        return TRACK_BY_CATEGORY.get(self.category)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def status_in_words(self) -> str:
        """The state in plain words for the applicant."""
        return APPLICANT_WORDS.get(self.status, "")


# --- Evidence and the record around an application -----------------------------------
# (added by the applicants app; the Application above is shared with references/reviews)

def private_upload_path(instance, filename) -> str:
    """A random name under transcripts/; the original name is kept in a separate column."""
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:6]
    return f"transcripts/{uuid.uuid4().hex}{suffix}"


class Region(models.TextChoices):
    """The five Massachusetts Department of Mental Health regions."""

    WESTERN = "western", _("Western")
    CENTRAL = "central", _("Central")
    NORTHEAST = "northeast", _("Northeast")
    METRO_BOSTON = "metro_boston", _("Metro Boston")
    SOUTHEAST = "southeast", _("Southeast")
    OUTSIDE = "outside", _("Outside Massachusetts")


class WorkSetting(models.TextChoices):
    CHILD_CARE = "child_care", _("Child care, preschool or early education")
    HOME_VISITING = "home_visiting", _("Home visiting or family support")
    EARLY_INTERVENTION = "early_intervention", _("Early Intervention (Part C)")
    MENTAL_HEALTH = "mental_health", _("Mental health clinic or private practice")
    HEALTH = "health", _("Hospital, clinic or other health care")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    HIGHER_EDUCATION = "higher_education", _("College or university")
    POLICY = "policy", _("Government, policy or advocacy")
    OTHER = "other", _("Other")


class ApplicantProfile(models.Model):
    """Contact details and work setting of one applicant, shared by their applications."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_profile"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone number"), max_length=40)
    address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=40, default="MA")
    postal_code = models.CharField(_("ZIP code"), max_length=20)
    employer = models.CharField(_("where you work now"), max_length=200, blank=True)
    work_setting = models.CharField(max_length=30, choices=WorkSetting.choices)
    region = models.CharField(max_length=20, choices=Region.choices)
    languages = models.CharField(_("languages you work in"), max_length=200)
    gender = models.CharField(max_length=30, blank=True)
    race_ethnicity = models.JSONField(default=list, blank=True)
    age_range = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    REQUIRED = ("full_name", "phone", "address", "city", "postal_code", "work_setting",
                "region", "languages")

    def __str__(self):
        return self.full_name

    @property
    def is_complete(self) -> bool:
        return all(getattr(self, name) for name in self.REQUIRED)


class Degree(models.Model):
    """A degree or CDA credential, with its official transcript."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="degrees")
    type = models.CharField(_("kind of degree"), max_length=12)
    name = models.CharField(_("name of the degree"), max_length=120)
    institution = models.CharField(_("college, university or CDA council"), max_length=200)
    awarded = models.DateField(_("date awarded"))
    related_field = models.BooleanField(
        _("the degree is in a field related to infants, young children or families"),
        default=False)
    transcript = models.FileField(upload_to=private_upload_path, blank=True)
    transcript_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["awarded", "id"]

    def __str__(self):
        return f"{self.name}, {self.institution}"


class EvidenceLog(models.Model):
    """One person's evidence log: the training and RSC sessions they record, read by each of
    their applications and by their annual renewals (issue 9), so nothing is entered twice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="evidence_log")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Evidence log of {self.user}"

    @classmethod
    def of(cls, user_or_id) -> "EvidenceLog":
        user_id = getattr(user_or_id, "pk", user_or_id)
        return cls.objects.get_or_create(user_id=user_id)[0]


class LogRowQuerySet(models.QuerySet):
    """Rows of a person's evidence log: ``for_application`` is what an application reads
    (its applicant's whole log), ``for_user`` what a renewal reads."""

    def for_user(self, user_or_id):
        return self.filter(log__user_id=getattr(user_or_id, "pk", user_or_id))

    def for_application(self, application):
        return self.for_user(application.applicant_id)


class LogRow(models.Model):
    """A row owned by the person's EvidenceLog; ``application`` only records where it was
    entered (empty for rows added for a renewal)."""

    # A row credited by the program itself (a training partner's roll, a consultation group's
    # roll) rather than typed by the person: ``source`` names what credited it ("training:12",
    # "group-session:7"), one row per log and source, so a roll taken twice credits once. The
    # person cannot edit or delete a confirmed row; the coordinator can trust it.
    source = models.CharField(max_length=64, blank=True, default="")
    confirmed_by = models.CharField(_("confirmed by"), max_length=200, blank=True, default="")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = LogRowQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.log_id is None and self.application_id is not None:
            self.log = EvidenceLog.of(Application.objects.values_list(
                "applicant_id", flat=True).get(pk=self.application_id))
        super().save(*args, **kwargs)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class TrainingEntry(LogRow):
    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="training")
    log = models.ForeignKey(EvidenceLog, on_delete=models.CASCADE, related_name="training")
    title = models.CharField(max_length=200)
    sponsor = models.CharField(_("who offered it"), max_length=200)
    date = models.DateField(_("date (or last day)"))
    hours = models.DecimalField(_("clock hours"), max_digits=6, decimal_places=2)
    competency_areas = models.JSONField(default=list, blank=True)
    about_rsc = models.BooleanField(
        _("this training was about providing reflective supervision/consultation"),
        default=False)

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(
            fields=["log", "source"], condition=~models.Q(source=""),
            name="training_one_credit_per_source")]

    def __str__(self):
        return self.title


class WorkEntry(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="work")
    employer = models.CharField(max_length=200)
    role = models.CharField(_("your role or job title"), max_length=200)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    paid = models.BooleanField(_("this was paid work"), default=True)
    kind = models.CharField(_("kind of work"), max_length=20)
    families_served = models.PositiveIntegerField(_("number of families served"), default=0)
    social_emotional_focus = models.BooleanField(default=False)
    relationship_focus = models.BooleanField(default=False)
    internship = models.BooleanField(default=False)
    internship_supervisor_level = models.CharField(max_length=6, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours in a usual week"), null=True, blank=True,
        help_text="under FULL_TIME_HOURS, the coordinator judges how it counts (A-05)")
    duties = models.TextField(_("your main duties"), blank=True)

    FULL_TIME_HOURS = 35

    class Meta:
        ordering = ["start", "id"]

    def __str__(self):
        return f"{self.role}, {self.employer}"

    @property
    def part_time(self) -> bool:
        return self.hours_per_week is not None and self.hours_per_week < self.FULL_TIME_HOURS


class RscSession(LogRow):
    """One reflective supervision/consultation session received."""

    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="rsc")
    log = models.ForeignKey(EvidenceLog, on_delete=models.CASCADE, related_name="rsc")
    date = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    format = models.CharField(_("individual or group"), max_length=12)
    provider_name = models.CharField(_("provider's name"), max_length=200)
    provider_level = models.CharField(_("provider's Endorsement®"), max_length=6, blank=True)
    provider_degree = models.CharField(_("provider's highest degree"), max_length=12)
    kind = models.CharField(_("kind of supervision"), max_length=16, default="rsc",
                            help_text="only reflective supervision/consultation counts")
    series = models.CharField(_("added together as a series"), max_length=32, blank=True,
                              db_index=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(
            fields=["log", "source"], condition=~models.Q(source=""),
            name="rsc_one_credit_per_source")]

    def __str__(self):
        return str(_("%(date)s with %(provider)s") % {"date": self.date,
                                                       "provider": self.provider_name})

    @property
    def counts(self) -> bool:
        return self.kind == "rsc"


class LeadershipActivity(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="leadership"
    )
    description = models.TextField()
    scope = models.CharField(max_length=10)
    examples = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.description[:60]


class AgreementSignature(models.Model):
    class Document(models.TextChoices):
        CODE_OF_ETHICS = "code_of_ethics", _("Code of Ethics")
        AGREEMENT = "agreement", _("Endorsement® Agreement")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="signatures"
    )
    document = models.CharField(max_length=20, choices=Document.choices)
    version = models.CharField(max_length=20)
    typed_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["document"]
        constraints = [models.UniqueConstraint(fields=["application", "document"],
                                               name="one_signature_per_document")]

    def __str__(self):
        return f"{self.get_document_display()} {self.version} signed by {self.typed_name}"


class ApplicationEvent(models.Model):
    """One status change: who, when, from, to, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class CoordinatorMessage(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="coordinator_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]


class PendingUpload(models.Model):
    """A file received with a form that had errors elsewhere, kept until the form is saved."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=private_upload_path)
    original_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.original_name


class SubmissionVersion(models.Model):
    """One submission of an application, kept as it was sent: resubmitting adds a version,
    it never replaces an earlier one."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="versions")
    number = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    snapshot = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"],
                                               name="one_version_number_per_application")]

    def __str__(self):
        return f"Application {self.application_id}, version {self.number}"
class SavedForm(models.Model):
    """One rendered form that was saved: its token, so a re-post is never saved twice."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField("where the first save led", max_length=300)
    saved_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Form {self.token[:8]}… saved {self.saved_at:%Y-%m-%d %H:%M}"
