"""The council's rules: members, the chair's term, the work plan, agreements' terms, reminders and lapses,
joint meetings and decisions."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.council.domain import agreements, councils, meetings


def test_members_are_partner_units_and_social_organisations():
    councils.check_member_kind("partner_unit", "x")
    councils.check_member_kind("social_organisation", "x")
    with pytest.raises(FailedPrecondition) as err:
        councils.check_member_kind("branch", "第一党支部")
    assert err.value.field == "organisation_id"
    with pytest.raises(FailedPrecondition) as err:
        councils.check_leading_organisation("branch", "第一党支部")
    assert err.value.field == "leader_id"


def test_a_chairs_term_follows_the_one_before_and_lasts_at_most_a_year():
    councils.check_chair_term(date(2026, 7, 1), date(2026, 12, 31), date(2026, 6, 30))
    for start, end, before, field in ((date(2026, 6, 30), date(2026, 12, 31), date(2026, 6, 30), "starts_on"),
                                      (date(2026, 7, 1), date(2026, 6, 1), None, "ends_on"),
                                      (date(2026, 1, 1), date(2027, 1, 3), None, "ends_on")):
        with pytest.raises((InvalidArgument, FailedPrecondition)) as err:
            councils.check_chair_term(start, end, before)
        assert err.value.field == field


def test_a_work_plan_is_for_a_year_near_this_one_with_its_items():
    assert councils.check_plan(2026, [{"title": " 助老 "}], 2026) == [
        {"title": "助老", "lead_organisation_id": "", "due_month": 0}]
    for year, items, field in ((2028, [{"title": "x"}], "year"), (2026, [], "items"), (2026, ["x"], "items[0]"),
                               (2026, [{"title": "x", "due_month": True}], "items[0].due_month")):
        with pytest.raises(InvalidArgument) as err:
            councils.check_plan(year, items, 2026)
        assert err.value.field == field


def test_an_agreements_term_commitments_and_renewal():
    agreements.check_term(date(2026, 1, 1), date(2030, 12, 31))
    with pytest.raises(InvalidArgument):
        agreements.check_term(date(2026, 1, 1), date(2032, 1, 2))
    assert agreements.check_commitments([" 志愿服务 "]) == ["志愿服务"]
    assert agreements.check_renewable("running", date(2026, 6, 30), date(2026, 6, 30)) == date(2026, 7, 1)
    for status, end in (("renewed", date(2026, 6, 30)), ("running", date(2026, 5, 31))):
        with pytest.raises(FailedPrecondition) as err:
            agreements.check_renewable(status, end, date(2026, 6, 1))
        assert err.value.field == "agreement_id"


def test_the_reminder_is_due_once_within_the_window_and_the_lapse_after_the_end():
    today = date(2026, 6, 1)
    assert agreements.reminder_due("running", date(2026, 7, 1), False, 30, today)
    assert not agreements.reminder_due("running", date(2026, 7, 2), False, 30, today)
    assert not agreements.reminder_due("running", date(2026, 7, 1), True, 30, today)
    assert not agreements.reminder_due("ended", date(2026, 7, 1), False, 30, today)
    assert agreements.lapses("running", date(2026, 5, 31), today)
    assert not agreements.lapses("running", today, today)
    with pytest.raises(InvalidArgument):
        agreements.check_reminder_days(181)


def test_meetings_are_recorded_when_held_and_decisions_have_one_owner_and_a_deadline():
    meetings.check_held("regular", date(2026, 6, 1), date(2026, 6, 1))
    with pytest.raises(InvalidArgument) as err:
        meetings.check_held("regular", date(2026, 6, 2), date(2026, 6, 1))
    assert err.value.field == "held_on"
    assert meetings.check_attendance(["u1", "u1", "u2"], {"u1", "u2"}) == ["u1", "u2"]
    good = meetings.check_decision(0, {"text": "修路灯", "owner_person_id": "p1", "due_on": date(2026, 7, 1)},
                                   date(2026, 6, 1))
    assert good["owner_organisation_id"] is None and good["due_on"] == date(2026, 7, 1)
    with pytest.raises(InvalidArgument) as err:
        meetings.check_decision(2, {"text": "x", "owner_person_id": "p", "due_on": date(2029, 1, 1)}, date(2026, 6, 1))
    assert err.value.field == "decisions[2].due_on"
    assert meetings.overdue("open", date(2026, 5, 31), date(2026, 6, 1))
    assert not meetings.overdue("done", date(2026, 5, 31), date(2026, 6, 1))
