"""Property: whatever sequence of earning, awarding, redeeming, cancelling, reversing and expiring happens,
the ledger stays double entry.

After every operation: all postings sum to zero, every transaction's postings sum to zero, no account but
an issuing pool is below zero, each account's balance is the sum of its postings and (for members and
depositors) the sum of its lots' remaining points; a refused operation changes nothing.
"""
from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from services.common import clock as clock_module
from services.common.context import system_context
from services.common.errors import DomainError
from services.points import models as m
from services.points.app import ledger, rules, stations
from services.points.seed import seed_demo
from tests.service.points.conftest import (acc_id, admin, call, hh_ref, make_points_db, member_ref, res_ref,
                                           sub_staff, worker)

DEPOSITORS = {"r1": res_ref("r1"), "r2": res_ref("r2"), "h1": hh_ref("h1")}
EVERYONE = {**DEPOSITORS, "m1": member_ref("m1")}

ops = st.one_of(
    st.tuples(st.just("earn"), st.sampled_from(sorted(DEPOSITORS))),
    st.tuples(st.just("earn_member"), st.sampled_from(["political_study", "political_study", "missed_meeting"])),
    st.tuples(st.just("manual"), st.sampled_from(sorted(EVERYONE)), st.integers(1, 80),
              st.sampled_from(["approve", "approve", "reject", "leave"]), st.booleans()),
    st.tuples(st.just("approve_pending"), st.integers(0, 5)),
    st.tuples(st.just("redeem"), st.sampled_from(sorted(DEPOSITORS)), st.sampled_from(["goods", "produce", "service"]),
              st.integers(1, 3)),
    st.tuples(st.just("cancel"), st.integers(0, 5)),
    st.tuples(st.just("pick_up"), st.integers(0, 5)),
    st.tuples(st.just("reverse"), st.integers(0, 8)),
    st.tuples(st.just("advance"), st.sampled_from([1, 3, 40, 200, 400, 700])),
)


def _nth(rows, i):
    return rows[i % len(rows)] if rows else None


def guarded(db, ctx, fn, **params):
    """One write through the kernel; if it is refused, nothing may have changed."""
    before = state(db)
    try:
        return call(db, ctx, fn, **params)
    except DomainError:
        assert state(db) == before, f"a refused {fn.__name__}{params} changed the ledger"
        return None


def apply(db, items, op) -> str:
    kind = op[0]
    call = guarded  # noqa: F841 - every write below is guarded
    if kind == "earn":
        call(db, worker(), rules.earn, account=DEPOSITORS[op[1]], action_type="volunteer_service")
    elif kind == "earn_member":
        call(db, worker(), rules.earn, account=EVERYONE["m1"], action_type=op[1])
    elif kind == "manual":
        _, who, points, decision, deduction = op
        pending = call(db, worker(), rules.award_manually, account=EVERYONE[who], points=points, reason="r",
                       evidence="e", deduction=deduction and who == "m1")
        if pending and decision != "leave":
            call(db, admin("approver"), rules.decide_pending, transaction_id=pending["id"],
                 approve=decision == "approve")
    elif kind == "approve_pending":
        with db.session_factory() as s:
            ids = list(s.scalars(select(m.Transaction.id).where(m.Transaction.status == "pending")
                                 .order_by(m.Transaction.created_at, m.Transaction.id)))
        if not ids:
            return "skipped"
        call(db, sub_staff(), rules.decide_pending, transaction_id=_nth(ids, op[1]), approve=True)
    elif kind == "redeem":
        _, who, item, quantity = op
        call(db, worker(), stations.redeem, account_id=acc_id(DEPOSITORS[who]["kind"], who), item_id=items[item],
             quantity=quantity)
    elif kind in ("cancel", "pick_up"):
        with db.session_factory() as s:
            reservations = list(s.scalars(select(m.Reservation).order_by(m.Reservation.created_at,
                                                                         m.Reservation.id)))
        r = _nth(reservations, op[1])
        if r is None:
            return "skipped"
        if kind == "cancel":
            call(db, worker(), stations.cancel, reservation_id=r.id)
        else:
            call(db, worker(), stations.pick_up, reservation_id=r.id, pick_up_code=r.code)
    elif kind == "reverse":
        with db.session_factory() as s:
            ids = list(s.scalars(select(m.Transaction.id).where(m.Transaction.status == "posted")
                                 .order_by(m.Transaction.created_at, m.Transaction.id)))
        if not ids:
            return "skipped"
        call(db, admin(), ledger.reverse, transaction_id=_nth(ids, op[1]), reason="property test")
    elif kind == "advance":
        clock_module.clock.advance(days=op[1])
        with db.uow(system_context("points:timers")) as uow:
            stations.expire_reservations(uow)
            ledger.expire_lots(uow)
            uow.commit()
    return "done"


def state(db) -> tuple:
    """Everything a refused operation must leave as it was."""
    with db.engine.connect() as conn:
        return (
            tuple(conn.execute(select(m.Balance.account_id, m.Balance.shard, m.Balance.balance)
                               .order_by(m.Balance.account_id, m.Balance.shard)).all()),
            tuple(conn.execute(select(m.Lot.id, m.Lot.remaining).order_by(m.Lot.id)).all()),
            tuple(conn.execute(select(m.Item.id, m.Item.stock).order_by(m.Item.id)).all()),
            tuple(conn.execute(select(m.Reservation.id, m.Reservation.status).order_by(m.Reservation.id)).all()),
            tuple(conn.execute(select(m.Transaction.id, m.Transaction.status).order_by(m.Transaction.id)).all()),
            conn.execute(select(func.count()).select_from(m.PostingRow)).scalar_one(),
        )


def check_invariants(db, after_timers: bool) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(select(func.coalesce(func.sum(m.PostingRow.amount), 0))).scalar_one() == 0
        for tx_id, status, total, legs in conn.execute(
                select(m.Transaction.id, m.Transaction.status, func.coalesce(func.sum(m.PostingRow.amount), 0),
                       func.count(m.PostingRow.id))
                .outerjoin(m.PostingRow, m.PostingRow.transaction_id == m.Transaction.id)
                .group_by(m.Transaction.id, m.Transaction.status)):
            assert total == 0, f"transaction {tx_id} does not balance"
            assert (legs >= 2) if status == "posted" else (legs == 0), (tx_id, status, legs)
        posted = dict(conn.execute(select(m.PostingRow.account_id, func.sum(m.PostingRow.amount))
                                   .group_by(m.PostingRow.account_id)).all())
        held = dict(conn.execute(select(m.Balance.account_id, func.sum(m.Balance.balance))
                                 .group_by(m.Balance.account_id)).all())
        in_lots = dict(conn.execute(select(m.Lot.account_id, func.sum(m.Lot.remaining))
                                    .group_by(m.Lot.account_id)).all())
        for account_id, kind in conn.execute(select(m.Account.id, m.Account.kind)):
            balance = int(held.get(account_id, 0))
            assert balance == int(posted.get(account_id, 0)), f"{account_id}: balance is not its postings"
            if kind != "pool":
                assert balance >= 0, f"{account_id} is below zero"
            if kind in ("member", "resident", "household", "unit"):
                assert balance == int(in_lots.get(account_id, 0)), f"{account_id}: balance is not its lots"
        # a hot account (a station) is split into shards, one of which may dip below zero: its total may not
        totals = select(func.sum(m.Balance.balance).label("total")).join(
            m.Account, m.Account.id == m.Balance.account_id).where(m.Account.kind != "pool").group_by(
            m.Balance.account_id).subquery()
        assert (conn.execute(select(func.min(totals.c.total))).scalar() or 0) >= 0
        bad_lots = conn.execute(select(m.Lot.id, m.Lot.remaining, m.Lot.amount)
                                .where((m.Lot.remaining < 0) | (m.Lot.remaining > m.Lot.amount))).all()
        assert not bad_lots, f"lots outside 0..amount: {bad_lots}"
        assert conn.execute(select(func.count()).select_from(m.Item).where(m.Item.stock < 0)).scalar_one() == 0
        # the station holds exactly the points of the reservations it has not given back
        held_by_station = conn.execute(select(func.coalesce(func.sum(m.Balance.balance), 0))
                                       .join(m.Account, m.Account.id == m.Balance.account_id)
                                       .where(m.Account.kind == "station")).scalar_one()
        reserved = conn.execute(select(func.coalesce(func.sum(m.Reservation.points), 0))
                                .where(m.Reservation.status.in_(("reserved", "picked_up")))).scalar_one()
        assert held_by_station == reserved
        if after_timers:
            today = clock_module.today()
            overdue = conn.execute(select(func.count()).select_from(m.Lot)
                                   .where(m.Lot.remaining > 0, m.Lot.expires_on < today)).scalar_one()
            assert overdue == 0, "lapsed points left in lots after the expiry timer"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.lists(ops, min_size=1, max_size=14))
def test_the_ledger_stays_double_entry_whatever_happens(sequence):
    previous = clock_module.set_clock(clock_module.FixedClock(datetime(2026, 6, 1, 12, tzinfo=timezone.utc)))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = make_points_db(Path(tmp) / "points.db")
            try:
                seed_demo(db)
                with db.uow(admin()) as uow:
                    station_id = uow.session.scalars(select(m.Station.id)).one()
                    item = stations.add_item(uow, station_id=station_id, kind="goods", name="香皂 soap",
                                             points_cost=7, stock=4)
                    uow.commit()
                with db.session_factory() as s:
                    items = {i.kind: i.id for i in s.scalars(select(m.Item))}
                items["goods"] = item["id"]
                for op in sequence:
                    apply(db, items, op)
                    check_invariants(db, after_timers=op[0] == "advance")
            finally:
                db.dispose()
    finally:
        clock_module.set_clock(previous)
