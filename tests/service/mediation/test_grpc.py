"""The mediation gRPC server in-process: a happy path from intake to rating, hotline files as bytes, deliberation,
and the status codes with "<field>: <reason>" details."""
from __future__ import annotations

import csv
import io
import uuid

import grpc
import pytest
from cityplat.mediation.v1 import mediation_pb2 as pb
from cityplat.mediation.v1 import mediation_pb2_grpc as pb_grpc

from services.common.auth import mint_token
from services.common.config import build_settings
from services.mediation import models as m
from services.mediation.grpc_server import MediationServicer, build_server
from services.mediation.app import API, USE_CASES
from tests.conftest import DISTRICT_A, DISTRICT_B
from tests.service.mediation.conftest import COMM_A, PHONE, SUB_A, count, events, snapshot


def bearer(actor, *roles, district=DISTRICT_A, **kw):
    return (("authorization", "Bearer " + mint_token(actor, roles, district, **kw)),)


WORKER = bearer("worker", "community_worker", subdistrict=SUB_A, community=COMM_A)
MEDIATOR = bearer("med1", "mediator")
COMPLAINANT = bearer("r1", "resident")
ADMIN = bearer("admin", "district_admin")
B_ADMIN = bearer("b-admin", "district_admin", district=DISTRICT_B)


class KeyedStub:
    """The stub, giving every write that carries no idempotency key a fresh one: each call a new request.
    ``raw`` is the bare stub, for the calls that test the keys themselves."""

    def __init__(self, stub):
        self.raw = stub

    def __getattr__(self, method):
        call = getattr(self.raw, method)
        if method not in API.idempotent:
            return call

        def keyed(request, *args, **kwargs):
            if not request.idempotency_key:
                request = type(request).FromString(request.SerializeToString())
                request.idempotency_key = uuid.uuid4().hex
            return call(request, *args, **kwargs)
        return keyed


@pytest.fixture
def served(mdb, tmp_path):
    settings = build_settings({"CITYPLAT_SERVICES__MEDIATION__DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"})
    server = build_server(settings, port=0, http_port=None).start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=10)
            yield KeyedStub(pb_grpc.MediationStub(channel)), mdb
    finally:
        server.stop(grace=0)


def status_of(fn, request, metadata) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        fn(request, metadata=metadata, timeout=10)
    return err.value


def new_case(stub, **kw):
    params = dict(channel="walk_in", category="neighbour_noise", community=COMM_A, summary="楼上噪音",
                  parties=[pb.Party(name="张三丰", role="complainant", phone=PHONE, person_id="r1"),
                           pb.Party(name="李四", role="respondent")])
    params.update(kw)
    return stub.OpenCase(pb.OpenCaseRequest(**params), metadata=WORKER, timeout=10)


def test_every_use_case_is_served():
    for name in USE_CASES:
        assert callable(getattr(MediationServicer, name))


def test_intake_to_rating(served):
    stub, db = served
    case = new_case(stub, grid=COMM_A + "-G01", building="3号楼")
    assert (case.status, case.tier, case.grid, case.parties[0].phone) == ("open", "community", COMM_A + "-G01", PHONE)
    load = stub.GetWorkload(pb.WorkloadRequest(community=COMM_A), metadata=WORKER, timeout=10)
    assert {i.person_id for i in load.items} >= {"j1", "med1", "v1"}
    case = stub.AssignTeam(pb.AssignTeamRequest(case_id=case.id, judge_id="j1", mediator_id="med1",
                                                volunteer_ids=["v1", "v2"]), metadata=WORKER, timeout=10)
    assert [v.person_id for v in case.volunteers] == ["v1", "v2"] and case.volunteers[0].community == COMM_A
    session = stub.RecordSession(pb.RecordSessionRequest(case_id=case.id, notes="双方到场", attendance=["张三丰", "李四"]),
                                 metadata=MEDIATOR, timeout=10)
    assert list(session.attendance) == ["张三丰", "李四"]
    case = stub.ResolveCase(pb.ResolveCaseRequest(case_id=case.id, outcome="agreement", agreement="晚十点后停工"),
                            metadata=MEDIATOR, timeout=10)
    assert (case.status, case.resolved_tier) == ("resolved", "community")
    case = stub.RateCase(pb.RateCaseRequest(case_id=case.id, score=5, comment="满意"), metadata=COMPLAINANT,
                         timeout=10)
    assert case.rating == 5 and case.parties[0].phone == "138****5678"
    listed = stub.ListCases(pb.ListCasesRequest(), metadata=WORKER, timeout=10)
    assert [c.id for c in listed.items] == [case.id] and listed.items[0].parties[0].name == "张**"
    figures = stub.GetFigures(pb.FiguresRequest(scope=COMM_A), metadata=WORKER, timeout=10)
    assert (figures.resolved, figures.resolved_in_community, figures.satisfaction_average) == (1, 1, 5.0)
    assert [e["event_type"] for e in events(db)] == ["case.opened", "case.assigned", "case.resolved", "case.rated"]
    resolved = events(db, "case.resolved")[0]
    assert [v["person_id"] for v in resolved["payload"]["volunteers"]] == ["v1", "v2"]


def test_hotline_files_travel_as_bytes(served):
    stub, db = served
    content = ("order_no,received_at,category,community,summary,caller_name,caller_phone\n"
               f"GD1,2026-05-30 09:00,neighbour_noise,{COMM_A},噪音,张三,13812345678\n"
               f"GD2,2026-05-30 09:00,parking,{COMM_A},停车,李四,\n").encode()
    report = stub.ImportHotlineOrders(pb.ImportHotlineOrdersRequest(format="csv", content=content), metadata=WORKER,
                                      timeout=10)
    assert (report.rows, report.imported, report.duplicates) == (2, 1, 0)
    assert [(p.row, p.column) for p in report.problems] == [(3, "category")]
    again = stub.ImportHotlineOrders(pb.ImportHotlineOrdersRequest(format="csv", content=content), metadata=WORKER,
                                     timeout=10)
    assert (again.imported, again.duplicates) == (0, 1)
    out = stub.ExportHotlineOutcomes(pb.ExportHotlineOutcomesRequest(format="csv"), metadata=WORKER, timeout=10)
    [row] = list(csv.DictReader(io.StringIO(out.content.decode())))
    assert (row["order_no"], row["status"]) == ("GD1", "accepted")


def test_the_status_codes(served):
    stub, db = served
    case = new_case(stub)
    new_case(stub, channel="hotline_12345", hotline_order_no="GD9")
    before = snapshot(db)
    checks = [
        (stub.GetCase, pb.CaseRef(case_id=case.id), (), grpc.StatusCode.UNAUTHENTICATED, "authorization"),
        (stub.GetCase, pb.CaseRef(case_id=case.id), B_ADMIN, grpc.StatusCode.NOT_FOUND, "case_id"),
        (stub.GetCase, pb.CaseRef(case_id=case.id), bearer("stranger", "resident"), grpc.StatusCode.PERMISSION_DENIED,
         "case_id"),
        (stub.OpenCase, pb.OpenCaseRequest(channel="walk_in", category="neighbour_noise", community=COMM_A,
                                           summary="x", parties=[pb.Party(name="甲")]), COMPLAINANT,
         grpc.StatusCode.PERMISSION_DENIED, "roles"),
        (stub.OpenCase, pb.OpenCaseRequest(channel="fax", category="neighbour_noise", community=COMM_A, summary="x",
                                           parties=[pb.Party(name="甲")]), WORKER, grpc.StatusCode.INVALID_ARGUMENT,
         "channel"),
        (stub.OpenCase, pb.OpenCaseRequest(channel="walk_in", category="neighbour_noise", community=COMM_A,
                                           parties=[pb.Party(name="甲")]), WORKER, grpc.StatusCode.INVALID_ARGUMENT,
         "summary"),
        (stub.OpenCase, pb.OpenCaseRequest(channel="hotline_12345", hotline_order_no="GD9", category="neighbour_noise",
                                           community=COMM_A, summary="x", parties=[pb.Party(name="甲")]), WORKER,
         grpc.StatusCode.ALREADY_EXISTS, "hotline_order_no"),
        (stub.ResolveCase, pb.ResolveCaseRequest(case_id=case.id, outcome="withdrawn"), WORKER,
         grpc.StatusCode.FAILED_PRECONDITION, "case_id"),
        (stub.EscalateByHand, pb.EscalateRequest(case_id=case.id, direction="up", reason="x"), WORKER,
         grpc.StatusCode.PERMISSION_DENIED, "roles"),
        (stub.RateCase, pb.RateCaseRequest(case_id=case.id, score=0), COMPLAINANT, grpc.StatusCode.INVALID_ARGUMENT,
         "score"),
    ]
    for fn, request, metadata, code, field in checks:
        err = status_of(fn, request, metadata)
        assert (err.code(), err.details().split(": ")[0]) == (code, field), (fn, err.details())
    assert snapshot(db) == before


def test_a_deliberation_through_grpc(served):
    stub, db = served
    x = stub.ProposeMatter(pb.ProposeMatterRequest(community=COMM_A, title="清理楼顶菜地", proposal="一周内清理"),
                           metadata=WORKER, timeout=10)
    for note in ("两委商议", "党员审议"):
        x = stub.RecordDeliberation(pb.RecordDeliberationRequest(matter_id=x.id, note=note), metadata=WORKER,
                                    timeout=10)
    x = stub.RecordVote(pb.RecordVoteRequest(matter_id=x.id, eligible=9, yes=5, no=2, abstain=1), metadata=WORKER,
                        timeout=10)
    assert (x.stage, x.vote.passed) == ("voted", True)
    x = stub.PublishDecision(pb.PublishDecisionRequest(matter_id=x.id, decision="一周内清理", actions=[
        pb.ActionItem(description="清理", owner="物业公司", due_on="2026-06-08")]), metadata=WORKER, timeout=10)
    err = status_of(stub.PublishResult, pb.PublishResultRequest(matter_id=x.id, result="已清理"), WORKER)
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
    x = stub.CompleteAction(pb.CompleteActionRequest(action_id=x.actions[0].id), metadata=WORKER, timeout=10)
    x = stub.PublishResult(pb.PublishResultRequest(matter_id=x.id, result="已清理"), metadata=WORKER, timeout=10)
    assert (x.stage, x.stage_number) == ("result_published", 6)
    assert len(events(db, "resolution.published")) == 1


def test_a_unanimous_vote_is_recorded_through_grpc(served):
    """BUG: proto3 does not send a zero int32, so RecordVote(no=0) reaches record_vote without ``no``; ``no`` has no
    default there, and check_params refuses it: INVALID_ARGUMENT "no: is required". A unanimous vote (or one with
    no "yes") cannot be recorded over gRPC. record_vote's ``yes`` and ``no`` should default to 0 like ``abstain``."""
    stub, db = served
    x = stub.ProposeMatter(pb.ProposeMatterRequest(community=COMM_A, title="加装电梯", proposal="三号楼加装电梯"),
                           metadata=WORKER, timeout=10)
    for note in ("两委商议", "党员审议"):
        stub.RecordDeliberation(pb.RecordDeliberationRequest(matter_id=x.id, note=note), metadata=WORKER, timeout=10)
    x = stub.RecordVote(pb.RecordVoteRequest(matter_id=x.id, eligible=9, yes=9, no=0), metadata=WORKER, timeout=10)
    assert (x.stage, x.vote.yes, x.vote.no, x.vote.passed) == ("voted", 9, 0, True)


def test_rows_written_only_by_the_calls_that_succeeded(served):
    stub, db = served
    new_case(stub)
    status_of(stub.OpenCase, pb.OpenCaseRequest(channel="walk_in", category="nope", community=COMM_A, summary="x",
                                                parties=[pb.Party(name="甲")]), WORKER)
    assert count(db, m.Case) == 1 and len(events(db, "case.opened")) == 1


# ---- issue 11: every write takes an idempotency key

def _open_request(**kw):
    return pb.OpenCaseRequest(channel="walk_in", category="neighbour_noise", community=COMM_A, summary="楼上噪音",
                              parties=[pb.Party(name="张三丰", role="complainant", person_id="r1")], **kw)


def test_a_retried_open_case_opens_one_case(served):
    """The worker's answer was lost and the app retries with the same key: the first case comes back."""
    stub, db = served
    first = stub.raw.OpenCase(_open_request(idempotency_key="intake-0601-1"), metadata=WORKER, timeout=10)
    again = stub.raw.OpenCase(_open_request(idempotency_key="intake-0601-1"), metadata=WORKER, timeout=10)
    assert again.id == first.id
    assert count(db, m.Case) == 1 and len(events(db, "case.opened")) == 1
    # the mediator sees one case in the community's list, not two
    assert [c.id for c in stub.ListCases(pb.ListCasesRequest(), metadata=WORKER, timeout=10).items] == [first.id]


def test_a_key_used_for_another_request_or_none_at_all_is_refused_and_changes_nothing(served):
    stub, db = served
    stub.raw.OpenCase(_open_request(idempotency_key="k-1"), metadata=WORKER, timeout=10)
    before = snapshot(db)
    err = status_of(stub.raw.OpenCase, _open_request(idempotency_key="k-1", building="5号楼"), WORKER)
    assert (err.code(), err.details().split(": ")[0]) == (grpc.StatusCode.ALREADY_EXISTS, "idempotency_key")
    err = status_of(stub.raw.OpenCase, _open_request(), WORKER)
    assert (err.code(), err.details().split(": ")[0]) == (grpc.StatusCode.INVALID_ARGUMENT, "idempotency_key")
    assert snapshot(db) == before


def test_a_retried_hotline_import_returns_the_first_report_and_another_file_under_its_key_is_refused(served):
    stub, db = served
    content = ("order_no,received_at,category,community,summary,caller_name\n"
               f"GD1,2026-05-30 09:00,neighbour_noise,{COMM_A},噪音,张三\n").encode()
    request = pb.ImportHotlineOrdersRequest(format="csv", content=content, idempotency_key="hotline-0601")
    first = stub.raw.ImportHotlineOrders(request, metadata=WORKER, timeout=10)
    before = snapshot(db)
    assert stub.raw.ImportHotlineOrders(request, metadata=WORKER, timeout=10) == first   # not a duplicate
    assert (first.imported, first.duplicates, len(first.case_ids)) == (1, 0, 1) and snapshot(db) == before
    other = pb.ImportHotlineOrdersRequest(format="csv", content=content + "GD2,2026-05-30 10:00,neighbour_noise,"
                                          f"{COMM_A},又噪音,李四\n".encode(), idempotency_key="hotline-0601")
    err = status_of(stub.raw.ImportHotlineOrders, other, WORKER)
    assert (err.code(), err.details().split(": ")[0]) == (grpc.StatusCode.ALREADY_EXISTS, "idempotency_key")
    err = status_of(stub.raw.ImportHotlineOrders, pb.ImportHotlineOrdersRequest(format="csv", content=content),
                    WORKER)
    assert (err.code(), err.details().split(": ")[0]) == (grpc.StatusCode.INVALID_ARGUMENT, "idempotency_key")
    assert snapshot(db) == before and count(db, m.Case) == 1


def test_every_write_request_carries_an_idempotency_key_and_no_read_does():
    """The hotline import too: its order numbers keep a file's orders once, the key keeps its first report."""
    assert API.writes == API.idempotent
    service = pb.DESCRIPTOR.services_by_name["Mediation"]
    for method in service.methods:
        fields = method.input_type.fields_by_name
        assert ("idempotency_key" in fields) == (method.name in API.idempotent), method.name
