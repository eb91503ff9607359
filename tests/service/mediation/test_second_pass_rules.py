"""Rules that were wrong (issue 11, mediation): volunteers credited once per case, exports showing only what the
caller may read, a matter deliberated in its own community, no party on his own case's team, a withdrawn case not
counted as resolved, resolved cases closing, and a retried write applied once. Each with its consequence for
another role: the points the volunteers are sent, the district's figures, the hotline's write-back file."""
from __future__ import annotations

import csv
import io

import pytest

from services.common.context import system_context
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from services.common.usecase import run
from services.mediation import models as m
from services.mediation.app import API, cases, figures, hotline
from services.mediation.app import deliberation as dl
from tests.conftest import DISTRICT_A
from tests.service.mediation.conftest import (COMM_A, COMM_A2, admin, assign, call, count, events, history, mediator,
                                              open_case, parties, read, resident, resolve, row, snapshot, sub_staff,
                                              worker)


def credited(db, case_id) -> list[list[str]]:
    """The volunteers each ``case.resolved`` of the case sends to the points service to credit."""
    return [[v["person_id"] for v in ev["payload"]["volunteers"]]
            for ev in events(db, "case.resolved") if ev["payload"]["case_id"] == case_id]


# ---- a case's volunteers are credited once per case

def test_reopened_and_resolved_again_the_volunteers_are_not_credited_twice(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"], volunteers=("v1", "v2"))
    resolve(mdb, case["id"])
    call(mdb, worker(), cases.reopen_case, case_id=case["id"], reason="回访发现未落实")
    resolve(mdb, case["id"], agreement="再次约定晚十点后停工")
    # points credits what each event lists: v1 and v2 once, for the first resolution only
    assert credited(mdb, case["id"]) == [["v1", "v2"], []]
    assert [h.kind for h in history(mdb, case["id"])].count("resolved") == 2


def test_a_volunteer_who_joined_after_the_reopening_is_credited_once_too(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"], volunteers=("v1",))
    resolve(mdb, case["id"])
    call(mdb, worker(), cases.reopen_case, case_id=case["id"], reason="又开始夜间施工")
    assign(mdb, case["id"], volunteers=("v1", "v3"))
    resolve(mdb, case["id"])
    call(mdb, worker(), cases.reopen_case, case_id=case["id"], reason="第三次")
    resolve(mdb, case["id"])
    assert credited(mdb, case["id"]) == [["v1"], ["v3"], []]


def test_every_case_resolved_keeps_its_contract_with_the_points_service(mdb):
    """The producer's side of case.resolved's contract (services/common/contracts/): first and later
    resolutions alike."""
    from services.common import contracts

    case = open_case(mdb)
    assign(mdb, case["id"], volunteers=("v1", "v2"))
    resolve(mdb, case["id"])
    call(mdb, worker(), cases.reopen_case, case_id=case["id"], reason="回访发现未落实")
    resolve(mdb, case["id"])
    sent = events(mdb, "case.resolved")
    assert len(sent) == 2
    for event in sent:
        assert contracts.problems("mediation", "case.resolved", event["payload"]) == []


# ---- an export shows what the caller may read

def _confidential_hotline_case(db, agreement="调解协议: 赔偿 2000 元"):
    case = open_case(db, ctx=admin(), channel="hotline_12345", hotline_order_no="GD-SECRET", confidential=True)
    assign(db, case["id"], ctx=admin())
    resolve(db, case["id"], agreement=agreement)
    return case


def _orders(db, ctx) -> list[dict]:
    return list(csv.DictReader(io.StringIO(read(db, ctx, hotline.export_outcomes, format="csv")["content"].decode())))


def test_a_community_worker_who_cannot_see_a_confidential_case_does_not_export_it(mdb):
    case = _confidential_hotline_case(mdb)
    open_case(mdb, channel="hotline_12345", hotline_order_no="GD-OPEN")
    with pytest.raises(NotFound):                       # the worker is not on its team: the case is not found
        read(mdb, worker(), cases.get_case_view, case_id=case["id"])
    out = read(mdb, worker(), hotline.export_outcomes, format="csv")
    assert out["orders"] == 1 and "赔偿" not in out["content"].decode()
    assert [o["order_no"] for o in _orders(mdb, worker())] == ["GD-OPEN"]
    # its team and the district's supervisors read it, and export it
    for ctx in (admin(), sub_staff()):
        assert {o["order_no"]: o["reply"] for o in _orders(mdb, ctx)}["GD-SECRET"].endswith("赔偿 2000 元")


# ---- a matter is deliberated in its own community

def test_a_matter_is_not_put_to_another_communitys_meeting(mdb):
    """Sub-district staff see both communities' meetings; the neighbour's is still not the matter's."""
    neighbours = call(mdb, sub_staff(), dl.schedule_meeting, community=COMM_A2, kind="party_residents",
                      held_on="2026-06-05", agenda=[{"title": "停车"}], representatives_eligible=3)
    before = snapshot(mdb)
    with pytest.raises(NotFound) as err:
        call(mdb, sub_staff(), dl.propose_matter, community=COMM_A, title="清理楼顶菜地", proposal="业主一周内自行清理",
             meeting_id=neighbours["id"])
    assert err.value.field == "meeting_id"
    assert snapshot(mdb) == before


# ---- the 1+1+N team

@pytest.mark.parametrize("team, field", [
    ({"judge_id": "j1", "mediator_id": "med1", "volunteer_ids": ["r1"]}, "volunteer_ids[0]"),   # the complainant
    ({"judge_id": "r2", "mediator_id": "med1", "volunteer_ids": []}, "judge_id"),               # the respondent
    ({"judge_id": "j1", "mediator_id": "r1", "volunteer_ids": []}, "mediator_id"),
])
def test_no_party_is_on_his_own_cases_team(mdb, team, field):
    case = open_case(mdb, parties=parties("r1", "r2"))
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        call(mdb, worker(), cases.assign_team, case_id=case["id"], **team)
    assert err.value.field == field and "party" in err.value.message
    assert snapshot(mdb) == before and row(mdb, m.Case, case["id"]).status == "open"
    assert events(mdb, "case.assigned") == []       # nor is the complainant credited for his own case later


# ---- a withdrawn case is not resolved in the figures

def test_a_withdrawn_case_does_not_count_as_resolved_in_the_districts_figures(mdb):
    settled, withdrawn = open_case(mdb), open_case(mdb)
    for c in (settled, withdrawn):
        assign(mdb, c["id"])
    resolve(mdb, settled["id"])
    resolve(mdb, withdrawn["id"], outcome="withdrawn", agreement=None)
    f = read(mdb, admin(), figures.get_figures)
    assert (f["resolved"], f["resolved_in_community"], f["withdrawn"], f["open"]) == (1, 1, 1, 0)
    assert [t["cases"] for t in f["time_to_resolve"]] == [1]
    # the gauges of the district count the same
    gauges = run(mdb, system_context("mediation:gauges"), figures.per_district, {}, write=False)[DISTRICT_A]
    assert (gauges["resolved"], gauges["community_share"]) == (1, 1.0)


# ---- closing

def close(db, now=None) -> int:
    """The closing timer, as the worker runs it."""
    with db.uow(system_context("mediation:closing")) as uow:
        n = cases.close_resolved(uow, now)
        uow.commit()
    return n


def test_a_resolved_case_closes_when_its_reopen_window_has_passed(mdb, fixed_clock):
    case, still_open = open_case(mdb), open_case(mdb)
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    fixed_clock.advance(days=15)
    assert close(mdb) == 0 and row(mdb, m.Case, case["id"]).status == "resolved"   # a party may still reopen
    fixed_clock.advance(seconds=1)
    assert close(mdb) == 1 and close(mdb) == 0
    c = row(mdb, m.Case, case["id"])
    assert (c.status, c.outcome, row(mdb, m.Case, still_open["id"]).status) == ("closed", "agreement", "open")
    assert [h.kind for h in history(mdb, case["id"])][-1] == "closed"
    [ev] = events(mdb, "case.closed")
    assert ev["payload"]["case_id"] == case["id"] and ev["payload"]["status"] == "closed"
    # the party can no longer reopen it; the return visit's rating still comes in; the district still counts it
    with pytest.raises(FailedPrecondition):
        call(mdb, resident("r1"), cases.reopen_case, case_id=case["id"], reason="又吵了")
    assert call(mdb, resident("r1"), cases.rate_case, case_id=case["id"], score=4)["rating"] == 4
    assert read(mdb, admin(), figures.get_figures)["resolved"] == 1
    listed = read(mdb, worker(), cases.list_cases, status="closed")["items"]
    assert [x["id"] for x in listed] == [case["id"]]


def test_a_closed_hotline_case_is_completed_in_the_write_back_file(mdb, fixed_clock):
    case = open_case(mdb, channel="hotline_12345", hotline_order_no="GD-7")
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    fixed_clock.advance(days=16)
    close(mdb)
    assert row(mdb, m.Case, case["id"]).status == "closed"
    assert [o["status"] for o in _orders(mdb, admin())] == ["completed"]


# ---- a retried write is applied once

def _open_params(**kw):
    return {"channel": "walk_in", "category": "neighbour_noise", "community": COMM_A, "summary": "楼上装修噪音",
            "parties": parties(), **kw}


def test_a_retried_open_case_opens_one_case(mdb):
    first = API.call(mdb, worker(), "OpenCase", _open_params(idempotency_key="intake-1"))
    again = API.call(mdb, worker(), "OpenCase", _open_params(idempotency_key="intake-1"))
    assert again["id"] == first["id"]
    assert count(mdb, m.Case) == 1 and len(events(mdb, "case.opened")) == 1
    # the mediator gets one case to work, not two
    assert [c["id"] for c in read(mdb, mediator(), cases.list_cases)["items"]] == [first["id"]]


def test_a_write_without_a_key_is_refused_naming_it_and_changes_nothing(mdb):
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        API.call(mdb, worker(), "OpenCase", _open_params())
    assert err.value.field == "idempotency_key"
    assert snapshot(mdb) == before
