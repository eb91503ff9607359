"""Joint meetings (共建联席会): held at least quarterly, with agenda, attendance by unit, minutes and
decisions followed to completion; the flags when a council misses a quarter or a decision its deadline."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.common.context import system_context
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import API, meetings
from tests.service.council.conftest import COMM_A, COMM_A2, admin, call, clear_events, count, events, read, unit, worker

DECISIONS = [{"text": "修缮小区路灯", "owner_organisation_id": "u1", "due_on": "2026-06-20"},
             {"text": "组织助老志愿服务", "owner_person_id": "r1", "due_on": "2026-07-31"}]


def hold(kdb, council, held_on="2026-05-28", decisions=DECISIONS, **extra):
    return call(kdb, worker(), meetings.record_joint_meeting, council_id=council["id"], kind="regular",
                held_on=held_on, agenda=["路灯修缮", "助老服务"], attendance=["u1", "so1"], minutes="会议议定两件事",
                decisions=decisions, **extra)


def test_a_joint_meeting_with_its_decisions_and_their_owners(kdb, council):
    x = hold(kdb, council)
    assert (x["kind"], x["attendance"], len(x["decisions"])) == ("regular", ["u1", "so1"], 2)
    owners = {d["text"]: (d["owner_name"], d["status"]) for d in x["decisions"]}
    assert owners == {"修缮小区路灯": ("区供电公司", "open"), "组织助老志愿服务": ("张三", "open")}
    [held] = events(kdb, "joint_meeting.held")
    assert held["payload"]["id"] == x["id"] and "minutes" not in held["payload"]
    assert read(kdb, worker(), meetings.get_joint_meeting, id=x["id"])["minutes"] == "会议议定两件事"


@pytest.mark.parametrize("params, field", [
    ({"held_on": "2026-06-02"}, "held_on"),                         # not held yet
    ({"kind": "monthly"}, "kind"),
    ({"agenda": []}, "agenda"),
    ({"attendance": ["u1", "b1"]}, "attendance[1]"),                # not a member unit
    ({"attendance": []}, "attendance"),
    ({"minutes": " "}, "minutes"),
    ({"decisions": [{"text": "x", "owner_organisation_id": "b1", "due_on": "2026-06-20"}]},
     "decisions[0].owner_organisation_id"),
    ({"decisions": [{"text": "x", "owner_organisation_id": "u1", "owner_person_id": "r1", "due_on": "2026-06-20"}]},
     "decisions[0].owner_person_id"),
    ({"decisions": [{"text": "x", "due_on": "2026-06-20"}]}, "decisions[0].owner_organisation_id"),
    ({"decisions": [{"text": "x", "owner_person_id": "nobody", "due_on": "2026-06-20"}]}, "decisions[0].owner_person_id"),
    ({"decisions": [{"text": "x", "owner_person_id": "r1", "due_on": "2026-05-01"}]}, "decisions[0].due_on"),
    ({"decisions": [{"text": "x", "owner_person_id": "r1"}]}, "decisions[0].due_on"),
    ({"decisions": [{"text": "", "owner_person_id": "r1", "due_on": "2026-06-20"}]}, "decisions[0].text"),
])
def test_a_bad_meeting_record_names_the_field_and_writes_nothing(kdb, council, params, field):
    fields = {"council_id": council["id"], "kind": "regular", "held_on": "2026-05-28", "agenda": ["议题"],
              "attendance": ["u1"], "minutes": "记录", "decisions": DECISIONS, **params}
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound)) as err:
        call(kdb, worker(), meetings.record_joint_meeting, **fields)
    assert err.value.field == field
    assert count(kdb, m.JointMeeting) == 0 and count(kdb, m.Decision) == 0


def test_a_decision_is_followed_to_completion_once_by_staff_or_its_owner_unit(kdb, council):
    x = hold(kdb, council)
    lights = next(d for d in x["decisions"] if d["owner_organisation_id"] == "u1")
    err = pytest.raises(PermissionDenied, call, kdb, unit("u2"), meetings.complete_decision, decision_id=lights["id"],
                        note="不是我的").value
    assert err.field == "decision_id"
    err = pytest.raises(InvalidArgument, call, kdb, unit("u1"), meetings.complete_decision, decision_id=lights["id"],
                        note="完成", done_on="2026-05-01").value
    assert err.field == "done_on"
    done = call(kdb, unit("u1"), meetings.complete_decision, decision_id=lights["id"], note="路灯已修好")
    assert (done["status"], done["done_on"], done["done_by"]) == ("done", "2026-06-01", "u1")
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), meetings.complete_decision, decision_id=lights["id"],
                        note="again").value
    assert err.field == "decision_id"
    # the unit sees the decisions it owns; staff all of their scope's
    assert [d["id"] for d in read(kdb, unit("u1"), meetings.list_decisions)["items"]] == [lights["id"]]
    assert len(read(kdb, worker(), meetings.list_decisions, council_id=council["id"])["items"]) == 2
    assert read(kdb, worker(COMM_A2), meetings.list_decisions)["items"] == []


def test_a_quarter_without_a_meeting_and_a_decision_past_its_deadline_are_flagged_once(kdb, council, fixed_clock):
    hold(kdb, council, held_on="2026-05-28")
    fixed_clock.at = datetime(2026, 7, 2, 2, 0, tzinfo=timezone.utc)  # Q2 has ended; Q3 just begun

    def notice():
        with kdb.uow(system_context("council:flags")) as uow:
            n = meetings.notice_flags(uow)
            uow.commit()
        return n

    clear_events(kdb)
    assert notice() == 1  # the council met in Q2; the lights decision (due 2026-06-20) is overdue
    [overdue] = events(kdb, "decision.overdue")
    assert (overdue["payload"]["text"], overdue["payload"]["days_overdue"]) == ("修缮小区路灯", 12)
    fixed_clock.at = datetime(2026, 10, 2, 2, 0, tzinfo=timezone.utc)  # Q3 ended without a meeting
    assert notice() == 2 and notice() == 0  # Q3 missed; the person's decision (due 2026-07-31) overdue; once
    [missed] = events(kdb, "council.meeting_missed")
    assert (missed["payload"]["council_id"], missed["payload"]["quarter"]) == (council["id"], "2026-Q3")
    with kdb.uow(system_context("council:gauges"), write=False) as uow:
        assert meetings.gauge_counts(uow) == ({"310101": 1}, {"310101": 2})
    overdue_list = read(kdb, worker(), meetings.list_decisions, overdue_only=True)["items"]
    assert len(overdue_list) == 2


def test_a_council_founded_after_a_quarter_is_not_flagged_for_it(kdb, council, fixed_clock):
    fixed_clock.at = datetime(2026, 7, 2, 2, 0, tzinfo=timezone.utc)
    with kdb.uow(system_context("council:flags")) as uow:
        assert meetings.notice_flags(uow) == 1  # founded on 2026-06-01, in Q2: Q2 is its to keep
        uow.commit()


def test_figures_per_council_in_a_quarter(kdb, council, fixed_clock):
    hold(kdb, council, held_on="2026-04-20", decisions=DECISIONS[:1])
    hold(kdb, council, held_on="2026-05-28", decisions=[])
    fixed_clock.at = datetime(2026, 6, 25, 2, 0, tzinfo=timezone.utc)
    figures = read(kdb, worker(), meetings.get_council_figures, quarter="2026-Q2")
    [line] = figures["councils"]
    assert (line["meetings"], line["met"], line["decisions_open"], line["decisions_overdue"]) == (2, True, 1, 1)
    assert (figures["councils_met"], figures["councils_not_met"]) == (1, 0)
    q1 = read(kdb, worker(), meetings.get_council_figures, quarter="2026-Q1")
    assert (q1["councils_met"], q1["councils_not_met"]) == (0, 1)
    err = pytest.raises(InvalidArgument, read, kdb, worker(), meetings.get_council_figures, quarter="2026-05").value
    assert err.field == "quarter"
    assert read(kdb, worker(COMM_A2), meetings.get_council_figures)["councils"] == []
    err = pytest.raises(PermissionDenied, read, kdb, worker(COMM_A2), meetings.get_council_figures,
                        division_code=COMM_A).value
    assert err.field == "division_code"


def test_out_of_scope_callers_see_no_meeting(kdb, council):
    x = hold(kdb, council)
    for ctx in (worker(COMM_A2), admin("310104")):
        assert pytest.raises(NotFound, read, kdb, ctx, meetings.get_joint_meeting, id=x["id"]).value.field == "id"
        with pytest.raises(NotFound):
            call(kdb, ctx, meetings.complete_decision, decision_id=x["decisions"][0]["id"], note="x")


def test_a_retried_meeting_record_writes_one_meeting(kdb, council):
    params = {"council_id": council["id"], "kind": "extraordinary", "held_on": "2026-05-30", "agenda": ["防汛"],
              "attendance": ["u1"], "minutes": "防汛部署", "idempotency_key": "jm-1"}
    first = API.call(kdb, worker(), "RecordJointMeeting", params)
    assert API.call(kdb, worker(), "RecordJointMeeting", params) == first and count(kdb, m.JointMeeting) == 1
