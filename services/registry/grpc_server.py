"""gRPC entrypoint of the registry (port 50051): every method runs its use case (services.registry.app).

This process never imports eventlet (grpcio does not work under its monkey patching).
"""
from __future__ import annotations

from cityplat.registry.v1 import registry_pb2 as pb
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc

from services.common.config import Settings
from services.common.grpc_support import GrpcServer, build_service_server, caller, use_case_servicer
from services.common.proto_dict import to_message, to_params
from services.common.reads import LoopReads
from services.common.usecase import run
from services.registry import models
from services.registry.app import API, records

SERVICE = pb.DESCRIPTOR.services_by_name["Registry"]
EXPORT_CHUNK = 256 * 1024

#: the reads whose use cases read through compiled reads only (services.common.reads): on PostgreSQL
#: the event loop runs them and waits for their statements itself (``LoopReads``), with no thread's
#: hand-off and back, which costs more CPU than such a read (SQLite's reads are on the loop anyway)
LOOP_READS = ("GetDivision", "ListChildren", "ListAncestors", "ListSubtree", "GetPerson")

_Base = use_case_servicer(pb_grpc.RegistryServicer, pb, "Registry", API)


def _loop_read(name: str):
    reply = getattr(pb, SERVICE.methods_by_name[name].output_type.name)
    threaded = getattr(_Base, name)

    async def handler(self, request, context):
        reads = self.loop_reads()
        if reads is None:  # SQLite: as every other read
            return await threaded(self, request, context)
        answer = await reads.call(API.call, self.db, caller(context), name, to_params(request))
        return to_message(answer, reply)

    handler.__name__, handler.__doc__ = name, threaded.__doc__
    return handler


class RegistryServicer(_Base):
    _loop_reads: tuple = (None, None)  # (the database, its LoopReads or None)

    def loop_reads(self) -> LoopReads | None:
        """The event loop's reads of ``self.db`` (PostgreSQL), else None."""
        db, reads = self._loop_reads
        if db is not self.db:  # the first call (tests point one servicer at several databases)
            if reads is not None:
                reads.close()
            reads = LoopReads(self.db) if self.db is not None and LoopReads.available(self.db) else None
            self._loop_reads = (self.db, reads)
        return reads

    def close(self):
        try:
            super().close()
        finally:
            reads = self._loop_reads[1]
            if reads is not None:
                reads.close()

    def ExportRecords(self, request, context):
        """The records of a kind, in the import format, streamed in chunks."""
        data = run(self.db, caller(context), records.export_records, to_params(request), write=False)
        for start in range(0, max(len(data), 1), EXPORT_CHUNK):
            yield pb.ExportChunk(data=data[start:start + EXPORT_CHUNK])


for _name in LOOP_READS:
    setattr(RegistryServicer, _name, _loop_read(_name))
del _name


def build_server(settings: Settings, port: int | None = None, **kw) -> GrpcServer:
    """The registry's gRPC server on the configured ports; ``http_port=None`` serves no HTTP endpoint."""
    def register(server, db):
        servicer = RegistryServicer(db)
        pb_grpc.add_RegistryServicer_to_server(servicer, server)
        return servicer  # closed by the server's stop()

    return build_service_server("registry", settings, SERVICE, register, models.Base.metadata, port, **kw)
