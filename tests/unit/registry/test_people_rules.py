"""People rules: categories, phones, terms, by-elections, term-ending window, reserve cadres, projects."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.registry.domain import people as rules


# ---- categories

@pytest.mark.parametrize("category", rules.MEMBER_CATEGORIES)
def test_members_take_a_known_category(category):
    rules.check_category(category, True)


@pytest.mark.parametrize("category", [None, "", "retired"])
def test_a_member_needs_a_category(category):
    with pytest.raises(InvalidArgument) as err:
        rules.check_category(category, True)
    assert err.value.field == "member_category"


def test_non_members_have_no_category():
    rules.check_category(None, False)
    with pytest.raises(InvalidArgument) as err:
        rules.check_category("community", False)
    assert err.value.field == "member_category"


# ---- phones

@pytest.mark.parametrize("phone,digits", [
    ("13800001234", "13800001234"),
    ("138-0000-1234", "13800001234"),
    ("021 6543 2100", "02165432100"),
    ("1234567", "1234567"),
    ("123456789012345", "123456789012345"),
])
def test_phone_is_normalised_to_digits(phone, digits):
    assert rules.check_phone(phone) == digits


@pytest.mark.parametrize("phone", [None, ""])
def test_no_phone_is_allowed(phone):
    assert rules.check_phone(phone) is None


@pytest.mark.parametrize("phone", ["123456", "1234567890123456", "138abc01234", "+8613800001234"])
def test_bad_phones_are_refused(phone):
    with pytest.raises(InvalidArgument) as err:
        rules.check_phone(phone)
    assert err.value.field == "phone"


# ---- terms

def test_a_term_lasts_five_years_to_the_day_before_the_anniversary():
    assert rules.TERM_YEARS == 5
    assert rules.term_end(date(2021, 6, 15)) == date(2026, 6, 14)
    assert rules.term_end(date(2026, 1, 1)) == date(2030, 12, 31)
    assert rules.term_end(date(2026, 6, 1), 2) == date(2028, 5, 31)


def test_a_term_starting_on_29_february_ends_in_february_five_years_on():
    end = rules.term_end(date(2024, 2, 29))
    assert end.year == 2029 and end.month == 2


def test_a_term_must_end_after_it_starts():
    rules.check_term(date(2026, 1, 1), date(2026, 1, 2))
    for end in (date(2026, 1, 1), date(2025, 12, 31)):
        with pytest.raises(InvalidArgument) as err:
            rules.check_term(date(2026, 1, 1), end)
        assert err.value.field == "term_end"


@pytest.mark.parametrize("title", rules.POST_TITLES)
def test_known_titles(title):
    rules.check_title(title)


def test_unknown_title_is_refused():
    with pytest.raises(InvalidArgument) as err:
        rules.check_title("chairman")
    assert err.value.field == "title"


@pytest.mark.parametrize("title", rules.SINGLE_HOLDER_POSTS)
def test_single_holder_posts_refuse_a_second_holder(title):
    rules.check_vacancy(title, 0)
    with pytest.raises(FailedPrecondition) as err:
        rules.check_vacancy(title, 1)
    assert err.value.field == "title"


def test_committee_members_may_be_many():
    rules.check_vacancy("committee_member", 4)
    rules.check_vacancy("deputy_secretary", 1)


# ---- by-elections fill the running term

def test_a_by_election_runs_until_the_running_term_ends():
    running = date(2031, 5, 31)
    assert rules.by_election_term(running, date(2027, 3, 1)) == running


def test_a_by_election_needs_a_running_term():
    with pytest.raises(FailedPrecondition) as err:
        rules.by_election_term(None, date(2027, 3, 1))
    assert err.value.field == "organisation_id"


@pytest.mark.parametrize("held_on", [date(2026, 6, 14), date(2026, 7, 1)])
def test_a_by_election_after_the_term_ended_is_refused(held_on):
    with pytest.raises(FailedPrecondition) as err:
        rules.by_election_term(date(2026, 6, 14), held_on)
    assert err.value.field == "held_on"
    assert "hold an election" in err.value.message


# ---- the term-ending window

@pytest.mark.parametrize("days_left,ending", [(-1, False), (0, True), (1, True), (89, True), (90, True),
                                              (91, False), (400, False)])
def test_term_ending_within_ninety_days(days_left, ending):
    today = date(2026, 6, 1)
    assert rules.TERM_ENDING_NOTICE_DAYS == 90
    assert rules.is_term_ending(today + timedelta(days=days_left), today) is ending


def test_term_ending_window_is_configurable():
    today = date(2026, 6, 1)
    assert rules.is_term_ending(today + timedelta(days=10), today, notice_days=10)
    assert not rules.is_term_ending(today + timedelta(days=11), today, notice_days=10)


# ---- reserve cadres (2-3 kept)

@pytest.mark.parametrize("count,warning", [(0, True), (1, True), (2, False), (3, False)])
def test_reserve_status_warns_below_two(count, warning):
    status = rules.reserve_status(count)
    assert status["count"] == count
    assert status["warning"] is warning
    if warning:
        assert "at least 2" in status["message"]
    else:
        assert status["message"] == "ok"


@pytest.mark.parametrize("count", [0, 1, 2])
def test_room_for_a_reserve_cadre_up_to_three(count):
    rules.check_reserve_room(count)


@pytest.mark.parametrize("count", [3, 4])
def test_no_more_than_three_reserve_cadres(count):
    with pytest.raises(FailedPrecondition) as err:
        rules.check_reserve_room(count)
    assert err.value.field == "community_code"
    assert "at most 3" in err.value.message


# ---- in-service members pick one or two volunteer projects

@pytest.mark.parametrize("projects,expected", [
    (["水电维修"], ["水电维修"]),
    (["水电维修", "理论宣讲"], ["水电维修", "理论宣讲"]),
    ([" 水电维修 ", "", "  "], ["水电维修"]),
])
def test_one_or_two_projects(projects, expected):
    assert rules.check_volunteer_projects(projects) == expected


@pytest.mark.parametrize("projects", [None, [], [""], ["a", "b", "c"]])
def test_zero_or_three_projects_are_refused(projects):
    with pytest.raises(InvalidArgument) as err:
        rules.check_volunteer_projects(projects)
    assert err.value.field == "volunteer_projects"
    assert "one or two" in err.value.message


def test_the_same_project_twice_is_refused():
    with pytest.raises(InvalidArgument) as err:
        rules.check_volunteer_projects(["a", " a"])
    assert "twice" in err.value.message


# ---- volunteer hours

@pytest.mark.parametrize("hours,expected", [(2, 2.0), ("1.5", 1.5), (24, 24.0)])
def test_hours_in_one_day(hours, expected):
    assert rules.check_hours(hours) == expected


@pytest.mark.parametrize("hours", [0, -1, 24.5, "many", None])
def test_bad_hours_are_refused(hours):
    with pytest.raises(InvalidArgument) as err:
        rules.check_hours(hours)
    assert err.value.field == "hours"


# ---- who holds a post, who is a reserve cadre

def test_a_party_organisations_post_goes_to_one_of_its_members():
    rules.check_post_holder(True, True)
    with pytest.raises(FailedPrecondition) as err:
        rules.check_post_holder(False, False, "elected[1].person_id")
    assert err.value.field == "elected[1].person_id" and "not a party member" in err.value.message
    with pytest.raises(FailedPrecondition) as err:
        rules.check_post_holder(True, False)
    assert err.value.field == "person_id" and "not a member of this organisation" in err.value.message


def test_the_residents_committee_and_units_beside_the_tree_are_not_party_organisations():
    from services.registry.domain.organisations import PARTY_KINDS, Kind
    assert Kind.BRANCH in PARTY_KINDS and Kind.COMMUNITY_COMMITTEE in PARTY_KINDS
    assert Kind.WORKING_COMMITTEE in PARTY_KINDS and Kind.PARTY_GROUP in PARTY_KINDS
    assert not {Kind.RESIDENTS_COMMITTEE, Kind.PARTNER_UNIT, Kind.SOCIAL_ORGANISATION} & set(PARTY_KINDS)


def test_a_reserve_cadre_is_a_party_member_registered_in_the_community():
    rules.check_reserve_cadre(True, "310101002001", "310101002001")
    with pytest.raises(FailedPrecondition) as err:
        rules.check_reserve_cadre(False, "310101002001", "310101002001")
    assert err.value.field == "person_id" and "not a party member" in err.value.message
    with pytest.raises(FailedPrecondition) as err:
        rules.check_reserve_cadre(True, "310101002002", "310101002001")
    assert err.value.field == "person_id" and "registered in 310101002002, not in 310101002001" in err.value.message
    with pytest.raises(FailedPrecondition) as err:
        rules.check_reserve_cadre(True, None, "310101002001")
    assert "registered in no community" in err.value.message
