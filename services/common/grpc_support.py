"""gRPC server plumbing shared by every service.

``GrpcServer`` is a grpcio (asyncio) server with: the error model mapped to status codes, metrics per
method and code, the request id from ``x-request-id`` metadata in the logs, the standard health
service (``grpc.health.v1.Health``) and server reflection, an HTTP /metrics endpoint, and a
graceful shutdown on SIGTERM (NOT_SERVING first, then finish in-flight calls).
"""
from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import inspect
import logging
import signal
import threading
import time
import uuid
from concurrent import futures
from typing import Any

import grpc
from grpc_health.v1.health import aio as health_aio
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from services.common import logs, metrics, proto_rules, tracing
from services.common.auth import context_from_token
from services.common.context import RequestContext, current_request_id
from services.common import errors
from services.common.config import get_settings
from services.common.errors import DomainError

log = logging.getLogger(__name__)

#: the status code of each error class (a subclass takes its base's, e.g. ValidationFailed)
STATUS_CODES = {
    errors.InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    errors.NotFound: grpc.StatusCode.NOT_FOUND,
    errors.AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    errors.FailedPrecondition: grpc.StatusCode.FAILED_PRECONDITION,
    errors.PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    errors.Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    errors.StorageBusy: grpc.StatusCode.UNAVAILABLE,  # nothing changed: the same call may be made again
}
#: a client turns a status code back into the error class
BY_GRPC_CODE = {code: cls for cls, code in STATUS_CODES.items()}


def status_code(exc: DomainError) -> grpc.StatusCode:
    for cls in type(exc).__mro__:
        if cls in STATUS_CODES:
            return STATUS_CODES[cls]
    return grpc.StatusCode.UNKNOWN


_UNAUTHENTICATED_METHODS = ("/grpc.health.v1.Health/", "/grpc.reflection.")


def metadata_dict(context: grpc.ServicerContext) -> dict[str, str]:
    return {k: v for k, v in (context.invocation_metadata() or ())}


def caller(context: grpc.ServicerContext) -> RequestContext:
    """The request context from ``authorization: Bearer <jwt>`` metadata; Unauthenticated if bad."""
    md = metadata_dict(context)
    return context_from_token(md.get("authorization"), md.get("x-request-id"))


class _AbortRecorder:
    """A blocking method's context remembers the code it aborted with: grpc's asyncio server gives
    those methods a context that cannot tell it afterwards, and the call is counted by its code."""

    def __init__(self, context):
        self._context = context
        self.aborted = None

    def abort(self, code, details):
        self.aborted = code
        self._context.abort(code, details)

    def __getattr__(self, name):
        return getattr(self._context, name)


class _Observer:
    """Error model, metrics and request id around every application method, sync or async.

    Each method handler is wrapped once, when the service registers it (``_Registering``), rather
    than by a server interceptor on every call: grpc's asyncio server runs an interceptor as a chain
    of coroutines per call, and the wrapping was rebuilt each time."""

    def __init__(self, service: str):
        self.service = service
        self._counted: dict[tuple[str, str], Any] = {}  # (method, code) → its counter
        self._timed: dict[str, Any] = {}  # method → its histogram

    def wrap(self, path: str, handler):
        """``handler`` (a method handler of ``path``, /package.Service/Method) observed."""
        if handler is None or path.startswith(_UNAUTHENTICATED_METHODS):
            return handler
        method = path.rsplit("/", 1)[-1]
        if handler.unary_unary and inspect.iscoroutinefunction(handler.unary_unary):
            behaviour = handler.unary_unary

            async def unary_async(request, context):
                request_id = _request_id(context)
                token, started, code = self._begin(request_id, context, path)
                try:
                    # the constraints the .proto files declare, checked once here for every method
                    proto_rules.check(request, authenticate=lambda: caller(context))
                    return await behaviour(request, context)
                except Exception as exc:  # noqa: BLE001 - mapped to a status, or re-raised
                    code, message = self._failure(method, request_id, exc, context)
                    if message is None:
                        raise
                    await context.abort(code, message)
                finally:
                    self._end(method, code, started, token, context)

            return grpc.unary_unary_rpc_method_handler(
                unary_async, handler.request_deserializer, handler.response_serializer)
        if handler.unary_unary:  # a blocking method: it runs on the server's thread pool
            behaviour = handler.unary_unary

            def unary(request, context):
                context = _AbortRecorder(context)
                with self._observed(method, request, context, path):
                    return behaviour(request, context)

            return grpc.unary_unary_rpc_method_handler(
                unary, handler.request_deserializer, handler.response_serializer)
        if handler.unary_stream:
            behaviour = handler.unary_stream

            def stream(request, context):
                context = _AbortRecorder(context)
                with self._observed(method, request, context, path):
                    yield from behaviour(request, context)

            return grpc.unary_stream_rpc_method_handler(
                stream, handler.request_deserializer, handler.response_serializer)
        return handler

    @contextlib.contextmanager
    def _observed(self, method: str, request, context, path: str):
        """Around a blocking method's work: its request id, the declared constraints, the error mapped
        to a status, its count and latency (the event loop's methods do the same, awaiting the abort)."""
        request_id = _request_id(context)
        token, started, code = self._begin(request_id, context, path)
        try:
            # the constraints the .proto files declare, checked once here for every method
            proto_rules.check(request, authenticate=lambda: caller(context))
            yield
        except Exception as exc:  # noqa: BLE001 - mapped to a status, or re-raised
            code, message = self._failure(method, request_id, exc, context)
            if message is None:
                raise
            context.abort(code, message)
        finally:
            self._end(method, code, started, token, context)

    @staticmethod
    def _begin(request_id: str, context, path: str):
        context.set_trailing_metadata((("x-request-id", request_id),))
        token = current_request_id.set(request_id)
        if tracing.enabled():  # a SERVER span, child of the caller's traceparent: current while the method runs
            parent = next((value for key, value in context.invocation_metadata() or () if key == "traceparent"), None)
            token = (token, *tracing.begin(path.lstrip("/"), tracing.SERVER, parent,
                                           {"rpc.system": "grpc", "rpc.method": path.rsplit("/", 1)[-1],
                                            "cityplat.request_id": request_id}))
        return token, time.perf_counter(), grpc.StatusCode.OK

    @staticmethod
    def _failure(method: str, request_id: str, exc: Exception, context):
        """(status code, message to abort with); no message: the servicer aborted on purpose, re-raise."""
        if isinstance(exc, DomainError):
            return status_code(exc), str(exc)
        aborted = getattr(context, "aborted", None) or (context.code() if hasattr(context, "code") else None)
        if isinstance(exc, grpc.aio.AbortError) or aborted not in (None, grpc.StatusCode.OK):
            return aborted or grpc.StatusCode.UNKNOWN, None
        log.exception("unhandled error in %s", method)
        return grpc.StatusCode.INTERNAL, f"internal error (request id {request_id})"

    def _end(self, method: str, code, started: float, token, context) -> None:
        elapsed = time.perf_counter() - started
        counter = self._counted.get((method, code.name))
        if counter is None:  # the labelled children, looked up once
            counter = self._counted[(method, code.name)] = metrics.GRPC_REQUESTS.labels(self.service, method, code.name)
        counter.inc()
        histogram = self._timed.get(method)
        if histogram is None:
            histogram = self._timed[method] = metrics.GRPC_LATENCY.labels(self.service, method)
        histogram.observe(elapsed)
        if logs.ACCESS.isEnabledFor(logging.INFO):
            try:  # the caller's place, from its token (verified tokens are cached): none if it had no good one
                ctx = caller(context)
                district, subdistrict = ctx.district, ctx.subdistrict
            except Exception:  # noqa: BLE001 - an unauthenticated call is logged too
                district = subdistrict = None
            logs.access("grpc", method, code.name, elapsed, district, subdistrict)
        if isinstance(token, tuple):  # traced: the call's span ends with its status
            token, span, span_token = token
            tracing.end(span, span_token, None if code == grpc.StatusCode.OK else code.name,
                        {"rpc.grpc.status_code": code.value[0]})
        current_request_id.reset(token)


def _request_id(context) -> str:
    """The caller's ``x-request-id``, else a new one."""
    for key, value in context.invocation_metadata() or ():
        if key == "x-request-id":
            return value or uuid.uuid4().hex
    return uuid.uuid4().hex


class _ObservedHandlers(grpc.GenericRpcHandler):
    """A generic handler whose method handlers are observed (each wrapped once, then reused)."""

    def __init__(self, inner, observer: _Observer):
        self._inner = inner
        self._observer = observer
        self._wrapped: dict[str, tuple[Any, Any]] = {}  # method path → (its handler, observed)

    def service(self, handler_call_details):
        handler = self._inner.service(handler_call_details)
        if handler is None:
            return None
        path = handler_call_details.method
        known = self._wrapped.get(path)
        if known is None or known[0] is not handler:
            known = self._wrapped[path] = (handler, self._observer.wrap(path, handler))
        return known[1]


class _Registering:
    """The server as a service's ``register`` sees it: every method handler it adds is observed."""

    def __init__(self, server, observer: _Observer):
        self._server = server
        self._observer = observer

    def add_generic_rpc_handlers(self, generic_rpc_handlers) -> None:
        self._server.add_generic_rpc_handlers(
            tuple(_ObservedHandlers(h, self._observer) for h in generic_rpc_handlers))

    def add_registered_method_handlers(self, service_name: str, method_handlers) -> None:
        self._server.add_registered_method_handlers(service_name, {
            name: self._observer.wrap(f"/{service_name}/{name}", handler) for name, handler in method_handlers.items()})

    def __getattr__(self, name):
        return getattr(self._server, name)


def raise_for_status(exc: grpc.RpcError):
    """Client side: turn a gRPC error back into the matching DomainError."""
    cls = BY_GRPC_CODE.get(exc.code())
    if cls is None:
        raise exc
    details = exc.details() or ""
    field, _, message = details.partition(": ")
    raise cls(message, field) if message else cls(details)


def server_options(settings) -> list[tuple[str, int]]:
    """Connection ageing and keepalive (settings ``grpc``): a connection ends after its age, so clients
    reconnect and spread over the pods behind a Service; pings find dead peers."""
    conf = settings.raw.get("grpc") or {}
    ms = lambda key: int(float(conf[key]) * 1000)  # noqa: E731
    return [("grpc.max_connection_age_ms", ms("max_connection_age_seconds")),
            ("grpc.max_connection_age_grace_ms", ms("max_connection_age_grace_seconds")),
            ("grpc.keepalive_time_ms", ms("keepalive_time_seconds")),
            ("grpc.keepalive_timeout_ms", ms("keepalive_timeout_seconds")),
            # clients may ping this often without calls in flight (grpc's default policy refuses it)
            ("grpc.http2.min_ping_interval_without_data_ms", ms("keepalive_time_seconds") // 2),
            ("grpc.keepalive_permit_without_calls", 1)]


class GrpcServer:
    """A running server with its health service; ``stop()`` drains gracefully.

    The server is grpcio's asyncio server, on an event loop of its own thread: methods written
    ``async`` (the group commits, the use cases' reads: see ``use_case_servicer``) run on the loop,
    blocking ones on a pool of ``max_workers`` threads, which is also the loop's default executor.
    ``start``, ``stop`` and ``wait`` are called from ordinary (blocking) code.
    """

    def __init__(self, service: str, full_name: str, register, port: int, http_port: int | None,
                 max_workers: int = 16, readiness=None, host: str | None = None, reuse_port: bool = False,
                 http_routes: dict | None = None):
        self.service = service
        self.full_name = full_name
        self._loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self._loop.run_forever, name=f"{service}-grpc-loop",
                                             daemon=True)
        self._loop_thread.start()
        host = host or get_settings().bind_host  # loopback unless the deployment says otherwise
        try:
            self._on_loop(self._build(register, host, port, max_workers, reuse_port))
        except BaseException:
            self._close_loop()
            raise
        # the HTTP port serves /metrics, /healthz, /readyz and the service's own routes ({prefix: WSGI app})
        self.http = (metrics.serve_http(http_port, readiness=readiness, routes=http_routes)
                     if http_port is not None else None)
        self._readiness = readiness
        self._stopped = threading.Event()

    def _on_loop(self, coroutine, timeout: float | None = 60):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    async def _build(self, register, host: str, port: int, max_workers: int, reuse_port: bool) -> None:
        pool = futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=f"{self.service}-grpc")
        self._loop.set_default_executor(pool)  # async methods hand their blocking work to the same threads
        self.server = grpc.aio.server(
            pool,
            # several processes may share the port (replicas on one host) only on purpose
            options=[("grpc.so_reuseport", 1 if reuse_port else 0), *server_options(get_settings())])
        # a servicer with close() is closed by stop(); what it registers is observed (_Observer)
        self._registered = register(_Registering(self.server, _Observer(self.service)))
        self.health = health_aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        reflection.enable_server_reflection(
            (self.full_name, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME),
            self.server)
        try:
            self.port = self.server.add_insecure_port(f"{host}:{port}")
        except RuntimeError:
            self.port = 0
        if self.port == 0:
            raise OSError(f"grpc_port: cannot bind {host}:{port}")

    def start(self):
        async def start():
            await self.server.start()
            await self._set_health(True)
            if self._readiness is not None:
                self._follower = asyncio.ensure_future(self._follow_readiness())

        self._on_loop(start())
        metrics.PROCESS_UP.labels(self.service, "grpc").set(1)
        log.info("gRPC server listening", extra={"port": self.port, "grpc_service": self.full_name})
        return self

    #: how often gRPC health is brought in line with the readiness probe
    HEALTH_INTERVAL_SECONDS = 2.0

    async def _set_health(self, serving: bool) -> None:
        status = health_pb2.HealthCheckResponse.SERVING if serving else health_pb2.HealthCheckResponse.NOT_SERVING
        for name in ("", self.full_name):
            await self.health.set(name, status)

    async def _follow_readiness(self) -> None:
        """gRPC health says what /readyz says (a database that answers reads while every write waits for a
        lock is not serving), so a client or a load balancer asking gRPC health is told the truth."""
        serving = True
        while True:
            await asyncio.sleep(self.HEALTH_INTERVAL_SECONDS)
            try:  # the probe may block (a database ping): off the event loop
                ready, reason = await asyncio.get_running_loop().run_in_executor(None, self._readiness)
            except Exception as exc:  # noqa: BLE001 - a failing probe means not ready
                ready, reason = False, repr(exc)
            if ready != serving:
                serving = ready
                await self._set_health(ready)
                log.warning("gRPC health changed", extra={"serving": ready, "reason": reason})

    def stop(self, grace: float = 20.0):
        if self._stopped.is_set():
            return
        self._stopped.set()

        async def stop():
            if getattr(self, "_follower", None) is not None:
                self._follower.cancel()
            await self.health.enter_graceful_shutdown()  # load balancers stop sending new calls
            await self.server.stop(grace)

        metrics.PROCESS_UP.labels(self.service, "grpc").set(0)
        try:
            self._on_loop(stop(), timeout=grace + 30)
        finally:
            self._close_loop()
            if callable(getattr(self._registered, "close", None)):
                self._registered.close()
            if self.http is not None:
                self.http.shutdown()
                self.http.server_close()

    def _close_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._loop_thread.join(10)
        self._loop.close()

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


def embedded(db) -> bool:
    """Is the database in this process (SQLite)? Its reads never wait for the network nor, in WAL
    mode, for a writer's lock."""
    return db.engine.dialect.name == "sqlite"


def use_case_servicer(base: type, pb, service_name: str, api) -> type:
    """A servicer class whose every method runs its use case: decode, caller, run, encode.

    ``base`` is the generated ``<Service>Servicer``; ``api`` the service's ``UseCases``
    (services.common.usecase): which methods read, which writes take an idempotency key, which
    share a group commit. Methods a service writes by hand (a stream) can be added on a subclass.

    Where the methods run: writes on the server's thread pool (they may wait for a lock); reads of an
    embedded database (SQLite) on the event loop itself, for handing a call to a thread and back
    (two wake-ups, and the interpreter lock passed back and forth each time sqlite3 lets go of it)
    costs more than such a read; reads of PostgreSQL on the thread pool, which waits for its answers.
    """
    from services.common.batching import GroupCommit
    from services.common.proto_dict import to_message, to_params
    from services.common.usecase import run_idempotent_batch

    descriptor = pb.DESCRIPTOR.services_by_name[service_name]

    def method(name: str):
        reply = getattr(pb, descriptor.methods_by_name[name].output_type.name)
        if name in api.group_commit:
            async def handler(self, request, context):  # on the event loop: it only waits for its batch
                answer = self.group_commits[name].submit_future((caller(context), to_params(request)))
                return to_message(await asyncio.wrap_future(answer), reply)
        elif name in api.reads:
            async def handler(self, request, context):
                ctx, params = caller(context), to_params(request)
                if embedded(self.db):  # on the loop: no thread's handoff, which costs more than the read
                    return to_message(api.call(self.db, ctx, name, params), reply)
                answer = await asyncio.get_running_loop().run_in_executor(  # the server's thread pool
                    None, contextvars.copy_context().run, api.call, self.db, ctx, name, params)
                return to_message(answer, reply)
        else:
            def handler(self, request, context):
                return to_message(api.call(self.db, caller(context), name, to_params(request)), reply)
        handler.__name__, handler.__doc__ = name, api.table[name].__doc__
        return handler

    def __init__(self, db, writers: int = 2, max_batch: int = 32):
        self.db = db
        self.group_commits = {
            name: GroupCommit(name, functools.partial(run_idempotent_batch, db, api.table[name], name),
                              writers=writers, max_batch=max_batch,
                              conflict_key=lambda request, key=key: key(*request),
                              on_writer_exit=db.release_held_connection)
            for name, key in api.group_commit.items()}

    def close(self):
        """Stop the group commits' writers (GrpcServer.stop calls it once no call is in flight)."""
        for group in self.group_commits.values():
            group.close()

    namespace = {"__init__": __init__, "close": close, **{name: method(name) for name in api.table}}
    return type(f"{service_name}Servicer", (base,), namespace)


_CONFIGURED = object()


def build_service_server(service: str, settings, descriptor, register, metadata, port: int | None = None,
                         http_port=_CONFIGURED, http_routes=None) -> GrpcServer:
    """A service's gRPC server on its configured ports (``http_port=None``: no HTTP endpoint).

    ``register(server, db)`` adds the service's servicer for the given database. ``http_routes(db)``,
    if given, returns the service's own WSGI routes on the HTTP port, {path prefix: app}, over the
    same database (the centres' iCalendar feeds: ``{"/feeds/": app}``).
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
                      readiness=ready, reuse_port=bool(settings.raw["grpc_reuse_port"]),
                      http_routes=http_routes(db) if http_routes is not None else None)
