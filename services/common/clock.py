"""The platform's clock, injectable so tests can move time (deadlines, terms, escalations)."""
from __future__ import annotations

from datetime import date, datetime, timezone


class Clock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    """A clock tests set and move by hand."""

    def __init__(self, at: datetime):
        self.at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta) -> None:
        from datetime import timedelta
        self.at += timedelta(**delta)


clock: Clock = Clock()


def set_clock(new: Clock) -> Clock:
    """Replace the process clock; returns the previous one (tests restore it)."""
    global clock
    previous, clock = clock, new
    return previous


def today() -> date:
    return clock.today()


def now() -> datetime:
    return clock.now()
