"""Fault: deliveries lost to infrastructure do not spend an event's retry budget.

A consumer that dies mid-event (killed, crash-looping, cut off from the broker) never acks; the
broker delivers the event again. RabbitMQ's ``x-delivery-limit`` counted those deliveries, so a crash
loop dead-lettered good events. Only the handler's own failures may count (services.common.delivery).

And a work queue declared the old way (with ``x-delivery-limit``) is migrated at the worker's start
without losing an event.
"""
from __future__ import annotations

import signal

import pytest
from kombu import Connection

from services.common.outbox import event_exchange
from tests.integration.consumer_harness import (Consumer, consumer_world, credit_count, publish, queue_depth,
                                                queue_of, wait_for)

pytestmark = pytest.mark.integration

BUDGET = 2


@pytest.fixture
def world(pg_url, broker_url):
    with consumer_world(pg_url, broker_url, RETRY_BUDGET=str(BUDGET)) as w:
        yield w


def _die_mid_event(env) -> None:
    """Start a consumer that takes the event and hangs in its handler; kill it there, unacked."""
    consumer = Consumer({**env, "HANG": "1"})
    try:
        assert consumer.wait_for_line("handling"), "the event was delivered again"
    finally:
        consumer.proc.send_signal(signal.SIGKILL)
        consumer.proc.wait(10)


def test_a_consumer_dying_mid_event_again_and_again_spends_no_retry(world, broker_url):
    source, env, engine = world
    Consumer(env).stop()  # declares the queue
    event_id = publish(broker_url, source, {"points": 4})
    for _ in range(BUDGET + 3):  # more lost deliveries than the budget allows failures
        _die_mid_event(env)
    consumer = Consumer(env)
    try:
        assert wait_for(lambda: credit_count(engine, event_id) == 1, timeout=20), "the event was credited"
        assert queue_depth(broker_url, queue_of(source) + ".dlq") == 0, "nothing was dead-lettered"
    finally:
        consumer.stop()


def test_a_work_queue_declared_with_a_delivery_limit_is_migrated_without_losing_events(world, broker_url):
    from services.common.delivery import work_queue

    source, env, engine = world
    name = queue_of(source)
    with Connection(broker_url) as conn:  # the queue as the previous release declared it, with events waiting
        channel = conn.channel()
        exchange = event_exchange(source)
        exchange.declare(channel=channel)
        channel.queue_declare(name, durable=True, auto_delete=False,
                              arguments={"x-queue-type": "quorum", "x-delivery-limit": 5,
                                         "x-dead-letter-exchange": "cityplat.dlx", "x-dead-letter-routing-key": name})
        channel.queue_bind(name, exchange.name, "volunteer.credited")
    waiting = [publish(broker_url, source, {"points": i}) for i in range(1, 6)]
    assert queue_depth(broker_url, name) == 5

    consumer = Consumer(env)
    try:
        later = publish(broker_url, source, {"points": 9})
        for event_id in [*waiting, later]:
            assert wait_for(lambda: credit_count(engine, event_id) == 1, timeout=20), event_id
        assert credit_count(engine) == 6
        with Connection(broker_url) as conn:
            channel = conn.channel()
            # the queue is now declared the new way: declaring it so again is accepted
            work_queue(name, event_exchange(source), "volunteer.credited").declare(channel=channel)
            with pytest.raises(Exception, match="NOT_FOUND"):  # and the holding queue is gone
                conn.channel().queue_declare(name + ".migrating", passive=True)
    finally:
        consumer.stop()
