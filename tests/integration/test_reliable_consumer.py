"""The kernel's reliable event handler and inbox, in a real nameko process on the real broker.

- the same event delivered twice is applied once;
- a handler that keeps failing is retried up to the budget, then dead-lettered to <queue>.dlq,
  and its effect is not applied;
- an event published while the consumer is stopped waits in its durable queue.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from kombu import Connection, Producer
from sqlalchemy import create_engine, func, pool, select, text

from services.common.db import normalise_url
from services.common.outbox import event_exchange

pytestmark = pytest.mark.integration
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def consumer_env(pg_url, broker_url):
    source = f"cptest{uuid.uuid4().hex[:8]}"
    # the consumer's tables
    engine = create_engine(normalise_url(pg_url), poolclass=pool.NullPool)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE inbox (consumer varchar(150), event_id varchar(36), received_at float, "
                          "PRIMARY KEY (consumer, event_id))"))
        conn.execute(text("CREATE TABLE credits (id serial PRIMARY KEY, event_id varchar(36), points int)"))
    env = {**os.environ, "SOURCE": source, "DATABASE_URL": pg_url, "AMQP_URI": broker_url, "RETRY_BUDGET": "2",
           "PYTHONPATH": ROOT}
    yield source, env, engine
    with Connection(broker_url) as conn:  # remove the queues this test made
        channel = conn.default_channel
        queue = f"evt-{source}-volunteer.credited--testconsumer.credit"
        for name in (queue, queue + ".dlq"):
            try:
                channel.queue_delete(name)
            except Exception:
                channel = conn.channel()
        try:
            channel.exchange_delete(f"{source}.events")
        except Exception:
            pass
    engine.dispose()


class Consumer:
    def __init__(self, env):
        self.proc = subprocess.Popen([sys.executable, "-W", "ignore", "-m", "tests.integration.consumer_service"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        if "consumer ready" not in line:
            self.stop()
            raise AssertionError(f"consumer did not start: {line}{self.proc.stdout.read()[-3000:]}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def publish(broker_url, source, payload, event_id=None):
    event_id = event_id or str(uuid.uuid4())
    body = json.dumps({"event_id": event_id, "event_type": "volunteer.credited", "district": "310101",
                       "payload": payload})
    with Connection(broker_url) as conn:
        exchange = event_exchange(source)
        exchange.declare(channel=conn.default_channel)
        Producer(conn.default_channel).publish(body, exchange=exchange, routing_key="volunteer.credited",
                                               content_type="application/json", content_encoding="utf-8",
                                               delivery_mode=2)
    return event_id


def wait_for(predicate, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def credit_count(engine, event_id=None):
    with engine.connect() as conn:
        q = select(func.count()).select_from(text("credits"))
        if event_id:
            q = q.where(text("event_id = :e")).params(e=event_id)
        return conn.scalar(q)


def queue_depth(broker_url, name):
    with Connection(broker_url) as conn:
        return conn.default_channel.queue_declare(name, passive=True).message_count


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
    dlq = f"evt-{source}-volunteer.credited--testconsumer.credit.dlq"
    try:
        publish(broker_url, source, {"points": 1, "poison": True})
        good = publish(broker_url, source, {"points": 2})
        assert wait_for(lambda: queue_depth(broker_url, dlq) == 1), "the poison message reached the DLQ"
        assert wait_for(lambda: credit_count(engine, good) == 1), "later messages still flow"
        assert credit_count(engine) == 1  # the poison message changed nothing
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
