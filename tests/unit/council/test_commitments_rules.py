"""Commitments' rules (承诺、践诺、评诺): who promises, for which year and by when, keeping records, and
the residents' evaluations with their tally."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.council.domain import commitments as rules

TODAY = date(2026, 6, 1)


def test_exactly_one_maker():
    assert rules.maker_kind("u1", None) == "unit" and rules.maker_kind(None, "p1") == "member"
    assert pytest.raises(InvalidArgument, rules.maker_kind, None, None).value.field == "organisation_id"
    assert pytest.raises(InvalidArgument, rules.maker_kind, "u1", "p1").value.field == "person_id"


def test_a_persons_commitment_is_a_party_members():
    rules.check_party_member({"id": "p1", "is_member": True})
    assert pytest.raises(FailedPrecondition, rules.check_party_member, {"id": "r1", "is_member": False}).value.field \
        == "person_id"


@pytest.mark.parametrize("year", [2025, 2028, "2026", 2026.0, True])
def test_a_commitment_is_for_this_year_or_next(year):
    assert pytest.raises(InvalidArgument, rules.check_year, year, 2026).value.field == "year"


def test_what_and_by_when():
    assert rules.check_what("  为社区老人义诊 ") == "为社区老人义诊"
    assert pytest.raises(InvalidArgument, rules.check_what, " ").value.field == "what"
    assert pytest.raises(InvalidArgument, rules.check_what, "x" * 501).value.field == "what"
    rules.check_due(date(2026, 12, 31), 2026, TODAY)
    assert pytest.raises(InvalidArgument, rules.check_due, date(2027, 1, 1), 2026, TODAY).value.field == "due_on"
    assert pytest.raises(InvalidArgument, rules.check_due, date(2026, 5, 31), 2026, TODAY).value.field == "due_on"


def test_keeping_is_recorded_once_done_and_marked_kept_once():
    rules.check_record(TODAY, 2026, TODAY)
    assert pytest.raises(InvalidArgument, rules.check_record, date(2026, 6, 2), 2026, TODAY).value.field == "done_on"
    assert pytest.raises(InvalidArgument, rules.check_record, date(2025, 12, 31), 2026, TODAY).value.field == \
        "done_on"
    rules.check_markable("open", True)
    rules.check_markable("kept", False)  # a note after it was kept
    assert pytest.raises(FailedPrecondition, rules.check_markable, "kept", True).value.field == "kept"


def test_the_ratings_and_their_tally():
    assert pytest.raises(InvalidArgument, rules.check_rating, "good").value.field == "rating"
    t = rules.tally(["satisfied", "satisfied", "basically_satisfied", "dissatisfied"])
    assert t == {"evaluations": 4, "satisfied": 2, "basically_satisfied": 1, "dissatisfied": 1,
                 "satisfied_percent": 75}
    assert rules.tally(["satisfied", "dissatisfied", "dissatisfied"])["satisfied_percent"] == 33
    assert rules.tally(["satisfied", "basically_satisfied", "dissatisfied"])["satisfied_percent"] == 67
    assert rules.tally([]) == {"evaluations": 0, "satisfied": 0, "basically_satisfied": 0, "dissatisfied": 0,
                               "satisfied_percent": 0}
