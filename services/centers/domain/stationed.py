"""Organisations stationed in a centre (入驻): under an agreement with a term and what they promise
to deliver each quarter (activities, sessions, services, by kind and count); deliveries are recorded
as they happen and read against the promise, per organisation and quarter.

- The organisation is a registry social organisation (社会组织) or partner unit of the district.
- A term is at most five years; one organisation has one running agreement per centre.
- A delivery falls in the agreement's term, of a kind it promised, not in the future.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import period_days, period_of

MAX_TERM_DAYS = 5 * 366
MAX_PROMISED = 1000
STATIONED_KINDS = ("social_organisation", "partner_unit")


def check_term(start: date, end: date) -> None:
    if end <= start:
        raise InvalidArgument("must be after term_start", "term_end")
    if (end - start).days > MAX_TERM_DAYS:
        raise InvalidArgument("a stationing agreement runs at most five years", "term_end")


def check_promise(promised: dict | None) -> dict[str, int]:
    """What is promised each quarter: ``{kind of delivery: count}``, at least one."""
    if not promised:
        raise InvalidArgument("name what is delivered each quarter, e.g. {\"讲座\": 3}", "promised")
    out = {}
    for kind, count in promised.items():
        name = str(kind).strip()
        if not name or len(name) > 60:
            raise InvalidArgument("a kind of delivery is 1 to 60 characters", f"promised.{kind}")
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_PROMISED:
            raise InvalidArgument(f"must be a whole number from 1 to {MAX_PROMISED}", f"promised.{name}")
        out[name] = count
    return out


def quarter_of(day: date) -> str:
    return period_of(day, "quarter")


def quarter_days(quarter: str) -> tuple[date, date]:
    """The first and last day of a quarter named like ``2026-Q2``."""
    return period_days(quarter, "quarter", "quarter")


def check_delivery(kind: str, promised: dict[str, int], on: date, term_start: date, term_end: date,
                   today: date) -> None:
    if kind not in promised:
        raise InvalidArgument(f"is not promised by the agreement ({', '.join(promised)})", "kind")
    if on > today:
        raise InvalidArgument("must not be in the future", "delivered_on")
    if not term_start <= on <= term_end:
        raise FailedPrecondition(f"the agreement runs from {term_start} to {term_end}", "delivered_on")


def against_promise(promised: dict[str, int], delivered: dict[str, int]) -> list[dict]:
    """Each promised kind: promised, delivered, and whether the quarter kept the promise."""
    return [{"kind": kind, "promised": count, "delivered": delivered.get(kind, 0),
             "kept": delivered.get(kind, 0) >= count} for kind, count in promised.items()]
