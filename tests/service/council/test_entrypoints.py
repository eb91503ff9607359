"""The council entrypoints: the gRPC server in process (status codes with "<field>: <reason>" details),
and the nameko worker (RPC methods named after the use cases, the timers and gauges)."""
from __future__ import annotations

import grpc
import pytest
from cityplat.council.v1 import council_pb2 as pb
from cityplat.council.v1 import council_pb2_grpc as pb_grpc
from nameko.testing.services import worker_factory
from prometheus_client import REGISTRY

from services.common.auth import mint_token
from services.common.config import build_settings
from services.common.usecase import rpc_name
from services.council import models as m
from services.council.app import USE_CASES
from services.council.grpc_server import build_server
from services.council.worker import CouncilService
from tests.conftest import DISTRICT_A
from tests.service.council.conftest import COMM_A, COMM_A2


def bearer(actor, *roles, **kw):
    return (("authorization", "Bearer " + mint_token(actor, roles, DISTRICT_A, **kw)),)


WORKER = bearer("cw", "community_worker", subdistrict=COMM_A[:9], community=COMM_A)
NEIGHBOUR = bearer("cw2", "community_worker", subdistrict=COMM_A2[:9], community=COMM_A2)


@pytest.fixture
def stub(tmp_path, fixed_clock):
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'k.db'}"
    engine = create_engine(url)
    m.Base.metadata.create_all(engine)
    engine.dispose()
    settings = build_settings({"CITYPLAT_SERVICES__COUNCIL__DATABASE_URL": url})
    server = build_server(settings, port=0, http_port=None).start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=10)
            yield pb_grpc.CouncilStub(channel)
    finally:
        server.stop(grace=0)


def test_over_grpc_a_council_its_member_and_a_joint_meeting_then_a_bad_one_refused_naming_the_field(stub):
    council = stub.CreateCouncil(pb.CreateCouncilRequest(community=COMM_A, name="幸福社区共建理事团", leader_id="s1",
                                                         idempotency_key="c1"), metadata=WORKER)
    assert council.leader_name == "书记甲"
    stub.AddMember(pb.AddMemberRequest(council_id=council.id, organisation_id="u1", leader_group=True,
                                       idempotency_key="m1"), metadata=WORKER)
    meeting = stub.RecordJointMeeting(pb.RecordJointMeetingRequest(
        council_id=council.id, kind="regular", held_on="2026-05-28", agenda=["路灯"], attendance=["u1"],
        minutes="议定", decisions=[pb.DecisionInput(text="修路灯", owner_organisation_id="u1", due_on="2026-06-20")],
        idempotency_key="j1"), metadata=WORKER)
    assert [d.owner_name for d in meeting.decisions] == ["区供电公司"]
    with pytest.raises(grpc.RpcError) as err:
        stub.RecordJointMeeting(pb.RecordJointMeetingRequest(
            council_id=council.id, kind="regular", held_on="2026-05-28", agenda=["x"], attendance=["b1"],
            minutes="x", idempotency_key="j2"), metadata=WORKER)
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert err.value.details().startswith("attendance[0]:")
    with pytest.raises(grpc.RpcError) as err:
        stub.GetCouncil(pb.CouncilRef(id=council.id), metadata=NEIGHBOUR)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as err:
        stub.SetCouncilSettings(pb.SetCouncilSettingsRequest(reminder_days=0, idempotency_key="s"), metadata=WORKER)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "reminder_days" in err.value.details()


def test_the_worker_serves_every_use_case_and_sets_its_gauges(kdb):
    service = worker_factory(CouncilService, db=kdb)
    for name in USE_CASES:
        assert callable(getattr(service, rpc_name(name)))
    service.update_gauges()
    service.flags()
    service.agreements_ending()
    names = {metric.name for metric in REGISTRY.collect()}
    assert {"cityplat_council_councils_without_meeting", "cityplat_council_decisions_overdue",
            "cityplat_council_agreements_expiring"} <= names
