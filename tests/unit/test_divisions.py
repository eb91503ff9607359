"""Division codes (统计用区划代码): formats, levels, parents and ancestors (services.common.divisions).

The registry's tree rules are tested in tests/unit/registry/test_territory_rules.py."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.common.divisions import ancestors, check_code_format, district_of, level_of, parent_code
from services.common.errors import InvalidArgument


# ---- check_code_format: digits per level

@pytest.mark.parametrize("code,level", [
    ("310101", "district"),
    ("310101002", "subdistrict"),
    ("310101002001", "community"),
    ("310101002001-G01", "grid"),
    ("310101002001-G0123", "grid"),
    ("310101002001-C01", "compound"),
    ("310101002001-G01-C02", "compound"),
])
def test_valid_codes_are_accepted_and_returned(code, level):
    assert check_code_format(code, level) == code


def test_surrounding_whitespace_is_stripped():
    assert check_code_format("  310101002 ", "subdistrict") == "310101002"


@pytest.mark.parametrize("code,level,expected_digits", [
    ("31010", "district", 6),
    ("3101011", "district", 6),
    ("31010A", "district", 6),
    ("31010100", "subdistrict", 9),
    ("3101010021", "subdistrict", 9),
    ("31010100200", "community", 12),
    ("3101010020011", "community", 12),
    ("31010100200X", "community", 12),
])
def test_wrong_number_of_digits_is_refused_naming_the_field(code, level, expected_digits):
    with pytest.raises(InvalidArgument) as err:
        check_code_format(code, level, "division_code")
    assert err.value.field == "division_code"
    assert f"{expected_digits} digits" in err.value.message
    assert code in err.value.message


@pytest.mark.parametrize("city_code", ["310100", "440300"])
def test_a_city_code_ending_in_00_is_not_a_district(city_code):
    with pytest.raises(InvalidArgument) as err:
        check_code_format(city_code, "district")
    assert err.value.field == "code"
    assert "city code" in err.value.message


@pytest.mark.parametrize("code,level", [("310101000", "subdistrict"), ("310101002000", "community")])
def test_last_three_digits_000_are_refused_below_the_district(code, level):
    with pytest.raises(InvalidArgument) as err:
        check_code_format(code, level)
    assert "000" in err.value.message


def test_a_nine_digit_code_must_extend_its_district():
    assert check_code_format("310101002", "subdistrict", parent="310101") == "310101002"
    with pytest.raises(InvalidArgument) as err:
        check_code_format("310101002", "subdistrict", "subdistrict", parent="310104")
    assert err.value.field == "subdistrict"
    assert "does not extend its parent '310104'" in err.value.message


def test_a_twelve_digit_code_must_extend_its_subdistrict():
    assert check_code_format("310101002001", "community", parent="310101002") == "310101002001"
    with pytest.raises(InvalidArgument):
        check_code_format("310101002001", "community", parent="310101003")


@pytest.mark.parametrize("code", [
    "310101002001-G1",        # grid number needs at least two digits
    "310101002001-G12345",    # at most four
    "310101002-G01",          # must hang under a 12-digit community
    "310101002001G01",
    "310101002001-g01",
])
def test_malformed_grid_ids_are_refused(code):
    with pytest.raises(InvalidArgument) as err:
        check_code_format(code, "grid")
    assert "grid id" in err.value.message


@pytest.mark.parametrize("code", ["310101002001-X01", "310101002001-C1", "310101002-C01", "310101002001-G01-C"])
def test_malformed_compound_ids_are_refused(code):
    with pytest.raises(InvalidArgument) as err:
        check_code_format(code, "compound")
    assert "compound id" in err.value.message


def test_grid_and_compound_parents_are_checked():
    assert check_code_format("310101002001-G01", "grid", parent="310101002001")
    assert check_code_format("310101002001-G01-C01", "compound", parent="310101002001-G01")
    with pytest.raises(InvalidArgument):
        check_code_format("310101002001-G01", "grid", parent="310101002002")
    with pytest.raises(InvalidArgument):
        check_code_format("310101002001-G01-C01", "compound", parent="310101002001")


@pytest.mark.parametrize("code", [None, "", 310101])
def test_missing_or_non_text_code_is_required(code):
    with pytest.raises(InvalidArgument) as err:
        check_code_format(code, "district", "code")
    assert err.value.field == "code"
    assert err.value.message == "is required"


def test_unknown_level_is_refused_naming_level():
    with pytest.raises(InvalidArgument) as err:
        check_code_format("310101", "province")
    assert err.value.field == "level"


# ---- level_of, parent_code, district_of

@pytest.mark.parametrize("code,level", [
    ("310101", "district"), ("310101002", "subdistrict"), ("310101002001", "community"),
    ("310101002001-G01", "grid"), ("310101002001-C01", "compound"), ("310101002001-G01-C01", "compound"),
    ("3101", None), ("abc", None), ("310101002001-Z01", None),
])
def test_level_of(code, level):
    assert level_of(code) == level


@pytest.mark.parametrize("code,level,parent", [
    ("310101", "district", None),
    ("310101002", "subdistrict", "310101"),
    ("310101002001", "community", "310101002"),
    ("310101002001-G01", "grid", "310101002001"),
    ("310101002001-C03", "compound", "310101002001"),
    ("310101002001-G01-C03", "compound", "310101002001-G01"),
])
def test_parent_code(code, level, parent):
    assert parent_code(code, level) == parent


def test_district_of_any_code_is_its_first_six_digits():
    assert district_of("310101002001-G01-C01") == "310101"
    assert district_of("310104") == "310104"


# ---- ancestors

@pytest.mark.parametrize("code,chain", [
    ("310101", []),
    ("310101002", ["310101"]),
    ("310101002001", ["310101", "310101002"]),
    ("310101002001-G01", ["310101", "310101002", "310101002001"]),
    ("310101002001-G01-C02", ["310101", "310101002", "310101002001", "310101002001-G01"]),
    ("310101002001-C02", ["310101", "310101002", "310101002001"]),
])
def test_ancestors_from_the_district_down_to_the_parent(code, chain):
    assert ancestors(code) == chain


# ---- properties over generated codes

_district = st.from_regex(r"\A[1-6][0-9]{3}(0[1-9]|[1-9][0-9])\Z")
_three = st.from_regex(r"\A(00[1-9]|0[1-9][0-9]|[1-9][0-9]{2})\Z")
_grid_no = st.from_regex(r"\A[0-9]{2,4}\Z")


@settings(max_examples=60, deadline=None)
@given(_district, _three, _three, _grid_no, _grid_no)
def test_generated_chains_validate_and_nest(district, sub, comm, grid, compound):
    subdistrict = district + sub
    community = subdistrict + comm
    grid_id = f"{community}-G{grid}"
    compound_id = f"{grid_id}-C{compound}"
    assert check_code_format(district, "district") == district
    assert check_code_format(subdistrict, "subdistrict", parent=district) == subdistrict
    assert check_code_format(community, "community", parent=subdistrict) == community
    assert check_code_format(grid_id, "grid", parent=community) == grid_id
    assert check_code_format(compound_id, "compound", parent=grid_id) == compound_id
    assert ancestors(compound_id) == [district, subdistrict, community, grid_id]
    assert {district_of(c) for c in (subdistrict, community, grid_id, compound_id)} == {district}
    for code, parent in ((subdistrict, district), (community, subdistrict), (grid_id, community),
                         (compound_id, grid_id)):
        assert parent_code(code, level_of(code)) == parent


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=14))
def test_only_the_right_length_is_accepted_at_each_level(code):
    for level, n in (("district", 6), ("subdistrict", 9), ("community", 12)):
        try:
            check_code_format(code, level)
            accepted = True
        except InvalidArgument:
            accepted = False
        if len(code) != n:
            assert not accepted
        else:
            city_like = level == "district" and code.endswith("00")
            zero_tail = level != "district" and code.endswith("000")
            assert accepted is not (city_like or zero_tail)
