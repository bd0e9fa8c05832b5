"""Every case in shared/rules/examples gives its expected verdict (CASES.md)."""

import json
import os
from pathlib import Path

import pytest

from endorsement.guidelines import APPLICATION_IDS, RENEWAL_IDS, evaluate

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = Path(os.environ.get("SHARED_DIR", REPO.parent / "shared")) / "rules" / "examples"
CASES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))


def test_examples_are_found():
    assert len(CASES) >= 13, f"expected the example cases in {EXAMPLES}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_example_verdict(path):
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text())
    case = json.loads(path.read_text())
    verdict = evaluate(case)
    unmet = {r["id"] for r in verdict["requirements"] if r["applies"] and not r["met"]}
    assert verdict["eligible"] is expected["eligible"]
    assert unmet == set(expected["unmet"])
    ids = APPLICATION_IDS if case["kind"] == "application" else RENEWAL_IDS
    assert [r["id"] for r in verdict["requirements"]] == list(ids)
    for r in verdict["requirements"]:
        assert r["detail"].strip()
        assert (r["met"] is None) is (not r["applies"])
    json.dumps(verdict)  # JSON-able
