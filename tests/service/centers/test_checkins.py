"""Check-ins at an activity: once per person whatever the retries, by staff or by the door code,
announced as ``checkin.recorded`` in the shape of its contract (the points service credits it)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.common import contracts
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.centers import models as m
from services.centers.app import API, bookings, checkins
from tests.service.centers.conftest import admin, call, clear_events, count, events, read, resident, worker
from tests.service.centers.test_bookings import book


@pytest.fixture
def activity(cdb, centre, fixed_clock):
    """A confirmed 主题党日 in the room on Tuesday 09:00-10:00 (Beijing), the clock at 09:10."""
    b = book(cdb, centre["room"], "09:00", "10:00")
    fixed_clock.at = datetime(2026, 6, 2, 1, 10, tzinfo=timezone.utc)
    clear_events(cdb)
    return b


def test_staff_check_in_a_resident_once_and_points_hears_of_it_once(cdb, activity):
    first = call(cdb, worker(), checkins.check_in, booking_id=activity["id"], person_id="r1")
    assert (first["person_id"], first["how"], first["checked_in_by"]) == ("r1", "by_staff", "cw")
    again = call(cdb, worker(), checkins.check_in, booking_id=activity["id"], person_id="r1")
    assert again == first and count(cdb, m.CheckIn) == 1
    [event] = events(cdb, "checkin.recorded")
    payload = event["payload"]
    assert contracts.problems("centers", "checkin.recorded", payload) == []
    assert (payload["resident_id"], payload["community"], payload["booking_id"], payload["name"]) == (
        "r1", "310101002001", activity["id"], "张三")
    listed = read(cdb, worker(), checkins.list_check_ins, booking_id=activity["id"])["items"]
    assert [c["person_id"] for c in listed] == ["r1"]


def test_retried_with_new_keys_a_check_in_is_still_once(cdb, activity):
    for key in ("k1", "k2", "k3"):
        API.call(cdb, worker(), "CheckIn", {"booking_id": activity["id"], "person_id": "r2", "idempotency_key": key})
    assert count(cdb, m.CheckIn) == 1 and len(events(cdb, "checkin.recorded")) == 1


def test_a_resident_checks_himself_in_with_the_door_code(cdb, activity):
    code = read(cdb, worker(), checkins.get_door_code, booking_id=activity["id"])["door_code"]
    assert len(code) == 6 and "door_code" not in read(cdb, worker(), bookings.get_booking, id=activity["id"])
    mine = call(cdb, resident("x1", "310101002002"), checkins.check_in, door_code=code.lower())
    assert (mine["person_id"], mine["how"]) == ("x1", "door_code")   # from the neighbouring community
    [event] = events(cdb, "checkin.recorded")
    assert event["payload"]["community"] == "310101002002"          # credited where he lives
    err = pytest.raises(NotFound, call, cdb, resident("r2"), checkins.check_in, door_code="ZZZZZZ").value
    assert err.field == "door_code"
    err = pytest.raises(InvalidArgument, call, cdb, resident("r2"), checkins.check_in, door_code="12").value
    assert err.field == "door_code"
    err = pytest.raises(PermissionDenied, call, cdb, resident("r2"), checkins.check_in,
                        booking_id=activity["id"]).value
    assert err.field == "booking_id"
    err = pytest.raises(PermissionDenied, call, cdb, resident("r2"), checkins.check_in, door_code=code,
                        person_id="r1").value
    assert err.field == "person_id"
    # the code is the staff's and the booker's to show, no one else's
    pytest.raises(PermissionDenied, read, cdb, resident("r2"), checkins.get_door_code, booking_id=activity["id"])


def test_check_ins_are_taken_from_half_an_hour_before_until_the_end(cdb, centre, fixed_clock):
    b = book(cdb, centre["room"], "09:00", "10:00")
    asked = book(cdb, centre["hall"], "09:00", "10:00")
    fixed_clock.at = datetime(2026, 6, 2, 0, 29, tzinfo=timezone.utc)   # 08:29 Beijing
    err = pytest.raises(FailedPrecondition, call, cdb, worker(), checkins.check_in, booking_id=b["id"],
                        person_id="r1").value
    assert "opens half an hour before" in err.message
    fixed_clock.at = datetime(2026, 6, 2, 0, 30, tzinfo=timezone.utc)
    call(cdb, worker(), checkins.check_in, booking_id=b["id"], person_id="r1")
    err = pytest.raises(FailedPrecondition, call, cdb, worker(), checkins.check_in, booking_id=asked["id"],
                        person_id="r1").value
    assert "requested" in err.message
    pytest.raises(FailedPrecondition, read, cdb, worker(), checkins.get_door_code, booking_id=asked["id"])
    fixed_clock.at = datetime(2026, 6, 2, 2, 0, tzinfo=timezone.utc)    # 10:00 Beijing: ended
    err = pytest.raises(FailedPrecondition, call, cdb, worker(), checkins.check_in, booking_id=b["id"],
                        person_id="r2").value
    assert err.message == "the activity has ended"


def test_a_person_of_another_district_or_none_is_not_checked_in(cdb, activity):
    err = pytest.raises(NotFound, call, cdb, worker(), checkins.check_in, booking_id=activity["id"],
                        person_id="rb").value
    assert err.field == "person_id"
    err = pytest.raises(InvalidArgument, call, cdb, worker(), checkins.check_in, booking_id=activity["id"]).value
    assert err.field == "person_id"
    pytest.raises(NotFound, call, cdb, admin("310104"), checkins.check_in, booking_id=activity["id"], person_id="rb")
    assert count(cdb, m.CheckIn) == 0
