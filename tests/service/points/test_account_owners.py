"""A new account's owner must exist in the caller's district (services.points.app.ledger.check_owner).

Points were posted to an account for the owner ``' OR '1'='1`` (issue 11) and accounts were opened
and credited for owners the registry does not hold (issue 10). Now every API method that opens an
account refuses an owner who is not there, naming ``account.owner``, and writes nothing: no account,
no transaction, no audit entry, no idempotency key.
"""
from __future__ import annotations

import grpc
import pytest
from cityplat.points.v1 import points_pb2 as pb

from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from services.points import models as m
from services.points.app import earning, ledger, rules, stations
from tests.service.points.conftest import (COMM_A, acc_id, call, count, fund, hh_ref, member_ref,
                                           res_ref, service_ctx, snapshot, unit_ref, worker)
from tests.service.points.test_grpc import WORKER

SQLISH = "' OR '1'='1"


def open_account(db, ref):
    return call(db, worker(), ledger.open_account_case, account=ref)


def earn(db, ref):
    action = {"member": "political_study", "unit": "cobuilding_service"}.get(ref["kind"], "volunteer_service")
    return call(db, worker(), rules.earn, account=ref, action_type=action)


def award(db, ref):
    return call(db, worker(), rules.award_manually, account=ref, points=5, reason="r", evidence="e.jpg")


#: every API method that opens an account from a reference
OPENERS = {"OpenAccount": open_account, "Earn": earn, "AwardManually": award}

#: (a reference, the error, what its message says)
REFUSED = {
    "unknown resident": (res_ref("ghost"), NotFound, "no person 'ghost' in the registry of district 310101"),
    "unknown member": (member_ref("ghost"), NotFound, "no person 'ghost' in the registry of district 310101"),
    "a person of another district": (res_ref("pb"), NotFound, "no person 'pb' in the registry of district 310101"),
    "a member of another district": (member_ref("pb"), NotFound, "no person 'pb' in the registry of district 310101"),
    "unknown unit": (unit_ref("ghost-unit"), NotFound,
                     "no organisation 'ghost-unit' in the registry of district 310101"),
    "a branch as a unit": (unit_ref("b"), FailedPrecondition, "支部b is a branch, not a partner unit"),
    "a person as a unit": (unit_ref("r1"), NotFound, "no organisation 'r1' in the registry of district 310101"),
    "sql-ish resident": (res_ref(SQLISH), NotFound, f"no person {SQLISH!r} in the registry of district 310101"),
    "sql-ish member": (member_ref(SQLISH), NotFound, f"no person {SQLISH!r} in the registry of district 310101"),
    "sql-ish unit": (unit_ref(SQLISH), NotFound, f"no organisation {SQLISH!r} in the registry of district 310101"),
    "sql-ish household": (hh_ref(SQLISH), InvalidArgument, "a household id is letters, digits"),
    "unknown station": ({"kind": "station", "owner": "ghost-station", "community": COMM_A}, NotFound,
                        "no station 'ghost-station'"),
}


@pytest.mark.parametrize("method", OPENERS)
@pytest.mark.parametrize("case", REFUSED)
def test_an_owner_who_does_not_exist_is_refused_naming_the_field_and_nothing_is_written(seeded, method, case):
    ref, error, message = REFUSED[case]
    before = snapshot(seeded)
    with pytest.raises(error) as err:
        OPENERS[method](seeded, ref)
    assert err.value.field == "account.owner"
    assert err.value.message.startswith(message)
    assert snapshot(seeded) == before  # accounts, balances, transactions, audit, idempotency keys, outbox
    assert count(seeded, m.Account, m.Account.owner == ref["owner"]) == 0
    assert count(seeded, m.AuditEntry, m.AuditEntry.actor == "worker") == 0


def test_owners_the_registry_holds_open_their_accounts(seeded, registry):
    for ref in (res_ref("r1"), member_ref("p1"), unit_ref("u1"), hh_ref("3-2-501"), hh_ref("幸福里12号")):
        assert open_account(seeded, ref)["id"] == acc_id(ref["kind"], ref["owner"])
    asked = [call for call in registry.calls if call[0] in ("person", "organisation")]
    assert asked == [("person", "310101", "r1"), ("person", "310101", "p1"), ("organisation", "310101", "u1")]


def test_an_open_account_is_not_looked_up_again(seeded, registry):
    """The hot path (an award to an account that exists) makes no registry call: even with the registry
    down, an existing account earns, and only a new one is refused."""
    fund(seeded, res_ref("r1"), 10)
    registry.calls.clear()
    registry.down = True
    assert earn(seeded, res_ref("r1"))["points"] == 5
    assert registry.calls == []
    before = snapshot(seeded)
    with pytest.raises(FailedPrecondition) as err:
        earn(seeded, res_ref("r2"))
    assert err.value.field == "registry" and snapshot(seeded) == before


def test_a_station_finds_no_account_for_a_refused_owner(seeded, station):
    """The counter cannot redeem for an owner who was refused: the account was never opened."""
    with pytest.raises(NotFound):
        earn(seeded, res_ref("ghost"))
    before = snapshot(seeded)
    with pytest.raises(NotFound) as err:
        call(seeded, worker(), stations.redeem, account_id=acc_id("resident", "ghost"), item_id=station["produce"])
    assert err.value.field == "account_id" and snapshot(seeded) == before


def test_a_garbage_record_of_a_malformed_household_is_a_problem_and_the_rest_are_credited(seeded, station):
    content = ("record_id,household_id,community,sorted_on\n"
               "G-1,3-2-501,310101002001,2026-05-31\n"
               f"G-2,{SQLISH},310101002001,2026-05-31\n").encode()
    report = call(seeded, worker(), earning.import_garbage_records, station_id=station["id"], content=content)
    assert report["credited"] == 1
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(3, "household_id")]
    assert count(seeded, m.Account, m.Account.kind == "household") == 1


def test_earning_events_are_not_looked_up_again(seeded, registry):
    """The producer checked its volunteers (mediation: person_in) in the transaction that emitted the
    event: the consumer credits them without a registry call (ledger.check_owner says why)."""
    env = {"event_id": "case-1", "occurred_at": "2026-06-01T09:30:00Z", "district": "310101",
           "payload": {"volunteers": [{"person_id": "v-checked-by-mediation", "community": COMM_A}]}}
    registry.calls.clear()
    with seeded.uow(service_ctx(), deferred=True) as uow:
        (credit,) = earning.credit_event(uow, "mediation", "case.resolved", env)
        uow.commit()
    assert credit["account_id"] == acc_id("resident", "v-checked-by-mediation")
    assert [c for c in registry.calls if c[0] in ("person", "organisation")] == []


def test_over_grpc_the_sql_ish_owner_is_not_found_naming_the_field(served):
    """Earn over gRPC goes through the group commit: the refusal is the caller's alone, and nothing is kept."""
    stub, db = served
    before = snapshot(db)
    ref = pb.AccountRef(kind="resident", owner=SQLISH, community=COMM_A)
    for method, request in (
            (stub.OpenAccount, pb.OpenAccountRequest(account=ref, idempotency_key="o1")),
            (stub.Earn, pb.EarnRequest(account=ref, action_type="volunteer_service", idempotency_key="e1")),
            (stub.AwardManually, pb.AwardManuallyRequest(account=ref, points=5, reason="r", evidence="e",
                                                         idempotency_key="a1"))):
        with pytest.raises(grpc.RpcError) as err:
            method(request, metadata=WORKER, timeout=10)
        assert err.value.code() == grpc.StatusCode.NOT_FOUND
        assert err.value.details() == f"account.owner: no person {SQLISH!r} in the registry of district 310101"
    assert snapshot(db) == before
