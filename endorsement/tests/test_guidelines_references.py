"""Reference slots: a proper bipartite matching, distinct raters, the endorsed-rater rule."""

from endorsement.guidelines import MASSAIMH_2015, Reference, evaluate
from endorsement.guidelines.references import fill_slots
from endorsement.guidelines.samples import sample_application


def ref(role, level=None, *, vetted=False, status="submitted"):
    return {"role": role, "rater_level": level, "vetted": vetted, "status": status}


def references_row(level, track, refs):
    case = sample_application(level, track)
    case["references"] = refs
    return next(r for r in evaluate(case)["requirements"] if r["id"] == "references")


def test_matching_is_not_greedy():
    # Research/Faculty: the colleague must go to slot 2 so the supervisor can take slot 1.
    # Filling slots (or ratings) in order would put the colleague in slot 1 and fail.
    refs = [ref("colleague", "III"), ref("supervisor"), ref("student")]
    assert references_row("IV", "research_faculty", refs)["met"] is True


def test_matching_finds_a_filling_with_an_endorsed_rater():
    # Four ratings; the first three fill every slot but none is endorsed. The teacher
    # (endorsed) must replace the supervisor in slot 1 or slot 3.
    refs = [ref("supervisor"), ref("rsc_provider"), ref("colleague"), ref("teacher", "IV-P")]
    row = references_row("II", None, refs)
    assert row["met"] is True
    assert "endorsed" in row["detail"]


def test_more_than_three_ratings_extra_are_ignored():
    refs = [ref("supervisor", "III"), ref("teacher"), ref("consultant"), ref("rsc_provider"),
            ref("colleague")]
    assert references_row("III", None, refs)["met"] is True


def test_one_rater_fills_one_slot_only():
    refs = [ref("rsc_provider", "III"), ref("colleague")]
    row = references_row("II", None, refs)
    assert row["met"] is False
    assert row["detail"].startswith("2 of 3 reference slots filled")


def test_only_submitted_ratings_count():
    refs = [ref("supervisor"), ref("rsc_provider", "III", status="pending"),
            ref("colleague"), ref("rsc_provider", "IV-C", status="declined")]
    row = references_row("II", None, refs)
    assert row["met"] is False
    assert "the person who provides your reflective supervision/consultation" in row["detail"]
    assert "1 rating is still waiting for the rater" in row["detail"]


def test_levels_ii_to_iv_need_an_endorsed_rater():
    refs = [ref("supervisor", "I"), ref("rsc_provider"), ref("colleague")]
    row = references_row("II", None, refs)
    assert row["met"] is False
    assert "none is" in row["detail"]


def test_level_i_slot_two_takes_an_endorsed_or_vetted_rater():
    refs = [ref("supervisor"), ref("colleague", vetted=True), ref("service_recipient")]
    row = references_row("I", None, refs)
    assert row["met"] is True and "preferred" in row["detail"]
    refs[1]["vetted"] = False
    assert references_row("I", None, refs)["met"] is False
    refs[1]["rater_level"] = "I"          # Level I endorsement is not enough
    assert references_row("I", None, refs)["met"] is False
    refs[1]["rater_level"] = "II"
    assert references_row("I", None, refs)["met"] is True


def test_level_iii_third_slot_may_be_a_supervisee_but_level_ii_not():
    refs = [ref("supervisor"), ref("rsc_provider", "III"), ref("supervisee")]
    assert references_row("III", None, refs)["met"] is True
    assert references_row("II", None, refs)["met"] is False


def test_policy_mentor_may_ask_three_colleagues():
    refs = [ref("colleague"), ref("colleague", "IV-P"), ref("colleague")]
    assert references_row("IV", "policy", refs)["met"] is True
    assert references_row("IV", "clinical", refs)["met"] is False


def test_research_mentor_needs_a_student():
    refs = [ref("department_chair", "III"), ref("colleague"), ref("colleague")]
    row = references_row("IV", "research_faculty", refs)
    assert row["met"] is False and "a student you teach or supervise" in row["detail"]


def test_fill_slots_returns_a_maximum_matching():
    slots = MASSAIMH_2015.reference_slots["IV-RF"].value
    ratings = [Reference("colleague", None, False, "submitted"),
               Reference("colleague", None, False, "submitted"),
               Reference("supervisor", None, False, "submitted")]
    filling = fill_slots(slots, ratings, MASSAIMH_2015.endorsed_rater_levels.value, True)
    assert filling.filled == 2
    assert [s.label for s in filling.empty_slots] == ["a student you teach or supervise"]
    assert not filling.has_endorsed
