"""The points gRPC server in-process: status codes and details, and a happy path earn → redeem → pick up."""
from __future__ import annotations

import grpc
import pytest
from cityplat.points.v1 import points_pb2 as pb

from sqlalchemy import select

from services.common.auth import mint_token
from services.points import models as m
from tests.conftest import DISTRICT_A, DISTRICT_B
from tests.service.points.conftest import COMM_A, acc_id, balance, stock


def bearer(actor, *roles, district=DISTRICT_A, **kw):
    return (("authorization", "Bearer " + mint_token(actor, roles, district, **kw)),)


WORKER = bearer("counter", "community_worker", subdistrict=COMM_A[:9], community=COMM_A)
APPROVER = bearer("approver", "subdistrict_staff")
RESIDENT = bearer("r1", "resident")
B_ADMIN = bearer("b-admin", "district_admin", district=DISTRICT_B)


def status_of(fn, request, metadata) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        fn(request, metadata=metadata, timeout=10)
    return err.value


def resident_ref(owner="r1"):
    return pb.AccountRef(kind="resident", owner=owner, community=COMM_A, name="王五")


def test_a_write_without_an_idempotency_key_is_invalid_argument(served):
    stub, db = served
    err = status_of(stub.Earn, pb.EarnRequest(account=resident_ref(), action_type="volunteer_service"), WORKER)
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert err.details().startswith("idempotency_key: ")
    assert balance(db, acc_id("resident", "r1")) == 0


def test_earn_redeem_pick_up(served):
    stub, db = served
    earned = stub.Earn(pb.EarnRequest(account=resident_ref(), action_type="volunteer_service", idempotency_key="e1"),
                       metadata=WORKER, timeout=10)
    assert (earned.kind, earned.points, earned.balance) == ("award", 5, 5)
    retried = stub.Earn(pb.EarnRequest(account=resident_ref(), action_type="volunteer_service",
                                       idempotency_key="e1"), metadata=WORKER, timeout=10)
    assert retried.id == earned.id
    err = status_of(stub.Earn, pb.EarnRequest(account=resident_ref("r2"), action_type="volunteer_service",
                                              idempotency_key="e1"), WORKER)
    assert err.code() == grpc.StatusCode.ALREADY_EXISTS and err.details().startswith("idempotency_key: ")
    account = stub.GetAccount(pb.AccountIdRequest(account_id=acc_id("resident", "r1")), metadata=RESIDENT,
                              timeout=10)
    assert account.balance == 5 and account.name == "王五"
    with db.session_factory() as s:
        station_id = s.scalars(select(m.Station.id)).one()
    items = {i.kind: i for i in stub.ListCatalogue(pb.StationIdRequest(station_id=station_id), metadata=RESIDENT,
                                                   timeout=10).items}
    greens = items["produce"]
    reservation = stub.Redeem(pb.RedeemRequest(account_id=acc_id("resident", "r1"), item_id=greens.id, quantity=1,
                                               idempotency_key="redeem-1"), metadata=RESIDENT, timeout=10)
    assert reservation.status == "reserved" and reservation.points == 5 and len(reservation.pick_up_code) == 8
    assert balance(db, acc_id("resident", "r1")) == 0 and stock(db, greens.id) == 29
    done = stub.PickUp(pb.PickUpRequest(reservation_id=reservation.id, pick_up_code=reservation.pick_up_code,
                                        idempotency_key="pick-1"), metadata=WORKER, timeout=10)
    assert done.status == "picked_up"
    statement = stub.GetStatement(pb.StatementRequest(account_id=acc_id("resident", "r1")), metadata=RESIDENT,
                                  timeout=10)
    assert (statement.earned, statement.spent, statement.balance) == (5, 5, 0)


def test_a_redemption_beyond_the_balance_is_failed_precondition(served):
    stub, db = served
    stub.Earn(pb.EarnRequest(account=resident_ref(), action_type="volunteer_service", idempotency_key="e1"),
              metadata=WORKER, timeout=10)
    with db.session_factory() as s:
        rice = s.scalars(select(m.Item).where(m.Item.kind == "goods")).one()
    err = status_of(stub.Redeem, pb.RedeemRequest(account_id=acc_id("resident", "r1"), item_id=rice.id, quantity=1,
                                                  idempotency_key="redeem-x"), RESIDENT)
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert err.details() == "points: balance 5 is less than 50"
    assert balance(db, acc_id("resident", "r1")) == 5 and stock(db, rice.id) == 20


def test_a_district_b_token_gets_not_found_for_district_a_accounts(served):
    stub, _ = served
    stub.Earn(pb.EarnRequest(account=resident_ref(), action_type="volunteer_service", idempotency_key="e1"),
              metadata=WORKER, timeout=10)
    err = status_of(stub.GetAccount, pb.AccountIdRequest(account_id=acc_id("resident", "r1")), B_ADMIN)
    assert err.code() == grpc.StatusCode.NOT_FOUND and err.details().startswith("account_id: ")
    err = status_of(stub.Reverse, pb.ReverseRequest(transaction_id="x", reason="r", idempotency_key="k"), B_ADMIN)
    assert err.code() == grpc.StatusCode.NOT_FOUND


def test_a_resident_reading_another_account_is_permission_denied(served):
    stub, _ = served
    stub.Earn(pb.EarnRequest(account=resident_ref(), action_type="volunteer_service", idempotency_key="e1"),
              metadata=WORKER, timeout=10)
    err = status_of(stub.GetAccount, pb.AccountIdRequest(account_id=acc_id("resident", "r1")),
                    bearer("r2", "resident"))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED


def test_no_token_is_unauthenticated(served):
    stub, _ = served
    err = status_of(stub.GetAccount, pb.AccountIdRequest(account_id=acc_id("resident", "r1")), ())
    assert err.code() == grpc.StatusCode.UNAUTHENTICATED
