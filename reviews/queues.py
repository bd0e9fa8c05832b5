"""The coordinator's queues: which applications wait for whom, read in a fixed number of queries."""
from django.db.models import Count, Q

from applicants.models import Application, Status

QUEUES = [
    ("submitted", "New: check completeness", [Status.SUBMITTED]),
    ("in_review", "In review", [Status.IN_REVIEW]),
    ("exam", "Examination", [Status.APPROVED_FOR_EXAM, Status.EXAM, Status.AWAITING_DECISION]),
    ("returned", "Returned to the applicant", [Status.RETURNED, Status.DEFERRED]),
    ("decided", "Decided", [Status.ENDORSED, Status.NOT_ENDORSED]),
    ("drafts", "Drafts in progress", [Status.DRAFT]),
]
QUEUE_STATUSES = {key: statuses for key, _label, statuses in QUEUES}


def queue_counts() -> list[dict]:
    """Each queue with how many applications are in it (one query)."""
    totals = Application.objects.aggregate(**{
        key: Count("pk", filter=Q(status__in=statuses)) for key, _label, statuses in QUEUES
    })
    return [{"key": key, "label": label, "count": totals[key]} for key, label, _s in QUEUES]


def applications_in(queue: str, search: str = ""):
    statuses = QUEUE_STATUSES.get(queue, QUEUE_STATUSES["submitted"])
    applications = (
        Application.objects.filter(status__in=statuses)
        .select_related("applicant")
        .annotate(
            ratings_in=Count("reference_requests", filter=Q(reference_requests__status="submitted"),
                             distinct=True),
            reviewer_count=Count("review_assignments", distinct=True),
        )
        .order_by("submitted_at", "created_at")
    )
    if search:
        applications = applications.filter(
            Q(applicant__email__icontains=search) | Q(applicant__first_name__icontains=search)
            | Q(applicant__last_name__icontains=search)
        )
    return applications
