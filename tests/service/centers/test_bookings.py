"""Bookings of a centre's spaces, as each role takes, decides, cancels and reads them."""
from __future__ import annotations

import threading

import pytest

from services.common.errors import (AlreadyExists, FailedPrecondition, InvalidArgument, NotFound,
                                    PermissionDenied)
from services.centers import models as m
from services.centers.app import API, bookings, centres
from tests.service.centers.conftest import (COMM_A2, admin, call, clear_events, count, events, read, resident,
                                            worker)

TUE = "2026-06-02"


def at(day: str, clock: str) -> str:
    return f"{day}T{clock}:00+08:00"


def book(db, space, start, end, ctx=None, day=TUE, **kw):
    kw.setdefault("organisation_id", None if "person_id" in kw else "b1")
    kw.setdefault("attendees", 10)
    kw.setdefault("purpose", "主题党日")
    return call(db, ctx or worker(), bookings.book_space, space_id=space["id"], starts_at=at(day, start),
                ends_at=at(day, end), **kw)


def refused(exc_type, fn, *args, **kw):
    with pytest.raises(exc_type) as err:
        fn(*args, **kw)
    return err.value


# ---- the slot

def test_a_booking_inside_the_hours_is_confirmed_and_announced(cdb, centre):
    clear_events(cdb)
    b = book(cdb, centre["room"], "09:00", "11:00")
    assert (b["status"], b["organisation_id"], b["starts_at"], b["ends_at"]) == (
        "confirmed", "b1", "2026-06-02T09:00:00+08:00", "2026-06-02T11:00:00+08:00")
    [event] = events(cdb, "booking.confirmed")
    assert event["payload"]["id"] == b["id"] and event["payload"]["space_id"] == centre["room"]["id"]


def test_never_two_overlapping_bookings_of_one_space(cdb, centre):
    first = book(cdb, centre["room"], "09:00", "11:00")
    for start, end in (("10:00", "12:00"), ("10:45", "11:15"), ("09:30", "10:30"), ("09:00", "11:00")):
        err = refused(FailedPrecondition, book, cdb, centre["room"], start, end, organisation_id="b2")
        assert err.field == "starts_at" and f"overlaps booking {first['id']} 09:00-11:00 on {TUE}" in err.message
    book(cdb, centre["room"], "11:00", "12:00", organisation_id="b2")   # back to back is no overlap
    book(cdb, centre["hall"], "09:00", "11:00")                          # another space
    assert count(cdb, m.Booking) == 3


def test_a_booking_awaiting_approval_holds_its_slot_and_a_cancelled_one_frees_it(cdb, centre):
    held = book(cdb, centre["hall"], "14:00", "16:00")
    assert held["status"] == "requested"
    refused(FailedPrecondition, book, cdb, centre["hall"], "15:00", "16:00", organisation_id="b2")
    call(cdb, worker(), bookings.cancel_booking, booking_id=held["id"], reason="改期")
    assert book(cdb, centre["hall"], "15:00", "16:00", organisation_id="b2")["status"] == "requested"


def test_bookings_racing_for_one_slot_get_it_once(cdb, centre):
    outcomes, barrier = [], threading.Barrier(6)

    def race(i):
        barrier.wait()
        try:
            outcomes.append(book(cdb, centre["room"], "13:00", "14:00", organisation_id=("b1", "b2", "u1")[i % 3]))
        except FailedPrecondition as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=race, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(isinstance(o, dict) for o in outcomes) == 1 and count(cdb, m.Booking) == 1


# ---- hours, the calendar, closures, capacity

@pytest.mark.parametrize("start,end", [("08:00", "09:30"), ("17:00", "18:00")])
def test_outside_the_hours_is_refused_with_them(cdb, centre, start, end):
    err = refused(FailedPrecondition, book, cdb, centre["room"], start, end)
    assert (err.field, err.message) == ("starts_at", f"the space is open 09:00-17:30 on {TUE}")


def test_public_holidays_and_weekends_close_a_weekday_space_and_a_day_worked_in_lieu_opens_it(cdb, centre):
    err = refused(FailedPrecondition, book, cdb, centre["room"], "09:00", "10:00", day="2026-10-01")
    assert "closed on 2026-10-01 (a public holiday)" in err.message
    err = refused(FailedPrecondition, book, cdb, centre["room"], "09:00", "10:00", day="2026-06-06")  # a Saturday
    assert "closed on 2026-06-06 (not one of its opening days)" in err.message
    # Saturday 10 October 2026 is worked in lieu of the National Day holiday (调休): open as on a Monday
    assert book(cdb, centre["room"], "09:00", "10:00", day="2026-10-10")["status"] == "confirmed"
    # a space open every day still closes on a public holiday unless it says it opens on them
    refused(FailedPrecondition, book, cdb, centre["reading"], "09:00", "10:00", day="2026-10-01")
    call(cdb, admin(), centres.set_opening_hours, space_id=centre["reading"]["id"], open_on_public_holidays=True,
         hours=[{"weekday": d, "opens": "08:30", "closes": "21:00"} for d in range(1, 8)])
    assert book(cdb, centre["reading"], "09:00", "10:00", day="2026-10-01")["status"] == "confirmed"


def test_a_closure_and_the_capacity_refuse_with_the_reason(cdb, centre):
    call(cdb, admin(), centres.add_closure, space_id=centre["room"]["id"], from_date=TUE, to_date="2026-06-03",
         reason="换届选举")
    err = refused(FailedPrecondition, book, cdb, centre["room"], "09:00", "10:00")
    assert err.message == f"the space is closed from {TUE} to 2026-06-03: 换届选举"
    err = refused(FailedPrecondition, book, cdb, centre["room"], "09:00", "10:00", day="2026-06-04", attendees=21)
    assert (err.field, err.message) == ("attendees", "the space seats 20, not 21")


@pytest.mark.parametrize("start,end,field", [
    (at(TUE, "10:00"), at(TUE, "09:00"), "ends_at"),          # ends before it starts
    (at(TUE, "10:00"), at(TUE, "10:10"), "ends_at"),          # under 15 minutes
    (at(TUE, "09:00"), at("2026-06-03", "10:00"), "ends_at"),  # over a day
    ("2026-06-02T09:00:00", at(TUE, "10:00"), "starts_at"),   # no zone: its instant would be a guess
    (at("2026-06-01", "09:00"), at("2026-06-01", "10:00"), "starts_at"),  # in the past
])
def test_bad_times_are_refused_naming_the_field(cdb, centre, start, end, field):
    err = refused(InvalidArgument, call, cdb, worker(), bookings.book_space, space_id=centre["room"]["id"],
                  starts_at=start, ends_at=end, purpose="x", attendees=1, organisation_id="b1")
    assert err.field == field
    assert count(cdb, m.Booking) == 0


# ---- the quota

def test_an_organisation_books_at_most_the_centres_monthly_quota(cdb, centre):
    book(cdb, centre["room"], "09:00", "12:00")                                  # 3 of its 4 hours in June
    err = refused(FailedPrecondition, book, cdb, centre["hall"], "13:00", "15:00")
    assert err.field == "organisation_id" and "1 h 00 min left of its 4 h at this centre in 2026-06" in err.message
    book(cdb, centre["hall"], "13:00", "14:00")                                  # the hour left
    book(cdb, centre["room"], "13:00", "15:00", organisation_id="b2")            # another organisation
    book(cdb, centre["room"], "09:00", "12:00", day="2026-07-01")                # another month
    first = read(cdb, worker(), bookings.list_bookings, organisation_id="b1", status="confirmed")["items"][0]
    call(cdb, worker(), bookings.cancel_booking, booking_id=first["id"], reason="取消")
    book(cdb, centre["room"], "15:00", "17:00")                                  # cancelled hours come back


# ---- approval

def test_staff_confirm_or_reject_a_requested_booking_once(cdb, centre):
    clear_events(cdb)
    asked = book(cdb, centre["hall"], "09:00", "10:00")
    assert events(cdb, "booking.confirmed") == []
    done = call(cdb, worker(), bookings.decide_booking, booking_id=asked["id"], approve=True, note="同意")
    assert (done["status"], done["decided_by"], done["note"]) == ("confirmed", "cw", "同意")
    assert len(events(cdb, "booking.confirmed")) == 1
    err = refused(FailedPrecondition, call, cdb, worker(), bookings.decide_booking, booking_id=asked["id"],
                  approve=False)
    assert err.field == "booking_id"
    other = book(cdb, centre["hall"], "10:00", "11:00", organisation_id="b2")
    assert call(cdb, worker(), bookings.decide_booking, booking_id=other["id"], approve=False)["status"] == "rejected"
    assert book(cdb, centre["hall"], "10:00", "11:00", organisation_id="u1")["status"] == "requested"
    refused(PermissionDenied, call, cdb, resident(), bookings.decide_booking, booking_id=other["id"], approve=True)


# ---- residents

def test_a_resident_books_the_spaces_open_to_residents_for_himself(cdb, centre):
    mine = book(cdb, centre["reading"], "19:00", "20:00", ctx=resident("r1"), person_id="r1", attendees=1)
    assert (mine["person_id"], mine["booked_by"], mine["status"]) == ("r1", "r1", "confirmed")
    err = refused(PermissionDenied, book, cdb, centre["reading"], "20:00", "21:00", ctx=resident("r1"), person_id="r2")
    assert err.field == "person_id"
    err = refused(FailedPrecondition, book, cdb, centre["room"], "09:00", "10:00", ctx=resident("r1"), person_id="r1")
    assert err.field == "person_id" and "organisations only" in err.message
    # his own only: another resident neither reads nor cancels it, nor finds it in a listing
    refused(NotFound, read, cdb, resident("r2"), bookings.get_booking, id=mine["id"])
    refused(PermissionDenied, call, cdb, resident("r2"), bookings.cancel_booking, booking_id=mine["id"], reason="x")
    assert read(cdb, resident("r2"), bookings.list_bookings)["items"] == []
    assert [b["id"] for b in read(cdb, resident("r1"), bookings.list_bookings)["items"]] == [mine["id"]]
    assert call(cdb, resident("r1"), bookings.cancel_booking, booking_id=mine["id"], reason="有事")["status"] \
        == "cancelled"


def test_a_booking_that_has_ended_is_not_cancelled(cdb, centre, fixed_clock):
    b = book(cdb, centre["room"], "09:00", "10:00")
    fixed_clock.advance(days=1)  # 2026-06-02 20:00 Beijing
    err = refused(FailedPrecondition, call, cdb, worker(), bookings.cancel_booking, booking_id=b["id"], reason="x")
    assert err.message == "the booking has ended"


def test_a_partner_unit_books_for_itself_and_a_resident_for_no_organisation(cdb, centre):
    from tests.conftest import ctx_for

    unit = ctx_for("partner_unit", subdistrict="310101002", community="310101002001", actor="u1")
    mine = book(cdb, centre["room"], "09:00", "10:00", ctx=unit, organisation_id="u1")
    assert (mine["organisation_id"], mine["booked_by"]) == ("u1", "u1")
    err = refused(PermissionDenied, book, cdb, centre["room"], "10:00", "11:00", ctx=unit, organisation_id="b1")
    assert err.field == "organisation_id"
    refused(PermissionDenied, book, cdb, centre["room"], "10:00", "11:00", ctx=resident("r1"), organisation_id="b1")
    for_it = book(cdb, centre["room"], "11:00", "12:00", organisation_id="u1")   # booked for it by the staff
    assert [b["id"] for b in read(cdb, unit, bookings.list_bookings)["items"]] == [mine["id"], for_it["id"]]
    assert read(cdb, unit, bookings.get_booking, id=for_it["id"])["booked_by"] == "cw"


# ---- scope

def test_another_community_neither_sees_nor_books_the_centres_spaces(cdb, centre):
    neighbour = worker(COMM_A2)
    refused(NotFound, read, cdb, neighbour, centres.get_space, id=centre["room"]["id"])
    refused(NotFound, book, cdb, centre["room"], "09:00", "10:00", ctx=neighbour)
    assert read(cdb, neighbour, centres.list_centres)["items"] == []
    b = book(cdb, centre["room"], "09:00", "10:00")
    refused(NotFound, call, cdb, neighbour, bookings.cancel_booking, booking_id=b["id"], reason="x")
    assert read(cdb, neighbour, bookings.list_bookings)["items"] == []
    refused(NotFound, read, cdb, admin("310104"), bookings.get_booking, id=b["id"])
    err = refused(NotFound, book, cdb, centre["room"], "09:00", "10:00", organisation_id="ob", day="2026-06-03")
    assert err.field == "organisation_id"  # an organisation of another district


# ---- the listings and the free slots

def test_bookings_listed_soonest_first_by_cursor(cdb, centre):
    made = [book(cdb, centre["room"], f"{h:02d}:00", f"{h:02d}:30", organisation_id=("b1", "b2", "u1")[h % 3])
            for h in (13, 9, 11)]
    first = read(cdb, worker(), bookings.list_bookings, space_id=centre["room"]["id"], page_size=2)
    rest = read(cdb, worker(), bookings.list_bookings, space_id=centre["room"]["id"], page_size=2,
                page_token=first["next_page_token"])
    assert [b["starts_at"][11:16] for b in first["items"] + rest["items"]] == ["09:00", "11:00", "13:00"]
    assert rest["next_page_token"] == "" and len(made) == 3
    err = refused(InvalidArgument, read, cdb, worker(), bookings.list_bookings, page_size=2,
                  page_token=first["next_page_token"])
    assert err.field == "page_token"


def test_the_free_slots_leave_out_bookings_closures_and_holidays(cdb, centre):
    book(cdb, centre["room"], "10:00", "11:00")
    book(cdb, centre["room"], "11:00", "12:30", organisation_id="b2")
    book(cdb, centre["room"], "17:00", "17:30", organisation_id="u1")
    call(cdb, admin(), centres.add_closure, space_id=centre["room"]["id"], from_date="2026-06-04",
         to_date="2026-06-04", reason="维修")
    got = read(cdb, resident(), bookings.get_availability, space_id=centre["room"]["id"], from_date=TUE,
               to_date="2026-06-06")
    assert [(s["starts_at"][:16], s["ends_at"][11:16]) for s in got["slots"]] == [
        ("2026-06-02T09:00", "10:00"), ("2026-06-02T12:30", "17:00"),
        ("2026-06-03T09:00", "17:30"),
        ("2026-06-05T09:00", "17:30")]   # the 4th closed; the 6th a Saturday
    longer = read(cdb, resident(), bookings.get_availability, space_id=centre["room"]["id"], from_date=TUE,
                  to_date=TUE, min_minutes=90)
    assert [s["starts_at"][11:16] for s in longer["slots"]] == ["12:30"]
    err = refused(InvalidArgument, read, cdb, resident(), bookings.get_availability, space_id=centre["room"]["id"],
                  from_date=TUE, to_date="2026-08-01")
    assert err.field == "to_date"


# ---- retries

def test_a_retried_booking_with_its_key_books_one_slot(cdb, centre):
    params = {"space_id": centre["room"]["id"], "starts_at": at(TUE, "09:00"), "ends_at": at(TUE, "10:00"),
              "purpose": "党课", "attendees": 5, "organisation_id": "b1", "idempotency_key": "book-1"}
    first = API.call(cdb, worker(), "BookSpace", dict(params))
    assert API.call(cdb, worker(), "BookSpace", dict(params)) == first
    assert count(cdb, m.Booking) == 1
    err = refused(AlreadyExists, API.call, cdb, worker(), "BookSpace", {**params, "attendees": 6})
    assert err.field == "idempotency_key"
