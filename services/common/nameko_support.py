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

from kombu import Connection, Exchange, Queue
from nameko.events import EventHandler
from nameko.extensions import DependencyProvider, ProviderCollector, SharedExtension

from services.common import metrics
from services.common.auth import context_from_token
from services.common.config import get_settings
from services.common.context import current_request_id, system_context
from services.common.db import Database
from services.common.errors import DomainError
from services.common.inbox import claim
from services.common.outbox import OutboxRelay

log = logging.getLogger(__name__)


class DatabaseProvider(DependencyProvider):
    """Injects the service's ``Database`` (engine shared by all workers of the process)."""

    def __init__(self, metadata):
        self.metadata = metadata
        self.database: Database | None = None

    def setup(self):
        name = self.container.service_name
        self.database = Database(name, get_settings().service(name).database_url, self.metadata)

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

        class _Lazy:
            def __call__(self):
                return context_from_token(data.get("authorization"), data.get("request_id"))

        return _Lazy()


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
            if not isinstance(exc_info[1], DomainError):
                metrics.HANDLER_ERRORS.labels(service, name).inc()
        metrics.WORKER_REQUESTS.labels(service, name, status).inc()
        metrics.WORKER_LATENCY.labels(service, name).observe(elapsed)


class HealthServer(SharedExtension, ProviderCollector):
    """HTTP /metrics, /healthz and /readyz for the worker process."""

    def __init__(self):
        super().__init__()
        self.server = None

    def start(self):
        name = self.container.service_name
        port = get_settings().service(name).worker_http_port
        self.server = metrics.serve_http(port, readiness=self._ready)
        metrics.PROCESS_UP.labels(name, "worker").set(1)

    def _ready(self):
        for provider in self._providers:
            db = getattr(provider, "database", None)
            if db is not None:
                try:
                    db.ping()
                except Exception as exc:  # noqa: BLE001 - report, don't crash the probe
                    return False, f"database: {exc}"
        return True, "ok"

    def stop(self):
        metrics.PROCESS_UP.labels(self.container.service_name, "worker").set(0)
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class Health(DependencyProvider):
    """Declaring ``health = Health(db)`` on a service starts its HTTP health server."""

    server = HealthServer()

    def __init__(self, db_provider: DatabaseProvider | None = None):
        self.db_provider = db_provider

    def setup(self):
        self.server.register_provider(self)

    def stop(self):
        self.server.unregister_provider(self)

    @property
    def database(self):
        return self.db_provider.database if self.db_provider else None


class OutboxRelayRunner(DependencyProvider):
    """Runs the outbox relay in the worker process, stopping it cleanly on shutdown."""

    def __init__(self, db_provider: DatabaseProvider):
        self.db_provider = db_provider
        self.relay: OutboxRelay | None = None

    def start(self):
        settings = get_settings()
        self.relay = OutboxRelay(self.db_provider.database, settings.broker_url,
                                 batch_size=int(settings.outbox.get("batch_size", 200)),
                                 poll_interval=float(settings.outbox.get("poll_interval_seconds", 0.2)),
                                 publish_timeout=float(settings.outbox.get("publish_timeout_seconds", 5)))
        self.container.spawn_managed_thread(self.relay.run, identifier="outbox-relay")

    def stop(self):
        if self.relay is not None:
            self.relay.stop()

    def kill(self):
        self.stop()

    def get_dependency(self, worker_ctx):
        return self.relay


class ReliableEventHandler(EventHandler):
    """An event handler whose queue dead-letters after a retry budget.

    nameko acks a message after the worker even when it raised, which would lose it. Here the
    work queue is a quorum queue with ``x-delivery-limit``: a failure requeues it, and once the
    budget is spent RabbitMQ moves it to ``<queue>.dlq`` via the dead-letter exchange.
    """

    def __init__(self, source_service, event_type, **kwargs):
        kwargs.setdefault("requeue_on_error", True)
        super().__init__(source_service, event_type, **kwargs)

    def setup(self):
        super().setup()
        settings = get_settings()
        dlx_name = settings.messaging.get("dead_letter_exchange", "cityplat.dlx")
        budget = int(settings.messaging.get("retry_budget", 5))
        name = self.queue.name
        dlx = Exchange(dlx_name, type="direct", durable=True)
        self.dead_letter_queue = Queue(f"{name}.dlq", exchange=dlx, routing_key=name, durable=True)
        self.queue = Queue(name, exchange=self.queue.exchange, routing_key=self.event_type, durable=True,
                           queue_arguments={"x-queue-type": "quorum", "x-delivery-limit": budget,
                                            "x-dead-letter-exchange": dlx_name,
                                            "x-dead-letter-routing-key": name})
        with Connection(self.container.config["AMQP_URI"]) as conn:
            self.dead_letter_queue.declare(channel=conn.default_channel)


reliable_event_handler = ReliableEventHandler.decorator


def idempotent(consumer: str):
    """Decorate an event handler method ``(self, uow, envelope)``: runs once per event id.

    The service must have ``db = DatabaseProvider(...)``. The inbox claim and the effect commit
    together; a duplicate delivery is acknowledged and skipped.
    """

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(self, envelope):
            if isinstance(envelope, (str, bytes)):
                envelope = json.loads(envelope)
            event_id = envelope.get("event_id")
            if not event_id:
                log.error("event without event_id dropped", extra={"consumer": consumer})
                return None
            current_request_id.set(event_id)
            ctx = system_context(actor=f"event:{consumer}", district=envelope.get("district"))
            with self.db.uow(ctx) as uow:
                if not claim(uow, consumer, event_id):
                    return None
                result = fn(self, uow, envelope)
                uow.commit()
            metrics.INBOX_PROCESSED.labels(self.db.service, consumer).inc()
            return result

        return wrapper

    return decorate
