"""nameko building blocks shared by every worker: database, caller, metrics, reliable events.

Entry points stay thin: a worker method decodes, calls the application layer with
``self.caller`` (the request context) and ``self.db`` (the service's database), and returns
plain data. Expected errors (services.common.errors) travel to RPC callers as themselves.
"""
from __future__ import annotations

import functools
import json
import logging
import threading
import time

from kombu import Connection
from nameko.events import EventHandler
from nameko.exceptions import deserialize_to_instance
from nameko.messaging import QueueConsumer
from nameko.extensions import DependencyProvider

from services.common import errors, metrics
from services.common.auth import context_from_token
from services.common.batching import GroupCommit
from services.common.config import get_settings
from services.common.context import current_request_id, system_context
from services.common.db import Database, retrying
from services.common.delivery import SETTLEMENT_LOST, dead_letter, declare_work_queue, retry_later, work_queue
from services.common.errors import DomainError
from services.common.inbox import Unusable, check_envelope, claim, claim_all
from services.common.outbox import OutboxRelay

log = logging.getLogger(__name__)

# RPC callers get cityplat's errors back as the same classes (a nameko client imports this module)
for _cls in errors.ALL:
    deserialize_to_instance(_cls)



def _settled_safely(settle):
    @functools.wraps(settle)
    def wrapper(self, message):
        try:
            settle(self, message)
        except SETTLEMENT_LOST as exc:
            log.warning("the broker connection was lost before the message was settled; it will be redelivered",
                        extra={"error": repr(exc)})

    return wrapper


QueueConsumer.ack_message = _settled_safely(QueueConsumer.ack_message)
QueueConsumer.requeue_message = _settled_safely(QueueConsumer.requeue_message)


class DatabaseProvider(DependencyProvider):
    """Injects the service's ``Database`` (engine shared by all workers of the process)."""

    def __init__(self, metadata):
        self.metadata = metadata
        self.database: Database | None = None

    def setup(self):
        name = self.container.service_name
        # DATABASE_URL in the nameko config wins (tests and one-off consumers); else the service's own
        url = self.container.config.get("DATABASE_URL") or get_settings().database_url(name)
        self.database = Database(name, url, self.metadata)

    def stop(self):
        if self.database is not None:
            self.database.dispose()

    def get_dependency(self, worker_ctx):
        return self.database


class Caller(DependencyProvider):
    """The request context of the RPC caller, from the ``authorization`` token in context data.

    Raises Unauthenticated when used without a valid token; event handlers use
    ``system_context`` instead.
    """

    def get_dependency(self, worker_ctx):
        data = worker_ctx.data
        return functools.partial(context_from_token, data.get("authorization"), data.get("request_id"))


class WorkerMetrics(DependencyProvider):
    """Counts and times every worker run; sets the request id for structured logs."""

    def worker_setup(self, worker_ctx):
        worker_ctx._cityplat_started = time.perf_counter()
        current_request_id.set(worker_ctx.data.get("request_id") or worker_ctx.call_id)

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        service = self.container.service_name
        name = worker_ctx.entrypoint.method_name
        elapsed = time.perf_counter() - getattr(worker_ctx, "_cityplat_started", time.perf_counter())
        status = "ok"
        if exc_info is not None:
            status = "error"
            if not isinstance(exc_info[1], (DomainError, Unusable)):  # an unusable event is the sender's fault
                metrics.HANDLER_ERRORS.labels(service, name).inc()
        metrics.WORKER_REQUESTS.labels(service, name, status).inc()
        metrics.WORKER_LATENCY.labels(service, name).observe(elapsed)


def _database_of(container, attr: str) -> Database:
    """The Database of the service's DatabaseProvider named ``attr`` (bound providers are copies)."""
    for dep in container.dependencies:
        if dep.attr_name == attr and isinstance(dep, DatabaseProvider):
            return dep.database
    raise LookupError(f"{container.service_name} has no DatabaseProvider named {attr!r}")


class Health(DependencyProvider):
    """HTTP /metrics, /healthz and /readyz for the worker process (``health = Health("db")``)."""

    def __init__(self, db_attr: str = "db"):
        self.db_attr = db_attr
        self.server = None

    def start(self):
        name = self.container.service_name
        database = _database_of(self.container, self.db_attr)

        def ready():
            try:
                database.ping()
            except Exception as exc:  # noqa: BLE001 - the probe reports, it does not crash
                return False, f"database: {exc}"
            return True, "ok"

        self.server = metrics.serve_http(get_settings().service(name).worker_http_port, readiness=ready)
        metrics.PROCESS_UP.labels(name, "worker").set(1)

    def stop(self):
        metrics.PROCESS_UP.labels(self.container.service_name, "worker").set(0)
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    kill = stop


class OutboxRelayRunner(DependencyProvider):
    """Runs the outbox relay in the worker process, stopping it cleanly on shutdown."""

    def __init__(self, db_attr: str = "db"):
        self.db_attr = db_attr
        self.relay: OutboxRelay | None = None

    def start(self):
        settings = get_settings()
        self.relay = OutboxRelay(_database_of(self.container, self.db_attr), settings.broker_url,
                                 batch_size=int(settings.outbox["batch_size"]),
                                 poll_interval=float(settings.outbox["poll_interval_seconds"]),
                                 publish_timeout=float(settings.outbox["publish_timeout_seconds"]),
                                 event_log=settings.messaging["event_log"])
        self.container.spawn_managed_thread(self.relay.run, identifier="outbox-relay")

    def stop(self):
        if self.relay is not None:
            self.relay.stop()

    kill = stop

    def get_dependency(self, worker_ctx):
        return self.relay


class DeadLetterMonitor(DependencyProvider):
    """Reports the depth of each reliable handler's dead-letter queue as ``cityplat_dlq_depth``."""

    interval = 15.0

    def __init__(self):
        self._running = False

    def start(self):
        if not self._queues():
            return  # this service consumes no events
        self._running = True
        self.container.spawn_managed_thread(self._run, identifier="dead-letter-monitor")

    def _queues(self) -> list[str]:
        return [ep.dead_letter_queue_name for ep in self.container.entrypoints
                if isinstance(ep, ReliableEventHandler)]

    def _run(self):
        import eventlet

        while self._running:
            queues = self._queues()
            if queues:
                try:
                    with Connection(self.container.config["AMQP_URI"]) as conn:
                        channel = conn.default_channel
                        for name in queues:
                            _, depth, _ = channel.queue_declare(name, passive=True)
                            metrics.DLQ_DEPTH.labels(self.container.service_name, name).set(depth)
                except Exception:  # broker away: try again next round
                    log.warning("dead-letter depth check failed", exc_info=True)
            eventlet.sleep(self.interval)

    def stop(self):
        self._running = False

    kill = stop


class DeadLetteringQueueConsumer(QueueConsumer):
    """The reliable handlers' consumer: a message that cannot be decoded (not JSON, not UTF-8, a
    content type the worker does not accept) goes to its queue's dead-letter queue with the reason;
    kombu's default would acknowledge it and drop it."""

    def on_decode_error(self, message, exc):
        queue = self._queue_of(message)
        dead_letter(self.amqp_uri, message, queue, f"undecodable: {type(exc).__name__}: {exc}", "undecodable",
                    self.container.service_name)

    def _queue_of(self, message) -> str:
        tag = (message.delivery_info or {}).get("consumer_tag")
        for consumer in self._consumers.values():
            for name, active in getattr(consumer, "_active_tags", {}).items():
                if active == tag:
                    return name
        return (message.delivery_info or {}).get("routing_key", "")


class ReliableEventHandler(EventHandler):
    """An event handler that retries a failing event later and dead-letters it once its budget is spent.

    nameko acks a message after the worker even when it raised, which would lose it. Here a failure
    sends the event to ``<queue>.retry`` to wait out its back-off, counting the failure in the
    message (services.common.delivery); past the budget it goes to ``<queue>.dlq``. A delivery lost
    to a dying consumer or a dropped connection is redelivered by the broker and counts nothing.
    """

    queue_consumer = DeadLetteringQueueConsumer()

    def __init__(self, source_service, event_type, **kwargs):
        kwargs.setdefault("requeue_on_error", True)
        super().__init__(source_service, event_type, **kwargs)

    def handle_message_processed(self, message, result=None, exc_info=None):
        """An unusable event goes to the dead-letter queue at once (retrying would not help); any other
        failure is retried later, until the budget is spent."""
        if exc_info is None:
            return super().handle_message_processed(message, result, exc_info)
        uri, service = self.container.config["AMQP_URI"], self.container.service_name
        error = f"{type(exc_info[1]).__name__}: {exc_info[1]}"
        try:
            if isinstance(exc_info[1], Unusable):
                dead_letter(uri, message, self.queue.name, str(exc_info[1]), "unusable", service)
            else:
                retry_later(uri, message, self.queue.name, error, self.budget, service)
        except Exception:  # the broker is away: leave it to the broker, which redelivers it (no failure counted)
            log.warning("could not schedule the failed event's retry; requeued", exc_info=True)
            self.queue_consumer.requeue_message(message)

    def setup(self):
        super().setup()
        settings = get_settings()
        self.budget = int(self.container.config.get("RETRY_BUDGET") or settings.messaging["retry_budget"])
        self.queue = work_queue(self.queue.name, self.queue.exchange, self.event_type)
        declare_work_queue(self.container.config["AMQP_URI"], self.queue)

    @property
    def dead_letter_queue_name(self) -> str:
        return f"{self.queue.name}.dlq"


reliable_event_handler = ReliableEventHandler.decorator

#: what an ``idempotent`` handler returns for an event it had already consumed
DUPLICATE = type("Duplicate", (), {"__repr__": lambda self: "DUPLICATE", "__bool__": lambda self: False})()


def idempotent(consumer: str, batch_key=None, prepare=None):
    """Decorate an event handler method ``(self, uow, envelope)``: runs once per event id.

    The service must have ``db = DatabaseProvider(...)``. The inbox claim and the effect commit
    together; a duplicate delivery is acknowledged and skipped.

    Events delivered together share one transaction (a group commit, services.common.batching): a
    busy consumer pays one commit, not one per event, and its batches grow with the load (up to
    ``messaging.event_batch``, the worker's deliveries in flight). ``batch_key(envelope)`` names what
    two events must not change in one batch (the accounts they credit); events with the same key run
    one after the other, in the order they came. If anything in a batch fails, it is halved and each
    half tried apart, down to the failing events alone, so each event gets the outcome it would have
    had without company: only the failing one is retried or dead-lettered.

    A batch claims its events in one statement; ``prepare([(uow, envelope), ...])``, if given, then reads
    (or opens) together what the batch's fresh events will need, so that each event's own work
    finds it at hand instead of paying a round trip or two of its own (the points worker opens
    the batch's accounts in one go).
    """

    def decorate(fn):
        def once(self, ctx, envelope):
            # deferred: the ledger's writes of all the event's beneficiaries lock their rows together,
            # at the commit, in one order shared by every transaction (services.points.app.posting)
            with self.db.uow(ctx, deferred=True) as uow:
                if not claim(uow, consumer, envelope["event_id"]):
                    return DUPLICATE
                result = fn(self, uow, envelope)
                uow.commit()
            return result

        def together(items):
            def run():
                # on the writer's held connection: no pool checkout and no liveness ping per batch
                database = items[0][0].db
                with database.uow(None, deferred=True, connection=database.held_connection()) as batch:
                    fresh = claim_all(batch, consumer, [envelope["event_id"] for _, _, envelope in items])
                    work = [(svc, batch.for_caller(ctx), envelope)
                            for (svc, ctx, envelope), first in zip(items, fresh) if first]
                    if prepare is not None and work:
                        prepare([(view, envelope) for _, view, envelope in work])
                    done = iter([fn(svc, view, envelope) for svc, view, envelope in work])
                    results = [next(done) if first else DUPLICATE for first in fresh]
                    batch.commit()
                return results

            database = items[0][0].db
            if len(items) == 1:
                svc, ctx, envelope = items[0]
                try:  # a deadlock or serialization failure is retried here: redelivered, it would spend the budget
                    return [retrying(database.service, consumer, lambda: once(svc, ctx, envelope))]
                except Exception as exc:  # noqa: BLE001 - handed to that event's handler
                    return [exc]
            try:
                return retrying(database.service, consumer, run)
            except Exception as exc:  # noqa: BLE001 - whatever it was, the halves try again apart
                metrics.EVENT_BATCH_ALONE.labels(database.service, consumer, type(exc).__name__).inc()
            # halved until the failing events are alone: one bad event costs a few commits, not one per event
            half = len(items) // 2
            return together(items[:half]) + together(items[half:])

        @functools.wraps(fn)
        def wrapper(self, envelope):
            if isinstance(envelope, (str, bytes)):
                try:
                    envelope = json.loads(envelope)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise Unusable(f"the body is not JSON: {exc}")
            event_id = check_envelope(envelope)["event_id"]  # Unusable: dead-lettered with the reason
            current_request_id.set(event_id)
            ctx = system_context(actor=f"event:{consumer}", district=envelope.get("district"))
            group = _event_group(self.db, consumer, together, batch_key)
            result = group.submit((self, ctx, envelope))
            if result is not DUPLICATE:
                metrics.INBOX_PROCESSED.labels(self.db.service, consumer).inc()
            return result

        return wrapper

    return decorate


_EVENT_GROUPS: dict = {}
#: made under a lock: starting a group's writer threads yields, and the other deliveries arriving
#: meanwhile would each make a group of their own (batches of one)
_EVENT_GROUPS_MADE = threading.Lock()


def _event_group(database: Database, consumer: str, together, batch_key) -> GroupCommit:
    """The consumer's group commit in this process (one per database and consumer), made on first use."""
    group = _EVENT_GROUPS.get((id(database), consumer))
    if group is not None:
        return group
    with _EVENT_GROUPS_MADE:
        group = _EVENT_GROUPS.get((id(database), consumer))
        if group is not None:
            return group
        settings = get_settings()
        key = (lambda item: batch_key(item[2])) if batch_key is not None else None
        group = _EVENT_GROUPS[(id(database), consumer)] = GroupCommit(
            f"event:{consumer}", together, max_batch=int(settings.messaging["event_batch"]),
            writers=int(settings.messaging["event_writers"]), conflict_key=key,
            linger=float(settings.messaging["event_batch_linger_seconds"]),
            on_writer_exit=database.release_held_connection)
    return group


def add_use_case_rpcs(service_cls: type, api) -> type:
    """Give a nameko service one RPC method per use case of ``api`` (the service's ``UseCases``),
    named after its gRPC method in snake case (``GetStatement`` → ``get_statement``), taking the
    caller from the ``authorization`` context data. Reads, writes and idempotent writes run as
    over gRPC (``UseCases.call``); a group commit's write runs alone here.

    Bytes travel over JSON as base64 (a ``content`` parameter in, a ``content`` field out).
    """
    import base64

    from nameko.rpc import rpc

    from services.common.usecase import rpc_name

    def method(name: str, fn):
        def call(self, **params):
            if isinstance(params.get("content"), str):
                params["content"] = base64.b64decode(params["content"])
            result = api.call(self.db, self.caller(), name, params)
            if isinstance(result, dict) and isinstance(result.get("content"), bytes):
                result = {**result, "content": base64.b64encode(result["content"]).decode("ascii")}
            return result

        call.__name__, call.__doc__ = rpc_name(name), fn.__doc__
        return rpc(expected_exceptions=DomainError)(call)

    for name, fn in api.table.items():
        setattr(service_cls, rpc_name(name), method(name, fn))
    return service_cls


class WorkerPlumbing:
    """What every service's worker carries besides its own ``db = DatabaseProvider(metadata)``:
    the caller, worker metrics, the health endpoint, the outbox relay and the dead-letter monitor."""

    caller = Caller()
    metrics = WorkerMetrics()
    health = Health("db")
    outbox = OutboxRelayRunner("db")
    dead_letters = DeadLetterMonitor()

    def system_task(self, task: str, fn, done: str | None = None):
        """A timer's work on the platform's own behalf (actor ``<service>:<task>``): ``fn(uow)`` in one
        transaction, committed; logs ``done`` with the count ``fn`` returns when it changed anything."""
        def once():
            with self.db.uow(system_context(f"{self.name}:{task}")) as uow:
                count = fn(uow)
                uow.commit()
            return count

        count = retrying(self.db.service, task, once)  # a lock or deadlock met is waited out, not an error
        if count and done:
            log.info(done, extra={"count": count})
        return count

    def system_read(self, task: str, fn):
        """``fn(uow)`` in a read-only unit of work on the platform's own behalf (the gauges' figures)."""
        with self.db.uow(system_context(f"{self.name}:{task}"), write=False) as uow:
            return fn(uow)
