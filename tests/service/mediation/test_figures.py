"""Figures per district, sub-district and community: the share resolved inside the community, time to resolve by
tier and category, overdue cases, satisfaction."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument, PermissionDenied
from services.mediation.app import cases, figures
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for
from tests.service.mediation.conftest import (COMM_A, COMM_A2, COMM_A3, SUB_A, admin, assign, call, mediator, open_case,
                                              read,
                                              resident, resolve, sub_staff, tick, worker)


@pytest.fixture
def world(mdb, fixed_clock):
    """c3 (COMM_A2) overdue at the top; c4 (COMM_A3) resolved in the community after 24 h; c1 (COMM_A) after 48 h,
    rated 5; c2 (COMM_A, shared_space) escalated by hand and resolved at the sub-district after 96 h, rated 3."""
    c3 = open_case(mdb, ctx=admin(), community=COMM_A2, received_at="2026-04-01T12:00:00+00:00")
    tick(mdb)
    c1 = open_case(mdb)
    c2 = open_case(mdb, category="shared_space")
    c4 = open_case(mdb, ctx=admin(), community=COMM_A3)
    assign(mdb, c1["id"])
    assign(mdb, c2["id"])
    call(mdb, admin(), cases.assign_team, case_id=c4["id"], judge_id="y1", mediator_id="y2")
    call(mdb, sub_staff(), cases.escalate_by_hand, case_id=c2["id"], direction="up", reason="需街道协调")
    fixed_clock.advance(days=1)
    resolve(mdb, c4["id"], ctx=mediator("y2"))
    fixed_clock.advance(days=1)
    resolve(mdb, c1["id"])
    fixed_clock.advance(days=2)
    resolve(mdb, c2["id"], outcome="resolved_without_agreement", agreement=None)
    call(mdb, resident("r1"), cases.rate_case, case_id=c1["id"], score=5, comment="满意")
    call(mdb, resident("r1"), cases.rate_case, case_id=c2["id"], score=3)
    return {"c1": c1, "c2": c2, "c3": c3, "c4": c4}


def test_district_figures(mdb, world):
    f = read(mdb, admin(), figures.get_figures)
    assert f["scope"] == DISTRICT_A
    assert (f["cases"], f["open"], f["resolved"], f["resolved_in_community"]) == (4, 1, 3, 2)
    assert f["community_share"] == pytest.approx(0.6667) and f["community_target"] == 0.8
    assert (f["overdue"], f["rated"], f["satisfaction_average"]) == (1, 2, 4.0)
    assert f["time_to_resolve"] == [
        {"tier": "community", "category": "neighbour_noise", "cases": 2, "average_hours": 36.0},
        {"tier": "subdistrict", "category": "shared_space", "cases": 1, "average_hours": 96.0}]


def test_sub_district_and_community_figures(mdb, world):
    sub = read(mdb, admin(), figures.get_figures, scope=SUB_A)
    assert (sub["cases"], sub["resolved"], sub["resolved_in_community"], sub["community_share"], sub["overdue"]) == \
        (3, 2, 1, 0.5, 1)
    comm = read(mdb, admin(), figures.get_figures, scope=COMM_A3)
    assert (comm["cases"], comm["resolved"], comm["community_share"], comm["rated"]) == (1, 1, 1.0, 0)
    assert comm["satisfaction_average"] == 0.0
    # the caller's own scope by default
    assert read(mdb, sub_staff(), figures.get_figures)["scope"] == SUB_A
    mine = read(mdb, worker(), figures.get_figures)
    assert (mine["scope"], mine["cases"], mine["satisfaction_average"]) == (COMM_A, 2, 4.0)


def test_figures_stay_in_the_tenant(mdb, world):
    b = read(mdb, admin(DISTRICT_B), figures.get_figures)
    assert (b["scope"], b["cases"], b["community_share"]) == (DISTRICT_B, 0, 0.0)
    with pytest.raises(PermissionDenied):
        read(mdb, admin(DISTRICT_B), figures.get_figures, scope=DISTRICT_A)
    with pytest.raises(PermissionDenied):
        read(mdb, worker(), figures.get_figures, scope=COMM_A3)
    with pytest.raises(PermissionDenied):
        read(mdb, resident(), figures.get_figures)
    city = read(mdb, ctx_for("city_admin", district=None), figures.get_figures, scope=DISTRICT_A)
    assert city["cases"] == 4
    assert read(mdb, ctx_for("operator", district=None), figures.get_figures, scope=SUB_A)["cases"] == 3


@pytest.mark.parametrize("scope", ["31010", "310101002001-G01", "abc"])
def test_a_bad_scope_is_refused(mdb, scope):
    with pytest.raises(InvalidArgument) as err:
        read(mdb, admin(), figures.get_figures, scope=scope)
    assert err.value.field == "scope"


def test_the_gauges_per_district(mdb, world):
    with mdb.uow(admin()) as uow:
        per = figures.per_district(uow)
    assert set(per) == {DISTRICT_A}
    assert (per[DISTRICT_A]["open"], per[DISTRICT_A]["overdue"]) == (1, 1)
