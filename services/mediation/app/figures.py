"""The figures the users steer by, per district, sub-district or community (and as Prometheus gauges)."""
from __future__ import annotations

from sqlalchemy import case, func, select

from services.common.db import UnitOfWork
from services.common.divisions import level_of
from services.common.errors import InvalidArgument
from services.mediation import models as m
from services.mediation.app._base import aware
from services.mediation.permissions import POLICY

COMMUNITY_TARGET = 0.8  # the reports aim at 80% of matters resolved inside the community


def compute(cases: list[m.Case]) -> dict:
    """Counts, the community-resolution share, time to resolve by tier and category, satisfaction."""
    resolved = [c for c in cases if c.resolved_at is not None]
    in_community = [c for c in resolved if c.resolved_tier == "community"]
    rated = [c.rating for c in cases if c.rating]
    times: dict[tuple[str, str], list[float]] = {}
    for c in resolved:
        hours = (aware(c.resolved_at) - aware(c.opened_at)).total_seconds() / 3600
        times.setdefault((c.resolved_tier, c.category), []).append(hours)
    return {
        "cases": len(cases),
        "open": sum(1 for c in cases if c.status in ("open", "assigned", "in_mediation")),
        "resolved": len(resolved),
        "resolved_in_community": len(in_community),
        "community_share": round(len(in_community) / len(resolved), 4) if resolved else 0.0,
        "community_target": COMMUNITY_TARGET,
        "overdue": sum(1 for c in cases if c.overdue and c.status != "resolved"),
        "rated": len(rated),
        "satisfaction_average": round(sum(rated) / len(rated), 2) if rated else 0.0,
        "time_to_resolve": [{"tier": tier, "category": cat, "cases": len(v),
                             "average_hours": round(sum(v) / len(v), 1)}
                            for (tier, cat), v in sorted(times.items())],
    }


def get_figures(uow: UnitOfWork, *, scope: str | None = None) -> dict:
    """Figures for a district (6 digits), sub-district (9) or community (12); default the caller's scope."""
    POLICY.check(uow.ctx, "read figures")
    scope = scope or uow.ctx.community or uow.ctx.subdistrict or uow.ctx.district
    if not scope or level_of(scope) not in ("district", "subdistrict", "community"):
        raise InvalidArgument("a district, sub-district or community code", "scope")
    uow.ctx.check_scope(scope, "scope", write=True)  # never wider than the caller's own scope
    q = select(m.Case).where(m.Case.district == scope[:6], m.Case.community.startswith(scope))
    return {"scope": scope, **compute(list(uow.session.scalars(q)))}


def per_district(uow: UnitOfWork) -> dict[str, dict]:
    """The gauges' figures for every district, aggregated in the database (no case is loaded)."""
    c = m.Case.__table__
    is_open = c.c.status.in_(("open", "assigned", "in_mediation"))
    resolved = c.c.resolved_at.is_not(None)
    rows = uow.session.execute(select(
        c.c.district,
        func.sum(case((is_open, 1), else_=0)),
        func.sum(case((is_open & c.c.overdue, 1), else_=0)),
        func.sum(case((resolved, 1), else_=0)),
        func.sum(case((resolved & (c.c.resolved_tier == "community"), 1), else_=0)),
        func.count(c.c.rating), func.avg(c.c.rating),
    ).group_by(c.c.district)).all()
    return {d: {"open": int(o or 0), "overdue": int(ov or 0), "resolved": int(r or 0),
                "community_share": round(int(rc or 0) / int(r), 4) if r else 0.0,
                "rated": int(n or 0), "satisfaction_average": round(float(avg), 2) if avg is not None else 0.0}
            for d, o, ov, r, rc, n, avg in rows}
