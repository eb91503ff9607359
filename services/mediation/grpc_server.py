"""gRPC entrypoint of the mediation service (port 50054): every method runs its use case
(services.mediation.app). This process never imports eventlet.
"""
from __future__ import annotations

from cityplat.mediation.v1 import mediation_pb2 as pb
from cityplat.mediation.v1 import mediation_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.grpc_support import GrpcServer, build_service_server, use_case_servicer
from services.mediation import models
from services.mediation.app import API

SERVICE = pb.DESCRIPTOR.services_by_name["Mediation"]
MediationServicer = use_case_servicer(pb_grpc.MediationServicer, pb, "Mediation", API)


def build_server(settings: Settings, port: int | None = None, **kw) -> GrpcServer:
    """The mediation gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    return build_service_server("mediation", settings, SERVICE,
                                lambda server, db: pb_grpc.add_MediationServicer_to_server(MediationServicer(db), server),
                                models.Base.metadata, port, **kw)
