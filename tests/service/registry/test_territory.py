"""Divisions and tree queries (children, ancestors, subtree), scoped by district."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.registry import models as m
from services.registry.app import territory
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for
from tests.service.registry.conftest import (COMM_A, COMM_A2, COMM_A3, COMM_B, GRID_A, SUB_A, SUB_A3, admin, call,
                                             count, read)


def codes(result):
    return [d["code"] for d in result["items"]]


def test_children_of_a_district_subdistrict_and_community(db):
    assert codes(read(db, admin(), territory.list_children, code=DISTRICT_A)) == [SUB_A, SUB_A3]
    assert codes(read(db, admin(), territory.list_children, code=SUB_A)) == [COMM_A, COMM_A2]
    assert codes(read(db, admin(), territory.list_children, code=COMM_A)) == [GRID_A]
    assert codes(read(db, admin(), territory.list_children, code=GRID_A)) == []


def test_ancestors_from_the_district_down(db):
    call(db, admin(), territory.create_division, code=f"{GRID_A}-C01", level="compound", name="阳光小区")
    assert codes(read(db, admin(), territory.list_ancestors, code=f"{GRID_A}-C01")) == [DISTRICT_A, SUB_A, COMM_A,
                                                                                         GRID_A]
    assert codes(read(db, admin(), territory.list_ancestors, code=DISTRICT_A)) == []


def test_subtree_includes_the_node_and_everything_below_in_code_order(db):
    assert codes(read(db, admin(), territory.list_subtree, code=SUB_A)) == [SUB_A, COMM_A, GRID_A, COMM_A2]
    assert codes(read(db, admin(), territory.list_subtree, code=DISTRICT_A)) == [
        DISTRICT_A, SUB_A, COMM_A, GRID_A, COMM_A2, SUB_A3, COMM_A3]


def test_the_subtree_of_one_district_never_includes_another(db):
    city = ctx_for("city_admin", district=None)
    assert COMM_B not in codes(read(db, city, territory.list_subtree, code=DISTRICT_A))
    assert codes(read(db, city, territory.list_subtree, code=DISTRICT_B)) == [DISTRICT_B, "310104001", COMM_B]


@pytest.mark.parametrize("fn", [territory.list_children, territory.list_ancestors, territory.list_subtree,
                                territory.get_division])
def test_tree_queries_of_another_district_are_denied(db, fn):
    with pytest.raises(PermissionDenied):
        read(db, admin(DISTRICT_B), fn, code=SUB_A)
    with pytest.raises(PermissionDenied):
        read(db, admin(DISTRICT_A), fn, code=COMM_B)


def test_a_city_admin_reads_every_district(db):
    city = ctx_for("city_admin", district=None)
    assert codes(read(db, city, territory.list_children, code=DISTRICT_B)) == ["310104001"]
    assert read(db, city, territory.get_division, code=COMM_A)["name"] == "幸福社区"


def test_a_subdistrict_scope_sees_its_ancestors_but_not_its_siblings(db):
    staff = ctx_for("subdistrict_staff", subdistrict=SUB_A)
    assert codes(read(db, staff, territory.list_children, code=DISTRICT_A)) == [SUB_A]
    assert codes(read(db, staff, territory.list_ancestors, code=COMM_A)) == [DISTRICT_A, SUB_A]
    assert codes(read(db, staff, territory.list_subtree, code=DISTRICT_A)) == [DISTRICT_A, SUB_A, COMM_A, GRID_A,
                                                                               COMM_A2]
    with pytest.raises(PermissionDenied):
        read(db, staff, territory.list_children, code=SUB_A3)


def test_an_unknown_division_is_not_found(db):
    with pytest.raises(NotFound) as err:
        read(db, admin(), territory.get_division, code="310101002099")
    assert err.value.field == "code"


def test_create_checks_the_parent_exists(db):
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), territory.create_division, code="310101009001", level="community", name="孤儿社区")
    assert err.value.field == "parent_code"
    assert count(db, m.Division, m.Division.code == "310101009001") == 0


def test_create_refuses_a_duplicate(db):
    with pytest.raises(AlreadyExists) as err:
        call(db, admin(), territory.create_division, code=COMM_A, level="community", name="again")
    assert err.value.field == "code"
    assert read(db, admin(), territory.get_division, code=COMM_A)["name"] == "幸福社区"


def test_create_refuses_a_code_of_another_district(db):
    before = count(db, m.Division)
    with pytest.raises(PermissionDenied):
        call(db, admin(DISTRICT_B), territory.create_division, code="310101002005", level="community", name="x")
    assert count(db, m.Division) == before


def test_only_admins_change_territory(db):
    with pytest.raises(PermissionDenied):
        call(db, ctx_for("community_worker"), territory.create_division, code="310101002005", level="community",
             name="x")


def test_create_compound_under_a_grid_and_under_a_community(db):
    call(db, admin(), territory.create_division, code=f"{GRID_A}-C01", level="compound", name="阳光小区")
    r = call(db, admin(), territory.create_division, code=f"{COMM_A2}-C01", level="compound", name="和谐小区")
    assert r["parent_code"] == COMM_A2
    assert codes(read(db, admin(), territory.list_children, code=GRID_A)) == [f"{GRID_A}-C01"]


def test_malformed_codes_write_nothing(db):
    before = count(db, m.Division)
    for code, level in (("31010100X", "subdistrict"), ("3101010021", "subdistrict"), ("310101002001-G1", "grid"),
                        ("310100", "district"), ("310101000", "subdistrict")):
        with pytest.raises(InvalidArgument) as err:
            call(db, admin(), territory.create_division, code=code, level=level, name="bad")
        assert err.value.field == "code"
    assert count(db, m.Division) == before


def test_a_parent_that_the_code_does_not_extend_is_refused(db):
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), territory.create_division, code="310101002005", level="community", name="x",
             parent_code=SUB_A3)
    assert err.value.field == "parent_code"
