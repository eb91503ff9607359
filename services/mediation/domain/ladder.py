"""The escalation ladder: community (社区) → sub-district (街道) → district department (区级部门).

Each tier has its own deadline per category, configurable per district. A case left alone past
its tier's deadline climbs on its own; at the top it is marked overdue. A supervisor may also
escalate or send back by hand, with a reason. The tier a case is at says whose it is: that tier's
staff work it there (services.mediation.permissions.works_at), the tiers below only read it.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import whole_number

TIERS = ("community", "subdistrict", "district")
DEFAULT_DEADLINE_DAYS = {"community": 7, "subdistrict": 10, "district": 15}


def check_deadlines(days: dict) -> dict:
    """All three tiers' deadlines, each from 1 to 365 days. A missing tier is named by itself
    (``deadline_days.district``), as a bad one is: ``deadline_days`` alone does not say which."""
    for tier in TIERS:
        if tier not in days:
            raise InvalidArgument(f"is required: give every tier's deadline ({', '.join(TIERS)}), or none for "
                                  "the defaults", f"deadline_days.{tier}")
        whole_number(days[tier], f"deadline_days.{tier}", 1, 365, unit="days")
    return {t: int(days[t]) for t in TIERS}


def deadline(start: datetime, tier: str, days: dict) -> datetime:
    return start + timedelta(days=days[tier])


def next_tier(tier: str) -> str | None:
    i = TIERS.index(tier)
    return TIERS[i + 1] if i + 1 < len(TIERS) else None


def previous_tier(tier: str) -> str | None:
    i = TIERS.index(tier)
    return TIERS[i - 1] if i > 0 else None


def tiers_from(tier: str) -> tuple[str, ...]:
    """The tier and those above it: community → (community, subdistrict, district)."""
    return TIERS[TIERS.index(tier):]


def due_for_escalation(tier: str, deadline_at: datetime, now: datetime) -> bool:
    return now > deadline_at and next_tier(tier) is not None


def check_manual(tier: str, direction: str) -> str:
    if direction == "up":
        target = next_tier(tier)
        if target is None:
            raise FailedPrecondition("the case is already at the district tier", "direction")
    elif direction == "down":
        target = previous_tier(tier)
        if target is None:
            raise FailedPrecondition("the case is already at the community tier", "direction")
    else:
        raise InvalidArgument("must be up (escalate) or down (send back)", "direction")
    return target
