"""nameko building blocks shared by every worker: database, caller, metrics, reliable events.

Entry points stay thin: a worker method decodes, calls the application layer with
``self.caller`` (the request context) and ``self.db`` (the service's database), and returns
plain data. Expected errors (services.common.errors) travel to RPC callers as themselves.
"""
from __future__ import annotations

import functools
import json
import logging
import time

from kombu import Connection
from nameko.events import get_event_exchange
from nameko.exceptions import deserialize_to_instance
from nameko.extensions import DependencyProvider, Entrypoint
from nameko.messaging import QueueConsumer

from services.common import canary, errors, logs, metrics, tracing
from services.common.canary import Tracks
from services.common.auth import context_from_token
from services.common.config import get_settings
from services.common.context import current_request_id, system_context
from services.common.db import Database, retrying
from services.common.delivery import SETTLEMENT_LOST, dead_letter, declare_work_queue, retry_later, work_queue
from services.common.event_batches import BatchConsumer
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
        if logs.ACCESS.isEnabledFor(logging.INFO):
            district = subdistrict = None
            token = worker_ctx.data.get("authorization")
            if token:
                try:
                    ctx = context_from_token(token, worker_ctx.data.get("request_id"))
                    district, subdistrict = ctx.district, ctx.subdistrict
                except Exception:  # noqa: BLE001 - refused callers are logged too
                    pass
            kind = "rpc" if type(worker_ctx.entrypoint).__name__ == "Rpc" else type(worker_ctx.entrypoint).__name__.lower()
            logs.access(kind, name, status if exc_info is None else type(exc_info[1]).__name__, elapsed,
                        district, subdistrict)


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
                                 event_log=settings.messaging["event_log"], track_of=Tracks().placement)
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


class ReliableEventHandler(Entrypoint):
    """Consumes one event type of one source service, a batch at a time, each event once (its method
    must be ``@idempotent``), retrying a failing event later and dead-lettering it once its budget is spent.

    Its queue ``evt-<source>-<type>--<service>.<method>`` is shared by every replica of the service
    (nameko's service pool). Deliveries are read by a ``BatchConsumer`` (services.common.event_batches),
    not by a nameko worker each: a batch's events are handled in one transaction (``idempotent``) and
    acknowledged with one ack. What a delivery's outcome leads to (services.common.delivery):

    - handled, or a duplicate the inbox skips: acknowledged;
    - not decodable (not JSON, not UTF-8, not ``application/json``) or unusable (the envelope or the
      payload is off): to ``<queue>.dlq`` at once, with the reason in a header; retrying would not help;
    - the handler failed: to ``<queue>.retry``, back after its back-off, the failure counted in the
      message; past the budget, to the dead-letter queue.

    A delivery lost to a dying consumer or a dropped connection is redelivered by the broker and counts
    nothing. The method gets ``self.db`` and nothing else of the service's dependencies.
    """

    def __init__(self, source_service: str, event_type: str, **kwargs):
        self.source_service = source_service
        self.event_type = event_type
        self.consumers: list[BatchConsumer] = []
        super().__init__(**kwargs)

    def setup(self):
        config, settings = self.container.config, get_settings()
        self.batch = getattr(getattr(self.container.service_cls, self.method_name), "batch", None)
        if self.batch is None:
            raise TypeError(f"{self.container.service_name}.{self.method_name}: a reliable event handler must be "
                            "@idempotent (each event applied once, in batches)")
        self.budget = int(config.get("RETRY_BUDGET") or settings.messaging["retry_budget"])
        self.amqp_uri = config["AMQP_URI"]
        # the track this worker runs on takes its track's events only (services.common.canary)
        self.track = settings.track
        name = canary.queue_name(
            f"evt-{self.source_service}-{self.event_type}--{self.container.service_name}.{self.method_name}", self.track)
        self.queue = work_queue(name, get_event_exchange(self.source_service, config),
                                canary.routing_key(self.event_type, self.track))
        declare_work_queue(self.amqp_uri, self.queue)

    def start(self):
        database = _database_of(self.container, "db")
        service = self.container.service_cls()
        service.db = database
        self._service = service
        messaging = get_settings().messaging
        # several consumers per queue (each its own channel, batch and transaction), as replicas would be: while
        # one batch waits on the database, the next one's work goes on
        self.consumers = [BatchConsumer(
            self.amqp_uri, self.queue, self._handle, max_batch=int(messaging["event_batch"]),
            linger=float(messaging["event_batch_linger_seconds"]),
            heartbeat=int(self.container.config.get("HEARTBEAT") or 30),
            on_exit=database.release_held_connection)  # the batches ran on the consumer's held connection
            for _ in range(max(1, int(messaging["event_consumers"])))]
        for n, consumer in enumerate(self.consumers):
            self.container.spawn_managed_thread(consumer.run, identifier=f"events-{self.method_name}-{n}")

    def stop(self):
        for consumer in self.consumers:
            consumer.stopping()
        for consumer in self.consumers:
            consumer.stop()  # the batch in hand is finished and acked first

    def kill(self):
        for consumer in self.consumers:
            consumer.stop(timeout=0)

    @property
    def dead_letter_queue_name(self) -> str:
        return f"{self.queue.name}.dlq"

    def _handle(self, messages: list) -> None:
        """Handle a batch of deliveries; each failure or refusal is republished to where it belongs, and the
        consumer then acks them all. Raises only when the broker is away (then all come back)."""
        service, started = self.container.service_name, time.perf_counter()
        usable = []
        for message in messages:
            try:
                usable.append((message, _envelope_of(message)))
            except _Undecodable as exc:
                self._dead_letter(message, str(exc), "undecodable")
            except Unusable as exc:
                self._dead_letter(message, str(exc), "unusable")
        outcomes = self.batch.run(self._service, [envelope for _, envelope in usable], held=True) if usable else []
        elapsed = time.perf_counter() - started
        logged = logs.ACCESS.isEnabledFor(logging.INFO)
        for (message, envelope), outcome in zip(usable, outcomes):
            status, fate = "ok", "duplicate" if outcome is DUPLICATE else "applied"
            if isinstance(outcome, Unusable):
                self._dead_letter(message, str(outcome), "unusable")
                status, fate = "error", "dead-lettered"
            elif isinstance(outcome, BaseException):
                if not isinstance(outcome, DomainError):
                    metrics.HANDLER_ERRORS.labels(service, self.method_name).inc()
                log.warning("event handler failed", exc_info=outcome, extra={"queue": self.queue.name})
                fate = retry_later(self.amqp_uri, message, self.queue.name, f"{type(outcome).__name__}: {outcome}",
                                   self.budget, service)
                status = "error"
            metrics.WORKER_REQUESTS.labels(service, self.method_name, status).inc()
            metrics.WORKER_LATENCY.labels(service, self.method_name).observe(elapsed)
            if logged:
                logs.access("event", f"{self.source_service}.{self.event_type}", fate, elapsed,
                            envelope.get("district"), envelope.get("subdistrict"), request_id=envelope["event_id"],
                            handler=self.method_name, batch=len(messages))

    def _dead_letter(self, message, reason: str, kind: str) -> None:
        dead_letter(self.amqp_uri, message, self.queue.name, reason, kind, self.container.service_name)
        metrics.WORKER_REQUESTS.labels(self.container.service_name, self.method_name, "error").inc()


reliable_event_handler = ReliableEventHandler.decorator


class _Undecodable(Exception):
    pass


def _envelope_of(message) -> dict:
    """The event envelope a delivery carries; _Undecodable or Unusable saying what is wrong with it."""
    if (message.content_type or "") != "application/json":
        raise _Undecodable(f"undecodable: content type {str(message.content_type)[:80]!r}, not application/json")
    try:
        envelope = json.loads(message.body)
        if isinstance(envelope, str):  # an envelope sent as a JSON string (nameko's dispatcher, given text)
            envelope = json.loads(envelope)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Undecodable(f"undecodable: {type(exc).__name__}: {exc}")
    envelope = check_envelope(envelope)
    traceparent = (message.headers or {}).get("traceparent")
    if isinstance(traceparent, str) and traceparent:  # the relay's publish span: the consumer's is its child
        envelope["traceparent"] = traceparent
    return envelope


#: what an ``idempotent`` handler returns for an event it had already consumed
DUPLICATE = type("Duplicate", (), {"__repr__": lambda self: "DUPLICATE", "__bool__": lambda self: False})()


class EventBatch:
    """How an ``@idempotent`` handler applies a batch of events: ``run(service, envelopes)`` returns one
    outcome per envelope (the handler's result, ``DUPLICATE``, or the exception it met)."""

    def __init__(self, consumer: str, fn, batch_key=None, prepare=None, on_done=None):
        self.consumer, self.fn, self.batch_key, self.prepare, self.on_done = consumer, fn, batch_key, prepare, on_done

    def run(self, service, envelopes: list[dict], held: bool = False) -> list:
        """Events with the same ``batch_key`` go in successive rounds (each its own transaction), in the
        order they came; the rest share one. ``held``: on the calling thread's held connection."""
        rounds: list[list[int]] = []
        seen: dict = {}
        for n, envelope in enumerate(envelopes):
            key = self.batch_key(envelope) if self.batch_key is not None else n
            turn = seen[key] = seen.get(key, -1) + 1
            if turn == len(rounds):
                rounds.append([])
            rounds[turn].append(n)
        outcomes: list = [None] * len(envelopes)
        for members in rounds:
            for n, outcome in zip(members, self._together(service, [envelopes[n] for n in members], held)):
                outcomes[n] = outcome
        for envelope, outcome in zip(envelopes, outcomes):
            if outcome is not DUPLICATE and not isinstance(outcome, BaseException):
                metrics.INBOX_PROCESSED.labels(service.db.service, self.consumer).inc()
                if self.on_done is not None:
                    self.on_done(envelope)
        return outcomes

    def _context(self, envelope: dict):
        return system_context(actor=f"event:{self.consumer}", district=envelope.get("district"))

    def _apply(self, service, uow, envelope: dict):
        current_request_id.set(envelope["event_id"])  # the event's log lines carry its id
        if not tracing.enabled():
            return self.fn(service, uow, envelope)
        # a CONSUMER span, child of the publisher's: what the handler emits carries the trace on
        with tracing.span(f"{envelope.get('source')}.{envelope.get('event_type')} process", tracing.CONSUMER,
                          envelope.get("traceparent"), {"messaging.system": "rabbitmq",
                                                        "messaging.message.id": envelope["event_id"],
                                                        "cityplat.consumer": self.consumer,
                                                        "cityplat.district": envelope.get("district") or ""}):
            return self.fn(service, uow, envelope)

    def _once(self, service, envelope: dict):
        # deferred: the ledger's writes of all the event's beneficiaries lock their rows together,
        # at the commit, in one order shared by every transaction (services.points.app.posting)
        with service.db.uow(self._context(envelope), deferred=True) as uow:
            if not claim(uow, self.consumer, envelope["event_id"]):
                return DUPLICATE
            result = self._apply(service, uow, envelope)
            uow.commit()
        return result

    def _together(self, service, envelopes: list[dict], held: bool) -> list:
        database = service.db
        if len(envelopes) == 1:
            try:  # a deadlock or serialization failure is retried here: redelivered, it would spend the budget
                return [retrying(database.service, self.consumer, lambda: self._once(service, envelopes[0]))]
            except Exception as exc:  # noqa: BLE001 - handed to that event's handler
                return [exc]

        def run():
            # on the consumer's held connection: no pool checkout and no liveness ping per batch
            with database.uow(None, deferred=True, connection=database.held_connection() if held else None) as batch:
                fresh = claim_all(batch, self.consumer, [envelope["event_id"] for envelope in envelopes])
                work = [(batch.for_caller(self._context(envelope)), envelope)
                        for envelope, first in zip(envelopes, fresh) if first]
                if self.prepare is not None and work:
                    self.prepare(work)
                done = iter([self._apply(service, view, envelope) for view, envelope in work])
                results = [next(done) if first else DUPLICATE for first in fresh]
                batch.commit()
            return results

        try:
            return retrying(database.service, self.consumer, run)
        except Exception as exc:  # noqa: BLE001 - whatever it was, the halves try again apart
            metrics.EVENT_BATCH_ALONE.labels(database.service, self.consumer, type(exc).__name__).inc()
        # halved until the failing events are alone: one bad event costs a few commits, not one per event
        half = len(envelopes) // 2
        return self._together(service, envelopes[:half], held) + self._together(service, envelopes[half:], held)


def idempotent(consumer: str, batch_key=None, prepare=None, on_done=None):
    """Decorate an event handler method ``(self, uow, envelope)``: runs once per event id.

    The service must have ``db = DatabaseProvider(...)``. The inbox claim and the effect commit
    together; a duplicate delivery is acknowledged and skipped.

    The events a consumer takes together (up to ``messaging.event_batch``, ReliableEventHandler) share
    one transaction: a busy consumer pays one commit, not one per event, and its batches grow with the
    load. ``batch_key(envelope)`` names what two events must not change in one transaction (the
    accounts they credit); events with the same key run one after the other, in the order they came.
    If anything in a batch fails, it is halved and each half tried apart, down to the failing events
    alone, so each event gets the outcome it would have had without company: only the failing one is
    retried or dead-lettered.

    A batch claims its events in one statement; ``prepare([(uow, envelope), ...])``, if given, then reads
    (or opens) together what the batch's fresh events will need, so that each event's own work
    finds it at hand instead of paying a round trip or two of its own (the points worker opens
    the batch's accounts in one go). ``on_done(envelope)`` runs after each event newly applied and
    committed (the points worker measures its credit latency there).

    Called directly (``service.on_x(envelope)``, a test's worker_factory), the method applies that one
    event alone; the decorated method's ``batch`` is what the consumer runs.
    """

    def decorate(fn):
        batch = EventBatch(consumer, fn, batch_key, prepare, on_done)

        @functools.wraps(fn)
        def wrapper(self, envelope):
            if isinstance(envelope, (str, bytes)):
                try:
                    envelope = json.loads(envelope)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise Unusable(f"the body is not JSON: {exc}")
            outcome = batch.run(self, [check_envelope(envelope)])[0]  # Unusable: dead-lettered with the reason
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome

        wrapper.batch = batch
        return wrapper

    return decorate


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


class RolloutFollower(DependencyProvider):
    """Applies the registry's ``rollout.changed`` broadcasts to the worker's copy of the rollout at once
    (services.common.rollout_broadcast; the gRPC processes run the same listener)."""

    def __init__(self):
        self.listener = None

    def start(self):
        from services.common.rollout_broadcast import listener_for

        self.listener = listener_for(self.container.config["AMQP_URI"], self.container.service_name, "worker")
        self.container.spawn_managed_thread(self.listener.run, identifier="rollout-listener")

    def stop(self):
        if self.listener is not None:
            self.listener.stop()

    kill = stop


class WorkerPlumbing:
    """What every service's worker carries besides its own ``db = DatabaseProvider(metadata)``:
    the caller, worker metrics, the health endpoint, the outbox relay, the dead-letter monitor and the
    rollout listener."""

    rollout = RolloutFollower()
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
