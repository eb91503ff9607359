"""Star ratings from score sheets (观摩评分表) and the consequences that follow."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument
from services.registry.domain import ratings as rules
from services.registry.domain.ratings import Consequence

FULL = dict(rules.SCORE_SHEET)


def sheet(**changes):
    return {**FULL, **changes}


# ---- the score sheet

def test_the_sheet_adds_up_to_one_hundred():
    assert sum(rules.SCORE_SHEET.values()) == 100
    assert rules.score_sheet_total(FULL) == 100


def test_the_total_is_the_sum_of_the_items():
    assert rules.score_sheet_total(sheet(political_study=15.5, records="7")) == 100 - 4.5 - 3


def test_an_empty_sheet_is_refused():
    with pytest.raises(InvalidArgument) as err:
        rules.score_sheet_total({})
    assert err.value.field == "items"


def test_an_unknown_item_is_named():
    with pytest.raises(InvalidArgument) as err:
        rules.score_sheet_total(sheet(karaoke=5))
    assert err.value.field == "items"
    assert "karaoke" in err.value.message


def test_a_missing_item_is_named():
    items = dict(FULL)
    del items["team_building"]
    with pytest.raises(InvalidArgument) as err:
        rules.score_sheet_total(items)
    assert "team_building" in err.value.message


@pytest.mark.parametrize("item,value", [("political_study", 21), ("records", 10.5), ("team_building", -1)])
def test_an_item_out_of_range_is_named_with_its_maximum(item, value):
    with pytest.raises(InvalidArgument) as err:
        rules.score_sheet_total(sheet(**{item: value}))
    assert err.value.field == f"items.{item}"
    assert f"between 0 and {rules.SCORE_SHEET[item]}" in err.value.message


def test_a_non_numeric_item_is_named():
    with pytest.raises(InvalidArgument) as err:
        rules.score_sheet_total(sheet(member_management="good"))
    assert err.value.field == "items.member_management"
    assert "number" in err.value.message


# ---- star thresholds

@pytest.mark.parametrize("score,stars", [
    (100, 5), (90, 5), (89.99, 4), (80, 4), (79.5, 3), (70, 3), (69.99, 2), (60, 2), (59.99, 1), (0, 1),
])
def test_star_thresholds(score, stars):
    assert rules.stars_for(score) == stars


@pytest.mark.parametrize("stars,tier", [(5, "A"), (4, "B"), (3, "C"), (2, "D"), (1, "D")])
def test_funding_tiers_follow_stars(stars, tier):
    score = {5: 95, 4: 85, 3: 75, 2: 65, 1: 30}[stars]
    assert rules.rate(score, None).funding_tier == tier


# ---- consequences

def test_five_stars_is_a_five_good_branch_without_consequences():
    rating = rules.rate(92, None)
    assert rating.stars == 5 and rating.five_good
    assert rating.consequences == ()


@pytest.mark.parametrize("score", [85, 75])
def test_three_or_four_stars_carry_no_consequence_and_no_five_good(score):
    rating = rules.rate(score, 1)
    assert not rating.five_good
    assert rating.consequences == ()


def test_two_stars_mean_rectification_and_no_honours_but_no_takeover():
    rating = rules.rate(65, None)
    assert rating.stars == 2
    assert set(rating.consequences) == {Consequence.RECTIFICATION, Consequence.HONOURS_BARRED}
    assert Consequence.TAKEN_OVER not in rating.consequences


def test_one_star_means_the_working_committee_takes_it_over():
    rating = rules.rate(40, None)
    assert rating.stars == 1
    assert set(rating.consequences) == {Consequence.RECTIFICATION, Consequence.HONOURS_BARRED,
                                        Consequence.TAKEN_OVER}


def test_one_star_two_years_running_replaces_the_secretary():
    rating = rules.rate(40, previous_year_stars=1)
    assert Consequence.REPLACE_SECRETARY in rating.consequences
    assert Consequence.TAKEN_OVER in rating.consequences


@pytest.mark.parametrize("score,previous", [(40, 2), (40, None), (65, 1), (95, 1)])
def test_the_secretary_stays_unless_one_star_two_years_running(score, previous):
    assert Consequence.REPLACE_SECRETARY not in rules.rate(score, previous).consequences


# ---- honours

@pytest.mark.parametrize("stars,under,eligible", [
    (None, False, True), (5, False, True), (3, False, True), (2, False, False), (1, False, False),
    (5, True, False), (None, True, False),
])
def test_honours_are_barred_at_two_stars_or_under_rectification(stars, under, eligible):
    assert rules.may_receive_honours(stars, under) is eligible


# ---- quarters

@pytest.mark.parametrize("year,quarter", [(2026, 1), (2000, 4), (2100, 2)])
def test_valid_quarters(year, quarter):
    rules.check_quarter(year, quarter)


@pytest.mark.parametrize("year,quarter,field", [(1999, 1, "year"), (2101, 1, "year"), (2026, 0, "quarter"),
                                                (2026, 5, "quarter")])
def test_invalid_quarters_name_the_field(year, quarter, field):
    with pytest.raises(InvalidArgument) as err:
        rules.check_quarter(year, quarter)
    assert err.value.field == field
