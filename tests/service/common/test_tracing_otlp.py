"""Spans leave over OTLP/HTTP once an endpoint is configured (tracing.otlp_endpoint), named for the service,
its process and its track; without one, tracing stays off."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from services.common import tracing
from services.common.config import build_settings


def test_without_an_endpoint_tracing_stays_off():
    assert tracing.configure("points", "grpc", build_settings({})) is False
    assert not tracing.enabled() and tracing.current_traceparent() is None


def test_spans_go_out_over_otlp_to_the_configured_endpoint():
    received: list[tuple[str, bytes]] = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((self.path, self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = build_settings({"CITYPLAT_TRACING__OTLP_ENDPOINT": f"http://127.0.0.1:{server.server_port}",
                                   "CITYPLAT_TRACK": "canary"})
        assert tracing.configure("points", "grpc", settings) is True
        with tracing.span("cityplat.points.v1.Points/Earn", tracing.SERVER):
            assert tracing.current_traceparent().startswith("00-")
        tracing.shutdown()  # flushes the batch
    finally:
        tracing.disable()
        server.shutdown()
        server.server_close()
    assert received and received[0][0] == "/v1/traces"
    export = ExportTraceServiceRequest.FromString(received[0][1])
    resource = {a.key: a.value.string_value for a in export.resource_spans[0].resource.attributes}
    assert resource["service.name"] == "cityplat-points" and resource["cityplat.track"] == "canary"
    assert [s.name for s in export.resource_spans[0].scope_spans[0].spans] == ["cityplat.points.v1.Points/Earn"]
