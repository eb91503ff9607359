"""iCalendar feeds (日历订阅) of a space's or an organisation's bookings, for a phone's calendar to poll.

- A feed shows one space's bookings, or one organisation's, from 30 days ago to 180 days ahead. Its
  URL carries a long random token (the only authorisation a calendar app can send): made once,
  shown once, stored only as its SHA-256, revoked at any time (then the URL answers 404 at once).
- A space's feed is made by the staff of the space's scope; an organisation's by staff of a scope
  the organisation lies in, or by the partner unit itself (共建单位). It never shows more than its
  maker could list.
- Each booking is an event: confirmed is CONFIRMED, requested (awaiting approval) TENTATIVE,
  cancelled or rejected CANCELLED, so that a subscribed calendar drops it. Its SEQUENCE counts the
  changes a booking goes through (a decision, a cancellation).
- A resident's booking of a space shows as booked (已预约) only: a space's feed carries no name and no
  person's id.
"""
from __future__ import annotations

import hashlib
import re

from services.common.errors import InvalidArgument

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits
DAYS_BEFORE = 30
DAYS_AHEAD = 180
PATH_PREFIX = "/feeds/"
SUFFIX = ".ics"
RESIDENT_SUMMARY = "已预约"
#: a booking's status → its event's STATUS
EVENT_STATUS = {"confirmed": "CONFIRMED", "requested": "TENTATIVE", "cancelled": "CANCELLED", "rejected": "CANCELLED"}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,128}$")


def check_target(space_id: str | None, organisation_id: str | None) -> str:
    """"space" or "organisation": exactly one is named."""
    if space_id and organisation_id:  # named by the second: the one that should not be there
        raise InvalidArgument("give exactly one of space_id or organisation_id, not both", "organisation_id")
    if not space_id and not organisation_id:
        raise InvalidArgument("is required: give space_id, or organisation_id for an organisation's feed", "space_id")
    return "space" if space_id else "organisation"


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256 in hex (a token is random and long: no salt is needed)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def path_of(token: str) -> str:
    return f"{PATH_PREFIX}{token}{SUFFIX}"


def token_of(path: str) -> str | None:
    """The token of a feed's URL path, or None for a path that is no feed's (answered 404 like a revoked one)."""
    if not path.startswith(PATH_PREFIX) or not path.endswith(SUFFIX):
        return None
    token = path[len(PATH_PREFIX):-len(SUFFIX)]
    return token if _TOKEN.match(token) else None


def event_status(status: str) -> str:
    return EVENT_STATUS[status]


def sequence(decided: bool, cancelled: bool) -> int:
    """How often the booking changed after it was taken: decided (confirmed or rejected), then cancelled.
    A calendar takes the event with the higher SEQUENCE for the newer one."""
    return int(decided) + int(cancelled)


def summary(purpose: str, by_resident: bool) -> str:
    """The event's title: the purpose, or only 已预约 for a resident's booking (his purpose may name him)."""
    return RESIDENT_SUMMARY if by_resident else purpose


def etag(body: bytes) -> str:
    """A strong ETag of the calendar's bytes (quoted, as HTTP writes it)."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(if_none_match: str | None, current: str) -> bool:
    """Does ``If-None-Match`` name the current ETag (or ``*``)? Then the answer is 304 Not Modified."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == current for t in tags)
