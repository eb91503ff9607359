"""The balance a reader sees is what can be spent: points lapsed but not yet swept are not in it.

Points lapse the day after their expiry date and from then pay for nothing (domain.ledger.lapsed); the
hourly sweep (ledger.expire_lots) writes them off later. Every reply that reports a balance (the
account, the statement, a ledger write's answer, the leaderboard) reports it net of those points, so
the number is the same before the sweep and after it.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from services.common.errors import FailedPrecondition
from services.points import models as m
from services.points.app import ledger, rules, stations
from tests.service.points.conftest import (COMM_A, acc_id, admin, balance, call, fund, lots_remaining, read,
                                           res_ref, resident, stock, worker)

R1 = acc_id("resident", "r1")


def _sweep(db) -> int:
    with db.uow(admin()) as uow:
        swept = ledger.expire_lots(uow)
        uow.commit()
    return swept


@pytest.fixture
def lapsed_600(seeded, fixed_clock):
    """r1 earned 600 on 2026-06-01 under end_of_year (lapsed after 2026-12-31) and 30 on 2027-01-05,
    the day the clock stands on; the sweep has not run yet."""
    call(seeded, admin(), ledger.set_expiry_policy, expiry_policy="end_of_year")
    fund(seeded, res_ref("r1"), 600)
    fixed_clock.at = fixed_clock.at.replace(year=2027, month=1, day=5)
    approved = fund(seeded, res_ref("r1"), 30)
    assert balance(seeded, R1) == 630          # the ledger's row still counts the lapsed 600
    return approved


def test_the_account_read_before_the_sweep_leaves_out_lapsed_points(seeded, lapsed_600):
    for reader in (resident("r1"), worker(), admin()):
        assert read(seeded, reader, ledger.get_account, account_id=R1)["balance"] == 30
    assert call(seeded, worker(), ledger.open_account_case, account=res_ref("r1"))["balance"] == 30
    assert _sweep(seeded) == 1
    assert read(seeded, resident("r1"), ledger.get_account, account_id=R1)["balance"] == 30   # the same number
    assert balance(seeded, R1) == 30


def test_a_ledger_writes_answer_reports_the_balance_without_lapsed_points(seeded, lapsed_600):
    assert lapsed_600["balance"] == 30          # the approval of the 30 answered what r1 can spend
    earned = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    assert earned["status"] == "posted" and earned["balance"] == 35
    pending = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="idea_suggestion")
    assert pending["status"] == "pending" and pending["balance"] == 35


def test_the_statement_closes_on_the_spendable_balance_and_counts_lapsed_points_as_expired(seeded, lapsed_600):
    before = read(seeded, resident("r1"), ledger.statement, account_id=R1)     # 2027-01-01 to today
    assert (before["earned"], before["expired"], before["balance"]) == (30, 600, 30)
    _sweep(seeded)
    after = read(seeded, resident("r1"), ledger.statement, account_id=R1)
    assert (after["earned"], after["expired"], after["balance"]) == (30, 600, 30)
    last_year = read(seeded, resident("r1"), ledger.statement, account_id=R1, from_date="2026-01-01",
                     to_date="2026-12-31")      # the period the points were earned in, not lapsed in
    assert (last_year["earned"], last_year["expired"], last_year["balance"]) == (600, 0, 30)


def test_the_leaderboard_ranks_by_the_spendable_balance(seeded, lapsed_600):
    fund(seeded, res_ref("r2"), 100)
    board = read(seeded, worker(), ledger.leaderboard, community=COMM_A)
    assert [(e["account_id"], e["balance"]) for e in board["entries"]] == [
        (acc_id("resident", "r2"), 100), (R1, 30)]


def test_redemption_is_unchanged_it_pays_with_points_that_have_not_lapsed(seeded, lapsed_600, station):
    with pytest.raises(FailedPrecondition) as err:          # rice, 50
        call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"])
    assert err.value.field == "points" and "balance 30 is less than 50" in err.value.message
    assert stock(seeded, station["goods"]) == 20
    out = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"], quantity=6)
    assert out["status"] == "reserved"
    assert read(seeded, resident("r1"), ledger.get_account, account_id=R1)["balance"] == 0
    _sweep(seeded)
    assert read(seeded, resident("r1"), ledger.get_account, account_id=R1)["balance"] == 0
    assert balance(seeded, R1) == 0 == lots_remaining(seeded, R1)


def test_the_totals_count_lapsed_points_as_expired_not_outstanding(seeded, lapsed_600):
    from tests.service.points.test_city_totals import city_admin

    def lines(totals):
        return totals["issued"], totals["expired"], totals["outstanding"]

    before = (read(seeded, admin(), ledger.totals), read(seeded, city_admin(), ledger.city_totals)["city"],
              read(seeded, admin(), ledger.totals, year=2026))
    assert [lines(t) for t in before] == [(30, 600, 30), (30, 600, 30), (600, 0, 30)]
    _sweep(seeded)
    after = (read(seeded, admin(), ledger.totals), read(seeded, city_admin(), ledger.city_totals)["city"],
             read(seeded, admin(), ledger.totals, year=2026))
    assert [lines(t) for t in after] == [lines(t) for t in before]


def test_reversing_an_award_answers_the_spendable_balance(seeded, lapsed_600):
    with seeded.session_factory() as s:
        lapsed_award = s.scalars(select(m.Transaction.id).where(
            m.Transaction.kind == "award", m.Transaction.status == "posted", m.Transaction.points == 600)).one()
    # the lapsed award: its points were left out already, the answer stays at what r1 can spend
    assert call(seeded, admin(), ledger.reverse, transaction_id=lapsed_award, reason="wrong")["balance"] == 30
    assert call(seeded, admin(), ledger.reverse, transaction_id=lapsed_600["id"], reason="twice")["balance"] == 0
    assert read(seeded, resident("r1"), ledger.get_account, account_id=R1)["balance"] == 0 == balance(seeded, R1)
    assert _sweep(seeded) == 0                  # nothing left to lapse
