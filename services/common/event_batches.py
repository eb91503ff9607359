"""A consumer that takes its queue's deliveries a batch at a time and settles each batch with one ack.

nameko runs every delivery in a worker of its own (a green thread, a worker context, the dependency
hooks, one ``basic_ack``): for a busy event consumer that costs more than the event's own work, a
third of the points worker's time when it drained a backlog (benchmarks/README.md). Here one loop
per queue reads up to ``max_batch`` deliveries (waiting at most ``linger`` for company once the first
has come), hands them to ``handle(messages)`` together, and acknowledges the batch with a single
``multiple`` ack of its last delivery tag. ``handle`` must settle nothing itself and raise only when
the broker is away: every message is then redelivered, the inbox keeps the ones already applied
from being applied twice, and no failure is counted against them.

The broker's prefetch window is a little over two batches, so the next batch is already on its
way while one commits. A lost connection is retried with back-off, for as long as the consumer
runs (a broker restart must not end the worker: issue 10).
"""
from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Callable

from kombu import Connection, Consumer, Queue

from services.common.reconnect import keep_consuming

log = logging.getLogger(__name__)


class BatchConsumer:
    def __init__(self, amqp_uri: str, queue: Queue, handle: Callable[[list], None], *, max_batch: int,
                 linger: float, heartbeat: int = 30, on_exit: Callable[[], None] | None = None):
        self.amqp_uri = amqp_uri
        self.queue = queue
        self._handle = handle
        self.max_batch = max(1, max_batch)
        self.linger = max(0.0, linger)
        self.prefetch = 2 * self.max_batch + 1
        self.heartbeat = heartbeat
        self._on_exit = on_exit
        self._running = True
        self.consuming = threading.Event()  # set while a consumer is registered with the broker
        self._stopped = threading.Event()

    def run(self) -> None:
        """Consume until ``stop``; reconnect with back-off (services.common.reconnect) whenever the broker goes."""
        try:
            keep_consuming(self._consume, lambda: self._running, f"event consumer of {self.queue.name}",
                           on_lost=self.consuming.clear)
        finally:
            self.consuming.clear()
            if self._on_exit is not None:
                self._on_exit()
            self._stopped.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the batch in hand, settle it, and stop consuming (waits up to ``timeout``)."""
        self.stopping()
        self._stopped.wait(timeout)

    def stopping(self) -> None:
        """Ask it to stop after the batch in hand (without waiting)."""
        self._running = False

    def _consume(self) -> None:
        with Connection(self.amqp_uri, heartbeat=self.heartbeat) as conn:
            conn.ensure_connection(max_retries=1)
            channel = conn.channel()
            channel.basic_qos(0, self.prefetch, False)
            pending: list = []
            with Consumer(channel, queues=[self.queue], on_message=pending.append, auto_declare=False):
                self.consuming.set()
                while self._running:
                    self._fill(conn, pending)
                    if pending:
                        batch, pending[:] = list(pending), []
                        self._handle(batch)
                        # deliveries come in the order of their tags: the last one's multiple ack settles them all
                        batch[-1].ack(multiple=True)
                    conn.heartbeat_check()

    def _fill(self, conn, pending: list) -> None:
        """Read deliveries into ``pending`` until the batch is full, or ``linger`` has passed since the first."""
        deadline = None
        while self._running and len(pending) < self.max_batch:
            if pending and deadline is None:
                deadline = time.monotonic() + self.linger
            timeout = 1.0 if deadline is None else deadline - time.monotonic()
            if timeout <= 0:
                return
            try:
                conn.drain_events(timeout=timeout)
            except socket.timeout:
                if pending:
                    return
                conn.heartbeat_check()
