"""Recurring bookings (周期预约): an RFC 5545 rule (``FREQ=WEEKLY;BYDAY=TU``, ``FREQ=MONTHLY;BYDAY=2TU``)
from the first occurrence, less the dates excepted, each occurrence a booking of its own.

- At most ``MAX_OCCURRENCES`` occurrences, all within a year of the first: the rule must end, by
  ``COUNT`` or ``UNTIL``, or it is cut there and said so.
- Every occurrence is checked as a single booking would be; if any is refused, nothing is written
  and the conflict report names each refused date with its reason.
- One occurrence is cancelled like any booking (an exception after the fact); the others stand.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from services.common.errors import InvalidArgument

MAX_OCCURRENCES = 100
HORIZON = timedelta(days=366)
RULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


def check_rule(rule: str | None) -> str:
    """The rule's text, its parts known: ``FREQ`` is one of DAILY, WEEKLY, MONTHLY, YEARLY (no hourly
    bookings); the parser (dateutil) checks the rest."""
    text = (rule or "").strip().upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:"):]
    if not text:
        raise InvalidArgument("is required: an RFC 5545 rule such as FREQ=WEEKLY;COUNT=8", "rule")
    parts = {}
    for part in text.split(";"):
        name, _, value = part.partition("=")
        if name not in RULE_PARTS or not value:
            raise InvalidArgument(f"has an unknown or empty part {part!r}; use {', '.join(RULE_PARTS)}", "rule")
        parts[name] = value
    if parts.get("FREQ") not in FREQUENCIES:
        raise InvalidArgument(f"FREQ must be one of {', '.join(FREQUENCIES)}", "rule")
    return text


def occurrences(starts: list[datetime], first: datetime, excepted: set[date], local_day_of) -> list[datetime]:
    """The occurrences' starts: the rule's expansion (``starts``, the first included) less the
    excepted days, at most MAX_OCCURRENCES within the horizon."""
    kept = [s for s in starts if s - first <= HORIZON and local_day_of(s) not in excepted]
    if not kept:
        raise InvalidArgument("leaves no occurrence (every date excepted or beyond a year)", "rule")
    if len(kept) > MAX_OCCURRENCES:
        raise InvalidArgument(f"gives {len(kept)} occurrences; a series holds at most {MAX_OCCURRENCES}: "
                              "end it with COUNT or UNTIL", "rule")
    return kept
