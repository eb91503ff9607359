"""The centers' rules: opening hours and China's calendar days, booking times, overlap, quota, free slots."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from services.common.china_calendar import day_kind
from services.common.errors import FailedPrecondition, InvalidArgument
from services.centers.domain import bookings as rules
from services.centers.domain import spaces

BJ = timezone(timedelta(hours=8))


def moment(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}:00+08:00")


def local_day(m: datetime) -> date:
    return m.astimezone(BJ).date()


def test_opening_hours_one_span_a_weekday_each_opening_before_it_closes():
    spans = spaces.check_hours([{"weekday": 1, "opens": "09:00", "closes": "17:30"},
                                {"weekday": 6, "opens": "10:00", "closes": "12:00"}])
    assert spaces.hours_as_stored(spans) == {"1": "09:00-17:30", "6": "10:00-12:00"}
    assert spaces.hours_from_stored(spaces.hours_as_stored(spans)) == spans


@pytest.mark.parametrize("hours,field", [
    ([], "hours"),
    ([{"weekday": 8, "opens": "09:00", "closes": "10:00"}], "hours[0].weekday"),
    ([{"weekday": True, "opens": "09:00", "closes": "10:00"}], "hours[0].weekday"),
    ([{"weekday": 1, "opens": "9:00", "closes": "10:00"}], "hours[0].opens"),
    ([{"weekday": 1, "opens": "09:00", "closes": "25:00"}], "hours[0].closes"),
    ([{"weekday": 1, "opens": "10:00", "closes": "09:00"}], "hours[0].closes"),
    ([{"weekday": 1, "opens": "09:00", "closes": "10:00"}, {"weekday": 1, "opens": "11:00", "closes": "12:00"}],
     "hours[1].weekday"),
])
def test_bad_opening_hours_are_named_where_they_are_wrong(hours, field):
    with pytest.raises(InvalidArgument) as err:
        spaces.check_hours(hours)
    assert err.value.field == field


def test_china_calendar_days_and_the_span_they_give():
    assert day_kind(date(2026, 6, 1)) == "workday"
    assert day_kind(date(2026, 6, 6)) == "weekend"
    assert day_kind(date(2026, 10, 1)) == "public_holiday"
    assert day_kind(date(2026, 10, 10)) == "adjusted_workday"    # worked in lieu of National Day
    spans = spaces.check_hours([{"weekday": 1, "opens": "09:00", "closes": "17:00"},
                                {"weekday": 4, "opens": "13:00", "closes": "17:00"}])
    assert spaces.span_on(spans, 4, "public_holiday", False) is None
    assert spaces.span_on(spans, 4, "public_holiday", True).text() == "13:00-17:00"
    assert spaces.span_on(spans, 6, "adjusted_workday", False).text() == "09:00-17:00"   # as a Monday
    assert spaces.span_on(spans, 6, "weekend", False) is None
    with pytest.raises(InvalidArgument) as err:
        day_kind(date(2099, 1, 1), "starts_at")
    assert err.value.field == "starts_at" and "not known to this release" in err.value.message
    # a centre keeps its usual days in a year the calendar does not know yet
    assert day_kind(date(2099, 1, 1), strict=False) == "workday"        # a Thursday
    assert day_kind(date(2099, 1, 3), strict=False) == "weekend"
    assert day_kind(date(2026, 10, 1), strict=False) == "public_holiday"  # a known year as ever


def test_booking_times_last_15_minutes_to_12_hours_within_one_local_day():
    assert rules.check_times(moment("2026-06-02", "09:00"), moment("2026-06-02", "09:15"), local_day) \
        == date(2026, 6, 2)
    assert rules.check_times(moment("2026-06-02", "12:00"), moment("2026-06-03", "00:00"), local_day) \
        == date(2026, 6, 2)   # up to midnight is the same day
    for start, end in ((("2026-06-02", "10:00"), ("2026-06-02", "10:00")),
                       (("2026-06-02", "10:00"), ("2026-06-02", "10:14")),
                       (("2026-06-02", "08:00"), ("2026-06-02", "20:01")),
                       (("2026-06-02", "23:00"), ("2026-06-03", "01:00"))):
        with pytest.raises(InvalidArgument) as err:
            rules.check_times(moment(*start), moment(*end), local_day)
        assert err.value.field == "ends_at"


def test_overlap_is_of_half_open_ranges():
    a = rules.Slot(moment("2026-06-02", "09:00"), moment("2026-06-02", "10:00"))
    assert rules.overlaps(a, rules.Slot(moment("2026-06-02", "09:59"), moment("2026-06-02", "11:00")))
    assert not rules.overlaps(a, rules.Slot(moment("2026-06-02", "10:00"), moment("2026-06-02", "11:00")))
    assert rules.overlaps(a, rules.Slot(moment("2026-06-02", "08:00"), moment("2026-06-02", "12:00")))


def test_the_quota_counts_what_is_held_and_says_what_is_left():
    rules.check_quota(180, 60, 4, "2026-06")
    with pytest.raises(FailedPrecondition) as err:
        rules.check_quota(180, 61, 4, "2026-06")
    assert err.value.field == "organisation_id" and "1 h 00 min left of its 4 h" in err.value.message


def test_free_slots_are_the_span_less_the_busy_ones_long_enough():
    span = spaces.Span(time(9), time(17))

    def at(day, t):
        return datetime.combine(day, t, BJ)

    day = date(2026, 6, 2)
    busy = [rules.Slot(at(day, time(10)), at(day, time(11))), rules.Slot(at(day, time(11)), at(day, time(11, 20))),
            rules.Slot(at(day, time(16, 45)), at(day, time(18)))]
    free = rules.free_slots(span, day, busy, 30, at)
    assert [(s.starts.time(), s.ends.time()) for s in free] == [(time(9), time(10)), (time(11, 20), time(16, 45))]
    assert rules.free_slots(None, day, [], 30, at) == []
    assert [(s.starts.time(), s.ends.time()) for s in rules.free_slots(span, day, busy, 120, at)] == [
        (time(11, 20), time(16, 45))]


def test_a_series_keeps_its_occurrences_within_a_year_less_the_excepted_days():
    from services.centers.domain import recurrence

    first = datetime(2026, 6, 2, 9)
    weekly = [first + timedelta(weeks=n) for n in range(60)]
    kept = recurrence.occurrences(weekly, first, {date(2026, 6, 9)}, lambda m: m.date())
    assert kept[:2] == [first, first + timedelta(weeks=2)] and kept[-1] - first <= recurrence.HORIZON
    assert len(kept) == 52
    with pytest.raises(InvalidArgument) as err:
        recurrence.occurrences([first], first, {date(2026, 6, 2)}, lambda m: m.date())
    assert err.value.field == "rule"
    assert recurrence.check_rule("rrule:freq=weekly;byday=tu") == "FREQ=WEEKLY;BYDAY=TU"
