"""An idempotency key is the caller's own: a retry by the same caller gets the first answer; another
caller who sends the same key gets nothing of it (a pick-up code goes to its redeemer only) and has
their request treated as their own.

Through the entrypoints, as a client calls: ``API.call`` (the nameko worker's RPCs, the gRPC server's
plain writes) and the gRPC server itself (Earn and Redeem in group commits). The rule is the kernel's
(services.common.usecase._callers_key), so every service's writes keep keys per caller.
"""
from __future__ import annotations

import grpc
import pytest
from cityplat.points.v1 import points_pb2 as pb
from sqlalchemy import select

from services.common.errors import AlreadyExists, InvalidArgument, PermissionDenied
from services.points import models as m
from services.common.usecase import _callers_key
from services.points.app import API
from tests.service.points.conftest import (COMM_A, acc_id, balance, count, fund, res_ref, resident, stock, worker)
from tests.service.points.test_grpc import bearer, status_of

R1, R2 = acc_id("resident", "r1"), acc_id("resident", "r2")


def redeem(db, ctx, key, account_id, item_id, quantity=1):
    return API.call(db, ctx, "Redeem", {"account_id": account_id, "item_id": item_id, "quantity": quantity,
                                        "idempotency_key": key})


def test_a_second_resident_with_the_same_key_gets_his_own_redemption(seeded, station):
    fund(seeded, res_ref("r1"), 120)
    fund(seeded, res_ref("r2"), 120)
    first = redeem(seeded, resident("r1"), "basket-1", R1, station["goods"])
    second = redeem(seeded, resident("r2"), "basket-1", R2, station["goods"])
    assert second["account_id"] == R2 and second["id"] != first["id"]
    assert second["pick_up_code"] != first["pick_up_code"]
    assert balance(seeded, R1) == 70 == balance(seeded, R2) and stock(seeded, station["goods"]) == 18
    assert count(seeded, m.Reservation) == 2
    # each one's retry still gets his own first answer
    assert redeem(seeded, resident("r1"), "basket-1", R1, station["goods"]) == first
    assert redeem(seeded, resident("r2"), "basket-1", R2, station["goods"]) == second
    assert balance(seeded, R1) == 70 == balance(seeded, R2) and count(seeded, m.Reservation) == 2


def test_another_caller_replaying_the_first_request_gets_nothing_of_its_answer(seeded, station):
    fund(seeded, res_ref("r1"), 120)
    fund(seeded, res_ref("r2"), 120)
    first = redeem(seeded, resident("r1"), "basket-1", R1, station["goods"])
    with pytest.raises(PermissionDenied) as err:    # r1's very request, sent by r2: his own, and refused
        redeem(seeded, resident("r2"), "basket-1", R1, station["goods"])
    assert err.value.field == "account_id" and first["pick_up_code"] not in str(err.value)
    assert balance(seeded, R1) == 70 and balance(seeded, R2) == 120 and count(seeded, m.Reservation) == 1
    # a worker at the counter (who may redeem for r1) with r1's key makes his own redemption, not a replay
    counter = redeem(seeded, worker("counter"), "basket-1", R1, station["goods"])
    assert counter["id"] != first["id"] and counter["pick_up_code"] != first["pick_up_code"]
    assert balance(seeded, R1) == 20 and count(seeded, m.Reservation) == 2


def test_the_same_caller_and_key_with_another_request_is_refused_naming_the_key(seeded, station):
    fund(seeded, res_ref("r1"), 120)
    redeem(seeded, resident("r1"), "basket-1", R1, station["goods"])
    with pytest.raises(AlreadyExists) as err:
        redeem(seeded, resident("r1"), "basket-1", R1, station["produce"])
    assert err.value.field == "idempotency_key"
    with pytest.raises(AlreadyExists) as err:       # nor for another write
        API.call(seeded, resident("r1"), "OpenAccount", {"account": res_ref("r1"), "idempotency_key": "basket-1"})
    assert err.value.field == "idempotency_key"
    assert balance(seeded, R1) == 70


def test_every_write_keys_by_caller_two_workers_award_with_one_key(seeded):
    def earn(ctx, owner):
        return API.call(seeded, ctx, "Earn", {"account": res_ref(owner), "action_type": "volunteer_service",
                                              "idempotency_key": "checkin-1"})

    first = earn(worker("w1"), "r1")
    assert earn(worker("w2"), "r2")["account_id"] == R2        # before: refused, the key was w1's
    assert earn(worker("w1"), "r1") == first                   # w1's retry: the first answer, credited once
    assert balance(seeded, R1) == 5 == balance(seeded, R2)
    pending = API.call(seeded, worker("w1"), "AwardManually", {"account": res_ref("r3"), "points": 10, "reason": "r",
                                                               "evidence": "e", "idempotency_key": "award-1"})
    other = API.call(seeded, worker("w2"), "AwardManually", {"account": res_ref("r3"), "points": 10, "reason": "r",
                                                             "evidence": "e", "idempotency_key": "award-1"})
    assert other["id"] != pending["id"]                        # w2's own request, not w1's answer


def test_over_grpc_the_second_resident_gets_his_own_reservation(served):
    stub, db = served
    for owner in ("r1", "r2"):   # one worker each, with the same keys: two workers' own awards
        counter = bearer(f"counter-{owner}", "community_worker", subdistrict=COMM_A[:9], community=COMM_A)
        for n in range(10):   # 50 points: rice
            stub.Earn(pb.EarnRequest(account=pb.AccountRef(kind="resident", owner=owner, community=COMM_A),
                                     action_type="volunteer_service", idempotency_key=f"checkin-{n}",
                                     occurred_on=f"2026-05-{n + 1:02d}"), metadata=counter, timeout=10)
    assert balance(db, R1) == 50 == balance(db, R2)
    with db.session_factory() as s:
        rice = s.scalars(select(m.Item.id).where(m.Item.kind == "goods")).one()
    first = stub.Redeem(pb.RedeemRequest(account_id=R1, item_id=rice, idempotency_key="basket-1"),
                        metadata=bearer("r1", "resident"), timeout=10)
    err = status_of(stub.Redeem, pb.RedeemRequest(account_id=R1, item_id=rice, idempotency_key="basket-1"),
                    bearer("r2", "resident"))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED and first.pick_up_code not in err.details()
    second = stub.Redeem(pb.RedeemRequest(account_id=R2, item_id=rice, idempotency_key="basket-1"),
                         metadata=bearer("r2", "resident"), timeout=10)
    assert second.account_id == R2 and second.id != first.id and second.pick_up_code != first.pick_up_code
    again = stub.Redeem(pb.RedeemRequest(account_id=R1, item_id=rice, idempotency_key="basket-1"),
                        metadata=bearer("r1", "resident"), timeout=10)
    assert again.id == first.id and again.pick_up_code == first.pick_up_code
    assert balance(db, R1) == 0 == balance(db, R2) and stock(db, rice) == 18
    err = status_of(stub.Redeem, pb.RedeemRequest(account_id=R1, item_id=rice, quantity=2,
                                                  idempotency_key="basket-1"), bearer("r1", "resident"))
    assert err.code() == grpc.StatusCode.ALREADY_EXISTS and err.details().startswith("idempotency_key: ")


def test_a_key_is_recorded_as_one_digest_of_caller_and_key_and_a_bad_key_is_refused_naming_it():
    """The kernel records keys per caller (services.common.usecase): every service's writes alike."""
    mine = _callers_key(resident("r1"), "basket-1")
    assert mine == _callers_key(resident("r1"), "basket-1")           # a retry finds it
    assert mine != _callers_key(resident("r2"), "basket-1") != "basket-1"
    assert len(mine) <= 128 and mine.isprintable()
    for bad in ("", "   ", "k" * 129, "a\x00b", "tab\tkey"):
        with pytest.raises(InvalidArgument) as err:    # refused as before, naming the field
            API.call(None, resident("r1"), "Redeem", {"account_id": R1, "item_id": "x", "idempotency_key": bad})
        assert err.value.field == "idempotency_key"
