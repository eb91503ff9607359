"""Queries scoped by the caller's district: callers cannot forget the tenant.

A record of another district is reported as not found (ids are opaque, so nothing leaks);
division codes are public national codes, so reaching outside the scope is PermissionDenied.
"""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.common.context import RequestContext
from services.common.divisions import level_of
from services.common.errors import InvalidArgument, NotFound
from services.registry import models as m

T = TypeVar("T")


class Repository:
    def __init__(self, session: Session, ctx: RequestContext):
        self.session = session
        self.ctx = ctx

    def select(self, model):
        stmt = select(model)
        if not self.ctx.city_wide and hasattr(model, "district"):
            stmt = stmt.where(model.district == self.ctx.district)
        return stmt

    def all(self, model, *where, order_by=None) -> list:
        stmt = self.select(model).where(*where)
        if order_by is not None:
            stmt = stmt.order_by(*order_by) if isinstance(order_by, (list, tuple)) else stmt.order_by(order_by)
        return list(self.session.scalars(stmt))

    def first(self, model, *where):
        return self.session.scalars(self.select(model).where(*where).limit(1)).first()

    def get(self, model: type[T], key, field: str, what: str | None = None) -> T:
        obj = self.session.get(model, key) if key else None
        if obj is None or (hasattr(obj, "district") and not self.ctx.can_see_district(obj.district)):
            raise NotFound(f"no {what or model.__tablename__.rstrip('s')} {key!r}", field)
        return obj

    def division(self, code: str, field: str = "division_code") -> m.Division:
        if not code or level_of(code) is None:
            raise InvalidArgument(f"{code!r} is not a division code (6, 9 or 12 digits, or a grid/compound id)",
                                  field)
        self.ctx.check_scope(code, field)
        return self.get(m.Division, code, field, "division")

    def organisation(self, org_id: str, field: str = "organisation_id") -> m.Organisation:
        return self.get(m.Organisation, org_id, field, "organisation")

    def person(self, person_id: str, field: str = "person_id") -> m.Person:
        return self.get(m.Person, person_id, field, "person")

    def add(self, obj):
        self.session.add(obj)
        return obj
