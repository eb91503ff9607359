"""What a rating sets going, seen by the roles who act on it, and each role's daily listings.

- one star: the working committee takes the branch over, so the community's staff no longer change
  it (its memberships, posts, floating records) while its sub-district does, until the rectification
  closes;
- one star two years running: the secretary is flagged, a by-election task opens for the
  sub-district, and it closes when a new secretary takes the post;
- a reserve cadre who becomes secretary leaves the bench; a bench left short opens a task;
- a rating's audit trail holds every consequence it applied;
- the community judge and mediator of the 1+1+N team hold posts of the community;
- the community worker's listings: terms ending this quarter, in-service members and their hours,
  floating members whose report is overdue; the sub-district's: weak and lax branches, flagged
  secretaries.
"""
from __future__ import annotations

import json

import pytest

from services.common.errors import InvalidArgument, PermissionDenied
from services.registry.app import followups
from services.registry.app import organisations as orgs
from services.registry.app import people, ratings
from tests.conftest import ctx_for
from tests.service.registry.conftest import COMM_A, COMM_A2, SUB_A, SUB_A3, admin, call, events, join, read
from tests.service.registry.test_ratings import SHEETS

COMMUNITY_WORKER = ctx_for("community_worker", subdistrict=SUB_A, community=COMM_A)
NEIGHBOUR_WORKER = ctx_for("community_worker", subdistrict=SUB_A, community=COMM_A2)
SUBDISTRICT_STAFF = ctx_for("subdistrict_staff", subdistrict=SUB_A)
OTHER_SUBDISTRICT = ctx_for("subdistrict_staff", subdistrict=SUB_A3)


def rate(w, org_key, stars, year=2026, quarter=2):
    return call(w.db, SUBDISTRICT_STAFF, ratings.submit_inspection, organisation_id=w.org(org_key), year=year,
                quarter=quarter, items=SHEETS[stars])


def secretary_of_b1(w, key="p1", start="2024-01-01"):
    join(w, "b1", key)
    return call(w.db, admin(), people.appoint_post, organisation_id=w.org("b1"), person_id=w.person(key),
                title="secretary", term_start=start)


def tasks(w, ctx=SUBDISTRICT_STAFF, **kw):
    return read(w.db, ctx, followups.list_follow_ups, **kw)["items"]


# ---- takeover: who may manage the branch

def test_a_one_star_branch_is_managed_by_its_working_committee_not_its_community(world):
    w = world
    call(w.db, COMMUNITY_WORKER, people.join_organisation, person_id=w.person("p1"), organisation_id=w.org("b1"))
    rate(w, "b1", 1)
    with pytest.raises(PermissionDenied) as refused:
        call(w.db, COMMUNITY_WORKER, people.join_organisation, person_id=w.person("p2"), organisation_id=w.org("b1"))
    assert "taken over by 东湖街道党工委" in refused.value.message and refused.value.field == "organisation_id"
    with pytest.raises(PermissionDenied):
        call(w.db, COMMUNITY_WORKER, people.register_floating_member, person_id=w.person("p1"),
             branch_id=w.org("b1"), whereabouts="深圳")
    # the community still sees its branch, and still manages its other one
    assert read(w.db, COMMUNITY_WORKER, orgs.get_organisation, id=w.org("b1"))["supervised_by_id"] == w.org("wc")
    call(w.db, COMMUNITY_WORKER, people.join_organisation, person_id=w.person("p3"), organisation_id=w.org("b2"))
    # the working committee's sub-district manages it now
    joined = call(w.db, SUBDISTRICT_STAFF, people.join_organisation, person_id=w.person("p2"),
                  organisation_id=w.org("b1"))
    assert joined["organisation_id"] == w.org("b1")
    [taken] = events(w.db, "branch.taken_over")
    assert taken["payload"]["committee_id"] == w.org("wc") and taken["payload"]["organisation_id"] == w.org("b1")
    # the rectification closed: the community manages its branch again
    call(w.db, admin(), ratings.close_rectification, organisation_id=w.org("b1"), note="整顿验收合格")
    call(w.db, COMMUNITY_WORKER, people.join_organisation, person_id=w.person("p4"), organisation_id=w.org("b1"))


def test_two_stars_list_the_branch_but_leave_it_with_its_community(world):
    w = world
    rate(w, "b1", 2)
    call(w.db, COMMUNITY_WORKER, people.join_organisation, person_id=w.person("p1"), organisation_id=w.org("b1"))


# ---- a flagged secretary opens a by-election task

def test_a_flagged_secretary_opens_a_by_election_task_that_a_new_secretary_closes(world):
    w = world
    post = secretary_of_b1(w)
    rate(w, "b1", 1, year=2025, quarter=4)
    assert tasks(w) == []
    rating = rate(w, "b1", 1, year=2026, quarter=1)
    [task] = tasks(w)
    assert (task["kind"], task["subject_id"], task["organisation_id"]) == ("by_election", w.org("b1"), w.org("b1"))
    assert task["opened_on"] == "2026-06-01" and "one star two years running" in task["reason"]
    assert task["opened_by"] == rating["id"]
    [opened] = events(w.db, "follow_up.opened")
    assert opened["payload"]["id"] == task["id"]
    # a third poor quarter does not open a second task
    rate(w, "b1", 1, year=2026, quarter=2)
    assert [t["id"] for t in tasks(w)] == [task["id"]]
    # the sub-district's listing of flagged secretaries names the post; another sub-district sees none
    flagged = read(w.db, SUBDISTRICT_STAFF, ratings.list_flagged_secretaries, subdistrict_code=SUB_A)["items"]
    assert [p["id"] for p in flagged] == [post["id"]]
    assert read(w.db, OTHER_SUBDISTRICT, ratings.list_flagged_secretaries)["items"] == []
    assert tasks(w, OTHER_SUBDISTRICT) == []
    # the branch is taken over: its community cannot hold the by-election; the sub-district does
    join(w, "b1", "p2")
    call(w.db, SUBDISTRICT_STAFF, people.end_post, id=post["id"], reason="连续两年一星, 免职")
    with pytest.raises(PermissionDenied) as refused:  # staff scoped to the community: refused for the takeover
        call(w.db, ctx_for("district_admin", "subdistrict_staff", subdistrict=SUB_A, community=COMM_A),
             people.hold_by_election, organisation_id=w.org("b1"), held_on="2026-06-01", person_id=w.person("p2"),
             title="secretary")
    assert "taken over" in refused.value.message
    new = call(w.db, SUBDISTRICT_STAFF, people.appoint_post, organisation_id=w.org("b1"), person_id=w.person("p2"),
               title="secretary")
    assert tasks(w) == []
    [done] = tasks(w, include_closed=True)
    assert done["closed_on"] == "2026-06-01" and "appointment" in done["closed_how"]
    assert new["flagged_for_replacement"] is False
    assert read(w.db, SUBDISTRICT_STAFF, ratings.list_flagged_secretaries)["items"] == []


# ---- reserve cadres

def test_a_reserve_cadre_who_becomes_secretary_leaves_the_bench_and_a_short_bench_opens_a_task(world):
    w = world
    for key in ("p1", "p2"):
        call(w.db, SUBDISTRICT_STAFF, people.add_reserve_cadre, community_code=COMM_A, person_id=w.person(key))
    assert tasks(w) == []
    join(w, "cc", "p1")
    call(w.db, SUBDISTRICT_STAFF, people.hold_election, organisation_id=w.org("cc"), held_on="2026-06-01",
         elected=[{"person_id": w.person("p1"), "title": "secretary"}])
    status = read(w.db, COMMUNITY_WORKER, people.get_reserve_status, code=COMM_A)
    assert status["person_ids"] == [w.person("p2")] and status["warning"] is True
    [task] = tasks(w, COMMUNITY_WORKER, kind="reserve_shortfall")
    assert task["subject_id"] == COMM_A and "a reserve cadre became secretary: 1 reserve cadre(s) left" in task["reason"]
    assert tasks(w, NEIGHBOUR_WORKER) == []
    call(w.db, SUBDISTRICT_STAFF, people.add_reserve_cadre, community_code=COMM_A, person_id=w.person("p3"))
    assert tasks(w) == []
    call(w.db, SUBDISTRICT_STAFF, people.remove_reserve_cadre, community_code=COMM_A, person_id=w.person("p3"))
    [again] = tasks(w)
    assert again["id"] != task["id"] and "removed" in again["reason"]


# ---- a rating's audit trail

def test_a_ratings_audit_trail_holds_every_consequence_it_applied(world):
    w = world
    secretary_of_b1(w)
    rate(w, "b1", 1, year=2025, quarter=4)
    rating = rate(w, "b1", 1, year=2026, quarter=1)
    call(w.db, admin(), ratings.close_rectification, organisation_id=w.org("b1"), note="整顿验收合格")
    last_year = read(w.db, COMMUNITY_WORKER, ratings.get_rating_audit, organisation_id=w.org("b1"), year=2025,
                     quarter=4)
    assert [e["action"] for e in last_year["items"]] == ["rate branch", "list for rectification",
                                                          "take over branch", "close rectification"]
    assert last_year["items"][0]["actor"] == SUBDISTRICT_STAFF.actor
    assert json.loads(last_year["items"][0]["after"])["sheet"]["records"] == SHEETS[1]["records"]
    audit = read(w.db, SUBDISTRICT_STAFF, ratings.get_rating_audit, organisation_id=w.org("b1"), year=2026, quarter=1)
    assert audit["rating_id"] == rating["id"]
    assert [e["action"] for e in audit["items"]] == ["rate branch", "flag secretary for replacement",
                                                     "open follow-up (by_election)"]
    first = read(w.db, SUBDISTRICT_STAFF, ratings.get_rating_audit, organisation_id=w.org("b1"), year=2025,
                 quarter=4, page_size=2)
    rest = read(w.db, SUBDISTRICT_STAFF, ratings.get_rating_audit, organisation_id=w.org("b1"), year=2025,
                quarter=4, page_size=2, page_token=first["next_page_token"])
    assert [e["action"] for e in first["items"] + rest["items"]] == [e["action"] for e in last_year["items"]]
    assert rest["next_page_token"] == ""
    with pytest.raises(Exception) as missing:
        read(w.db, SUBDISTRICT_STAFF, ratings.get_rating_audit, organisation_id=w.org("b2"), year=2026, quarter=1)
    assert missing.value.field == "quarter"
    with pytest.raises(Exception):
        read(w.db, NEIGHBOUR_WORKER, ratings.get_rating_audit, organisation_id=w.org("b1"), year=2026, quarter=1)


# ---- the sub-district's list of weak and lax branches

def test_weak_and_lax_branches_with_their_stars_takeover_and_flags(world):
    w = world
    rate(w, "b2", 2, quarter=1)
    rate(w, "b1", 1, quarter=2)
    listed = read(w.db, SUBDISTRICT_STAFF, ratings.list_weak_branches, subdistrict_code=SUB_A)["items"]
    assert sorted((b["name"], b["stars"], b.get("taken_over_by_name")) for b in listed) == [
        ("第一党支部", 1, "东湖街道党工委"), ("第二党支部", 2, None)]  # listed the same day
    one_star = read(w.db, SUBDISTRICT_STAFF, ratings.list_weak_branches, taken_over_only=True)["items"]
    assert [b["organisation_id"] for b in one_star] == [w.org("b1")]
    assert read(w.db, OTHER_SUBDISTRICT, ratings.list_weak_branches)["items"] == []
    assert read(w.db, NEIGHBOUR_WORKER, ratings.list_weak_branches)["items"] == []
    page = read(w.db, SUBDISTRICT_STAFF, ratings.list_weak_branches, page_size=1)
    assert len(page["items"]) == 1 and page["next_page_token"]
    with pytest.raises(InvalidArgument) as refused:
        read(w.db, SUBDISTRICT_STAFF, ratings.list_weak_branches, taken_over_only=True,
             page_token=page["next_page_token"])
    assert refused.value.field == "page_token"


# ---- the community worker's listings

def test_terms_ending_this_quarter_in_my_community_or_organisation(world):
    w = world
    join(w, "b1", "p1", "p2")
    join(w, "b2", "p3")
    ending = call(w.db, admin(), people.appoint_post, organisation_id=w.org("b1"), person_id=w.person("p1"),
                  title="secretary", term_start="2021-07-01")                      # ends 2026-06-30
    call(w.db, admin(), people.appoint_post, organisation_id=w.org("b1"), person_id=w.person("p2"),
         title="deputy_secretary", term_start="2021-08-01")                          # ends 2026-07-31: next quarter
    other = call(w.db, admin(), people.appoint_post, organisation_id=w.org("b2"), person_id=w.person("p3"),
                 title="secretary", term_start="2021-06-15")                        # ends 2026-06-14
    quarter = read(w.db, COMMUNITY_WORKER, people.list_terms_ending, this_quarter=True)["items"]
    assert [p["id"] for p in quarter] == [other["id"], ending["id"]]
    mine = read(w.db, COMMUNITY_WORKER, people.list_terms_ending, this_quarter=True, organisation_id=w.org("b1"))
    assert [p["id"] for p in mine["items"]] == [ending["id"]]
    tree = read(w.db, COMMUNITY_WORKER, people.list_terms_ending, this_quarter=True, organisation_id=w.org("cc"))
    assert len(tree["items"]) == 2
    by_community = read(w.db, COMMUNITY_WORKER, people.list_terms_ending, this_quarter=True, community_code=COMM_A)
    assert len(by_community["items"]) == 2
    assert read(w.db, NEIGHBOUR_WORKER, people.list_terms_ending, this_quarter=True)["items"] == []
    first = read(w.db, COMMUNITY_WORKER, people.list_terms_ending, within_days=90, page_size=2)
    second = read(w.db, COMMUNITY_WORKER, people.list_terms_ending, within_days=90, page_size=2,
                  page_token=first["next_page_token"])
    assert len(first["items"]) == 2 and len(second["items"]) == 1 and second["next_page_token"] == ""
    with pytest.raises(InvalidArgument) as both:
        read(w.db, COMMUNITY_WORKER, people.list_terms_ending, this_quarter=True, within_days=30)
    assert both.value.field == "this_quarter"


def test_in_service_members_registered_with_my_community_and_their_hours(world):
    w = world
    for key, employer in (("p3", "soe"), ("p4", "organ")):
        call(w.db, COMMUNITY_WORKER, people.register_in_service, person_id=w.person(key), community_code=COMM_A,
             employer_id=w.org(employer), volunteer_projects=["水电维修"])
    for hours, on in ((2.0, "2026-05-01"), (1.5, "2026-05-20"), (3.0, "2025-12-01")):
        call(w.db, COMMUNITY_WORKER, people.record_volunteer_service, person_id=w.person("p3"), project="水电维修",
             hours=hours, served_on=on)
    got = read(w.db, COMMUNITY_WORKER, people.list_in_service_members, community_code=COMM_A)
    assert (got["from_date"], got["to_date"]) == ("2026-01-01", "2026-06-01")
    lines = {x["name"]: (x["employer_name"], x["times"], x["hours"]) for x in got["items"]}
    assert lines == {"党员3": ("区供电公司", 2, 3.5), "党员4": ("市教育局", 0, 0.0)}
    whole = read(w.db, COMMUNITY_WORKER, people.list_in_service_members, community_code=COMM_A,
                 from_date="2025-01-01")
    assert {x["name"]: x["hours"] for x in whole["items"]}["党员3"] == 6.5
    assert read(w.db, NEIGHBOUR_WORKER, people.list_in_service_members, community_code=COMM_A2)["items"] == []
    with pytest.raises((PermissionDenied, Exception)):
        read(w.db, NEIGHBOUR_WORKER, people.list_in_service_members, community_code=COMM_A)


def test_floating_members_whose_report_is_overdue(world):
    w = world
    late = call(w.db, COMMUNITY_WORKER, people.register_floating_member, person_id=w.person("p1"),
                branch_id=w.org("b1"), whereabouts="深圳", left_on="2025-10-01")
    reported = call(w.db, COMMUNITY_WORKER, people.register_floating_member, person_id=w.person("p2"),
                    branch_id=w.org("b1"), whereabouts="广州", left_on="2025-10-01")
    call(w.db, COMMUNITY_WORKER, people.record_floating_report, id=reported["id"], reported_on="2026-04-01")
    call(w.db, COMMUNITY_WORKER, people.register_floating_member, person_id=w.person("p3"), branch_id=w.org("b2"),
         whereabouts="杭州", left_on="2026-05-01")
    [overdue] = read(w.db, COMMUNITY_WORKER, people.list_overdue_floating_reports)["items"]
    assert overdue["id"] == late["id"] and overdue["report_due_on"] == "2026-04-01"
    assert overdue["days_overdue"] == 61
    later = read(w.db, COMMUNITY_WORKER, people.list_overdue_floating_reports, today="2026-12-01",
                 branch_id=w.org("b1"))["items"]
    assert {x["id"] for x in later} == {late["id"], reported["id"]}
    assert read(w.db, NEIGHBOUR_WORKER, people.list_overdue_floating_reports, today="2027-01-01")["items"] == []
    call(w.db, COMMUNITY_WORKER, people.record_floating_report, id=late["id"], reported_on="2026-05-30")
    assert read(w.db, COMMUNITY_WORKER, people.list_overdue_floating_reports)["items"] == []


# ---- the community's mediation posts (the 1+1+N team's judge and mediator)

def test_a_community_judge_is_appointed_in_the_community_and_needs_no_party_membership(world):
    w = world
    judge = call(w.db, admin(), people.appoint_post, organisation_id=w.org("cc"), person_id=w.person("resident"),
                 title="community_judge")
    assert judge["title"] == "community_judge"
    listed = read(w.db, ctx_for("service"), people.list_posts, person_id=w.person("resident"))["items"]
    assert [p["title"] for p in listed] == ["community_judge"]
    with pytest.raises(InvalidArgument) as refused:
        call(w.db, admin(), people.appoint_post, organisation_id=w.org("b1"), person_id=w.person("p1"),
             title="mediator")
    assert refused.value.field == "organisation_id"
    with pytest.raises(InvalidArgument) as elected:
        call(w.db, admin(), people.hold_election, organisation_id=w.org("cc"), held_on="2026-06-01",
             elected=[{"person_id": w.person("p1"), "title": "secretary"},
                      {"person_id": w.person("p2"), "title": "community_judge"}])
    assert elected.value.field == "elected[1].title"
    # the committee's re-election leaves the judge in post
    join(w, "b1", "p1")
    call(w.db, admin(), people.hold_election, organisation_id=w.org("cc"), held_on="2026-06-01",
         elected=[{"person_id": w.person("p1"), "title": "secretary"}])
    running = read(w.db, admin(), people.list_posts, organisation_id=w.org("cc"))["items"]
    assert {p["title"] for p in running} == {"secretary", "community_judge"}
