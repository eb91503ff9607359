"""gRPC entrypoint of the points service (port 50052): every method runs its use case (services.points.app).

Every write takes an idempotency key (services.common.usecase.run_idempotent); concurrent awards
and redemptions share transactions (group commit, app.API.group_commit). This process never imports
eventlet.
"""
from __future__ import annotations

from cityplat.points.v1 import points_pb2 as pb
from cityplat.points.v1 import points_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.grpc_support import GrpcServer, build_service_server, use_case_servicer
from services.points import models
from services.points.app import API

SERVICE = pb.DESCRIPTOR.services_by_name["Points"]
PointsServicer = use_case_servicer(pb_grpc.PointsServicer, pb, "Points", API)


def build_server(settings: Settings, port: int | None = None, **kw) -> GrpcServer:
    """The points gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    group = settings.raw["group_commit"]

    def register(server, db) -> PointsServicer:
        servicer = PointsServicer(db, writers=int(group["writers"]), max_batch=int(group["max_batch"]))
        pb_grpc.add_PointsServicer_to_server(servicer, server)
        return servicer  # closed with the server: its group commits' writers stop

    return build_service_server("points", settings, SERVICE, register, models.Base.metadata, port, **kw)
