"""Check-ins at an activity (签到): a resident attends a booking of a centre's space.

- Once per person and activity, whatever the retries: a second check-in is the first one.
- From half an hour before the activity starts until it ends, and only at a confirmed one.
- By the resident's id (the centre's staff check in whoever they see), or by himself with the
  activity's door code: six letters and digits shown at the door (no 0/O or 1/I to misread),
  known to the staff and whoever booked the activity.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument

OPENS_BEFORE = timedelta(minutes=30)
DOOR_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DOOR_CODE_LENGTH = 6


def door_code(random_indices) -> str:
    """A door code from ``DOOR_CODE_LENGTH`` random numbers (the caller's source of randomness)."""
    return "".join(DOOR_CODE_ALPHABET[i % len(DOOR_CODE_ALPHABET)] for i in random_indices)


def check_door_code(code: str | None) -> str:
    code = (code or "").strip().upper()
    if len(code) != DOOR_CODE_LENGTH or any(c not in DOOR_CODE_ALPHABET for c in code):
        raise InvalidArgument(f"must be the {DOOR_CODE_LENGTH} letters and digits shown at the door", "door_code")
    return code


def check_window(status: str, starts: datetime, ends: datetime, now: datetime) -> None:
    if status != "confirmed":
        raise FailedPrecondition(f"the activity is {status}; check-ins are taken at confirmed ones", "booking_id")
    if now < starts - OPENS_BEFORE:
        raise FailedPrecondition(f"check-in opens half an hour before the activity, at "
                                 f"{(starts - OPENS_BEFORE).isoformat()}", "booking_id")
    if now >= ends:
        raise FailedPrecondition("the activity has ended", "booking_id")
