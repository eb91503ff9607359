"""The member annual cycle: eleven steps, each by its role; grading; the objection window; exemptions."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.context import Role
from services.common.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from services.points.domain import cycle as C


def test_eleven_steps_in_order_and_each_has_its_roles():
    assert len(C.STEPS) == 11
    assert C.STEPS[0] == "announced" and C.STEPS[-1] == "published"
    assert set(C.STEP_ROLES) == set(C.STEPS)
    step, walked = "announced", ["announced"]
    while step != "published":
        step = C.next_step(step)
        walked.append(step)
    assert tuple(walked) == C.STEPS
    with pytest.raises(FailedPrecondition):
        C.next_step("published")


@pytest.mark.parametrize("step", C.STEPS[:-1])
def test_only_the_steps_role_may_act(step):
    allowed = C.STEP_ROLES[step]
    C.check_role(step, frozenset({allowed[0]}))
    others = Role.ALL - set(allowed)
    with pytest.raises(PermissionDenied) as err:
        C.check_role(step, frozenset(others))
    assert err.value.field == "roles"


def test_nobody_acts_in_the_published_step():
    with pytest.raises(PermissionDenied):
        C.check_role("published", frozenset(Role.ALL))


def test_check_in_step():
    C.check_in_step("grading", "grading")
    with pytest.raises(FailedPrecondition) as err:
        C.check_in_step("filing", "grading", "cycle_id")
    assert err.value.field == "cycle_id"


def test_thresholds_are_checked_and_normalised():
    assert C.check_thresholds({"excellent": 95, "qualified": 75, "basically_qualified": 60}) == \
        {"excellent": 95.0, "qualified": 75.0, "basically_qualified": 60.0}


@pytest.mark.parametrize("thresholds,field", [
    ({"excellent": 90, "qualified": 70}, "thresholds.basically_qualified"),
    ({"excellent": 90, "qualified": 70, "basically_qualified": 60, "outstanding": 99}, "thresholds.outstanding"),
    ({"excellent": 70, "qualified": 90, "basically_qualified": 60}, "thresholds"),
    ({"excellent": 90, "qualified": 70, "basically_qualified": 70}, "thresholds"),
    ({"excellent": 90, "qualified": 70, "basically_qualified": -1}, "thresholds.basically_qualified"),
    ({"excellent": "high", "qualified": 70, "basically_qualified": 60}, "thresholds.excellent"),
    # Infinity and 1e308 were kept as grade thresholds: no score reaches them, or every one does
    ({"excellent": float("inf"), "qualified": 70, "basically_qualified": 60}, "thresholds.excellent"),
    ({"excellent": 1e308, "qualified": 70, "basically_qualified": 60}, "thresholds.excellent"),
    ({"excellent": 90, "qualified": float("nan"), "basically_qualified": 60}, "thresholds.qualified"),
])
def test_bad_thresholds_are_refused_naming_the_grade(thresholds, field):
    with pytest.raises(InvalidArgument) as err:
        C.check_thresholds(thresholds)
    assert err.value.field == field


@pytest.mark.parametrize("score", [-1, 1001, "90", True, None])
def test_bad_scores_are_refused(score):
    with pytest.raises(InvalidArgument) as err:
        C.check_score(score, "score")
    assert err.value.field == "score"


@pytest.mark.parametrize("score,expected", [(100, "excellent"), (90, "excellent"), (89.9, "qualified"),
                                            (70, "qualified"), (65, "basically_qualified"),
                                            (60, "basically_qualified"), (59, "unqualified"), (0, "unqualified")])
def test_grading_by_thresholds(score, expected):
    assert C.grade(score, C.DEFAULT_THRESHOLDS, violation=False) == expected


def test_a_violation_makes_a_member_unqualified_whatever_the_score():
    assert C.grade(1000, C.DEFAULT_THRESHOLDS, violation=True) == "unqualified"


def test_custom_thresholds_change_the_grade():
    strict = {"excellent": 98, "qualified": 80, "basically_qualified": 70}
    assert C.grade(90, strict, False) == "qualified"
    assert C.grade(75, strict, False) == "basically_qualified"


def test_earned_points_reach_the_final_score_on_the_meetings_assessed_base():
    """Base score (as the members' meeting assessed it), plus bonus items, minus deductions: the year's
    net member points move the score; before, the meeting's score was the final score whatever was earned."""
    assert C.final_score(60, 82, 12) == 94.0                 # meeting 82, +12 earned
    assert C.final_score(60, 62, 3) == 65.0                  # meeting 62, +13 bonus -10 deductions
    assert C.final_score(60, None, 15) == 75.0               # no meeting score: the cycle's base score
    assert C.final_score(60, 75, 0) == 75.0                  # nothing earned: the meeting's score
    thresholds = dict(C.DEFAULT_THRESHOLDS)
    assert C.grade(C.final_score(60, 82, 12), thresholds, False) == "excellent"   # 82 alone is qualified
    assert C.grade(C.final_score(60, 72, -10), thresholds, False) == "basically_qualified"


def test_a_violation_makes_a_member_unqualified_whatever_the_points():
    assert C.grade(C.final_score(60, 95, 200), dict(C.DEFAULT_THRESHOLDS), True) == "unqualified"


def test_the_objection_window():
    w = C.NoticeWindow(date(2026, 6, 1), 5)
    assert w.closes_on == date(2026, 6, 6)
    assert w.open_on(date(2026, 6, 1)) and w.open_on(date(2026, 6, 5))
    assert not w.open_on(date(2026, 6, 6)) and not w.open_on(date(2026, 5, 31))
    with pytest.raises(FailedPrecondition):
        C.check_notice_can_close(w, date(2026, 6, 5), 0)
    with pytest.raises(FailedPrecondition) as err:
        C.check_notice_can_close(w, date(2026, 6, 6), 1)
    assert "not answered" in err.value.message
    C.check_notice_can_close(w, date(2026, 6, 6), 0)


def test_exemption_request_then_community_application_then_committee_approval():
    cw, ss = frozenset({Role.COMMUNITY_WORKER}), frozenset({Role.SUBDISTRICT_STAFF})
    assert C.advance_exemption("requested", True, cw) == "applied"
    assert C.advance_exemption("applied", True, ss) == "approved"
    assert C.advance_exemption("requested", False, cw) == "rejected"
    assert C.advance_exemption("applied", False, ss) == "rejected"
    with pytest.raises(PermissionDenied):
        C.advance_exemption("requested", True, ss)
    with pytest.raises(PermissionDenied):
        C.advance_exemption("applied", True, cw)
    for done in ("approved", "rejected"):
        with pytest.raises(FailedPrecondition):
            C.advance_exemption(done, True, cw | ss)


def test_each_exemption_state_waits_for_its_own_deciders():
    assert C.exemption_states_decided_by(frozenset({Role.COMMUNITY_WORKER})) == ("requested",)
    assert C.exemption_states_decided_by(frozenset({Role.SUBDISTRICT_STAFF})) == ("applied",)
    assert C.exemption_states_decided_by(frozenset({Role.RESIDENT, Role.DISTRICT_ADMIN})) == ()
