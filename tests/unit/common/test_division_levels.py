"""The levels below a compound and the second-level grid (services.common.divisions): their id shapes,
where they nest, and the one pattern the gRPC contracts declare for them."""
from __future__ import annotations

import re

import pytest

from services.common.divisions import (CODE_PATTERN, LEVELS, ancestors, check_code_format, level_of, parent_code,
                                       subdistrict_of, within)
from services.common.errors import InvalidArgument

COMMUNITY = "310101002001"
GRID = f"{COMMUNITY}-G01"
SUBGRID = f"{GRID}-G02"
COMPOUND = f"{SUBGRID}-C03"
BUILDING = f"{COMPOUND}-B04"
UNIT = f"{BUILDING}-U05"


@pytest.mark.parametrize("code,level,parent", [
    (SUBGRID, "subgrid", GRID),
    (COMPOUND, "compound", SUBGRID),
    (f"{COMMUNITY}-C01", "compound", COMMUNITY),
    (BUILDING, "building", COMPOUND),
    (f"{COMMUNITY}-C01-B123", "building", f"{COMMUNITY}-C01"),
    (UNIT, "unit", BUILDING),
])
def test_each_new_level_is_recognised_and_implies_its_parent(code, level, parent):
    assert level_of(code) == level
    assert check_code_format(code, level, parent=parent) == code
    assert parent_code(code, level) == parent
    assert within(code, parent) and subdistrict_of(code) == "310101002"


def test_a_unit_lies_within_every_division_above_it_and_knows_them_all():
    assert ancestors(UNIT) == ["310101", "310101002", COMMUNITY, GRID, SUBGRID, COMPOUND, BUILDING]
    assert all(within(UNIT, above) for above in ancestors(UNIT))
    # ids extend only after a dash: building B04 is not inside B0 nor B040's unit inside B04
    assert not within(f"{COMPOUND}-B040-U01", BUILDING)


@pytest.mark.parametrize("code,level,reason", [
    (f"{GRID}-G1", "subgrid", "second-level grid id must look like <grid>-G01"),
    (f"{SUBGRID}-G01", "subgrid", "second-level grid"),          # no third level of grid
    (f"{COMMUNITY}-B01", "building", "building id must look like <compound>-B01"),
    (f"{COMPOUND}-B1234", "building", "building"),               # 2-3 digits: the longest id fits 40 characters
    (f"{COMPOUND}-U01", "unit", "unit id must look like <building>-U01"),
    (f"{BUILDING}-U01-U01", "unit", "unit"),
    (UNIT, "building", "building"),                             # a unit is not a building
])
def test_a_code_of_the_wrong_shape_is_refused_naming_the_field(code, level, reason):
    with pytest.raises(InvalidArgument) as err:
        check_code_format(code, level, "code")
    assert err.value.field == "code" and reason in str(err.value)


def test_a_code_that_does_not_extend_the_parent_named_is_refused():
    with pytest.raises(InvalidArgument) as err:
        check_code_format(UNIT, "unit", "code", parent=COMPOUND)
    assert err.value.field == "code"


def test_the_longest_id_fits_the_stored_width():
    longest = f"{COMMUNITY}-G0001-G0001-C0001-B001-U001"
    assert level_of(longest) == "unit" and len(longest) == 40


def test_the_levels_run_from_district_to_unit():
    assert LEVELS == ("district", "subdistrict", "community", "grid", "subgrid", "compound", "building", "unit")


@pytest.mark.parametrize("code", ["310101", "310101002", COMMUNITY, GRID, SUBGRID, f"{COMMUNITY}-C01",
                                  f"{GRID}-C01", COMPOUND, BUILDING, UNIT, f" {UNIT} "])
def test_the_declared_pattern_takes_every_level(code):
    assert re.match(CODE_PATTERN, code) and level_of(code.strip()) is not None


@pytest.mark.parametrize("code", ["310100", "310101000", f"{GRID}-G01-G01", f"{COMMUNITY}-B01", f"{COMPOUND}-U01",
                                  f"{COMPOUND}-B1234", f"{BUILDING}-U01-U01", "31010100200", ""])
def test_the_declared_pattern_refuses_what_the_kernel_refuses(code):
    assert not re.match(CODE_PATTERN, code)
    for level in LEVELS:
        with pytest.raises(InvalidArgument):
            check_code_format(code, level)


def test_the_registry_contract_declares_the_kernel_pattern():
    """The territory calls' code fields carry exactly divisions.CODE_PATTERN (one shape, two spellings)."""
    from cityplat.registry.v1 import registry_pb2 as pb
    from buf.validate import validate_pb2

    for message, field in (("DivisionRef", "code"), ("CreateDivisionRequest", "code"),
                           ("CreateDivisionRequest", "parent_code"), ("RenameDivisionRequest", "code"),
                           ("RetireDivisionRequest", "code")):
        fd = pb.DESCRIPTOR.message_types_by_name[message].fields_by_name[field]
        assert fd.GetOptions().Extensions[validate_pb2.field].string.pattern == CODE_PATTERN, (message, field)
