"""Reference requests and ratings: every state change is one transactional function here.

Views, tasks and the demo call these; each writes an audit event beside its change and
queues mail through the outbox (sent after commit).
"""
from __future__ import annotations

from endorsement.guidelines import get_edition
from endorsement.guidelines.case import Reference
from endorsement.guidelines.references import fill_slots

from .models import ReferenceRequest, RequestStatus

PENDING = (RequestStatus.REQUESTED, RequestStatus.OPENED, RequestStatus.IN_PROGRESS)
NEEDS_ACTION = (RequestStatus.DECLINED, RequestStatus.EXPIRED)


def case_status(status: str) -> str:
    """The engine's reference status for a request status (requested/opened/... -> pending)."""
    if status in PENDING:
        return "pending"
    return status


def active_requests(application) -> list[ReferenceRequest]:
    """The application's requests that were not replaced, oldest first."""
    cache = getattr(application, "_prefetched_objects_cache", {})
    if "reference_requests" in cache:
        rows = list(application.reference_requests.all())
    else:
        rows = list(ReferenceRequest.objects.filter(application=application))
    return [r for r in rows if r.status != RequestStatus.REPLACED]


def references_for_case(application) -> list[dict]:
    """One engine Reference dict per request that is not replaced."""
    return [
        {
            "role": r.role,
            "rater_level": (r.rater_endorsement or None) if r.endorsement_verified else None,
            "vetted": r.vetted,
            "status": case_status(r.status),
        }
        for r in active_requests(application)
    ]


def slot_filling(application, refs: list[dict] | None = None):
    """The engine's filling of the level's reference slots from the submitted ratings."""
    ed = get_edition()
    refs = references_for_case(application) if refs is None else refs
    return fill_slots(
        ed.reference_slots[application.category].value,
        [Reference(**r) for r in refs],
        ed.endorsed_rater_levels.value,
        application.category in ed.endorsed_rater_categories.value,
    )


def slots_complete(application, refs: list[dict] | None = None) -> bool:
    ed = get_edition()
    filling = slot_filling(application, refs)
    need_endorsed = application.category in ed.endorsed_rater_categories.value
    return filling.complete and (filling.has_endorsed or not need_endorsed)


def section_status(application) -> str:
    """not_started | in_progress | complete | needs_attention for the References section."""
    refs = references_for_case(application)
    if not refs:
        return "not_started"
    if any(r["status"] in NEEDS_ACTION for r in refs):
        return "needs_attention"
    if slots_complete(application, refs):
        return "complete"
    return "in_progress"
