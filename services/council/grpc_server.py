"""gRPC entrypoint of the council service (port 50053): every method runs its use case
(services.council.app). This process never imports eventlet.
"""
from __future__ import annotations

from cityplat.council.v1 import council_pb2 as pb
from cityplat.council.v1 import council_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.grpc_support import GrpcServer, build_service_server, use_case_servicer
from services.council import models
from services.council.app import API

SERVICE = pb.DESCRIPTOR.services_by_name["Council"]
CouncilServicer = use_case_servicer(pb_grpc.CouncilServicer, pb, "Council", API)


def build_server(settings: Settings, port: int | None = None, **kw) -> GrpcServer:
    """The council gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    return build_service_server("council", settings, SERVICE,
                                lambda server, db: pb_grpc.add_CouncilServicer_to_server(CouncilServicer(db), server),
                                models.Base.metadata, port, **kw)
