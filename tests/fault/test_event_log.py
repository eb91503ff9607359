"""Fault: events nobody consumes (yet) are not lost.

Every event a service publishes is also kept in its retained log, the RabbitMQ stream
``<service>.events.log`` bound to its exchange: a consumer added later reads it from the start.
Without a log (a relay configured with none), an event the broker returns as unroutable is counted
by its type (``cityplat_outbox_unroutable_total``), not only logged as a number.
"""
from __future__ import annotations

import json
import time

import pytest
from kombu import Connection

from services.common import metrics
from services.common.config import get_settings
from services.common.outbox import OutboxRelay
from services.registry import models as m
from tests.integration.test_outbox_relay import _found_branches

pytestmark = pytest.mark.integration


def _read_log(broker_url: str, service: str, expected: int, timeout: float = 10.0) -> list[dict]:
    """The stream's events from its first offset (a stream is read, never consumed away)."""
    got = []
    with Connection(broker_url) as conn:
        channel = conn.channel()
        channel.basic_qos(0, 100, False)  # a stream is consumed with a prefetch and acks

        def on_message(message):
            got.append(json.loads(message.body))
            channel.basic_ack(message.delivery_tag)

        channel.basic_consume(f"{service}.events.log", callback=on_message, arguments={"x-stream-offset": "first"})
        deadline = time.time() + timeout
        while len(got) < expected and time.time() < deadline:
            try:
                conn.drain_events(timeout=0.5)
            except TimeoutError:
                pass
        channel.close()
    return got


def test_events_nobody_consumes_are_kept_in_the_services_log_and_read_later(registry_pg, broker_url):
    _found_branches(registry_pg, 2, district="310104")  # a working committee, a community committee, 2 branches
    relay = OutboxRelay(registry_pg, broker_url, event_log=get_settings().messaging["event_log"])
    try:
        assert relay.drain() == 4
        with registry_pg.engine.connect() as conn:
            assert conn.execute(m.outbox.select().where(m.outbox.c.unroutable.is_(True))).all() == []
        events = _read_log(broker_url, "registry", expected=4)  # a consumer that came later
        assert sorted(e["event_type"] for e in events) == ["organisation.created"] * 4
        assert {e["district"] for e in events} == {"310104"}
    finally:
        relay.stop()
        with Connection(broker_url) as conn:  # the other tests of this run meet no log on this exchange
            conn.default_channel.queue_delete("registry.events.log")


def test_without_a_log_an_unroutable_event_is_counted_by_its_type(registry_pg, broker_url):
    counter = metrics.OUTBOX_UNROUTABLE.labels("registry", "organisation.created")
    before = counter._value.get()
    _found_branches(registry_pg, 1, district="310104")
    relay = OutboxRelay(registry_pg, broker_url)  # no event log, no consumer bound
    try:
        assert relay.drain() == 3
    finally:
        relay.stop()
    assert counter._value.get() == before + 3
