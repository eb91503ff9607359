"""Every use case in USE_CASES runs through its happy path (as an entrypoint runs it: usecase.run)."""
from __future__ import annotations

import pytest

from services.common.usecase import run
from services.registry.app import READS, USE_CASES, WRITES
from services.registry.app import people as people_app
from services.registry.app import ratings as ratings_app
from tests.conftest import ctx_for
from tests.service.registry.conftest import COMM_A, COMM_A2, GRID_A, SUB_A, admin, call, join

GOOD = {"political_study": 19, "organisational_life": 18, "team_building": 14, "member_management": 14,
        "service_to_residents": 19, "records": 9}
WEAK = {"political_study": 10, "organisational_life": 10, "team_building": 10, "member_management": 10,
        "service_to_residents": 10, "records": 5}


def _member_of_b1(w, key="p1"):
    return call(w.db, admin(), people_app.join_organisation, person_id=w.person(key), organisation_id=w.org("b1"))


def _election(w):
    join(w, "b1", "p1", "p2", "p3")  # members of a branch of the committee
    return call(w.db, admin(), people_app.hold_election, organisation_id=w.org("cc"), held_on="2026-01-10",
                elected=[{"person_id": w.person("p1"), "title": "secretary"},
                         {"person_id": w.person("p2"), "title": "deputy_secretary"}])


def _in_service(w):
    return call(w.db, admin(), people_app.register_in_service, person_id=w.person("p3"), community_code=COMM_A,
                employer_id=w.org("soe"), volunteer_projects=["水电维修"])


def _floating(w):
    return call(w.db, admin(), people_app.register_floating_member, person_id=w.person("p4"),
                branch_id=w.org("b1"), whereabouts="深圳", left_on="2026-03-01")


def _rectified(w):
    return call(w.db, admin(), ratings_app.submit_inspection, organisation_id=w.org("b2"), year=2026, quarter=1,
                items=WEAK)


def _flagged(w):
    """b1's secretary, after one star two years running."""
    _member_of_b1(w)
    post = call(w.db, admin(), people_app.appoint_post, organisation_id=w.org("b1"), person_id=w.person("p1"),
                title="secretary", term_start="2024-01-01")
    for year, quarter in ((2025, 4), (2026, 1)):
        call(w.db, admin(), ratings_app.submit_inspection, organisation_id=w.org("b1"), year=year, quarter=quarter,
             items=WEAK)
    return post


# name -> (context, setup(world) -> params, check(world, result))
CASES = {
    "CreateDivision": (None, lambda w: {"code": "310101002003", "level": "community", "name": "新社区"},
                       lambda w, r: r == {"code": "310101002003", "level": "community", "name": "新社区",
                                          "parent_code": SUB_A, "district": "310101", "status": "active"}),
    "GetDivision": (None, lambda w: {"code": COMM_A}, lambda w, r: r["name"] == "幸福社区"),
    "ListChildren": (None, lambda w: {"code": SUB_A},
                     lambda w, r: [d["code"] for d in r["items"]] == [COMM_A, COMM_A2]),
    "ListAncestors": (None, lambda w: {"code": GRID_A},
                      lambda w, r: [d["code"] for d in r["items"]] == ["310101", SUB_A, COMM_A]),
    "ListSubtree": (None, lambda w: {"code": COMM_A}, lambda w, r: [d["code"] for d in r["items"]] == [COMM_A, GRID_A]),
    "RenameDivision": (None, lambda w: {"code": COMM_A, "name": "幸福家园社区", "reason": "社区更名"},
                       lambda w, r: r["name"] == "幸福家园社区" and r["status"] == "active"),
    "RetireDivision": (None, lambda w: (call(w.db, admin(), USE_CASES["CreateDivision"], code=f"{GRID_A}-C01",
                                             level="compound", name="阳光小区"),
                                        {"code": f"{GRID_A}-C01", "reason": "小区拆迁"})[1],
                       lambda w, r: r["status"] == "retired" and r["retired_on"] == "2026-06-01"),
    "GetDivisionHistory": (None, lambda w: (call(w.db, admin(), USE_CASES["RenameDivision"], code=COMM_A,
                                                 name="幸福家园社区"), {"code": COMM_A})[1],
                           lambda w, r: r["division"]["name"] == "幸福家园社区"
                           and [c["change"] for c in r["changes"]] == ["created", "renamed"]
                           and r["changes"][1]["previous_name"] == "幸福社区"),
    "FoundOrganisation": (None, lambda w: {"kind": "functional_group", "name": "志愿服务小组", "division_code": COMM_A,
                                           "parent_id": w.org("cc")},
                          lambda w, r: r["kind"] == "functional_group" and r["status"] == "active"
                          and r["parent_id"] == w.org("cc") and r["founded_on"] == "2026-06-01"),
    "GetOrganisation": (None, lambda w: {"id": w.org("b1")},
                        lambda w, r: r["name"] == "第一党支部" and r["under_rectification"] is False),
    "ListOrganisations": (None, lambda w: {"division_code": COMM_A, "kind": "branch"},
                          lambda w, r: {o["name"] for o in r["items"]} == {"第一党支部", "第二党支部"}),
    "ListOrganisationTree": (None, lambda w: {"id": w.org("cc")},
                             lambda w, r: r["items"][0]["id"] == w.org("cc") and len(r["items"]) == 4),
    "RenameOrganisation": (None, lambda w: {"id": w.org("b1"), "name": "先锋党支部", "reason": "更名"},
                           lambda w, r: r["name"] == "先锋党支部" and r["version"] == 2),
    "MoveOrganisation": (None, lambda w: {"id": w.org("b1"), "parent_id": w.org("wc")},
                         lambda w, r: r["parent_id"] == w.org("wc")),
    "DissolveOrganisation": (None, lambda w: {"id": w.org("b2"), "reason": "合并"},
                             lambda w, r: r["status"] == "dissolved" and r["dissolved_on"] == "2026-06-01"),
    "MergeOrganisations": (None, lambda w: {"source_id": w.org("b2"), "target_id": w.org("b1")},
                           lambda w, r: r["id"] == w.org("b1")),
    "SplitOrganisation": (None, lambda w: {"id": w.org("b1"), "parts": [{"name": "第一党支部(东)"}]},
                          lambda w, r: len(r["items"]) == 2 and r["items"][1]["split_from_id"] == w.org("b1")),
    "GetNameHistory": (None, lambda w: {"id": w.org("b1")},
                       lambda w, r: r["names"] == [{"name": "第一党支部", "valid_from": "2026-06-01",
                                                    "changed_by": "tester", "reason": "founded"}]),
    "PairDepartment": (None, lambda w: {"department_id": w.org("organ"), "community_code": COMM_A2},
                       lambda w, r: r["community_code"] == COMM_A2 and r["department_id"] == w.org("organ")),
    "ListPairings": (None, lambda w: (call(w.db, admin(), USE_CASES["PairDepartment"],
                                           department_id=w.org("organ"), community_code=COMM_A),
                                      {"community_code": COMM_A})[1],
                     lambda w, r: [p["department_id"] for p in r["items"]] == [w.org("organ")]),
    "EndPairing": (None, lambda w: {"id": call(w.db, admin(), USE_CASES["PairDepartment"], department_id=w.org("organ"),
                                               community_code=COMM_A)["id"], "reason": "结对期满"},
                   lambda w, r: r["ended_on"] == "2026-06-01" and r["end_reason"] == "结对期满"),
    "RegisterPerson": (None, lambda w: {"name": "新党员", "phone": "139-0000-1111", "home_community": COMM_A,
                                        "is_member": True, "member_category": "new_org"},
                       lambda w, r: r["phone"] == "13900001111" and r["member_category"] == "new_org"),
    "GetPerson": (None, lambda w: {"id": w.person("p1")}, lambda w, r: r["name"] == "党员1"),
    "ListPeople": (None, lambda w: {"community_code": COMM_A, "members_only": True},
                   lambda w, r: len(r["items"]) == 5),
    "JoinOrganisation": (None, lambda w: {"person_id": w.person("p1"), "organisation_id": w.org("b1")},
                         lambda w, r: r["organisation_id"] == w.org("b1") and "ended_on" not in r),
    "EndMembership": (None, lambda w: {"id": _member_of_b1(w)["id"], "reason": "迁出"},
                      lambda w, r: r["ended_on"] == "2026-06-01" and r["end_reason"] == "迁出"),
    "ListMemberships": (None, lambda w: (_member_of_b1(w), {"organisation_id": w.org("b1")})[1],
                        lambda w, r: [x["person_id"] for x in r["items"]] == [w.person("p1")]),
    "AppointPost": (None, lambda w: (join(w, "b1", "p1"), {"organisation_id": w.org("b1"), "person_id": w.person("p1"),
                                                            "title": "secretary"})[1],
                    lambda w, r: r["how"] == "appointment" and r["term_end"] == "2031-05-31"),
    "EndPost": (None, lambda w: {"id": (join(w, "b1", "p1"), call(
        w.db, admin(), USE_CASES["AppointPost"], organisation_id=w.org("b1"), person_id=w.person("p1"),
        title="committee_member"))[1]["id"]},
                lambda w, r: r["ended_on"] == "2026-06-01"),
    "HoldElection": (None, lambda w: (join(w, "b1", "p1"), {"organisation_id": w.org("cc"), "held_on": "2026-06-01",
                                      "elected": [{"person_id": w.person("p1"), "title": "secretary"}]})[1],
                     lambda w, r: r["items"][0]["how"] == "election" and r["items"][0]["term_end"] == "2031-05-31"),
    "HoldByElection": (None, lambda w: (_election(w), {"organisation_id": w.org("cc"), "held_on": "2026-06-01",
                                                       "person_id": w.person("p3"), "title": "committee_member"})[1],
                       lambda w, r: r["how"] == "by_election" and r["term_end"] == "2031-01-09"),
    "ListPosts": (None, lambda w: (_election(w), {"organisation_id": w.org("cc")})[1],
                  lambda w, r: {p["title"] for p in r["items"]} == {"secretary", "deputy_secretary"}),
    "ListTermsEnding": (None, lambda w: (join(w, "b1", "p1"),
                                         call(w.db, admin(), USE_CASES["AppointPost"], organisation_id=w.org("b1"),
                                              person_id=w.person("p1"), title="secretary", term_start="2021-07-01"),
                                         {"within_days": 60})[2],
                        lambda w, r: [p["term_end"] for p in r["items"]] == ["2026-06-30"]),
    "AddReserveCadre": (None, lambda w: {"community_code": COMM_A, "person_id": w.person("p5")},
                        lambda w, r: r["count"] == 1 and r["warning"] is True),
    "RemoveReserveCadre": (None, lambda w: (call(w.db, admin(), USE_CASES["AddReserveCadre"], community_code=COMM_A,
                                                 person_id=w.person("p5")),
                                            {"community_code": COMM_A, "person_id": w.person("p5")})[1],
                           lambda w, r: r["count"] == 0 and r["person_ids"] == []),
    "GetReserveStatus": (None, lambda w: {"code": COMM_A}, lambda w, r: r["count"] == 0 and r["warning"] is True),
    "ListReserveShortfalls": (None, lambda w: {"subdistrict_code": SUB_A},
                              lambda w, r: [s["community_code"] for s in r["items"]] == [COMM_A, COMM_A2]),
    "RegisterInService": (None, lambda w: {"person_id": w.person("p3"), "community_code": COMM_A,
                                           "employer_id": w.org("soe"), "volunteer_projects": ["理论宣讲"]},
                          lambda w, r: r["volunteer_projects"] == ["理论宣讲"]),
    "RecordVolunteerService": (None, lambda w: (_in_service(w), {"person_id": w.person("p3"), "project": "水电维修",
                                                                 "hours": 2.5, "served_on": "2026-05-20"})[1],
                               lambda w, r: r["hours"] == 2.5 and r["project"] == "水电维修"),
    "GetEmployerFeedback": (None, lambda w: (_in_service(w), {"employer_id": w.org("soe")})[1],
                            lambda w, r: [x["person_id"] for x in r["members"]] == [w.person("p3")]),
    "ListInServiceMembers": (None, lambda w: (_in_service(w), call(w.db, admin(), USE_CASES["RecordVolunteerService"],
                                                                   person_id=w.person("p3"), project="水电维修",
                                                                   hours=2.5, served_on="2026-05-20"),
                                              {"community_code": COMM_A})[2],
                             lambda w, r: [(x["person_id"], x["times"], x["hours"]) for x in r["items"]]
                             == [(w.person("p3"), 1, 2.5)] and r["next_page_token"] == ""),
    "RegisterFloatingMember": (None, lambda w: {"person_id": w.person("p4"), "branch_id": w.org("b1"),
                                                "whereabouts": "深圳"},
                               lambda w, r: r["whereabouts"] == "深圳" and r["left_on"] == "2026-06-01"),
    "RecordFloatingReport": (None, lambda w: {"id": _floating(w)["id"], "reported_on": "2026-05-01"},
                             lambda w, r: r["last_report_on"] == "2026-05-01"),
    "EndFloating": (None, lambda w: {"id": _floating(w)["id"], "returned_on": "2026-05-30"},
                    lambda w, r: r["returned_on"] == "2026-05-30"),
    "ListOverdueFloatingReports": (None, lambda w: (_floating(w), {"today": "2026-12-01"})[1],
                                   lambda w, r: [(x["report_due_on"], x["days_overdue"]) for x in r["items"]]
                                   == [("2026-08-30", 93)]),
    "SubmitInspection": (None, lambda w: {"organisation_id": w.org("b1"), "year": 2026, "quarter": 2,
                                          "items": GOOD},
                         lambda w, r: r["stars"] == 5 and r["five_good"] is True and r["score"] == 93),
    "ListRatings": (None, lambda w: (_rectified(w), {"id": w.org("b2")})[1],
                    lambda w, r: [x["stars"] for x in r["items"]] == [1]),
    "DispatchFirstSecretary": (None, lambda w: (_rectified(w), {"organisation_id": w.org("b2"),
                                                                "person_id": w.person("p5"),
                                                                "dispatched_from": "区委组织部"})[1],
                               lambda w, r: r["title"] == "first_secretary" and r["how"] == "dispatch"
                               and r["term_end"] == "2028-05-31"),
    "CloseRectification": (None, lambda w: (_rectified(w), {"organisation_id": w.org("b2"),
                                                            "note": "整顿验收合格"})[1],
                           lambda w, r: r["under_rectification"] is False),
    "GetHonoursEligibility": (None, lambda w: {"organisation_id": w.org("b1")},
                              lambda w, r: r == {"eligible": True, "reason": "no bar"}),
    "ListWeakBranches": (None, lambda w: (_rectified(w), {"subdistrict_code": SUB_A})[1],
                         lambda w, r: [(x["organisation_id"], x["stars"], x["taken_over_by_id"]) for x in r["items"]]
                         == [(w.org("b2"), 1, w.org("wc"))]),
    "ListFlaggedSecretaries": (None, lambda w: (_flagged(w), {})[1],
                               lambda w, r: [(p["title"], p["flagged_for_replacement"]) for p in r["items"]]
                               == [("secretary", True)]),
    "GetRatingAudit": (None, lambda w: (_rectified(w), {"organisation_id": w.org("b2"), "year": 2026, "quarter": 1})[1],
                       lambda w, r: [e["action"] for e in r["items"]]
                       == ["rate branch", "list for rectification", "take over branch"]),
    "ListFollowUps": (None, lambda w: (call(w.db, admin(), USE_CASES["AddReserveCadre"], community_code=COMM_A,
                                            person_id=w.person("p5")),
                                       call(w.db, admin(), USE_CASES["RemoveReserveCadre"], community_code=COMM_A,
                                            person_id=w.person("p5")), {"kind": "reserve_shortfall"})[2],
                      lambda w, r: [(t["subject_id"], t["kind"]) for t in r["items"]]
                      == [(COMM_A, "reserve_shortfall")]),
    "AssignRing": (ctx_for("operator", district=None), lambda w: {"subdistrict_code": SUB_A, "ring": "pilot"},
                   lambda w, r: r == {"subdistrict_code": SUB_A, "district": "310101", "ring": "pilot"}),
    "SetFeatureStage": (ctx_for("operator", district=None), lambda w: {"flag": "points.moral-bank", "stage": "early"},
                        lambda w, r: r == {"flag": "points.moral-bank", "stage": "early"}),
    "GetRollout": (None, lambda w: {}, lambda w, r: r == {"rings": [], "flags": [], "default_ring": "general"}),
    "ImportRecords": (None, lambda w: {"kind": "divisions", "format": "csv",
                                       "content": b"code,level,name\n310101002009,community,Imported\n"},
                      lambda w, r: r == {"kind": "divisions", "rows": 1, "written": 1, "dry_run": False,
                                         "problems": [], "unchanged": 0}),
}


def test_every_use_case_has_a_happy_path_here():
    assert set(CASES) == set(USE_CASES)


def test_reads_and_writes_partition_the_use_cases():
    assert READS | WRITES == set(USE_CASES) and not READS & WRITES
    assert all(name.startswith(("Get", "List")) for name in READS)


@pytest.mark.parametrize("name", sorted(USE_CASES))
def test_happy_path(world, name):
    ctx, setup, check = CASES[name]
    params = setup(world)
    result = run(world.db, ctx or admin(), USE_CASES[name], params, write=name in WRITES)
    assert check(world, result), result
