"""The outbox relay: publishes committed events to RabbitMQ, at least once.

Each pass takes a batch of unpublished rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
several relays can run at once without publishing a row twice concurrently), publishes them all
with ``mandatory``, awaits the broker's confirms of the whole batch at once, then marks the batch
published in the same transaction. If the broker is down, or any message goes unconfirmed, the
batch waits for the next pass; a crash after publish but before the mark re-publishes, which the
consumers' inbox absorbs. A message the broker returns as unroutable (no queue bound yet) is marked
``unroutable`` and counted, rather than blocking the outbox forever.
"""
from __future__ import annotations

import contextlib
import json
import logging
import threading
import time

from amqp import Message, spec
from kombu import Connection, Exchange, Queue
from sqlalchemy import func, select, update

from services.common import canary, metrics, tracing
from services.common.db import Database, is_postgres, retrying

log = logging.getLogger(__name__)


def event_exchange(service: str) -> Exchange:
    # Same declaration as nameko's EventDispatcher, so both can declare it.
    return Exchange(f"{service}.events", type="topic", durable=True, auto_delete=False)


def event_log(service: str, max_age: str, max_length_bytes: int) -> Queue:
    """The service's retained log of every event it publishes: a RabbitMQ stream bound to its exchange
    with ``#``, kept by age and size. A service added later, or a consumer rebuilt, reads what it
    missed from it (a stream is read from an offset and never consumed away)."""
    return Queue(f"{service}.events.log", exchange=event_exchange(service), routing_key="#", durable=True,
                 queue_arguments={"x-queue-type": "stream", "x-max-age": max_age,
                                  "x-max-length-bytes": int(max_length_bytes)})


_PUBLISH = spec.Basic.Publish


@contextlib.contextmanager
def _one_write(transport):
    """The frames written meanwhile go to the socket in one write, not one per message (py-amqp's
    transport writes each message's frames with a ``sendall`` of their own)."""
    frames = bytearray()
    write, transport._write = transport._write, frames.extend
    try:
        yield
    finally:
        transport._write = write
    if frames:
        write(bytes(frames))


class Publisher:
    """Publishes with ``mandatory`` and publisher confirms, pipelined: a batch's messages are all sent,
    then their confirms awaited together (one wait per batch, not one per message). Reports which
    messages the broker returned as unroutable."""

    def __init__(self, broker_url: str, timeout: float = 5.0, event_log: dict | None = None):
        self.broker_url = broker_url
        self.timeout = timeout
        self.event_log = event_log  # {max_age, max_length_bytes}: declare each exchange's retained log
        self._conn: Connection | None = None
        self._returned: set[str] = set()
        self._declared: set[str] = set()
        self._sent = 0  # the channel's last delivery tag (confirm mode numbers publishes from 1)
        self._unconfirmed: set[int] = set()
        self._nacked = False

    def _channel(self):
        if self._conn is None:
            conn = Connection(self.broker_url, connect_timeout=self.timeout, heartbeat=0)
            conn.connect()
            channel = conn.default_channel
            channel.confirm_select()
            # listeners make py-amqp hand us basic.return, ack and nack instead of raising mid-wait
            channel.events["basic_return"].add(self._on_return)
            channel.events["basic_ack"].add(self._on_ack)
            channel.events["basic_nack"].add(self._on_nack)
            self._conn, self._sent, self._nacked = conn, 0, False
            self._unconfirmed.clear()
            self._returned.clear()
            self._declared.clear()
        return self._conn.default_channel

    def _on_return(self, exc, exchange, routing_key, message):
        self._returned.add(message.properties.get("message_id"))

    def _on_ack(self, delivery_tag, multiple):
        if multiple:
            self._unconfirmed = {tag for tag in self._unconfirmed if tag > delivery_tag}
        else:
            self._unconfirmed.discard(delivery_tag)

    def _on_nack(self, delivery_tag, multiple):
        self._nacked = True
        self._on_ack(delivery_tag, multiple)

    def publish_many(self, messages: list[tuple[str, str, str, dict, str]]) -> list[bool]:
        """Publish ``(exchange, routing_key, body, headers, message_id)`` each, then wait for the broker
        to confirm them all; for each, False if it was unroutable. Raises if the broker refused any
        (nack), did not confirm in time, or the connection failed: none of the batch counts as published."""
        channel = self._channel()
        for exchange in {exchange for exchange, *_ in messages} - self._declared:
            service = exchange.rsplit(".events", 1)[0]
            event_exchange(service).declare(channel=channel)
            if self.event_log:
                event_log(service, self.event_log["max_age"], self.event_log["max_length_bytes"]).declare(
                    channel=channel)
            self._declared.add(exchange)
        with _one_write(self._conn.connection.transport):
            for exchange, routing_key, body, headers, message_id in messages:
                # send_method, not basic_publish: that one also polls the socket for a connection.blocked
                # notice before every message (a read per message); the confirms' wait below reads them all
                channel.send_method(_PUBLISH, "Bssbb", (0, exchange, routing_key, True, False), Message(
                    body, content_type="application/json", content_encoding="utf-8", delivery_mode=2,
                    application_headers=headers, message_id=message_id))
                self._sent += 1
                self._unconfirmed.add(self._sent)
        deadline = time.monotonic() + self.timeout
        while self._unconfirmed:  # a return comes before its message's ack
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the broker confirmed {len(messages) - len(self._unconfirmed)} of "
                                   f"{len(messages)} messages in {self.timeout} s")
            self._conn.drain_events(timeout=left)
        if self._nacked:
            self._nacked = False
            raise RuntimeError("the broker refused (nacked) a message of the batch")
        routed = [message_id not in self._returned for *_, message_id in messages]
        self._returned.clear()
        return routed

    def publish(self, exchange: str, routing_key: str, body: str, headers: dict, message_id: str) -> bool:
        """Publish one message and wait for its confirm. Returns False if it was unroutable."""
        return self.publish_many([(exchange, routing_key, body, headers, message_id)])[0]

    def close(self):
        if self._conn is not None:
            try:
                self._conn.release()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass
            self._conn = None


class OutboxRelay:
    def __init__(self, db: Database, broker_url: str, batch_size: int = 200, poll_interval: float = 0.2,
                 publish_timeout: float = 5.0, sleep=time.sleep, event_log: dict | None = None, track_of=None):
        self.db = db
        # track_of(district, subdistrict) -> (track, ring) (services.common.canary.Tracks.placement);
        # None: all stable, unstamped
        self._track_of = track_of
        self.publisher = Publisher(broker_url, publish_timeout, event_log)
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self._sleep = sleep
        self._stop = threading.Event()
        self._last_gauge = 0.0

    def relay_once(self) -> int:
        """Publish one batch; returns how many rows it published (0 when idle or the broker is down)."""
        table = self.db.outbox
        query = (select(table.c.id, table.c.event_id, table.c.event_type, table.c.exchange, table.c.district,
                        table.c.body, table.c.request_id)
                 .where(table.c.published_at.is_(None)).order_by(table.c.id).limit(self.batch_size))
        if not is_postgres(self.db.engine):
            return self._relay_sqlite(query)
        # PostgreSQL: the batch's rows stay locked while they are published, so relays running at once
        # (several worker processes) each publish their own rows (SKIP LOCKED), none twice
        query = query.with_for_update(skip_locked=True)
        with self.db.write_transaction() as conn:
            rows = conn.execute(query).all()
            if not rows:
                return 0
            return self._mark(conn, rows, *self._publish_rows(rows))

    def _relay_sqlite(self, query) -> int:
        """SQLite: publish with no lock held, then mark the rows in a short write. Its lock is the whole
        database's: held while waiting for the broker's confirms (seconds, with the broker slow or away),
        it kept every other write of the service waiting, and froze the worker. Two relays on one file
        may publish a row twice before either marks it; consumers skip the duplicate (the inbox)."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            return 0
        outcome = self._publish_rows(rows)

        def mark():
            with self.db.write_transaction() as conn:
                return self._mark(conn, rows, *outcome)

        return retrying(self.db.service, "outbox", mark)  # waits its turn for the lock, in green sleeps

    def _publish_rows(self, rows):
        """Publish ``rows``: (the ids published, the ids unroutable with their types, the error that stopped it)."""
        published, unroutable, unroutable_types, error = [], [], [], None
        messages, spans, tracks = [], [], {}
        for row in rows:
            envelope = json.loads(row.body)
            subdistrict = envelope.get("subdistrict") or ""
            headers = {"event_id": row.event_id, "event_type": row.event_type, "district": row.district,
                       "subdistrict": subdistrict,
                       # nameko turns nameko.* headers into worker context data
                       "nameko.request_id": row.request_id or row.event_id}
            routing_key = row.event_type
            if self._track_of is not None:  # canary by sub-district: its ring's track, looked up once a batch
                placed = tracks.get((row.district, subdistrict))
                if placed is None:
                    placed = tracks[(row.district, subdistrict)] = self._track_of(row.district, subdistrict)
                track, ring = placed
                headers[canary.TRACK_HEADER] = track
                if ring:
                    headers[canary.RING_HEADER] = ring  # the sub-district's ring as the relay saw it
                routing_key = canary.routing_key(row.event_type, track)
            if envelope.get("traceparent"):  # W3C trace context: the consumer's span continues the trace
                headers["traceparent"] = envelope["traceparent"]
                span = tracing.start(f"{row.exchange} publish", tracing.PRODUCER, envelope["traceparent"],
                                     {"messaging.system": "rabbitmq", "messaging.destination.name": row.exchange,
                                      "messaging.rabbitmq.destination.routing_key": row.event_type,
                                      "messaging.message.id": row.event_id})
                if span is not None:
                    headers["traceparent"] = tracing.traceparent_of(span)
                    spans.append(span)
            messages.append((row.exchange, routing_key, row.body, headers, row.event_id))
        try:
            for row, routed in zip(rows, self.publisher.publish_many(messages)):
                (published if routed else unroutable).append(row.id)
                if not routed:
                    unroutable_types.append(row.event_type)
        except Exception as exc:  # broker down or connection lost: the whole batch waits for the next pass
            metrics.OUTBOX_FAILURES.labels(self.db.service).inc()
            log.warning("outbox publish failed; will retry", extra={"error": str(exc)})
            self.publisher.close()
            error = exc
        for span in spans:
            tracing.end(span, None, f"{type(error).__name__}: {error}" if error is not None else None)
        return published, unroutable, unroutable_types, error

    def _mark(self, conn, rows, published, unroutable, unroutable_types, error) -> int:
        table = self.db.outbox
        if error is not None:
            failed_ids = [r.id for r in rows if r.id not in published and r.id not in unroutable]
            conn.execute(update(table).where(table.c.id.in_(failed_ids))
                         .values(attempts=table.c.attempts + 1, last_error=str(error)[:500]))
        now = time.time()
        if published:
            conn.execute(update(table).where(table.c.id.in_(published)).values(published_at=now))
        if unroutable:
            log.warning("outbox events unroutable (no queue bound)", extra={"count": len(unroutable)})
            conn.execute(update(table).where(table.c.id.in_(unroutable))
                         .values(published_at=now, unroutable=True))
        done = len(published) + len(unroutable)
        if published:
            metrics.OUTBOX_PUBLISHED.labels(self.db.service).inc(len(published))
        for event_type in unroutable_types:  # nobody bound, not even the event log: kept only in the outbox
            metrics.OUTBOX_UNROUTABLE.labels(self.db.service, event_type).inc()
        return done

    def update_gauges(self):
        table = self.db.outbox
        with self.db.engine.connect() as conn:
            count, oldest = conn.execute(select(func.count(), func.min(table.c.created_at))
                                         .where(table.c.published_at.is_(None))).one()
        metrics.OUTBOX_BACKLOG.labels(self.db.service).set(count)
        metrics.OUTBOX_OLDEST_AGE.labels(self.db.service).set(time.time() - oldest if oldest else 0)

    def run(self):
        """Loop until stop(): drain while there is work, otherwise poll."""
        while not self._stop.is_set():
            try:
                n = self.relay_once()
                if time.time() - self._last_gauge > 5:
                    self.update_gauges()
                    self._last_gauge = time.time()
            except Exception:  # database hiccup: log and keep the loop alive
                log.exception("outbox relay pass failed")
                n = 0
            if n < self.batch_size:
                self._sleep(self.poll_interval)

    def drain(self, timeout: float = 10.0) -> int:
        """Publish until nothing is left (for CLI and tests); returns how many were published."""
        total, deadline = 0, time.time() + timeout
        while time.time() < deadline:
            n = self.relay_once()
            total += n
            if n == 0:
                break
        return total

    def stop(self):
        self._stop.set()
        self.publisher.close()
