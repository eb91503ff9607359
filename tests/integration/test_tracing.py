"""One resident's check-in as one trace across two services (OpenTelemetry, the in-memory exporter): the
centres' gRPC call, its outbox row, the relay's publish on the real broker, the points consumer's
credit, and the points.awarded the credit emits in turn all share one trace id, each span the child of
the one before, carried as W3C ``traceparent`` in the gRPC metadata, the event's envelope and its
AMQP headers."""
from __future__ import annotations

import uuid

import grpc
import pytest
from kombu import Connection, Queue
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from services.common import tracing
from services.common.context import system_context
from services.common.grpc_support import GrpcServer
from services.common.nameko_support import _envelope_of
from services.common.outbox import OutboxRelay, event_exchange
from services.points.seed import seed_demo
from services.points.worker import PointsService
from tests.conftest import throwaway_sqlite
from tests.fakes import registry_replaced
from tests.service.points.conftest import COMM_A, points_registry

pytestmark = pytest.mark.integration

PROBE = "cityplat.centers.v1.TraceProbe"


@pytest.fixture
def spans():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.enable(provider)
    yield exporter
    tracing.disable()
    provider.shutdown()


def test_a_residents_check_in_is_one_trace_from_the_centres_call_to_the_points_credit(
        spans, tmp_path, points_pg, broker_url):
    from services.centers.models import Base

    resident = f"tr-{uuid.uuid4().hex[:8]}"
    centers_db = throwaway_sqlite("centers", tmp_path / "centers.db", Base.metadata)  # each service its own

    def check_in(request: bytes, context) -> bytes:  # what a centres' use case does: write, emit, commit
        with centers_db.uow(system_context("centers:probe", district="310101")) as uow:
            uow.emit("checkin.recorded", "310101", {"resident_id": resident, "community": COMM_A}, COMM_A[:9])
            uow.commit()
        return b"ok"

    server = GrpcServer("centers", PROBE, lambda s: s.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
        PROBE, {"CheckIn": grpc.unary_unary_rpc_method_handler(check_in)}),)), port=0, http_port=None).start()
    queue = Queue(f"trace-{uuid.uuid4().hex[:8]}", exchange=event_exchange("centers"), routing_key="checkin.recorded",
                  durable=False, auto_delete=False)
    with Connection(broker_url) as conn:
        queue(conn.default_channel).declare()
        try:
            # the app's call, with the app's own trace (W3C traceparent in the metadata)
            app_trace = "00-" + uuid.uuid4().hex + "-" + uuid.uuid4().hex[:16] + "-01"
            with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
                channel.unary_unary(f"/{PROBE}/CheckIn")(b"", metadata=(("traceparent", app_trace),), timeout=10)
            assert OutboxRelay(centers_db, broker_url).drain() >= 1
            message = queue(conn.default_channel).get(no_ack=True)
            assert message is not None and "traceparent" in message.headers
            assert seed_demo(points_pg) is True
            service = PointsService()
            service.db = points_pg
            with registry_replaced(points_registry((resident,))):
                [outcome] = PointsService.on_centre_checkin.batch.run(service, [_envelope_of(message)])
            assert isinstance(outcome, list) and outcome, outcome  # credited
        finally:
            queue(conn.default_channel).delete()
            server.stop(grace=0)

    finished = spans.get_finished_spans()
    by_kind = {kind: [s for s in finished if s.kind == kind] for kind in (SpanKind.SERVER, SpanKind.PRODUCER,
                                                                            SpanKind.CONSUMER)}
    call, = [s for s in by_kind[SpanKind.SERVER] if s.name == f"{PROBE}/CheckIn"]
    publish, = [s for s in by_kind[SpanKind.PRODUCER] if s.attributes["messaging.rabbitmq.destination.routing_key"]
                == "checkin.recorded"]
    credit, = [s for s in by_kind[SpanKind.CONSUMER] if s.name == "centers.checkin.recorded process"]
    trace_id = int(app_trace.split("-")[1], 16)
    assert {call.context.trace_id, publish.context.trace_id, credit.context.trace_id} == {trace_id}  # one trace
    assert call.parent.span_id == int(app_trace.split("-")[2], 16)   # the app's span → the gRPC call
    assert publish.parent.span_id == call.context.span_id            # the call's event → the relay's publish
    assert credit.parent.span_id == publish.context.span_id          # the publish → the points credit
    assert credit.attributes["cityplat.consumer"] == "points.centre_checkin"
    # the credit's own event carries the trace on, to whoever consumes points.awarded
    with points_pg.engine.connect() as conn:
        bodies = [row.body for row in conn.execute(points_pg.outbox.select().where(
            points_pg.outbox.c.event_type == "points.awarded"))]
    assert any(f"{credit.context.trace_id:032x}" in body for body in bodies)
