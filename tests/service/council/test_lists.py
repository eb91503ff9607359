"""The three lists (三张清单): needs and resources gathered on visits, what fits a need and the gaps;
importing the lists from a visit's spreadsheet, all or nothing with a report per row."""
from __future__ import annotations

import io

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import lists
from tests.service.council.conftest import COMM_A, COMM_A2, admin, call, count, read, unit, worker
from tests.conftest import ctx_for

IN_SERVICE = {"m1": {"community_code": COMM_A, "employer_id": "u1", "volunteer_projects": ["水电维修服务"]},
              "m2": {"community_code": COMM_A, "employer_id": "u2", "volunteer_projects": ["助老陪伴"]},
              "m3": {"community_code": COMM_A2, "employer_id": "u2", "volunteer_projects": ["水电维修"]}}


@pytest.fixture(autouse=True)
def in_service(directory):
    for pid, name, community in (("m1", "在职党员甲", COMM_A), ("m2", "在职党员乙", COMM_A),
                                 ("m3", "邻社区党员", COMM_A2)):
        directory.people[pid] = directory._person(pid, (name, community))
    directory.in_service.update(IN_SERVICE)
    return directory


def need(kdb, council, ctx=None, **extra):
    fields = {"council_id": council["id"], "visited_on": "2026-05-30", "visited_by": "网格员王", "kind": "repair",
              "urgency": "high", "description": "楼道灯坏了", "skills": ["水电维修"], "resident_id": "r1",
              "grid": COMM_A + "-G01", "building": "3号楼", **extra}
    return call(kdb, ctx or worker(), lists.record_need, **fields)


def resource(kdb, council, ctx=None, **extra):
    fields = {"council_id": council["id"], "kind": "technical", "name": "供电公司电工队", "skills": ["水电维修"],
              "organisation_id": "u1", "availability": "周末", **extra}
    return call(kdb, ctx or worker(), lists.record_resource, **fields)


def test_a_need_from_a_visit_and_a_resource_offered(kdb, council):
    n = need(kdb, council)
    assert (n["status"], n["urgency"], n["grid"], n["resident_id"], n["community"]) == \
        ("open", "high", COMM_A + "-G01", "r1", COMM_A)
    x = resource(kdb, council)
    assert (x["offered_by_name"], x["place"], x["kind"]) == ("区供电公司", COMM_A, "technical")
    assert [y["id"] for y in read(kdb, worker(), lists.list_needs, council_id=council["id"])["items"]] == [n["id"]]
    assert [y["id"] for y in read(kdb, worker(), lists.list_resources, council_id=council["id"])["items"]] == [x["id"]]


def test_needs_are_listed_most_urgent_first_then_oldest(kdb, council):
    low = need(kdb, council, urgency="low", visited_on="2026-05-01")
    late = need(kdb, council, urgency="urgent", visited_on="2026-05-30")
    early = need(kdb, council, urgency="urgent", visited_on="2026-05-02")
    ids = [y["id"] for y in read(kdb, worker(), lists.list_needs, council_id=council["id"])["items"]]
    assert ids == [early["id"], late["id"], low["id"]]


@pytest.mark.parametrize("params, field", [
    ({"kind": "cooking"}, "kind"), ({"urgency": "asap"}, "urgency"), ({"visited_on": "2026-06-02"}, "visited_on"),
    ({"visited_on": "2026-13-01"}, "visited_on"), ({"description": " "}, "description"),
    ({"visited_by": ""}, "visited_by"), ({"grid": "310101002002-G01"}, "grid"), ({"resident_id": "x2"}, "resident_id"),
    ({"resident_id": "nobody"}, "resident_id"), ({"skills": [""]}, "skills[0]"),
    ({"council_id": "nope"}, "council_id")])
def test_a_bad_need_names_the_field_and_writes_nothing(kdb, council, params, field):
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound, PermissionDenied)) as err:
        need(kdb, council, **params)
    assert err.value.field == field
    assert count(kdb, m.Need) == 0


@pytest.mark.parametrize("params, field", [
    ({"kind": "money"}, "kind"), ({"person_id": "r1"}, "person_id"), ({"organisation_id": None}, "organisation_id"),
    ({"organisation_id": "b1"}, "organisation_id"), ({"organisation_id": "ub"}, "organisation_id"),
    ({"name": ""}, "name"), ({"place": "310101003001"}, "place"), ({"place": "bad"}, "place")])
def test_a_bad_resource_names_the_field_and_writes_nothing(kdb, council, params, field):
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound, PermissionDenied)) as err:
        resource(kdb, council, ctx=admin(), **params)
    assert err.value.field == field
    assert count(kdb, m.Resource) == 0


def test_another_communitys_or_districts_staff_see_no_list_and_units_and_residents_none(kdb, council):
    n = need(kdb, council)
    for ctx in (worker(COMM_A2), admin("310104")):
        with pytest.raises(NotFound):
            read(kdb, ctx, lists.get_need, id=n["id"])
        with pytest.raises((NotFound, PermissionDenied)):
            need(kdb, council, ctx=ctx)
    for ctx in (unit(), ctx_for("resident", subdistrict=COMM_A[:9], community=COMM_A, actor="r1")):
        with pytest.raises(PermissionDenied):   # a need tells of a home: staff read it
            read(kdb, ctx, lists.get_need, id=n["id"])
        with pytest.raises(PermissionDenied):
            need(kdb, council, ctx=ctx)
    assert count(kdb, m.Need) == 1


def test_matches_rank_resources_and_in_service_members_with_their_reasons(kdb, council, in_service):
    n = need(kdb, council)
    near = resource(kdb, council, name="电工队", place=COMM_A + "-G01")
    here = resource(kdb, council, name="维修站", kind="venue", skills=["水电维修", "repair"])
    resource(kdb, council, name="合唱团", kind="talent", skills=["文艺"], organisation_id="so1")
    found = read(kdb, worker(), lists.get_matches, need_id=n["id"])["items"]
    assert [(x["kind"], x["id"]) for x in found] == [("resource", here["id"]), ("resource", near["id"]),
                                                     ("volunteer", "m1")]   # m3 serves another community
    assert found[0]["score"] == 22 and "offers repair" in found[0]["reasons"]
    assert found[1]["reasons"] == ["offers 水电维修", "in the need's grid"]
    assert found[2]["name"] == "在职党员甲" and ("in_service_members", "310101", COMM_A) in in_service.calls


def test_the_gaps_are_the_open_needs_nothing_fits(kdb, council):
    fits = need(kdb, council)
    lonely = need(kdb, council, kind="childcare", skills=["托管"], urgency="urgent")
    resource(kdb, council)
    gaps = read(kdb, worker(), lists.get_gaps)
    assert gaps["division_code"] == COMM_A
    [line] = gaps["communities"]
    assert (line["open_needs"], [x["id"] for x in line["unmet"]]) == (2, [lonely["id"]])
    assert fits["id"] not in [x["id"] for x in line["unmet"]]
    assert read(kdb, worker(COMM_A2), lists.get_gaps)["communities"] == []     # nothing of another community
    with pytest.raises(PermissionDenied):
        read(kdb, worker(), lists.get_gaps, division_code=COMM_A2)


def _csv(rows) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


NEEDS_CSV = [["走访日期", "走访人", "需求描述", "需求类别", "紧急程度", "所需技能", "网格"],
             ["2026-05-30", "网格员王", "水管漏水", "维修", "紧急", "水电维修、管道", COMM_A + "-G01"],
             ["2026-05-29", "网格员李", "老人需要陪伴", "elderly_care", "normal", "", ""]]


def test_an_import_of_needs_in_chinese_columns_writes_every_row(kdb, council):
    report = call(kdb, worker(), lists.import_lists, content=_csv(NEEDS_CSV), format="csv", list="needs",
                  council_id=council["id"])
    assert (report["rows"], report["written"], report["problems"]) == (2, 2, [])
    first = read(kdb, worker(), lists.get_need, id=report["lines"][0]["id"])
    assert (first["kind"], first["urgency"], first["skills"]) == ("repair", "urgent", ["水电维修", "管道"])


def test_an_import_with_a_bad_row_reports_it_and_writes_nothing(kdb, council):
    rows = NEEDS_CSV + [["2026-06-09", "网格员李", "未来的走访", "repair", "high", "", ""],
                        ["2026-05-29", "", "没写走访人", "repair", "high", "", ""]]
    report = call(kdb, worker(), lists.import_lists, content=_csv(rows), format="csv", list="needs",
                  council_id=council["id"])
    assert report["written"] == 0 and [line["status"] for line in report["lines"]] == ["new", "new", "refused",
                                                                                          "refused"]
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(4, "走访日期"), (5, "走访人")]
    assert all(line["id"] == "" for line in report["lines"]) and count(kdb, m.Need) == 0


def test_an_import_of_resources_from_xlsx_and_a_dry_run(kdb, council):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["资源类别", "资源名称", "技能", "单位编号", "个人编号"])
    sheet.append(["场地", "社区活动室", "会议;培训", "u2", None])
    sheet.append(["talent", "退休电工", "水电维修", None, "r1"])
    buf = io.BytesIO()
    book.save(buf)
    dry = call(kdb, worker(), lists.import_lists, content=buf.getvalue(), format="xlsx", list="resources",
               council_id=council["id"], dry_run=True)
    assert (dry["rows"], dry["written"], dry["problems"], count(kdb, m.Resource)) == (2, 0, [], 0)
    done = call(kdb, worker(), lists.import_lists, content=buf.getvalue(), format="xlsx", list="resources",
                council_id=council["id"])
    assert done["written"] == 2 and count(kdb, m.Resource) == 2


def test_an_import_with_a_bad_header_reports_it_alone(kdb, council):
    report = call(kdb, worker(), lists.import_lists, content=_csv([["visited_on", "颜色"], ["2026-05-30", "红"]]),
                  format="csv", list="needs", council_id=council["id"])
    assert report["rows"] == 0 and {p["column"] for p in report["problems"]} >= {"颜色"}
    for params, field in (({"format": "pdf"}, "format"), ({"list": "projects"}, "list")):
        with pytest.raises(InvalidArgument) as err:
            call(kdb, worker(), lists.import_lists, **{"content": b"", "format": "csv", "list": "needs",
                                                       "council_id": council["id"], **params})
        assert err.value.field == field
    with pytest.raises(NotFound):
        call(kdb, worker(COMM_A2), lists.import_lists, content=_csv(NEEDS_CSV), format="csv", list="needs",
             council_id=council["id"])
    assert count(kdb, m.Need) == 0


def test_the_registry_client_lists_the_in_service_members_of_a_community(registry_db, fixed_clock, settings):
    """registry_client.in_service_members over the registry's own gRPC server (ListInServiceMembers,
    every page), and in_service_member's check on it."""
    from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc

    from services.common.grpc_support import GrpcServer
    from services.common.registry_client import RegistryClient, in_service_member, replaced
    from services.registry.app import people
    from services.registry.grpc_server import SERVICE, RegistryServicer
    from tests.service.registry.conftest import admin as registry_admin
    from tests.service.registry.conftest import build_world
    from tests.service.registry.conftest import call as registry_call

    world = build_world(registry_db)
    registry_call(registry_db, registry_admin(), people.register_in_service, person_id=world.person("p1"),
                  community_code=COMM_A, employer_id=world.org("soe"), volunteer_projects=["水电维修", "助老"])
    server = GrpcServer("registry", SERVICE.full_name,
                        lambda s: pb_grpc.add_RegistryServicer_to_server(RegistryServicer(registry_db), s),
                        port=0, http_port=None, host="127.0.0.1").start()
    client = RegistryClient(f"127.0.0.1:{server.port}", settings, caller="council")
    try:
        with replaced(client):
            [x] = client.in_service_members("310101", COMM_A)
            assert (x["person_id"], x["employer_id"], x["volunteer_projects"]) == \
                (world.person("p1"), world.org("soe"), ["水电维修", "助老"])
            assert client.in_service_members("310101", COMM_A2) == []
            assert in_service_member("310101", COMM_A, world.person("p1"), "person_id")["name"] == "党员1"
            with pytest.raises(FailedPrecondition) as err:   # registered with another community
                in_service_member("310101", COMM_A2, world.person("p1"), "person_id")
            assert err.value.field == "person_id"
    finally:
        client.close()
        server.stop(grace=0)
