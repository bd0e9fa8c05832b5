"""The engine's verdicts are exactly those recorded before it was restructured for speed
(issue 12, point 5): ~500 cases, the full verdict dict for the applicant and for staff, or
the same CaseError message. See ``guidelines_golden.py`` for what the record holds."""

import json

import pytest

from endorsement.tests.guidelines_golden import decide, load

ROWS = load()


def test_the_record_is_large_and_varied():
    assert len(ROWS) >= 400
    kinds = {r["case"].get("kind") for r in ROWS}
    assert kinds == {"application", "renewal", "ers"}
    assert sum(bool(r["applicant"].get("eligible")) for r in ROWS) >= 50
    assert any(r["multi"] for r in ROWS) and any("error" in r["applicant"] for r in ROWS)


@pytest.mark.parametrize("audience", ["applicant", "staff"])
def test_every_recorded_verdict_is_given_again_byte_for_byte(audience):
    differ = []
    for i, row in enumerate(ROWS):
        now = json.dumps(decide(row, audience), ensure_ascii=False, sort_keys=False)
        then = json.dumps(row[audience], ensure_ascii=False, sort_keys=False)
        if now != then:
            differ.append(i)
    assert not differ, (f"{len(differ)} verdicts changed, first: case {differ[0]}\n"
                        f"{json.dumps(ROWS[differ[0]]['case'])}")
