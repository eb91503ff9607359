"""Group commit of the points ledger on the real PostgreSQL (services.common.usecase.run_idempotent_batch).

Several callers' Earn or Redeem requests are written in ONE database transaction; when anything
goes wrong the batch is rolled back and each request runs alone, so every caller gets the answer it
would have had without company. These tests use the real use cases with the demo seed
(services.points.seed): district 310101's rules (volunteer_service 5 points, cap 10 a day;
centre_checkin 1, cap 1 a day; garbage_sorting 2 for households; cobuilding_service 20 for units)
and the station of community 310101002001 (rice 50 points, stock 20; haircut 20, unlimited;
greens 5, stock 30).
"""
from __future__ import annotations

import functools
import json
import threading
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from services.common import bulk
from services.common.batching import GroupCommit
from services.common.context import system_context
from services.common.inbox import Unusable
from services.common.nameko_support import DUPLICATE
from services.common.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
)
from services.common.usecase import _callers_key, run_idempotent, run_idempotent_batch
from services.points import models as m
from services.points.app import GROUP_COMMIT, ledger, rules, stations
from services.points.domain.ledger import DEPOSITOR_KINDS
from services.points.seed import seed_demo
from tests.conftest import scans
from tests.fakes import registry_replaced
from tests.service.points.conftest import (
    COMM_A,
    acc_id,
    fund,
    hh_ref,
    points_registry,
    res_ref,
    resident,
    snapshot,
    unit_ref,
    worker,
)

pytestmark = pytest.mark.integration

TX, POSTINGS, BALANCES = m.Transaction.__table__, m.PostingRow.__table__, m.Balance.__table__
ACCOUNTS, LOTS, AUDIT, ITEMS = m.Account.__table__, m.Lot.__table__, m.AuditEntry.__table__, m.Item.__table__


# ---- set-up and reading back

#: the residents these tests open accounts for, as the registry holds them (app.ledger.check_owner)
RESIDENTS = ("gc-a", "gc-b", "gc-c", "gc-d", "gc-bad1", "gc-bad3", "gc-cap", "gc-cap-2", "gc-cap2", "gc-g1", "gc-g2",
             "gc-grid", "gc-grid0", "gc-hot", "gc-k1", "gc-k2", "gc-k3", "gc-k4", "gc-lapse", "gc-lots", "gc-ok1",
             "gc-ok2", "gc-other", "gc-r1", "gc-r2", "gc-rich", "gc-twice",
             *(f"gc-re{n}" for n in range(4)), *(f"gc-s{n}" for n in range(7)), *(f"gc-o{n}" for n in range(8)))


@pytest.fixture(autouse=True)
def registry():
    with registry_replaced(points_registry(RESIDENTS, units=("gc-u1",))) as fake:
        yield fake


@pytest.fixture
def db(points_pg, fixed_clock):
    """The migrated PostgreSQL points database with the demo seed, the clock at 2026-06-01 12:00 UTC."""
    assert seed_demo(points_pg) is True
    yield points_pg
    points_pg.release_held_connection()  # a batch run in this thread keeps a connection


def key() -> str:
    return f"gc-{uuid.uuid4().hex}"


def earn_request(ref: dict, action_type: str, idempotency_key: str | None = None, ctx=None) -> tuple:
    return (ctx or worker(), {"account": ref, "action_type": action_type,
                              "idempotency_key": idempotency_key or key()})


def redeem_request(owner: str, item_id: str, quantity: int = 1, idempotency_key: str | None = None) -> tuple:
    return (resident(owner), {"account_id": acc_id("resident", owner), "item_id": item_id, "quantity": quantity,
                              "idempotency_key": idempotency_key or key()})


def earn_batch(db, requests) -> list:
    return run_idempotent_batch(db, rules.earn, "Earn", requests)


def redeem_batch(db, requests) -> list:
    return run_idempotent_batch(db, stations.redeem, "Redeem", requests)


def item_id(db, kind: str) -> str:
    with db.engine.connect() as conn:
        return conn.scalar(select(ITEMS.c.id).where(ITEMS.c.kind == kind))


def stock_of(db, item: str) -> int | None:
    with db.engine.connect() as conn:
        return conn.scalar(select(ITEMS.c.stock).where(ITEMS.c.id == item))


def set_stock(db, item: str, stock: int) -> None:
    with db.engine.begin() as conn:
        conn.execute(ITEMS.update().where(ITEMS.c.id == item).values(stock=stock))


def balance(db, account_id: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.scalar(select(func.coalesce(func.sum(BALANCES.c.balance), 0))
                               .where(BALANCES.c.account_id == account_id)))


def written_in_one_transaction(db, tx_ids: list[str]) -> bool:
    """True when PostgreSQL wrote these transaction rows in one database transaction (one xmin)."""
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT count(DISTINCT xmin::text) FROM transactions WHERE id = ANY(:ids)"),
                            {"ids": tx_ids}).scalar_one() == 1


def assert_ledger_consistent(db) -> None:
    """Every transaction balances, all postings sum to 0, each account's balance rows (shards summed)
    equal its postings, no depositor is below zero and a depositor's open lots hold its balance."""
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.coalesce(func.sum(POSTINGS.c.amount), 0))) == 0
        unbalanced = conn.execute(select(POSTINGS.c.transaction_id).group_by(POSTINGS.c.transaction_id)
                                  .having(func.sum(POSTINGS.c.amount) != 0)).all()
        assert unbalanced == []
        posted = dict(conn.execute(select(POSTINGS.c.account_id, func.sum(POSTINGS.c.amount))
                                   .group_by(POSTINGS.c.account_id)).all())
        held = dict(conn.execute(select(BALANCES.c.account_id, func.sum(BALANCES.c.balance))
                                 .group_by(BALANCES.c.account_id)).all())
        for account in set(posted) | set(held):
            assert int(posted.get(account, 0)) == int(held.get(account, 0)), account
        negative = conn.execute(select(BALANCES.c.account_id, BALANCES.c.balance)
                                .join(ACCOUNTS, ACCOUNTS.c.id == BALANCES.c.account_id)
                                .where(ACCOUNTS.c.kind.in_(DEPOSITOR_KINDS), BALANCES.c.balance < 0)).all()
        assert negative == []
        lots = dict(conn.execute(select(LOTS.c.account_id, func.sum(LOTS.c.remaining))
                                 .group_by(LOTS.c.account_id)).all())
        depositors = conn.scalars(select(ACCOUNTS.c.id).where(ACCOUNTS.c.kind.in_(DEPOSITOR_KINDS))).all()
        for account in depositors:
            assert int(lots.get(account, 0)) == int(held.get(account, 0)), account


def keys_recorded(db, requests: list[tuple]) -> dict[str, dict]:
    """The answers recorded for (caller, key) pairs, by key (a key is recorded as the caller's own)."""
    stored = {_callers_key(ctx, k): k for ctx, k in requests if k}
    with db.engine.connect() as conn:
        rows = conn.execute(select(m.idempotency.c.key, m.idempotency.c.response)
                            .where(m.idempotency.c.key.in_(stored))).all()
    return {stored[k]: json.loads(response) for k, response in rows}


# ---- 1. a batch of awards

def test_a_batch_of_earns_posts_each_callers_award_in_one_transaction(db):
    """Earn requests for different accounts are written together, each with its own answer and records."""
    fund(db, res_ref("gc-rich"), 40)  # a depositor who already holds points: its balance carries on
    refs = [(res_ref("gc-r1"), "volunteer_service", 5), (res_ref("gc-r2"), "centre_checkin", 1),
            (res_ref("gc-rich"), "mediation_volunteer", 10), (hh_ref("gc-h1"), "garbage_sorting", 2),
            (unit_ref("gc-u1"), "cobuilding_service", 20)]
    requests = [earn_request(ref, action, ctx=worker(actor=f"worker-{n}")) for n, (ref, action, _) in enumerate(refs)]
    before = {ref["owner"]: balance(db, acc_id(ref["kind"], ref["owner"])) for ref, _, _ in refs}

    outcomes = earn_batch(db, requests)

    assert all(isinstance(o, dict) for o in outcomes), outcomes
    for (ref, action, points), outcome in zip(refs, outcomes):
        account = acc_id(ref["kind"], ref["owner"])
        assert outcome["status"] == "posted" and outcome["kind"] == "award"
        assert (outcome["account_id"], outcome["points"], outcome["action_type"]) == (account, points, action)
        assert outcome["balance"] == before[ref["owner"]] + points == balance(db, account)
    ids = [o["id"] for o in outcomes]
    assert len(set(ids)) == len(ids)
    assert written_in_one_transaction(db, ids)  # a group commit, not one request after the other
    assert_ledger_consistent(db)

    with db.engine.connect() as conn:
        audits = conn.execute(select(AUDIT).where(AUDIT.c.subject.in_(ids))).all()
        outbox = conn.execute(select(m.outbox).where(m.outbox.c.event_type == "points.awarded")).all()
    assert len(audits) == len(ids)
    by_subject = {a.subject: a for a in audits}
    events = {json.loads(row.body)["payload"]["transaction_id"]: row for row in outbox}
    for (ctx, params), (ref, _, points), outcome in zip(requests, refs, outcomes):
        entry = by_subject[outcome["id"]]
        assert entry.action == "post award" and entry.actor == ctx.actor and entry.request_id == ctx.request_id
        assert entry.before == {"account": outcome["account_id"], "balance": outcome["balance"] - points}
        assert entry.after == {"account": outcome["account_id"], "balance": outcome["balance"]}
        event = events[outcome["id"]]
        body = json.loads(event.body)
        assert event.request_id == ctx.request_id
        assert body["event_type"] == "points.awarded" and body["district"] == "310101"
        assert body["payload"]["account_id"] == outcome["account_id"] and body["payload"]["points"] == points
    assert len([e for e in events if e in ids]) == len(ids)
    recorded = keys_recorded(db, [(ctx, params["idempotency_key"]) for ctx, params in requests])
    assert recorded == {params["idempotency_key"]: outcome for (_, params), outcome in zip(requests, outcomes)}


# ---- 2. replays

def test_replaying_a_batch_returns_the_first_answers_and_writes_nothing(db):
    """The same keys with the same content answer as the first time, without a second credit."""
    requests = [earn_request(res_ref(f"gc-re{n}"), "volunteer_service") for n in range(4)]
    first = earn_batch(db, requests)
    assert all(isinstance(o, dict) for o in first), first
    written = snapshot(db)

    replay = earn_batch(db, [(worker(), dict(params)) for _, params in requests])

    assert replay == first
    assert snapshot(db) == written
    assert [balance(db, acc_id("resident", f"gc-re{n}")) for n in range(4)] == [5] * 4
    assert_ledger_consistent(db)


def test_a_used_key_with_other_content_is_refused_and_the_rest_of_the_batch_is_written(db):
    """A key reused for a different request is refused on idempotency_key; its batch-mates still succeed."""
    used = key()
    first = earn_batch(db, [earn_request(res_ref("gc-k1"), "volunteer_service", used),
                            earn_request(res_ref("gc-k2"), "volunteer_service")])
    assert all(isinstance(o, dict) for o in first), first

    outcomes = earn_batch(db, [earn_request(res_ref("gc-k3"), "volunteer_service"),
                               earn_request(res_ref("gc-k1"), "centre_checkin", used),  # other content
                               earn_request(res_ref("gc-k4"), "centre_checkin")])

    assert isinstance(outcomes[1], AlreadyExists) and outcomes[1].field == "idempotency_key"
    assert isinstance(outcomes[0], dict) and outcomes[0]["balance"] == 5
    assert isinstance(outcomes[2], dict) and outcomes[2]["balance"] == 1
    assert balance(db, acc_id("resident", "gc-k1")) == 5  # only the first request's credit
    assert keys_recorded(db, [(worker(), used)])[used] == first[0]
    assert_ledger_consistent(db)


# ---- 3. one key twice in one batch

def test_one_key_twice_in_a_batch_credits_once_and_both_callers_get_the_same_answer(db):
    """Two callers with one key in the same batch: one credit, one answer for both."""
    same = key()
    ref = res_ref("gc-twice")
    outcomes = earn_batch(db, [earn_request(ref, "volunteer_service", same),
                               earn_request(res_ref("gc-other"), "volunteer_service"),
                               earn_request(ref, "volunteer_service", same)])

    assert all(isinstance(o, dict) for o in outcomes), outcomes
    assert outcomes[0] == outcomes[2]
    assert outcomes[0]["balance"] == 5 and outcomes[1]["balance"] == 5
    assert balance(db, acc_id("resident", "gc-twice")) == 5
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(TX)
                           .where(TX.c.account_id == acc_id("resident", "gc-twice"))) == 1
    assert keys_recorded(db, [(worker(), same)]) == {same: outcomes[0]}
    assert_ledger_consistent(db)


# ---- 4. one bad request

def test_a_bad_request_gets_its_own_error_and_the_rest_of_the_batch_is_written(db):
    """Bad requests are refused naming their field; the good ones in the same batch are posted."""
    requests = [earn_request(res_ref("gc-ok1"), "volunteer_service"),
                earn_request(res_ref("gc-bad1"), "no_such_action"),
                earn_request({"kind": "spaceship", "owner": "gc-bad2", "community": COMM_A}, "volunteer_service"),
                (worker(), {"account": res_ref("gc-bad3"), "action_type": "volunteer_service"}),  # no key
                earn_request(res_ref("gc-ok2"), "centre_checkin")]

    outcomes = earn_batch(db, requests)

    assert isinstance(outcomes[1], FailedPrecondition) and outcomes[1].field == "action_type"
    assert isinstance(outcomes[2], InvalidArgument) and outcomes[2].field == "account.kind"
    assert isinstance(outcomes[3], InvalidArgument) and outcomes[3].field == "idempotency_key"
    assert isinstance(outcomes[0], dict) and outcomes[0]["balance"] == 5
    assert isinstance(outcomes[4], dict) and outcomes[4]["balance"] == 1
    assert balance(db, acc_id("resident", "gc-ok1")) == 5 and balance(db, acc_id("resident", "gc-ok2")) == 1
    with db.engine.connect() as conn:
        opened = set(conn.scalars(select(ACCOUNTS.c.owner).where(ACCOUNTS.c.owner.like("gc-%"))))
    assert opened == {"gc-ok1", "gc-ok2"}  # nothing is left of the refused requests
    recorded = keys_recorded(db, [(ctx, params.get("idempotency_key", "")) for ctx, params in requests])
    assert set(recorded) == {requests[0][1]["idempotency_key"], requests[4][1]["idempotency_key"]}
    assert_ledger_consistent(db)


def test_a_grid_too_long_is_refused_alone_and_in_a_batch(db):
    """A grid longer than its column is refused with a clear error naming the field (not a database
    error), alone and in a batch, where the other callers are still answered."""
    too_long_grid = COMM_A + "-G" + "9" * 30  # accounts.grid is VARCHAR(20)
    with pytest.raises(InvalidArgument) as alone:
        run_idempotent(db, worker(), rules.earn, {"account": res_ref("gc-grid0", grid=too_long_grid),
                                                  "action_type": "volunteer_service", "idempotency_key": key()},
                       "Earn")
    assert alone.value.field == "account.grid"

    requests = [earn_request(res_ref("gc-g1"), "volunteer_service"),
                earn_request(res_ref("gc-grid", grid=too_long_grid), "volunteer_service"),
                earn_request(res_ref("gc-g2"), "volunteer_service")]
    outcomes = earn_batch(db, requests)
    assert isinstance(outcomes[1], InvalidArgument) and outcomes[1].field == "account.grid"
    assert isinstance(outcomes[0], dict) and isinstance(outcomes[2], dict), outcomes
    assert balance(db, acc_id("resident", "gc-g1")) == 5 and balance(db, acc_id("resident", "gc-g2")) == 5
    assert_ledger_consistent(db)


# ---- 5. and 6. redemptions

def test_a_redemption_the_account_cannot_afford_is_refused_and_the_others_are_written(db):
    """The overdrawing caller gets FailedPrecondition on points; the rest are paid and take their stock."""
    rice, greens, haircut = item_id(db, "goods"), item_id(db, "produce"), item_id(db, "service")
    for owner, points in (("gc-a", 100), ("gc-b", 30), ("gc-c", 10), ("gc-d", 20)):
        fund(db, res_ref(owner), points)
    rice_before, greens_before = stock_of(db, rice), stock_of(db, greens)

    outcomes = redeem_batch(db, [redeem_request("gc-a", rice),          # 50 of 100
                                 redeem_request("gc-b", rice),          # 50 of 30: refused
                                 redeem_request("gc-c", greens, 2),     # 10 of 10
                                 redeem_request("gc-d", haircut)])      # 20 of 20

    assert isinstance(outcomes[1], FailedPrecondition) and outcomes[1].field == "points"
    for n in (0, 2, 3):
        assert isinstance(outcomes[n], dict) and outcomes[n]["status"] == "reserved", outcomes[n]
    assert [balance(db, acc_id("resident", o)) for o in ("gc-a", "gc-b", "gc-c", "gc-d")] == [50, 30, 0, 0]
    assert stock_of(db, rice) == rice_before - 1      # only gc-a's bag of rice
    assert stock_of(db, greens) == greens_before - 2
    assert stock_of(db, haircut) is None
    with db.engine.connect() as conn:
        reservations = conn.execute(select(m.Reservation.__table__)).all()
        station_total = conn.scalar(select(func.sum(BALANCES.c.balance)).join(
            ACCOUNTS, ACCOUNTS.c.id == BALANCES.c.account_id).where(ACCOUNTS.c.kind == "station"))
    assert sorted((r.account_id, r.quantity, r.points) for r in reservations) == sorted(
        [(acc_id("resident", "gc-a"), 1, 50), (acc_id("resident", "gc-c"), 2, 10), (acc_id("resident", "gc-d"), 1, 20)])
    assert {r.transaction_id for r in reservations} == {outcomes[n]["transaction_id"] for n in (0, 2, 3)}
    assert station_total == 80
    assert_ledger_consistent(db)


def test_the_last_items_go_to_the_first_callers_and_the_rest_are_refused_on_quantity(db):
    """More redemptions than stock in one batch: exactly the stock is sold, never below zero."""
    greens = item_id(db, "produce")
    set_stock(db, greens, 3)
    owners = [f"gc-s{n}" for n in range(7)]
    for owner in owners:
        fund(db, res_ref(owner), 5)

    outcomes = redeem_batch(db, [redeem_request(owner, greens) for owner in owners])

    ok = [o for o in outcomes if isinstance(o, dict)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(ok) == 3 and len(refused) == 4, outcomes
    assert all(isinstance(o, FailedPrecondition) and o.field == "quantity" for o in refused)
    assert all(isinstance(o, dict) for o in outcomes[:3])  # the batch's order is kept: first come, first served
    assert stock_of(db, greens) == 0
    assert sorted(balance(db, acc_id("resident", o)) for o in owners) == [0, 0, 0, 5, 5, 5, 5]
    assert_ledger_consistent(db)


# ---- 7. the real GroupCommit under concurrency

def _redeem_group_commit(db) -> GroupCommit:
    """As services.common.grpc_support.use_case_servicer builds it for Redeem."""
    return GroupCommit("Redeem", functools.partial(run_idempotent_batch, db, stations.redeem, "Redeem"),
                       writers=2, conflict_key=lambda request: GROUP_COMMIT["Redeem"](*request),
                       on_writer_exit=db.release_held_connection)


def _submit_together(group: GroupCommit, requests: list) -> list:
    return _all_at_once(group.submit, requests)


def _all_at_once(call, requests: list) -> list:
    """``call(request)`` for every request, each in its own thread, released together: the outcomes."""
    barrier, outcomes = threading.Barrier(len(requests)), [None] * len(requests)

    def work(n):
        barrier.wait()
        try:
            outcomes[n] = call(requests[n])
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[n] = exc

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(requests))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "a caller never got its answer"
    return outcomes


def test_concurrent_redemptions_through_the_group_commit_never_overdraw_one_account(db):
    """Ten threads spend from one account that affords three: three succeed, nothing is overdrawn."""
    haircut, greens = item_id(db, "service"), item_id(db, "produce")
    fund(db, res_ref("gc-hot"), 70)  # three haircuts of 20
    others = [f"gc-o{n}" for n in range(8)]
    for owner in others:
        fund(db, res_ref(owner), 25)
    greens_before = stock_of(db, greens)
    hot = [redeem_request("gc-hot", haircut) for _ in range(10)]
    company = [redeem_request(owner, greens if n % 2 else haircut) for n, owner in enumerate(others)]
    requests = [r for pair in zip(hot, company + [None] * 2) for r in pair if r is not None]

    group = _redeem_group_commit(db)
    try:
        outcomes = _submit_together(group, requests)
    finally:
        group.close()

    by_request = {id(r): o for r, o in zip(requests, outcomes)}
    hot_ok = [by_request[id(r)] for r in hot if isinstance(by_request[id(r)], dict)]
    hot_refused = [by_request[id(r)] for r in hot if not isinstance(by_request[id(r)], dict)]
    assert len(hot_ok) == 3, [by_request[id(r)] for r in hot]
    assert all(isinstance(o, FailedPrecondition) and o.field == "points" for o in hot_refused), hot_refused
    assert all(isinstance(by_request[id(r)], dict) for r in company), [by_request[id(r)] for r in company]
    assert balance(db, acc_id("resident", "gc-hot")) == 10
    assert [balance(db, acc_id("resident", o)) for o in others] == [5, 20] * 4
    assert stock_of(db, greens) == greens_before - 4
    with db.engine.connect() as conn:
        audits = conn.execute(select(AUDIT.c.before, AUDIT.c.after).where(
            AUDIT.c.action == "post redemption")).all()
    hot_audits = [a for a in audits if a.after["account"] == acc_id("resident", "gc-hot")]
    assert len(hot_audits) == 3
    assert sorted(a.after["balance"] for a in hot_audits) == [10, 30, 50]  # each saw the one before it
    assert all(a.before["balance"] - a.after["balance"] == 20 for a in hot_audits)
    assert_ledger_consistent(db)


def test_concurrent_check_ins_for_one_account_through_the_group_commit_keep_the_daily_cap(db):
    """Eight check-ins a day for one account (cap 1 a day) through two writers earn one point a day:
    requests for one account are never in flight together, in one batch or in two writers'."""
    fund(db, res_ref("gc-cap"), 5)  # an account that exists already (opening one serialises its first writes)
    days = ["2026-05-30", "2026-05-31", "2026-06-01"]
    group = GroupCommit("Earn", functools.partial(run_idempotent_batch, db, rules.earn, "Earn"), writers=2,
                        conflict_key=lambda request: GROUP_COMMIT["Earn"](*request),
                        on_writer_exit=db.release_held_connection)
    credited = {}
    try:
        for day in days:
            requests = [earn_request(res_ref("gc-cap"), "centre_checkin") for _ in range(8)]
            for _, params in requests:
                params["occurred_on"] = day
            futures = [group.submit_future(request) for request in requests]
            outcomes = [f.exception(60) or f.result() for f in futures]
            refused = [o for o in outcomes if not isinstance(o, dict)]
            assert all(isinstance(o, FailedPrecondition) and o.field == "action_type" for o in refused), refused
            credited[day] = sum(isinstance(o, dict) for o in outcomes)
    finally:
        group.close()

    assert credited == {day: 1 for day in days}, f"check-ins credited per day (the cap is 1): {credited}"
    assert balance(db, acc_id("resident", "gc-cap")) == 5 + len(days)
    assert_ledger_consistent(db)


def test_concurrent_capped_earnings_outside_any_group_commit_keep_the_daily_cap(db):
    """The cap holds for concurrent transactions too (other processes, replicas): capped earnings of
    one account are counted one transaction at a time (ledger.lock_for_caps)."""
    fund(db, res_ref("gc-cap2"), 5)
    start = threading.Barrier(8, timeout=10)
    outcomes = [None] * 8

    def check_in(i):
        ctx, params = earn_request(res_ref("gc-cap2"), "centre_checkin")
        start.wait()
        try:
            outcomes[i] = run_idempotent(db, ctx, rules.earn, params, "Earn")
        except Exception as exc:  # noqa: BLE001 - the caller's answer
            outcomes[i] = exc

    threads = [threading.Thread(target=check_in, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    refused = [o for o in outcomes if not isinstance(o, dict)]
    assert all(isinstance(o, FailedPrecondition) and o.field == "action_type" for o in refused), refused
    assert sum(isinstance(o, dict) for o in outcomes) == 1
    assert balance(db, acc_id("resident", "gc-cap2")) == 6
    assert_ledger_consistent(db)


# ---- plans

def test_posting_finds_balance_rows_through_the_key_index_among_thousands_of_accounts(db):
    """A batch's balance lock and balance update look each (account, shard) up through the primary
    key: PostgreSQL's planner would otherwise read a table of a few thousand rows whole, every batch."""
    with db.engine.begin() as conn:  # 2,000 more resident accounts, each with its balance row
        ids = [acc_id("resident", f"gc-many-{n}") for n in range(2000)]
        bulk.execute(conn, [bulk.Insert(ACCOUNTS, [{"id": i, "district": "310101", "kind": "resident", "owner": i,
                                                    "programme": "moral_bank", "community": COMM_A} for i in ids]),
                            bulk.Insert(BALANCES, [{"account_id": i, "shard": 0, "balance": 0} for i in ids])])
        conn.exec_driver_sql("ANALYZE balances")
    with db.uow(worker(), deferred=True) as uow:
        accounts = [ledger.open_account(uow, res_ref(f"gc-many-{n}")) for n in range(0, 2000, 100)]
        for account in accounts:
            ledger.award_points(uow, account, 3, occurred_on=date(2026, 6, 1), action_type="plan_check")
        seq_before, index_before = scans(uow.session.connection(), "balances")
        uow.flush_writes()  # the lock and the update, for 20 awards at once
        seq_after, index_after = scans(uow.session.connection(), "balances")
        uow.commit()
    assert seq_after - seq_before == 0
    assert index_after - index_before >= 2 * 21  # locked, then updated: 20 accounts and the pool's shard(s)
    assert all(balance(db, a.id) == 3 for a in accounts)
    assert_ledger_consistent(db)


def test_a_redemption_reads_and_locks_only_the_lots_that_pay_for_it(db, fixed_clock):
    """Lots are spent soonest-to-expire first; a redemption of n points locks at most n lots (each
    open lot holds a point or more), not every open lot of the account."""
    owner, account = "gc-lots", acc_id("resident", "gc-lots")
    fixed_clock.at = datetime(2027, 3, 1, 12, tzinfo=timezone.utc)
    fund(db, res_ref(owner), 50)                       # earned first, lapses after 2028-12-31
    fixed_clock.at = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
    for _ in range(10):
        fund(db, res_ref(owner), 1)                    # ten single points, lapse after 2027-12-31
    with db.engine.connect() as conn:
        lots = conn.execute(select(LOTS.c.id, LOTS.c.expires_on).where(LOTS.c.account_id == account)
                            .order_by(LOTS.c.expires_on, LOTS.c.id)).all()
    paying, later = [lot.id for lot in lots[:5]], [lot.id for lot in lots[5:]]
    greens = item_id(db, "produce")                    # 5 points

    def locked(lot_id: str) -> bool:
        with db.engine.connect() as other:
            try:
                other.execute(text("SELECT id FROM lots WHERE id = :id FOR UPDATE NOWAIT"), {"id": lot_id})
                return False
            except OperationalError:
                return True

    with db.uow(resident(owner), deferred=True) as uow:
        stations.redeem(uow, account_id=account, item_id=greens, quantity=1)
        uow.flush_writes()                             # the locks are taken, nothing committed yet
        assert [locked(lot) for lot in paying + later] == [True] * 5 + [False] * 6
        uow.commit()
    with db.engine.connect() as conn:
        remaining = dict(conn.execute(select(LOTS.c.id, LOTS.c.remaining).where(LOTS.c.account_id == account)).all())
    assert [remaining[lot] for lot in paying + later] == [0] * 5 + [1] * 5 + [50]
    assert balance(db, account) == 55
    assert_ledger_consistent(db)


def test_points_refunded_into_lapsing_lots_make_the_expiry_run_give_up_and_the_next_one_take_them(db, fixed_clock,
                                                                                                     monkeypatch):
    """The expiry timer sums the lapsed lots before it locks the balance: a refund in between puts
    points back into those very lots (the lots its reservation was paid from). The run then keeps
    nothing; the next one takes them all, and balances and lots agree throughout. A redemption in
    between takes nothing from them: lapsed lots pay for nothing (posting._PAYS), so the run keeps
    every lapsed point."""
    owner, account = "gc-lapse", acc_id("resident", "gc-lapse")
    fixed_clock.at = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
    fund(db, res_ref(owner), 30)                       # lapses after 2027-12-31
    fixed_clock.at = datetime(2027, 3, 1, 12, tzinfo=timezone.utc)
    fund(db, res_ref(owner), 40)                       # lapses after 2028-12-31
    greens = item_id(db, "produce")                    # 5 points
    paid = run_idempotent(db, resident(owner), stations.redeem, {"account_id": account, "item_id": greens,
                                                                 "quantity": 1, "idempotency_key": key()}, "Redeem")
    fixed_clock.at = datetime(2028, 1, 2, 12, tzinfo=timezone.utc)   # its lot (the old one) has lapsed

    real_post, raced = ledger.post, []

    def post_after(action, params):
        def post(uow, **kw):
            if kw["kind"] == "expiry" and not raced:
                raced.append(True)
                other = threading.Thread(target=run_idempotent, args=(
                    db, resident(owner), action, {**params, "idempotency_key": key()}, action.__name__))
                other.start()
                other.join(10)
            return real_post(uow, **kw)
        return post

    monkeypatch.setattr(ledger, "post", post_after(stations.redeem, {"account_id": account, "item_id": greens,
                                                                     "quantity": 1}))
    with db.uow(system_context("points:expiry")) as uow:
        ledger.expire_lots(uow)                        # the redemption paid from the lot that has not lapsed
        uow.rollback()                                 # (kept for the race below)
    assert raced and balance(db, account) == 60        # 70 - 5 - 5
    assert_ledger_consistent(db)

    raced.clear()
    monkeypatch.setattr(ledger, "post", post_after(stations.cancel, {"reservation_id": paid["id"]}))
    with db.uow(system_context("points:expiry")) as uow:
        with pytest.raises(FailedPrecondition) as refused:
            ledger.expire_lots(uow)
    assert refused.value.field == "lots" and raced
    assert balance(db, account) == 65                  # the refund, nothing of the expiry
    assert_ledger_consistent(db)

    monkeypatch.setattr(ledger, "post", real_post)
    with db.uow(system_context("points:expiry")) as uow:
        assert ledger.expire_lots(uow) == 1
        uow.commit()
    assert balance(db, account) == 35                  # the old lot's 30 lapsed, refund included
    assert_ledger_consistent(db)


def test_two_capped_earnings_of_one_account_in_one_batch_keep_the_cap(db):
    """A batch given two check-ins of one account (the event consumers' batches may hold both) credits one:
    the cap counts the earning still waiting for the batch's commit."""
    fund(db, res_ref("gc-cap-2"), 5)
    outcomes = earn_batch(db, [earn_request(res_ref("gc-cap-2"), "centre_checkin") for _ in range(2)])
    assert sum(isinstance(o, dict) for o in outcomes) == 1, outcomes
    assert isinstance(next(o for o in outcomes if not isinstance(o, dict)), FailedPrecondition)
    assert balance(db, acc_id("resident", "gc-cap-2")) == 6
    assert_ledger_consistent(db)


# ---- events credited in batches (the worker's consumers, services.common.nameko_support.idempotent)

def test_a_batch_claims_its_events_in_one_statement_and_each_event_once(db):
    from services.common.inbox import claim_all

    with db.uow(None, deferred=True) as batch:
        assert claim_all(batch, "test.claims", ["e1", "e2", "e1"]) == [True, True, False]  # twice in one batch
        batch.commit()
    with db.uow(None, deferred=True) as batch:
        assert claim_all(batch, "test.claims", ["e2", "e3"]) == [False, True]              # claimed before
        batch.rollback()
    with db.uow(None, deferred=True) as batch:
        assert claim_all(batch, "test.claims", ["e3"]) == [True]                           # rolled back: free


def _checkin(owner: str, event_id: str | None = None) -> dict:
    return {"event_id": event_id or str(uuid.uuid4()), "event_type": "checkin.recorded", "source": "centers",
            "district": "310101", "occurred_at": "2026-06-01T09:00:00Z",
            "payload": {"resident_id": owner, "community": COMM_A}}


def _run_as_the_worker_does(db, envelopes: list[dict], consumer: str) -> list:
    """Hand ``envelopes`` as one batch to a check-in consumer built as the points worker builds it (the batch
    its ReliableEventHandler takes off the queue), its accounts opened and caps counted by the batch
    (earning.prepare_credits). Returns each delivery's outcome."""
    from services.common.nameko_support import idempotent
    from services.points.app import earning
    from services.points.worker import beneficiaries

    class Worker:
        pass

    Worker.db = db
    handler = idempotent(consumer, batch_key=beneficiaries,
                         prepare=earning.prepare_credits("centers", "checkin.recorded"))(
        lambda self, uow, envelope: earning.credit_event(uow, "centers", "checkin.recorded", envelope))
    return handler.batch.run(Worker(), envelopes)


def test_a_batch_of_check_ins_costs_a_few_statements_not_a_few_per_event(db):
    """32 check-ins of new residents delivered together: claimed in one statement, their accounts opened in
    one, credited in the commit's few. Before, each event paid its own claim, account read, account
    opening, account read again and a savepoint's two statements: about seven round trips per event."""
    from sqlalchemy import event

    statements = []
    listener = lambda conn, cursor, statement, params, context, many: statements.append(statement)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        outcomes = _run_as_the_worker_does(db, [_checkin(f"batch-{n}") for n in range(32)], "test.checkin.few")
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert all(isinstance(o, list) and len(o) == 1 for o in outcomes), outcomes
    writes = [s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SELECT 1"))]
    assert len(writes) < 32, (len(writes), writes[:40])  # 326 on the old code (about 10 a check-in); 15 now
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ACCOUNTS).where(
            ACCOUNTS.c.owner.like("batch-%"))).scalar() == 32
    for n in range(32):
        assert balance(db, acc_id("resident", f"batch-{n}")) == 1
    assert_ledger_consistent(db)


def test_a_batch_with_an_event_seen_before_and_one_delivered_twice_credits_each_once(db):
    seen, twice = _checkin("dup-a"), _checkin("dup-b")
    assert _run_as_the_worker_does(db, [seen], "test.checkin.dup")[0] != DUPLICATE
    outcomes = _run_as_the_worker_does(db, [seen, twice, dict(twice), _checkin("dup-c")], "test.checkin.dup")
    assert outcomes.count(DUPLICATE) == 2, outcomes
    for owner in ("dup-a", "dup-b", "dup-c"):
        assert balance(db, acc_id("resident", owner)) == 1
    assert_ledger_consistent(db)


def test_a_refused_beneficiary_in_a_batch_changes_nothing_of_its_own_and_the_rest_is_credited(db):
    """A check-in naming a community of another district is unusable (dead-lettered by the worker): the
    batch is halved down to it alone; every other check-in is credited, and no account is opened for it."""
    bad = _checkin("bad-one")
    bad["payload"]["community"] = "310999001001"
    outcomes = _run_as_the_worker_does(db, [_checkin(f"ok-{n}") for n in range(6)] + [bad], "test.checkin.bad")
    assert isinstance(outcomes[-1], Unusable) and "payload.community" in str(outcomes[-1]), outcomes[-1]
    assert all(isinstance(o, list) and len(o) == 1 for o in outcomes[:-1]), outcomes
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ACCOUNTS).where(
            ACCOUNTS.c.owner == "bad-one")).scalar() == 0
    assert_ledger_consistent(db)
