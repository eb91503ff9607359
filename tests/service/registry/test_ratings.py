"""Star ratings from quarterly inspections, with their consequences applied as rules."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, PermissionDenied
from services.registry import models as m
from services.registry.app import organisations as orgs
from services.registry.app import people, ratings
from tests.conftest import ctx_for
from tests.service.registry.conftest import COMM_A, admin, call, clear_events, count, events, get, join, read

SHEETS = {
    5: {"political_study": 19, "organisational_life": 18, "team_building": 14, "member_management": 14,
        "service_to_residents": 19, "records": 9},                                   # 93
    4: {"political_study": 17, "organisational_life": 17, "team_building": 13, "member_management": 13,
        "service_to_residents": 17, "records": 8},                                   # 85
    3: {"political_study": 15, "organisational_life": 15, "team_building": 11, "member_management": 11,
        "service_to_residents": 15, "records": 7},                                   # 74
    2: {"political_study": 13, "organisational_life": 13, "team_building": 10, "member_management": 10,
        "service_to_residents": 13, "records": 6},                                   # 65
    1: {"political_study": 10, "organisational_life": 10, "team_building": 8, "member_management": 8,
        "service_to_residents": 10, "records": 4},                                   # 50
}


def rate(world, org_key, stars, year=2026, quarter=2, ctx=None):
    return call(world.db, ctx or admin(), ratings.submit_inspection, organisation_id=world.org(org_key), year=year,
                quarter=quarter, items=SHEETS[stars])


def eligibility(world, **kw):
    return read(world.db, admin(), ratings.get_honours_eligibility, **kw)


@pytest.mark.parametrize("stars,score,tier,five_good", [(5, 93, "A", True), (4, 85, "B", False),
                                                         (3, 74, "C", False)])
def test_good_ratings_carry_no_consequences(world, stars, score, tier, five_good):
    r = rate(world, "b1", stars)
    assert (r["stars"], r["score"], r["funding_tier"], r["five_good"]) == (stars, score, tier, five_good)
    assert r["consequences"] == [] and "rectification_id" not in r
    assert count(world.db, m.Rectification) == 0
    [ev] = events(world.db, "rating.assigned")
    assert ev["payload"]["organisation_id"] == world.org("b1") and ev["payload"]["stars"] == stars
    assert eligibility(world, organisation_id=world.org("b1"))["eligible"] is True
    org = read(world.db, admin(), orgs.get_organisation, id=world.org("b1"))
    assert org["latest_stars"] == stars and org["under_rectification"] is False


def test_two_stars_list_the_branch_for_rectification_and_bar_honours(world):
    db = world.db
    call(db, admin(), people.join_organisation, person_id=world.person("p2"), organisation_id=world.org("b2"))
    clear_events(db)
    r = rate(world, "b2", 2)
    assert r["stars"] == 2 and r["funding_tier"] == "D"
    assert r["consequences"] == ["listed_for_rectification", "honours_barred"]
    assert r["rectification_id"]
    rect = get(db, m.Rectification, r["rectification_id"])
    assert rect.organisation_id == world.org("b2") and rect.closed_on is None and str(rect.listed_on) == "2026-06-01"
    assert rect.reason == "2 star(s) in 2026 Q2"
    [listed] = events(db, "branch.listed_for_rectification")
    assert listed["payload"]["organisation_id"] == world.org("b2") and listed["payload"]["stars"] == 2
    assert listed["payload"]["rectification_id"] == r["rectification_id"]
    assert [e["event_type"] for e in events(db)] == ["branch.listed_for_rectification", "rating.assigned"]
    org = read(db, admin(), orgs.get_organisation, id=world.org("b2"))
    assert org["under_rectification"] is True and "supervised_by_id" not in org
    for kw in ({"organisation_id": world.org("b2")}, {"person_id": world.person("p2")}):
        result = eligibility(world, **kw)
        assert result["eligible"] is False and "第二党支部" in result["reason"]


def test_one_star_puts_the_branch_under_the_working_committee(world):
    r = rate(world, "b1", 1)
    assert "taken_over_by_working_committee" in r["consequences"]
    org = read(world.db, admin(), orgs.get_organisation, id=world.org("b1"))
    assert org["supervised_by_id"] == world.org("wc") and org["latest_stars"] == 1


def test_a_low_rating_while_already_listed_does_not_list_again(world):
    first = rate(world, "b1", 2, quarter=1)
    second = rate(world, "b1", 1, quarter=2)
    assert second["rectification_id"] == first["rectification_id"]
    assert count(world.db, m.Rectification) == 1
    assert len(events(world.db, "branch.listed_for_rectification")) == 1
    assert len(events(world.db, "rating.assigned")) == 2


def test_one_star_two_years_running_flags_the_secretary(world):
    db = world.db
    join(world, "b1", "p1", "p2")
    secretary = call(db, admin(), people.appoint_post, organisation_id=world.org("b1"),
                     person_id=world.person("p1"), title="secretary", term_start="2024-01-01")
    deputy = call(db, admin(), people.appoint_post, organisation_id=world.org("b1"),
                  person_id=world.person("p2"), title="deputy_secretary", term_start="2024-01-01")
    rate(world, "b1", 3, year=2025, quarter=1)
    last_year = rate(world, "b1", 1, year=2025, quarter=4)
    assert "secretary_to_be_replaced" not in last_year["consequences"]
    assert get(db, m.Post, secretary["id"]).flagged_for_replacement is False
    this_year = rate(world, "b1", 1, year=2026, quarter=1)
    assert "secretary_to_be_replaced" in this_year["consequences"]
    assert get(db, m.Post, secretary["id"]).flagged_for_replacement is True
    assert get(db, m.Post, deputy["id"]).flagged_for_replacement is False
    listed = read(db, admin(), people.list_posts, organisation_id=world.org("b1"))["items"]
    assert {p["title"]: p["flagged_for_replacement"] for p in listed} == {"secretary": True,
                                                                         "deputy_secretary": False}


def test_last_years_standing_is_its_latest_rating(world):
    db = world.db
    join(world, "b1", "p1")
    secretary = call(db, admin(), people.appoint_post, organisation_id=world.org("b1"),
                     person_id=world.person("p1"), title="secretary", term_start="2024-01-01")
    rate(world, "b1", 1, year=2025, quarter=1)
    rate(world, "b1", 3, year=2025, quarter=4)      # recovered by year end
    r = rate(world, "b1", 1, year=2026, quarter=1)
    assert "secretary_to_be_replaced" not in r["consequences"]
    assert get(db, m.Post, secretary["id"]).flagged_for_replacement is False


def test_first_secretaries_go_only_to_rectified_branches(world):
    db = world.db
    with pytest.raises(FailedPrecondition) as err:
        call(db, admin(), ratings.dispatch_first_secretary, organisation_id=world.org("b1"),
             person_id=world.person("p5"), dispatched_from="区委组织部")
    assert err.value.field == "organisation_id"
    rate(world, "b1", 2)
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), ratings.dispatch_first_secretary, organisation_id=world.org("b1"),
             person_id=world.person("p5"), dispatched_from=" ")
    assert err.value.field == "dispatched_from"
    post = call(db, admin(), ratings.dispatch_first_secretary, organisation_id=world.org("b1"),
                person_id=world.person("p5"), dispatched_from="区委组织部")
    assert (post["title"], post["how"], post["dispatched_from"]) == ("first_secretary", "dispatch", "区委组织部")
    with pytest.raises(FailedPrecondition):   # one first secretary at a time
        call(db, admin(), ratings.dispatch_first_secretary, organisation_id=world.org("b1"),
             person_id=world.person("p4"), dispatched_from="区委组织部")
    # an election does not end a dispatched first secretary's post (who need not be a member: p5 is not)
    join(world, "b1", "p1")
    call(db, admin(), people.hold_election, organisation_id=world.org("b1"), held_on="2026-06-01",
         elected=[{"person_id": world.person("p1"), "title": "secretary"}])
    assert get(db, m.Post, post["id"]).ended_on is None


def test_only_district_admins_dispatch_first_secretaries(world):
    rate(world, "b1", 2)
    with pytest.raises(PermissionDenied):
        call(world.db, ctx_for("subdistrict_staff", subdistrict="310101002"), ratings.dispatch_first_secretary,
             organisation_id=world.org("b1"), person_id=world.person("p5"), dispatched_from="区委组织部")


def test_closing_a_rectification_lifts_supervision_but_the_stars_still_bar_honours(world, fixed_clock):
    db = world.db
    rate(world, "b1", 1)
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), ratings.close_rectification, organisation_id=world.org("b1"), note="")
    assert err.value.field == "note"
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), ratings.close_rectification, organisation_id=world.org("b1"), note="ok",
             closed_on="2026-05-01")
    assert err.value.field == "closed_on"
    fixed_clock.advance(days=60)
    org = call(db, admin(), ratings.close_rectification, organisation_id=world.org("b1"), note="整顿验收合格")
    assert org["under_rectification"] is False and "supervised_by_id" not in org
    assert eligibility(world, organisation_id=world.org("b1"))["eligible"] is False   # still rated 1 star
    rate(world, "b1", 4, quarter=3)
    assert eligibility(world, organisation_id=world.org("b1")) == {"eligible": True, "reason": "no bar"}
    with pytest.raises(FailedPrecondition):
        call(db, admin(), ratings.close_rectification, organisation_id=world.org("b1"), note="again")


def test_submit_refuses_bad_sheets_naming_the_item_and_writes_nothing(world):
    db = world.db
    bad = dict(SHEETS[5], records=11)
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), ratings.submit_inspection, organisation_id=world.org("b1"), year=2026, quarter=2, items=bad)
    assert err.value.field == "items.records"
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), ratings.submit_inspection, organisation_id=world.org("b1"), year=2026, quarter=5,
             items=SHEETS[5])
    assert err.value.field == "quarter"
    assert count(db, m.Inspection) == 0 and events(db) == []


def test_a_missing_item_of_the_sheet_is_named_by_itself(world):
    """The message named only "items", not which item the sheet lacked."""
    db = world.db
    sheet = {k: v for k, v in SHEETS[5].items() if k not in ("team_building", "records")}
    with pytest.raises(InvalidArgument) as err:
        call(db, admin(), ratings.submit_inspection, organisation_id=world.org("b1"), year=2026, quarter=2,
             items=sheet)
    assert err.value.field == "items.team_building" and "records" in err.value.message
    assert count(db, m.Inspection) == 0 and events(db) == []


def test_one_rating_per_quarter(world):
    rate(world, "b1", 4)
    with pytest.raises(AlreadyExists) as err:
        rate(world, "b1", 5)
    assert err.value.field == "quarter"
    assert [r["stars"] for r in read(world.db, admin(), ratings.list_ratings, id=world.org("b1"))["items"]] == [4]


def test_only_branches_are_rated(world):
    db = world.db
    group = call(db, admin(), orgs.found_organisation, kind="functional_group", name="功能小组", division_code=COMM_A,
                 parent_id=world.org("cc"))
    for org_id in (group["id"], world.org("soe"), world.org("wc")):
        with pytest.raises(InvalidArgument) as err:
            call(db, admin(), ratings.submit_inspection, organisation_id=org_id, year=2026, quarter=2,
                 items=SHEETS[5])
        assert err.value.field == "organisation_id"
    assert rate(world, "cc", 5)["five_good"] is True   # a community committee is rated


def test_ratings_are_listed_in_order(world):
    rate(world, "b1", 3, year=2026, quarter=2)
    rate(world, "b1", 4, year=2025, quarter=4)
    rate(world, "b1", 5, year=2026, quarter=1)
    items = read(world.db, admin(), ratings.list_ratings, id=world.org("b1"))["items"]
    assert [(r["year"], r["quarter"], r["stars"]) for r in items] == [(2025, 4, 4), (2026, 1, 5), (2026, 2, 3)]
    assert read(world.db, admin(), orgs.get_organisation, id=world.org("b1"))["latest_stars"] == 3


def test_a_person_is_eligible_when_none_of_their_branches_is_barred(world):
    db = world.db
    call(db, admin(), people.join_organisation, person_id=world.person("p1"), organisation_id=world.org("b1"))
    rate(world, "b1", 4)
    assert eligibility(world, person_id=world.person("p1"))["eligible"] is True
    assert eligibility(world, person_id=world.person("p5"))["eligible"] is True   # in no branch at all
    with pytest.raises(InvalidArgument):
        eligibility(world, person_id=world.person("p1"), organisation_id=world.org("b1"))
    with pytest.raises(InvalidArgument):
        eligibility(world)
