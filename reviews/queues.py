"""The coordinator's queues: which applications wait for whom, at any size.

A page is read as: one count per queue (one query), the total of the filtered list (one
query; both kept until an application changes), then the page's rows in one query (their ids
ordered and limited by the database on indexed columns). The figures each row shows (ratings
in, reviewers, last status change) are columns of the application (applicants.figures).
Nothing groups every application.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, StrIndex, TruncDate, Upper
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, Category, Program, Region
from endorsement import counting

# Statuses by value: some (approved_for_exam, awaiting_decision, deferred) come with the
# decision work; a queue of a status that does not exist yet is simply empty.
QUEUES = [
    ("submitted", _("New: check completeness"), ["submitted"]),
    ("in_review", _("In review"), ["in_review"]),
    ("exam", _("Examination"), ["approved_for_exam", "exam"]),
    ("awaiting_decision", _("Awaiting decision"), ["awaiting_decision"]),
    ("returned", _("Returned or deferred"), ["returned", "deferred"]),
    ("decided", _("Decided"), ["endorsed", "not_endorsed"]),
    ("drafts", _("Drafts in progress"), ["draft"]),
    ("withdrawn", _("Withdrawn"), ["withdrawn"]),
]
QUEUE_STATUSES = {key: statuses for key, _label, statuses in QUEUES}
ALL = "all"

WAITING_ON = [
    ("applicant", _("The applicant")),
    ("raters", _("Reference raters")),
    ("reviewers", _("Reviewers")),
    ("exam", _("The examination")),
]
FEE_CHOICES = [("paid", _("Paid")), ("unpaid", _("Not recorded"))]
# Sort keys offered as column headers; each maps to indexed columns, with the id last so
# pages never overlap.
SORTS = {
    "submitted": ("submitted_at", "id"),
    "-submitted": ("-submitted_at", "-id"),
    "name": ("applicant__last_name", "applicant__first_name", "id"),
    "-name": ("-applicant__last_name", "-applicant__first_name", "-id"),
    "number": ("id",),
    "-number": ("-id",),
    "category": ("category", "submitted_at", "id"),
    "-category": ("-category", "-submitted_at", "-id"),
}
DEFAULT_SORT = "submitted"
PENDING_RATING = ("requested", "opened", "in_progress")
SEARCH_MAX = 100
SEARCH_MIN = 3  # characters a trigram index needs to find a word inside a name


@dataclass
class QueueQuery:
    """What the coordinator asked for, cleaned: unknown values fall back to the defaults."""

    queue: str = "submitted"
    search: str = ""
    program: str = ""
    category: str = ""
    region: str = ""
    fee: str = ""
    waiting: str = ""
    sort: str = DEFAULT_SORT
    errors: list = field(default_factory=list)

    @classmethod
    def from_request(cls, params) -> QueueQuery:
        def pick(name, allowed, default=""):
            value = params.get(name, default)
            return value if value in allowed else default

        # NUL characters cannot reach PostgreSQL (DataError, a 500); they never match anyway.
        search = params.get("q", "").replace("\x00", "").strip()[:SEARCH_MAX]
        default_queue = ALL if search else "submitted"
        return cls(
            queue=pick("queue", [*QUEUE_STATUSES, ALL], default_queue),
            search=search,
            program=pick("program", Program.values),
            category=pick("category", Category.values),
            region=pick("region", Region.values),
            fee=pick("fee", dict(FEE_CHOICES)),
            waiting=pick("waiting", dict(WAITING_ON)),
            sort=pick("sort", SORTS, DEFAULT_SORT),
        )

    def params(self, **override) -> dict:
        """The query string of this view (for links that change one thing)."""
        values = {"queue": self.queue, "q": self.search, "program": self.program,
                  "category": self.category, "region": self.region, "fee": self.fee,
                  "waiting": self.waiting, "sort": self.sort}
        values.update(override)
        return {k: v for k, v in values.items() if v}

    @property
    def filtered(self) -> bool:
        return any([self.search, self.program, self.category, self.region, self.fee,
                    self.waiting])


def queue_counts() -> list[dict]:
    """Each queue with how many applications are in it (one query over the status index,
    kept until an application changes)."""
    by_status = counting.cached("applications", "queue_counts", lambda: dict(
        Application.objects.order_by().values_list("status").annotate(n=Count("pk"))
        .values_list("status", "n")))
    return [{"key": key, "label": label, "count": sum(by_status.get(s, 0) for s in statuses)}
            for key, label, statuses in QUEUES]


def _search(applications, search: str):
    number = search.lstrip("#").strip()
    if number.isdigit() and len(number) < 12:
        return applications.filter(pk=int(number))
    words = search.split()
    if len(words) > 1:
        # "Ana Lopez": every word in the first or last name.
        for word in words:
            applications = applications.filter(_name_matches(word))
        return applications
    if len(search) < SEARCH_MIN:
        return applications.filter(_name_matches(search))
    return applications.filter(_applicant_matches(search))


def _applicant_matches(word: str) -> Q:
    """The word (no space in it) anywhere in the applicant's name or email: in the search
    text the application keeps of them ("first last email", applicants.figures), so a search
    reads the queue's indexes alone.

    An address is found by its part before the @ and then checked whole: every trigram of a
    common domain ("@gmail.com") is in a large share of the rows, and the index would read
    all of them (4-5 ms on 100,000 applications) to find one person."""
    local = word.partition("@")[0]
    if "@" not in word or len(local) < SEARCH_MIN:
        return Q(applicant_search__icontains=word)
    whole = GreaterThan(StrIndex(Upper("applicant_search"), Upper(Value(word))), 0)
    return Q(applicant_search__icontains=local) & Q(whole)


def _name_matches(word: str) -> Q:
    """A word in the first or last name. Under three characters ("Ng", "%") no trigram index
    can find it inside a name, so it must be the whole name (an index on UPPER(name)): a
    literal match, never a scan of every account."""
    if len(word) < SEARCH_MIN:
        return Q(applicant__first_name__iexact=word) | Q(applicant__last_name__iexact=word)
    return Q(applicant__first_name__icontains=word) | Q(applicant__last_name__icontains=word)


def _waiting(applications, on: str):
    if on == "applicant":
        return applications.filter(status__in=["returned", "deferred"])
    if on == "raters":
        from references.models import ReferenceRequest

        pending = ReferenceRequest.objects.filter(application=OuterRef("pk"),
                                                  status__in=PENDING_RATING)
        return applications.filter(Exists(pending), status__in=["submitted", "in_review"])
    if on == "reviewers":
        return applications.filter(status="in_review")
    if on == "exam":
        return applications.filter(status__in=["approved_for_exam", "exam"])
    return applications


def applications_for(query: QueueQuery):
    """The filtered, sorted applications (a lazy queryset; slice it for a page)."""
    # The snapshot (kilobytes of JSON per application) is not shown in the queue.
    applications = Application.objects.select_related("applicant").defer("snapshot")
    if query.queue != ALL:
        applications = applications.filter(status__in=QUEUE_STATUSES[query.queue])
    if query.search:
        applications = _search(applications, query.search)
    if query.program:
        applications = applications.filter(program=query.program)
    if query.category:
        applications = applications.filter(category=query.category)
    if query.region:
        applications = applications.filter(applicant__applicant_profile__region=query.region)
    if query.fee:
        applications = applications.filter(fee_paid=query.fee == "paid")
    if query.waiting:
        applications = _waiting(applications, query.waiting)
    return applications.order_by(*SORTS[query.sort])


@dataclass(slots=True)
class Row:
    """An application as a row of the queue shows it (read as values: 50 applications and
    their applicants built as model instances cost more than their query)."""

    pk: int
    program: str
    category: str
    status: str
    fee_paid: bool
    submitted_on: date | None  # the local date
    waiting_since: datetime  # the last status change, else the submission, else the start
    ratings_in: int
    reviewer_count: int
    first_name: str
    last_name: str
    email: str
    days_waiting: int = 0

    @property
    def name(self) -> str:
        """The applicant's name as everywhere else (User.display_name): else the email."""
        return f"{self.first_name} {self.last_name}".strip() or self.email


# One moment a row, not three: each one read costs Django's time zone loader some
# microseconds (a page's 150 took a millisecond); the submission is read as its local date.
ROW_VALUES = {"submitted_on": TruncDate("submitted_at"),
              "waiting_since": Coalesce("status_changed_at", "submitted_at", "created_at")}
ROW_FIELDS = ("pk", "program", "category", "status", "fee_paid", "submitted_on",
              "waiting_since", "ratings_in", "reviewer_count", "applicant__first_name",
              "applicant__last_name", "applicant__email")


def page_of(query: QueueQuery, number, per_page: int):
    """The page's rows in one query: the page's ids are a subquery found on the indexes
    (ordered, offset, limited, with no join the order does not need), and only those rows are
    read, with their applicant's name (the figures a row shows are columns of the
    application: applicants.figures). The total comes from :mod:`endorsement.counting` (kept
    until an application changes); a page in its back half is found from the end (then its
    ids are read first, as a list)."""
    applications = applications_for(query)
    paginator = counting.CountedPaginator(applications.values_list("pk", flat=True), per_page,
                                          group="applications")
    page = paginator.get_page(number)
    page.object_list = [Row(*values) for values in Application.objects
                        .filter(pk__in=page.object_list).order_by(*SORTS[query.sort])
                        .annotate(**ROW_VALUES).values_list(*ROW_FIELDS)]
    return page


def decorate(rows: list[Row], now=None) -> list[Row]:
    """Add each row's days waiting: since its last status change (or its submission, or its
    start). The rows' HTML is :func:`reviews.queue_html.rows`."""
    now = now or timezone.now()
    for row in rows:
        row.days_waiting = max((now - row.waiting_since).days, 0)
    return rows
