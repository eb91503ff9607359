"""What may sit under what (组织), division levels per kind, cycles, merges and partner kinds."""
from __future__ import annotations

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.registry.domain import organisations as rules
from services.registry.domain.organisations import (ALLOWED_PARENTS, BRANCH_KINDS, DIVISION_LEVEL, KINDS,
                                                    PARTY_UNIT_KINDS, Kind, PartnerKind)


def _division_for(level: str) -> str:
    return {"district": "310101", "subdistrict": "310101002", "community": "310101002001",
            "grid": "310101002001-G01"}[level]


# ---- kinds and partner kinds

def test_unknown_kind_is_refused_listing_the_known_ones():
    with pytest.raises(InvalidArgument) as err:
        rules.check_kind("club")
    assert err.value.field == "kind"
    assert "working_committee" in err.value.message


@pytest.mark.parametrize("partner_kind", PartnerKind.ALL)
def test_a_partner_unit_takes_each_of_the_four_partner_kinds(partner_kind):
    rules.check_kind(Kind.PARTNER_UNIT, partner_kind)


def test_the_four_partner_kinds():
    assert set(PartnerKind.ALL) == {"party_government_organ", "public_institution", "state_owned_enterprise",
                                    "private_enterprise"}


@pytest.mark.parametrize("partner_kind", [None, "", "charity"])
def test_a_partner_unit_needs_a_known_partner_kind(partner_kind):
    with pytest.raises(InvalidArgument) as err:
        rules.check_kind(Kind.PARTNER_UNIT, partner_kind)
    assert err.value.field == "partner_kind"


def test_only_partner_units_have_a_partner_kind():
    with pytest.raises(InvalidArgument) as err:
        rules.check_kind(Kind.BRANCH, PartnerKind.PRIVATE)
    assert err.value.field == "partner_kind"
    rules.check_kind(Kind.BRANCH, None)


# ---- placement: parent kinds

ALLOWED_PAIRS = [(kind, parent) for kind, parents in ALLOWED_PARENTS.items() for parent in parents]
REFUSED_PAIRS = [(kind, parent) for kind, parents in ALLOWED_PARENTS.items() if parents
                 for parent in KINDS if parent not in parents]


@pytest.mark.parametrize("kind,parent_kind", ALLOWED_PAIRS)
def test_every_allowed_parent_kind_is_accepted(kind, parent_kind):
    level = DIVISION_LEVEL[kind][0]
    rules.check_placement(kind, level, _division_for(level), parent_kind, None)


@pytest.mark.parametrize("kind,parent_kind", REFUSED_PAIRS)
def test_every_other_parent_kind_is_refused(kind, parent_kind):
    level = DIVISION_LEVEL[kind][0]
    with pytest.raises(InvalidArgument) as err:
        rules.check_placement(kind, level, _division_for(level), parent_kind, None)
    assert err.value.field == "parent_id"
    assert f"cannot sit under a {parent_kind}" in err.value.message


def test_the_1_plus_3_plus_n_structure_is_allowed():
    # one committee, three standing branches, N functional groups
    assert Kind.WORKING_COMMITTEE in ALLOWED_PARENTS[Kind.COMMUNITY_COMMITTEE]
    assert Kind.COMMUNITY_COMMITTEE in ALLOWED_PARENTS[Kind.BRANCH]
    assert Kind.COMMUNITY_COMMITTEE in ALLOWED_PARENTS[Kind.FUNCTIONAL_GROUP]
    assert Kind.BRANCH in ALLOWED_PARENTS[Kind.PARTY_GROUP]


@pytest.mark.parametrize("kind", [k for k, parents in ALLOWED_PARENTS.items() if parents])
def test_a_non_root_kind_needs_a_parent(kind):
    level = DIVISION_LEVEL[kind][0]
    with pytest.raises(InvalidArgument) as err:
        rules.check_placement(kind, level, _division_for(level), None, None)
    assert err.value.field == "parent_id"
    assert "must sit under" in err.value.message


@pytest.mark.parametrize("kind", [Kind.WORKING_COMMITTEE, Kind.PARTNER_UNIT, Kind.SOCIAL_ORGANISATION])
def test_roots_stand_alone_and_refuse_a_parent(kind):
    level = DIVISION_LEVEL[kind][0]
    rules.check_placement(kind, level, _division_for(level), None, None)
    with pytest.raises(InvalidArgument) as err:
        rules.check_placement(kind, level, _division_for(level), Kind.WORKING_COMMITTEE, None)
    assert err.value.field == "parent_id"
    assert "has no parent" in err.value.message


# ---- placement: division level per kind

@pytest.mark.parametrize("kind,level", [(k, lvl) for k, levels in DIVISION_LEVEL.items() for lvl in levels])
def test_each_kind_is_accepted_at_its_division_levels(kind, level):
    parent = ALLOWED_PARENTS[kind][0] if ALLOWED_PARENTS[kind] else None
    rules.check_placement(kind, level, _division_for(level), parent, None)


@pytest.mark.parametrize("kind,level", [
    (Kind.WORKING_COMMITTEE, "community"),
    (Kind.COMMUNITY_COMMITTEE, "subdistrict"),
    (Kind.GRID_BRANCH, "community"),
    (Kind.RESIDENTS_COMMITTEE, "grid"),
    (Kind.ORGAN_BRANCH, "community"),
    (Kind.SOCIAL_ORGANISATION, "district"),
    (Kind.PARTNER_UNIT, "grid"),
])
def test_a_kind_at_the_wrong_division_level_is_refused(kind, level):
    parent = ALLOWED_PARENTS[kind][0] if ALLOWED_PARENTS[kind] else None
    with pytest.raises(InvalidArgument) as err:
        rules.check_placement(kind, level, _division_for(level), parent, None)
    assert err.value.field == "division_code"
    assert f"not a {level}" in err.value.message


def test_a_child_must_lie_inside_its_parents_division():
    rules.check_placement(Kind.COMMUNITY_COMMITTEE, "community", "310101002001", Kind.WORKING_COMMITTEE,
                          "310101002")
    with pytest.raises(InvalidArgument) as err:
        rules.check_placement(Kind.COMMUNITY_COMMITTEE, "community", "310101003001", Kind.WORKING_COMMITTEE,
                              "310101002")
    assert err.value.field == "division_code"
    assert "outside the parent's division" in err.value.message


def test_a_grid_branch_lies_inside_its_community_committee():
    rules.check_placement(Kind.GRID_BRANCH, "grid", "310101002001-G01", Kind.COMMUNITY_COMMITTEE, "310101002001")


def test_a_dissolved_parent_is_a_failed_precondition():
    with pytest.raises(FailedPrecondition) as err:
        rules.check_placement(Kind.BRANCH, "community", "310101002001", Kind.COMMUNITY_COMMITTEE, "310101002001",
                              parent_active=False)
    assert err.value.field == "parent_id"


# ---- cycles

def test_moving_under_itself_is_a_cycle():
    with pytest.raises(InvalidArgument) as err:
        rules.check_no_cycle("a", "a", [])
    assert err.value.field == "parent_id"
    assert "cycle" in err.value.message


def test_moving_under_a_descendant_is_a_cycle():
    # new parent "c" has ancestors c -> b -> a: moving "a" under "c" would loop
    with pytest.raises(InvalidArgument):
        rules.check_no_cycle("a", "c", ["b", "a"])


def test_moving_elsewhere_or_to_the_root_is_no_cycle():
    rules.check_no_cycle("a", "x", ["y", "z"])
    rules.check_no_cycle("a", None, [])


# ---- names

def test_names_are_required_stripped_and_limited():
    assert rules.check_name("  第一党支部 ") == "第一党支部"
    for bad in (None, "", "   "):
        with pytest.raises(InvalidArgument) as err:
            rules.check_name(bad)
        assert err.value.field == "name"
    assert rules.check_name("x" * 200) == "x" * 200
    with pytest.raises(InvalidArgument):
        rules.check_name("x" * 201)


# ---- merges

def test_merge_into_itself_is_refused():
    with pytest.raises(InvalidArgument) as err:
        rules.check_merge("a", "a", Kind.BRANCH, Kind.BRANCH, True, True)
    assert err.value.field == "target_id"


def test_merge_needs_both_active_naming_the_dissolved_one():
    with pytest.raises(FailedPrecondition) as err:
        rules.check_merge("a", "b", Kind.BRANCH, Kind.BRANCH, False, True)
    assert err.value.field == "source_id"
    with pytest.raises(FailedPrecondition) as err:
        rules.check_merge("a", "b", Kind.BRANCH, Kind.BRANCH, True, False)
    assert err.value.field == "target_id"


def test_merge_needs_one_kind():
    with pytest.raises(InvalidArgument) as err:
        rules.check_merge("a", "b", Kind.BRANCH, Kind.GRID_BRANCH, True, True)
    assert err.value.field == "target_id"
    assert "one kind" in err.value.message
    rules.check_merge("a", "b", Kind.BRANCH, Kind.BRANCH, True, True)


# ---- kind groups

def test_rated_kinds_are_branches_not_groups_or_partners():
    assert Kind.BRANCH in BRANCH_KINDS and Kind.COMMUNITY_COMMITTEE in BRANCH_KINDS
    for kind in (Kind.FUNCTIONAL_GROUP, Kind.PARTY_GROUP, Kind.PARTNER_UNIT, Kind.RESIDENTS_COMMITTEE,
                 Kind.WORKING_COMMITTEE):
        assert kind not in BRANCH_KINDS


def test_party_units_exclude_residents_committees_and_partners():
    assert Kind.RESIDENTS_COMMITTEE not in PARTY_UNIT_KINDS
    assert Kind.PARTNER_UNIT not in PARTY_UNIT_KINDS
    assert Kind.GRID_BRANCH in PARTY_UNIT_KINDS
