"""Scope inside a district, in every method: a community worker of 310101002002 and the staff of sub-district
310101003 neither see nor change the records of 310101002001; a matter's case and meeting are its community's
own; district-wide settings are changed by the whole district only; a party named by id is a registry person
of the district."""
from __future__ import annotations

import pytest

from services.common.errors import NotFound, PermissionDenied
from services.mediation.app import cases, figures, hotline
from services.mediation.app import deliberation as dl
from tests.conftest import ctx_for
from tests.service.mediation.conftest import (COMM_A, COMM_A2, COMM_A3, DISTRICT_A, SUB_A, SUB_A3, admin, assign,
                                              call, open_case, parties, read, resolve, snapshot, sub_staff, worker)

AGENDA = [{"title": "楼顶种菜问题"}]
HEADER = "order_no,received_at,category,community,summary,caller_name,caller_phone,grid\n"


def _meeting(db, ctx, community, **kw):
    return call(db, ctx, dl.schedule_meeting, community=community, kind="party_residents", held_on="2026-06-05",
                agenda=kw.pop("agenda", AGENDA), representatives_eligible=9, **kw)


def _propose(db, ctx, community, **kw):
    return call(db, ctx, dl.propose_matter, community=community, title="清理楼顶菜地", proposal="业主一周内自行清理", **kw)


@pytest.fixture
def community_a(mdb):
    """Records of 310101002001: a case in mediation, a resolved 12345 case, a meeting, a matter whose decision is
    published with one open action."""
    case = open_case(mdb)
    assign(mdb, case["id"])
    done = open_case(mdb, channel="hotline_12345", hotline_order_no="GD2026060100001")
    assign(mdb, done["id"])
    resolve(mdb, done["id"])
    mt = _meeting(mdb, worker(), COMM_A)
    x = _propose(mdb, worker(), COMM_A, case_id=case["id"], meeting_id=mt["id"])
    for note in ("两委会商议同意", "党员大会审议通过"):
        call(mdb, worker(), dl.record_deliberation, matter_id=x["id"], note=note)
    call(mdb, worker(), dl.record_vote, matter_id=x["id"], yes=7, no=1, abstain=0)
    x = call(mdb, worker(), dl.publish_decision, matter_id=x["id"], decision="业主一周内清理",
             actions=[{"description": "业主自行清理", "owner": "相关业主", "due_on": "2026-06-08"}])
    return {"case": case["id"], "done": done["id"], "meeting": mt["id"], "matter": x["id"],
            "action": x["actions"][0]["id"]}


OUTSIDERS = {
    "a worker of the sibling community 310101002002": (worker(COMM_A2, actor="outsider"), COMM_A2),
    "the staff of the sibling sub-district 310101003": (sub_staff(SUB_A3, actor="outsider"), COMM_A3),
}


@pytest.mark.parametrize("who", list(OUTSIDERS))
def test_a_narrower_scope_neither_sees_nor_changes_another_communitys_records_in_any_method(mdb, community_a, who):
    ctx, own = OUTSIDERS[who]
    ids = community_a
    before = snapshot(mdb)
    supervisor = ctx.subdistrict and not ctx.community
    not_found = [   # every method naming one of 310101002001's records by id: as though it did not exist
        (cases.get_case_view, {"case_id": ids["case"]}, "case_id"),
        (cases.assign_team, {"case_id": ids["case"], "judge_id": "j1", "mediator_id": "med1"}, "case_id"),
        (dl.schedule_meeting, {"community": own, "kind": "monthly_hall", "held_on": "2026-06-05",
                               "agenda": [{"title": "x", "case_id": ids["case"]}]}, "agenda[0].case_id"),
        (dl.propose_matter, {"community": own, "title": "x", "proposal": "x", "case_id": ids["case"]}, "case_id"),
        (dl.propose_matter, {"community": own, "title": "x", "proposal": "x", "meeting_id": ids["meeting"]},
         "meeting_id"),
        (dl.record_deliberation, {"matter_id": ids["matter"], "note": "x"}, "matter_id"),
        (dl.record_vote, {"matter_id": ids["matter"], "yes": 9}, "matter_id"),
        (dl.publish_decision, {"matter_id": ids["matter"], "decision": "x",
                               "actions": [{"description": "x", "owner": "x", "due_on": "2026-06-09"}]}, "matter_id"),
        (dl.complete_action, {"action_id": ids["action"]}, "action_id"),
        (dl.publish_result, {"matter_id": ids["matter"], "result": "x"}, "matter_id"),
        (dl.get_matter, {"matter_id": ids["matter"]}, "matter_id"),
    ]
    if supervisor:
        not_found.append((cases.escalate_by_hand, {"case_id": ids["case"], "direction": "up", "reason": "x"},
                          "case_id"))
    else:   # the community worker mediates, records a 12345 caller's rating and reopens cases
        not_found += [(cases.record_session, {"case_id": ids["case"], "notes": "x", "attendance": ["x"]}, "case_id"),
                      (cases.resolve_case, {"case_id": ids["case"], "outcome": "withdrawn"}, "case_id"),
                      (cases.rate_case, {"case_id": ids["done"], "score": 5}, "case_id"),
                      (cases.reopen_case, {"case_id": ids["done"], "reason": "x"}, "case_id")]
    for fn, params, field in not_found:
        with pytest.raises(NotFound) as err:
            call(mdb, ctx, fn, **params)
        assert err.value.field == field, fn.__name__
    refused = [     # naming 310101002001 itself
        (cases.open_case, {"channel": "walk_in", "category": "neighbour_noise", "community": COMM_A, "summary": "x",
                           "parties": [{"name": "甲"}]}, "community"),
        (cases.list_cases, {"community": COMM_A}, "community"),
        (cases.workload, {"community": COMM_A}, "community"),
        (dl.schedule_meeting, {"community": COMM_A, "kind": "monthly_hall", "held_on": "2026-06-05",
                               "agenda": AGENDA}, "community"),
        (dl.propose_matter, {"community": COMM_A, "title": "x", "proposal": "x"}, "community"),
        (figures.get_figures, {"scope": COMM_A}, "scope"),
    ]
    for fn, params, field in refused:
        with pytest.raises(PermissionDenied) as err:
            call(mdb, ctx, fn, **params)
        assert err.value.field == field, fn.__name__
    # listings of the caller's own scope leave 310101002001 out
    assert read(mdb, ctx, cases.list_cases)["items"] == []
    assert read(mdb, ctx, hotline.export_outcomes, format="csv")["orders"] == 0
    assert read(mdb, ctx, figures.get_figures)["cases"] == 0
    report = call(mdb, ctx, hotline.import_orders, format="csv", content=(
        HEADER + f"GD2026060100009,2026-05-30 09:00,neighbour_noise,{COMM_A},噪音,张三,,\n").encode())
    assert (report["imported"], [p["column"] for p in report["problems"]]) == (0, ["community"])
    assert snapshot(mdb) == before


def test_a_matter_is_not_put_to_another_communitys_meeting(mdb):
    """BUG: propose_matter checked only the meeting's district, so a matter of 310101002001 went on the agenda of
    310101002002's meeting (and a worker of one community used the other's meeting)."""
    theirs = _meeting(mdb, worker(COMM_A2), COMM_A2)
    before = snapshot(mdb)
    for ctx in (worker(COMM_A), sub_staff(SUB_A)):
        with pytest.raises(NotFound) as err:
            _propose(mdb, ctx, COMM_A, meeting_id=theirs["id"])
        assert err.value.field == "meeting_id"
    assert snapshot(mdb) == before
    mine = _meeting(mdb, worker(COMM_A), COMM_A)
    assert _propose(mdb, sub_staff(SUB_A), COMM_A, meeting_id=mine["id"])["meeting_id"] == mine["id"]


def test_an_agenda_item_and_a_matter_link_only_to_a_case_of_their_community(mdb):
    """BUG: schedule_meeting and propose_matter looked the case up in the caller's scope only, so the sub-district
    put a case of 310101002002 on 310101002001's agenda."""
    neighbour = open_case(mdb, ctx=admin(), community=COMM_A2)
    before = snapshot(mdb)
    with pytest.raises(NotFound) as err:
        _meeting(mdb, sub_staff(SUB_A), COMM_A, agenda=[{"title": "x", "case_id": neighbour["id"]}])
    assert err.value.field == "agenda[0].case_id"
    with pytest.raises(NotFound) as err:
        _propose(mdb, sub_staff(SUB_A), COMM_A, case_id=neighbour["id"])
    assert err.value.field == "case_id"
    assert snapshot(mdb) == before
    assert _propose(mdb, sub_staff(SUB_A), COMM_A2, case_id=neighbour["id"])["case_id"] == neighbour["id"]


def test_a_sibling_communitys_matter_is_not_found(mdb):
    """BUG: get_matter checked only the district: a worker of 310101002002 read 310101002001's matters."""
    x = _propose(mdb, worker(COMM_A), COMM_A)
    with pytest.raises(NotFound) as err:
        read(mdb, worker(COMM_A2), dl.get_matter, matter_id=x["id"])
    assert err.value.field == "matter_id"
    with pytest.raises(NotFound):
        read(mdb, sub_staff(SUB_A3), dl.get_matter, matter_id=x["id"])
    assert read(mdb, sub_staff(SUB_A), dl.get_matter, matter_id=x["id"])["id"] == x["id"]


@pytest.mark.parametrize("claims", [{"subdistrict": SUB_A}, {"subdistrict": SUB_A, "community": COMM_A}])
def test_district_wide_settings_are_changed_by_the_whole_district_only(mdb, claims):
    """BUG: a district admin's token naming a sub-district (or community) changed the categories and voting rules
    of the whole district."""
    narrow = ctx_for("district_admin", district=DISTRICT_A, actor="narrow-admin", **claims)
    before = snapshot(mdb)
    with pytest.raises(PermissionDenied):
        call(mdb, narrow, cases.configure_category, code="neighbour_noise", name="噪音",
             deadline_days={"community": 1, "subdistrict": 1, "district": 1})
    with pytest.raises(PermissionDenied):
        call(mdb, narrow, dl.set_voting_rules, quorum=0.1, majority=0.5)
    assert snapshot(mdb) == before
    # the categories apply to the narrower scope all the same
    assert "neighbour_noise" in [c["code"] for c in read(mdb, narrow, cases.list_categories)["items"]]
    assert call(mdb, admin(), dl.set_voting_rules, quorum=0.5, majority=0.5)["quorum"] == 0.5


@pytest.mark.parametrize("person_id, why", [("jb", "a person of district B"), ("ghost", "no one in the registry")])
def test_a_party_named_by_id_is_a_registry_person_of_the_district(mdb, directory, person_id, why):
    """BUG: open_case stored any person_id, another district's people included."""
    before = snapshot(mdb)
    with pytest.raises(NotFound) as err:
        open_case(mdb, parties=parties(respondent=person_id))
    assert err.value.field == "parties[1].person_id", why
    assert snapshot(mdb) == before
    assert ("person", DISTRICT_A, person_id) in directory.calls
    # a party without an id (a walk-in's neighbour) needs none
    assert open_case(mdb, parties=[{"name": "张三", "role": "complainant"}])["parties"][0]["person_id"] == ""


def test_a_case_or_a_meeting_opens_only_in_a_community_the_registry_holds(mdb, directory):
    """A well-formed code inside the caller's scope but of no community of the registry (310101002099)
    opens nothing: the registry client checks the division exists in the caller's district."""
    directory.divisions = {COMM_A, COMM_A2, COMM_A3}
    before = snapshot(mdb)
    for attempt in (lambda: open_case(mdb, sub_staff(), community="310101002099"),
                    lambda: _meeting(mdb, sub_staff(), "310101002099"),
                    lambda: _propose(mdb, sub_staff(), "310101002099")):
        with pytest.raises(NotFound) as err:
            attempt()
        assert err.value.field == "community" and "310101002099" in err.value.message
    assert snapshot(mdb) == before
    assert open_case(mdb)["community"] == COMM_A
