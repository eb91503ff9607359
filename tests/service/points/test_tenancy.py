"""Tenancy: a district's staff never touch another district's points; a resident only their own account."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.points.app import cycle, ledger, rules, stations
from tests.conftest import DISTRICT_B, ctx_for
from tests.service.points.conftest import (COMM_A, COMM_A2, COMM_B, acc_id, admin, balance, call, fund, read,
                                           res_ref, resident, snapshot, stock, sub_staff, worker)

R1 = acc_id("resident", "r1")
B_ADMIN = admin("b-admin", district=DISTRICT_B)


@pytest.fixture
def funded(seeded, station):
    fund(seeded, res_ref("r1"), 100)
    return seeded


def test_a_district_b_token_cannot_read_district_a_accounts(funded):
    for fn, params in ((ledger.get_account, {"account_id": R1}), (ledger.statement, {"account_id": R1})):
        with pytest.raises(NotFound) as err:
            read(funded, B_ADMIN, fn, **params)
        assert err.value.field == "account_id"
    with pytest.raises(PermissionDenied):
        read(funded, B_ADMIN, ledger.leaderboard, community=COMM_A)
    with pytest.raises(PermissionDenied):
        read(funded, B_ADMIN, ledger.totals, district="310101")
    assert read(funded, B_ADMIN, rules.list_pending)["items"] == []


def test_a_district_b_token_cannot_change_district_a_points(funded, station):
    award = call(funded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    pending = call(funded, worker(), rules.award_manually, account=res_ref("r1"), points=5, reason="r", evidence="e")
    res = call(funded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    before = snapshot(funded)
    refused = [
        (ledger.reverse, {"transaction_id": award["id"], "reason": "x"}),
        (rules.decide_pending, {"transaction_id": pending["id"], "approve": True}),
        (stations.redeem, {"account_id": R1, "item_id": station["goods"]}),
        (stations.cancel, {"reservation_id": res["id"]}),
        (stations.decide_honour, {"reservation_id": res["id"], "approve": True}),
        (stations.restock, {"item_id": station["goods"], "quantity": 5}),
        (stations.add_item, {"station_id": station["id"], "kind": "goods", "name": "x", "points_cost": 1}),
    ]
    for fn, params in refused:
        with pytest.raises((NotFound, PermissionDenied)):
            call(funded, B_ADMIN, fn, **params)
    with pytest.raises(PermissionDenied):     # opening an account in A's community from B
        call(funded, B_ADMIN, ledger.open_account_case, account=res_ref("r1"))
    with pytest.raises(PermissionDenied):
        call(funded, B_ADMIN, rules.award_manually, account=res_ref("r9"), points=5, reason="r", evidence="e")
    with pytest.raises(NotFound):
        read(funded, B_ADMIN, stations.list_catalogue, station_id=station["id"])
    assert snapshot(funded) == before
    assert balance(funded, R1) == 100 and stock(funded, station["goods"]) == 20


def test_the_same_owner_in_district_b_is_another_account(funded):
    call(funded, B_ADMIN, rules.define_rule, action_type="volunteer_service", points=7, applies_to=["resident"])
    out = call(funded, B_ADMIN, rules.earn, account=res_ref("r1", community=COMM_B), action_type="volunteer_service")
    assert out["account_id"] == "310104:resident:r1"
    assert balance(funded, R1) == 100 and balance(funded, "310104:resident:r1") == 7
    assert balance(funded, "310104:pool:moral_bank") == -7


def test_a_resident_sees_only_their_own_account(funded):
    assert read(funded, resident("r1"), ledger.get_account, account_id=R1)["balance"] == 100
    assert read(funded, resident("r1"), ledger.statement, account_id=R1)["earned"] == 100
    with pytest.raises(PermissionDenied) as err:
        read(funded, resident("r2"), ledger.get_account, account_id=R1)
    assert err.value.field == "account_id"
    with pytest.raises(PermissionDenied):
        read(funded, resident("r2"), ledger.statement, account_id=R1)
    with pytest.raises(PermissionDenied):
        read(funded, resident("r2"), stations.list_reservations, account_id=R1)


def test_a_resident_redeems_only_from_their_own_account(funded, station):
    before = snapshot(funded)
    with pytest.raises(PermissionDenied) as err:
        call(funded, resident("r2"), stations.redeem, account_id=R1, item_id=station["produce"])
    assert err.value.field == "account_id"
    assert snapshot(funded) == before
    res = call(funded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    with pytest.raises(PermissionDenied):
        call(funded, resident("r2"), stations.cancel, reservation_id=res["id"])
    assert balance(funded, R1) == 95


def test_a_partner_unit_sees_its_own_unit_account_only(funded):
    fund(funded, {"kind": "unit", "owner": "org-7", "community": COMM_A}, 30)
    unit = ctx_for("partner_unit", actor="org-7")
    assert read(funded, unit, ledger.get_account, account_id=acc_id("unit", "org-7"))["balance"] == 30
    with pytest.raises(PermissionDenied):
        read(funded, unit, ledger.get_account, account_id=R1)


def test_residents_cannot_earn_award_or_reverse(funded):
    for fn, params in ((rules.earn, {"account": res_ref("r1"), "action_type": "volunteer_service"}),
                       (rules.award_manually, {"account": res_ref("r1"), "points": 5, "reason": "r",
                                               "evidence": "e"}),
                       (ledger.set_expiry_policy, {"expiry_policy": "never"})):
        with pytest.raises(PermissionDenied):
            call(funded, resident("r1"), fn, **params)


def test_a_community_worker_writes_only_in_their_community(funded):
    with pytest.raises(PermissionDenied):
        call(funded, worker(community=COMM_A2), rules.earn, account=res_ref("new", community=COMM_A),
             action_type="volunteer_service")


def test_a_community_worker_cannot_credit_an_existing_account_of_another_community(funded):
    """The scope check must not depend on whether the account already exists."""
    before = balance(funded, R1)
    with pytest.raises(PermissionDenied):
        call(funded, worker(community=COMM_A2), rules.earn, account=res_ref("r1", community=COMM_A2),
             action_type="volunteer_service")
    assert balance(funded, R1) == before


def test_a_city_wide_caller_cannot_write_to_the_ledger(funded):
    city = ctx_for("city_admin", district=None, actor="city")
    svc = ctx_for("service", district=None, actor="svc")
    with pytest.raises(InvalidArgument) as err:
        call(funded, svc, rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    assert err.value.field == "account"
    with pytest.raises(PermissionDenied):
        call(funded, city, cycle.open_cycle, branch_id="b", community=COMM_A, year=2026, members=[{"person_id": "p"}])


def test_a_subdistrict_staff_of_another_subdistrict_cannot_approve(funded):
    pending = call(funded, worker(), rules.award_manually, account=res_ref("r1"), points=5, reason="r", evidence="e")
    with pytest.raises(PermissionDenied):
        call(funded, sub_staff(subdistrict="310101003"), rules.decide_pending, transaction_id=pending["id"],
             approve=True)
    call(funded, sub_staff(subdistrict="310101002"), rules.decide_pending, transaction_id=pending["id"],
         approve=True)
