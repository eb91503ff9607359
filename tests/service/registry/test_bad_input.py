"""Bad input is refused with the right error and leaves every table exactly as it was."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.registry.app import organisations as orgs
from services.registry.app import people, ratings, territory
from tests.service.registry.conftest import (COMM_A, GRID_A, SUB_A, admin, call, clear_events, contents, events, read,
                                             snapshot)


def _refused(world, error, fn, field=None, **params):
    before = snapshot(world.db)
    with pytest.raises(error) as err:
        call(world.db, admin(), fn, **params)
    if field is not None:
        assert err.value.field == field
    assert snapshot(world.db) == before
    assert events(world.db) == []
    return err.value


@pytest.mark.parametrize("code,level", [
    ("31010100", "subdistrict"), ("31010100Z", "subdistrict"), ("3101010020011", "community"),
    ("310101002001-G", "grid"), ("310101002001-C", "compound"), ("310100", "district"), ("", "community"),
])
def test_malformed_division_codes(world, code, level):
    _refused(world, InvalidArgument, territory.create_division, "code", code=code, level=level, name="坏")


@pytest.mark.parametrize("code", ["3101010", "310101002001-G1", "31010100200"])
def test_malformed_codes_in_organisation_and_people_calls(world, code):
    _refused(world, (NotFound, InvalidArgument), orgs.found_organisation, kind="branch", name="x",
             division_code=code, parent_id=world.org("cc"))
    _refused(world, (NotFound, InvalidArgument), people.register_person, name="x", home_community=code)


@pytest.mark.parametrize("code", ["not-a-code", "31O101"])
def test_a_code_that_is_no_division_code_is_invalid_not_out_of_scope(world, code):
    err = _refused(world, InvalidArgument, orgs.found_organisation, "division_code", kind="branch", name="x",
                   division_code=code, parent_id=world.org("cc"))
    assert "not a division code" in err.message


def test_a_cycle_in_the_tree(world):
    err = _refused(world, InvalidArgument, orgs.move_organisation, "parent_id", id=world.org("wc"),
                   parent_id=world.org("b1"))
    assert "cycle" in err.message
    tree = read(world.db, admin(), orgs.list_organisation_tree, id=world.org("wc"))
    assert tree["items"][0]["id"] == world.org("wc") and len(tree["items"]) == 5


def test_duplicates_are_already_exists(world):
    _refused(world, AlreadyExists, territory.create_division, "code", code=GRID_A, level="grid", name="again")
    _refused(world, AlreadyExists, orgs.found_organisation, "name", kind="working_committee", name="东湖街道党工委",
             division_code=SUB_A)
    call(world.db, admin(), people.join_organisation, person_id=world.person("p1"), organisation_id=world.org("b1"))
    call(world.db, admin(), people.add_reserve_cadre, community_code=COMM_A, person_id=world.person("p2"))
    clear_events(world.db)
    _refused(world, AlreadyExists, people.join_organisation, "person_id", person_id=world.person("p1"),
             organisation_id=world.org("b1"))
    _refused(world, AlreadyExists, people.add_reserve_cadre, "person_id", community_code=COMM_A,
             person_id=world.person("p2"))


def test_unknown_ids_are_not_found(world):
    _refused(world, NotFound, orgs.rename_organisation, "id", id="nope", name="x")
    _refused(world, NotFound, orgs.found_organisation, "parent_id", kind="branch", name="x", division_code=COMM_A,
             parent_id="nope")
    _refused(world, NotFound, people.join_organisation, "person_id", person_id="nope", organisation_id=world.org("b1"))
    _refused(world, NotFound, people.end_membership, "id", id="nope")
    _refused(world, NotFound, ratings.submit_inspection, "organisation_id", organisation_id="nope", year=2026,
             quarter=1, items={"records": 1})


def test_failed_preconditions(world):
    _refused(world, FailedPrecondition, orgs.dissolve_organisation, "id", id=world.org("wc"), reason="x")
    _refused(world, FailedPrecondition, territory.create_division, "parent_code", code="310101007001",
             level="community", name="x")


def test_an_unknown_or_missing_parameter_is_refused_before_anything_runs(world):
    err = _refused(world, InvalidArgument, orgs.rename_organisation, "colour", id=world.org("b1"), name="x",
                   colour="red")
    assert "rename_organisation takes id, name, effective_on, reason" in err.message
    _refused(world, InvalidArgument, orgs.rename_organisation, "name", id=world.org("b1"))
    _refused(world, InvalidArgument, orgs.rename_organisation, "name", id=world.org("b1"), name="")


def test_a_use_case_that_fails_half_way_keeps_nothing(world):
    """The unit of work rolls back: no audit entry, no event, no half-made rows."""
    _refused(world, NotFound, orgs.split_organisation, None, id=world.org("b1"),
             parts=[{"name": "甲"}, {"name": "乙", "division_code": "310101002001-G77"}])
    assert [o["name"] for o in read(world.db, admin(), orgs.list_organisations, kind="branch",
                                     division_code=COMM_A)["items"]] == ["第一党支部", "第二党支部"]


@pytest.mark.parametrize("fn,params", [
    (people.register_person, {"name": "张三", "home_community": COMM_A}),
    (orgs.found_organisation, {"kind": "branch", "name": "新支部", "division_code": COMM_A}),
])
def test_an_external_reference_longer_than_its_column_is_refused_naming_it(db, world, fn, params):
    """10,000 characters into a 64-character column: PostgreSQL crashed the insert (INTERNAL), SQLite kept it."""
    if fn is orgs.found_organisation:
        params = {**params, "parent_id": world.org("cc")}
    before = snapshot(db)
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), fn, external_ref="r" * 10_000, **params)
    assert err.value.field == "external_ref" and "64" in err.value.message
    assert snapshot(db) == before


def test_a_bad_part_of_a_split_is_named_with_its_index(db, world):
    """The message named only "name", not which part of the split was nameless."""
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.split_organisation, id=world.org("b1"),
             parts=[{"name": "一支部"}, {"name": "  "}])
    assert err.value.field == "parts[1].name"


@pytest.mark.parametrize("parts,field", [
    ([{"name": "甲", "person_ids": ["p1", "p5"]}], "parts[0].person_ids[1]"),                # p5 is no member
    ([{"name": "甲", "person_ids": ["p1"]}, {"name": "乙", "person_ids": ["p1"]}], "parts[1].person_ids[0]"),
    ([{"name": "甲", "child_ids": ["nope"]}], "parts[0].child_ids[0]"),
])
def test_a_bad_id_in_a_split_is_named_with_its_place_in_the_list(world, parts, field):
    """The message named only parts[i].person_ids (or child_ids), not which id of the list was bad."""
    db = world.db
    call(db, admin(), people.join_organisation, person_id=world.person("p1"), organisation_id=world.org("b1"))
    clear_events(db)
    parts = [{**part, "person_ids": [world.person(k) for k in part.get("person_ids", [])]} for part in parts]
    before = contents(db)
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), orgs.split_organisation, id=world.org("b1"), parts=parts)
    assert err.value.field == field and err.value.message
    assert contents(db) == before and events(db) == []


def test_a_project_picked_twice_is_named_where_it_repeats(world):
    """The message named only volunteer_projects; the place counts the blank that is dropped."""
    err = _refused(world, InvalidArgument, people.register_in_service, "volunteer_projects[2]",
                   person_id=world.person("p1"), community_code=COMM_A, employer_id=world.org("organ"),
                   volunteer_projects=["政策宣讲", " ", "政策宣讲 "])
    assert "twice" in err.message


def test_a_bad_published_contact_is_named_as_such(db, world):
    """The message named "phone", a field RegisterInService does not have."""
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), people.register_in_service, person_id=world.person("p1"), community_code=COMM_A,
             employer_id=world.org("organ"), volunteer_projects=["政策宣讲"], published_contact="call me")
    assert err.value.field == "published_contact"
