"""The project's own case files (endorsement/tests/cases/, written from the contract's
"How each requirement is decided" lines) give their expected verdicts, by the engine and
through ``manage.py evaluate_case``."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from endorsement.guidelines import evaluate

CASES_DIR = Path(__file__).with_name("cases")
CASES = sorted(p for p in CASES_DIR.glob("*.json") if not p.name.endswith(".expected.json"))


def test_cases_are_found():
    assert len(CASES) >= 9


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_verdict(path):
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text())
    for case in (json.loads(path.read_text()), json.loads(path.read_text(), parse_float=Decimal)):
        verdict = evaluate(case)
        unmet = {r["id"] for r in verdict["requirements"] if r["applies"] and not r["met"]}
        assert (verdict["eligible"], unmet) == (expected["eligible"], set(expected["unmet"]))


@pytest.mark.parametrize("path", CASES[:3], ids=[p.stem for p in CASES[:3]])
def test_case_through_the_command(path, capsys):
    call_command("evaluate_case", str(path))
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text())
    assert json.loads(capsys.readouterr().out)["eligible"] is expected["eligible"]
