"""The figures the users steer by, per district, sub-district or community (and as Prometheus gauges)."""
from __future__ import annotations

from sqlalchemy import and_, case, func

from services.common.db import UnitOfWork
from services.common.errors import InvalidArgument
from services.mediation import models as m
from services.mediation import serializers
from services.mediation.domain import figures as rules
from services.mediation.domain.cases import OPEN_STATUSES, SETTLING_OUTCOMES
from services.mediation.permissions import POLICY
from services.mediation.repository import Repository

SCOPE_LEVELS = ("district", "subdistrict", "community")


def get_figures(uow: UnitOfWork, *, scope: str | None = None) -> dict:
    """Figures for a district (6 digits), sub-district (9) or community (12); default the caller's scope."""
    POLICY.check(uow.ctx, "read figures")
    r = Repository(uow)
    # never wider than the caller's own scope
    scope = r.code(scope, "scope", SCOPE_LEVELS, write=True) if scope else r.scope_code(None, "scope")
    if not scope:
        raise InvalidArgument("a district, sub-district or community code", "scope")
    return serializers.figures(scope, rules.compute(r.all(m.Case, r.under(m.Case.community, scope))))


def per_district(uow: UnitOfWork) -> dict[str, dict]:
    """The gauges' figures for every district, aggregated in the database (no case is loaded)."""
    c = m.Case
    is_open = c.status.in_(OPEN_STATUSES)
    resolved = and_(c.resolved_at.is_not(None), c.outcome.in_(SETTLING_OUTCOMES))  # withdrawn settles nothing
    rows = uow.session.execute(Repository(uow).select(
        c, c.district,
        func.sum(case((is_open, 1), else_=0)),
        func.sum(case((and_(is_open, c.overdue), 1), else_=0)),
        func.sum(case((resolved, 1), else_=0)),
        func.sum(case((and_(resolved, c.resolved_tier == "community"), 1), else_=0)),
        func.count(c.rating), func.avg(c.rating),
    ).group_by(c.district)).all()
    return serializers.district_figures(rows)


def get_city_figures(uow: UnitOfWork) -> dict:
    """City staff's roll-up: the figures of every district, one row each (the gauges' sums)."""
    POLICY.check(uow.ctx, "read city figures")
    # per_district is scoped by the repository: a city-wide caller gets every district
    return serializers.city_figures(per_district(uow))
