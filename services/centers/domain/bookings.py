"""Bookings of a space (场地预约): when, by whom, and the rules that refuse one.

- Never two bookings of one space that overlap in time: a booking awaiting approval holds its slot
  as a confirmed one does (enforced again by the database: on PostgreSQL an exclusion constraint
  over the time range, on SQLite the write lock every write takes first).
- Inside the space's opening span of that day (Beijing time), on no closure, for at most its
  capacity; from 15 minutes to 12 hours, within one day.
- An organisation books at most the centre's monthly quota of hours (the month of the booking's
  day, bookings awaiting approval and confirmed alike).
- A space that needs approval takes bookings as ``requested``; a worker confirms or rejects them.
  Either side may cancel one that has not ended.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument
from services.centers.domain.spaces import Span

MIN_MINUTES = 15
MAX_HOURS = 12
ACTIVE = ("requested", "confirmed")
STATUSES = ("requested", "confirmed", "rejected", "cancelled")


@dataclass(frozen=True)
class Slot:
    starts: datetime
    ends: datetime


def check_times(starts: datetime, ends: datetime, local_day_of) -> date:
    """The booking's local day; refused unless it ends after it starts, lasts 15 minutes to 12 hours and
    stays within one day (``local_day_of(moment)``: Beijing's day of a moment)."""
    if ends <= starts:
        raise InvalidArgument("must be after starts_at", "ends_at")
    length = ends - starts
    if length < timedelta(minutes=MIN_MINUTES):
        raise InvalidArgument(f"a booking lasts at least {MIN_MINUTES} minutes", "ends_at")
    if length > timedelta(hours=MAX_HOURS):
        raise InvalidArgument(f"a booking lasts at most {MAX_HOURS} hours", "ends_at")
    day = local_day_of(starts)
    if local_day_of(ends - timedelta(microseconds=1)) != day:
        raise InvalidArgument("a booking ends on the day it starts", "ends_at")
    return day


def check_open(span: Span | None, day: date, start: time, end: time, why_closed: str) -> None:
    """Inside the day's opening span (local times of day)."""
    if span is None:
        raise FailedPrecondition(f"the space is closed on {day.isoformat()} ({why_closed})", "starts_at")
    if start < span.opens or end > span.closes:
        raise FailedPrecondition(f"the space is open {span.text()} on {day.isoformat()}", "starts_at")


def check_capacity(attendees: int, capacity: int) -> int:
    if isinstance(attendees, bool) or not isinstance(attendees, int) or attendees < 1:
        raise InvalidArgument("must be a whole number of people, at least 1", "attendees")
    if attendees > capacity:
        raise FailedPrecondition(f"the space seats {capacity}, not {attendees}", "attendees")
    return attendees


def overlaps(a: Slot, b: Slot) -> bool:
    """Half-open ranges: one ending at 10:00 and the next starting at 10:00 do not overlap."""
    return a.starts < b.ends and b.starts < a.ends


def check_quota(booked_minutes: int, new_minutes: int, quota_hours: int, month: str) -> None:
    if booked_minutes + new_minutes > quota_hours * 60:
        left = max(quota_hours * 60 - booked_minutes, 0)
        raise FailedPrecondition(f"the organisation has {left // 60} h {left % 60:02d} min left of its "
                                 f"{quota_hours} h at this centre in {month}", "organisation_id")


def first_status(needs_approval: bool) -> str:
    return "requested" if needs_approval else "confirmed"


def check_decidable(status: str) -> None:
    if status != "requested":
        raise FailedPrecondition(f"the booking is {status}; only a requested one is confirmed or rejected",
                                 "booking_id")


def check_cancellable(status: str, ends: datetime, now: datetime) -> None:
    if status not in ACTIVE:
        raise FailedPrecondition(f"the booking is {status}", "booking_id")
    if ends <= now:
        raise FailedPrecondition("the booking has ended", "booking_id")


def free_slots(span: Span | None, day_start: datetime, busy: list[Slot], min_minutes: int,
               at_local) -> list[Slot]:
    """The free slots of one day: its opening span (``at_local(day, time)`` makes the moment) less the
    busy slots, each at least ``min_minutes`` long."""
    if span is None:
        return []
    opens, closes = at_local(day_start, span.opens), at_local(day_start, span.closes)
    free, cursor = [], opens
    for slot in sorted(busy, key=lambda s: s.starts):
        if slot.ends <= cursor or slot.starts >= closes:
            continue
        if slot.starts > cursor:
            free.append(Slot(cursor, min(slot.starts, closes)))
        cursor = max(cursor, slot.ends)
    if cursor < closes:
        free.append(Slot(cursor, closes))
    return [s for s in free if s.ends - s.starts >= timedelta(minutes=min_minutes)]
