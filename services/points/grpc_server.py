"""gRPC entrypoint of the points service (port 50052): decode, build the caller, run the use case, encode.

Writes run through ``run_idempotent``: the request's idempotency key guards against retries.
This process never imports eventlet.
"""
from __future__ import annotations

from cityplat.points.v1 import points_pb2 as pb
from cityplat.points.v1 import points_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.db import Database
from services.common.grpc_support import GrpcServer, caller
from services.common.proto_dict import to_message, to_params
from services.common.usecase import run, run_idempotent
from services.points import models
from services.points.app import READS, USE_CASES

SERVICE = pb.DESCRIPTOR.services_by_name["Points"]
_CONFIGURED = object()


def _method(name: str):
    fn = USE_CASES[name]
    response_type = getattr(pb, SERVICE.methods_by_name[name].output_type.name)

    if name in READS:
        def handler(self, request, context):
            return to_message(run(self.db, caller(context), fn, to_params(request), write=False), response_type)
    else:
        def handler(self, request, context):
            result = run_idempotent(self.db, caller(context), fn, to_params(request), operation=name)
            return to_message(result, response_type)

    handler.__name__ = name
    handler.__doc__ = fn.__doc__
    return handler


class PointsServicer(pb_grpc.PointsServicer):
    def __init__(self, db: Database):
        self.db = db


for _name in USE_CASES:
    setattr(PointsServicer, _name, _method(_name))


def build_server(settings: Settings, port: int | None = None, http_port=_CONFIGURED,
                 max_workers: int = 16) -> GrpcServer:
    """The points gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    svc = settings.service("points")
    db = Database("points", settings.database_url("points"), models.Base.metadata)

    def ready():
        try:
            db.ping()
            return True, "ok"
        except Exception as exc:  # noqa: BLE001 - the probe reports, it does not crash
            return False, f"database: {exc}"

    return GrpcServer("points", SERVICE.full_name,
                      lambda server: pb_grpc.add_PointsServicer_to_server(PointsServicer(db), server),
                      port=svc.grpc_port if port is None else port,
                      http_port=svc.grpc_http_port if http_port is _CONFIGURED else http_port,
                      readiness=ready,
                      reuse_port=bool(settings.raw.get("grpc_reuse_port")), max_workers=max_workers)
