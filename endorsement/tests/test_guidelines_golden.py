"""The engine's verdicts are exactly those recorded before it was restructured for speed
(issue 12, point 5): ~500 cases, the full verdict dict for the applicant and for staff, or
the same CaseError message. See ``guidelines_golden.py`` for what the record holds."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endorsement.guidelines.periods import best_window
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


# --- the RSC window's shortcut gives what the sliding loop gave ------------------------

def _best_window_as_before(sessions, window_days):
    """periods.best_window as it was before the speed work (the sliding loop alone)."""
    items = sorted(sessions)
    best, best_first, best_last = Decimal(0), None, None
    total, lo = Decimal(0), 0
    for day, secs in items:
        total += secs
        while (day - items[lo][0]).days >= window_days:
            total -= items[lo][1]
            lo += 1
        if total > best:
            best, best_first, best_last = total, items[lo][0], day
    return best, best_first, best_last


_sessions = st.lists(st.tuples(
    st.dates(dt.date(2020, 1, 1), dt.date(2023, 12, 31)) | st.sampled_from(
        [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2022, 1, 1), dt.date(2023, 12, 31)]),
    st.sampled_from([Decimal(0), Decimal("0.1"), Decimal("1.5"), Decimal(2)])), max_size=30)


@settings(max_examples=400, deadline=None)
@given(_sessions, st.sampled_from([1, 2, 365, 729, 730, 731, 1500]))
def test_the_best_window_is_what_the_sliding_loop_found(sessions, window_days):
    assert best_window(sessions, window_days) == _best_window_as_before(sessions, window_days)
