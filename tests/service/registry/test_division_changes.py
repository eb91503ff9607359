"""Second-level grids, buildings and units; renaming and retiring a division with its history; ending a
department pairing. And what follows for the other services: a retired community is no longer a place."""
from __future__ import annotations

import pytest
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.grpc_support import GrpcServer
from services.common.registry_client import RegistryClient, division_in, replaced
from services.registry import models as m
from services.registry.app import organisations as orgs
from services.registry.app import people, territory
from services.registry.grpc_server import SERVICE, RegistryServicer
from tests.conftest import ctx_for
from tests.service.registry.conftest import (COMM_A, COMM_A2, GRID_A, SUB_A, SUB_A3, admin, call, clear_events,
                                             contents, count, events, read)

SUBGRID = f"{GRID_A}-G01"
COMPOUND = f"{SUBGRID}-C01"
BUILDING = f"{COMPOUND}-B01"
UNIT = f"{BUILDING}-U01"

#: a district admin posted to the sibling sub-district, and its staff: neither may change COMM_A's territory
SIBLING_ADMIN = ctx_for("district_admin", subdistrict=SUB_A3)
SIBLING_STAFF = ctx_for("subdistrict_staff", subdistrict=SUB_A3)


def codes(result):
    return [d["code"] for d in result["items"]]


def make(db, code, level, name):
    return call(db, admin(), territory.create_division, code=code, level=level, name=name)


@pytest.fixture
def compound(db):
    """第1网格 > 二级网格 > 阳光小区 > 1号楼 > 1单元"""
    make(db, SUBGRID, "subgrid", "第1网格第1分网格")
    make(db, COMPOUND, "compound", "阳光小区")
    make(db, BUILDING, "building", "1号楼")
    make(db, UNIT, "unit", "1单元")
    clear_events(db)
    return db


# ---- the levels below a grid and a compound

def test_subgrids_buildings_and_units_are_created_and_listed_like_any_division(compound):
    db = compound
    assert codes(read(db, admin(), territory.list_children, code=GRID_A)) == [SUBGRID]
    assert codes(read(db, admin(), territory.list_children, code=COMPOUND)) == [BUILDING]
    assert codes(read(db, admin(), territory.list_children, code=BUILDING)) == [UNIT]
    assert codes(read(db, admin(), territory.list_ancestors, code=UNIT)) == [
        "310101", SUB_A, COMM_A, GRID_A, SUBGRID, COMPOUND, BUILDING]
    assert read(db, admin(), territory.get_division, code=UNIT)["level"] == "unit"
    # a community worker of the community reads its buildings; a sibling community's does not
    worker = ctx_for("community_worker", subdistrict=SUB_A, community=COMM_A)
    assert codes(read(db, worker, territory.list_subtree, code=COMPOUND)) == [COMPOUND, BUILDING, UNIT]
    with pytest.raises((NotFound, PermissionDenied)):
        read(db, ctx_for("community_worker", subdistrict=SUB_A, community=COMM_A2), territory.get_division, code=UNIT)


@pytest.mark.parametrize("code,level,field", [
    (f"{COMM_A}-C01-U01", "unit", "code"),         # a unit sits in a building, not a compound
    (f"{COMM_A}-B01", "building", "code"),         # a building sits in a compound
    (f"{GRID_A}-G01-G01", "subgrid", "code"),      # two levels of grid, no more
    (f"{COMM_A}-C01", "building", "code"),         # the level must match the code
    (SUBGRID, "flat", "level"),
])
def test_a_division_of_the_wrong_shape_is_refused_naming_the_field_and_nothing_is_written(db, code, level, field):
    before = contents(db)
    with pytest.raises(InvalidArgument) as err:
        make(db, code, level, "楼")
    assert err.value.field == field
    assert contents(db) == before


def test_a_building_needs_its_compound_first(db):
    with pytest.raises(FailedPrecondition) as err:
        make(db, f"{GRID_A}-C09-B01", "building", "9号楼")
    assert err.value.field == "parent_code"


def test_a_sibling_sub_district_cannot_create_a_building_in_the_target(compound):
    with pytest.raises((NotFound, PermissionDenied)):
        call(compound, SIBLING_ADMIN, territory.create_division, code=f"{COMPOUND}-B02", level="building",
             name="2号楼")
    assert count(compound, m.Division, m.Division.code == f"{COMPOUND}-B02") == 0


# ---- renaming (更名)

def test_a_rename_is_kept_in_the_history_and_announced(db):
    renamed = call(db, admin(), territory.rename_division, code=COMM_A, name="幸福家园社区", effective_on="2026-06-01",
                   reason="社区更名")
    assert renamed["name"] == "幸福家园社区"
    assert read(db, admin(), territory.get_division, code=COMM_A)["name"] == "幸福家园社区"
    history = read(db, admin(), territory.get_division_history, code=COMM_A)
    assert history["division"]["code"] == COMM_A
    assert history["changes"] == [
        {"change": "created", "name": "幸福社区", "effective_on": "2026-06-01", "changed_by": "tester"},
        {"change": "renamed", "name": "幸福家园社区", "previous_name": "幸福社区", "effective_on": "2026-06-01",
         "reason": "社区更名", "changed_by": "tester"}]
    [event] = events(db, "division.renamed")
    assert event["payload"]["division"]["name"] == "幸福家园社区" and event["payload"]["previous_name"] == "幸福社区"


@pytest.mark.parametrize("params,field", [
    ({"name": "幸福社区"}, "name"),                                  # the current name
    ({"name": "  "}, "name"),
    ({"name": "新名", "effective_on": "2026-05-31"}, "effective_on"),  # before its creation
    ({"name": "新名", "effective_on": "2026-13-01"}, "effective_on"),
    ({"name": "新名", "reason": "x" * 501}, "reason"),
])
def test_a_bad_rename_names_the_field_and_changes_nothing(db, params, field):
    before = contents(db)
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), territory.rename_division, code=COMM_A, **params)
    assert err.value.field == field
    assert contents(db) == before


@pytest.mark.parametrize("ctx", [SIBLING_ADMIN, SIBLING_STAFF, ctx_for("district_admin", district="310104")])
def test_a_sibling_sub_district_or_another_district_cannot_rename_or_retire(compound, ctx):
    before = contents(compound)
    with pytest.raises((NotFound, PermissionDenied)):
        call(compound, ctx, territory.rename_division, code=COMM_A, name="别人的社区")
    with pytest.raises((NotFound, PermissionDenied)):
        call(compound, ctx, territory.retire_division, code=UNIT, reason="撤销")
    assert contents(compound) == before


def test_sub_district_staff_do_not_change_territory_even_their_own(compound):
    with pytest.raises(PermissionDenied):
        call(compound, ctx_for("subdistrict_staff", subdistrict=SUB_A), territory.rename_division, code=COMM_A,
             name="新名")


# ---- retiring (撤销)

def test_a_division_with_anything_active_attached_is_not_retired_and_the_refusal_says_what(world):
    db = world.db
    before = contents(db)
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), territory.retire_division, code=COMM_A, reason="撤并")
    message = str(err.value)
    assert err.value.field == "code"
    assert f"1 active child division(s) ({GRID_A})" in message
    assert "5 active organisation(s)" in message
    assert "6 resident(s) living here" in message
    assert contents(db) == before


def test_a_compound_with_a_building_is_not_retired_until_the_building_is(compound):
    db = compound
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), territory.retire_division, code=COMPOUND, reason="拆迁")
    assert BUILDING in str(err.value)
    for code in (UNIT, BUILDING, COMPOUND):
        retired = call(db, admin(), territory.retire_division, code=code, effective_on="2026-06-01", reason="拆迁")
        assert retired["status"] == "retired" and retired["retired_on"] == "2026-06-01"
    assert [e["payload"]["division"]["code"] for e in events(db, "division.retired")] == [UNIT, BUILDING, COMPOUND]
    assert events(db, "division.retired")[0]["payload"]["reason"] == "拆迁"


def test_a_retirement_needs_a_reason(compound):
    before = contents(compound)
    with pytest.raises(InvalidArgument) as err:
        call(compound, admin(), territory.retire_division, code=UNIT)
    assert err.value.field == "reason"
    assert contents(compound) == before


def test_a_retired_division_is_no_longer_offered_but_its_history_is_read_back(compound):
    db = compound
    call(db, admin(), territory.retire_division, code=UNIT, reason="合并单元")
    with pytest.raises(NotFound) as err:
        read(db, admin(), territory.get_division, code=UNIT)
    assert "retired on 2026-06-01" in str(err.value)
    assert codes(read(db, admin(), territory.list_children, code=BUILDING)) == []
    assert UNIT not in codes(read(db, admin(), territory.list_subtree, code=COMM_A))
    history = read(db, admin(), territory.get_division_history, code=UNIT)
    assert history["division"]["status"] == "retired"
    assert [c["change"] for c in history["changes"]] == ["created", "retired"]
    assert history["changes"][1]["reason"] == "合并单元"
    # it is neither renamed, retired again nor re-created (a code is not reused)
    with pytest.raises(NotFound):
        call(db, admin(), territory.rename_division, code=UNIT, name="新单元")
    with pytest.raises(NotFound):
        call(db, admin(), territory.retire_division, code=UNIT, reason="again")
    with pytest.raises(AlreadyExists):
        make(db, UNIT, "unit", "1单元")


def test_nothing_is_created_under_a_retired_division(compound):
    db = compound
    for code in (UNIT, BUILDING):
        call(db, admin(), territory.retire_division, code=code, reason="拆除")
    with pytest.raises(FailedPrecondition) as err:
        make(db, f"{BUILDING}-U02", "unit", "2单元")
    assert err.value.field == "parent_code" and "retired" in str(err.value)


def test_a_retired_community_takes_no_new_organisation_or_resident(world):
    db = world.db
    call(db, admin(), territory.create_division, code="310101002003", level="community", name="新村")
    call(db, admin(), territory.retire_division, code="310101002003", reason="撤村并居")
    with pytest.raises(NotFound):
        call(db, admin(), orgs.found_organisation, kind="residents_committee", name="居委会",
             division_code="310101002003")
    with pytest.raises(NotFound):
        call(db, admin(), people.register_person, name="新居民", home_community="310101002003")


def test_a_retired_community_is_not_found_by_the_other_services_registry_client(world, settings):
    """What mediation and points ask before opening a case or an account there: division_in over gRPC."""
    db = world.db
    call(db, admin(), territory.create_division, code="310101002003", level="community", name="新村")
    server = GrpcServer("registry", SERVICE.full_name,
                        lambda s: pb_grpc.add_RegistryServicer_to_server(RegistryServicer(db), s),
                        port=0, http_port=None, host="127.0.0.1").start()
    client = RegistryClient(f"127.0.0.1:{server.port}", settings, caller="mediation")
    try:
        with replaced(client):
            assert division_in("310101", COMM_A, "community")["name"] == "幸福社区"
            call(db, admin(), territory.retire_division, code="310101002003", reason="撤村并居")
            with pytest.raises(NotFound) as err:
                division_in("310101", "310101002003", "community")
            assert err.value.field == "community"
    finally:
        client.close()
        server.stop(grace=0)


# ---- ending a department pairing (结束结对)

def _paired(world):
    return call(world.db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code=COMM_A,
                started_on="2026-01-01")


def test_an_ended_pairing_is_no_longer_current(world):
    db = world.db
    pairing = _paired(world)
    ended = call(db, admin(), orgs.end_pairing, id=pairing["id"], ended_on="2026-06-01", reason="结对期满")
    assert ended["ended_on"] == "2026-06-01" and ended["end_reason"] == "结对期满"
    assert read(db, admin(), orgs.list_pairings, community_code=COMM_A)["items"] == []
    assert read(db, admin(), orgs.list_pairings, department_id=world.org("organ"))["items"] == []
    # the department may be paired with the community again
    assert call(db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code=COMM_A)["id"]


def test_ending_a_pairing_again_is_a_harmless_retry(world):
    db = world.db
    pairing = _paired(world)
    first = call(db, admin(), orgs.end_pairing, id=pairing["id"], ended_on="2026-06-01", reason="结对期满")
    before = contents(db)
    assert call(db, admin(), orgs.end_pairing, id=pairing["id"], ended_on="2026-06-01", reason="结对期满") == first
    assert call(db, admin(), orgs.end_pairing, id=pairing["id"]) == first
    assert contents(db) == before
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), orgs.end_pairing, id=pairing["id"], ended_on="2026-06-02")
    assert err.value.field == "id" and "2026-06-01" in str(err.value)


@pytest.mark.parametrize("params,field", [
    ({"ended_on": "2025-12-31"}, "ended_on"),      # before it started
    ({"ended_on": "someday"}, "ended_on"),
    ({"reason": "\x00"}, "reason"),
])
def test_a_bad_end_names_the_field_and_changes_nothing(world, params, field):
    pairing = _paired(world)
    before = contents(world.db)
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.end_pairing, id=pairing["id"], **params)
    assert err.value.field == field
    assert contents(world.db) == before


def test_a_pairing_is_ended_by_the_district_only_and_never_from_a_sibling_scope(world):
    pairing = _paired(world)
    before = contents(world.db)
    for ctx in (SIBLING_ADMIN, ctx_for("district_admin", district="310104"),
                ctx_for("community_worker", subdistrict=SUB_A, community=COMM_A)):
        with pytest.raises((NotFound, PermissionDenied)):
            call(world.db, ctx, orgs.end_pairing, id=pairing["id"])
    assert contents(world.db) == before


def test_a_retired_community_with_a_running_pairing_is_refused_naming_it(world):
    db = world.db
    call(db, admin(), territory.create_division, code="310101002003", level="community", name="新村")
    pairing = call(db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code="310101002003")
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), territory.retire_division, code="310101002003", reason="撤村并居")
    assert f"1 running department pairing(s) ({pairing['id']})" in str(err.value)
    call(db, admin(), orgs.end_pairing, id=pairing["id"], reason="社区撤销")
    assert call(db, admin(), territory.retire_division, code="310101002003", reason="撤村并居")["status"] == "retired"


def test_a_retired_division_is_not_exported_and_a_file_naming_it_is_refused(compound):
    from services.registry.app.records import export_rows, import_records

    db = compound
    call(db, admin(), territory.retire_division, code=UNIT, reason="合并单元")
    with db.uow(admin()) as uow:
        exported = [row[0] for row in export_rows(uow, "divisions")]
    assert BUILDING in exported and UNIT not in exported
    content = f"code,level,name,parent_code\n{UNIT},unit,1单元,{BUILDING}\n".encode()
    report = call(db, admin(), import_records, kind="divisions", format="csv", content=content)
    assert report["written"] == 0
    assert [(p["column"], "retired" in p["reason"]) for p in report["problems"]] == [("code", True)]
