"""Sample case files that meet every requirement, one per category: for demos and tests.

``sample_application("II")`` returns a fresh JSON-able dict (ISO date strings) that the
engine finds eligible; change a field to see a requirement fail.
"""

from __future__ import annotations

import copy

from .vocabulary import category_code

AS_OF = "2026-11-22"


def _work(start: str, kind: str, *, families: int = 0, paid: bool = True) -> dict:
    return {"start": start, "end": None, "paid": paid, "kind": kind,
            "families_served": families, "social_emotional_focus": True,
            "relationship_focus": True, "internship": False,
            "internship_supervisor_level": None}


def _rsc(count: int, hours: float, provider: str, year: int = 2025) -> list[dict]:
    return [{"date": f"{year + m // 12}-{m % 12 + 1:02d}-10", "hours": hours,
             "format": "individual", "provider_level": provider, "provider_degree": "master"}
            for m in range(count)]


def _refs(*roles: str, endorsed: int = 1) -> list[dict]:
    return [{"role": role, "rater_level": "III" if i == endorsed else None, "vetted": False,
             "status": "submitted"} for i, role in enumerate(roles)]


def _degree(kind: str, name: str, awarded: str) -> dict:
    return {"type": kind, "name": name, "related_field": True, "awarded": awarded,
            "transcript": True}


_BACHELOR = _degree("bachelor", "BA", "2008-05-20")
_MASTER = _degree("master", "MSW", "2010-05-15")

_BY_CATEGORY: dict[str, dict] = {
    "I": {"degrees": [_degree("cda", "CDA", "2022-06-01")],
          "work": [_work("2020-09-01", "early_childhood")],
          "rsc": [], "references": _refs("teacher", "colleague", "service_recipient")},
    "II": {"degrees": [_degree("bachelor", "BSW", "2016-05-20")],
           "work": [_work("2016-09-01", "infant_family", families=14)],
           "rsc": _rsc(24, 1.5, "III", 2024),
           "references": _refs("supervisor", "rsc_provider", "colleague")},
    "III": {"degrees": [_BACHELOR, _MASTER],
            "work": [_work("2010-07-01", "imh_specialized", families=30)],
            "rsc": _rsc(22, 2.5, "IV-C"),
            "references": _refs("supervisor", "rsc_provider", "colleague")},
    "IV-C": {"degrees": [_BACHELOR, _MASTER],
             "work": [_work("2010-07-01", "imh_specialized", families=40),
                      _work("2014-01-01", "rsc_provider")],
             "rsc": _rsc(22, 2.5, "IV-C"),
             "references": _refs("colleague", "rsc_provider", "supervisee")},
    "IV-P": {"degrees": [_BACHELOR, _MASTER],
             "work": [_work("2012-02-01", "policy_leadership")],
             "rsc": [], "references": _refs("supervisor", "colleague", "colleague")},
    "IV-RF": {"degrees": [_BACHELOR, _MASTER],
              "work": [_work("2012-09-01", "faculty_research")],
              "rsc": [], "references": _refs("department_chair", "colleague", "student")},
}


def sample_application(level: str = "II", track: str | None = None) -> dict:
    """An application at ``level`` (and Level IV ``track``) that meets every requirement."""
    code = category_code(level, track)
    parts = copy.deepcopy(_BY_CATEGORY[code])
    return {
        "kind": "application", "program": "IMH-E", "level": level, "track": track,
        "as_of": AS_OF,
        "degrees": parts["degrees"],
        "training": [{"date": f"2025-0{m}-05", "hours": 6, "about_rsc": False}
                     for m in range(1, 6)],
        "work": parts["work"],
        "leadership": ([{"description": "Co-chair, state IMH network", "scope": "state"}]
                       if level == "IV" else []),
        "rsc": parts["rsc"],
        "references": parts["references"],
        "code_of_ethics_signed": True, "agreement_signed": True,
        "membership_expires": "2027-06-30",
        "exam": {"passed": True} if code not in ("I", "II") else None,
        "fee_paid": True,
    }


def sample_renewal(level: str = "II", track: str | None = None) -> dict:
    """A renewal for the year 2025-07-01 to 2026-06-30 that meets every requirement."""
    return {
        "kind": "renewal", "program": "IMH-E", "level": level, "track": track,
        "endorsed_on": "2024-01-15", "period_start": "2025-07-01", "period_end": "2026-06-30",
        "training": [{"date": "2025-09-12", "hours": 12, "about_rsc": False},
                     {"date": "2026-03-03", "hours": 4, "about_rsc": True}],
        "rsc": [{"date": f"2025-{m:02d}-10", "hours": 1.5, "format": "group",
                 "provider_level": "IV-C", "provider_degree": "master"} for m in range(8, 13)]
        + [{"date": f"2026-0{m}-10", "hours": 1.5, "format": "group",
            "provider_level": "IV-C", "provider_degree": "master"} for m in range(1, 4)],
        "provides_rsc": level == "III",
        "membership_expires": "2027-06-30",
    }
