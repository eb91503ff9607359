"""gRPC entrypoint of the registry (port 50051): every method runs its use case (services.registry.app).

This process never imports eventlet (grpcio does not work under its monkey patching).
"""
from __future__ import annotations

from cityplat.registry.v1 import registry_pb2 as pb
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.grpc_support import GrpcServer, build_service_server, caller, use_case_servicer
from services.common.proto_dict import to_params
from services.common.usecase import run
from services.registry import models
from services.registry.app import API, records

SERVICE = pb.DESCRIPTOR.services_by_name["Registry"]
EXPORT_CHUNK = 256 * 1024


class RegistryServicer(use_case_servicer(pb_grpc.RegistryServicer, pb, "Registry", API)):
    def ExportRecords(self, request, context):
        """The records of a kind, in the import format, streamed in chunks."""
        data = run(self.db, caller(context), records.export_records, to_params(request), write=False)
        for start in range(0, max(len(data), 1), EXPORT_CHUNK):
            yield pb.ExportChunk(data=data[start:start + EXPORT_CHUNK])


def build_server(settings: Settings, port: int | None = None, **kw) -> GrpcServer:
    """The registry's gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    return build_service_server("registry", settings, SERVICE, lambda server, db: pb_grpc.add_RegistryServicer_to_server(
        RegistryServicer(db), server), models.Base.metadata, port, **kw)
