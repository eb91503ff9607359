"""The points station (积分驿站): what can be redeemed, reservations and pick-up codes.

Goods (日用品), services (便民服务), produce from the centre's garden (菜园农产品: vegetables,
flowers) and honours (荣誉, e.g. "most beautiful family" 最美家庭). An honour needs approval
before it is granted; everything else is reserved at once: the points and the stock move
together, and a reservation not picked up in time is cancelled and both return.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import whole_number

ITEM_KINDS = ("goods", "service", "produce", "honour")
RESERVATION_HOURS = 72
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out at a counter


def check_item(kind: str, name: str, points_cost: int, stock: int | None) -> None:
    if kind not in ITEM_KINDS:
        raise InvalidArgument(f"must be one of {', '.join(ITEM_KINDS)}", "kind")
    if not name or not name.strip() or len(name) > 100:
        raise InvalidArgument("is required, at most 100 characters", "name")
    whole_number(points_cost, "points_cost", 1, 100_000)
    if stock is not None and (not isinstance(stock, int) or stock < 0):
        raise InvalidArgument("must be zero or more", "stock")


def check_quantity(quantity, kind: str) -> int:
    whole_number(quantity, "quantity", 1, 100)
    if kind == "honour" and quantity != 1:
        raise InvalidArgument("an honour is granted once", "quantity")
    return quantity


def pick_up_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def reservation_expiry(at: datetime, hours: int = RESERVATION_HOURS) -> datetime:
    return at + timedelta(hours=hours)


def check_pick_up(status: str, code: str, given: str, expires_at: datetime, now: datetime) -> None:
    if status != "reserved":
        raise FailedPrecondition(f"the reservation is {status}", "reservation_id")
    if now > expires_at:
        raise FailedPrecondition("the reservation has expired", "reservation_id")
    given = given.strip().upper() if isinstance(given, str) else ""
    # compared as bytes: compare_digest refuses non-ASCII text, and a code is the caller's to mistype
    if not given or not secrets.compare_digest(code.encode(), given.encode()):
        raise InvalidArgument("does not match the reservation", "pick_up_code")
