"""The centers entrypoints: the gRPC server in process (a booking from a phone's point of view, status
codes with "<field>: <reason>" details), and the nameko worker (RPC methods named after the use cases,
the pending-bookings gauge)."""
from __future__ import annotations

import grpc
import pytest
from cityplat.centers.v1 import centers_pb2 as pb
from cityplat.centers.v1 import centers_pb2_grpc as pb_grpc
from nameko.testing.services import worker_factory
from prometheus_client import REGISTRY

from services.centers import models as m
from services.centers.app import USE_CASES
from services.centers.grpc_server import build_server
from services.centers.worker import CentersService
from services.common.auth import mint_token
from services.common.config import build_settings
from services.common.errors import FailedPrecondition, NotFound
from services.common.usecase import rpc_name
from tests.conftest import DISTRICT_A
from tests.service.centers.conftest import COMM_A, COMM_A2, WEEKDAYS, admin, worker


def bearer(actor, *roles, **kw):
    return (("authorization", "Bearer " + mint_token(actor, roles, DISTRICT_A, **kw)),)


WORKER = bearer("cw", "community_worker", subdistrict=COMM_A[:9], community=COMM_A)
NEIGHBOUR = bearer("cw2", "community_worker", subdistrict=COMM_A2[:9], community=COMM_A2)


@pytest.fixture
def stub(tmp_path, fixed_clock):
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'c.db'}"
    engine = create_engine(url)
    m.Base.metadata.create_all(engine)
    engine.dispose()
    settings = build_settings({"CITYPLAT_SERVICES__CENTERS__DATABASE_URL": url})
    server = build_server(settings, port=0, http_port=None).start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=10)
            yield pb_grpc.CentersStub(channel)
    finally:
        server.stop(grace=0)


def test_over_grpc_a_centre_a_space_and_a_booking_then_a_clash_refused_naming_the_field(stub):
    centre = stub.CreateCentre(pb.CreateCentreRequest(community=COMM_A, name="幸福社区邻里中心", idempotency_key="c1"),
                               metadata=WORKER)
    assert centre.monthly_quota_hours == 20
    space = stub.AddSpace(pb.AddSpaceRequest(
        centre_id=centre.id, name="党员活动室", kind="party_activity_room", capacity=20, idempotency_key="s1",
        hours=[pb.OpeningHours(**h) for h in WEEKDAYS]), metadata=WORKER)
    assert [h.weekday for h in space.hours] == [1, 2, 3, 4, 5]
    request = pb.BookSpaceRequest(space_id=space.id, starts_at="2026-06-02T09:00:00+08:00",
                                  ends_at="2026-06-02T10:00:00+08:00", purpose="主题党日", attendees=12,
                                  organisation_id="b1", idempotency_key="b1")
    booked = stub.BookSpace(request, metadata=WORKER)
    assert (booked.status, booked.starts_at) == ("confirmed", "2026-06-02T09:00:00+08:00")
    assert stub.BookSpace(request, metadata=WORKER).id == booked.id          # a retry: the first answer
    clash = pb.BookSpaceRequest(space_id=space.id, starts_at="2026-06-02T09:30:00+08:00",
                                ends_at="2026-06-02T10:30:00+08:00", purpose="党课", attendees=5,
                                organisation_id="b2", idempotency_key="b2")
    with pytest.raises(grpc.RpcError) as err:
        stub.BookSpace(clash, metadata=WORKER)
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert err.value.details().startswith(f"starts_at: overlaps booking {booked.id} 09:00-10:00")
    with pytest.raises(grpc.RpcError) as err:
        stub.GetSpace(pb.SpaceRef(id=space.id), metadata=NEIGHBOUR)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    bad = pb.AddSpaceRequest(centre_id=centre.id, name="x", kind="reading_room", capacity=5, idempotency_key="s2",
                             hours=[pb.OpeningHours(weekday=1, opens="9am", closes="17:00")])
    with pytest.raises(grpc.RpcError) as err:
        stub.AddSpace(bad, metadata=WORKER)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert err.value.details() == "hours[0].opens: must be a time of day HH:MM"
    free = stub.GetAvailability(pb.GetAvailabilityRequest(space_id=space.id, from_date="2026-06-02",
                                                          to_date="2026-06-02"), metadata=WORKER)
    assert [(s.starts_at[11:16], s.ends_at[11:16]) for s in free.slots] == [("10:00", "17:30")]


def service_as(db, ctx):
    return worker_factory(CentersService, db=db, caller=lambda: ctx)


def test_every_use_case_is_an_rpc_method_named_after_its_grpc_method():
    for name, fn in USE_CASES.items():
        assert getattr(CentersService, rpc_name(name)).__doc__ == fn.__doc__


def test_the_worker_books_over_rpc_and_counts_what_awaits_approval(cdb, centre):
    service = service_as(cdb, worker())
    asked = service.book_space(space_id=centre["hall"]["id"], starts_at="2026-06-02T09:00:00+08:00",
                               ends_at="2026-06-02T11:00:00+08:00", purpose="党课", attendees=40,
                               organisation_id="b1", idempotency_key="rpc-book-1")
    assert asked["status"] == "requested"
    service.update_gauges()
    assert REGISTRY.get_sample_value("cityplat_centers_bookings_pending", {"district": DISTRICT_A}) == 1
    service.decide_booking(booking_id=asked["id"], approve=True, idempotency_key="rpc-decide-1")
    service.update_gauges()
    assert REGISTRY.get_sample_value("cityplat_centers_bookings_pending", {"district": DISTRICT_A}) == 0
    with pytest.raises(FailedPrecondition):
        service.book_space(space_id=centre["hall"]["id"], starts_at="2026-06-02T10:00:00+08:00",
                           ends_at="2026-06-02T11:00:00+08:00", purpose="x", attendees=1, organisation_id="b2",
                           idempotency_key="rpc-book-2")
    with pytest.raises(NotFound):
        service_as(cdb, admin("310104")).get_booking(id=asked["id"])
    assert [b["id"] for b in service.list_bookings()["items"]] == [asked["id"]]
