"""The points worker as a real process on the real broker: events from the other services are
credited exactly once, even when delivered twice; produce from a centre arrives as stock."""
from __future__ import annotations

import json
import os
import time
import uuid
from datetime import datetime, timezone

import pytest
from kombu import Connection, Producer
from sqlalchemy import func, select, text

from services.common.outbox import event_exchange
from services.points import models as m

pytestmark = pytest.mark.integration
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def publish(broker_url, source, event_type, payload, event_id=None):
    event_id = event_id or str(uuid.uuid4())
    body = json.dumps({"event_id": event_id, "event_type": event_type, "source": source, "district": "310101",
                       "subdistrict": "310101002",
                       "occurred_at": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
                       "payload": payload})
    with Connection(broker_url) as conn:
        exchange = event_exchange(source)
        exchange.declare(channel=conn.default_channel)
        Producer(conn.default_channel).publish(body, exchange=exchange, routing_key=event_type,
                                               content_type="application/json", content_encoding="utf-8",
                                               delivery_mode=2, headers={"event_id": event_id})
    return event_id


def wait_for(predicate, timeout=20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def credits(db, account_id):
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(m.Transaction.__table__).where(
            m.Transaction.account_id == account_id, m.Transaction.kind == "award"))


def test_a_resolved_case_credits_each_volunteer_once_even_when_delivered_twice(points_worker, broker_url):
    db, _ = points_worker
    volunteers = [{"person_id": f"v-{uuid.uuid4().hex[:6]}", "community": "310101002001"} for _ in range(2)]
    event_id = publish(broker_url, "mediation", "case.resolved", {"case_id": "c-1", "volunteers": volunteers})
    publish(broker_url, "mediation", "case.resolved", {"case_id": "c-1", "volunteers": volunteers},
            event_id=event_id)  # the broker delivers it again
    accounts = [f"310101:resident:{v['person_id']}" for v in volunteers]
    assert wait_for(lambda: all(credits(db, a) == 1 for a in accounts))
    time.sleep(1.0)  # give the duplicate every chance to be (wrongly) applied
    assert [credits(db, a) for a in accounts] == [1, 1]


def test_a_checkin_credits_the_resident_and_latency_is_measured(points_worker, broker_url):
    db, port = points_worker
    resident = f"r-{uuid.uuid4().hex[:6]}"
    publish(broker_url, "centers", "checkin.recorded", {"resident_id": resident, "community": "310101002001"})
    assert wait_for(lambda: credits(db, f"310101:resident:{resident}") == 1)
    import urllib.request
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    count = [line for line in body.splitlines() if line.startswith("cityplat_points_event_credit_seconds_count")]
    assert count and float(count[0].split()[-1]) >= 1


def test_produce_from_the_centre_arrives_as_station_stock(points_worker, broker_url):
    db, _ = points_worker
    with db.engine.connect() as conn:
        station = conn.scalar(select(m.Station.id))
    publish(broker_url, "centers", "produce.harvested",
            {"station_id": station, "name": "青菜 greens", "quantity": 12})

    def stock():
        with db.engine.connect() as conn:
            return conn.scalar(select(m.Item.stock).where(m.Item.name == "青菜 greens"))

    assert wait_for(lambda: stock() == 42)


def test_events_waiting_together_are_credited_in_shared_transactions_and_a_bad_one_spoils_none(
        points_pg, broker_url, tmp_path):
    """A backlog is consumed in batches, one commit for many events (services.common.nameko_support
    .idempotent); a poison event among them is dead-lettered alone, the others credited once each."""
    from services.points.seed import seed_demo
    from tests.conftest import running_points_worker

    seed_demo(points_pg)
    with running_points_worker(points_pg.url, broker_url, tmp_path):
        pass  # declares the worker's queues, then goes: the events below wait for the next one
    residents = [f"batch-{uuid.uuid4().hex[:8]}-{i}" for i in range(120)]
    for i, r in enumerate(residents):
        publish(broker_url, "centers", "checkin.recorded", {"resident_id": r, "community": "310101002001"})
        if i == 60:  # breaks the contract: its resident_id is not text
            publish(broker_url, "centers", "checkin.recorded", {"resident_id": ["x"], "community": "310101002001"})
    accounts = [f"310101:resident:{r}" for r in residents]
    with running_points_worker(points_pg.url, broker_url, tmp_path):
        def credited() -> int:
            with points_pg.engine.connect() as conn:
                return conn.scalar(select(func.count()).select_from(m.Transaction.__table__).where(
                    m.Transaction.account_id.in_(accounts)))

        assert wait_for(lambda: credited() == len(residents), timeout=60), credited()
        dlq = "evt-centers-checkin.recorded--points.on_centre_checkin.dlq"
        with Connection(broker_url) as conn:  # the bad one, taken out (the other tests count this queue)
            assert wait_for(lambda: conn.default_channel.queue_declare(dlq, passive=True).message_count == 1)
            letter = conn.default_channel.basic_get(dlq, no_ack=True)
            assert letter.headers["x-cityplat-dead-letter-kind"] == "unusable"
    assert credited() == len(residents)  # each once
    with points_pg.engine.connect() as conn:
        commits = conn.execute(text("SELECT count(DISTINCT xmin::text) FROM transactions WHERE account_id = ANY(:a)"),
                               {"a": accounts}).scalar_one()
    assert commits < len(residents) / 3, f"{commits} commits for {len(residents)} events: not batched"
