"""The batch consumer (services.common.event_batches) on the real broker: a backlog is taken a batch at a
time and settled with one ack per batch; a batch whose handling fails is not acked, and comes back whole."""
from __future__ import annotations

import threading
import time
import uuid

import pytest
from kombu import Connection, Exchange, Queue

from services.common.event_batches import BatchConsumer

pytestmark = pytest.mark.integration


@pytest.fixture
def queue(broker_url):
    exchange = Exchange(f"test-batches-{uuid.uuid4().hex[:8]}", type="topic", durable=False, auto_delete=True)
    queue = Queue(f"test-batches-{uuid.uuid4().hex[:8]}", exchange=exchange, routing_key="thing.done",
                  durable=False, auto_delete=False)
    with Connection(broker_url) as conn:
        queue.declare(channel=conn.default_channel)
        yield queue
        conn.default_channel.queue_delete(queue.name)
        conn.default_channel.exchange_delete(exchange.name)


def publish(broker_url: str, queue: Queue, count: int) -> None:
    with Connection(broker_url, transport_options={"confirm_publish": True}) as conn:
        producer = conn.Producer()
        for n in range(count):
            producer.publish(f'{{"n": {n}}}', exchange=queue.exchange, routing_key="thing.done",
                             content_type="application/json", content_encoding="utf-8")


def depth(broker_url: str, queue: Queue) -> tuple[int, int]:
    """(ready, consumers) of the queue, as the broker counts them."""
    with Connection(broker_url) as conn:
        _, ready, consumers = conn.default_channel.queue_declare(queue.name, passive=True)
    return ready, consumers


def run(consumer: BatchConsumer) -> threading.Thread:
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    assert consumer.consuming.wait(10)
    return thread


def wait_for(predicate, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_a_backlog_is_taken_in_batches_and_each_batch_is_settled_by_one_ack(broker_url, queue):
    publish(broker_url, queue, 50)
    batches: list[list[int]] = []
    consumer = BatchConsumer(broker_url, queue, lambda messages: batches.append([m.delivery_tag for m in messages]),
                             max_batch=20, linger=0.5)
    thread = run(consumer)
    try:
        assert wait_for(lambda: sum(map(len, batches)) == 50), batches
        assert [len(batch) for batch in batches] == [20, 20, 10]  # full batches, then what was left
        assert wait_for(lambda: depth(broker_url, queue)[0] == 0)
    finally:
        consumer.stop()
        thread.join(10)
    assert not thread.is_alive()
    # nothing left unacknowledged: a consumer connecting afresh finds the queue empty
    assert depth(broker_url, queue) == (0, 0)


def test_a_batch_whose_handling_fails_is_not_acked_and_is_delivered_again_whole(broker_url, queue):
    publish(broker_url, queue, 5)
    seen: list[list[bytes]] = []

    def handle(messages):
        seen.append([m.body for m in messages])
        if len(seen) == 1:
            raise ConnectionResetError("the broker went away mid-batch")  # before the ack

    consumer = BatchConsumer(broker_url, queue, handle, max_batch=10, linger=0.3)
    thread = run(consumer)
    try:
        assert wait_for(lambda: len(seen) >= 2 and sum(map(len, seen[1:])) == 5, timeout=20), seen
    finally:
        consumer.stop()
        thread.join(10)
    assert sorted(seen[0]) == sorted(b for batch in seen[1:] for b in batch)  # the same five, none lost
    assert depth(broker_url, queue) == (0, 0)


def test_stop_finishes_the_batch_in_hand_and_acks_it(broker_url, queue):
    publish(broker_url, queue, 3)
    started, handled = threading.Event(), []

    def handle(messages):
        started.set()
        time.sleep(0.5)  # stop() is called meanwhile
        handled.extend(messages)

    consumer = BatchConsumer(broker_url, queue, handle, max_batch=10, linger=0.2)
    thread = run(consumer)
    assert started.wait(10)
    consumer.stop()
    thread.join(10)
    assert len(handled) == 3
    assert depth(broker_url, queue) == (0, 0)
