"""Prometheus metrics shared by every process.

Label sets are bounded: service, method/entrypoint names, status codes, districts
(a city has tens of districts, never per-person labels).
"""
from __future__ import annotations

import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from socketserver import ThreadingMixIn
from typing import Callable

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

# gRPC server process
GRPC_REQUESTS = Counter(
    "cityplat_grpc_requests_total", "gRPC calls handled, by method and status code",
    ["service", "method", "code"])
GRPC_LATENCY = Histogram(
    "cityplat_grpc_request_seconds", "gRPC call latency", ["service", "method"],
    buckets=LATENCY_BUCKETS)

GROUP_COMMIT_SIZE = Histogram(
    "cityplat_group_commit_size", "Requests committed together in one transaction (group commit), by use case",
    ["use_case"], buckets=(1, 2, 4, 8, 16, 32, 64))
GROUP_COMMIT_ALONE = Counter(
    "cityplat_group_commit_alone_total",
    "Group commits rolled back and run one request at a time, by use case and reason "
    "(a domain error such as an overdrawn balance, key_used, IntegrityError, OperationalError)",
    ["use_case", "reason"])

TRANSACTION_RETRIES = Counter(
    "cityplat_transaction_retries_total",
    "Transactions run again in place after a transient failure (deadlock, serialization failure, SQLite lock), "
    "by where (a use case or an event consumer) and reason", ["service", "where", "reason"])

# nameko worker process
WORKER_REQUESTS = Counter(
    "cityplat_worker_requests_total", "nameko worker runs, by entrypoint and status (ok|error)",
    ["service", "entrypoint", "status"])
WORKER_LATENCY = Histogram(
    "cityplat_worker_request_seconds", "nameko worker run time", ["service", "entrypoint"],
    buckets=LATENCY_BUCKETS)
HANDLER_ERRORS = Counter(
    "cityplat_handler_errors_total", "Unexpected (non-domain) errors raised by handlers",
    ["service", "entrypoint"])

# messaging
OUTBOX_BACKLOG = Gauge(
    "cityplat_outbox_backlog", "Outbox messages committed but not yet published", ["service"])
OUTBOX_OLDEST_AGE = Gauge(
    "cityplat_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox message", ["service"])
OUTBOX_PUBLISHED = Counter(
    "cityplat_outbox_published_total", "Outbox messages published and confirmed by the broker",
    ["service"])
OUTBOX_FAILURES = Counter(
    "cityplat_outbox_publish_failures_total", "Outbox publish attempts that failed (broker down, unroutable)",
    ["service"])
OUTBOX_UNROUTABLE = Counter(
    "cityplat_outbox_unroutable_total",
    "Events the broker returned as unroutable (no queue bound, not even the service's event log), by type",
    ["service", "event_type"])
INBOX_DUPLICATES = Counter(
    "cityplat_inbox_duplicates_total", "Events received again and skipped by the inbox",
    ["service", "consumer"])
INBOX_PROCESSED = Counter(
    "cityplat_inbox_processed_total", "Events consumed and committed", ["service", "consumer"])
DEAD_LETTERED = Counter(
    "cityplat_dead_lettered_total",
    "Messages a consumer sent to its dead-letter queue, by kind (undecodable: not JSON, not UTF-8, a content "
    "type it does not accept; unusable: not an envelope, or a payload breaking the event's contract; failed: "
    "the handler failed on it more often than the retry budget)",
    ["service", "queue", "kind"])
EVENT_BATCH_ALONE = Counter(
    "cityplat_event_batch_alone_total",
    "Batches of events that could not commit together, then halved and tried apart, by why",
    ["service", "consumer", "reason"])
EVENT_RETRIES = Counter(
    "cityplat_event_retries_total",
    "Events whose handler failed and that wait in <queue>.retry to be tried again (services.common.delivery)",
    ["service", "queue"])
DLQ_DEPTH = Gauge(
    "cityplat_dlq_depth", "Messages waiting in a dead-letter queue", ["service", "queue"])

PROCESS_UP = Gauge("cityplat_process_up", "1 while the process serves", ["service", "process"])

ROLLOUT_CHANGES_APPLIED = Counter(
    "cityplat_rollout_changes_applied_total", "rollout.changed broadcasts this process applied to its copy",
    ["service", "process"])
ROLLOUT_LAST_CHANGE = Gauge(
    "cityplat_rollout_last_change_timestamp_seconds", "When this process last applied a rollout change (Unix time)",
    ["service", "process"])


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # scrapes every 15 s would flood the logs
        pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def set_per_district(gauge: Gauge, counts: dict[str, float]) -> None:
    """Set a gauge labelled by district from counts taken in the database; a district with none left
    goes to zero (it is not left showing its last count)."""
    for district, n in counts.items():
        gauge.labels(district).set(n)
    for labels in list(gauge._metrics):
        if labels[0] not in counts:
            gauge.labels(*labels).set(0)


def health_app(readiness: Callable[[], tuple[bool, str]] | None = None, routes: dict[str, Callable] | None = None):
    """A WSGI app serving /metrics, /healthz (liveness) and /readyz (readiness), and a service's own
    ``routes``: {path prefix: WSGI app} (the centres' iCalendar feeds under ``/feeds/``). The three
    probes come first: a route never shadows them."""
    extra = sorted((routes or {}).items(), key=lambda kv: -len(kv[0]))  # the longest prefix wins

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if path not in ("/metrics", "/healthz", "/readyz"):
            for prefix, route in extra:
                if path.startswith(prefix):
                    return route(environ, start_response)
        if path == "/metrics":
            start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
            return [generate_latest()]
        if path == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]
        if path == "/readyz":
            ok, why = readiness() if readiness else (True, "ok")
            start_response("200 OK" if ok else "503 Service Unavailable", [("Content-Type", "text/plain")])
            return [(why + "\n").encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]

    return app


def serve_http(port: int, readiness=None, host: str | None = None, routes: dict[str, Callable] | None = None):
    """Start the metrics/health HTTP server (and the service's ``routes``) on a daemon thread; returns the server.
    ``host``: the settings' ``bind_host`` unless given."""
    if host is None:
        from services.common.config import get_settings

        host = get_settings().bind_host
    server = make_server(host, port, health_app(readiness, routes), server_class=_ThreadingWSGIServer,
                         handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name=f"http-{port}", daemon=True).start()
    return server
