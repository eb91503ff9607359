"""The escalation ladder: community → sub-district → district, a deadline per tier."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.common.context import RequestContext
from services.common.errors import FailedPrecondition, InvalidArgument
from services.mediation import permissions
from services.mediation.domain import ladder

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
DAYS = {"community": 5, "subdistrict": 7, "district": 10}


def test_the_tiers_climb_in_order():
    assert ladder.TIERS == ("community", "subdistrict", "district")
    assert ladder.next_tier("community") == "subdistrict"
    assert ladder.next_tier("subdistrict") == "district"
    assert ladder.next_tier("district") is None
    assert ladder.previous_tier("district") == "subdistrict"
    assert ladder.previous_tier("community") is None


@pytest.mark.parametrize("tier, days", [("community", 5), ("subdistrict", 7), ("district", 10)])
def test_each_tier_has_its_own_deadline(tier, days):
    assert ladder.deadline(T0, tier, DAYS) == T0 + timedelta(days=days)


def test_a_case_is_due_only_after_its_deadline_and_below_the_top():
    due = T0 + timedelta(days=5)
    assert not ladder.due_for_escalation("community", due, due)
    assert ladder.due_for_escalation("community", due, due + timedelta(seconds=1))
    assert ladder.due_for_escalation("subdistrict", due, due + timedelta(seconds=1))
    assert not ladder.due_for_escalation("district", due, due + timedelta(days=30))


def test_deadlines_are_checked_per_tier():
    assert ladder.check_deadlines({"community": 1, "subdistrict": 365, "district": 2, "extra": 9}) == \
        {"community": 1, "subdistrict": 365, "district": 2}


@pytest.mark.parametrize("days, field", [
    ({"community": 5, "subdistrict": 7}, "deadline_days.district"),
    ({"community": 0, "subdistrict": 7, "district": 10}, "deadline_days.community"),
    ({"community": 5, "subdistrict": 366, "district": 10}, "deadline_days.subdistrict"),
    ({"community": 5, "subdistrict": 7, "district": "10"}, "deadline_days.district"),
    ({"community": True, "subdistrict": 7, "district": 10}, "deadline_days.community"),
])
def test_bad_deadlines_are_refused_naming_the_tier(days, field):
    with pytest.raises(InvalidArgument) as err:
        ladder.check_deadlines(days)
    assert err.value.field == field


def test_by_hand_up_and_down():
    assert ladder.check_manual("community", "up") == "subdistrict"
    assert ladder.check_manual("district", "down") == "subdistrict"
    with pytest.raises(FailedPrecondition):
        ladder.check_manual("district", "up")
    with pytest.raises(FailedPrecondition):
        ladder.check_manual("community", "down")
    with pytest.raises(InvalidArgument) as err:
        ladder.check_manual("community", "sideways")
    assert err.value.field == "direction"


# ---- whose case it is: the tier it is at

def test_the_tiers_from_one_upward():
    assert ladder.tiers_from("community") == ("community", "subdistrict", "district")
    assert ladder.tiers_from("subdistrict") == ("subdistrict", "district")
    assert ladder.tiers_from("district") == ("district",)


@pytest.mark.parametrize("role, works, oversees", [
    ("community_worker", ["community"], ["community"]),
    ("subdistrict_staff", ["subdistrict"], ["community", "subdistrict"]),
    ("district_admin", ["district"], ["community", "subdistrict", "district"]),
    ("mediator", [], []),            # a mediator works a case as one of its team, whatever the tier
])
def test_the_tier_a_case_is_at_says_whose_staff_work_it(role, works, oversees):
    ctx = RequestContext(actor="someone", roles=frozenset({role}), district="310101")
    assert [t for t in ladder.TIERS if permissions.works_at(ctx, t)] == works
    assert [t for t in ladder.TIERS if permissions.oversees(ctx, t)] == oversees
