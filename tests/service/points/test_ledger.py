"""The ledger through the application layer: double entry, reversals, expiry, statements, leaderboards, totals."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.points import models as m
from services.points.app import ledger, rules, stations
from tests.conftest import DISTRICT_A, DISTRICT_B
from tests.service.points.conftest import (COMM_A, COMM_A2, COMM_A3, GRID_A, GRID_A2, SUB_A, SUB_A3, acc_id, admin,
                                           audit_rows, balance, call, count, events, fund, hh_ref, lots_remaining,
                                           member_ref, read, res_ref, snapshot, sub_staff, worker)


def postings_of(db, tx_id):
    with db.engine.connect() as conn:
        return {r.account_id: r.amount for r in conn.execute(
            select(m.PostingRow.account_id, m.PostingRow.amount).where(m.PostingRow.transaction_id == tx_id))}


def tx(db, tx_id) -> m.Transaction:
    with db.session_factory() as s:
        row = s.get(m.Transaction, tx_id)
        s.expunge(row)
        return row


# ---- accounts and double entry

def test_opening_an_account_names_it_by_district_kind_and_owner(seeded):
    out = call(seeded, worker(), ledger.open_account_case, account=res_ref("r1", grid=GRID_A, name="张三"))
    assert out == {"id": "310101:resident:r1", "district": DISTRICT_A, "kind": "resident", "owner": "r1",
                   "programme": "moral_bank", "name": "张三", "community": COMM_A, "grid": GRID_A, "balance": 0}
    member = call(seeded, worker(), ledger.open_account_case, account=member_ref("p1", "organ"))
    assert member["programme"] == "member_points" and member["category"] == "organ"
    # opening again returns the same account
    again = call(seeded, worker(), ledger.open_account_case, account=res_ref("r1"))
    assert again["id"] == out["id"] and count(seeded, m.Account, m.Account.owner == "r1") == 1


def test_an_award_is_a_balanced_transfer_from_the_districts_pool(seeded):
    out = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    assert out["kind"] == "award" and out["status"] == "posted" and out["points"] == 5 and out["balance"] == 5
    assert postings_of(seeded, out["id"]) == {"310101:pool:moral_bank": -5, acc_id("resident", "r1"): 5}
    assert balance(seeded, "310101:pool:moral_bank") == -5   # only the issuing pool goes below zero
    assert balance(seeded, acc_id("resident", "r1")) == 5 == lots_remaining(seeded, acc_id("resident", "r1"))
    (event,) = events(seeded, "points.awarded")
    assert event["payload"]["transaction_id"] == out["id"] and event["payload"]["points"] == 5


def test_member_points_and_the_moral_bank_draw_on_separate_pools(seeded):
    call(seeded, worker(), rules.earn, account=member_ref("p1"), action_type="political_study")
    call(seeded, worker(), rules.earn, account=hh_ref("h1"), action_type="volunteer_service")
    assert balance(seeded, "310101:pool:member_points") == -5
    assert balance(seeded, "310101:pool:moral_bank") == -5


def test_the_pool_is_sharded_but_sums_to_what_it_issued(seeded):
    for owner in ("r1", "r2", "r3", "r4"):
        call(seeded, worker(), rules.earn, account=res_ref(owner), action_type="volunteer_service")
    assert count(seeded, m.Balance, m.Balance.account_id == "310101:pool:moral_bank") == 16
    assert balance(seeded, "310101:pool:moral_bank") == -20


def test_a_debit_beyond_the_balance_is_refused_and_nothing_moves(seeded, station):
    fund(seeded, res_ref("r1"), 30)
    before = count(seeded, m.PostingRow)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, worker(), stations.redeem, account_id=acc_id("resident", "r1"), item_id=station["goods"])
    assert err.value.field == "points" and "balance 30 is less than 50" in err.value.message
    assert balance(seeded, acc_id("resident", "r1")) == 30 and count(seeded, m.PostingRow) == before


def test_every_transaction_balances_and_the_ledger_sums_to_zero(seeded, station):
    r1 = acc_id("resident", "r1")
    fund(seeded, res_ref("r1"), 60)
    call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    res = call(seeded, worker(), stations.redeem, account_id=r1, item_id=station["goods"])
    call(seeded, worker(), stations.cancel, reservation_id=res["id"])
    call(seeded, worker(), stations.redeem, account_id=r1, item_id=station["produce"], quantity=2)
    with seeded.engine.connect() as conn:
        assert conn.execute(select(func.sum(m.PostingRow.amount))).scalar_one() == 0
        per_tx = conn.execute(select(m.PostingRow.transaction_id, func.sum(m.PostingRow.amount))
                              .group_by(m.PostingRow.transaction_id)).all()
        assert per_tx and all(total == 0 for _, total in per_tx)
        for acc, in conn.execute(select(m.Account.id)):
            posted = conn.execute(select(func.coalesce(func.sum(m.PostingRow.amount), 0))
                                  .where(m.PostingRow.account_id == acc)).scalar_one()
            assert balance(seeded, acc) == posted
    assert balance(seeded, r1) == 60 + 5 - 10 == lots_remaining(seeded, r1)
    assert balance(seeded, station["account_id"]) == 10


# ---- reversals

def test_a_reversal_is_a_new_transaction_referencing_the_original_with_reason_and_actor(seeded):
    award = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    out = call(seeded, sub_staff("auditor"), ledger.reverse, transaction_id=award["id"], reason="entered twice")
    assert out["kind"] == "reversal" and out["reverses_id"] == award["id"] and out["balance"] == 0
    assert postings_of(seeded, out["id"]) == {"310101:pool:moral_bank": 5, acc_id("resident", "r1"): -5}
    rev = tx(seeded, out["id"])
    assert (rev.reason, rev.actor, rev.reverses_id) == ("entered twice", "auditor", award["id"])
    assert tx(seeded, award["id"]).status == "posted"    # the original stays on record
    assert balance(seeded, "310101:pool:moral_bank") == 0
    assert lots_remaining(seeded, acc_id("resident", "r1")) == 0
    (entry,) = audit_rows(seeded, m.AuditEntry.subject == out["id"])
    assert (entry.actor, entry.reason) == ("auditor", "entered twice")
    assert entry.before == {"account": acc_id("resident", "r1"), "balance": 5}
    assert entry.after == {"account": acc_id("resident", "r1"), "balance": 0}
    assert [e["payload"]["reverses_id"] for e in events(seeded, "points.reversed")] == [award["id"]]


def test_a_transaction_is_reversed_once_and_a_reversal_is_not_reversed(seeded):
    award = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    rev = call(seeded, admin(), ledger.reverse, transaction_id=award["id"], reason="wrong person")
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, admin(), ledger.reverse, transaction_id=award["id"], reason="again")
    assert "already reversed" in err.value.message
    with pytest.raises(FailedPrecondition):
        call(seeded, admin(), ledger.reverse, transaction_id=rev["id"], reason="undo the undo")


def test_a_reversal_needs_a_reason(seeded):
    award = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    with pytest.raises(InvalidArgument) as err:
        call(seeded, admin(), ledger.reverse, transaction_id=award["id"], reason="")
    assert err.value.field == "reason"


def test_reversing_an_award_already_spent_would_overdraw_and_is_refused(seeded, station):
    award = fund(seeded, res_ref("r1"), 50)
    call(seeded, worker(), stations.redeem, account_id=acc_id("resident", "r1"), item_id=station["goods"])
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, admin(), ledger.reverse, transaction_id=award["id"], reason="mistake")
    assert err.value.field == "points"
    assert balance(seeded, acc_id("resident", "r1")) == 0


def test_a_redemption_is_cancelled_not_reversed(seeded, station):
    fund(seeded, res_ref("r1"), 50)
    res = call(seeded, worker(), stations.redeem, account_id=acc_id("resident", "r1"), item_id=station["goods"])
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, admin(), ledger.reverse, transaction_id=res["transaction_id"], reason="x")
    assert "cancel the reservation" in err.value.message


def _redeemed_and_refunded(seeded, station) -> tuple[str, str]:
    """r1, funded with 50, redeems produce and cancels: (r1's account, the refund's transaction id)."""
    r1 = acc_id("resident", "r1")
    fund(seeded, res_ref("r1"), 50)
    res = call(seeded, worker(), stations.redeem, account_id=r1, item_id=station["produce"])
    call(seeded, worker(), stations.cancel, reservation_id=res["id"])
    with seeded.session_factory() as s:
        return r1, s.scalars(select(m.Transaction.id).where(m.Transaction.kind == "refund")).one()


def test_a_refund_is_not_reversed_the_station_keeps_only_open_reservations_points(seeded, station):
    """A refund ends its reservation (cancelled or expired); undoing it would leave the station
    holding points for no reservation. It is refused, and nothing changes."""
    r1, refund_id = _redeemed_and_refunded(seeded, station)
    before = snapshot(seeded)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, admin(), ledger.reverse, transaction_id=refund_id, reason="refund by mistake")
    assert err.value.field == "transaction_id" and "redeem again" in err.value.message
    assert snapshot(seeded) == before and balance(seeded, r1) == 50


def test_reversing_a_deduction_puts_the_points_back(seeded):
    member = acc_id("member", "p1")
    call(seeded, worker(), rules.earn, account=member_ref("p1"), action_type="political_study")
    ded = call(seeded, worker(), rules.earn, account=member_ref("p1"), action_type="missed_meeting")
    assert ded["kind"] == "deduction" and balance(seeded, member) == 0
    call(seeded, admin(), ledger.reverse, transaction_id=ded["id"], reason="leave was granted")
    assert balance(seeded, member) == 5 == lots_remaining(seeded, member)


def test_only_approvers_reverse(seeded):
    award = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    with pytest.raises(PermissionDenied):
        call(seeded, worker(), ledger.reverse, transaction_id=award["id"], reason="x")


def test_reversing_an_unknown_transaction_is_not_found(seeded):
    with pytest.raises(NotFound) as err:
        call(seeded, admin(), ledger.reverse, transaction_id="nope", reason="x")
    assert err.value.field == "transaction_id"


# ---- expiry

def test_points_lapse_at_the_end_of_the_following_year_by_default(seeded, fixed_clock):
    r1 = acc_id("resident", "r1")
    call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    with seeded.session_factory() as s:
        assert s.scalars(select(m.Lot.expires_on)).one() == date(2027, 12, 31)
    fixed_clock.at = fixed_clock.at.replace(year=2027, month=12, day=31)
    with seeded.uow(admin()) as uow:
        assert ledger.expire_lots(uow) == 0
        uow.commit()
    assert balance(seeded, r1) == 5
    fixed_clock.advance(days=1)
    with seeded.uow(admin()) as uow:
        assert ledger.expire_lots(uow) == 1
        uow.commit()
    assert balance(seeded, r1) == 0 == lots_remaining(seeded, r1)
    assert balance(seeded, "310101:pool:moral_bank") == 0
    (lapsed,) = events(seeded, "points.expired")
    assert lapsed["payload"]["points"] == 5
    statement = read(seeded, admin(), ledger.statement, account_id=r1, from_date="2026-01-01")
    assert (statement["earned"], statement["expired"], statement["balance"]) == (5, 5, 0)


def test_the_oldest_points_are_spent_first_and_only_the_rest_lapses(seeded, fixed_clock, station):
    r1 = acc_id("resident", "r1")
    fund(seeded, res_ref("r1"), 30)                      # 2026-06-01: lapses after 2027-12-31
    fixed_clock.advance(days=300)                        # 2027-03-28
    fund(seeded, res_ref("r1"), 40)                      # lapses after 2028-12-31
    call(seeded, worker(), stations.redeem, account_id=r1, item_id=station["goods"])   # 50: 30 old + 20 new
    with seeded.session_factory() as s:
        assert sorted((lot.expires_on, lot.remaining) for lot in s.scalars(select(m.Lot))) == \
            [(date(2027, 12, 31), 0), (date(2028, 12, 31), 20)]
    fixed_clock.at = fixed_clock.at.replace(year=2028, month=1, day=2)
    with seeded.uow(admin()) as uow:
        ledger.expire_lots(uow)
        uow.commit()
    assert balance(seeded, r1) == 20                     # nothing of the old lot was left to lapse


def test_the_expiry_policy_is_per_district(seeded, fixed_clock):
    out = call(seeded, admin(), ledger.set_expiry_policy, expiry_policy="end_of_year")
    assert out == {"district": DISTRICT_A, "expiry_policy": "end_of_year"}
    call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    with seeded.session_factory() as s:
        assert s.scalars(select(m.Lot.expires_on)).one() == date(2026, 12, 31)
        assert s.get(m.DistrictPolicy, DISTRICT_B) is None        # district B keeps the default
    entry = audit_rows(seeded, m.AuditEntry.action == "set expiry policy")[-1]
    assert entry.before == {"expiry_policy": None} and entry.after == {"expiry_policy": "end_of_year"}
    call(seeded, admin(), ledger.set_expiry_policy, expiry_policy="never")
    fixed_clock.advance(days=1)
    call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    fixed_clock.at = fixed_clock.at.replace(year=2040)
    with seeded.uow(admin()) as uow:
        ledger.expire_lots(uow)
        uow.commit()
    assert balance(seeded, acc_id("resident", "r1")) == 5          # the "never" lot stays
    entry = audit_rows(seeded, m.AuditEntry.action == "set expiry policy")[-1]
    assert entry.before == {"expiry_policy": "end_of_year"} and entry.after == {"expiry_policy": "never"}


def test_an_unknown_expiry_policy_is_refused(seeded):
    with pytest.raises(InvalidArgument) as err:
        call(seeded, admin(), ledger.set_expiry_policy, expiry_policy="soon")
    assert err.value.field == "expiry_policy"


# ---- statements

def test_a_statement_shows_earned_spent_expired_reversed_deducted_refunded(seeded, fixed_clock, station):
    r1 = acc_id("resident", "r1")
    fund(seeded, res_ref("r1"), 100)                                          # earned 100
    wrong = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    call(seeded, admin(), ledger.reverse, transaction_id=wrong["id"], reason="not this resident")  # reversed -5
    res = call(seeded, worker(), stations.redeem, account_id=r1, item_id=station["goods"])          # spent 50
    call(seeded, worker(), stations.cancel, reservation_id=res["id"], reason="changed mind")        # refunded 50
    call(seeded, worker(), stations.redeem, account_id=r1, item_id=station["service"])             # spent 20
    s = read(seeded, admin(), ledger.statement, account_id=r1)
    assert (s["earned"], s["spent"], s["reversed"], s["refunded"], s["expired"], s["deducted"]) == \
        (105, 70, -5, 50, 0, 0)
    assert s["balance"] == 80 == s["earned"] - s["spent"] + s["reversed"] + s["refunded"]
    assert s["from_date"] == "2026-01-01" and s["to_date"] == "2026-06-01"
    assert sorted(line["kind"] for line in s["lines"]) == ["award", "award", "redemption", "redemption",
                                                           "refund", "reversal"]


def test_a_member_statement_shows_deductions(seeded):
    member = acc_id("member", "p1")
    call(seeded, worker(), rules.earn, account=member_ref("p1"), action_type="political_study")
    call(seeded, worker(), rules.earn, account=member_ref("p1"), action_type="political_study")
    call(seeded, worker(), rules.earn, account=member_ref("p1"), action_type="missed_meeting")
    s = read(seeded, admin(), ledger.statement, account_id=member)
    assert (s["earned"], s["deducted"], s["balance"]) == (10, 5, 5)


def test_a_statement_period_must_be_in_order(seeded):
    call(seeded, worker(), ledger.open_account_case, account=res_ref("r1"))
    with pytest.raises(InvalidArgument) as err:
        read(seeded, admin(), ledger.statement, account_id=acc_id("resident", "r1"), from_date="2026-05-01",
             to_date="2026-04-01")
    assert err.value.field == "to_date"
    with pytest.raises(InvalidArgument) as err:
        read(seeded, admin(), ledger.statement, account_id=acc_id("resident", "r1"), from_date="May")
    assert err.value.field == "from_date"


# ---- leaderboards and totals

def test_leaderboards_per_community_and_per_grid(seeded):
    fund(seeded, res_ref("a", grid=GRID_A, name="甲"), 30)
    fund(seeded, res_ref("b", grid=GRID_A2, name="乙"), 50)
    fund(seeded, hh_ref("h"), 40)
    fund(seeded, res_ref("c", community=COMM_A2), 99, requester=sub_staff())           # another community
    fund(seeded, member_ref("p1"), 70)                           # member points: another programme
    board = read(seeded, worker(), ledger.leaderboard, community=COMM_A)
    assert [(e["rank"], e["account_id"], e["balance"]) for e in board["entries"]] == [
        (1, acc_id("resident", "b"), 50), (2, acc_id("household", "h"), 40), (3, acc_id("resident", "a"), 30)]
    assert board["entries"][2]["name"] == "甲"
    grid = read(seeded, worker(), ledger.leaderboard, community=COMM_A, grid=GRID_A)
    assert [e["account_id"] for e in grid["entries"]] == [acc_id("resident", "a")]
    members = read(seeded, worker(), ledger.leaderboard, community=COMM_A, programme="member_points")
    assert [e["account_id"] for e in members["entries"]] == [acc_id("member", "p1")]
    top = read(seeded, worker(), ledger.leaderboard, community=COMM_A, limit=1)
    assert len(top["entries"]) == 1
    with pytest.raises(InvalidArgument) as err:
        read(seeded, worker(), ledger.leaderboard, community=COMM_A, programme="bonus")
    assert err.value.field == "programme"


def test_totals_per_district_and_subdistrict(seeded, station):
    fund(seeded, res_ref("r1"), 60)
    fund(seeded, res_ref("r3", community=COMM_A3), 25, requester=sub_staff())
    call(seeded, worker(), stations.redeem, account_id=acc_id("resident", "r1"), item_id=station["goods"])
    wrong = call(seeded, sub_staff(), rules.earn, account=res_ref("r3", community=COMM_A3),
                 action_type="volunteer_service")
    call(seeded, admin(), ledger.reverse, transaction_id=wrong["id"], reason="duplicate")
    district = read(seeded, admin(), ledger.totals)
    assert (district["issued"], district["spent"], district["reversed"], district["outstanding"]) == \
        (90, 50, -5, 35)
    sub = read(seeded, admin(), ledger.totals, subdistrict=SUB_A)
    assert (sub["issued"], sub["spent"], sub["outstanding"]) == (60, 50, 10)
    sub3 = read(seeded, admin(), ledger.totals, subdistrict=SUB_A3)
    assert (sub3["issued"], sub3["spent"], sub3["reversed"], sub3["outstanding"]) == (30, 0, -5, 25)
    other_year = read(seeded, admin(), ledger.totals, year=2025)
    assert other_year["issued"] == 0 and other_year["outstanding"] == 35
    with pytest.raises(PermissionDenied) as err:
        read(seeded, admin(), ledger.totals, subdistrict="310104001")
    assert err.value.field == "subdistrict"


def test_city_staff_read_a_districts_totals(seeded):
    from tests.conftest import ctx_for

    fund(seeded, res_ref("r1"), 10)
    city = ctx_for("city_admin", district=None, actor="city")
    assert read(seeded, city, ledger.totals, district=DISTRICT_A)["issued"] == 10
    with pytest.raises(InvalidArgument) as err:
        read(seeded, city, ledger.totals)
    assert err.value.field == "district"
    with pytest.raises(InvalidArgument) as err:
        read(seeded, city, ledger.totals, district=DISTRICT_A, subdistrict="310104001")
    assert err.value.field == "subdistrict"


def test_reversing_a_refund_whose_lot_has_lapsed_never_leaves_a_lot_below_zero(seeded, fixed_clock, station):
    """A refund put points back into the lot they came from; once that lot has lapsed, undoing the refund
    must take the points from lots that still hold some (or be refused), never drive a lot negative."""
    r1, refund_id = _redeemed_and_refunded(seeded, station)
    fixed_clock.at = fixed_clock.at.replace(year=2028, month=1, day=2)
    with seeded.uow(admin()) as uow:
        ledger.expire_lots(uow)
        uow.commit()
    fund(seeded, res_ref("r1"), 50)
    try:
        call(seeded, admin(), ledger.reverse, transaction_id=refund_id, reason="refund by mistake")
    except FailedPrecondition:
        pass                                   # refusing is one right answer
    with seeded.session_factory() as s:
        lots = [(lot.expires_on.isoformat(), lot.remaining) for lot in s.scalars(select(m.Lot))]
    assert all(remaining >= 0 for _, remaining in lots), lots
    assert lots_remaining(seeded, r1) == balance(seeded, r1)


@pytest.mark.parametrize("year", [-1, 2**31 - 1, 1999, 2101])
def test_totals_of_a_year_out_of_range_are_refused_naming_the_year(seeded, year):
    """-1 and 2**31-1 crashed as INTERNAL (no date has such a year)."""
    with pytest.raises(InvalidArgument) as err:
        read(seeded, admin(), ledger.totals, year=year)
    assert err.value.field == "year"
