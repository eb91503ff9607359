"""Co-building agreements (共驻共建协议) between a community's council and a unit.

- An agreement has a term (at most five years) and the unit's commitments (1 to 20, each a line of
  what it will do); one running agreement per unit and council at a time.
- Renewing it signs a new term that starts the day after the old one ends (the old one is then
  ``renewed``); the commitments carry over unless new ones are given.
- Before the end the district's reminder window (default 30 days) opens: the council is reminded once
  (``agreement.ending``). At the end a running agreement that was not renewed lapses (``agreement.lapsed``).
- Ended early by the council with a reason (``ended``).
"""
from __future__ import annotations

from datetime import date, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument

MAX_TERM_DAYS = 5 * 366
MAX_COMMITMENTS = 20
DEFAULT_REMINDER_DAYS = 30
MAX_REMINDER_DAYS = 180
STATUSES = ("running", "renewed", "lapsed", "ended")


def check_term(start: date, end: date) -> None:
    if end <= start:
        raise InvalidArgument("must be after term_start", "term_end")
    if (end - start).days > MAX_TERM_DAYS:
        raise InvalidArgument("a co-building agreement runs at most five years", "term_end")


def check_commitments(commitments: list | None, field: str = "commitments") -> list[str]:
    if not commitments:
        raise InvalidArgument("name at least one commitment of the unit", field)
    if len(commitments) > MAX_COMMITMENTS:
        raise InvalidArgument(f"at most {MAX_COMMITMENTS} commitments", field)
    out = []
    for i, line in enumerate(commitments):
        line = line.strip() if isinstance(line, str) else ""
        if not line or len(line) > 300:
            raise InvalidArgument("is 1 to 300 characters", f"{field}[{i}]")
        out.append(line)
    return out


def check_reminder_days(days) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_REMINDER_DAYS:
        raise InvalidArgument(f"must be a whole number of days from 1 to {MAX_REMINDER_DAYS}", "reminder_days")
    return days


def check_renewable(status: str, term_end: date, today: date) -> date:
    """The first day of the renewed term."""
    if status != "running":
        raise FailedPrecondition(f"the agreement is {status}: a running agreement is renewed", "agreement_id")
    if term_end < today:  # lapsed, though the worker's timer may not have marked it yet
        raise FailedPrecondition(f"the agreement ended on {term_end}: sign a new one", "agreement_id")
    return term_end + timedelta(days=1)


def check_endable(status: str) -> None:
    if status != "running":
        raise FailedPrecondition(f"the agreement is {status} already", "agreement_id")


def reminder_due(status: str, term_end: date, reminded: bool, reminder_days: int, today: date) -> bool:
    """Is the council to be reminded today that the agreement ends (once, within the window)?"""
    return status == "running" and not reminded and today <= term_end <= today + timedelta(days=reminder_days)


def lapses(status: str, term_end: date, today: date) -> bool:
    return status == "running" and term_end < today
