"""The rules of organisational life: periods, the rhythm owed (defaults and a district's own), figures."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.centers.domain import organisational_life as life


def test_periods_are_months_and_quarters():
    assert life.period_of(date(2026, 5, 31), "month") == "2026-05"
    assert life.period_of(date(2026, 5, 31), "quarter") == "2026-Q2"
    assert life.period_bounds("2026-Q4") == (date(2026, 10, 1), date(2027, 1, 1))
    assert life.period_bounds("2026-12") == (date(2026, 12, 1), date(2027, 1, 1))
    assert life.periods_in(date(2026, 3, 15), date(2026, 5, 2), "month") == ["2026-03", "2026-04", "2026-05"]
    assert life.periods_in(date(2026, 3, 15), date(2026, 5, 2), "quarter") == ["2026-Q1", "2026-Q2"]
    assert life.last_ended(date(2026, 1, 10), "month") == "2025-12"
    assert life.last_ended(date(2026, 7, 1), "quarter") == "2026-Q2"
    assert life.window(2026, 3) == (date(2026, 7, 1), date(2026, 9, 30))


def test_the_default_rhythm_is_the_practice_and_a_district_may_set_its_own():
    default = {r.kind: (r.every, r.count, r.default) for r in life.rhythms({})}
    assert default == {"members_meeting": ("quarter", 1, True), "committee_meeting": ("month", 1, True),
                       "group_meeting": ("month", 1, True), "party_lesson": ("quarter", 1, True),
                       "themed_party_day": ("month", 1, True)}
    own = {r.kind: (r.every, r.count, r.default) for r in life.rhythms({"party_lesson": ("month", 2)})}
    assert own["party_lesson"] == ("month", 2, False) and own["members_meeting"] == ("quarter", 1, True)
    assert life.check_rhythm("month", 0) == ("month", 0)
    for every, count, field in (("week", 1, "every"), ("month", -1, "count"), ("month", 11, "count"),
                                ("month", True, "count"), ("month", 1.5, "count")):
        with pytest.raises(InvalidArgument) as err:
            life.check_rhythm(every, count)
        assert err.value.field == field


def test_figures_owe_the_periods_begun_and_name_the_ended_ones_short():
    rhythm = life.rhythms({})
    held = {("committee_meeting", "2026-04"): 1, ("committee_meeting", "2026-06"): 2, ("members_meeting", "2026-Q2"): 1}
    figures = {f.kind: f for f in life.figures(rhythm, held, date(2026, 4, 1), date(2026, 6, 30), date(2026, 6, 15))}
    assert (figures["committee_meeting"].required, figures["committee_meeting"].held,
            figures["committee_meeting"].missed) == (3, 3, ["2026-05"])
    assert (figures["members_meeting"].required, figures["members_meeting"].missed) == (1, [])
    assert figures["themed_party_day"].missed == ["2026-04", "2026-05"]
    # a window wholly in the future owes nothing yet
    ahead = life.figures(rhythm, {}, date(2026, 10, 1), date(2026, 12, 31), date(2026, 6, 15))
    assert all(f.required == 0 and f.missed == [] for f in ahead)


def test_a_meetings_purpose_kind_and_category():
    assert life.purpose("themed_party_day", "重温入党誓词") == "主题党日: 重温入党誓词"
    assert life.category_of("organ_branch") == "organ" and life.category_of("new_org_branch") == "new_org"
    assert life.category_of("branch") == "community"
    with pytest.raises(InvalidArgument) as err:
        life.check_kind("party")
    assert err.value.field == "kind"
    with pytest.raises(FailedPrecondition) as err:
        life.check_branch_kind("partner_unit", "区供电公司")
    assert err.value.field == "branch_id" and "not a party branch" in err.value.message


def test_minutes_are_kept_once_of_a_confirmed_meeting_begun():
    life.check_minutes("confirmed", date(2026, 6, 2), True, False)
    for status, started, recorded, words in (("confirmed", False, False, "once it has begun"),
                                             ("cancelled", True, False, "cancelled"),
                                             ("confirmed", True, True, "already")):
        with pytest.raises(FailedPrecondition) as err:
            life.check_minutes(status, date(2026, 6, 2), started, recorded)
        assert err.value.field == "meeting_id" and words in err.value.message
