"""Deliberation meetings and "four deliberations, two disclosures" (四议两公开): stages in order, the voting
rules, a resolution's actions tracked to completion before the result is published."""
from __future__ import annotations

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.mediation import models as m
from services.mediation.app import cases
from services.mediation.app import deliberation as dl
from tests.conftest import DISTRICT_A, DISTRICT_B
from tests.service.mediation.conftest import (COMM_A, COMM_A2, admin, call, count, events, mediator, open_case, read,
                                              resident, snapshot, sub_staff, worker)

ROOFTOP = "楼顶种菜占用公共空间 a rooftop vegetable plot blocking the building"


@pytest.fixture
def case(mdb):
    return open_case(mdb, category="shared_space", summary=ROOFTOP)


def meeting(db, case_id="", kind="party_residents", ctx=None, **kw):
    params = {"community": COMM_A, "kind": kind, "held_on": "2026-06-05",
              "agenda": [{"title": "楼顶种菜问题", "case_id": case_id}],
              "attendance": ["物业公司", "业委会", "城管"], "representatives_eligible": 9}
    params.update(kw)
    return call(db, ctx or worker(), dl.schedule_meeting, **params)


def propose(db, case_id=None, meeting_id=None, ctx=None):
    params = {"community": COMM_A, "title": "清理楼顶菜地", "proposal": "业主一周内自行清理，逾期由物业清除"}
    if case_id:
        params["case_id"] = case_id
    if meeting_id:
        params["meeting_id"] = meeting_id
    return call(db, ctx or worker(), dl.propose_matter, **params)


def deliberate(db, matter_id, times=2):
    out = None
    for note in ("两委会商议同意", "党员大会审议通过")[:times]:
        out = call(db, worker(), dl.record_deliberation, matter_id=matter_id, note=note)
    return out


def vote(db, matter_id, eligible=9, yes=6, no=1, abstain=0, ctx=None):
    return call(db, ctx or worker(), dl.record_vote, matter_id=matter_id, eligible=eligible, yes=yes, no=no,
                abstain=abstain)


ACTIONS = [{"description": "业主自行清理楼顶菜地", "owner": "相关业主", "due_on": "2026-06-08"},
           {"description": "逾期由物业公司清除", "owner": "物业公司", "due_on": "2026-06-10"}]


def test_meetings_monthly_hall_and_party_and_residents(mdb, case):
    hall = meeting(mdb, kind="monthly_hall", agenda=[{"title": "六月居民议事"}])
    assert hall["kind"] == "monthly_hall" and hall["agenda"] == [{"title": "六月居民议事", "case_id": ""}]
    adhoc = meeting(mdb, case["id"])
    assert adhoc["agenda"] == [{"title": "楼顶种菜问题", "case_id": case["id"]}]
    assert adhoc["attendance"] == ["物业公司", "业委会", "城管"] and adhoc["representatives_eligible"] == 9
    assert count(mdb, m.Meeting) == 2


@pytest.mark.parametrize("override, field", [
    ({"kind": "weekly"}, "kind"),
    ({"agenda": []}, "agenda"),
    ({"agenda": [{"title": ""}]}, "agenda[0].title"),
    ({"held_on": "next monday"}, "held_on"),
    ({"representatives_eligible": -1}, "representatives_eligible"),
    ({"community": "310101002"}, "community"),
])
def test_a_bad_meeting_changes_nothing(mdb, override, field):
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        meeting(mdb, **override)
    assert err.value.field == field
    assert snapshot(mdb) == before


def test_a_blank_name_in_a_meetings_attendance_is_named_by_its_place(mdb):
    """The message named only "attendance", not which name of the list was blank."""
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        meeting(mdb, attendance=["物业公司", ""])
    assert err.value.field == "attendance[1]" and err.value.message
    assert snapshot(mdb) == before


def test_an_agenda_item_links_only_to_a_visible_case(mdb, with_b):
    b_case = call(mdb, admin(DISTRICT_B), cases.open_case, channel="walk_in", category="neighbour_noise",
                  community="310104001001", summary="B", parties=[{"name": "甲"}])
    with pytest.raises(NotFound) as err:
        meeting(mdb, b_case["id"])
    assert err.value.field == "agenda[0].case_id"
    with pytest.raises(NotFound):
        propose(mdb, case_id=b_case["id"])


def test_four_deliberations_two_disclosures_in_order(mdb, case, fixed_clock):
    mt = meeting(mdb, case["id"])
    x = propose(mdb, case["id"], mt["id"])
    assert (x["stage"], x["stage_number"], x["case_id"], x["meeting_id"]) == ("proposed", 1, case["id"], mt["id"])
    x = deliberate(mdb, x["id"], 1)
    assert (x["stage"], x["stage_number"]) == ("committees_discussed", 2)
    x = deliberate(mdb, x["id"], 1)
    assert (x["stage"], x["stage_number"]) == ("members_reviewed", 3)
    x = vote(mdb, x["id"], eligible=9, yes=7, no=1, abstain=1)
    assert (x["stage"], x["vote"]["passed"], x["vote"]["quorum_met"]) == ("voted", True, True)
    x = call(mdb, worker(), dl.publish_decision, matter_id=x["id"], decision="业主一周内清理，逾期物业清除",
             actions=ACTIONS)
    assert x["stage"] == "decision_published"
    assert [(a["owner"], a["due_on"], a["done_on"]) for a in x["actions"]] == [("相关业主", "2026-06-08", ""),
                                                                             ("物业公司", "2026-06-10", "")]
    [published] = events(mdb, "resolution.published")
    assert published["district"] == DISTRICT_A
    assert published["payload"]["matter_id"] == x["id"] and published["payload"]["case_id"] == case["id"]
    assert [a["owner"] for a in published["payload"]["actions"]] == ["相关业主", "物业公司"]

    # the result cannot be published while an action is open
    with pytest.raises(FailedPrecondition, match="2 action"):
        call(mdb, worker(), dl.publish_result, matter_id=x["id"], result="已清除")
    fixed_clock.advance(days=7)
    call(mdb, worker(), dl.complete_action, action_id=x["actions"][0]["id"], note="业主未清理")
    with pytest.raises(FailedPrecondition, match="1 action"):
        call(mdb, worker(), dl.publish_result, matter_id=x["id"], result="已清除")
    with pytest.raises(FailedPrecondition):
        call(mdb, worker(), dl.complete_action, action_id=x["actions"][0]["id"])
    fixed_clock.advance(days=2)
    x = call(mdb, sub_staff(), dl.complete_action, action_id=x["actions"][1]["id"], note="物业已清除")
    assert [a["done_on"] for a in x["actions"]] == ["2026-06-08", "2026-06-10"]
    x = call(mdb, worker(), dl.publish_result, matter_id=x["id"], result="菜地已由物业清除，投诉人满意")
    assert (x["stage"], x["stage_number"], x["result"]) == ("result_published", 6, "菜地已由物业清除，投诉人满意")
    assert [h["stage"] for h in x["history"]] == list(dl.rules.STAGES)
    assert len(events(mdb, "resolution.result_published")) == 1
    # anyone entitled may read it, residents too
    assert read(mdb, resident("r9"), dl.get_matter, matter_id=x["id"])["stage"] == "result_published"


def test_out_of_order_steps_are_refused(mdb):
    x = propose(mdb)
    before = snapshot(mdb)
    with pytest.raises(FailedPrecondition):
        vote(mdb, x["id"])
    with pytest.raises(FailedPrecondition):
        call(mdb, worker(), dl.publish_decision, matter_id=x["id"], decision="d", actions=ACTIONS)
    with pytest.raises(FailedPrecondition):
        call(mdb, worker(), dl.publish_result, matter_id=x["id"], result="r")
    assert snapshot(mdb) == before
    deliberate(mdb, x["id"])
    with pytest.raises(FailedPrecondition):            # a third deliberation: the vote comes next
        deliberate(mdb, x["id"], 1)
    with pytest.raises(FailedPrecondition):
        call(mdb, worker(), dl.publish_decision, matter_id=x["id"], decision="d", actions=ACTIONS)
    vote(mdb, x["id"])
    with pytest.raises(FailedPrecondition):
        vote(mdb, x["id"])
    with pytest.raises(FailedPrecondition):
        call(mdb, worker(), dl.publish_result, matter_id=x["id"], result="r")
    assert read(mdb, worker(), dl.get_matter, matter_id=x["id"])["stage"] == "voted"


# ---- the voting rules

@pytest.mark.parametrize("votes, stage, passed, quorum_met, reason", [
    ((9, 5, 0, 0), "rejected", False, False, "no quorum"),
    ((9, 3, 3, 0), "rejected", False, True, "tie"),
    ((9, 3, 3, 1), "rejected", False, True, "tie"),
    ((9, 3, 4, 0), "rejected", False, True, "not passed"),
    ((9, 4, 3, 0), "voted", True, True, "passed"),
    ((9, 6, 0, 0), "voted", True, True, "passed"),
])
def test_the_vote_decides(mdb, votes, stage, passed, quorum_met, reason):
    x = propose(mdb)
    deliberate(mdb, x["id"])
    x = vote(mdb, x["id"], *votes)
    assert (x["stage"], x["vote"]["passed"], x["vote"]["quorum_met"]) == (stage, passed, quorum_met)
    assert x["vote"]["reason"].startswith(reason)


def test_a_rejected_matter_goes_no_further(mdb):
    x = propose(mdb)
    deliberate(mdb, x["id"])
    vote(mdb, x["id"], 9, 2, 2, 0)
    with pytest.raises(FailedPrecondition):
        call(mdb, worker(), dl.publish_decision, matter_id=x["id"], decision="d", actions=ACTIONS)
    with pytest.raises(FailedPrecondition):
        deliberate(mdb, x["id"], 1)
    assert events(mdb, "resolution.published") == []


def test_the_voting_rules_are_configured_per_district(mdb, with_b):
    out = call(mdb, admin(), dl.set_voting_rules, quorum=0.8, majority=2 / 3)
    assert (out["district"], out["quorum"], out["majority"]) == (DISTRICT_A, 0.8, pytest.approx(2 / 3))
    x = propose(mdb)
    deliberate(mdb, x["id"])
    assert vote(mdb, x["id"], 10, 7, 0, 0)["vote"]["quorum_met"] is False   # 7 of 10 is under 80%
    y = propose(mdb)
    deliberate(mdb, y["id"])
    assert vote(mdb, y["id"], 10, 5, 3, 0)["stage"] == "rejected"           # 5/8 is under two thirds
    z = propose(mdb)
    deliberate(mdb, z["id"])
    assert vote(mdb, z["id"], 10, 6, 2, 0)["stage"] == "voted"
    # district B never configured: the defaults (quorum 2/3, simple majority)
    bx = call(mdb, worker("310104001001", DISTRICT_B), dl.propose_matter, community="310104001001", title="B",
              proposal="B")
    for note in ("a", "b"):
        call(mdb, worker("310104001001", DISTRICT_B), dl.record_deliberation, matter_id=bx["id"], note=note)
    got = call(mdb, worker("310104001001", DISTRICT_B), dl.record_vote, matter_id=bx["id"], eligible=10, yes=4,
               no=3, abstain=0)
    assert got["vote"]["quorum_met"] is True and got["stage"] == "voted"


def test_bad_voting_rules_change_nothing(mdb):
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        call(mdb, admin(), dl.set_voting_rules, quorum=1.5, majority=0.5)
    assert err.value.field == "quorum"
    with pytest.raises(PermissionDenied):
        call(mdb, worker(), dl.set_voting_rules, quorum=0.5, majority=0.5)
    assert snapshot(mdb) == before


def test_bad_vote_counts_are_refused(mdb):
    x = propose(mdb)
    deliberate(mdb, x["id"])
    with pytest.raises(InvalidArgument) as err:
        vote(mdb, x["id"], 9, 8, 3, 0)
    assert err.value.field == "yes"
    assert read(mdb, worker(), dl.get_matter, matter_id=x["id"])["stage"] == "members_reviewed"


# ---- the resolution's actions

@pytest.mark.parametrize("actions, field", [
    ([], "actions"),
    ([{"description": "清理", "owner": "物业", "due_on": "2026-05-31"}], "actions[0].due_on"),
    ([ACTIONS[0], {"description": "清理", "owner": "", "due_on": "2026-06-10"}], "actions[1].owner"),
    ([{"description": "", "owner": "物业", "due_on": "2026-06-10"}], "actions[0].description"),
    ([{"description": "清理", "owner": "物业", "due_on": "soon"}], "actions[0].due_on"),
])
def test_a_decision_with_bad_actions_changes_nothing(mdb, actions, field):
    x = propose(mdb)
    deliberate(mdb, x["id"])
    vote(mdb, x["id"])
    before, n_events = snapshot(mdb), len(events(mdb))
    with pytest.raises(InvalidArgument) as err:
        call(mdb, worker(), dl.publish_decision, matter_id=x["id"], decision="决议", actions=actions)
    assert err.value.field == field
    assert snapshot(mdb) == before and len(events(mdb)) == n_events


# ---- who runs deliberations

def test_who_runs_and_reads_deliberations(mdb, with_b):
    for ctx in (mediator(), resident(), admin()):
        with pytest.raises(PermissionDenied):
            propose(mdb, ctx=ctx)
    x = propose(mdb, ctx=sub_staff())
    with pytest.raises(NotFound):               # a worker of another community: not even seen
        call(mdb, worker(COMM_A2), dl.record_deliberation, matter_id=x["id"], note="x")
    with pytest.raises(NotFound):
        read(mdb, admin(DISTRICT_B), dl.get_matter, matter_id=x["id"])
    with pytest.raises(NotFound):
        call(mdb, worker("310104001001", DISTRICT_B), dl.record_deliberation, matter_id=x["id"], note="x")
    assert read(mdb, mediator(), dl.get_matter, matter_id=x["id"])["stage"] == "proposed"
