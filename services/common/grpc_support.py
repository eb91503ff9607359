"""gRPC server plumbing shared by every service.

``serve()`` builds a grpcio server with: the error model mapped to status codes, metrics per
method and code, the request id from ``x-request-id`` metadata in the logs, the standard health
service (``grpc.health.v1.Health``) and server reflection, an HTTP /metrics endpoint, and a
graceful shutdown on SIGTERM (NOT_SERVING first, then finish in-flight calls).
"""
from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
import uuid
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from services.common import metrics
from services.common.auth import context_from_token
from services.common.context import RequestContext, current_request_id
from services.common.errors import BY_GRPC_CODE, DomainError

log = logging.getLogger(__name__)

_UNAUTHENTICATED_METHODS = ("/grpc.health.v1.Health/", "/grpc.reflection.")


def metadata_dict(context: grpc.ServicerContext) -> dict[str, str]:
    return {k: v for k, v in (context.invocation_metadata() or ())}


def caller(context: grpc.ServicerContext) -> RequestContext:
    """The request context from ``authorization: Bearer <jwt>`` metadata; Unauthenticated if bad."""
    md = metadata_dict(context)
    return context_from_token(md.get("authorization"), md.get("x-request-id"))


class _Interceptor(grpc.ServerInterceptor):
    """Error model, metrics and request id around every application method."""

    def __init__(self, service: str):
        self.service = service

    def intercept_service(self, continuation, details):
        handler = continuation(details)
        if handler is None or details.method.startswith(_UNAUTHENTICATED_METHODS):
            return handler
        method = details.method.rsplit("/", 1)[-1]
        request_id = dict(details.invocation_metadata or ()).get("x-request-id") or uuid.uuid4().hex
        if handler.unary_unary:
            behaviour = handler.unary_unary

            def unary(request, context):
                with self._observe(method, request_id, context):
                    return behaviour(request, context)

            return grpc.unary_unary_rpc_method_handler(
                unary, handler.request_deserializer, handler.response_serializer)
        if handler.unary_stream:
            behaviour = handler.unary_stream

            def stream(request, context):
                with self._observe(method, request_id, context):
                    yield from behaviour(request, context)

            return grpc.unary_stream_rpc_method_handler(
                stream, handler.request_deserializer, handler.response_serializer)
        return handler

    @contextlib.contextmanager
    def _observe(self, method: str, request_id: str, context):
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        code = grpc.StatusCode.OK
        context.set_trailing_metadata((("x-request-id", request_id),))
        try:
            yield
        except DomainError as exc:
            code = exc.grpc_code
            context.abort(code, str(exc))
        except Exception:
            if context.code() not in (None, grpc.StatusCode.OK):  # the servicer aborted on purpose
                code = context.code()
                raise
            code = grpc.StatusCode.INTERNAL
            log.exception("unhandled error in %s", method)
            context.abort(code, f"internal error (request id {request_id})")
        finally:
            metrics.GRPC_REQUESTS.labels(self.service, method, code.name).inc()
            metrics.GRPC_LATENCY.labels(self.service, method).observe(time.perf_counter() - started)
            current_request_id.reset(token)


def raise_for_status(exc: grpc.RpcError):
    """Client side: turn a gRPC error back into the matching DomainError."""
    cls = BY_GRPC_CODE.get(exc.code())
    if cls is None:
        raise exc
    details = exc.details() or ""
    field, _, message = details.partition(": ")
    raise cls(message, field) if message else cls(details)


class GrpcServer:
    """A running server with its health service; ``stop()`` drains gracefully."""

    def __init__(self, service: str, full_name: str, register, port: int, http_port: int | None,
                 max_workers: int = 16, readiness=None, host: str = "0.0.0.0", reuse_port: bool = False):
        self.service = service
        self.full_name = full_name
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers,
                                                             thread_name_prefix=f"{service}-grpc"),
                                  interceptors=[_Interceptor(service)],
                                  # several processes may share the port (replicas on one host) only on purpose
                                  options=[("grpc.so_reuseport", 1 if reuse_port else 0)])
        register(self.server)
        self.health = health.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        reflection.enable_server_reflection(
            (full_name, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME),
            self.server)
        self.port = self.server.add_insecure_port(f"{host}:{port}")
        if self.port == 0:
            raise OSError(f"grpc_port: cannot bind {host}:{port}")
        self.http = metrics.serve_http(http_port, readiness=readiness) if http_port is not None else None
        self._stopped = threading.Event()

    def start(self):
        self.server.start()
        for name in ("", self.full_name):
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        metrics.PROCESS_UP.labels(self.service, "grpc").set(1)
        log.info("gRPC server listening", extra={"port": self.port, "grpc_service": self.full_name})
        return self

    def stop(self, grace: float = 20.0):
        if self._stopped.is_set():
            return
        self._stopped.set()
        self.health.enter_graceful_shutdown()  # load balancers stop sending new calls
        metrics.PROCESS_UP.labels(self.service, "grpc").set(0)
        self.server.stop(grace).wait()
        if self.http is not None:
            self.http.shutdown()
            self.http.server_close()

    def wait(self):
        """Block until SIGTERM/SIGINT, then stop gracefully."""
        done = threading.Event()

        def _on_signal(signum, _frame):
            log.info("signal %s: shutting down", signum)
            done.set()

        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)
        done.wait()
        self.stop()


def use_case_servicer(base: type, pb, service_name: str, use_cases: dict, reads: set, idempotent_writes: bool,
                      ) -> type:
    """A servicer class whose every method runs its use case: decode, caller, run, encode.

    ``base`` is the generated ``<Service>Servicer``; methods a service writes by hand (a stream)
    can be added on a subclass. With ``idempotent_writes`` every write takes an idempotency key.
    """
    from services.common.proto_dict import to_message, to_params
    from services.common.usecase import run, run_idempotent

    descriptor = pb.DESCRIPTOR.services_by_name[service_name]

    def method(name: str):
        fn = use_cases[name]
        reply = getattr(pb, descriptor.methods_by_name[name].output_type.name)
        if name in reads:
            def handler(self, request, context):
                return to_message(run(self.db, caller(context), fn, to_params(request), write=False), reply)
        elif idempotent_writes:
            def handler(self, request, context):
                return to_message(run_idempotent(self.db, caller(context), fn, to_params(request), name), reply)
        else:
            def handler(self, request, context):
                return to_message(run(self.db, caller(context), fn, to_params(request), write=True), reply)
        handler.__name__, handler.__doc__ = name, fn.__doc__
        return handler

    def __init__(self, db):
        self.db = db

    namespace = {"__init__": __init__, **{name: method(name) for name in use_cases}}
    return type(f"{service_name}Servicer", (base,), namespace)


_CONFIGURED = object()


def build_service_server(service: str, settings, descriptor, register, metadata, port: int | None = None,
                         http_port=_CONFIGURED) -> GrpcServer:
    """A service's gRPC server on its configured ports (``http_port=None``: no HTTP endpoint).

    ``register(server, db)`` adds the service's servicer for the given database.
    """
    from services.common.db import Database

    svc = settings.service(service)
    db = Database(service, settings.database_url(service), metadata)

    def ready():
        try:
            db.ping()
            return True, "ok"
        except Exception as exc:  # noqa: BLE001 - the probe reports, it does not crash
            return False, f"database: {exc}"

    return GrpcServer(service, descriptor.full_name, lambda server: register(server, db),
                      port=svc.grpc_port if port is None else port,
                      http_port=svc.grpc_http_port if http_port is _CONFIGURED else http_port,
                      readiness=ready, reuse_port=bool(settings.raw.get("grpc_reuse_port")))
