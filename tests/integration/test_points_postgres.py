"""The points ledger on the real PostgreSQL, under concurrency, and across a crash.

- concurrent redemptions on one account never overdraw it;
- concurrent redemptions of the last items never oversell them;
- one idempotency key used by concurrent requests credits once;
- a crash between the ledger commit and the event publish loses nothing (and a crash after the
  publish but before it is marked only repeats the event, which consumers' inboxes absorb).
"""
from __future__ import annotations

import json
import threading
import uuid

import pytest
from kombu import Connection, Queue
from sqlalchemy import func, select

from services.common.errors import AlreadyExists, FailedPrecondition
from services.common.outbox import OutboxRelay, Publisher, event_exchange
from services.common.usecase import run, run_idempotent
from services.points import models as m
from services.points.app import ledger, rules, stations
from services.points.seed import seed_demo
from tests.conftest import ctx_for
from tests.fakes import registry_replaced
from tests.service.points.conftest import points_registry

pytestmark = pytest.mark.integration
COMMUNITY = "310101002001"


@pytest.fixture(autouse=True)
def registry():
    """The residents these tests open accounts for, as the registry holds them (app.ledger.check_owner)."""
    residents = ("p-rich", "p-a", "p-dup", "p-crash", *(f"p-{i}" for i in range(8)))
    with registry_replaced(points_registry(residents)) as fake:
        yield fake


def _staff():
    return ctx_for("community_worker", district="310101", community=COMMUNITY, actor="worker-1")


def _fund(db, owner: str, times: int) -> str:
    """Give a resident ``times`` x 5 points by the volunteer_service rule (cap 10/day: spread over days)."""
    acc = {"kind": "resident", "owner": owner, "community": COMMUNITY}
    for i in range(times):
        run_idempotent(db, _staff(), rules.earn, {"account": acc, "action_type": "volunteer_service",
                                                  "occurred_on": f"2026-0{1 + i // 28 % 9}-{1 + i % 28:02d}",
                                                  "idempotency_key": f"fund-{owner}-{i}"}, "Earn")
    return f"310101:resident:{owner}"


def _item(db, name: str) -> str:
    with db.engine.connect() as conn:
        return conn.scalar(select(m.Item.id).where(m.Item.name == name))


def _concurrently(n: int, fn) -> list:
    barrier, outcomes = threading.Barrier(n), [None] * n

    def work(i):
        barrier.wait()
        try:
            outcomes[i] = fn(i)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def test_concurrent_redemptions_never_overdraw_one_account(points_pg):
    seed_demo(points_pg)
    account = _fund(points_pg, "p-rich", 10)  # 50 points
    haircut = _item(points_pg, "理发 haircut")  # 20 points, unlimited
    resident = ctx_for("resident", district="310101", actor="p-rich")
    outcomes = _concurrently(8, lambda i: run_idempotent(
        points_pg, resident, stations.redeem, {"account_id": account, "item_id": haircut,
                                               "idempotency_key": f"hc-{i}"}, "Redeem"))
    ok = [o for o in outcomes if isinstance(o, dict)]
    refused = [o for o in outcomes if isinstance(o, FailedPrecondition)]
    assert len(ok) == 2 and len(refused) == 6, outcomes
    with points_pg.uow(resident) as uow:
        assert ledger.balance_of(uow, account) == 10
        lots = uow.session.scalar(select(func.sum(m.Lot.remaining)).where(m.Lot.account_id == account))
        assert lots == 10


def test_concurrent_redemptions_of_the_last_items_never_oversell(points_pg):
    seed_demo(points_pg)
    greens = _item(points_pg, "青菜 greens")  # 5 points each, stock 30
    with points_pg.uow(_staff()) as uow:
        uow.session.execute(m.Item.__table__.update().where(m.Item.id == greens).values(stock=3))
        uow.commit()
    accounts = [_fund(points_pg, f"p-{i}", 1) for i in range(8)]
    outcomes = _concurrently(8, lambda i: run_idempotent(
        points_pg, ctx_for("resident", district="310101", actor=f"p-{i}"), stations.redeem,
        {"account_id": accounts[i], "item_id": greens, "idempotency_key": f"g-{i}"}, "Redeem"))
    ok = [o for o in outcomes if isinstance(o, dict)]
    assert len(ok) == 3, outcomes
    with points_pg.engine.connect() as conn:
        assert conn.scalar(select(m.Item.stock).where(m.Item.id == greens)) == 0
        # every refused buyer kept their points: stock and points moved together or not at all
        balances = dict(conn.execute(select(m.Balance.account_id, m.Balance.balance)
                                     .where(m.Balance.account_id.in_(accounts))).all())
    assert sorted(balances.values()) == [0, 0, 0, 5, 5, 5, 5, 5]


def test_one_key_used_by_concurrent_requests_credits_once(points_pg):
    seed_demo(points_pg)
    params = {"account": {"kind": "resident", "owner": "p-dup", "community": COMMUNITY},
              "action_type": "volunteer_service", "idempotency_key": "same-key"}
    outcomes = _concurrently(6, lambda i: run_idempotent(points_pg, _staff(), rules.earn, dict(params), "Earn"))
    assert all(isinstance(o, dict) for o in outcomes), outcomes
    assert len({o["id"] for o in outcomes}) == 1
    with points_pg.uow(_staff()) as uow:
        assert ledger.balance_of(uow, "310101:resident:p-dup") == 5
    with pytest.raises(AlreadyExists):
        run_idempotent(points_pg, _staff(), rules.earn, {**params, "action_type": "centre_checkin"}, "Earn")


class _CrashAfterPublish(Publisher):
    """Publishes for real, then the process 'dies' before the relay marks the row sent."""

    def publish_many(self, *args, **kwargs):
        super().publish_many(*args, **kwargs)
        raise SystemExit("killed after publish")


class _CrashBeforePublish(Publisher):
    def publish_many(self, *args, **kwargs):
        raise SystemExit("killed before publish")


def test_a_crash_between_the_ledger_commit_and_the_publish_loses_nothing(points_pg, broker_url):
    seed_demo(points_pg)
    name = f"test-points-{uuid.uuid4().hex[:8]}"
    with Connection(broker_url) as conn:
        queue = Queue(name, exchange=event_exchange("points"), routing_key="points.awarded", durable=False)
        queue(conn.default_channel).declare()
        try:
            award = run_idempotent(points_pg, _staff(), rules.earn,
                                   {"account": {"kind": "resident", "owner": "p-crash", "community": COMMUNITY},
                                    "action_type": "volunteer_service", "idempotency_key": "crash-1"}, "Earn")
            # the ledger committed; the process dies before it could publish
            relay = OutboxRelay(points_pg, broker_url)
            relay.publisher = _CrashBeforePublish(broker_url)
            with pytest.raises(SystemExit):
                relay.relay_once()
            # a restarted process publishes, then dies again before marking it sent
            relay = OutboxRelay(points_pg, broker_url)
            relay.publisher = _CrashAfterPublish(broker_url)
            with pytest.raises(SystemExit):
                relay.relay_once()
            relay.publisher.close()
            # the next start finishes the job
            relay = OutboxRelay(points_pg, broker_url)
            assert relay.drain() >= 1
            relay.stop()
            bound = queue(conn.default_channel)
            got = []
            while (msg := bound.get(no_ack=True)) is not None:
                got.append(json.loads(msg.body))
        finally:
            queue(conn.default_channel).delete()
    mine = [e for e in got if e["payload"]["transaction_id"] == award["id"]]
    assert mine, "the award's event was lost"
    assert len({e["event_id"] for e in mine}) == 1  # at most repeated, with one event id for the inbox
    with points_pg.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(m.outbox).where(m.outbox.c.published_at.is_(None))) == 0


def test_reads_are_scoped_to_the_district_on_postgres(points_pg):
    seed_demo(points_pg)
    account = _fund(points_pg, "p-a", 1)
    other = ctx_for("district_admin", district="310104")
    from services.common.errors import NotFound
    with pytest.raises(NotFound):
        run(points_pg, other, ledger.get_account, {"account_id": account}, write=False)
    with pytest.raises(NotFound):
        run_idempotent(points_pg, other, ledger.reverse, {"transaction_id": "x" * 32, "reason": "r",
                                                          "idempotency_key": "k"}, "Reverse")
