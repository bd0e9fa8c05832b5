"""What the References section looks like to the engine and the task list (read only).

``references_for_case`` feeds the eligibility engine; ``section_status`` the task list.
"""
from __future__ import annotations

from applicants.models import Status as AppStatus
from endorsement.guidelines import competency_areas, get_edition
from endorsement.guidelines.case import Reference
from endorsement.guidelines.references import fill_slots

from .models import ReferenceRequest, RequestStatus

S = RequestStatus
PENDING = (S.REQUESTED, S.OPENED, S.IN_PROGRESS)
# A rating set aside (flagged, does not count) is replaced by the applicant like a decline.
NEEDS_ACTION = (S.DECLINED, S.EXPIRED, S.SET_ASIDE)


def case_status(status: str) -> str:
    """The engine's reference status for a request status (requested/opened/... -> pending;
    a rating set aside counts no more than a decline)."""
    if status == S.SET_ASIDE:
        return "declined"
    return "pending" if status in PENDING else status


def active_requests(application) -> list[ReferenceRequest]:
    """The application's requests that were not replaced, oldest first."""
    if "reference_requests" in getattr(application, "_prefetched_objects_cache", {}):
        rows = list(application.reference_requests.all())
    else:
        rows = list(ReferenceRequest.objects.filter(application=application))
    return [r for r in rows if r.status != S.REPLACED]


def references_for_case(application) -> list[dict]:
    """One engine Reference dict per request that is not replaced."""
    return [
        {
            "role": r.role,
            # what the coordinator verified, else nothing (never only what the applicant said)
            "rater_level": ((r.verified_level or r.rater_endorsement or None)
                            if r.endorsement_verified else None),
            "vetted": r.vetted,
            "status": case_status(r.status),
        }
        for r in active_requests(application)
    ]


def slots_for(application):
    """The reference slots of the application's level (engine data)."""
    return get_edition().reference_slots[application.category].value


def needs_endorsed_rater(application) -> bool:
    return application.category in get_edition().endorsed_rater_categories.value


def slot_filling(application, refs: list[dict] | None = None):
    """The engine's filling of the level's reference slots from the submitted ratings."""
    refs = references_for_case(application) if refs is None else refs
    return fill_slots(slots_for(application), [Reference(**r) for r in refs],
                      get_edition().endorsed_rater_levels.value, needs_endorsed_rater(application))


def slots_complete(application, refs: list[dict] | None = None) -> bool:
    filling = slot_filling(application, refs)
    return filling.complete and (filling.has_endorsed or not needs_endorsed_rater(application))


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


def can_ask(application) -> bool:
    """References may be asked for while editable, or after submit until they are complete."""
    if application.is_editable:
        return True
    if application.status == AppStatus.IN_REVIEW:
        # a rating the coordinator set aside during the review is replaced by the applicant
        return (any(r.status == S.SET_ASIDE for r in active_requests(application))
                and not slots_complete(application))
    return application.status == AppStatus.SUBMITTED and not slots_complete(application)


def areas_for(application):
    return competency_areas(application.program, application.category)
