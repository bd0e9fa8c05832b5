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
    """One engine Reference dict per request that is not replaced (with ``claimed_level``
    when the applicant named an Endorsement® the coordinator has not confirmed yet)."""
    rows = []
    for r in active_requests(application):
        row = {
            "role": r.role,
            # what the coordinator verified, else nothing (never only what the applicant said)
            "rater_level": ((r.verified_level or r.rater_endorsement or None)
                            if r.endorsement_verified else None),
            "vetted": r.vetted,
            "status": case_status(r.status),
        }
        if r.rater_endorsement and not r.endorsement_verified:
            row["claimed_level"] = r.rater_endorsement
        rows.append(row)
    return rows


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


# ---------------------------------------------------------------- which raters fit the level

def allowed_roles(application) -> list[str]:
    """The rater roles the category's reference slots accept, in RaterRole order."""
    from .models import RaterRole

    slots = slots_for(application)
    if any(s.roles is None for s in slots):
        return list(RaterRole.values)
    accepted = set().union(*(s.roles for s in slots))
    return [r for r in RaterRole.values if r in accepted]


def _hopeful(role: str) -> Reference:
    """A rater as if they rate and the coordinator accepts them (for planning, not counting)."""
    return Reference(role=role, rater_level=None, vetted=True, status="submitted")


def slot_gain(application, role: str, exclude=None) -> bool:
    """Whether one more rater in ``role`` could fill a place the raters already asked (those
    pending or submitted, except ``exclude``) leave empty, if everyone rated."""
    others = [_hopeful(r.role) for r in active_requests(application)
              if r.status not in NEEDS_ACTION and r != exclude]
    edition = get_edition()

    def filled(refs):
        return fill_slots(slots_for(application), refs, edition.endorsed_rater_levels.value,
                          False).filled

    return filled([*others, _hopeful(role)]) > filled(others)


def unused_ratings(application) -> dict[int, str]:
    """Submitted ratings that fill none of the level's places: request id -> the reason, in
    plain words. Empty once every place is filled (an extra rating is then no dead end)."""
    from django.utils.translation import gettext as _

    from .models import RaterRole

    cases = references_for_case(application)
    rows = [(r, Reference(**d)) for r, d in
            zip(active_requests(application), cases, strict=True)]
    filling = slot_filling(application, cases)
    if filling.complete:
        return {}
    used = list(filling.raters)  # compared by value, one use per matching rating
    reasons = {}
    labels = dict(RaterRole.choices)
    accepted = set(allowed_roles(application))
    for ref, case_ref in rows:
        if ref.status != S.SUBMITTED:
            continue
        if case_ref in used:
            used.remove(case_ref)
            continue
        role = labels.get(ref.role, ref.role)
        if ref.role not in accepted:
            reasons[ref.pk] = _("A rating from “%(role)s” is not one this level accepts.") % {
                "role": role}
        elif any(s.endorsed_or_vetted and (s.roles is None or ref.role in s.roles)
                 for s in filling.empty_slots):
            reasons[ref.pk] = _("It can fill the remaining place only once the Endorsement® "
                                "Coordinator has confirmed the rater's Endorsement® or "
                                "spoken with them.")
        else:
            reasons[ref.pk] = _("The places a rating from “%(role)s” can fill are already "
                                "taken by your other raters.") % {"role": role}
    return reasons


def outstanding_items(application):
    """The raters, as items of the applicant's live "still outstanding" list."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from applicants.outstanding import Item

    url = reverse("references:section", args=[application.pk])
    unused = unused_ratings(application) if application.status != AppStatus.WITHDRAWN else {}
    ask_text = _("Ask someone else") if can_ask(application) else _(
        "See your references (the Endorsement® Coordinator can help)")
    items = []
    for ref in active_requests(application):
        name = ref.rater_name
        if ref.status == S.SUBMITTED and ref.pk not in unused:
            items.append(Item(_("%(name)s's rating has arrived.") % {"name": name}, done=True))
        elif ref.status == S.SUBMITTED:
            items.append(Item(_("%(name)s's rating does not count toward your level.") % {
                "name": name}, needs_action=True, url=url, link_text=ask_text))
        elif ref.status == S.DECLINED:
            items.append(Item(_("%(name)s declined to rate you.") % {"name": name},
                              needs_action=True, url=url, link_text=ask_text))
        elif ref.status == S.EXPIRED:
            items.append(Item(_("The link sent to %(name)s expired.") % {"name": name},
                              needs_action=True, url=url, link_text=ask_text))
        else:
            items.append(Item(_("Waiting for %(name)s's rating.") % {"name": name}))
    missing = len(slots_for(application)) - len(items)
    if missing > 0:
        items.append(Item(_("You have not yet asked all the raters this level needs."),
                          needs_action=True, url=url, link_text=_("Ask a rater")))
    return items
