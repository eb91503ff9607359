"""Recurring bookings: an RFC 5545 rule from the first occurrence, each occurrence checked as a booking,
nothing written when one is refused, and a report naming each refused date."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument
from services.centers import models as m
from services.centers.app import bookings, centres
from tests.service.centers.conftest import admin, call, count, read, worker
from tests.service.centers.test_bookings import book


def series(db, space, rule, start="2026-06-02T09:00:00+08:00", end="2026-06-02T10:00:00+08:00", **kw):
    kw.setdefault("organisation_id", "b1")
    return call(db, worker(), bookings.book_series, space_id=space["id"], starts_at=start, ends_at=end, rule=rule,
                purpose="党小组会", attendees=8, **kw)


def test_a_weekly_series_books_each_occurrence_with_its_exceptions(cdb, centre):
    report = series(cdb, centre["room"], "FREQ=WEEKLY;COUNT=4", except_dates=["2026-06-16"])
    assert report["written"] is True and report["series_id"]
    assert [o["date"] for o in report["occurrences"]] == ["2026-06-02", "2026-06-09", "2026-06-23"]
    assert all(o["booking_id"] and not o["refused"] for o in report["occurrences"])
    listed = read(cdb, worker(), bookings.list_bookings, space_id=centre["room"]["id"])["items"]
    assert [(b["starts_at"], b["series_id"]) for b in listed] == [
        (f"{d}T09:00:00+08:00", report["series_id"]) for d in ("2026-06-02", "2026-06-09", "2026-06-23")]
    # one occurrence cancelled like any booking: the others stand
    call(cdb, worker(), bookings.cancel_booking, booking_id=report["occurrences"][1]["booking_id"], reason="改期")
    assert len(read(cdb, worker(), bookings.list_bookings, status="confirmed")["items"]) == 2


def test_monthly_on_the_second_tuesday(cdb, centre):
    report = series(cdb, centre["room"], "FREQ=MONTHLY;BYDAY=2TU;COUNT=3", start="2026-06-09T14:00:00+08:00",
                    end="2026-06-09T15:30:00+08:00")
    assert [o["date"] for o in report["occurrences"]] == ["2026-06-09", "2026-07-14", "2026-08-11"]


def test_a_clash_on_any_date_writes_nothing_and_the_report_names_each(cdb, centre):
    taken = book(cdb, centre["room"], "09:30", "10:30", day="2026-06-09", organisation_id="b2")
    call(cdb, admin(), centres.add_closure, space_id=centre["room"]["id"], from_date="2026-06-23",
         to_date="2026-06-23", reason="维修")
    report = series(cdb, centre["room"], "FREQ=WEEKLY;COUNT=6")   # 2, 9, 16, 23, 30 June and 7 July
    assert report["written"] is False and report["series_id"] == ""
    refused = {o["date"]: o["refused"] for o in report["occurrences"] if o["refused"]}
    assert refused == {"2026-06-09": f"overlaps booking {taken['id']} 09:30-10:30 on 2026-06-09",
                       "2026-06-23": "the space is closed from 2026-06-23 to 2026-06-23: 维修"}
    assert count(cdb, m.Booking) == 1 and count(cdb, m.BookingSeries) == 0


def test_public_holidays_and_the_quota_are_reported_too(cdb, centre):
    # Thursdays from 24 September: 1 October is the National Day holiday
    report = series(cdb, centre["room"], "FREQ=WEEKLY;COUNT=3", start="2026-09-24T09:00:00+08:00",
                    end="2026-09-24T10:00:00+08:00", dry_run=True)
    assert [o["date"] for o in report["occurrences"] if o["refused"]] == ["2026-10-01"]
    # 4 hours a month at this centre: a fifth weekly hour in June is over the quota
    report = series(cdb, centre["room"], "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6")
    over = [o for o in report["occurrences"] if o["refused"]]
    assert [o["date"] for o in over] == ["2026-06-08", "2026-06-09"] and "left of its 4 h" in over[0]["refused"]


def test_a_dry_run_writes_nothing(cdb, centre):
    report = series(cdb, centre["room"], "FREQ=WEEKLY;COUNT=2", dry_run=True)
    assert report["written"] is False and not any(o["refused"] for o in report["occurrences"])
    assert count(cdb, m.Booking) == 0


@pytest.mark.parametrize("rule,reason", [
    ("", "is required"), ("FREQ=HOURLY", "FREQ must be"), ("FREQ=WEEKLY;BYHOUR=9", "unknown or empty part"),
    ("FREQ=WEEKLY;BYDAY=XX", "is not an RFC 5545 rule"), ("FREQ=DAILY", "a series holds at most 100"),
])
def test_a_bad_rule_is_refused_naming_it(cdb, centre, rule, reason):
    with pytest.raises(InvalidArgument) as err:
        series(cdb, centre["room"], rule)
    assert err.value.field == "rule" and reason in err.value.message
    assert count(cdb, m.Booking) == 0


def test_a_bad_excepted_date_is_named_by_its_place(cdb, centre):
    with pytest.raises(InvalidArgument) as err:
        series(cdb, centre["room"], "FREQ=WEEKLY;COUNT=2", except_dates=["2026-06-09", "6/16"])
    assert err.value.field == "except_dates[1]"
