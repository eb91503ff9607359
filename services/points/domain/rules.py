"""Earning rules (积分规则) per district, versioned by effective dates.

A rule says: for this action, this many points (negative for a deduction of member points),
at most so many per day and per month, for these member categories or depositor kinds, with
or without approval, and optionally only where a feature flag is rolled out (pilot
sub-districts first).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

MEMBER_CATEGORIES = ("organ", "community", "new_org")
#: who a rule may apply to: member categories (member points) and depositor kinds (moral bank)
AUDIENCES = MEMBER_CATEGORIES + ("resident", "household", "unit")
_ACTION = re.compile(r"^[a-z][a-z0-9_]{1,59}$")


@dataclass(frozen=True)
class RuleTerms:
    action_type: str
    points: int
    applies_to: tuple[str, ...]
    daily_cap: int | None
    monthly_cap: int | None
    needs_approval: bool
    effective_from: date
    effective_to: date | None


def check_rule(action_type: str, points: int, applies_to: list[str], daily_cap: int | None,
               monthly_cap: int | None, effective_from: date, effective_to: date | None) -> None:
    if not action_type or not _ACTION.match(action_type):
        raise InvalidArgument("must be 2-60 characters: lower-case letters, digits and '_'", "action_type")
    if isinstance(points, bool) or not isinstance(points, int) or points == 0 or abs(points) > 10_000:
        raise InvalidArgument("must be a whole number from -10000 to 10000, not 0", "points")
    if not applies_to:
        raise InvalidArgument(f"name who the rule applies to: {', '.join(AUDIENCES)}", "applies_to")
    unknown = [j for j, a in enumerate(applies_to) if a not in AUDIENCES]
    if unknown:  # named by its place (applies_to[1]): the list's name alone does not say which
        raise InvalidArgument(f"unknown {', '.join(str(applies_to[j]) for j in unknown)}; one of "
                              f"{', '.join(AUDIENCES)}", f"applies_to[{unknown[0]}]")
    members = [a for a in applies_to if a in MEMBER_CATEGORIES]
    if members and len(members) != len(applies_to):
        raise InvalidArgument("a rule is either for members (member points) or for depositors (moral bank)",
                              "applies_to")
    if points < 0 and not members:
        raise InvalidArgument("deductions apply to member points only", "points")
    for cap, field in ((daily_cap, "daily_cap"), (monthly_cap, "monthly_cap")):
        if cap is not None and (not isinstance(cap, int) or cap < abs(points)):
            raise InvalidArgument(f"must be at least one award ({abs(points)} points)", field)
    if daily_cap and monthly_cap and monthly_cap < daily_cap:
        raise InvalidArgument("must not be below the daily cap", "monthly_cap")
    if effective_to is not None and effective_to < effective_from:
        raise InvalidArgument("must not be before effective_from", "effective_to")


def programme_of_rule(applies_to) -> str:
    return "member_points" if applies_to[0] in MEMBER_CATEGORIES else "moral_bank"


def audience_of(account_kind: str, category: str | None) -> str:
    """What a rule's ``applies_to`` is matched against for an account."""
    return category if account_kind == "member" else account_kind


def check_applies(terms: RuleTerms, audience: str) -> None:
    if audience not in terms.applies_to:
        raise FailedPrecondition(f"the {terms.action_type} rule does not apply to {audience}", "account")


def capped_points(terms: RuleTerms, earned_today: int, earned_this_month: int) -> int:
    """How many of the rule's points may still be awarded today (0: a cap is reached)."""
    room = abs(terms.points)
    if terms.daily_cap is not None:
        room = min(room, terms.daily_cap - earned_today)
    if terms.monthly_cap is not None:
        room = min(room, terms.monthly_cap - earned_this_month)
    return max(room, 0)


def effective(rules: list[RuleTerms], on: date) -> RuleTerms | None:
    """The version in force on ``on``: the latest that started on or before it and has not ended."""
    live = [r for r in rules if r.effective_from <= on and (r.effective_to is None or on <= r.effective_to)]
    return max(live, key=lambda r: r.effective_from) if live else None
