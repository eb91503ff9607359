"""The escalation ladder with a moved clock: community → sub-district → district, a deadline per tier and
category, overdue at the top (once), stopping when resolved; by hand with a reason; "not_resolved" climbs."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.mediation import models as m
from services.mediation.app import cases, figures
from tests.conftest import DISTRICT_B
from tests.service.mediation.conftest import (admin, assign, audit_rows, call, events, history,
                                              mediator, open_case, read, resident, resolve, row, snapshot,
                                              sub_staff, tick, worker)

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)


def at(fixed_clock, moment):
    fixed_clock.at = moment


def tier(db, case_id):
    c = row(db, m.Case, case_id)
    return c.tier, c.overdue


def test_a_case_left_alone_climbs_tier_by_tier_at_the_right_deadlines(mdb, fixed_clock):
    case = open_case(mdb)                                  # neighbour_noise: 5, 7 and 10 days
    assign(mdb, case["id"])
    community_due = T0 + timedelta(days=5)
    subdistrict_due = community_due + timedelta(days=7)
    district_due = subdistrict_due + timedelta(days=10)

    at(fixed_clock, community_due)
    assert tick(mdb) == 0 and tier(mdb, case["id"]) == ("community", False)
    at(fixed_clock, community_due + MINUTE)
    assert tick(mdb) == 1 and tier(mdb, case["id"]) == ("subdistrict", False)
    c = row(mdb, m.Case, case["id"])
    assert c.deadline_at.replace(tzinfo=timezone.utc) == subdistrict_due

    at(fixed_clock, subdistrict_due)
    assert tick(mdb) == 0 and tier(mdb, case["id"]) == ("subdistrict", False)
    at(fixed_clock, subdistrict_due + MINUTE)
    assert tick(mdb) == 1 and tier(mdb, case["id"]) == ("district", False)

    at(fixed_clock, district_due)
    assert tick(mdb) == 0 and tier(mdb, case["id"]) == ("district", False)
    at(fixed_clock, district_due + MINUTE)
    assert tick(mdb) == 1 and tier(mdb, case["id"]) == ("district", True)
    # marked overdue once: later ticks change nothing and emit nothing
    n_events = len(events(mdb))
    for days in (1, 30):
        at(fixed_clock, district_due + timedelta(days=days))
        assert tick(mdb) == 0
    assert len(events(mdb)) == n_events

    escalated = events(mdb, "case.escalated")
    assert [(e["payload"]["from_tier"], e["payload"]["to_tier"], e["payload"]["how"]) for e in escalated] == \
        [("community", "subdistrict", "deadline"), ("subdistrict", "district", "deadline")]
    assert escalated[0]["payload"]["case_id"] == case["id"] and escalated[1]["payload"]["tier"] == "district"
    [overdue] = events(mdb, "case.overdue")
    assert overdue["payload"]["case_id"] == case["id"]
    assert [h.kind for h in history(mdb, case["id"])] == ["opened", "assigned", "escalated", "escalated", "overdue"]
    assert [a.actor for a in audit_rows(mdb, m.AuditEntry.action == "escalated")] == ["mediation:ladder"] * 2
    assert [c["id"] for c in read(mdb, admin(), cases.list_cases, overdue_only=True)["items"]] == [case["id"]]
    assert read(mdb, admin(), figures.get_figures)["overdue"] == 1


def test_a_case_left_alone_long_climbs_every_tier_in_one_tick_from_each_deadline(mdb, fixed_clock):
    case = open_case(mdb)
    at(fixed_clock, T0 + timedelta(days=40))
    assert tick(mdb) == 1
    c = row(mdb, m.Case, case["id"])
    assert (c.tier, c.overdue) == ("district", True)
    # each tier started when the one below it ran out: 5 + 7 days, deadline 10 days later
    assert c.tier_started_at.replace(tzinfo=timezone.utc) == T0 + timedelta(days=12)
    assert c.deadline_at.replace(tzinfo=timezone.utc) == T0 + timedelta(days=22)
    assert [h.at.replace(tzinfo=timezone.utc) for h in history(mdb, case["id"]) if h.kind == "escalated"] == \
        [T0 + timedelta(days=5), T0 + timedelta(days=12)]
    assert len(events(mdb, "case.escalated")) == 2 and len(events(mdb, "case.overdue")) == 1


def test_deadlines_follow_the_category(mdb, fixed_clock):
    safety = open_case(mdb, category="building_safety")   # 3 days at the community tier
    family = open_case(mdb, category="family")            # 10
    noise = open_case(mdb)                                # 5
    at(fixed_clock, T0 + timedelta(days=3) + MINUTE)
    assert tick(mdb) == 1
    assert [tier(mdb, c["id"])[0] for c in (safety, family, noise)] == ["subdistrict", "community", "community"]
    at(fixed_clock, T0 + timedelta(days=5) + MINUTE)
    tick(mdb)
    assert [tier(mdb, c["id"])[0] for c in (safety, family, noise)] == ["subdistrict", "community", "subdistrict"]
    at(fixed_clock, T0 + timedelta(days=8) + MINUTE)      # building_safety: 3 + 5 days
    tick(mdb)
    assert tier(mdb, safety["id"])[0] == "district"
    at(fixed_clock, T0 + timedelta(days=10) + MINUTE)
    tick(mdb)
    assert tier(mdb, family["id"])[0] == "subdistrict"


def test_deadlines_are_configurable_per_district(mdb, with_b, fixed_clock):
    a = open_case(mdb)                                    # district A: five days
    b = call(mdb, admin(DISTRICT_B), cases.open_case, channel="walk_in", category="neighbour_noise",
             community="310104001001", summary="B", parties=[{"name": "甲"}])   # district B: three days
    at(fixed_clock, T0 + timedelta(days=3) + MINUTE)
    assert tick(mdb) == 1
    assert tier(mdb, a["id"])[0] == "community" and tier(mdb, b["id"])[0] == "subdistrict"
    [ev] = events(mdb, "case.escalated")
    assert ev["district"] == DISTRICT_B


def test_the_ladder_stops_when_resolved(mdb, fixed_clock):
    case = open_case(mdb)
    assign(mdb, case["id"], volunteers=("v1",))
    at(fixed_clock, T0 + timedelta(days=5) + MINUTE)
    tick(mdb)
    assert tier(mdb, case["id"])[0] == "subdistrict"
    out = resolve(mdb, case["id"])
    assert out["resolved_tier"] == "subdistrict"
    n_events = len(events(mdb))
    for days in (13, 23, 60):
        at(fixed_clock, T0 + timedelta(days=days))
        assert tick(mdb) == 0
    assert tier(mdb, case["id"]) == ("subdistrict", False)
    assert row(mdb, m.Case, case["id"]).status == "resolved"
    assert len(events(mdb)) == n_events


def test_a_reopened_case_climbs_again_from_its_new_deadline(mdb, fixed_clock):
    case = open_case(mdb)
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    at(fixed_clock, T0 + timedelta(days=10))
    call(mdb, resident("r1"), cases.reopen_case, case_id=case["id"], reason="又吵了")
    at(fixed_clock, T0 + timedelta(days=15))
    assert tick(mdb) == 0
    at(fixed_clock, T0 + timedelta(days=15) + MINUTE)
    assert tick(mdb) == 1 and tier(mdb, case["id"])[0] == "subdistrict"


# ---- by hand

def test_a_supervisor_escalates_and_sends_back_by_hand_with_a_reason(mdb, fixed_clock):
    case = open_case(mdb)
    out = call(mdb, sub_staff(), cases.escalate_by_hand, case_id=case["id"], direction="up",
               reason="涉及物业公司，需街道协调")
    assert out["tier"] == "subdistrict"
    assert out["deadline_at"] == (T0 + timedelta(days=7)).isoformat()     # the sub-district's own deadline
    out = call(mdb, admin(), cases.escalate_by_hand, case_id=case["id"], direction="down", reason="退回社区继续调解")
    assert out["tier"] == "community"
    [up] = events(mdb, "case.escalated")
    assert (up["payload"]["how"], up["payload"]["reason"]) == ("by_hand", "涉及物业公司，需街道协调")
    [down] = events(mdb, "case.sent_back")
    assert (down["payload"]["from_tier"], down["payload"]["to_tier"]) == ("subdistrict", "community")
    kinds = [(h.kind, h.actor, h.reason) for h in history(mdb, case["id"])][1:]
    assert kinds == [("escalated", "sub-staff", "涉及物业公司，需街道协调"), ("sent_back", "admin", "退回社区继续调解")]


def test_only_supervisors_escalate_by_hand(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"])
    before = snapshot(mdb)
    for ctx in (worker(), mediator(), resident()):
        with pytest.raises(PermissionDenied):
            call(mdb, ctx, cases.escalate_by_hand, case_id=case["id"], direction="up", reason="x")
    assert snapshot(mdb) == before


def test_by_hand_needs_a_reason_and_a_way_to_go(mdb):
    case = open_case(mdb)
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        call(mdb, admin(), cases.escalate_by_hand, case_id=case["id"], direction="up", reason="")
    assert err.value.field == "reason"
    with pytest.raises(InvalidArgument) as err:
        call(mdb, admin(), cases.escalate_by_hand, case_id=case["id"], direction="sideways", reason="x")
    assert err.value.field == "direction"
    with pytest.raises(FailedPrecondition) as err:
        call(mdb, admin(), cases.escalate_by_hand, case_id=case["id"], direction="down", reason="x")
    assert err.value.field == "direction"
    assert snapshot(mdb) == before


def test_a_resolved_case_is_not_escalated(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    with pytest.raises(FailedPrecondition):
        call(mdb, admin(), cases.escalate_by_hand, case_id=case["id"], direction="up", reason="x")


def test_a_supervisor_of_another_sub_district_does_not_find_the_case(mdb):
    case = open_case(mdb)
    with pytest.raises(NotFound):
        call(mdb, sub_staff("310101003"), cases.escalate_by_hand, case_id=case["id"], direction="up", reason="x")
    with pytest.raises(NotFound):
        call(mdb, admin(DISTRICT_B), cases.escalate_by_hand, case_id=case["id"], direction="up", reason="x")
    assert tier(mdb, case["id"])[0] == "community"


def test_sending_an_overdue_case_back_clears_overdue_with_a_new_deadline(mdb, fixed_clock):
    case = open_case(mdb)
    at(fixed_clock, T0 + timedelta(days=30))
    tick(mdb)
    assert tier(mdb, case["id"]) == ("district", True)
    out = call(mdb, admin(), cases.escalate_by_hand, case_id=case["id"], direction="down", reason="区级转街道")
    assert (out["tier"], out["overdue"]) == ("subdistrict", False)
    assert out["deadline_at"] == (fixed_clock.now() + timedelta(days=7)).isoformat()


# ---- "not_resolved"

def test_not_resolved_escalates(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"])
    out = resolve(mdb, case["id"], outcome="not_resolved", agreement=None)
    assert (out["tier"], out["status"], out["outcome"]) == ("subdistrict", "assigned", "")
    [ev] = events(mdb, "case.escalated")
    assert (ev["payload"]["how"], ev["payload"]["to_tier"]) == ("unresolved", "subdistrict")
    assert events(mdb, "case.resolved") == []
    resolve(mdb, case["id"], outcome="not_resolved", agreement=None)
    assert tier(mdb, case["id"])[0] == "district"
    with pytest.raises(FailedPrecondition) as err:
        resolve(mdb, case["id"], outcome="not_resolved", agreement=None)
    assert err.value.field == "outcome"
    out = resolve(mdb, case["id"], outcome="resolved_without_agreement", agreement=None)
    assert (out["status"], out["resolved_tier"]) == ("resolved", "district")
