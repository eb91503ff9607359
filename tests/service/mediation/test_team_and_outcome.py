"""The 1+1+N team from the community's registry people, sessions, the outcome, rating and reopening."""
from __future__ import annotations

from datetime import timedelta

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.mediation import models as m
from services.mediation.app import cases
from tests.conftest import DISTRICT_A
from tests.service.mediation.conftest import (COMM_A, admin, assign, audit_rows, call, count, events, history,
                                              mediator, open_case, read, resident, resolve, row, snapshot, sub_staff,
                                              worker)


# ---- the team

def test_a_team_of_one_judge_one_mediator_and_volunteers_of_the_community(mdb, directory):
    case = open_case(mdb)
    out = assign(mdb, case["id"], volunteers=("v1", "v2", "v3"))
    assert (out["status"], out["judge_id"], out["mediator_id"]) == ("assigned", "j1", "med1")
    assert out["volunteers"] == [{"person_id": "v1", "name": "志愿者一", "community": COMM_A},
                                 {"person_id": "v2", "name": "志愿者二", "community": COMM_A},
                                 {"person_id": "v3", "name": "志愿者三", "community": COMM_A}]
    assert ("person", DISTRICT_A, "v3") in directory.calls       # looked up in the registry of the district
    [ev] = events(mdb, "case.assigned")
    assert ev["payload"]["judge_id"] == "j1" and ev["payload"]["volunteer_ids"] == ["v1", "v2", "v3"]
    assert [h.kind for h in history(mdb, case["id"])] == ["opened", "assigned"]
    [entry] = audit_rows(mdb, m.AuditEntry.action == "assign team")
    assert entry.before == {"judge_id": None, "mediator_id": None, "volunteers": []}


@pytest.mark.parametrize("team, field", [
    ({"judge_id": "x1", "mediator_id": "med1", "volunteer_ids": []}, "judge_id"),        # another community
    ({"judge_id": "j1", "mediator_id": "y1", "volunteer_ids": []}, "mediator_id"),       # another sub-district
    ({"judge_id": "j1", "mediator_id": "med1", "volunteer_ids": ["v1", "jb"]}, "volunteer_ids[1]"),
])
def test_a_person_of_another_community_is_refused(mdb, team, field):
    case = open_case(mdb)
    before = snapshot(mdb)
    with pytest.raises((FailedPrecondition, NotFound)) as err:
        call(mdb, worker(), cases.assign_team, case_id=case["id"], **team)
    assert err.value.field == field
    assert snapshot(mdb) == before and row(mdb, m.Case, case["id"]).status == "open"


def _judge(db, case_id, judge_id):
    return call(db, worker(), cases.assign_team, case_id=case_id, judge_id=judge_id, mediator_id="med1")


def test_a_resident_holding_no_community_judge_post_is_not_the_judge(mdb, directory):
    case = open_case(mdb)
    before = snapshot(mdb)
    with pytest.raises(FailedPrecondition) as err:
        _judge(mdb, case["id"], "v3")                        # lives in the community, but was never appointed
    assert err.value.field == "judge_id"
    assert err.value.message == f"v3 holds no community_judge post in community {COMM_A}"
    assert ("posts_of", DISTRICT_A, "v3") in directory.calls
    assert snapshot(mdb) == before and row(mdb, m.Case, case["id"]).status == "open"


def test_a_resident_appointed_community_judge_of_the_community_is_the_judge(mdb, directory):
    case = open_case(mdb)
    directory.appoint("v3", "rc-a")
    out = _judge(mdb, case["id"], "v3")
    assert (out["status"], out["judge_id"]) == ("assigned", "v3")


def test_a_judge_appointed_to_the_community_need_not_live_there(mdb, directory):
    """A community judge is often a judge of the district court: the post makes him the community's."""
    case = open_case(mdb)
    directory.appoint("x1", "rc-a")  # lives in the neighbouring community
    out = _judge(mdb, case["id"], "x1")
    assert (out["status"], out["judge_id"]) == ("assigned", "x1")


@pytest.mark.parametrize("organisation, title", [
    ("rc-a2", "community_judge"),        # a judge of the neighbouring community
    ("rc-b", "community_judge"),         # of another district's community: not even seen
    ("rc-a", "committee_member"),        # another post of the community's committee
])
def test_a_post_elsewhere_or_of_another_title_does_not_make_the_judge(mdb, directory, organisation, title):
    case = open_case(mdb)
    directory.appoint("v3", organisation, title)
    before = snapshot(mdb)
    with pytest.raises(FailedPrecondition) as err:
        _judge(mdb, case["id"], "v3")
    assert (err.value.field, err.value.message) == ("judge_id", f"v3 holds no community_judge post in community {COMM_A}")
    assert snapshot(mdb) == before


def test_a_community_judge_whose_post_ended_is_not_the_judge(mdb, directory):
    case = open_case(mdb)
    directory.end_post(directory.appoint("v3", "rc-a"), on="2026-05-20")
    with pytest.raises(FailedPrecondition) as err:
        _judge(mdb, case["id"], "v3")
    assert err.value.field == "judge_id" and row(mdb, m.Case, case["id"]).judge_id is None


def test_someone_not_in_the_registry_is_not_found(mdb):
    case = open_case(mdb)
    with pytest.raises(NotFound) as err:
        call(mdb, worker(), cases.assign_team, case_id=case["id"], judge_id="j1", mediator_id="ghost")
    assert err.value.field == "mediator_id"


def test_a_bad_team_is_refused_before_the_registry_is_asked(mdb, directory):
    case = open_case(mdb)
    directory.calls.clear()                                  # opening it looked its parties up
    with pytest.raises(InvalidArgument) as err:
        call(mdb, worker(), cases.assign_team, case_id=case["id"], judge_id="j1", mediator_id="j1")
    assert err.value.field == "volunteer_ids"
    assert directory.calls == []


def test_workload_is_shown_when_assigning(mdb):
    a, b = open_case(mdb), open_case(mdb)
    open_case(mdb)
    assign(mdb, a["id"], volunteers=("v1",))
    call(mdb, worker(), cases.assign_team, case_id=b["id"], judge_id="j1", mediator_id="v2", volunteer_ids=["v1"])
    load = read(mdb, worker(), cases.workload, community=COMM_A)
    assert load["community"] == COMM_A
    counts = {i["person_id"]: i["open_cases"] for i in load["items"]}
    assert counts == {"j1": 2, "v1": 2, "med1": 1, "v2": 1, "v3": 0, "r1": 0, "r2": 0}
    assert [i["open_cases"] for i in load["items"]] == sorted(i["open_cases"] for i in load["items"])
    resolve(mdb, a["id"])
    counts = {i["person_id"]: i["open_cases"] for i in read(mdb, worker(), cases.workload, community=COMM_A)["items"]}
    assert counts["j1"] == 1 and counts["med1"] == 0


def test_workload_stays_in_scope(mdb):
    with pytest.raises(PermissionDenied):
        read(mdb, worker(), cases.workload, community="310101002002")
    with pytest.raises(PermissionDenied):
        read(mdb, mediator(), cases.workload, community=COMM_A)
    with pytest.raises(InvalidArgument) as err:
        read(mdb, worker(), cases.workload, community="310101002")
    assert err.value.field == "community"


def test_only_staff_assign(mdb):
    case = open_case(mdb)
    for ctx in (mediator(), resident()):
        with pytest.raises(PermissionDenied):
            assign(mdb, case["id"], ctx=ctx)


# ---- sessions and the outcome

def test_sessions_with_notes_and_attendance(mdb):
    case = open_case(mdb)
    with pytest.raises(FailedPrecondition, match="assign a team first"):
        call(mdb, worker(), cases.record_session, case_id=case["id"], notes="x", attendance=["x"])
    assign(mdb, case["id"])
    s = call(mdb, mediator(), cases.record_session, case_id=case["id"], notes="第一次调解，双方陈述",
             attendance=["张三丰", "李四", "王法官"], held_at="2026-06-01T19:00:00+08:00")
    assert s["held_at"] == "2026-06-01T11:00:00+00:00" and s["attendance"] == ["张三丰", "李四", "王法官"]
    assert read(mdb, admin(), cases.get_case_view, case_id=case["id"])["status"] == "in_mediation"
    assert count(mdb, m.Session, m.Session.case_id == case["id"]) == 1
    with pytest.raises(InvalidArgument) as err:
        call(mdb, mediator(), cases.record_session, case_id=case["id"], notes="x", attendance=[])
    assert err.value.field == "attendance"
    with pytest.raises(InvalidArgument) as err:
        call(mdb, mediator(), cases.record_session, case_id=case["id"], notes="x", attendance=["a"],
             held_at="2026-06-01T19:00:00")
    assert err.value.field == "held_at"


def test_only_the_cases_team_mediates_it(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"])
    with pytest.raises(PermissionDenied):
        call(mdb, mediator("other-mediator"), cases.record_session, case_id=case["id"], notes="x", attendance=["x"])
    with pytest.raises(PermissionDenied):
        resolve(mdb, case["id"], ctx=mediator("other-mediator"))
    with pytest.raises(PermissionDenied):
        resolve(mdb, case["id"], ctx=sub_staff())
    resolve(mdb, case["id"], ctx=worker())        # the community worker records it for the team


def test_an_agreement_resolves_the_case(mdb, fixed_clock):
    case = open_case(mdb)
    assign(mdb, case["id"])
    fixed_clock.advance(days=2)
    with pytest.raises(InvalidArgument) as err:
        resolve(mdb, case["id"], agreement=None)
    assert err.value.field == "agreement"
    with pytest.raises(InvalidArgument) as err:
        resolve(mdb, case["id"], outcome="fixed")
    assert err.value.field == "outcome"
    out = resolve(mdb, case["id"], agreement="晚十点后停止装修")
    assert (out["status"], out["outcome"], out["agreement"], out["resolved_tier"]) == \
        ("resolved", "agreement", "晚十点后停止装修", "community")
    assert out["resolved_at"] == "2026-06-03T12:00:00+00:00"
    [entry] = audit_rows(mdb, m.AuditEntry.action == "resolve case")
    assert entry.actor == "med1" and entry.before == {"status": "assigned", "outcome": None}
    with pytest.raises(FailedPrecondition):
        resolve(mdb, case["id"], outcome="withdrawn")


@pytest.mark.parametrize("outcome", ["resolved_without_agreement", "withdrawn"])
def test_other_resolving_outcomes(mdb, outcome):
    case = open_case(mdb)
    assign(mdb, case["id"])
    out = resolve(mdb, case["id"], outcome=outcome, agreement=None)
    assert (out["status"], out["outcome"], out["agreement"]) == ("resolved", outcome, "")


def test_case_resolved_carries_the_volunteers_for_the_points_service(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"], volunteers=("v1", "v3"))
    resolve(mdb, case["id"])
    [ev] = events(mdb, "case.resolved")
    assert ev["district"] == DISTRICT_A and ev["event_id"]
    p = ev["payload"]
    assert (p["case_id"], p["outcome"], p["resolved_tier"], p["status"]) == (case["id"], "agreement", "community",
                                                                              "resolved")
    assert [(v["person_id"], v["community"]) for v in p["volunteers"]] == [("v1", COMM_A), ("v3", COMM_A)]


# ---- rating

def test_the_complainant_rates_once_resolved(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"])
    with pytest.raises(FailedPrecondition):
        call(mdb, resident("r1"), cases.rate_case, case_id=case["id"], score=5)
    resolve(mdb, case["id"])
    with pytest.raises(PermissionDenied):                  # the respondent is a party, not the complainant
        call(mdb, resident("r2"), cases.rate_case, case_id=case["id"], score=1)
    with pytest.raises(PermissionDenied):
        call(mdb, worker(), cases.rate_case, case_id=case["id"], score=5)
    with pytest.raises(PermissionDenied):
        call(mdb, resident("stranger"), cases.rate_case, case_id=case["id"], score=5)
    out = call(mdb, resident("r1"), cases.rate_case, case_id=case["id"], score=4, comment="基本满意")
    assert (out["rating"], out["rating_comment"]) == (4, "基本满意")
    assert out["parties"][0]["phone"] == "138****5678"
    [ev] = events(mdb, "case.rated")
    assert ev["payload"]["rating"] == 4 and ev["payload"]["case_id"] == case["id"]
    [entry] = audit_rows(mdb, m.AuditEntry.action == "rate case")
    assert entry.actor == "r1" and entry.after == {"rating": 4}


@pytest.mark.parametrize("score", [0, 6])
def test_a_rating_outside_one_to_five_changes_nothing(mdb, score):
    case = open_case(mdb)
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        call(mdb, resident("r1"), cases.rate_case, case_id=case["id"], score=score)
    assert err.value.field == "score"
    assert snapshot(mdb) == before and row(mdb, m.Case, case["id"]).rating is None


# ---- reopening

def test_a_party_reopens_within_fifteen_days(mdb, fixed_clock):
    case = open_case(mdb)
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    call(mdb, resident("r1"), cases.rate_case, case_id=case["id"], score=2)
    fixed_clock.advance(days=15)
    with pytest.raises(PermissionDenied):
        call(mdb, resident("stranger"), cases.reopen_case, case_id=case["id"], reason="又吵了")
    out = call(mdb, resident("r2"), cases.reopen_case, case_id=case["id"], reason="又开始夜间施工")
    assert (out["status"], out["reopen_count"], out["outcome"], out["rating"]) == ("in_mediation", 1, "", 0)
    # a fresh community deadline from now (neighbour_noise: five days)
    assert out["deadline_at"] == (fixed_clock.now() + timedelta(days=5)).isoformat()
    [ev] = events(mdb, "case.reopened")
    assert ev["payload"]["reason"] == "又开始夜间施工"
    assert [h.kind for h in history(mdb, case["id"])][-1] == "reopened"


def test_the_reopen_window_closes_after_fifteen_days(mdb, fixed_clock):
    case = open_case(mdb)
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    fixed_clock.advance(days=15, seconds=1)
    before = snapshot(mdb)
    with pytest.raises(FailedPrecondition, match="15-day reopen window"):
        call(mdb, resident("r1"), cases.reopen_case, case_id=case["id"], reason="又吵了")
    assert snapshot(mdb) == before


def test_a_community_worker_reopens_once_with_a_reason(mdb):
    case = open_case(mdb)
    assign(mdb, case["id"])
    resolve(mdb, case["id"])
    out = call(mdb, worker(), cases.reopen_case, case_id=case["id"], reason="回访发现未落实")
    assert out["status"] == "in_mediation"
    with pytest.raises(FailedPrecondition):
        call(mdb, worker(), cases.reopen_case, case_id=case["id"], reason="again")
    with pytest.raises(InvalidArgument) as err:
        call(mdb, worker(), cases.reopen_case, case_id=case["id"], reason="")
    assert err.value.field == "reason"
