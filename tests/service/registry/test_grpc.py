"""The gRPC servicer in-process: status codes and details, health, reflection, streaming export."""
from __future__ import annotations

import time
import urllib.request

import grpc
import jwt
import pytest
from cityplat.registry.v1 import registry_pb2 as pb
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from services.common.auth import mint_token
from services.common.config import build_settings, get_settings
from services.common.db import Database
from services.common.grpc_support import GrpcServer
from services.registry import models as m
from services.registry.app import people as people_app
from services.registry.app.records import export_records
from services.registry.grpc_server import SERVICE, RegistryServicer, build_server
from tests.conftest import DISTRICT_A, DISTRICT_B, free_port
from tests.service.registry.conftest import COMM_A, SUB_A, admin, call, count, events, join

FULL_NAME = "cityplat.registry.v1.Registry"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """build_server() as the gRPC process runs it, on its own SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('grpc') / 'registry.db'}"
    db = Database("registry", url, m.Base.metadata)
    m.Base.metadata.create_all(db.engine)
    # the configured HTTP port, pointed at a free one (http_port=None would serve no HTTP at all)
    settings = build_settings({"CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": url,
                               "CITYPLAT_SERVICES__REGISTRY__GRPC_HTTP_PORT": str(free_port())})
    srv = build_server(settings, port=0).start()
    yield srv, db
    srv.stop(grace=0)
    db.dispose()


@pytest.fixture(scope="module")
def built_channel(built):
    srv, _ = built
    with grpc.insecure_channel(f"127.0.0.1:{srv.port}") as ch:
        grpc.channel_ready_future(ch).result(timeout=10)
        yield ch


@pytest.fixture(scope="module")
def hosted():
    """One in-process server around a RegistryServicer; each test points it at its own database."""
    servicer = RegistryServicer(None)
    srv = GrpcServer("registry", SERVICE.full_name,
                     lambda server: pb_grpc.add_RegistryServicer_to_server(servicer, server),
                     port=0, http_port=None).start()
    with grpc.insecure_channel(f"127.0.0.1:{srv.port}") as ch:
        grpc.channel_ready_future(ch).result(timeout=10)
        yield servicer, ch
    srv.stop(grace=0)


@pytest.fixture
def stub(world, hosted):
    servicer, ch = hosted
    servicer.db = world.db
    yield pb_grpc.RegistryStub(ch)
    servicer.db = None


def bearer(*roles, district=DISTRICT_A, **kw):
    return (("authorization", "Bearer " + mint_token("grpc-user", roles or ("district_admin",), district, **kw)),)


ADMIN = bearer("district_admin")


def status_of(call_fn, *args, **kwargs) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        call_fn(*args, **kwargs)
    return err.value


# ---- health and reflection

def test_health_reports_serving(built_channel):
    health = health_pb2_grpc.HealthStub(built_channel)
    for name in ("", FULL_NAME):
        reply = health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_the_registry(built_channel):
    stub = reflection_pb2_grpc.ServerReflectionStub(built_channel)
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    [reply] = list(stub.ServerReflectionInfo(iter([request]), timeout=5))
    names = {s.name for s in reply.list_services_response.service}
    assert FULL_NAME in names and "grpc.health.v1.Health" in names


def test_reflection_describes_the_registry_file(built_channel):
    stub = reflection_pb2_grpc.ServerReflectionStub(built_channel)
    request = reflection_pb2.ServerReflectionRequest(file_containing_symbol=FULL_NAME)
    [reply] = list(stub.ServerReflectionInfo(iter([request]), timeout=5))
    assert reply.file_descriptor_response.file_descriptor_proto


def test_the_built_server_serves_the_registry_on_its_configured_database(built, built_channel):
    _, db = built
    stub = pb_grpc.RegistryStub(built_channel)
    made = stub.CreateDivision(pb.CreateDivisionRequest(code=DISTRICT_A, level="district", name="示范区"),
                               metadata=ADMIN, timeout=5)
    assert made.district == DISTRICT_A and made.parent_code == ""
    err = status_of(stub.CreateDivision, pb.CreateDivisionRequest(code=DISTRICT_A, level="district", name="again"),
                    metadata=ADMIN, timeout=5)
    assert err.code() == grpc.StatusCode.ALREADY_EXISTS
    assert count(db, m.Division) == 1


def test_the_http_endpoint_reports_ready_and_metrics(built, built_channel):
    srv, _ = built
    stub = pb_grpc.RegistryStub(built_channel)
    status_of(stub.GetDivision, pb.DivisionRef(code="310101"), timeout=5)   # one counted call, unauthenticated
    port = srv.http.server_address[1]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as reply:
        assert reply.status == 200 and reply.read() == b"ok\n"
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
        text = reply.read().decode()
    assert any('method="GetDivision"' in line and 'code="UNAUTHENTICATED"' in line for line in text.splitlines())


def test_stopping_reports_not_serving(tmp_path):
    settings = build_settings({"CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"})
    srv = build_server(settings, port=0, http_port=free_port()).start()
    srv.stop(grace=0)
    srv.stop(grace=0)  # a second stop is harmless
    assert srv.health._server_status[FULL_NAME] == health_pb2.HealthCheckResponse.NOT_SERVING


# ---- happy paths

def test_calls_with_a_valid_token(stub, world):
    division = stub.GetDivision(pb.DivisionRef(code=COMM_A), metadata=ADMIN, timeout=5)
    assert division == pb.Division(code=COMM_A, level="community", name="幸福社区", parent_code=SUB_A,
                                   district=DISTRICT_A, status="active")
    org = stub.FoundOrganisation(pb.FoundOrganisationRequest(kind="functional_group", name="志愿小组",
                                                             division_code=COMM_A, parent_id=world.org("cc")),
                                 metadata=ADMIN, timeout=5)
    assert org.status == "active" and org.version == 1 and org.parent_id == world.org("cc")
    assert count(world.db, m.Organisation, m.Organisation.id == org.id) == 1
    assert events(world.db, "organisation.created")[0]["payload"]["organisation"]["id"] == org.id


def test_maps_and_repeated_messages_cross_the_wire(stub, world):
    join(world, "b1", "p1", "p2")
    items = {"political_study": 19, "organisational_life": 18, "team_building": 14, "member_management": 14,
             "service_to_residents": 19, "records": 9}
    rating = stub.SubmitInspection(pb.SubmitInspectionRequest(organisation_id=world.org("b1"), year=2026, quarter=2,
                                                              items=items), metadata=ADMIN, timeout=5)
    assert (rating.stars, rating.five_good, rating.funding_tier, rating.score) == (5, True, "A", 93.0)
    posts = stub.HoldElection(pb.HoldElectionRequest(
        organisation_id=world.org("cc"), held_on="2021-07-01",
        elected=[pb.Elected(person_id=world.person("p1"), title="secretary"),
                 pb.Elected(person_id=world.person("p2"), title="committee_member")]), metadata=ADMIN, timeout=5)
    assert [(p.title, p.term_end) for p in posts.items] == [("secretary", "2026-06-30"),
                                                          ("committee_member", "2026-06-30")]
    ending = stub.ListTermsEnding(pb.ListTermsEndingRequest(), metadata=ADMIN, timeout=5)
    assert len(ending.items) == 2


def test_import_bytes_over_grpc(stub, world):
    content = f"ref,name,home_community\nG-1,网格员,{COMM_A}\n".encode()
    report = stub.ImportRecords(pb.ImportRecordsRequest(kind="people", format="csv", content=content),
                                metadata=ADMIN, timeout=5)
    assert (report.rows, report.written, list(report.problems)) == (1, 1, [])
    bad = stub.ImportRecords(pb.ImportRecordsRequest(kind="people", format="csv",
                                                     content=b"ref,name,phone\nG-2,x,12\n"), metadata=ADMIN, timeout=5)
    assert [(p.row, p.column) for p in bad.problems] == [(2, "phone")] and bad.written == 0


def test_personal_data_is_masked_for_callers_outside_the_community(stub, world):
    full = stub.GetPerson(pb.PersonRef(id=world.person("p1")), metadata=ADMIN, timeout=5)
    masked = stub.GetPerson(pb.PersonRef(id=world.person("p1")), metadata=bearer("mediator"), timeout=5)
    assert full.phone == "13800000000" and masked.phone == "138****0000"


def test_the_request_id_comes_back_in_trailing_metadata(stub):
    _, rpc_call = stub.GetDivision.with_call(pb.DivisionRef(code=COMM_A),
                                             metadata=ADMIN + (("x-request-id", "trace-123"),), timeout=5)
    assert ("x-request-id", "trace-123") in tuple(rpc_call.trailing_metadata())


# ---- status codes

def test_a_malformed_code_is_invalid_argument_naming_the_field(stub, world):
    err = status_of(stub.CreateDivision, pb.CreateDivisionRequest(code="31010100X", level="subdistrict", name="x"),
                    metadata=ADMIN, timeout=5)
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert err.details().startswith("code: ") and "9 digits" in err.details()
    assert count(world.db, m.Division) == 10


def test_a_missing_required_field_is_invalid_argument(stub):
    err = status_of(stub.GetDivision, pb.DivisionRef(), metadata=ADMIN, timeout=5)
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and err.details() == "code: is required"


def test_without_a_token_is_unauthenticated(stub):
    err = status_of(stub.GetDivision, pb.DivisionRef(code=COMM_A), timeout=5)
    assert err.code() == grpc.StatusCode.UNAUTHENTICATED
    assert err.details() == "authorization: missing bearer token"


def test_a_forged_token_is_unauthenticated(stub):
    settings = get_settings()
    now = int(time.time())
    forged = jwt.encode({"sub": "mallory", "roles": ["city_admin"], "iss": settings.auth["jwt_issuer"], "iat": now,
                         "exp": now + 600}, "an-attackers-guess-at-the-secret-value", algorithm="HS256")
    err = status_of(stub.GetDivision, pb.DivisionRef(code=COMM_A), metadata=(("authorization", f"Bearer {forged}"),),
                    timeout=5)
    assert err.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "invalid token" in err.details()


def test_an_expired_token_is_unauthenticated(stub):
    token = mint_token("late", ["district_admin"], DISTRICT_A, ttl_seconds=-1)
    err = status_of(stub.GetDivision, pb.DivisionRef(code=COMM_A), metadata=(("authorization", f"Bearer {token}"),),
                    timeout=5)
    assert err.code() == grpc.StatusCode.UNAUTHENTICATED and "expired" in err.details()


def test_a_district_b_token_on_district_a_data(stub, world):
    b_token = bearer("district_admin", district=DISTRICT_B)
    err = status_of(stub.ListChildren, pb.DivisionRef(code=SUB_A), metadata=b_token, timeout=5)
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    err = status_of(stub.GetOrganisation, pb.OrganisationRef(id=world.org("b1")), metadata=b_token, timeout=5)
    assert err.code() == grpc.StatusCode.NOT_FOUND
    err = status_of(stub.RenameOrganisation, pb.RenameOrganisationRequest(id=world.org("b1"), name="x"),
                    metadata=b_token, timeout=5)
    assert err.code() == grpc.StatusCode.NOT_FOUND
    assert stub.GetOrganisation(pb.OrganisationRef(id=world.org("b1")), metadata=ADMIN, timeout=5).name == "第一党支部"


def test_a_resident_is_denied_writes(stub):
    err = status_of(stub.CreateDivision, pb.CreateDivisionRequest(code="310101002003", level="community", name="x"),
                    metadata=bearer("resident"), timeout=5)
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    assert err.details().startswith("roles: ")


def test_not_found(stub):
    err = status_of(stub.GetOrganisation, pb.OrganisationRef(id="no-such-org"), metadata=ADMIN, timeout=5)
    assert err.code() == grpc.StatusCode.NOT_FOUND and err.details() == "id: no organisation 'no-such-org'"


def test_already_exists(stub):
    err = status_of(stub.CreateDivision, pb.CreateDivisionRequest(code=COMM_A, level="community", name="again"),
                    metadata=ADMIN, timeout=5)
    assert err.code() == grpc.StatusCode.ALREADY_EXISTS and err.details().startswith("code: ")


def test_failed_precondition(stub, world):
    err = status_of(stub.DissolveOrganisation, pb.DissolveOrganisationRequest(id=world.org("cc"), reason="撤销"),
                    metadata=ADMIN, timeout=5)
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION and err.details().startswith("id: ")
    err = status_of(stub.HoldByElection, pb.HoldByElectionRequest(organisation_id=world.org("b1"), held_on="2026-06-01",
                                                                  person_id=world.person("p1"), title="secretary"),
                    metadata=ADMIN, timeout=5)
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION


# ---- streaming export

def test_export_streams_the_csv(stub, world):
    call(world.db, admin(), people_app.join_organisation, person_id=world.person("p1"), organisation_id=world.org("b1"))
    chunks = list(stub.ExportRecords(pb.ExportRecordsRequest(kind="people", format="csv"), metadata=ADMIN, timeout=5))
    data = b"".join(c.data for c in chunks)
    with world.db.uow(admin()) as uow:
        assert data == export_records(uow, kind="people", format="csv")
    lines = data.decode().splitlines()
    assert lines[0] == "ref,name,phone,home_community,is_member,member_category,home_study"
    assert len(lines) == 1 + 6 and not any("B党员" in line for line in lines)


def test_export_without_a_token_is_unauthenticated(stub):
    err = status_of(lambda: list(stub.ExportRecords(pb.ExportRecordsRequest(kind="people", format="csv"), timeout=5)))
    assert err.code() == grpc.StatusCode.UNAUTHENTICATED


def test_export_of_an_unknown_kind_is_invalid(stub):
    err = status_of(lambda: list(stub.ExportRecords(pb.ExportRecordsRequest(kind="budgets", format="csv"),
                                                    metadata=ADMIN, timeout=5)))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and err.details().startswith("kind: ")


def test_build_server_without_http_port_serves_no_http(tmp_path):
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    settings = build_settings({"CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": url})
    srv = build_server(settings, port=0, http_port=None)
    try:
        assert srv.http is None
    finally:
        srv.stop(grace=0)
