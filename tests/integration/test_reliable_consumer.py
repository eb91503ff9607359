"""The kernel's reliable event handler and inbox, in a real nameko process on the real broker.

- the same event delivered twice is applied once;
- a handler that keeps failing is retried up to the budget, then dead-lettered to <queue>.dlq,
  and its effect is not applied;
- an event published while the consumer is stopped waits in its durable queue.
"""
from __future__ import annotations

import time

import pytest
from kombu import Connection
from sqlalchemy import text

from services.common.delivery import DEAD_LETTER_KIND, DEAD_LETTER_REASON, FAILURES

from tests.integration.consumer_harness import (Consumer, consumer_world, credit_count, publish, queue_depth,
                                                queue_of, wait_for)

pytestmark = pytest.mark.integration


@pytest.fixture
def consumer_env(pg_url, broker_url):
    with consumer_world(pg_url, broker_url) as world:
        yield world


def test_a_duplicate_delivery_is_applied_once(consumer_env, broker_url):
    source, env, engine = consumer_env
    consumer = Consumer(env)
    try:
        event_id = publish(broker_url, source, {"points": 5})
        publish(broker_url, source, {"points": 5}, event_id=event_id)  # redelivered
        other = publish(broker_url, source, {"points": 3})
        assert wait_for(lambda: credit_count(engine, other) == 1)
        time.sleep(0.5)
        assert credit_count(engine, event_id) == 1
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM inbox")) == 2
    finally:
        consumer.stop()


def test_a_poison_message_is_dead_lettered_after_the_retry_budget(consumer_env, broker_url):
    source, env, engine = consumer_env
    consumer = Consumer(env)
    dlq = queue_of(source) + ".dlq"
    try:
        publish(broker_url, source, {"points": 1, "poison": True})
        good = publish(broker_url, source, {"points": 2})
        assert wait_for(lambda: queue_depth(broker_url, dlq) == 1), "the poison message reached the DLQ"
        assert wait_for(lambda: credit_count(engine, good) == 1), "later messages still flow"
        assert credit_count(engine) == 1  # the poison message changed nothing
        with Connection(broker_url) as conn:  # it says why, and how often it was tried
            letter = conn.default_channel.basic_get(dlq, no_ack=True)
        assert letter.headers[DEAD_LETTER_KIND] == "failed"
        assert letter.headers[FAILURES] == 2  # the first try and two retries: three failures
        assert "the handler failed 3 times" in letter.headers[DEAD_LETTER_REASON]
        assert "RuntimeError: poison message" in letter.headers[DEAD_LETTER_REASON]
        with engine.connect() as conn:  # and its inbox claim rolled back with it
            assert conn.scalar(text("SELECT count(*) FROM inbox")) == 1
    finally:
        consumer.stop()


def test_events_published_while_the_consumer_is_down_wait_for_it(consumer_env, broker_url):
    source, env, engine = consumer_env
    Consumer(env).stop()  # declares the durable queue, then goes away
    event_id = publish(broker_url, source, {"points": 7})
    consumer = Consumer(env)
    try:
        assert wait_for(lambda: credit_count(engine, event_id) == 1)
    finally:
        consumer.stop()
