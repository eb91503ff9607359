"""gRPC entrypoint of the mediation service (port 50054): decode, build the caller, run the use case, encode.

This process never imports eventlet.
"""
from __future__ import annotations

from cityplat.mediation.v1 import mediation_pb2 as pb
from cityplat.mediation.v1 import mediation_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.db import Database
from services.common.grpc_support import GrpcServer, caller
from services.common.proto_dict import to_message, to_params
from services.common.usecase import run
from services.mediation import models
from services.mediation.app import READS, USE_CASES

SERVICE = pb.DESCRIPTOR.services_by_name["Mediation"]
_CONFIGURED = object()


def _method(name: str):
    fn = USE_CASES[name]
    response_type = getattr(pb, SERVICE.methods_by_name[name].output_type.name)
    write = name not in READS

    def handler(self, request, context):
        return to_message(run(self.db, caller(context), fn, to_params(request), write), response_type)

    handler.__name__ = name
    handler.__doc__ = fn.__doc__
    return handler


class MediationServicer(pb_grpc.MediationServicer):
    def __init__(self, db: Database):
        self.db = db


for _name in USE_CASES:
    setattr(MediationServicer, _name, _method(_name))


def build_server(settings: Settings, port: int | None = None, http_port=_CONFIGURED) -> GrpcServer:
    """The mediation gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    svc = settings.service("mediation")
    db = Database("mediation", settings.database_url("mediation"), models.Base.metadata)

    def ready():
        try:
            db.ping()
            return True, "ok"
        except Exception as exc:  # noqa: BLE001 - the probe reports, it does not crash
            return False, f"database: {exc}"

    return GrpcServer("mediation", SERVICE.full_name,
                      lambda server: pb_grpc.add_MediationServicer_to_server(MediationServicer(db), server),
                      port=svc.grpc_port if port is None else port,
                      http_port=svc.grpc_http_port if http_port is _CONFIGURED else http_port,
                      readiness=ready, reuse_port=bool(settings.raw.get("grpc_reuse_port")))
