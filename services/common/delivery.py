"""What happens to an event a consumer could not handle: retried later, or dead-lettered.

Each reliable handler owns three queues (all quorum queues, durable, replicated):

- ``<queue>``: its work queue, bound to the source's exchange;
- ``<queue>.retry``: where a failed event waits out its back-off; expired, it goes back to
  ``<queue>`` through the default exchange (at-least-once dead-lettering: never lost on the way);
- ``<queue>.dlq``: what a person has to look at, each message with the reason in a header.

Only the handler's own failures spend an event's retry budget. They are counted in the event's
``x-cityplat-failures`` header, carried from one try to the next. A delivery lost because the
consumer died or the broker's connection dropped before the ack is redelivered by the broker and
costs nothing; RabbitMQ's own ``x-delivery-limit`` counted those too, so a crash loop
dead-lettered good events, and it is no longer set (see :func:`declare_work_queue` for how a queue
declared with it is migrated).
"""
from __future__ import annotations

import logging

from amqp import Message as AMQPMessage
from amqp.exceptions import ConnectionError as AMQPConnectionError
from amqp.exceptions import NotFound, PreconditionFailed
from kombu import Connection, Exchange, Queue
from kombu.pools import producers

from services.common import metrics
from services.common.config import get_settings

log = logging.getLogger(__name__)

DEAD_LETTER_REASON = "x-cityplat-dead-letter-reason"
DEAD_LETTER_KIND = "x-cityplat-dead-letter-kind"
FAILURES = "x-cityplat-failures"
LAST_ERROR = "x-cityplat-last-error"

#: what settling a message (ack, requeue) raises once the broker's connection is gone: nameko 2.14
#: catches only amqp's ConnectionError, so a socket's BrokenPipeError or ConnectionResetError (a
#: handler that finished just after a broker restart) escaped, stopped the container and ended the
#: worker process. The broker redelivers an unsettled message, and the inbox keeps it from being
#: applied twice, so a lost settlement is only logged.
SETTLEMENT_LOST = (OSError, AMQPConnectionError)

QUORUM = {"x-queue-type": "quorum"}


def work_queue(name: str, exchange: Exchange, routing_key: str) -> Queue:
    """A handler's work queue: quorum, and no ``x-delivery-limit`` (the budget is in the header)."""
    return Queue(name, exchange=exchange, routing_key=routing_key, durable=True, auto_delete=False,
                 queue_arguments=dict(QUORUM))


def retry_queue(name: str) -> Queue:
    """``<name>.retry``: a failed event waits here for its back-off (per-message expiration), then
    goes back to ``name``. Only reached through the default exchange, so no other consumer sees it."""
    return Queue(f"{name}.retry", durable=True, auto_delete=False,
                 queue_arguments={**QUORUM, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": name,
                                  # at-least-once dead-lettering needs the queue to refuse, not drop, on overflow
                                  "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish"})


def dead_letter_queue(name: str) -> Queue:
    exchange = Exchange(get_settings().messaging["dead_letter_exchange"], type="direct", durable=True)
    return Queue(f"{name}.dlq", exchange=exchange, routing_key=name, durable=True, auto_delete=False)


def failures_of(message) -> int:
    """How many times the handler has already failed on this event (0 on its first delivery)."""
    try:
        return max(0, int((message.headers or {}).get(FAILURES, 0)))
    except (TypeError, ValueError):
        return 0


def backoff_seconds(failures: int) -> float:
    """The wait before the try after the ``failures``-th failure: doubling from the first, capped."""
    settings = get_settings().messaging["retry_backoff"]
    return min(float(settings["first_seconds"]) * 2 ** (failures - 1), float(settings["max_seconds"]))


def _confirmed(amqp_uri: str) -> Connection:
    # publisher confirms: publish returns once the broker has the message, so acking the original after it loses
    # nothing; the pool (kombu.pools, keyed by the URI) keeps one connection instead of one per message
    return Connection(amqp_uri, transport_options={"confirm_publish": True})


def _republish(amqp_uri: str, message, exchange: str, routing_key: str, headers: dict, declare=(),
               expiration: float | None = None) -> None:
    with producers[_confirmed(amqp_uri)].acquire(block=True, timeout=10) as producer:
        producer.publish(
            message.body, exchange=exchange, routing_key=routing_key, headers=headers, declare=list(declare),
            content_type=message.content_type or "application/octet-stream",
            content_encoding=message.content_encoding or "binary", delivery_mode=2, expiration=expiration,
            retry=True, retry_policy={"max_retries": 3})


def dead_letter(amqp_uri: str, message, queue: str, reason: str, kind: str, service: str) -> None:
    """Send ``message`` to ``queue``'s dead-letter queue with the reason in its headers. The caller acks
    the original (with its batch: services.common.event_batches) once this returns.

    Published with publisher confirms on a connection of its own, so the broker has the copy before the
    original is acked: nothing is lost between."""
    headers = dict(message.headers or {})
    headers.update({DEAD_LETTER_REASON: reason[:1000], DEAD_LETTER_KIND: kind, "x-cityplat-queue": queue})
    dlq = dead_letter_queue(queue)
    _republish(amqp_uri, message, dlq.exchange.name, queue, headers, declare=[dlq])
    metrics.DEAD_LETTERED.labels(service, queue, kind).inc()
    log.error("message dead-lettered", extra={"queue": queue, "kind": kind, "reason": reason[:300]})


def retry_later(amqp_uri: str, message, queue: str, error: str, budget: int, service: str) -> str:
    """After a failure of the handler: the event waits in ``<queue>.retry`` and comes back, or, once the
    budget of retries is spent, goes to the dead-letter queue. Returns "retry" or "dead-lettered". The
    caller acks the original once this returns."""
    failures = failures_of(message) + 1
    if failures > budget:
        dead_letter(amqp_uri, message, queue, f"the handler failed {failures} times; the last time: {error}",
                    "failed", service)
        return "dead-lettered"
    headers = {**(message.headers or {}), FAILURES: failures, LAST_ERROR: error[:500]}
    delay = backoff_seconds(failures)
    _republish(amqp_uri, message, "", f"{queue}.retry", headers, declare=[retry_queue(queue)], expiration=delay)
    metrics.EVENT_RETRIES.labels(service, queue).inc()
    log.warning("event handler failed; retrying later",
                extra={"queue": queue, "failures": failures, "delay_seconds": delay, "error": error[:300]})
    return "retry"


def declare_work_queue(amqp_uri: str, queue: Queue) -> None:
    """Declare ``queue`` (and its retry and dead-letter queues), migrating one declared the old way.

    Queue arguments cannot change once a queue exists: declared again with other arguments, RabbitMQ
    refuses (PRECONDITION_FAILED). Until this release the work queues carried ``x-delivery-limit``
    and a dead-letter exchange, so a queue found that way is migrated here, at the worker's start,
    without losing an event:

    1. ``<queue>.migrating`` is declared and bound like the work queue: events published meanwhile
       land there;
    2. every message of the old queue is moved into it (published with confirms, then acked);
    3. the old queue is deleted and declared again, the new way;
    4. the messages are moved back, the holding queue unbound, drained once more, and deleted.

    An event moved twice (a worker stopped mid-way, two workers migrating at once) is consumed twice
    and skipped by the inbox; a holding queue left behind is drained at the next start.
    Old workers still consuming the queue lose their consumer at step 3: stop them first, or let
    them restart as the new version.
    """
    # classic (durable, persistent messages): a quorum queue cannot be deleted only-if-empty
    holding = Queue(f"{queue.name}.migrating", exchange=queue.exchange, routing_key=queue.routing_key,
                    durable=True, auto_delete=False)
    with _confirmed(amqp_uri) as conn:
        channel = conn.channel()
        dead_letter_queue(queue.name).declare(channel=channel)
        retry_queue(queue.name).declare(channel=channel)
        try:
            queue.declare(channel=channel)
        except PreconditionFailed as refused:
            log.warning("work queue declared with old arguments; migrating it",
                        extra={"queue": queue.name, "refused": str(refused)[:300]})
            channel = conn.channel()  # the refusal closed the other
            holding.declare(channel=channel)
            moved = _move(channel, queue.name, holding.name)
            channel.queue_delete(queue.name)
            queue.declare(channel=channel)
            log.warning("work queue migrated", extra={"queue": queue.name, "messages": moved})
        _drain_holding(conn, holding, queue.name)


def _drain_holding(conn, holding: Queue, into: str) -> None:
    channel = conn.channel()
    try:
        channel.queue_declare(holding.name, passive=True)
    except NotFound:
        return  # no migration in progress: the usual case
    _move(channel, holding.name, into)
    channel.queue_unbind(holding.name, holding.exchange.name, holding.routing_key)
    _move(channel, holding.name, into)  # what was routed there before the unbind
    channel.queue_delete(holding.name, if_empty=True)


def _move(channel, source: str, target: str) -> int:
    """Move every message of ``source`` to ``target``, each acked only after the broker confirmed its copy."""
    moved = 0
    while (message := channel.basic_get(source, no_ack=False)) is not None:
        copy = AMQPMessage(message.body, **message.properties)
        channel.basic_publish(copy, exchange="", routing_key=target)  # confirm_publish: waits for the ack
        channel.basic_ack(message.delivery_tag)
        moved += 1
    return moved
