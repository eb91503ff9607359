"""The figures the users steer by (DOMAIN.md §4): the share of matters resolved inside the community
(the reports aim at 80%), time to resolve by tier and category, overdue cases, satisfaction."""
from __future__ import annotations

from services.common.values import aware
from services.mediation.domain.cases import OPEN_STATUSES, SETTLING_OUTCOMES

COMMUNITY_TARGET = 0.8  # the reports aim at 80% of matters resolved inside the community


def compute(cases: list) -> dict:
    """Counts, the community-resolution share, time to resolve by tier and category, satisfaction.

    ``cases``: records with status, outcome, category, overdue, opened_at, resolved_at, resolved_tier, rating.
    A withdrawn case ended but settled nothing: it is counted apart, not as resolved."""
    ended = [c for c in cases if c.resolved_at is not None]
    resolved = [c for c in ended if c.outcome in SETTLING_OUTCOMES]
    in_community = [c for c in resolved if c.resolved_tier == "community"]
    rated = [c.rating for c in cases if c.rating]
    times: dict[tuple[str, str], list[float]] = {}
    for c in resolved:
        hours = (aware(c.resolved_at) - aware(c.opened_at)).total_seconds() / 3600
        times.setdefault((c.resolved_tier, c.category), []).append(hours)
    return {
        "cases": len(cases),
        "open": sum(1 for c in cases if c.status in OPEN_STATUSES),
        "resolved": len(resolved),
        "withdrawn": sum(1 for c in ended if c.outcome == "withdrawn"),
        "resolved_in_community": len(in_community),
        "community_share": round(len(in_community) / len(resolved), 4) if resolved else 0.0,
        "community_target": COMMUNITY_TARGET,
        "overdue": sum(1 for c in cases if c.overdue and c.status in OPEN_STATUSES),
        "rated": len(rated),
        "satisfaction_average": round(sum(rated) / len(rated), 2) if rated else 0.0,
        "time_to_resolve": [{"tier": tier, "category": cat, "cases": len(v),
                             "average_hours": round(sum(v) / len(v), 1)}
                            for (tier, cat), v in sorted(times.items())],
    }
