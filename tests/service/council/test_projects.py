"""The service project bank (为民服务项目库) and its five-step method: a ledger by urgency, claims by
units and in-service members (two at most a member), escalation of what stalls, residents' yearly
evaluations, the quarterly dispatch and the half-yearly report with their XLSX."""
from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest

from services.common import contracts
from services.common.context import system_context
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import lists, projects
from tests.conftest import ctx_for
from tests.service.council.conftest import COMM_A, COMM_A2, admin, call, count, events, read, unit, worker

IN_SERVICE = {"m1": {"community_code": COMM_A, "employer_id": "u1", "volunteer_projects": ["水电维修服务"]},
              "m3": {"community_code": COMM_A2, "employer_id": "u2", "volunteer_projects": ["水电维修"]}}


@pytest.fixture(autouse=True)
def in_service(directory):
    for pid, name, community in (("m1", "在职党员甲", COMM_A), ("m3", "邻社区党员", COMM_A2),
                                 ("r2", "李四", COMM_A)):
        directory.people[pid] = directory._person(pid, (name, community))
    directory.organisations["dept"] = {"id": "dept", "kind": "partner_unit", "name": "区住建委", "status": "active",
                                       "division_code": COMM_A[:9], "district": "310101"}
    directory.in_service.update(IN_SERVICE)
    return directory


def resident(person_id="r1"):
    return ctx_for("resident", subdistrict=COMM_A[:9], community=COMM_A, actor=person_id)


def need(kdb, council, urgency="high", **extra):
    return call(kdb, worker(), lists.record_need, council_id=council["id"], visited_on="2026-05-30",
                visited_by="网格员王", kind="repair", urgency=urgency, description="楼道灯坏了", skills=["水电维修"],
                **extra)


def project(kdb, council, needs=None, **extra):
    needs = needs or [need(kdb, council)]
    fields = {"council_id": council["id"], "title": "楼道照明改造", "need_ids": [n["id"] for n in needs],
              "deadline": "2026-06-30", "department_id": "dept", **extra}
    return call(kdb, worker(), projects.create_project, **fields)


def test_a_project_from_needs_goes_into_the_ledger_as_urgent_as_its_most_urgent_need(kdb, council):
    a, b = need(kdb, council, urgency="low"), need(kdb, council, urgency="urgent")
    p = project(kdb, council, needs=[a, b])
    assert (p["status"], p["urgency"], p["department_name"], p["need_ids"]) == \
        ("ledger", "urgent", "区住建委", [a["id"], b["id"]])
    assert read(kdb, worker(), lists.get_need, id=a["id"])["status"] == "in_project"
    with pytest.raises(FailedPrecondition) as err:   # a need goes into one project
        project(kdb, council, needs=[a])
    assert err.value.field == "need_ids[0]"


def test_the_ledger_lists_the_most_urgent_first_then_the_oldest(kdb, council, fixed_clock):
    normal = project(kdb, council, needs=[need(kdb, council, urgency="normal")])
    fixed_clock.at = datetime(2026, 6, 1, 13, 0, tzinfo=timezone.utc)
    urgent_late = project(kdb, council, needs=[need(kdb, council, urgency="urgent")])
    fixed_clock.at = datetime(2026, 6, 1, 12, 30, tzinfo=timezone.utc)
    urgent_early = project(kdb, council, needs=[need(kdb, council, urgency="urgent")])
    page = read(kdb, worker(), projects.list_projects, council_id=council["id"], page_size=2)
    assert [x["id"] for x in page["items"]] == [urgent_early["id"], urgent_late["id"]]
    rest = read(kdb, worker(), projects.list_projects, council_id=council["id"], page_size=2,
                page_token=page["next_page_token"])
    assert [x["id"] for x in rest["items"]] == [normal["id"]] and rest["next_page_token"] == ""


@pytest.mark.parametrize("params, field", [
    ({"need_ids": []}, "need_ids"), ({"need_ids": ["nope"]}, "need_ids[0]"), ({"title": " "}, "title"),
    ({"deadline": "2026-05-01"}, "deadline"), ({"deadline": "2026-02-30"}, "deadline"),
    ({"department_id": "ub"}, "department_id"), ({"council_id": "nope"}, "council_id")])
def test_a_bad_project_names_the_field_and_changes_nothing(kdb, council, params, field):
    n = need(kdb, council)
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound)) as err:
        project(kdb, council, needs=[n], **params)
    assert err.value.field == field
    assert count(kdb, m.Project) == 0 and read(kdb, worker(), lists.get_need, id=n["id"])["status"] == "open"


def test_a_unit_claims_for_itself_and_sees_the_project_it_claimed(kdb, council):
    p = project(kdb, council)
    got = call(kdb, unit("u1"), projects.claim_project, project_id=p["id"], organisation_id="u1")
    assert got["status"] == "claimed" and [(c["kind"], c["id"], c["name"]) for c in got["claimers"]] == \
        [("unit", "u1", "区供电公司")]
    [claimed] = events(kdb, "project.claimed")
    assert claimed["payload"]["units"] == [{"organisation_id": "u1", "name": "区供电公司"}]
    mine = read(kdb, unit("u1"), projects.list_projects, claimed_by="u1")["items"]
    assert [x["id"] for x in mine] == [p["id"]]
    assert read(kdb, unit("u2"), projects.get_project, id=p["id"])["claimers"][0]["id"] == "u1"   # others may join
    with pytest.raises(PermissionDenied) as err:     # a unit claims for itself only
        call(kdb, unit("u2"), projects.claim_project, project_id=p["id"], organisation_id="u1")
    assert err.value.field == "organisation_id"
    with pytest.raises(AlreadyExists):
        call(kdb, unit("u1"), projects.claim_project, project_id=p["id"], organisation_id="u1")
    with pytest.raises(FailedPrecondition) as err:   # a branch is no co-building unit
        call(kdb, worker(), projects.claim_project, project_id=p["id"], organisation_id="b1")
    assert err.value.field == "organisation_id"
    assert count(kdb, m.ProjectClaim) == 1


def test_a_member_claims_for_himself_at_most_two_projects_and_only_where_he_registered(kdb, council, in_service):
    first, second, third = (project(kdb, council) for _ in range(3))
    for p in (first, second):
        got = call(kdb, resident("m1"), projects.claim_project, project_id=p["id"], person_id="m1")
        assert got["claimers"][-1] == {**got["claimers"][-1], "kind": "member", "id": "m1", "name": "在职党员甲"}
    with pytest.raises(FailedPrecondition) as err:   # his one or two picked projects
        call(kdb, resident("m1"), projects.claim_project, project_id=third["id"], person_id="m1")
    assert err.value.field == "person_id"
    with pytest.raises(FailedPrecondition) as err:   # registered in service with another community
        call(kdb, worker(), projects.claim_project, project_id=third["id"], person_id="m3")
    assert err.value.field == "person_id"
    with pytest.raises(FailedPrecondition):          # a resident who is no in-service member
        call(kdb, resident("r1"), projects.claim_project, project_id=third["id"], person_id="r1")
    with pytest.raises(PermissionDenied) as err:     # a member claims for himself
        call(kdb, resident("r1"), projects.claim_project, project_id=third["id"], person_id="m1")
    assert err.value.field == "person_id"
    with pytest.raises(PermissionDenied):            # with his resident token a unit's claim is none of his
        call(kdb, resident("u1"), projects.claim_project, project_id=third["id"], organisation_id="u1")
    assert read(kdb, worker(), projects.get_project, id=third["id"])["status"] == "ledger"
    # done, one of his two frees him for a third
    call(kdb, worker(), projects.complete_project, project_id=first["id"], note="灯修好了")
    call(kdb, resident("m1"), projects.claim_project, project_id=third["id"], person_id="m1")
    assert count(kdb, m.ProjectClaim) == 3


def test_another_communitys_or_districts_caller_finds_no_project(kdb, council):
    p = project(kdb, council)
    for ctx in (worker(COMM_A2), admin("310104"),
                ctx_for("partner_unit", subdistrict=COMM_A2[:9], community=COMM_A2, actor="u1")):
        with pytest.raises(NotFound):
            read(kdb, ctx, projects.get_project, id=p["id"])
        with pytest.raises(NotFound):
            call(kdb, ctx, projects.claim_project, project_id=p["id"], organisation_id="u1")
        assert read(kdb, ctx, projects.list_projects)["items"] == []
    assert count(kdb, m.ProjectClaim) == 0


def test_progress_by_staff_or_a_claiming_unit_and_completion_meets_the_needs(kdb, council):
    n = need(kdb, council)
    p = project(kdb, council, needs=[n])
    call(kdb, unit("u1"), projects.claim_project, project_id=p["id"], organisation_id="u1")
    call(kdb, worker(), projects.claim_project, project_id=p["id"], person_id="m1")
    call(kdb, unit("u1"), projects.record_progress, project_id=p["id"], note="已采购灯具")
    with pytest.raises(PermissionDenied):   # a unit that did not claim it
        call(kdb, unit("u2"), projects.record_progress, project_id=p["id"], note="我们也来")
    with pytest.raises(PermissionDenied):   # completion is the staff's
        call(kdb, unit("u1"), projects.complete_project, project_id=p["id"], note="完成")
    with pytest.raises(InvalidArgument) as err:
        call(kdb, worker(), projects.complete_project, project_id=p["id"], note="完成", done_on="2026-06-02")
    assert err.value.field == "done_on"
    done = call(kdb, worker(), projects.complete_project, project_id=p["id"], note="灯修好了")
    assert (done["status"], done["done_on"], [x["note"] for x in done["progress"]]) == \
        ("done", "2026-06-01", ["已采购灯具"])
    assert read(kdb, worker(), lists.get_need, id=n["id"])["status"] == "met"
    [ev] = events(kdb, "project.done")
    assert ev["payload"]["units"] == [{"organisation_id": "u1", "name": "区供电公司"}]
    assert ev["payload"]["members"] == [{"person_id": "m1", "name": "在职党员甲"}]
    assert contracts.problems("council", "project.done", ev["payload"]) == []
    for fn, extra in ((projects.complete_project, {"note": "again"}), (projects.record_progress, {"note": "x"})):
        with pytest.raises(FailedPrecondition) as err:
            call(kdb, worker(), fn, project_id=p["id"], **extra)
        assert err.value.field == "project_id"
    with pytest.raises(FailedPrecondition):  # a project in the ledger is not done: no one claimed it
        call(kdb, worker(), projects.complete_project, project_id=project(kdb, council)["id"], note="x")


def test_a_stalled_project_is_escalated_to_its_department_once(kdb, council, fixed_clock):
    late = project(kdb, council)
    unit_claimed = project(kdb, council, deadline="2026-06-10")
    call(kdb, unit("u1"), projects.claim_project, project_id=unit_claimed["id"], organisation_id="u1")
    on_time = project(kdb, council, deadline="2026-12-31")
    fixed_clock.at = datetime(2026, 7, 2, 12, 0, tzinfo=timezone.utc)
    assert call(kdb, system_context(), projects.escalate_stalled) == 2
    assert call(kdb, system_context(), projects.escalate_stalled) == 0   # once
    assert read(kdb, system_context(), projects.stalled_counts) == {"310101": 2}   # the gauge's
    escalated = events(kdb, "project.escalated")
    assert {e["payload"]["project_id"] for e in escalated} == {late["id"], unit_claimed["id"]}
    assert {e["payload"]["department_id"] for e in escalated} == {"dept"}
    seen = read(kdb, unit("u1"), projects.get_project, id=unit_claimed["id"])   # the unit sees it escalated
    assert (seen["status"], seen["overdue"], bool(seen["escalated_at"])) == ("escalated", True, True)
    assert read(kdb, worker(), projects.get_project, id=on_time["id"])["status"] == "ledger"
    dept = read(kdb, unit("dept"), projects.get_project, id=late["id"])   # the department reads what it was given
    assert (dept["status"], dept["department_id"], dept["department_name"]) == ("escalated", "dept", "区住建委")
    # an escalated project is still claimed and done
    call(kdb, worker(), projects.claim_project, project_id=late["id"], organisation_id="u2")
    assert read(kdb, worker(), projects.get_project, id=late["id"])["status"] == "escalated"
    assert call(kdb, worker(), projects.complete_project, project_id=late["id"], note="部门督办完成")["status"] == "done"


def test_a_resident_evaluates_a_project_once_a_year(kdb, council, fixed_clock):
    p = project(kdb, council)
    with pytest.raises(FailedPrecondition):   # nothing to evaluate in the ledger
        call(kdb, resident(), projects.evaluate_project, project_id=p["id"], stars=5)
    call(kdb, unit("u1"), projects.claim_project, project_id=p["id"], organisation_id="u1")
    x = call(kdb, resident(), projects.evaluate_project, project_id=p["id"], stars=4, comment="很及时")
    assert (x["person_id"], x["year"], x["stars"]) == ("r1", 2026, 4)
    with pytest.raises(AlreadyExists) as err:
        call(kdb, resident(), projects.evaluate_project, project_id=p["id"], stars=5)
    assert err.value.field == "person_id"
    with pytest.raises(PermissionDenied):     # a resident evaluates for himself
        call(kdb, resident(), projects.evaluate_project, project_id=p["id"], stars=5, person_id="r2")
    paper = call(kdb, worker(), projects.evaluate_project, project_id=p["id"], stars=5, person_id="r2")
    assert paper["person_id"] == "r2"
    with pytest.raises(FailedPrecondition):   # not a resident of the community
        call(kdb, worker(), projects.evaluate_project, project_id=p["id"], stars=5, person_id="x2")
    with pytest.raises(PermissionDenied):     # units do not evaluate
        call(kdb, unit("u1"), projects.evaluate_project, project_id=p["id"], stars=5)
    with pytest.raises(NotFound):
        call(kdb, ctx_for("resident", subdistrict=COMM_A2[:9], community=COMM_A2, actor="x2"),
             projects.evaluate_project, project_id=p["id"], stars=5)
    for params, field in (({"stars": 6, "person_id": "r2"}, "stars"), ({"stars": 3, "year": 2027, "person_id": "r2"}, "year"),
                          ({"stars": 3, "person_id": ""}, "person_id")):
        with pytest.raises(InvalidArgument) as err:
            call(kdb, worker(), projects.evaluate_project, project_id=p["id"], **params)
        assert err.value.field == field
    assert count(kdb, m.ProjectEvaluation) == 2
    fixed_clock.at = datetime(2027, 1, 5, 12, 0, tzinfo=timezone.utc)   # a new year, a new evaluation
    assert call(kdb, resident(), projects.evaluate_project, project_id=p["id"], stars=5)["year"] == 2027


def test_the_quarterly_dispatch_and_the_half_year_report_with_their_xlsx(kdb, council, fixed_clock):
    from openpyxl import load_workbook

    a = project(kdb, council, deadline="2026-06-10")
    b = project(kdb, council, needs=[need(kdb, council, urgency="urgent")])
    call(kdb, unit("u1"), projects.claim_project, project_id=a["id"], organisation_id="u1")
    call(kdb, worker(), projects.claim_project, project_id=b["id"], person_id="m1")
    call(kdb, unit("u1"), projects.record_progress, project_id=a["id"], note="已开工")
    call(kdb, worker(), projects.complete_project, project_id=b["id"], note="完成")
    call(kdb, resident(), projects.evaluate_project, project_id=b["id"], stars=5)
    call(kdb, resident("r2"), projects.evaluate_project, project_id=b["id"], stars=4)
    fixed_clock.at = datetime(2026, 6, 20, 12, 0, tzinfo=timezone.utc)
    d = read(kdb, worker(), projects.get_quarterly_dispatch)
    assert (d["division_code"], d["quarter"], d["overdue"]) == (COMM_A, "2026-Q2", 1)
    lines = {x["project_id"]: x for x in d["lines"]}
    assert [n["note"] for n in lines[a["id"]]["progress"]] == ["已开工"] and lines[a["id"]]["overdue"]
    assert {s["status"]: s["count"] for s in d["by_status"]}["done"] == 1
    sheet = load_workbook(io.BytesIO(d["xlsx"])).active
    assert sheet.max_row == 3 and sheet.cell(2, 2).value == "楼道照明改造"
    h = read(kdb, worker(), projects.get_half_year_report, half="2026-H1")
    [c] = h["communities"]
    assert (c["needs_gathered"], c["needs_met"], c["unit_claims"], c["member_claims"], c["evaluations"],
            c["average_stars"]) == (2, 1, 1, 1, 2, 4.5)
    assert load_workbook(io.BytesIO(h["xlsx"])).active.cell(2, 2).value == 2
    assert read(kdb, worker(COMM_A2), projects.get_half_year_report)["communities"] == []
    for fn, params, field in ((projects.get_quarterly_dispatch, {"quarter": "2026-H1"}, "quarter"),
                              (projects.get_half_year_report, {"half": "2026-Q2"}, "half")):
        with pytest.raises(InvalidArgument) as err:
            read(kdb, worker(), fn, **params)
        assert err.value.field == field
    with pytest.raises(PermissionDenied):   # the figures are the staff's
        read(kdb, unit(), projects.get_quarterly_dispatch)


def test_a_project_given_up_hands_its_needs_back_open(kdb, council):
    n = need(kdb, council)
    p = project(kdb, council, needs=[n])
    call(kdb, unit("u1"), projects.claim_project, project_id=p["id"], organisation_id="u1")
    with pytest.raises(PermissionDenied):   # closing is the staff's
        call(kdb, unit("u1"), projects.close_project, project_id=p["id"], reason="做不了")
    with pytest.raises(InvalidArgument) as err:
        call(kdb, worker(), projects.close_project, project_id=p["id"], reason=" ")
    assert err.value.field == "reason"
    with pytest.raises(NotFound):
        call(kdb, worker(COMM_A2), projects.close_project, project_id=p["id"], reason="别人的")
    assert read(kdb, worker(), projects.get_project, id=p["id"])["status"] == "claimed"
    closed = call(kdb, worker(), projects.close_project, project_id=p["id"], reason="已由物业解决")
    assert (closed["status"], closed["closed_reason"]) == ("closed", "已由物业解决")
    assert read(kdb, worker(), lists.get_need, id=n["id"])["status"] == "open"
    [ev] = events(kdb, "project.closed")
    assert ev["payload"]["reason"] == "已由物业解决" and ev["payload"]["units"][0]["organisation_id"] == "u1"
    with pytest.raises(FailedPrecondition):
        call(kdb, worker(), projects.close_project, project_id=p["id"], reason="again")
    with pytest.raises(FailedPrecondition):   # nothing to evaluate in a project given up
        call(kdb, worker(), projects.evaluate_project, project_id=p["id"], stars=3, person_id="r1")
    assert project(kdb, council, needs=[n])["status"] == "ledger"   # the need goes into another project
