"""The member annual cycle through the application layer: eleven steps, each by its role; objections in
the public notice window; grading by configurable thresholds; violations; exemptions."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.points import models as m
from services.points.app import cycle
from tests.conftest import DISTRICT_B
from tests.service.points.conftest import (COMM_A, admin, audit_rows, call, events, read, resident, sub_staff,
                                           worker)

MEMBERS = ["p1", "p2", "p3", "p4"]


def open_cycle(db, members=MEMBERS):
    return call(db, sub_staff(), cycle.open_cycle, branch_id="branch-1", community=COMM_A, year=2026,
                members=[{"person_id": p} for p in members])


def advance(db, c, ctx):
    return call(db, ctx, cycle.advance_cycle, cycle_id=c["id"])


def member(c, person):
    return next(x for x in c["members"] if x["person_id"] == person)


def to_step(db, c, step, scores=None):
    """Walk the cycle to ``step`` with each step's own role (meeting scores from ``scores``)."""
    scores = scores or {}
    while c["step"] != step:
        s = c["step"]
        if s in ("announced", "rules_set", "filing", "year_end_review", "grading"):
            c = advance(db, c, sub_staff())
        elif s == "verification":
            c = advance(db, c, admin())
        elif s in ("initial_review", "members_meeting"):
            for x in c["members"]:
                if not x["exempt"] and x.get("initial_score" if s == "initial_review" else "meeting_score") is None:
                    call(db, worker(), cycle.record_assessment, cycle_id=c["id"], person_id=x["person_id"],
                         score=scores.get(x["person_id"], 75))
            c = advance(db, c, worker())
        elif s == "public_notice":
            raise AssertionError("the public notice is walked by the test itself")
        else:
            c = advance(db, c, worker())
    return c


def past_notice(db, c, fixed_clock):
    c = to_step(db, c, "public_notice")
    fixed_clock.advance(days=c["objection_days"])
    return advance(db, c, worker())


def test_the_eleven_steps_each_closed_by_its_role(seeded, fixed_clock):
    c = open_cycle(seeded)
    assert (c["step"], c["step_number"], len(c["members"])) == ("announced", 1, 4)
    assert member(c, "p1")["account_id"] == "310101:member:p1"
    with pytest.raises(PermissionDenied):
        advance(seeded, c, worker())                        # announced: sub-district or district
    c = advance(seeded, c, sub_staff())
    assert c["step"] == "rules_set"
    c = call(seeded, sub_staff(), cycle.set_cycle_rules, cycle_id=c["id"], base_score=60,
             thresholds={"excellent": 85, "qualified": 70, "basically_qualified": 60}, objection_days=3)
    assert c["thresholds"]["excellent"] == 85 and c["objection_days"] == 3
    c = advance(seeded, c, sub_staff())
    assert c["step"] == "self_assessment"
    out = call(seeded, resident("p1"), cycle.self_assess, cycle_id=c["id"], score=92, note="did my part")
    assert out["self_score"] == 92
    with pytest.raises(NotFound):
        call(seeded, resident("stranger"), cycle.self_assess, cycle_id=c["id"], score=92)
    with pytest.raises(PermissionDenied):
        advance(seeded, c, sub_staff())                     # self-assessment: community worker closes
    c = advance(seeded, c, worker())
    assert c["step"] == "initial_review"
    with pytest.raises(FailedPrecondition) as err:
        advance(seeded, c, worker())                        # every member needs an initial score
    assert "no initial score" in err.value.message
    scores = {"p1": 88, "p2": 72, "p3": 61, "p4": 40}
    for p, score in scores.items():
        call(seeded, worker(), cycle.record_assessment, cycle_id=c["id"], person_id=p, score=score)
    c = advance(seeded, c, worker())
    assert c["step"] == "members_meeting"
    for p, score in scores.items():
        call(seeded, worker(), cycle.record_assessment, cycle_id=c["id"], person_id=p, score=score + 2)
    c = advance(seeded, c, worker())
    assert c["step"] == "public_notice" and c["notice_closes_on"] == "2026-06-04"
    fixed_clock.advance(days=3)
    c = advance(seeded, c, worker())
    assert c["step"] == "filing"
    with pytest.raises(PermissionDenied):
        advance(seeded, c, worker())
    c = advance(seeded, c, sub_staff())
    assert c["step"] == "year_end_review"
    c = advance(seeded, c, sub_staff())
    assert c["step"] == "grading" and member(c, "p1")["final_score"] == 90
    c = advance(seeded, c, sub_staff())
    assert c["step"] == "verification"
    assert {x["person_id"]: x["grade"] for x in c["members"]} == {
        "p1": "excellent", "p2": "qualified", "p3": "basically_qualified", "p4": "unqualified"}
    with pytest.raises(PermissionDenied):
        advance(seeded, c, sub_staff())                     # verification: district only
    c = advance(seeded, c, admin())
    assert (c["step"], c["step_number"]) == ("published", 11)
    assert all(x["verified"] for x in c["members"])
    with pytest.raises((FailedPrecondition, PermissionDenied)):
        advance(seeded, c, admin())
    (published,) = events(seeded, "member_cycle.published")
    assert published["payload"]["grades"]["p1"] == "excellent"
    with seeded.session_factory() as s:
        history = s.get(m.Cycle, c["id"]).history
    assert [h["step"] for h in history] == [
        "announced", "rules_set", "self_assessment", "initial_review", "members_meeting", "public_notice",
        "filing", "year_end_review", "grading", "verification"]
    assert history[2]["closed_by"] == "worker" and history[-1]["closed_by"] == "admin"
    closes = audit_rows(seeded, m.AuditEntry.subject == c["id"], m.AuditEntry.action.like("close %"))
    assert len(closes) == 10


def test_a_branch_has_one_cycle_a_year(seeded):
    open_cycle(seeded)
    with pytest.raises(AlreadyExists) as err:
        open_cycle(seeded)
    assert err.value.field == "year"


def test_a_community_worker_cannot_open_a_cycle(seeded):
    with pytest.raises(PermissionDenied):
        call(seeded, worker(), cycle.open_cycle, branch_id="b", community=COMM_A, year=2026,
             members=[{"person_id": "p1"}])


def test_steps_are_done_in_their_step_only(seeded):
    c = open_cycle(seeded)
    with pytest.raises(FailedPrecondition):
        call(seeded, resident("p1"), cycle.self_assess, cycle_id=c["id"], score=80)
    with pytest.raises(FailedPrecondition):
        call(seeded, worker(), cycle.record_assessment, cycle_id=c["id"], person_id="p1", score=80)
    with pytest.raises(FailedPrecondition):
        call(seeded, sub_staff(), cycle.set_cycle_rules, cycle_id=c["id"], base_score=50)
    c = advance(seeded, c, sub_staff())
    with pytest.raises(PermissionDenied):
        call(seeded, worker(), cycle.set_cycle_rules, cycle_id=c["id"], base_score=50)


def test_objections_must_be_answered_before_the_public_notice_closes(seeded, fixed_clock):
    c = to_step(seeded, open_cycle(seeded), "public_notice")
    assert c["notice_closes_on"] == "2026-06-06"          # five days by default
    obj = call(seeded, resident("neighbour"), cycle.raise_objection, cycle_id=c["id"], person_id="p2",
               objection="p2 missed three meetings")
    with pytest.raises(NotFound):
        call(seeded, resident("neighbour"), cycle.raise_objection, cycle_id=c["id"], person_id="nobody",
             objection="x")
    with pytest.raises(FailedPrecondition) as err:
        advance(seeded, c, worker())                      # the window is open
    assert "open until 2026-06-06" in err.value.message
    fixed_clock.advance(days=5)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, resident("late"), cycle.raise_objection, cycle_id=c["id"], person_id="p2", objection="late")
    assert "closed" in err.value.message
    with pytest.raises(FailedPrecondition) as err:
        advance(seeded, c, worker())                      # window over, objection unanswered
    assert "1 objection(s) are not answered" in err.value.message
    assert read(seeded, worker(), cycle.get_cycle, cycle_id=c["id"])["unanswered_objections"] == 1
    with pytest.raises(PermissionDenied):
        call(seeded, sub_staff(), cycle.answer_objection, objection_id=obj["id"], answer="checked")
    ans = call(seeded, worker(), cycle.answer_objection, objection_id=obj["id"], answer="two were excused")
    assert ans["answer"] == "two were excused"
    with pytest.raises(FailedPrecondition):
        call(seeded, worker(), cycle.answer_objection, objection_id=obj["id"], answer="again")
    assert advance(seeded, c, worker())["step"] == "filing"


def test_a_violation_makes_a_member_unqualified_whatever_the_score(seeded, fixed_clock):
    c = to_step(seeded, open_cycle(seeded), "members_meeting")
    call(seeded, worker(), cycle.record_assessment, cycle_id=c["id"], person_id="p1", score=99, violation=True,
         note="disciplinary sanction")
    c = past_notice(seeded, to_step(seeded, c, "public_notice", {"p1": 99}), fixed_clock)
    c = to_step(seeded, c, "verification")
    assert member(c, "p1")["violation"] is True and member(c, "p1")["grade"] == "unqualified"
    assert member(c, "p2")["grade"] == "qualified"


def test_grading_thresholds_are_configurable(seeded, fixed_clock):
    c = to_step(seeded, open_cycle(seeded), "rules_set")
    call(seeded, sub_staff(), cycle.set_cycle_rules, cycle_id=c["id"],
         thresholds={"excellent": 98, "qualified": 80, "basically_qualified": 74})
    c = to_step(seeded, read(seeded, worker(), cycle.get_cycle, cycle_id=c["id"]), "public_notice",
                {"p1": 97, "p2": 80, "p3": 75, "p4": 73})
    c = to_step(seeded, past_notice(seeded, c, fixed_clock), "verification")
    assert {x["person_id"]: x["grade"] for x in c["members"]} == {
        "p1": "qualified", "p2": "qualified", "p3": "basically_qualified", "p4": "unqualified"}
    c2 = call(seeded, sub_staff(), cycle.open_cycle, branch_id="branch-2", community=COMM_A, year=2026,
              members=[{"person_id": "p9"}])
    advance(seeded, c2, sub_staff())
    with pytest.raises(InvalidArgument) as err:
        call(seeded, sub_staff(), cycle.set_cycle_rules, cycle_id=c2["id"],
             thresholds={"excellent": 60, "qualified": 70, "basically_qualified": 50})
    assert err.value.field == "thresholds"
    with pytest.raises(InvalidArgument) as err:
        call(seeded, sub_staff(), cycle.set_cycle_rules, cycle_id=c2["id"], objection_days=0)
    assert err.value.field == "objection_days"


def test_an_exemption_goes_request_application_approval_and_leaves_the_member_out_of_grading(seeded, fixed_clock):
    c = to_step(seeded, open_cycle(seeded), "self_assessment")
    with pytest.raises(PermissionDenied):                 # a member asks for themself only
        call(seeded, resident("p2"), cycle.request_exemption, cycle_id=c["id"], person_id="p3", reason="x")
    e = call(seeded, resident("p3"), cycle.request_exemption, cycle_id=c["id"], person_id="p3",
             reason="long-term hospital stay")
    assert e["state"] == "requested"
    with pytest.raises(PermissionDenied):                 # the committee acts after the community
        call(seeded, sub_staff(), cycle.decide_exemption, exemption_id=e["id"], approve=True)
    assert call(seeded, worker(), cycle.decide_exemption, exemption_id=e["id"], approve=True)["state"] == "applied"
    with pytest.raises(PermissionDenied):
        call(seeded, worker(), cycle.decide_exemption, exemption_id=e["id"], approve=True)
    assert call(seeded, sub_staff(), cycle.decide_exemption, exemption_id=e["id"], approve=True)["state"] == \
        "approved"
    with pytest.raises(FailedPrecondition):
        call(seeded, sub_staff(), cycle.decide_exemption, exemption_id=e["id"], approve=True)
    c = read(seeded, worker(), cycle.get_cycle, cycle_id=c["id"])
    assert member(c, "p3")["exempt"] is True
    c = advance(seeded, c, worker())                      # into initial review: p3 needs no score
    with pytest.raises(FailedPrecondition):
        call(seeded, worker(), cycle.record_assessment, cycle_id=c["id"], person_id="p3", score=80)
    c = to_step(seeded, past_notice(seeded, to_step(seeded, c, "public_notice"), fixed_clock), "verification")
    p3 = member(c, "p3")
    assert "grade" not in p3 and "final_score" not in p3
    assert member(c, "p1")["grade"] == "qualified"
    with seeded.session_factory() as s:
        trail = s.get(m.Exemption, e["id"]).trail
    assert [t["state"] for t in trail] == ["requested", "applied", "approved"]


def test_a_rejected_exemption_keeps_the_member_in_grading(seeded):
    c = to_step(seeded, open_cycle(seeded), "self_assessment")
    e = call(seeded, worker(), cycle.request_exemption, cycle_id=c["id"], person_id="p4", reason="abroad")
    assert call(seeded, worker(), cycle.decide_exemption, exemption_id=e["id"], approve=False)["state"] == \
        "rejected"
    assert member(read(seeded, worker(), cycle.get_cycle, cycle_id=c["id"]), "p4")["exempt"] is False


def test_exemptions_are_decided_before_grading(seeded, fixed_clock):
    c = to_step(seeded, past_notice(seeded, open_cycle(seeded), fixed_clock), "grading")
    with pytest.raises(FailedPrecondition):
        call(seeded, resident("p1"), cycle.request_exemption, cycle_id=c["id"], person_id="p1", reason="ill")


def test_an_exemption_still_open_at_grading_cannot_be_approved_after_the_member_was_graded(seeded, fixed_clock):
    """Exempted members are left out of grading: approving an exemption once grades are given would leave a
    member both exempt and graded."""
    c = to_step(seeded, past_notice(seeded, open_cycle(seeded), fixed_clock), "year_end_review")
    e = call(seeded, resident("p1"), cycle.request_exemption, cycle_id=c["id"], person_id="p1", reason="ill")
    call(seeded, worker(), cycle.decide_exemption, exemption_id=e["id"], approve=True)       # applied
    c = to_step(seeded, c, "verification")
    assert member(c, "p1")["grade"] == "qualified"
    try:
        call(seeded, sub_staff(), cycle.decide_exemption, exemption_id=e["id"], approve=True)
    except FailedPrecondition:
        pass                                              # refusing the late approval is one right answer
    p1 = member(read(seeded, worker(), cycle.get_cycle, cycle_id=c["id"]), "p1")
    assert not (p1["exempt"] and "grade" in p1), p1


def test_a_cycle_of_another_district_is_not_found(seeded):
    c = open_cycle(seeded)
    with pytest.raises(NotFound):
        read(seeded, admin(district=DISTRICT_B), cycle.get_cycle, cycle_id=c["id"])
    with pytest.raises(NotFound):
        call(seeded, admin(district=DISTRICT_B), cycle.advance_cycle, cycle_id=c["id"])
