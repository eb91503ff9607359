"""An account's audit trail (GetAccountAudit): the entries about the account and its transactions, newest
first, paged by cursor; residents read their own account's only, staff their scope."""
from __future__ import annotations

import json

import pytest

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.points.app import ledger, stations
from tests.service.points.conftest import (COMM_A2, acc_id, admin, call, fund, read, res_ref, resident, worker)

R1, R2 = acc_id("resident", "r1"), acc_id("resident", "r2")


def _all_pages(db, ctx, size: int, account_id: str) -> list[str]:
    seen, token = [], ""
    while True:
        page = read(db, ctx, ledger.account_audit, account_id=account_id, page_size=size, page_token=token)
        seen += [e["id"] for e in page["items"]]
        token = page["next_page_token"]
        if not token:
            return seen


def test_the_trail_holds_the_opening_and_every_transaction_newest_first(seeded, station):
    call(seeded, worker(), ledger.open_account_case, account=res_ref("r1"))
    for _ in range(3):
        fund(seeded, res_ref("r1"), 10)
    fund(seeded, res_ref("r2"), 10)  # another account's: not in r1's trail
    trail = read(seeded, worker(), ledger.account_audit, account_id=R1)
    assert trail["account_id"] == R1 and trail["next_page_token"] == ""
    actions = [e["action"] for e in trail["items"]]
    assert actions[-1] == "open account" and actions.count("approve award") == 3
    assert [int(e["id"]) for e in trail["items"]] == sorted((int(e["id"]) for e in trail["items"]), reverse=True)
    approved = next(e for e in trail["items"] if e["action"] == "approve award")
    assert json.loads(approved["before"]) == {"status": "pending"} and approved["actor"] == "approver"
    r2_subjects = {e["subject"] for e in read(seeded, worker(), ledger.account_audit, account_id=R2)["items"]}
    assert not r2_subjects & {e["subject"] for e in trail["items"]}


def test_pages_give_every_entry_once_and_a_token_for_another_account_is_refused(seeded, station):
    for _ in range(4):
        fund(seeded, res_ref("r1"), 10)
    fund(seeded, res_ref("r2"), 10)
    everything = [e["id"] for e in read(seeded, admin(), ledger.account_audit, account_id=R1)["items"]]
    assert len(everything) > 5 and _all_pages(seeded, admin(), 2, R1) == everything
    page = read(seeded, admin(), ledger.account_audit, account_id=R1, page_size=2)
    with pytest.raises(InvalidArgument) as err:
        read(seeded, admin(), ledger.account_audit, account_id=R2, page_token=page["next_page_token"])
    assert err.value.field == "page_token"
    with pytest.raises(InvalidArgument) as err:
        read(seeded, admin(), ledger.account_audit, account_id=R1, page_size=-1)
    assert err.value.field == "page_size"


def test_a_resident_reads_only_his_own_accounts_trail(seeded, station):
    call(seeded, worker(), ledger.open_account_case, account=res_ref("r1"))
    fund(seeded, res_ref("r1"), 10)
    fund(seeded, res_ref("r2"), 10)
    mine = read(seeded, resident("r1"), ledger.account_audit, account_id=R1)["items"]
    assert mine and {e["action"] for e in mine} >= {"open account", "approve award"}
    with pytest.raises(PermissionDenied) as err:
        read(seeded, resident("r1"), ledger.account_audit, account_id=R2)
    assert err.value.field == "account_id"


def test_a_sibling_communitys_worker_finds_no_trail_of_ours(seeded, station):
    fund(seeded, res_ref("r1"), 10)
    with pytest.raises(NotFound) as err:
        read(seeded, worker("sibling", community=COMM_A2), ledger.account_audit, account_id=R1)
    assert err.value.field == "account_id"


def test_the_stations_trail_shows_the_redemptions_paid_to_it(seeded, station):
    fund(seeded, res_ref("r1"), 10)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    trail = read(seeded, admin(), ledger.account_audit, account_id=station["account_id"])["items"]
    assert res["transaction_id"] in {e["subject"] for e in trail}
