"""Earning rules: validation, who they apply to, caps per day and month, the version in force."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.points.domain import rules as R
from services.points.domain.rules import RuleTerms

D = date(2026, 1, 1)


def terms(points=5, applies_to=("resident",), daily=None, monthly=None, start=D, end=None, approval=False):
    return RuleTerms("volunteer_service", points, tuple(applies_to), daily, monthly, approval, start, end)


def test_a_good_rule_passes():
    R.check_rule("volunteer_service", 5, ["resident", "household"], 10, 50, D, date(2026, 12, 31))
    R.check_rule("missed_meeting", -5, ["organ", "community"], None, None, D, None)


@pytest.mark.parametrize("args,field", [
    (("X", 5, ["resident"], None, None, D, None), "action_type"),
    (("a", 5, ["resident"], None, None, D, None), "action_type"),
    (("has space", 5, ["resident"], None, None, D, None), "action_type"),
    (("ok_action", 0, ["resident"], None, None, D, None), "points"),
    (("ok_action", 10_001, ["resident"], None, None, D, None), "points"),
    (("ok_action", 2.5, ["resident"], None, None, D, None), "points"),
    (("ok_action", True, ["resident"], None, None, D, None), "points"),
    (("ok_action", 5, [], None, None, D, None), "applies_to"),
    (("ok_action", 5, ["alien"], None, None, D, None), "applies_to[0]"),
    (("ok_action", 5, ["resident", "alien"], None, None, D, None), "applies_to[1]"),
    (("ok_action", 5, ["resident", "organ"], None, None, D, None), "applies_to"),
    (("ok_action", -5, ["resident"], None, None, D, None), "points"),
    (("ok_action", 5, ["resident"], 3, None, D, None), "daily_cap"),
    (("ok_action", 5, ["resident"], None, 4, D, None), "monthly_cap"),
    (("ok_action", 5, ["resident"], 10, 5, D, None), "monthly_cap"),
    (("ok_action", 5, ["resident"], None, None, D, date(2025, 12, 31)), "effective_to"),
])
def test_bad_rules_are_refused_naming_the_field(args, field):
    with pytest.raises(InvalidArgument) as err:
        R.check_rule(*args)
    assert err.value.field == field


def test_programme_and_audience():
    assert R.programme_of_rule(["organ"]) == "member_points"
    assert R.programme_of_rule(["household"]) == "moral_bank"
    assert R.audience_of("member", "new_org") == "new_org"
    assert R.audience_of("household", None) == "household"


def test_a_rule_applies_only_to_its_audience():
    R.check_applies(terms(applies_to=("resident", "household")), "household")
    with pytest.raises(FailedPrecondition) as err:
        R.check_applies(terms(applies_to=("resident",)), "unit")
    assert err.value.field == "account"


@pytest.mark.parametrize("daily,monthly,today,month,expected", [
    (None, None, 100, 1000, 5),
    (10, None, 0, 0, 5),
    (10, None, 7, 7, 3),
    (10, None, 10, 10, 0),
    (None, 20, 0, 18, 2),
    (10, 20, 0, 20, 0),
    (10, 20, 12, 12, 0),   # over the cap (a later lower cap): never negative
])
def test_caps_limit_what_is_still_awarded(daily, monthly, today, month, expected):
    assert R.capped_points(terms(daily=daily, monthly=monthly), today, month) == expected


def test_a_deduction_rule_is_capped_by_its_size():
    assert R.capped_points(terms(points=-5, applies_to=("organ",), daily=8), 4, 4) == 4


def test_the_version_in_force_is_the_latest_started_and_not_ended():
    v1 = terms(points=5, start=date(2026, 1, 1), end=date(2026, 6, 30))
    v2 = terms(points=8, start=date(2026, 7, 1))
    assert R.effective([v1, v2], date(2025, 12, 31)) is None
    assert R.effective([v1, v2], date(2026, 6, 30)).points == 5
    assert R.effective([v1, v2], date(2026, 7, 1)).points == 8
    ended = terms(start=date(2026, 1, 1), end=date(2026, 3, 31))
    assert R.effective([ended], date(2026, 4, 1)) is None
