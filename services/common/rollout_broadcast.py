"""Every process of every service hears a rollout change at once: the registry's ``rollout.changed``.

The registry emits ``rollout.changed`` (a ring moved, a feature's stage set) through its outbox. Each
gRPC and worker process listens on a queue of its own (exclusive, deleted with its connection),
bound to the registry's exchange, and drops its cached copy of the district's rollout
(services.common.rollout.RolloutCache): the next read asks the registry. The cache's time to live
stays as the safety net for a change missed while the broker was away; on every (re)connection the
whole copy is dropped, since what was missed meanwhile is unknown.

Applied changes are counted in ``cityplat_rollout_changes_applied_total{service,process}``, and the
time of the last in ``cityplat_rollout_last_change_timestamp_seconds``, so an operator (and the e2e
test) sees that every process has it.
"""
from __future__ import annotations

import json
import logging
import socket
import threading
import time
import uuid

from kombu import Connection, Consumer, Queue

from services.common import metrics
from services.common.outbox import event_exchange
from services.common.reconnect import keep_consuming

log = logging.getLogger(__name__)


class RolloutListener:
    def __init__(self, amqp_uri: str, service: str, process: str, on_change, heartbeat: int = 30):
        self.amqp_uri = amqp_uri
        self.service, self.process = service, process
        self._on_change = on_change  # on_change(district or None): None drops every district's copy
        self.heartbeat = heartbeat
        self._running = True
        self.listening = threading.Event()

    def _queue(self) -> Queue:
        return Queue(f"rollout-{self.service}-{self.process}-{uuid.uuid4().hex[:12]}",
                     exchange=event_exchange("registry"), routing_key="#.rollout.changed", exclusive=True,
                     auto_delete=True, durable=False)

    def run(self) -> None:
        # the broker away: listen again (meanwhile the cache's time to live holds)
        keep_consuming(self._listen, lambda: self._running, "rollout listener", on_lost=self.listening.clear)

    def stop(self) -> None:
        self._running = False

    def _listen(self) -> None:
        with Connection(self.amqp_uri, heartbeat=self.heartbeat) as conn:
            conn.ensure_connection(max_retries=1)
            channel = conn.channel()
            queue = self._queue()(channel)
            event_exchange("registry")(channel).declare()
            queue.declare()
            with Consumer(channel, queues=[queue], on_message=self._message, no_ack=True, auto_declare=False):
                self._on_change(None)  # whatever changed while we were not listening
                self.listening.set()
                while self._running:
                    try:
                        conn.drain_events(timeout=1.0)
                    except socket.timeout:
                        conn.heartbeat_check()

    def _message(self, message) -> None:
        try:
            district = json.loads(message.body).get("district")
        except (ValueError, AttributeError):
            district = None  # unreadable: drop every copy rather than keep a stale one
        self._apply(district)

    def _apply(self, district) -> None:
        self._on_change(district)
        metrics.ROLLOUT_CHANGES_APPLIED.labels(self.service, self.process).inc()
        metrics.ROLLOUT_LAST_CHANGE.labels(self.service, self.process).set(time.time())


def listener_for(amqp_uri: str, service: str, process: str) -> RolloutListener:
    """A listener that drops the process's copy of the rollout (services.common.rollout.rollout_cache)."""
    from services.common.rollout import rollout_cache

    return RolloutListener(amqp_uri, service, process, lambda district: rollout_cache().invalidate(district))


def start_listening(amqp_uri: str, service: str, process: str) -> RolloutListener:
    """The gRPC process's listener, on a daemon thread of its own (a worker's runs in nameko_support)."""
    listener = listener_for(amqp_uri, service, process)
    threading.Thread(target=listener.run, name=f"{service}-rollout-listener", daemon=True).start()
    return listener
