"""Every write takes an idempotency key: a retry returns the first result and credits once."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.common.usecase import run_idempotent
from services.points import models as m
from services.points.app import USE_CASES, WRITES, ledger, rules, stations
from tests.service.points.conftest import (acc_id, admin, balance, call, count, fund, res_ref, snapshot, stock,
                                           worker)


def test_every_write_use_case_refuses_a_call_without_a_key(seeded):
    before = snapshot(seeded)
    for name in sorted(WRITES):
        for missing in ({}, {"idempotency_key": ""}, {"idempotency_key": "   "}, {"idempotency_key": None}):
            with pytest.raises(InvalidArgument) as err:
                run_idempotent(seeded, admin(), USE_CASES[name], dict(missing), operation=name)
            assert err.value.field == "idempotency_key", name
            assert str(err.value).startswith("idempotency_key: ")
    assert snapshot(seeded) == before


def test_a_key_longer_than_128_characters_is_refused(seeded):
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker(), rules.earn, key="k" * 129, account=res_ref("r1"), action_type="volunteer_service")
    assert err.value.field == "idempotency_key"


def test_the_same_key_and_content_returns_the_first_result_and_credits_once(seeded):
    first = call(seeded, worker(), rules.earn, key="earn-1", account=res_ref("r1"), action_type="volunteer_service")
    again = call(seeded, worker(), rules.earn, key="earn-1", account=res_ref("r1"), action_type="volunteer_service")
    assert again == first
    assert balance(seeded, acc_id("resident", "r1")) == 5
    assert count(seeded, m.Transaction) == 1


def test_the_same_key_with_other_content_is_refused(seeded):
    call(seeded, worker(), rules.earn, key="earn-1", account=res_ref("r1"), action_type="volunteer_service")
    before = snapshot(seeded)
    with pytest.raises(AlreadyExists) as err:
        call(seeded, worker(), rules.earn, key="earn-1", account=res_ref("r2"), action_type="volunteer_service")
    assert err.value.field == "idempotency_key"
    with pytest.raises(AlreadyExists) as err:     # same key for another operation
        call(seeded, worker(), rules.award_manually, key="earn-1", account=res_ref("r1"), points=5, reason="r",
             evidence="e")
    assert err.value.field == "idempotency_key"
    assert snapshot(seeded) == before


def test_a_retried_redemption_moves_points_and_stock_once(seeded, station):
    fund(seeded, res_ref("r1"), 120)
    first = call(seeded, worker(), stations.redeem, key="redeem-1", account_id=acc_id("resident", "r1"),
                 item_id=station["goods"])
    again = call(seeded, worker(), stations.redeem, key="redeem-1", account_id=acc_id("resident", "r1"),
                 item_id=station["goods"])
    assert again == first and again["pick_up_code"] == first["pick_up_code"]
    assert balance(seeded, acc_id("resident", "r1")) == 70 and stock(seeded, station["goods"]) == 19
    assert count(seeded, m.Reservation) == 1


def test_a_retried_approval_posts_once(seeded):
    pending = call(seeded, worker(), rules.award_manually, account=res_ref("r1"), points=40, reason="r", evidence="e")
    for _ in range(3):
        call(seeded, admin("approver"), rules.decide_pending, key="approve-1", transaction_id=pending["id"],
             approve=True)
    assert balance(seeded, acc_id("resident", "r1")) == 40


def test_a_failed_write_leaves_its_key_free(seeded, station):
    call(seeded, worker(), ledger.open_account_case, account=res_ref("r1"))
    with pytest.raises(FailedPrecondition):     # no points yet
        call(seeded, worker(), stations.redeem, key="redeem-2", account_id=acc_id("resident", "r1"),
             item_id=station["produce"])
    fund(seeded, res_ref("r1"), 5)
    out = call(seeded, worker(), stations.redeem, key="redeem-2", account_id=acc_id("resident", "r1"),
               item_id=station["produce"])
    assert out["status"] == "reserved" and balance(seeded, acc_id("resident", "r1")) == 0


def test_keys_are_scoped_per_district(seeded):
    from tests.conftest import DISTRICT_B
    from tests.service.points.conftest import COMM_B

    call(seeded, worker(), rules.earn, key="shared", account=res_ref("r1"), action_type="volunteer_service")
    ctx_b = admin(district=DISTRICT_B)
    out = call(seeded, ctx_b, ledger.open_account_case, key="shared", account=res_ref("rb", community=COMM_B))
    assert out["district"] == DISTRICT_B
