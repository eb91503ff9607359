"""Every change is audited: who, when, why, before and after."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.points import models as m
from services.common.errors import FailedPrecondition
from services.points.app import USE_CASES, WRITES, cycle, rules, stations
from tests.service.points.conftest import (COMM_A, acc_id, admin, audit_rows, call, fund, member_ref, res_ref,
                                           resident, sub_staff, worker)
from tests.service.points.test_cycle import open_cycle, past_notice, to_step

R1 = acc_id("resident", "r1")


def _cycle_at(db, step, fixed_clock):
    c = open_cycle(db)
    if step in ("public_notice",):
        return to_step(db, c, "public_notice")
    if step in ("filing",):
        return past_notice(db, c, fixed_clock)
    return to_step(db, c, step)


def _pending(db):
    return call(db, worker(), rules.award_manually, account=res_ref("r1"), points=5, reason="r", evidence="e")


def _reserved(db, st):
    return call(db, resident("r1"), stations.redeem, account_id=R1, item_id=st["produce"])


def _honour(db, st):
    return call(db, resident("r1"), stations.redeem, account_id=R1, item_id=st["honour"])


def _exemption(db, fixed_clock):
    c = _cycle_at(db, "self_assessment", fixed_clock)
    return call(db, resident("p1"), cycle.request_exemption, cycle_id=c["id"], person_id="p1", reason="ill")


def _objection(db, fixed_clock):
    c = _cycle_at(db, "public_notice", fixed_clock)
    return call(db, resident("n1"), cycle.raise_objection, cycle_id=c["id"], person_id="p1", objection="x")


#: use case -> (db, station, clock) -> (ctx, params) of one change it makes
CASES = {
    "OpenAccount": lambda db, st, ck: (worker(), {"account": res_ref("new")}),
    "Earn": lambda db, st, ck: (worker(), {"account": res_ref("r2"), "action_type": "volunteer_service"}),
    "AwardManually": lambda db, st, ck: (worker(), {"account": res_ref("r2"), "points": 5, "reason": "r",
                                                    "evidence": "e"}),
    "DecidePending": lambda db, st, ck: (admin("approver2"), {"transaction_id": _pending(db)["id"],
                                                              "approve": True}),
    "Reverse": lambda db, st, ck: (admin(), {"transaction_id": call(db, worker(), rules.earn, account=res_ref("r2"),
                                                                    action_type="volunteer_service")["id"],
                                             "reason": "wrong person"}),
    "SetExpiryPolicy": lambda db, st, ck: (admin(), {"expiry_policy": "never"}),
    "DefineRule": lambda db, st, ck: (admin(), {"action_type": "tree_planting", "points": 3,
                                                "applies_to": ["resident"]}),
    "OpenCycle": lambda db, st, ck: (sub_staff(), {"branch_id": "b-9", "community": COMM_A, "year": 2026,
                                                   "members": [{"person_id": "p1"}]}),
    "SetCycleRules": lambda db, st, ck: (sub_staff(), {"cycle_id": _cycle_at(db, "rules_set", ck)["id"],
                                                       "base_score": 50}),
    "AdvanceCycle": lambda db, st, ck: (sub_staff(), {"cycle_id": open_cycle(db)["id"]}),
    "SelfAssess": lambda db, st, ck: (resident("p1"), {"cycle_id": _cycle_at(db, "self_assessment", ck)["id"],
                                                       "score": 80}),
    "RecordAssessment": lambda db, st, ck: (worker(), {"cycle_id": _cycle_at(db, "initial_review", ck)["id"],
                                                       "person_id": "p1", "score": 80}),
    "RaiseObjection": lambda db, st, ck: (resident("n2"), {"cycle_id": _cycle_at(db, "public_notice", ck)["id"],
                                                           "person_id": "p2", "objection": "p2 was absent"}),
    "AnswerObjection": lambda db, st, ck: (worker(), {"objection_id": _objection(db, ck)["id"], "answer": "ok"}),
    "RequestExemption": lambda db, st, ck: (resident("p2"), {
        "cycle_id": _cycle_at(db, "self_assessment", ck)["id"], "person_id": "p2", "reason": "abroad"}),
    "DecideExemption": lambda db, st, ck: (worker(), {"exemption_id": _exemption(db, ck)["id"], "approve": True}),
    "CreateStation": lambda db, st, ck: (worker(), {"community": COMM_A, "name": "第二驿站"}),
    "AddItem": lambda db, st, ck: (worker(), {"station_id": st["id"], "kind": "goods", "name": "皂", "points_cost": 3,
                                              "stock": 1}),
    "Restock": lambda db, st, ck: (worker(), {"item_id": st["goods"], "quantity": 2}),
    "Redeem": lambda db, st, ck: (resident("r1"), {"account_id": R1, "item_id": st["goods"]}),
    "DecideHonour": lambda db, st, ck: (sub_staff(), {"reservation_id": _honour(db, st)["id"], "approve": True}),
    "PickUp": lambda db, st, ck: (worker(), (lambda r: {"reservation_id": r["id"],
                                                        "pick_up_code": r["pick_up_code"]})(_reserved(db, st))),
    "CancelReservation": lambda db, st, ck: (resident("r1"), {"reservation_id": _reserved(db, st)["id"]}),
    "ImportGarbageRecords": lambda db, st, ck: (worker(), {
        "station_id": st["id"], "content": b"record_id,household_id,community,sorted_on\nG1,h1,310101002001,2026-06-01\n"}),
}


def test_every_write_has_an_audit_case():
    assert set(CASES) == WRITES


def last_audit_id(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.coalesce(func.max(m.AuditEntry.id), 0))).scalar_one()


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_change_leaves_an_audit_entry_naming_who_and_when(name, seeded, station, fixed_clock):
    fund(seeded, res_ref("r1"), 600)
    ctx, params = CASES[name](seeded, station, fixed_clock)
    mark = last_audit_id(seeded)
    call(seeded, ctx, USE_CASES[name], **params)
    new = audit_rows(seeded, m.AuditEntry.id > mark)
    assert new, f"{name} changed the points data without an audit entry"
    assert all(e.district == "310101" and e.at is not None and e.request_id for e in new)
    assert ctx.actor in {e.actor for e in new}


def test_a_changed_setting_is_audited_with_its_before_value(seeded, fixed_clock):
    c = _cycle_at(seeded, "rules_set", fixed_clock)
    call(seeded, sub_staff(), cycle.set_cycle_rules, cycle_id=c["id"], base_score=50)
    entry = audit_rows(seeded, m.AuditEntry.action == "set cycle rules")[-1]
    assert entry.after["base_score"] == 50
    assert entry.before and entry.before["base_score"] == 60


def test_an_approval_records_who_why_and_before_after(seeded):
    pending = _pending(seeded)
    call(seeded, admin("boss"), rules.decide_pending, transaction_id=pending["id"], approve=True, note="verified")
    (entry,) = audit_rows(seeded, m.AuditEntry.action == "approve award")
    assert (entry.actor, entry.reason, entry.before) == ("boss", "verified", {"status": "pending"})
    assert entry.after["status"] == "approved" and entry.after["posted"]
    post = audit_rows(seeded, m.AuditEntry.subject == entry.after["posted"])[0]
    assert post.before == {"account": R1, "balance": 0} and post.after == {"account": R1, "balance": 5}


def test_an_honour_request_is_audited(seeded, station):
    """Asking for an honour creates a reservation waiting for approval: a change like any other."""
    fund(seeded, res_ref("r1"), 600)
    mark = last_audit_id(seeded)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    assert res["status"] == "pending_approval"
    assert [e.actor for e in audit_rows(seeded, m.AuditEntry.id > mark)] == ["r1"]


def test_a_refused_change_leaves_no_audit_entry(seeded):
    mark = last_audit_id(seeded)
    with pytest.raises(FailedPrecondition):
        call(seeded, worker(), rules.earn, account=member_ref("p1"), action_type="missed_meeting")
    assert last_audit_id(seeded) == mark
