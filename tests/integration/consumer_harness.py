"""Run the kernel's reliable consumer (tests/integration/consumer_service.py) as a real process.

Shared by the integration tests of the reliable handler and the fault tests of lost deliveries.
"""
from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
import uuid

from kombu import Connection, Producer
from sqlalchemy import create_engine, func, pool, select, text

from services.common.db import normalise_url
from services.common.outbox import event_exchange

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def queue_of(source: str) -> str:
    """The consumer's work queue (nameko's name for an event handler's queue)."""
    return f"evt-{source}-volunteer.credited--testconsumer.credit"


@contextlib.contextmanager
def consumer_world(pg_url: str, broker_url: str, **env_extra):
    """A fresh event source, the consumer's tables in ``pg_url``, and the environment to start it with."""
    source = f"cptest{uuid.uuid4().hex[:8]}"
    engine = create_engine(normalise_url(pg_url), poolclass=pool.NullPool)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE inbox (consumer varchar(150), event_id varchar(36), received_at float, "
                          "PRIMARY KEY (consumer, event_id))"))
        conn.execute(text("CREATE TABLE credits (id serial PRIMARY KEY, event_id varchar(36), points int)"))
    env = {**os.environ, "SOURCE": source, "DATABASE_URL": pg_url, "AMQP_URI": broker_url, "RETRY_BUDGET": "2",
           "PYTHONPATH": ROOT, "CITYPLAT_MESSAGING__RETRY_BACKOFF__FIRST_SECONDS": "0.2", **env_extra}
    try:
        yield source, env, engine
    finally:
        with Connection(broker_url) as conn:  # remove the queues this test made
            channel = conn.channel()
            queue = queue_of(source)
            for name in (queue, queue + ".dlq", queue + ".retry", queue + ".migrating"):
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
        said = []  # what it logs while starting (a queue migrated, say), then "consumer ready"
        while "consumer ready" not in (line := self.proc.stdout.readline()):
            said.append(line)
            if not line:  # it exited
                self.stop()
                raise AssertionError(f"consumer did not start: {''.join(said)[-3000:]}")
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for_line(self, prefix: str, timeout: float = 20.0) -> str | None:
        """The next line it prints starting with ``prefix``, or None after ``timeout`` seconds."""
        deadline = time.time() + timeout
        while (left := deadline - time.time()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line.startswith(prefix):
                return line
        return None

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


