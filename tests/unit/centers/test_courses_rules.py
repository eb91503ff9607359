"""Course ordering's rules (点单 → 下单 → 接单): each step's state, the merge of orders, the team, the rating."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.centers.domain import courses as rules


def refused(exc_type, fn, *args):
    with pytest.raises(exc_type) as err:
        fn(*args)
    return err.value


def test_the_six_course_types_and_nothing_else():
    assert list(rules.COURSE_TYPES) == ["science", "traditional_culture", "parent_child", "health",
                                        "vocational_skills", "handicrafts"]
    assert rules.check_course_type("health") == "health"
    for bad in ("cooking", "", None, "Health"):
        assert refused(InvalidArgument, rules.check_course_type, bad).field == "course_type"
    assert refused(InvalidArgument, rules.check_order_status, "held").field == "status"
    assert rules.check_course_status("held") == "held"


def test_only_an_order_still_ordered_is_joined_or_withdrawn():
    rules.check_joinable("ordered")
    rules.check_withdrawable("ordered")
    for status in ("placed", "withdrawn"):
        err = refused(FailedPrecondition, rules.check_joinable, status)
        assert err.field == "order_id" and status in err.message
        assert refused(FailedPrecondition, rules.check_withdrawable, status).field == "order_id"


def test_a_placement_merges_ordered_orders_of_one_type_at_one_centre():
    assert rules.check_placeable([("o1", "c1", "science", "ordered"), ("o2", "c1", "science", "ordered")]) == (
        "c1", "science")
    cases = [
        ([("o1", "c1", "science", "ordered"), ("o2", "c1", "health", "ordered")], FailedPrecondition, "order_ids[1]"),
        ([("o1", "c1", "science", "ordered"), ("o2", "c2", "science", "ordered")], FailedPrecondition, "order_ids[1]"),
        ([("o1", "c1", "science", "placed")], FailedPrecondition, "order_ids[0]"),
        ([("o1", "c1", "science", "withdrawn")], FailedPrecondition, "order_ids[0]"),
        ([("o1", "c1", "science", "ordered"), ("o1", "c1", "science", "ordered")], InvalidArgument, "order_ids[1]"),
        ([], InvalidArgument, "order_ids"),
        ([(f"o{i}", "c1", "science", "ordered") for i in range(21)], InvalidArgument, "order_ids"),
    ]
    for orders, exc, field in cases:
        assert refused(exc, rules.check_placeable, orders).field == field
    assert rules.check_order_ids(["o1", "o2"]) == ["o1", "o2"]
    for ids, field in ((["o1", " "], "order_ids[1]"), (["o1", "o1"], "order_ids[1]"), ("o1", "order_ids"),
                       ([], "order_ids")):
        assert refused(InvalidArgument, rules.check_order_ids, ids).field == field


def test_sessions_wanted_and_the_teams_deadline():
    assert rules.check_sessions_wanted(1) == 1 and rules.check_sessions_wanted(50) == 50
    for bad in (0, 51, True, 2.0, None):
        assert refused(InvalidArgument, rules.check_sessions_wanted, bad).field == "sessions_wanted"
    today = date(2026, 6, 1)
    assert rules.check_teams_by(today, today) == today
    assert refused(InvalidArgument, rules.check_teams_by, date(2026, 5, 31), today).field == "teams_by"


def test_one_team_of_a_team_kind_accepts_a_placed_course_by_its_deadline():
    rules.check_team_kind("social_organisation")
    rules.check_team_kind("partner_unit")
    for kind in ("branch", "community_committee", "working_committee", None):
        assert refused(InvalidArgument, rules.check_team_kind, kind).field == "organisation_id"
    by = date(2026, 6, 15)
    rules.check_acceptable("placed", by, by)
    err = refused(FailedPrecondition, rules.check_acceptable, "placed", by, date(2026, 6, 16))
    assert err.field == "course_id" and "2026-06-15" in err.message
    for status in ("accepted", "scheduled", "held", "cancelled"):
        assert refused(FailedPrecondition, rules.check_acceptable, status, by, by).field == "course_id"


def test_sessions_are_booked_once_accepted_up_to_the_sessions_wanted():
    rules.check_schedulable("accepted", 0, 2)
    rules.check_schedulable("scheduled", 1, 2)
    err = refused(FailedPrecondition, rules.check_schedulable, "scheduled", 2, 2)
    assert err.field == "course_id" and "2 sessions" in err.message
    for status in ("placed", "held", "cancelled"):
        assert refused(FailedPrecondition, rules.check_schedulable, status, 0, 2).field == "course_id"


def test_held_is_read_from_check_ins_at_an_ended_session_or_marked_by_staff():
    assert rules.status_of("scheduled", True) == "held"
    assert rules.status_of("scheduled", False) == "scheduled"
    assert rules.status_of("cancelled", True) == "cancelled"  # a cancelled course stays so
    rules.check_markable_held("scheduled", True)
    assert "ended" in refused(FailedPrecondition, rules.check_markable_held, "scheduled", False).message
    assert refused(FailedPrecondition, rules.check_markable_held, "accepted", True).field == "course_id"
    rules.check_cancellable("scheduled")
    for status in ("held", "cancelled"):
        assert refused(FailedPrecondition, rules.check_cancellable, status).field == "course_id"


def test_rated_by_those_who_came_with_one_to_five_stars():
    assert [rules.check_stars(s) for s in (1, 5)] == [1, 5]
    for bad in (0, 6, True, 4.5, None):
        assert refused(InvalidArgument, rules.check_stars, bad).field == "stars"
    rules.check_rater(True)
    err = refused(FailedPrecondition, rules.check_rater, False)
    assert err.field == "person_id" and "did not check in" in err.message
    assert rules.rating([]) == (0.0, 0)
    assert rules.rating([5, 4, 4]) == (4.3, 3)
