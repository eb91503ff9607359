"""The registry's territory rules (services.registry.domain.territory): which division may sit under which."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.common.divisions import level_of, parent_code
from services.common.errors import InvalidArgument
from services.registry.domain.territory import PARENT_LEVELS, validate_division


def test_validate_division_returns_the_implied_parent():
    assert validate_division("310101", "district", "Demo", None) is None
    assert validate_division("310101002", "subdistrict", "East Lake", None) == "310101"
    assert validate_division("310101002", "subdistrict", "East Lake", "310101") == "310101"
    assert validate_division("310101002001-G01-C01", "compound", "Sunny", None) == "310101002001-G01"
    assert validate_division("310101002001-C01", "compound", "Sunny", None) == "310101002001"


def test_validate_division_refuses_a_parent_the_code_does_not_extend():
    with pytest.raises(InvalidArgument) as err:
        validate_division("310101002", "subdistrict", "East Lake", "310104")
    assert err.value.field == "parent_code"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_validate_division_requires_a_name(name):
    with pytest.raises(InvalidArgument) as err:
        validate_division("310101", "district", name, None)
    assert err.value.field == "name"


def test_validate_division_limits_the_name():
    with pytest.raises(InvalidArgument) as err:
        validate_division("310101", "district", "x" * 101, None)
    assert err.value.field == "name"
    assert validate_division("310101", "district", "x" * 100, None) is None


def test_validate_division_checks_the_code_format():
    with pytest.raises(InvalidArgument) as err:
        validate_division("31010100X", "subdistrict", "Bad", None)
    assert err.value.field == "code"


def test_parent_levels_follow_the_territory_ladder():
    assert PARENT_LEVELS["subdistrict"] == ("district",)
    assert PARENT_LEVELS["community"] == ("subdistrict",)
    assert set(PARENT_LEVELS["compound"]) == {"subgrid", "grid", "community"}
    assert PARENT_LEVELS["subgrid"] == ("grid",)
    assert PARENT_LEVELS["building"] == ("compound",) and PARENT_LEVELS["unit"] == ("building",)


#: a community code (a district 01-99 under its city, a sub-district and a community not ending in 000)
_community = st.from_regex(r"\A[1-6][0-9]{3}(0[1-9]|[1-9][0-9])((00[1-9]|0[1-9][0-9]|[1-9][0-9]{2})){2}\Z")


@settings(max_examples=60, deadline=None)
@given(_community, st.integers(1, 9999), st.integers(1, 9999))
def test_every_division_of_a_generated_chain_validates_under_its_implied_parent(community, grid, compound):
    grid_id = f"{community}-G{grid:02d}"
    for code in (community[:6], community[:9], community, grid_id, f"{grid_id}-C{compound:02d}",
                 f"{community}-C{compound:02d}"):
        level = level_of(code)
        assert validate_division(code, level, "n", None) == parent_code(code, level)


# ---- the levels below a grid and a compound

@pytest.mark.parametrize("code,level,parent", [
    ("310101002001-G01-G02", "subgrid", "310101002001-G01"),
    ("310101002001-G01-G02-C01", "compound", "310101002001-G01-G02"),
    ("310101002001-C01-B01", "building", "310101002001-C01"),
    ("310101002001-C01-B01-U01", "unit", "310101002001-C01-B01"),
])
def test_second_level_grids_buildings_and_units_hang_under_their_parent(code, level, parent):
    assert validate_division(code, level, "楼栋", None) == parent


# ---- renaming and retiring (更名, 撤销)

from datetime import date  # noqa: E402

from services.common.errors import FailedPrecondition  # noqa: E402
from services.registry.domain.territory import check_rename, check_retirement  # noqa: E402


def test_a_rename_takes_a_new_name_no_earlier_than_the_last_change():
    assert check_rename("幸福社区", " 幸福家园社区 ", date(2026, 6, 1), date(2026, 1, 1)) == "幸福家园社区"
    with pytest.raises(InvalidArgument) as err:
        check_rename("幸福社区", "幸福社区", date(2026, 6, 1), None)
    assert err.value.field == "name"
    with pytest.raises(InvalidArgument) as err:
        check_rename("幸福社区", "新名", date(2025, 12, 31), date(2026, 1, 1))
    assert err.value.field == "effective_on"
    with pytest.raises(InvalidArgument) as err:
        check_rename("幸福社区", "bell\x07", date(2026, 6, 1), None)
    assert err.value.field == "name"


def test_a_retirement_needs_a_reason_and_nothing_active_attached():
    assert check_retirement("310101002001", " 撤并 ", date(2026, 6, 1), None, {"organisations": []}) == "撤并"
    with pytest.raises(InvalidArgument) as err:
        check_retirement("310101002001", "  ", date(2026, 6, 1), None, {})
    assert err.value.field == "reason"
    with pytest.raises(InvalidArgument) as err:
        check_retirement("310101002001", "撤并", date(2025, 1, 1), date(2026, 1, 1), {})
    assert err.value.field == "effective_on"


def test_a_refused_retirement_says_what_is_still_attached():
    with pytest.raises(FailedPrecondition) as err:
        check_retirement("310101002001", "撤并", date(2026, 6, 1), None,
                         {"active child division(s)": ["a", "b", "c", "d"], "active organisation(s)": ["o1"],
                          "resident(s) living here": []})
    message = str(err.value)
    assert err.value.field == "code"
    assert "4 active child division(s) (a, b, c, ...)" in message and "1 active organisation(s) (o1)" in message
    assert "resident" not in message
