"""A resolved case credits each of its volunteers in the points service exactly once, over the real
broker, even when the event is delivered twice.

Mediation resolves the case and its outbox relay publishes ``case.resolved``; the real points
worker process consumes it. Then the same event is published again (its outbox row reset, as
after a relay crash between publish and mark) and nothing more is credited.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from services.common.context import system_context
from services.common.outbox import OutboxRelay
from services.common.usecase import run
from services.mediation import models as mm
from services.mediation.app import cases
from services.mediation.seed import seed_demo as seed_mediation
from services.points import models as pm
from tests.conftest import ctx_for
from tests.fakes import FakeRegistry, registry_replaced

pytestmark = pytest.mark.integration
COMMUNITY = "310101002001"
#: the registry's people of the community (the registry itself is tested elsewhere)
TEAM = ("judge-1", "med-1", "vol-a", "vol-b", "vol-c")
REGISTRY = {pid: (f"志愿者{pid}", COMMUNITY) for pid in TEAM}


def team_registry() -> FakeRegistry:
    """The community's people, judge-1 holding the community committee's community_judge post."""
    return FakeRegistry(REGISTRY, organisations={"cc": {"kind": "community_committee", "division_code": COMMUNITY}},
                        posts={"post-judge": {"person_id": "judge-1", "organisation_id": "cc",
                                              "title": "community_judge"}})


def credits(db, person_id):
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(pm.Transaction.__table__).where(
            pm.Transaction.account_id == f"310101:resident:{person_id}",
            pm.Transaction.action_type == "mediation_volunteer"))


def test_a_resolved_case_credits_each_volunteer_once_even_when_delivered_twice(points_worker, mediation_pg,
                                                                                broker_url):
    points_db, _ = points_worker
    seed_mediation(mediation_pg)
    with registry_replaced(team_registry()):
        worker = ctx_for("community_worker", district="310101", actor="cw-1")
        case = run(mediation_pg, worker, cases.open_case, {
            "channel": "walk_in", "category": "shared_space", "community": COMMUNITY,
            "summary": "a rooftop vegetable plot blocks the building's exit",
            "parties": [{"name": "王芳", "role": "complainant", "phone": "13800001234"}]}, write=True)
        volunteers = ["vol-a", "vol-b", "vol-c"]
        run(mediation_pg, worker, cases.assign_team, {"case_id": case["id"], "judge_id": "judge-1",
                                                      "mediator_id": "med-1", "volunteer_ids": volunteers}, True)
        run(mediation_pg, worker, cases.resolve_case, {"case_id": case["id"], "outcome": "agreement",
                                                       "agreement": "owners clear the plot within a week"}, True)

    relay = OutboxRelay(mediation_pg, broker_url)
    try:
        relay.drain()
        deadline = time.time() + 20
        while time.time() < deadline and not all(credits(points_db, v) == 1 for v in volunteers):
            time.sleep(0.1)
        assert [credits(points_db, v) for v in volunteers] == [1, 1, 1]

        # the same event again: the relay "crashed" after publishing and before marking it sent
        outbox = mm.outbox
        with mediation_pg.engine.begin() as conn:
            reset = conn.execute(update(outbox).where(outbox.c.event_type == "case.resolved")
                                 .values(published_at=None)).rowcount
        assert reset == 1
        assert relay.drain() >= 1
        time.sleep(2.0)  # every chance for the duplicate to be (wrongly) credited
    finally:
        relay.stop()
    assert [credits(points_db, v) for v in volunteers] == [1, 1, 1]
    with points_db.engine.connect() as conn:
        points = conn.execute(select(pm.Balance.account_id, pm.Balance.balance).where(
            pm.Balance.account_id.in_([f"310101:resident:{v}" for v in volunteers]))).all()
    assert sorted(p.balance for p in points) == [10, 10, 10]  # the demo rule: 10 points per mediation


def test_a_case_reopened_and_resolved_again_credits_its_volunteers_once(points_worker, mediation_pg, broker_url):
    """Issue 11: the second resolution's event reaches points too, and credits no one a second time; a
    volunteer who joined the team after the reopening is credited for the case once."""
    points_db, _ = points_worker
    seed_mediation(mediation_pg)
    worker = ctx_for("community_worker", district="310101", actor="cw-1")
    with registry_replaced(team_registry()):
        case = run(mediation_pg, worker, cases.open_case, {
            "channel": "walk_in", "category": "shared_space", "community": COMMUNITY,
            "summary": "a rooftop vegetable plot blocks the building's exit",
            "parties": [{"name": "王芳", "role": "complainant", "phone": "13800001234"}]}, write=True)
        team = {"case_id": case["id"], "judge_id": "judge-1", "mediator_id": "med-1"}
        run(mediation_pg, worker, cases.assign_team, {**team, "volunteer_ids": ["vol-a", "vol-b"]}, True)
        resolve = {"case_id": case["id"], "outcome": "agreement", "agreement": "owners clear the plot within a week"}
        run(mediation_pg, worker, cases.resolve_case, resolve, True)
        run(mediation_pg, worker, cases.reopen_case, {"case_id": case["id"], "reason": "the plot is back"}, True)
        run(mediation_pg, worker, cases.assign_team, {**team, "volunteer_ids": ["vol-a", "vol-b", "vol-c"]}, True)
        run(mediation_pg, worker, cases.resolve_case, resolve, True)

    with mediation_pg.engine.connect() as conn:
        resolved = conn.execute(select(mm.outbox.c.event_id)
                                .where(mm.outbox.c.event_type == "case.resolved")).scalars().all()
    assert len(resolved) == 2
    inbox = pm.inbox
    relay = OutboxRelay(mediation_pg, broker_url)
    try:
        relay.drain()
        deadline = time.time() + 20
        while time.time() < deadline:  # both resolutions consumed by points
            with points_db.engine.connect() as conn:
                if conn.scalar(select(func.count()).select_from(inbox).where(inbox.c.event_id.in_(resolved))) == 2:
                    break
            time.sleep(0.1)
        else:
            raise AssertionError("points did not consume both case.resolved events")
    finally:
        relay.stop()
    volunteers = ["vol-a", "vol-b", "vol-c"]
    assert [credits(points_db, v) for v in volunteers] == [1, 1, 1]
    with points_db.engine.connect() as conn:
        points = dict(conn.execute(select(pm.Balance.account_id, pm.Balance.balance).where(
            pm.Balance.account_id.in_([f"310101:resident:{v}" for v in volunteers]))).all())
    assert points == {f"310101:resident:{v}": 10 for v in volunteers}   # 10 points for the case, once each


def test_a_case_escalated_to_the_sub_district_and_resolved_there_credits_its_volunteers_once(
        points_worker, mediation_pg, broker_url):
    """Issue 11: the ladder hands an escalated case to the sub-district's staff, who resolve it there; its
    volunteers are credited once, even when the event is delivered twice."""
    points_db, _ = points_worker
    seed_mediation(mediation_pg)
    worker = ctx_for("community_worker", district="310101", actor="cw-1")
    staff = ctx_for("subdistrict_staff", district="310101", subdistrict=COMMUNITY[:9], actor="ss-1")
    volunteers = ["vol-a", "vol-b"]
    with registry_replaced(team_registry()):
        case = run(mediation_pg, worker, cases.open_case, {
            "channel": "walk_in", "category": "shared_space", "community": COMMUNITY,
            "summary": "a rooftop vegetable plot blocks the building's exit",
            "parties": [{"name": "王芳", "role": "complainant", "phone": "13800001234"}]}, write=True)
        run(mediation_pg, worker, cases.assign_team, {"case_id": case["id"], "judge_id": "judge-1",
                                                      "mediator_id": "med-1", "volunteer_ids": volunteers}, True)
        with mediation_pg.uow(system_context("mediation:ladder")) as uow:   # the timer, its deadline long passed
            assert cases.escalate_overdue(uow, datetime.now(timezone.utc) + timedelta(days=8)) == 1
            uow.commit()
        run(mediation_pg, staff, cases.record_session, {"case_id": case["id"], "notes": "街道约谈",
                                                        "attendance": ["王芳"]}, True)
        out = run(mediation_pg, staff, cases.resolve_case, {"case_id": case["id"], "outcome": "agreement",
                                                            "agreement": "owners clear the plot within a week"}, True)
    assert out["resolved_tier"] == "subdistrict"

    relay = OutboxRelay(mediation_pg, broker_url)
    try:
        relay.drain()
        deadline = time.time() + 20
        while time.time() < deadline and not all(credits(points_db, v) == 1 for v in volunteers):
            time.sleep(0.1)
        assert [credits(points_db, v) for v in volunteers] == [1, 1]
        with mediation_pg.engine.begin() as conn:    # delivered again: the relay "crashed" before marking it
            conn.execute(update(mm.outbox).where(mm.outbox.c.event_type == "case.resolved")
                         .values(published_at=None))
        assert relay.drain() >= 1
        time.sleep(2.0)
    finally:
        relay.stop()
    assert [credits(points_db, v) for v in volunteers] == [1, 1]
