"""Traces across the services with OpenTelemetry: gRPC call → outbox → AMQP → consumer, as one trace.

- a gRPC method runs in a SERVER span, a child of the caller's W3C ``traceparent`` metadata if sent;
- an event emitted meanwhile (``uow.emit``) carries that span's ``traceparent`` in its envelope;
- the outbox relay publishes it in a PRODUCER span, child of the emitting one, and puts its own
  ``traceparent`` in the message's headers;
- the consumer handles it in a CONSUMER span, child of the header's (or the envelope's) parent; what
  it emits in turn carries the trace on.

Off unless configured: ``tracing.otlp_endpoint`` (or OpenTelemetry's own ``OTEL_EXPORTER_OTLP_ENDPOINT``)
sends the spans over OTLP/HTTP; a test calls ``enable(provider)`` with its own (the in-memory
exporter). Disabled, nothing here costs more than a flag's test.
"""
from __future__ import annotations

import contextlib
import os

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_PROPAGATOR = TraceContextTextMapPropagator()
_state = {"enabled": False}

SERVER, PRODUCER, CONSUMER = SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER


def enabled() -> bool:
    return _state["enabled"]


def enable(provider) -> None:
    """Trace with ``provider`` (an SDK TracerProvider) from now on."""
    _state["provider"] = provider
    _state["tracer"] = provider.get_tracer("cityplat")
    _state["enabled"] = True


def disable() -> None:
    _state.update(enabled=False, tracer=None, provider=None)


def configure(service: str, process: str, settings) -> bool:
    """At a process's start: export spans over OTLP/HTTP if an endpoint is configured. Returns whether."""
    endpoint = (settings.raw.get("tracing") or {}).get("otlp_endpoint") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    if not endpoint:
        return False
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    resource = Resource.create({"service.name": f"cityplat-{service}", "service.namespace": "cityplat",
                                "cityplat.process": process, "cityplat.track": settings.track})
    provider = TracerProvider(resource=resource)
    traces = endpoint.rstrip("/") + "/v1/traces" if not endpoint.rstrip("/").endswith("/v1/traces") else endpoint
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=traces)))
    trace.set_tracer_provider(provider)
    enable(provider)
    return True


def shutdown() -> None:
    provider = _state.get("provider")
    if provider is not None and hasattr(provider, "shutdown"):
        provider.shutdown()


def parent_of(traceparent: str | None):
    """The OpenTelemetry context a W3C ``traceparent`` names (None: a new trace)."""
    return _PROPAGATOR.extract({"traceparent": traceparent}) if traceparent else None


def traceparent_of(span=None) -> str | None:
    """The W3C ``traceparent`` of ``span`` (default: the current one), None outside any recorded span."""
    carrier: dict = {}
    ctx = trace.set_span_in_context(span) if span is not None else None
    _PROPAGATOR.inject(carrier, context=ctx)
    return carrier.get("traceparent")


def current_traceparent() -> str | None:
    return traceparent_of() if enabled() else None


def start(name: str, kind, traceparent: str | None = None, attributes: dict | None = None):
    """A span begun (not made current); None while tracing is off."""
    if not enabled():
        return None
    return _state["tracer"].start_span(name, context=parent_of(traceparent), kind=kind, attributes=attributes)


def begin(name: str, kind, traceparent: str | None = None, attributes: dict | None = None):
    """A span begun and made current: returns (span, token) for ``end``; (None, None) while off."""
    span = start(name, kind, traceparent, attributes)
    if span is None:
        return None, None
    return span, otel_context.attach(trace.set_span_in_context(span))


def end(span, token, error: str | None = None, attributes: dict | None = None) -> None:
    if span is None:
        return
    if attributes:
        span.set_attributes(attributes)
    if error:
        span.set_status(Status(StatusCode.ERROR, error))
    span.end()
    if token is not None:
        otel_context.detach(token)


@contextlib.contextmanager
def span(name: str, kind, traceparent: str | None = None, attributes: dict | None = None):
    """``with span(...)``: current for the block; an exception marks it failed."""
    began, token = begin(name, kind, traceparent, attributes)
    try:
        yield began
    except BaseException as exc:
        end(began, token, f"{type(exc).__name__}: {exc}")
        raise
    end(began, token)
