"""A frozen record of the engine's verdicts, so a speed-up can be checked to change nothing.

``endorsement/tests/guidelines_golden.json.gz`` holds a few hundred cases (the samples, the
public examples and the edge cases mutated at random, fully random cases, renewals, ERS
applications, several Endorsements® renewed together, a few invalid ones) and, for each, the
full verdict dict the engine gave for the applicant and for staff (or the CaseError it
raised), recorded BEFORE the engine was restructured for speed (issue 12, point 5).
``test_guidelines_golden.py`` checks the engine still gives exactly those, byte for byte.

Regenerate only when a rule or a sentence is meant to change (then the diff of the verdicts
is the change to review): ``.venv/bin/python -m endorsement.tests.guidelines_golden``.
The cases are stored in the fixture, so the generator may change without moving the record.
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
import random
from pathlib import Path

from endorsement.guidelines import CATEGORY_CODES, CaseError, evaluate, evaluate_renewals
from endorsement.guidelines.samples import sample_application, sample_renewal
from endorsement.guidelines.vocabulary import (
    DEGREE_TYPES,
    LEADERSHIP_SCOPES,
    REFERENCE_ROLES,
    REFERENCE_STATUSES,
    WORK_KINDS,
    values,
)

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "guidelines_golden.json.gz"
REPO = HERE.parents[1]
EDITIONS = ("massaimh-2015", "vaimh-2023")
CATEGORIES = {"I": ("I", None), "II": ("II", None), "III": ("III", None),
              "IV-C": ("IV", "clinical"), "IV-P": ("IV", "policy"),
              "IV-RF": ("IV", "research_faculty")}


def _day(rnd: random.Random) -> str:
    roll = rnd.random()
    if roll < 0.03:
        return rnd.choice(["0001-01-01", "9999-12-31", "2024-02-29", "2000-02-29"])
    return (dt.date(2000, 1, 1) + dt.timedelta(days=rnd.randint(0, 31 * 365))).isoformat()


def _near(rnd: random.Random, day: str) -> str:
    """A date a few days (or months) either side of ``day``."""
    base = dt.date.fromisoformat(day)
    step = rnd.choice([-1, 0, 1, -30, 30, -365, 365, -730, 730, rnd.randint(-900, 900)])
    try:
        return (base + dt.timedelta(days=step)).isoformat()
    except OverflowError:
        return day


def _hours(rnd: random.Random) -> int | float:
    return rnd.choice([
        0, 0.1, 0.5, 1, 1.2, 1.5, 2.5, 6, 12, 14.9, 15, 23.9, 24, 29.9, 30, 0.9999, 12.35,
        rnd.randint(0, 40), round(rnd.uniform(0, 10), 1), round(rnd.uniform(0, 3), 2)])


def _level(rnd: random.Random) -> str | None:
    return rnd.choice([None, *CATEGORY_CODES])


def _training(rnd: random.Random) -> dict:
    return {"date": _day(rnd), "hours": _hours(rnd), "about_rsc": rnd.random() < 0.3}


def _rsc(rnd: random.Random, near: str | None = None) -> dict:
    entry = {"date": _near(rnd, near) if near and rnd.random() < 0.7 else _day(rnd),
             "hours": _hours(rnd), "format": rnd.choice(["individual", "group"]),
             "provider_level": _level(rnd),
             "provider_degree": rnd.choice([None, *values(DEGREE_TYPES)])}
    if rnd.random() < 0.2:
        entry["provider_ers"] = rnd.random() < 0.5
    if rnd.random() < 0.15:
        entry["about_provision"] = rnd.random() < 0.5
    return entry


def _work(rnd: random.Random) -> dict:
    start = _day(rnd)
    end = None if rnd.random() < 0.4 else _near(rnd, start)
    if end is not None and end < start:
        start, end = end, start
    return {"start": start, "end": end, "paid": rnd.random() < 0.8,
            "kind": rnd.choice(values(WORK_KINDS)), "families_served": rnd.randint(0, 30),
            "social_emotional_focus": rnd.random() < 0.85,
            "relationship_focus": rnd.random() < 0.85, "internship": rnd.random() < 0.2,
            "internship_supervisor_level": _level(rnd)}


def _reference(rnd: random.Random) -> dict:
    ref = {"role": rnd.choice(values(REFERENCE_ROLES)), "rater_level": _level(rnd),
           "vetted": rnd.random() < 0.2,
           "status": rnd.choice(["submitted"] * 4 + list(values(REFERENCE_STATUSES)))}
    if rnd.random() < 0.1:
        ref["claimed_level"] = rnd.choice(["II", "III", "IV-C"])
    return ref


def _degree(rnd: random.Random) -> dict:
    return {"type": rnd.choice(values(DEGREE_TYPES)),
            "name": rnd.choice(["", " ", "MSW", "BA", " PhD "]),
            "related_field": rnd.random() < 0.8, "awarded": _day(rnd),
            "transcript": rnd.random() < 0.85}


def random_application(rnd: random.Random) -> dict:
    level, track = CATEGORIES[rnd.choice(CATEGORY_CODES)]
    return {
        "kind": "application", "program": rnd.choice(["IMH-E", "ECMH-E"]),
        "level": level, "track": track, "as_of": _day(rnd),
        "degrees": [_degree(rnd) for _ in range(rnd.randint(0, 3))],
        "training": [_training(rnd) for _ in range(rnd.randint(0, 6))],
        "work": [_work(rnd) for _ in range(rnd.randint(0, 4))],
        "leadership": [{"description": "x", "scope": rnd.choice(values(LEADERSHIP_SCOPES))}
                       for _ in range(rnd.randint(0, 2))],
        "rsc": [_rsc(rnd) for _ in range(rnd.randint(0, 12))],
        "references": [_reference(rnd) for _ in range(rnd.randint(0, 6))],
        "code_of_ethics_signed": rnd.random() < 0.8, "agreement_signed": rnd.random() < 0.8,
        "membership_expires": None if rnd.random() < 0.2 else _day(rnd),
        "exam": None if rnd.random() < 0.3 else {"passed": rnd.random() < 0.7},
        "fee_paid": rnd.random() < 0.8,
    }


def mutate_application(rnd: random.Random, case: dict) -> dict:
    """``case`` with one to five random changes."""
    case = copy.deepcopy(case)
    for _ in range(rnd.randint(1, 5)):
        what = rnd.randrange(14)
        if what == 0:
            case["as_of"] = _near(rnd, case["as_of"])
        elif what == 1:
            case["program"] = rnd.choice(["IMH-E", "ECMH-E"])
        elif what == 2 and case["degrees"]:
            d = rnd.choice(case["degrees"])
            key = rnd.choice(["awarded", "transcript", "related_field", "type", "name"])
            d[key] = {"awarded": _near(rnd, d["awarded"]), "transcript": not d["transcript"],
                      "related_field": not d["related_field"],
                      "type": rnd.choice(values(DEGREE_TYPES)), "name": ""}[key]
        elif what == 3:
            case["degrees"].append(_degree(rnd))
        elif what == 4:
            case["training"].append(_training(rnd))
        elif what == 5 and case["training"]:
            case["training"].pop(rnd.randrange(len(case["training"])))
        elif what == 6:
            near = case["rsc"][0]["date"] if case["rsc"] else case["as_of"]
            case["rsc"].append(_rsc(rnd, near))
        elif what == 7 and case["rsc"]:
            s = rnd.choice(case["rsc"])
            s.update(rnd.choice([{"hours": _hours(rnd)}, {"provider_level": _level(rnd)},
                                 {"date": _near(rnd, s["date"])},
                                 {"provider_ers": True}, {"provider_degree": "bachelor"}]))
        elif what == 8:
            case["work"].append(_work(rnd))
        elif what == 9 and case["work"]:
            w = rnd.choice(case["work"])
            w.update(rnd.choice([{"end": _near(rnd, w["start"])}, {"paid": False},
                                 {"internship": True, "internship_supervisor_level": "III"},
                                 {"families_served": rnd.randint(0, 15)},
                                 {"start": _near(rnd, w["start"]), "end": None},
                                 {"relationship_focus": False}]))
            if w["end"] is not None and w["end"] < w["start"]:
                w["start"], w["end"] = w["end"], w["start"]
        elif what == 10:
            case["references"].append(_reference(rnd))
        elif what == 11 and case["references"]:
            r = rnd.choice(case["references"])
            r.update(rnd.choice([{"status": rnd.choice(values(REFERENCE_STATUSES))},
                                 {"rater_level": _level(rnd)}, {"vetted": True},
                                 {"role": rnd.choice(values(REFERENCE_ROLES))},
                                 {"rater_level": None, "claimed_level": "III"}]))
        elif what == 12:
            key = rnd.choice(["code_of_ethics_signed", "agreement_signed", "fee_paid"])
            case[key] = not case[key]
        else:
            case.update(rnd.choice([{"exam": None}, {"exam": {"passed": False}},
                                    {"membership_expires": None},
                                    {"membership_expires": _near(rnd, case["as_of"])}]))
    return case


def random_renewal(rnd: random.Random) -> dict:
    level, track = CATEGORIES[rnd.choice(CATEGORY_CODES)]
    case = sample_renewal(level, track)
    if rnd.random() < 0.5:
        start = _day(rnd)
        try:
            end = (dt.date.fromisoformat(start) + dt.timedelta(days=364)).isoformat()
        except OverflowError:
            end = start
        case.update(period_start=start, period_end=end)
    case["program"] = rnd.choice(["IMH-E", "ECMH-E"])
    case["endorsed_on"] = _near(rnd, case["period_start"])
    case["provides_rsc"] = rnd.random() < 0.5
    for _ in range(rnd.randint(0, 4)):
        case["training"].append(dict(_training(rnd), date=_near(rnd, case["period_start"])))
    for _ in range(rnd.randint(0, 6)):
        case["rsc"].append(_rsc(rnd, case["period_start"]))
    if rnd.random() < 0.3:
        case["rsc"] = case["rsc"][: rnd.randint(0, len(case["rsc"]))]
    if rnd.random() < 0.3:
        case["membership_expires"] = rnd.choice([None, _near(rnd, case["period_end"])])
    return case


def _providing(rnd: random.Random, as_of: str) -> dict:
    if rnd.random() < 0.6:
        start, end = sorted([_near(rnd, as_of), _near(rnd, as_of)])
        return {"start": start, "end": end, "supervisees": rnd.randint(0, 3)}
    return {"start": _near(rnd, as_of), "end": None, "supervisees": rnd.randint(0, 3)}


def random_ers(rnd: random.Random) -> dict:
    level, track = CATEGORIES[rnd.choice(["II", "III", "II", "III", "I", "IV-C"])]
    as_of = _near(rnd, "2026-11-22")
    applying = rnd.choice(["full", "emerging"])
    return {
        "kind": "ers", "program": rnd.choice(["IMH-E", "ECMH-E"]), "level": level,
        "track": track, "as_of": as_of, "applying_for": applying,
        "endorsed": rnd.random() < 0.7,
        "emerging_approved_on": None if rnd.random() < 0.5 else _near(rnd, as_of),
        "providing": [_providing(rnd, as_of) for _ in range(rnd.randint(0, 3))],
        "rsc": [dict(_rsc(rnd, as_of), about_provision=rnd.random() < 0.6,
                     provider_ers=rnd.random() < 0.4) for _ in range(rnd.randint(0, 4))],
        "training": [dict(_training(rnd), date=_near(rnd, as_of), about_rsc=rnd.random() < 0.8)
                     for _ in range(rnd.randint(0, 5))],
        "membership_expires": None if rnd.random() < 0.2 else _near(rnd, as_of),
    }


def random_multi_renewal(rnd: random.Random) -> dict:
    case = random_renewal(rnd)
    for key in ("program", "level", "track", "endorsed_on"):
        case.pop(key)
    held = rnd.choice([
        [("IMH-E", "III", None), ("ECMH-E", "III", None)],
        [("IMH-E", "II", None), ("ECMH-E", "II", None)],
        [("IMH-E", "IV", "clinical"), ("IMH-E", "IV", "policy")],
        [("IMH-E", "IV", "clinical"), ("ECMH-E", "III", None)],
        [("ECMH-E", "IV", "research_faculty")],
    ])
    case["held"] = [{"program": p, "level": lvl, "track": t,
                     "endorsed_on": _near(rnd, case["period_start"])} for p, lvl, t in held]
    return case


def invalid(rnd: random.Random, case: dict) -> dict:
    """``case`` broken in one field (the error message is part of the record)."""
    case = copy.deepcopy(case)
    broken = rnd.choice([
        ("training", {"date": "2025-13-01", "hours": 1, "about_rsc": False}),
        ("training", {"date": "2025-01-01", "hours": -1, "about_rsc": False}),
        ("training", {"date": "2025-01-01", "hours": 1e308, "about_rsc": False}),
        ("rsc", {"date": "2025-01-01", "hours": 1, "format": "phone",
                 "provider_level": None, "provider_degree": None}),
        ("rsc", {"date": "2025-01-01", "hours": "2", "format": "group",
                 "provider_level": "III", "provider_degree": None}),
    ])
    case.setdefault(broken[0], []).append(broken[1])
    return case


def public_cases() -> list[dict]:
    """The shared examples and the engine's own edge cases, as files."""
    folders = [REPO.parent / "shared" / "rules" / "examples", HERE / "cases"]
    return [json.loads(f.read_text(encoding="utf-8")) for folder in folders
            for f in sorted(folder.glob("*.json")) if not f.name.endswith(".expected.json")]


def generate(seed: int = 12) -> list[dict]:
    """The cases and the edition each is decided under (``{"case", "edition", "multi"}``)."""
    rnd = random.Random(seed)
    samples = [sample_application(*CATEGORIES[c]) for c in CATEGORY_CODES]
    bases = samples + [c for c in public_cases() if c.get("kind") == "application"]
    items: list[dict] = []

    def add(case: dict, multi: bool = False) -> None:
        items.append({"case": case, "edition": rnd.choice(EDITIONS), "multi": multi})

    for case in public_cases():
        items.append({"case": case, "edition": EDITIONS[0], "multi": False})
    for case in samples:
        for edition in EDITIONS:
            items.append({"case": case, "edition": edition, "multi": False})
    for _ in range(260):
        add(mutate_application(rnd, rnd.choice(bases)))
    for _ in range(80):
        add(random_application(rnd))
    for _ in range(60):
        add(random_renewal(rnd))
    for _ in range(40):
        items.append({"case": random_ers(rnd), "edition": "vaimh-2023", "multi": False})
    for _ in range(15):
        add(random_multi_renewal(rnd), multi=True)
    for _ in range(10):
        add(invalid(rnd, rnd.choice(samples)))
    for item in items[::7]:   # a case naming its own edition wins over the argument
        if not item["multi"] and item["case"].get("kind") != "ers":
            item["case"] = dict(item["case"], edition=rnd.choice(EDITIONS))
    return items


def decide(item: dict, audience: str) -> dict:
    """The engine's answer for one recorded item, as JSON-able data."""
    run = evaluate_renewals if item["multi"] else evaluate
    try:
        return json.loads(json.dumps(run(item["case"], item["edition"], audience=audience)))
    except CaseError as exc:
        return {"error": str(exc), "field": exc.field}


def record(items: list[dict]) -> list[dict]:
    return [dict(item, applicant=decide(item, "applicant"), staff=decide(item, "staff"))
            for item in items]


def load() -> list[dict]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as f:
        return json.load(f)


def main() -> None:
    rows = record(generate())
    # keys kept in the engine's order: that order is part of the output
    text = json.dumps(rows, ensure_ascii=False, indent=0)
    with gzip.GzipFile(FIXTURE, "wb", mtime=0) as f:   # mtime=0: the same bytes each time
        f.write(text.encode("utf-8"))
    errors = sum("error" in r["applicant"] for r in rows)
    eligible = sum(bool(r["applicant"].get("eligible")) for r in rows)
    print(f"{FIXTURE.name}: {len(rows)} cases ({eligible} eligible, {errors} refused)")


if __name__ == "__main__":
    main()
