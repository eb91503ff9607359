"""Fault: messages a consumer cannot use, on the real broker and worker.

Invalid JSON, a body that is not UTF-8, a content type the worker does not accept, JSON that is no
event envelope, and an event whose payload breaks its contract: each goes to the queue's
dead-letter queue at once, with the reason in a header, and is counted
(``cityplat_dead_lettered_total``). None is acknowledged and dropped, none is recorded as consumed,
and a good event behind them is credited as usual.
"""
from __future__ import annotations

import json
import urllib.request
import uuid

import pytest
from kombu import Connection, Producer

from services.common.delivery import DEAD_LETTER_REASON
from services.common.outbox import event_exchange
from tests.fault.test_overlapping_credits import _depth
from tests.integration.test_points_worker import publish, wait_for

pytestmark = pytest.mark.integration

QUEUE = "evt-centers-checkin.recorded--points.on_centre_checkin"


def _send(broker_url: str, body: bytes, content_type: str, encoding: str = "utf-8") -> None:
    with Connection(broker_url) as conn:
        exchange = event_exchange("centers")
        exchange.declare(channel=conn.default_channel)
        Producer(conn.default_channel).publish(body, exchange=exchange, routing_key="checkin.recorded",
                                               content_type=content_type, content_encoding=encoding,
                                               delivery_mode=2)


def _dead_letters(broker_url: str, expected: int, timeout: float = 20.0) -> list[tuple[bytes, dict]]:
    """The dead-letter queue's messages, (raw body, headers), taken off it once ``expected`` have arrived
    (read raw: they are what could not be decoded)."""
    wait_for(lambda: _depth(broker_url, f"{QUEUE}.dlq") >= expected, timeout)
    got = []
    with Connection(broker_url) as conn:
        channel = conn.default_channel
        while (message := channel.basic_get(f"{QUEUE}.dlq", no_ack=True)) is not None:
            body = message.body if isinstance(message.body, bytes) else message.body.encode("utf-8")
            got.append((body, dict(message.properties.get("application_headers") or {})))
    return got


def test_every_message_the_consumer_cannot_use_is_dead_lettered_with_its_reason(points_worker, broker_url):
    db, port = points_worker
    envelope = {"event_id": str(uuid.uuid4()), "district": "310101", "occurred_at": "2026-06-01T08:00:00Z",
                "payload": {"resident_id": f"r-{uuid.uuid4().hex[:6]}", "community": "not-a-community"}}
    poison = [
        (b'{"event_id": "x", "payload": {', "application/json", "undecodable"),     # invalid JSON
        ('{"event_id": "é"}'.encode("latin-1"), "application/json", "undecodable"),  # not UTF-8
        (b"hello", "text/plain", "undecodable"),                                     # a type it does not accept
        (json.dumps(["no", "envelope"]).encode(), "application/json", "the body is not a JSON object"),
        (json.dumps({"payload": {}}).encode(), "application/json", "event_id: is required"),
        (json.dumps(envelope).encode(), "application/json", "payload.community"),    # breaks the contract
        # an id longer than the inbox keeps (36): on PostgreSQL it failed every retry, then went as "failed"
        (json.dumps({**envelope, "event_id": "e" * 50}).encode(), "application/json", "event_id: is required"),
        # a community of another district: refused as outside the scope, retried to no avail before
        (json.dumps({**envelope, "event_id": str(uuid.uuid4()),
                     "payload": {"resident_id": "r-far", "community": "310999001001"}}).encode(),
         "application/json", "payload.community"),
    ]
    for body, content_type, _ in poison:
        _send(broker_url, body, content_type)
    good = f"r-{uuid.uuid4().hex[:6]}"
    publish(broker_url, "centers", "checkin.recorded", {"resident_id": good, "community": "310101002001"})

    assert wait_for(lambda: _credits_of(db, good) == 1)
    letters = _dead_letters(broker_url, len(poison))
    reasons = sorted(str(headers.get(DEAD_LETTER_REASON, "")) for _, headers in letters)
    assert len(letters) == len(poison), reasons
    for _, _, expected in poison:
        assert any(r.startswith(expected) for r in reasons), (expected, reasons)
    assert sorted(body for body, _ in letters) == sorted(body for body, _, _ in poison)  # the bytes as sent
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    counted = sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
                  if line.startswith("cityplat_dead_lettered_total{") and QUEUE in line)
    assert counted == len(poison)


def _credits_of(db, resident: str) -> int:
    from sqlalchemy import func, select

    from services.points import models as m

    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(m.Transaction.__table__).where(
            m.Transaction.account_id == f"310101:resident:{resident}"))
