"""gRPC entrypoint of the registry (port 50051): decode, build the caller, run the use case, encode.

This process never imports eventlet (grpcio does not work under its monkey patching).
"""
from __future__ import annotations

from cityplat.registry.v1 import registry_pb2 as pb
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.db import Database
from services.common.grpc_support import GrpcServer, caller
from services.common.proto_dict import to_message, to_params
from services.common.usecase import run
from services.registry import models
from services.registry.app import READS, USE_CASES, records

SERVICE = pb.DESCRIPTOR.services_by_name["Registry"]
EXPORT_CHUNK = 256 * 1024


def _method(name: str):
    fn = USE_CASES[name]
    response_type = getattr(pb, SERVICE.methods_by_name[name].output_type.name)
    write = name not in READS

    def handler(self, request, context):
        result = run(self.db, caller(context), fn, to_params(request), write)
        return to_message(result, response_type)

    handler.__name__ = name
    handler.__doc__ = fn.__doc__
    return handler


class RegistryServicer(pb_grpc.RegistryServicer):
    def __init__(self, db: Database):
        self.db = db

    def ExportRecords(self, request, context):
        data = run(self.db, caller(context), records.export_records, to_params(request), write=False)
        for start in range(0, max(len(data), 1), EXPORT_CHUNK):
            yield pb.ExportChunk(data=data[start:start + EXPORT_CHUNK])


for _name in USE_CASES:
    setattr(RegistryServicer, _name, _method(_name))


_CONFIGURED = object()


def build_server(settings: Settings, port: int | None = None, http_port=_CONFIGURED) -> GrpcServer:
    """The registry's gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    svc = settings.service("registry")
    db = Database("registry", settings.database_url("registry"), models.Base.metadata)

    def ready():
        try:
            db.ping()
            return True, "ok"
        except Exception as exc:  # noqa: BLE001 - the probe reports, it does not crash
            return False, f"database: {exc}"

    return GrpcServer("registry", SERVICE.full_name,
                      lambda server: pb_grpc.add_RegistryServicer_to_server(RegistryServicer(db), server),
                      port=svc.grpc_port if port is None else port,
                      http_port=svc.grpc_http_port if http_port is _CONFIGURED else http_port,
                      readiness=ready,
                      reuse_port=bool(settings.raw.get("grpc_reuse_port")))
