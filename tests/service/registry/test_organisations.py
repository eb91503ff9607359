"""Organisations: found, rename with history, move, dissolve, merge, split, partner units and pairings."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, PermissionDenied
from services.registry import models as m
from services.registry.app import organisations as orgs
from services.registry.app import people
from tests.conftest import ctx_for
from tests.service.registry.conftest import (COMM_A, COMM_A2, COMM_A3, GRID_A, SUB_A, admin, call, clear_events,
                                             count, events, get, read)


def ids(result):
    return [o["id"] for o in result["items"]]


# ---- found

def test_found_records_the_organisation_its_first_name_and_an_event(world):
    db = world.db
    org = call(db, admin(), orgs.found_organisation, kind="functional_group", name="  志愿服务小组 ",
               division_code=COMM_A, parent_id=world.org("cc"), founded_on="2025-07-01", external_ref="FG-1")
    assert org["name"] == "志愿服务小组" and org["founded_on"] == "2025-07-01" and org["version"] == 1
    assert org["district"] == "310101" and org["external_ref"] == "FG-1"
    history = read(db, admin(), orgs.get_name_history, id=org["id"])["names"]
    assert history == [{"name": "志愿服务小组", "valid_from": "2025-07-01", "changed_by": "tester",
                        "reason": "founded"}]
    [created] = events(db, "organisation.created")
    assert created["payload"]["organisation"]["id"] == org["id"]
    assert created["district"] == "310101" and created["subdistrict"] == SUB_A
    assert created["source"] == "registry"


def test_found_refuses_a_duplicate_active_name_in_the_same_division(world):
    before = count(world.db, m.Organisation)
    with pytest.raises(AlreadyExists) as err:
        call(world.db, admin(), orgs.found_organisation, kind="branch", name="第一党支部", division_code=COMM_A,
             parent_id=world.org("cc"))
    assert err.value.field == "name"
    assert count(world.db, m.Organisation) == before
    assert events(world.db) == []


def test_found_refuses_a_duplicate_external_reference(world):
    call(world.db, admin(), orgs.found_organisation, kind="branch", name="A", division_code=COMM_A,
         parent_id=world.org("cc"), external_ref="R1")
    with pytest.raises(AlreadyExists) as err:
        call(world.db, admin(), orgs.found_organisation, kind="branch", name="B", division_code=COMM_A,
             parent_id=world.org("cc"), external_ref="R1")
    assert err.value.field == "external_ref"


def test_found_checks_placement(world):
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.found_organisation, kind="branch", name="孤支部", division_code=COMM_A)
    assert err.value.field == "parent_id"
    with pytest.raises(InvalidArgument) as err:   # a community committee of another community's tree
        call(world.db, admin(), orgs.found_organisation, kind="branch", name="外支部", division_code=COMM_A3,
             parent_id=world.org("cc"))
    assert err.value.field == "division_code"
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.found_organisation, kind="grid_branch", name="错网格", division_code=COMM_A,
             parent_id=world.org("cc"))
    assert err.value.field == "division_code"


def test_a_branch_inside_a_partner_unit_names_its_host(world):
    branch = call(world.db, admin(), orgs.found_organisation, kind="new_org_branch", name="供电公司党支部",
                  division_code=COMM_A, parent_id=world.org("cc"), host_unit_id=world.org("soe"))
    assert branch["host_unit_id"] == world.org("soe")
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.found_organisation, kind="new_org_branch", name="x", division_code=COMM_A,
             parent_id=world.org("cc"), host_unit_id=world.org("b1"))
    assert err.value.field == "host_unit_id"


def test_a_social_organisation_may_be_stationed_without_a_branch(world):
    so = call(world.db, admin(), orgs.found_organisation, kind="social_organisation", name="阳光社工",
              division_code=COMM_A)
    assert "parent_id" not in so and "partner_kind" not in so


# ---- partner units and pairings

def test_a_partner_unit_needs_its_kind(world):
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.found_organisation, kind="partner_unit", name="某公司", division_code=COMM_A)
    assert err.value.field == "partner_kind"
    unit = call(world.db, admin(), orgs.found_organisation, kind="partner_unit", name="某公司", division_code=COMM_A,
                partner_kind="private_enterprise")
    assert unit["partner_kind"] == "private_enterprise"
    listed = read(world.db, admin(), orgs.list_organisations, kind="partner_unit")
    assert {o["partner_kind"] for o in listed["items"]} == {"party_government_organ", "state_owned_enterprise",
                                                            "private_enterprise"}


def test_a_city_department_is_paired_with_communities(world):
    db = world.db
    p1 = call(db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code=COMM_A,
              started_on="2026-01-01")
    call(db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code=COMM_A2)
    assert p1["started_on"] == "2026-01-01"
    by_dept = read(db, admin(), orgs.list_pairings, department_id=world.org("organ"))
    assert sorted(p["community_code"] for p in by_dept["items"]) == [COMM_A, COMM_A2]
    by_comm = read(db, admin(), orgs.list_pairings, community_code=COMM_A2)
    assert [p["department_id"] for p in by_comm["items"]] == [world.org("organ")]


def test_only_a_party_government_organ_is_paired(world):
    for org in ("soe", "b1"):
        with pytest.raises(InvalidArgument) as err:
            call(world.db, admin(), orgs.pair_department, department_id=world.org(org), community_code=COMM_A)
        assert err.value.field == "department_id"
    assert count(world.db, m.Pairing) == 0


def test_pairing_targets_a_community(world):
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code=SUB_A)
    assert err.value.field == "community_code"


def test_a_pairing_is_not_made_twice(world):
    call(world.db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code=COMM_A)
    with pytest.raises(AlreadyExists):
        call(world.db, admin(), orgs.pair_department, department_id=world.org("organ"), community_code=COMM_A)
    assert count(world.db, m.Pairing) == 1


def test_only_district_admins_pair_departments(world):
    with pytest.raises(PermissionDenied):
        call(world.db, ctx_for("subdistrict_staff", subdistrict=SUB_A), orgs.pair_department,
             department_id=world.org("organ"), community_code=COMM_A)


# ---- rename

def test_rename_keeps_the_history(world, fixed_clock):
    db, b1 = world.db, world.org("b1")
    fixed_clock.advance(days=30)
    r = call(db, admin(), orgs.rename_organisation, id=b1, name="先锋党支部", reason="创建先锋支部")
    assert r["name"] == "先锋党支部" and r["version"] == 2
    call(db, admin(), orgs.rename_organisation, id=b1, name="红旗党支部", effective_on="2026-08-01")
    history = read(db, admin(), orgs.get_name_history, id=b1)["names"]
    assert [(h["name"], h["valid_from"], h.get("valid_to")) for h in history] == [
        ("第一党支部", "2026-06-01", "2026-07-01"),
        ("先锋党支部", "2026-07-01", "2026-08-01"),
        ("红旗党支部", "2026-08-01", None),
    ]
    assert history[1]["reason"] == "创建先锋支部"
    assert read(db, admin(), orgs.get_organisation, id=b1)["name"] == "红旗党支部"
    updated = events(db, "organisation.updated")
    assert [e["payload"]["change"] for e in updated] == ["renamed", "renamed"]
    assert updated[0]["payload"]["previous_name"] == "第一党支部"
    assert updated[1]["payload"]["organisation"]["name"] == "红旗党支部"


def test_rename_refuses_the_same_name_and_a_date_before_the_current_name(world):
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.rename_organisation, id=world.org("b1"), name="第一党支部")
    assert err.value.field == "name"
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.rename_organisation, id=world.org("b1"), name="新", effective_on="2020-01-01")
    assert err.value.field == "effective_on"
    assert len(read(world.db, admin(), orgs.get_name_history, id=world.org("b1"))["names"]) == 1


# ---- move

def test_move_under_a_new_parent(world):
    db = world.db
    general = call(db, admin(), orgs.found_organisation, kind="general_branch", name="第一党总支", division_code=COMM_A,
                   parent_id=world.org("cc"))
    moved = call(db, admin(), orgs.move_organisation, id=world.org("b1"), parent_id=general["id"], reason="调整")
    assert moved["parent_id"] == general["id"] and moved["version"] == 2
    tree = read(db, admin(), orgs.list_organisation_tree, id=general["id"])
    assert ids(tree) == [general["id"], world.org("b1")]
    [event] = [e for e in events(db, "organisation.updated") if e["payload"]["change"] == "moved"]
    assert event["payload"]["previous_parent_id"] == world.org("cc")


@pytest.mark.parametrize("new_parent", ["b1", "cc"])
def test_moving_into_its_own_subtree_is_a_cycle_and_changes_nothing(world, new_parent):
    db = world.db
    target = world.org("cc")
    # cc -> b1; moving cc under b1 (its child) or under itself would loop
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.move_organisation, id=target, parent_id=world.org(new_parent))
    assert err.value.field == "parent_id" and "cycle" in err.value.message
    after = get(db, m.Organisation, target)
    assert after.parent_id == world.org("wc") and after.version == 1
    assert events(db) == []


def test_move_checks_the_new_parents_kind_and_division(world):
    db = world.db
    cc2 = call(db, admin(), orgs.found_organisation, kind="community_committee", name="和谐社区党委",
               division_code=COMM_A2, parent_id=world.org("wc"))
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.move_organisation, id=world.org("b1"), parent_id=cc2["id"])
    assert err.value.field == "division_code"
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.move_organisation, id=world.org("b1"), parent_id=world.org("soe"))
    assert err.value.field == "parent_id"
    assert get(db, m.Organisation, world.org("b1")).parent_id == world.org("cc")


# ---- dissolve

def test_dissolve_is_refused_while_children_are_active(world):
    with pytest.raises(FailedPrecondition) as err:
        call(world.db, admin(), orgs.dissolve_organisation, id=world.org("cc"), reason="撤销")
    assert "3 active organisation(s)" in err.value.message
    assert get(world.db, m.Organisation, world.org("cc")).status == "active"


def test_dissolve_ends_memberships_and_posts(world):
    db, b2 = world.db, world.org("b2")
    ms = call(db, admin(), people.join_organisation, person_id=world.person("p2"), organisation_id=b2)
    post = call(db, admin(), people.appoint_post, organisation_id=b2, person_id=world.person("p2"), title="secretary")
    clear_events(db)
    r = call(db, admin(), orgs.dissolve_organisation, id=b2, reason="支部撤销", dissolved_on="2026-06-01")
    assert r["status"] == "dissolved" and r["dissolved_on"] == "2026-06-01"
    row = get(db, m.Membership, ms["id"])
    assert str(row.ended_on) == "2026-06-01" and row.end_reason == "organisation dissolved"
    assert str(get(db, m.Post, post["id"]).ended_on) == "2026-06-01"
    assert read(db, admin(), people.list_memberships, person_id=world.person("p2"))["items"] == []
    assert [e["event_type"] for e in events(db)] == ["membership.changed", "organisation.dissolved"]
    assert events(db, "organisation.dissolved")[0]["payload"]["reason"] == "支部撤销"
    assert events(db, "membership.changed")[0]["payload"]["change"] == "ended"
    assert b2 not in ids(read(db, admin(), orgs.list_organisations))
    assert b2 in ids(read(db, admin(), orgs.list_organisations, include_dissolved=True))


def test_dissolve_needs_a_reason_and_a_date_after_founding(world):
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.dissolve_organisation, id=world.org("b2"), reason="  ")
    assert err.value.field == "reason"
    with pytest.raises(InvalidArgument) as err:
        call(world.db, admin(), orgs.dissolve_organisation, id=world.org("b2"), reason="x", dissolved_on="2020-01-01")
    assert err.value.field == "dissolved_on"
    assert get(world.db, m.Organisation, world.org("b2")).status == "active"


def test_a_dissolved_organisation_cannot_be_changed_or_joined(world):
    db, b2 = world.db, world.org("b2")
    call(db, admin(), orgs.dissolve_organisation, id=b2, reason="撤销")
    for fn, params in ((orgs.dissolve_organisation, {"id": b2, "reason": "again"}),
                       (orgs.rename_organisation, {"id": b2, "name": "复活"}),
                       (people.join_organisation, {"person_id": world.person("p1"), "organisation_id": b2})):
        with pytest.raises(FailedPrecondition):
            call(db, admin(), fn, **params)
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), orgs.found_organisation, kind="party_group", name="小组", division_code=COMM_A, parent_id=b2)
    assert err.value.field == "parent_id"


# ---- merge

def test_merge_moves_children_and_members_and_dissolves_the_source(world):
    db, b1, b2 = world.db, world.org("b1"), world.org("b2")
    group = call(db, admin(), orgs.found_organisation, kind="party_group", name="第二党小组", division_code=COMM_A,
                 parent_id=b2)
    call(db, admin(), people.join_organisation, person_id=world.person("p2"), organisation_id=b2)
    call(db, admin(), people.join_organisation, person_id=world.person("p1"), organisation_id=b1)
    clear_events(db)
    target = call(db, admin(), orgs.merge_organisations, source_id=b2, target_id=b1, merged_on="2026-06-01")
    assert target["id"] == b1 and target["version"] == 2
    source = read(db, admin(), orgs.get_organisation, id=b2)
    assert source["status"] == "dissolved" and source["merged_into_id"] == b1
    assert get(db, m.Organisation, group["id"]).parent_id == b1
    members = read(db, admin(), people.list_memberships, organisation_id=b1)["items"]
    assert sorted(x["person_id"] for x in members) == sorted([world.person("p1"), world.person("p2")])
    ended = read(db, admin(), people.list_memberships, person_id=world.person("p2"), include_ended=True)["items"]
    assert [x["end_reason"] for x in ended if x["organisation_id"] == b2] == [f"merged into {b1}"]
    types = [e["event_type"] for e in events(db)]
    assert types.count("organisation.dissolved") == 1 and "membership.changed" in types
    merged = [e for e in events(db, "organisation.updated") if e["payload"]["change"] == "merged"]
    assert merged[0]["payload"]["merged_from_id"] == b2


def test_merge_refuses_different_kinds_itself_and_dissolved(world):
    db = world.db
    with pytest.raises(InvalidArgument):
        call(db, admin(), orgs.merge_organisations, source_id=world.org("b1"), target_id=world.org("grid"))
    with pytest.raises(InvalidArgument):
        call(db, admin(), orgs.merge_organisations, source_id=world.org("b1"), target_id=world.org("b1"))
    call(db, admin(), orgs.dissolve_organisation, id=world.org("b2"), reason="撤销")
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), orgs.merge_organisations, source_id=world.org("b2"), target_id=world.org("b1"))
    assert err.value.field == "source_id"
    assert get(db, m.Organisation, world.org("b1")).version == 1


# ---- split

def test_split_founds_new_organisations_and_moves_the_named_members_and_children(world):
    db, b1 = world.db, world.org("b1")
    group = call(db, admin(), orgs.found_organisation, kind="party_group", name="党小组", division_code=COMM_A,
                 parent_id=b1)
    for key in ("p1", "p2", "p3"):
        call(db, admin(), people.join_organisation, person_id=world.person(key), organisation_id=b1)
    clear_events(db)
    result = call(db, admin(), orgs.split_organisation, id=b1, reason="党员超过50人", parts=[
        {"name": "第一党支部(东区)", "person_ids": [world.person("p2")], "child_ids": [group["id"]]},
        {"name": "第一党支部(西区)", "person_ids": [world.person("p3")]},
    ])
    original, east, west = result["items"]
    assert original["id"] == b1 and original["version"] == 2
    assert east["split_from_id"] == b1 and east["parent_id"] == world.org("cc") and east["kind"] == "branch"
    assert get(db, m.Organisation, group["id"]).parent_id == east["id"]
    assert [x["person_id"] for x in read(db, admin(), people.list_memberships, organisation_id=east["id"])["items"]] \
        == [world.person("p2")]
    assert [x["person_id"] for x in read(db, admin(), people.list_memberships, organisation_id=b1)["items"]] \
        == [world.person("p1")]
    created = events(db, "organisation.created")
    assert [e["payload"]["split_from_id"] for e in created] == [b1, b1]
    assert len(events(db, "membership.changed")) == 2


def test_split_refuses_non_members_and_people_named_twice(world):
    db, b1 = world.db, world.org("b1")
    call(db, admin(), people.join_organisation, person_id=world.person("p1"), organisation_id=b1)
    before = count(db, m.Organisation)
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.split_organisation, id=b1, parts=[{"name": "A", "person_ids": [world.person("p5")]}])
    assert err.value.field == "parts[0].person_ids[0]"
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.split_organisation, id=b1, parts=[{"name": "A", "person_ids": [world.person("p1")]},
                                                                 {"name": "B", "person_ids": [world.person("p1")]}])
    assert err.value.field == "parts[1].person_ids[0]"
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.split_organisation, id=b1, parts=[])
    assert count(db, m.Organisation) == before


# ---- listings

def test_list_organisations_by_division_and_kind(world):
    db = world.db
    in_comm = ids(read(db, admin(), orgs.list_organisations, division_code=COMM_A))
    assert world.org("grid") in in_comm and world.org("wc") not in in_comm
    grid_only = ids(read(db, admin(), orgs.list_organisations, division_code=GRID_A))
    assert grid_only == [world.org("grid")]
    with pytest.raises(InvalidArgument):
        read(db, admin(), orgs.list_organisations, kind="club")


def test_list_organisations_never_includes_another_district(world):
    everything = ids(read(world.db, admin(), orgs.list_organisations))
    assert world.org("b_b") not in everything and world.org("b1") in everything
    city = ids(read(world.db, ctx_for("city_admin", district=None), orgs.list_organisations))
    assert world.org("b_b") in city and world.org("b1") in city
