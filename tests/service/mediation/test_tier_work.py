"""An escalated case is worked at the tier it reached: the ladder hands it to that tier's staff, who assign its
team, record sessions, resolve it and can send it back; the community below keeps only reading it."""
from __future__ import annotations

from datetime import timedelta

import pytest

from services.common.errors import NotFound, PermissionDenied
from services.mediation import models as m
from services.mediation.app import cases
from tests.service.mediation.conftest import (COMM_A2, SUB_A3, admin, assign, call, events, history, open_case,
                                              read, resident, resolve, row, snapshot, sub_staff, tick, worker)


def escalated(db, fixed_clock, to="subdistrict", **overrides) -> dict:
    """A case with its community team, left past its community deadline (five days) and climbed by the timer
    (past the sub-district's too, seven more, for ``to="district"``)."""
    case = open_case(db, **overrides)
    # volunteers v1 and v2; a confidential case is not found by a worker off its team, so its supervisor assigns
    assign(db, case["id"], ctx=sub_staff() if overrides.get("confidential") else None)
    fixed_clock.at = fixed_clock.now() + timedelta(days=5 if to == "subdistrict" else 12, minutes=1)
    tick(db)
    assert row(db, m.Case, case["id"]).tier == to
    return case


def session(db, case_id, ctx):
    return call(db, ctx, cases.record_session, case_id=case_id, notes="街道约谈双方", attendance=["张三丰", "李四"])


def test_sub_district_staff_work_an_escalated_case_to_resolution(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock)
    session(mdb, case["id"], sub_staff())
    assert row(mdb, m.Case, case["id"]).status == "in_mediation"
    out = resolve(mdb, case["id"], ctx=sub_staff())
    assert (out["status"], out["resolved_tier"]) == ("resolved", "subdistrict")
    [ev] = events(mdb, "case.resolved")
    assert ev["payload"]["resolved_tier"] == "subdistrict"
    assert [v["person_id"] for v in ev["payload"]["volunteers"]] == ["v1", "v2"]


def test_the_volunteers_are_credited_once_when_resolved_again_at_the_upper_tier(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock)
    resolve(mdb, case["id"], ctx=sub_staff())
    call(mdb, resident("r1"), cases.reopen_case, case_id=case["id"], reason="又吵了")
    resolve(mdb, case["id"], ctx=sub_staff())
    assert [[v["person_id"] for v in e["payload"]["volunteers"]] for e in events(mdb, "case.resolved")] == \
        [["v1", "v2"], []]


def test_sub_district_staff_assign_the_tier_s_team_and_resolve_with_it(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock)
    out = call(mdb, sub_staff(), cases.assign_team, case_id=case["id"], judge_id="j1", mediator_id="med1",
               volunteer_ids=["v3"])
    assert [v["person_id"] for v in out["volunteers"]] == ["v3"]
    resolve(mdb, case["id"], ctx=sub_staff())
    [ev] = events(mdb, "case.resolved")
    assert [v["person_id"] for v in ev["payload"]["volunteers"]] == ["v3"]


def test_the_community_worker_keeps_reading_an_escalated_case_and_no_more(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock)
    assert read(mdb, worker(), cases.get_case_view, case_id=case["id"])["tier"] == "subdistrict"
    before = snapshot(mdb)
    for fn, params in ((cases.record_session, {"notes": "x", "attendance": ["张三丰"]}),
                       (cases.resolve_case, {"outcome": "withdrawn"}),
                       (cases.assign_team, {"judge_id": "j1", "mediator_id": "med1"})):
        with pytest.raises(PermissionDenied) as err:
            call(mdb, worker(), fn, case_id=case["id"], **params)
        assert "subdistrict tier" in err.value.message
    assert snapshot(mdb) == before


def test_a_sibling_community_s_worker_and_another_sub_district_s_staff_do_not_find_it(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock)
    for ctx in (worker(COMM_A2), sub_staff(SUB_A3)):
        with pytest.raises(NotFound):
            session(mdb, case["id"], ctx)
        with pytest.raises(NotFound):
            resolve(mdb, case["id"], ctx=ctx)
    assert row(mdb, m.Case, case["id"]).status == "assigned"


def test_at_the_district_tier_the_district_works_it_and_the_sub_district_no_longer(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock, to="district")
    for fn, params in ((cases.record_session, {"notes": "x", "attendance": ["张三丰"]}),
                       (cases.resolve_case, {"outcome": "withdrawn"}),
                       (cases.escalate_by_hand, {"direction": "down", "reason": "退回街道"})):
        with pytest.raises(PermissionDenied):
            call(mdb, sub_staff(), fn, case_id=case["id"], **params)
    session(mdb, case["id"], admin())
    assert resolve(mdb, case["id"], ctx=admin())["resolved_tier"] == "district"


def test_sent_back_the_tier_below_works_it_again(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock)
    session(mdb, case["id"], sub_staff())                 # the sub-district tries first
    out = call(mdb, sub_staff(), cases.escalate_by_hand, case_id=case["id"], direction="down",
               reason="退回社区继续调解")
    assert out["tier"] == "community"
    with pytest.raises(PermissionDenied):
        session(mdb, case["id"], sub_staff())
    session(mdb, case["id"], worker())
    assert resolve(mdb, case["id"], ctx=worker())["resolved_tier"] == "community"
    assert [h.kind for h in history(mdb, case["id"])][-3:] == ["escalated", "sent_back", "resolved"]


def test_a_confidential_escalated_case_is_seen_only_by_its_team_and_supervisors(mdb, fixed_clock):
    case = escalated(mdb, fixed_clock, confidential=True)
    session(mdb, case["id"], sub_staff())
    with pytest.raises(NotFound):
        read(mdb, worker(), cases.get_case_view, case_id=case["id"])
    assert read(mdb, admin(), cases.get_case_view, case_id=case["id"])["confidential"] is True
    assert resolve(mdb, case["id"], ctx=sub_staff())["status"] == "resolved"
