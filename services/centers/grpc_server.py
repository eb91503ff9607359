"""gRPC entrypoint of the centers service (port 50055): every method runs its use case
(services.centers.app). This process never imports eventlet.
"""
from __future__ import annotations

from cityplat.centers.v1 import centers_pb2 as pb
from cityplat.centers.v1 import centers_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.grpc_support import GrpcServer, build_service_server, use_case_servicer
from services.centers import models
from services.centers.app import API
from services.centers.app import feeds

SERVICE = pb.DESCRIPTOR.services_by_name["Centers"]
CentersServicer = use_case_servicer(pb_grpc.CentersServicer, pb, "Centers", API)


def build_server(settings: Settings, port: int | None = None, **kw) -> GrpcServer:
    """The centers gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint. The
    HTTP port also serves the iCalendar feeds, ``/feeds/<token>.ics`` (services/centers/app/feeds.py)."""
    return build_service_server("centers", settings, SERVICE,
                                lambda server, db: pb_grpc.add_CentersServicer_to_server(CentersServicer(db), server),
                                models.Base.metadata, port, http_routes=lambda db: {"/feeds/": feeds.feed_app(db)},
                                **kw)
