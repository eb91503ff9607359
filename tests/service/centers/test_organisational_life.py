"""Organisational life (三会一课, 主题党日): a branch's meetings booked in a centre, minutes, attendance by
member (a check-in credited to member points), the rhythm owed and kept, the notice of a branch behind."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.common import contracts
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.centers import models as m
from services.centers.app import API, bookings, checkins
from services.centers.app import organisational_life as life
from tests.conftest import ctx_for
from tests.service.centers.conftest import (COMM_A, COMM_A2, admin, call, clear_events, count, events,
                                            read, resident, worker)

TUESDAY = "2026-06-02"


def schedule(db, space, kind="committee_meeting", start="09:00", end="10:00", day=TUESDAY, ctx=None, **extra):
    return call(db, ctx or worker(), life.schedule_life_meeting, space_id=space["id"], branch_id="b1", kind=kind,
                topic="学习党章", starts_at=f"{day}T{start}:00+08:00", ends_at=f"{day}T{end}:00+08:00",
                attendees=10, **extra)


@pytest.fixture
def members(directory):
    directory.members.update({"b1": ["r1", "r2"], "b2": ["x1"]})
    return directory


@pytest.fixture
def meeting(cdb, centre, members):
    [one] = schedule(cdb, centre["room"])["meetings"]
    return one


def test_a_branch_meeting_is_a_booking_for_the_branch_with_its_purpose(cdb, centre, meeting):
    assert (meeting["kind"], meeting["branch_name"], meeting["booking_status"], meeting["held"]) == (
        "committee_meeting", "第一党支部", "confirmed", False)
    booking = read(cdb, worker(), bookings.get_booking, id=meeting["booking_id"])
    assert (booking["organisation_id"], booking["purpose"]) == ("b1", "支部委员会: 学习党章")
    # every rule of a booking holds: the slot is the meeting's now
    err = pytest.raises(FailedPrecondition, schedule, cdb, centre["room"], kind="party_lesson",
                        start="09:30", end="10:30").value
    assert err.field == "starts_at" and "overlaps" in err.message
    assert count(cdb, m.LifeMeeting) == 1 and count(cdb, m.Booking) == 1


@pytest.mark.parametrize("params, field", [
    ({"kind": "tea_party"}, "kind"),
    ({"branch_id": "u1"}, "branch_id"),          # a partner unit keeps no organisational life
    ({"branch_id": "ob"}, "branch_id"),          # another district's branch
    ({"branch_id": "nobody"}, "branch_id"),
    ({"topic": ""}, "topic"),
    ({"dry_run": True}, "dry_run"),              # a dry run is a recurring meeting's
    ({"attendees": 500}, "attendees"),           # over the room's capacity
])
def test_a_meeting_refused_names_the_field_and_writes_nothing(cdb, centre, members, params, field):
    fields = dict(space_id=centre["room"]["id"], branch_id="b1", kind="committee_meeting", topic="学习",
                  starts_at=f"{TUESDAY}T09:00:00+08:00", ends_at=f"{TUESDAY}T10:00:00+08:00", attendees=10)
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound)) as err:
        call(cdb, worker(), life.schedule_life_meeting, **{**fields, **params})
    assert err.value.field == field
    assert count(cdb, m.LifeMeeting) == 0 and count(cdb, m.Booking) == 0


def test_only_staff_of_the_branchs_scope_schedule_its_meetings(cdb, centre, members):
    other = ctx_for("community_worker", subdistrict=COMM_A2[:9], community=COMM_A2, actor="cw2")
    err = pytest.raises((PermissionDenied, NotFound), schedule, cdb, centre["room"], ctx=other).value
    assert err.field in ("branch_id", "space_id")
    with pytest.raises(PermissionDenied):
        schedule(cdb, centre["room"], ctx=resident("r1"))
    assert count(cdb, m.LifeMeeting) == 0


def test_a_monthly_themed_party_day_is_a_series_refused_whole_on_a_clash(cdb, centre, members):
    rule = "FREQ=MONTHLY;BYDAY=1FR;COUNT=3"  # 主题党日: the first Friday of each month
    bookings_before = count(cdb, m.Booking)
    call(cdb, worker(), bookings.book_space, space_id=centre["room"]["id"], organisation_id="b2", purpose="占用",
         starts_at="2026-07-03T14:00:00+08:00", ends_at="2026-07-03T15:00:00+08:00", attendees=5)
    refused = schedule(cdb, centre["room"], kind="themed_party_day", start="14:00", end="16:00", day="2026-06-05",
                       rule=rule)
    assert refused["written"] is False and refused["meetings"] == []
    assert [o["date"] for o in refused["occurrences"] if o["refused"]] == ["2026-07-03"]
    assert count(cdb, m.LifeMeeting) == 0 and count(cdb, m.Booking) == bookings_before + 1
    done = schedule(cdb, centre["room"], kind="themed_party_day", start="14:00", end="16:00", day="2026-06-05",
                    rule=rule, except_dates=["2026-07-03"])
    assert done["written"] and [x["starts_at"][:10] for x in done["meetings"]] == ["2026-06-05", "2026-08-07"]


def test_minutes_once_the_meeting_has_begun_and_then_it_is_held(cdb, meeting, fixed_clock):
    err = pytest.raises(FailedPrecondition, call, cdb, worker(), life.record_minutes, meeting_id=meeting["id"],
                        minutes="讨论了…").value
    assert err.field == "meeting_id" and "once it has begun" in err.message
    fixed_clock.at = datetime(2026, 6, 2, 1, 30, tzinfo=timezone.utc)  # 09:30 in Beijing
    err = pytest.raises(InvalidArgument, call, cdb, worker(), life.record_minutes, meeting_id=meeting["id"],
                        minutes="  ").value
    assert err.field == "minutes"
    clear_events(cdb)
    held = call(cdb, worker(), life.record_minutes, meeting_id=meeting["id"], minutes="学习了党章第一章")
    assert (held["held"], held["minutes"], held["minutes_by"]) == (True, "学习了党章第一章", "cw")
    [event] = events(cdb, "life.meeting_held")
    assert event["payload"]["id"] == meeting["id"] and "minutes" not in event["payload"]
    err = pytest.raises(FailedPrecondition, call, cdb, worker(), life.record_minutes, meeting_id=meeting["id"],
                        minutes="改写").value
    assert err.field == "meeting_id" and "already" in err.message
    assert read(cdb, worker(), life.get_life_meeting, id=meeting["id"])["minutes"] == "学习了党章第一章"


def test_a_cancelled_meeting_takes_no_minutes(cdb, meeting, fixed_clock):
    call(cdb, worker(), bookings.cancel_booking, booking_id=meeting["booking_id"], reason="改期")
    fixed_clock.at = datetime(2026, 6, 2, 1, 30, tzinfo=timezone.utc)
    err = pytest.raises(FailedPrecondition, call, cdb, worker(), life.record_minutes, meeting_id=meeting["id"],
                        minutes="x").value
    assert err.field == "meeting_id" and "cancelled" in err.message


def test_attendance_is_by_member_and_credited_to_his_member_points(cdb, meeting, fixed_clock):
    fixed_clock.at = datetime(2026, 6, 2, 1, 10, tzinfo=timezone.utc)
    clear_events(cdb)
    call(cdb, worker(), checkins.check_in, booking_id=meeting["booking_id"], person_id="r1")
    [event] = events(cdb, "checkin.recorded")
    payload = event["payload"]
    assert contracts.problems("centers", "checkin.recorded", payload) == []  # the producer's side of the contract
    assert (payload["account_kind"], payload["category"], payload["activity"], payload["meeting_kind"],
            payload["branch_id"]) == ("member", "community", "organisational_life", "committee_meeting", "b1")
    # someone who is not the branch's member: refused by name, no check-in, no credit
    err = pytest.raises(FailedPrecondition, call, cdb, worker(), checkins.check_in, booking_id=meeting["booking_id"],
                        person_id="x1").value
    assert err.field == "person_id" and "not a member of 第一党支部" in err.message
    assert count(cdb, m.CheckIn) == 1 and len(events(cdb, "checkin.recorded")) == 1
    # a member at the door checks himself in
    code = read(cdb, worker(), checkins.get_door_code, booking_id=meeting["booking_id"])["door_code"]
    call(cdb, resident("r2"), checkins.check_in, door_code=code)
    detail = read(cdb, worker(), life.get_life_meeting, id=meeting["id"])
    assert (detail["attended"], detail["members"], detail["attendees"], detail["absent"]) == (2, 2, ["r1", "r2"], [])


def test_an_ordinary_booking_still_credits_a_resident(cdb, centre, members, fixed_clock):
    b = call(cdb, worker(), bookings.book_space, space_id=centre["room"]["id"], organisation_id="u1", purpose="讲座",
             starts_at=f"{TUESDAY}T09:00:00+08:00", ends_at=f"{TUESDAY}T10:00:00+08:00", attendees=5)
    fixed_clock.at = datetime(2026, 6, 2, 1, 10, tzinfo=timezone.utc)
    call(cdb, worker(), checkins.check_in, booking_id=b["id"], person_id="x1")
    [event] = events(cdb, "checkin.recorded")
    assert event["payload"]["account_kind"] == "resident" and "activity" not in event["payload"]


def _hold(cdb, centre, fixed_clock, kind, day, start="09:00"):
    """A meeting of b1 on ``day`` with its minutes: the clock moved to the day before, then into it."""
    fixed_clock.at = datetime.fromisoformat(f"{day}T00:00:00+08:00").astimezone(timezone.utc) - timedelta(hours=12)
    [x] = schedule(cdb, centre["room"], kind=kind, day=day, start=start, end=f"{int(start[:2]) + 1:02d}:00")["meetings"]
    fixed_clock.at = datetime.fromisoformat(f"{day}T{start}:00+08:00").astimezone(timezone.utc)
    call(cdb, worker(), life.record_minutes, meeting_id=x["id"], minutes="记录")
    return x


def test_figures_count_held_against_owed_per_branch_and_community(cdb, centre, members, fixed_clock):
    _hold(cdb, centre, fixed_clock, "committee_meeting", "2026-04-08")
    _hold(cdb, centre, fixed_clock, "members_meeting", "2026-05-12")
    # a meeting scheduled but not held (no minutes) counts for nothing
    schedule(cdb, centre["room"], kind="committee_meeting", day="2026-06-10")
    fixed_clock.at = datetime(2026, 6, 15, 4, 0, tzinfo=timezone.utc)
    figures = read(cdb, worker(), life.get_life_figures, year=2026, quarter=2)
    by_branch = {b["branch_id"]: b for b in figures["branches"]}
    assert set(by_branch) == {"b1", "b2"}  # the community's party branches, from the registry
    kinds = {k["kind"]: k for k in by_branch["b1"]["kinds"]}
    assert kinds["committee_meeting"] == {"kind": "committee_meeting", "every": "month", "required": 3, "held": 1,
                                          "missed_periods": ["2026-05"]}
    assert kinds["members_meeting"]["required"] == 1 and kinds["members_meeting"]["held"] == 1
    assert kinds["members_meeting"]["missed_periods"] == []  # the quarter has not ended
    assert by_branch["b1"]["behind"] and by_branch["b2"]["behind"]
    [community] = figures["communities"]
    assert (community["community"], community["branches"], community["branches_behind"], community["held"]) == (
        COMM_A, 2, 2, 2)
    assert community["required"] == 2 * (3 * 3 + 2 * 1)  # three monthly kinds for three months, two quarterly
    # the neighbouring community's worker sees none of it; a sub-district's staff see it
    other = ctx_for("community_worker", subdistrict=COMM_A2[:9], community=COMM_A2, actor="cw2")
    assert read(cdb, other, life.get_life_figures, year=2026)["branches"] == []
    err = pytest.raises(PermissionDenied, read, cdb, other, life.get_life_figures, division_code=COMM_A).value
    assert err.field == "division_code"
    sub = ctx_for("subdistrict_staff", subdistrict=COMM_A[:9], actor="ss")
    assert {b["branch_id"] for b in read(cdb, sub, life.get_life_figures, year=2026)["branches"]} == {"b1", "b2"}


def test_a_district_sets_its_own_rhythm_and_the_figures_follow(cdb, centre, members, fixed_clock):
    default = {x["kind"]: x for x in read(cdb, worker(), life.get_life_rhythm)["items"]}
    assert default["themed_party_day"] == {"kind": "themed_party_day", "every": "month", "count": 1, "default": True}
    assert default["party_lesson"]["every"] == "quarter"
    err = pytest.raises(PermissionDenied, call, cdb, worker(), life.set_life_rhythm, kind="group_meeting",
                        every="month", count=0).value
    assert err.field is not None
    err = pytest.raises(InvalidArgument, call, cdb, admin(), life.set_life_rhythm, kind="group_meeting",
                        every="week", count=1).value
    assert err.field == "every"
    err = pytest.raises(InvalidArgument, call, cdb, admin(), life.set_life_rhythm, kind="group_meeting",
                        every="month", count=11).value
    assert err.field == "count"
    assert count(cdb, m.LifeRhythm) == 0
    after = {x["kind"]: x for x in call(cdb, admin(), life.set_life_rhythm, kind="group_meeting", every="month",
                                        count=0)["items"]}
    assert after["group_meeting"] == {"kind": "group_meeting", "every": "month", "count": 0, "default": False}
    call(cdb, admin(), life.set_life_rhythm, kind="party_lesson", every="month", count=2)
    kinds = {k["kind"]: k for k in read(cdb, worker(), life.get_life_figures, quarter=2)["branches"][0]["kinds"]}
    assert kinds["group_meeting"]["required"] == 0 and kinds["group_meeting"]["missed_periods"] == []
    assert kinds["party_lesson"]["required"] == 2 * 3 and kinds["party_lesson"]["missed_periods"] == ["2026-04", "2026-05"]
    # another district keeps the defaults
    other = ctx_for("district_admin", district="310104", actor="admin-b")
    assert all(x["default"] for x in read(cdb, other, life.get_life_rhythm)["items"])


def test_a_branch_behind_is_announced_once_per_kind_and_period(cdb, centre, members, fixed_clock):
    _hold(cdb, centre, fixed_clock, "committee_meeting", "2026-05-12")
    fixed_clock.at = datetime(2026, 6, 1, 4, 0, tzinfo=timezone.utc)
    clear_events(cdb)
    from services.common.context import system_context

    def notice():
        with cdb.uow(system_context("centers:life shortfalls")) as uow:
            n = life.notice_shortfalls(uow)
            uow.commit()
        return n

    # May: b1 held its committee meeting, not its party-group meeting nor its themed party day; b2 none of
    # the three. Q1: neither its members' meeting nor its party lesson.
    assert notice() == 2 + 3 + 2 * 2
    fell = [e["payload"] for e in events(cdb, "life.fell_behind")]
    assert {(p["branch_id"], p["kind"], p["period"]) for p in fell if p["branch_id"] == "b1"} == {
        ("b1", "group_meeting", "2026-05"), ("b1", "themed_party_day", "2026-05"),
        ("b1", "members_meeting", "2026-Q1"), ("b1", "party_lesson", "2026-Q1")}
    assert all(p["community"] == COMM_A and p["required"] == 1 and p["held"] == 0 for p in fell)
    assert notice() == 0 and len(events(cdb, "life.fell_behind")) == 9  # once, whatever the timer's runs


def test_the_registry_down_leaves_the_notice_for_next_time(cdb, centre, members, fixed_clock):
    from services.common.context import system_context

    members.down = True
    with cdb.uow(system_context("centers:life shortfalls")) as uow:
        assert life.notice_shortfalls(uow) == 0
        uow.commit()
    members.down = False
    with cdb.uow(system_context("centers:life shortfalls")) as uow:
        assert life.notice_shortfalls(uow) == 10
        uow.commit()


def test_meetings_listed_by_branch_and_read_within_scope(cdb, centre, meeting):
    page = read(cdb, worker(), life.list_life_meetings, branch_id="b1")
    assert [x["id"] for x in page["items"]] == [meeting["id"]] and page["items"][0]["attended"] == 0
    assert read(cdb, worker(), life.list_life_meetings, community_code=COMM_A, kind="party_lesson")["items"] == []
    other = ctx_for("community_worker", subdistrict=COMM_A2[:9], community=COMM_A2, actor="cw2")
    assert read(cdb, other, life.list_life_meetings)["items"] == []
    err = pytest.raises(NotFound, read, cdb, other, life.get_life_meeting, id=meeting["id"]).value
    assert err.field == "id"
    b = ctx_for("district_admin", district="310104", actor="admin-b")
    assert pytest.raises(NotFound, read, cdb, b, life.get_life_meeting, id=meeting["id"]).value.field == "id"
    with pytest.raises(PermissionDenied):
        read(cdb, resident("r1"), life.get_life_meeting, id=meeting["id"])
    with pytest.raises(InvalidArgument) as err:
        read(cdb, worker(), life.list_life_meetings, from_date="2026-06-10", to_date="2026-06-01")
    assert err.value.field == "to_date"


def test_a_retried_schedule_books_once(cdb, centre, members):
    params = {"space_id": centre["room"]["id"], "branch_id": "b1", "kind": "party_lesson", "topic": "党课",
              "starts_at": f"{TUESDAY}T14:00:00+08:00", "ends_at": f"{TUESDAY}T15:00:00+08:00", "attendees": 8,
              "idempotency_key": "life-1"}
    first = API.call(cdb, worker(), "ScheduleLifeMeeting", params)
    assert API.call(cdb, worker(), "ScheduleLifeMeeting", params) == first
    assert count(cdb, m.LifeMeeting) == 1 and count(cdb, m.Booking) == 1
