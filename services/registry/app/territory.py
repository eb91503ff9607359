"""Divisions and tree queries (children, ancestors, subtree), scoped by the caller's district."""
from __future__ import annotations

from sqlalchemy import select

from services.common.db import UnitOfWork
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app._base import audit, repo
from services.registry.domain import territory
from services.registry.permissions import POLICY


def create_division(uow: UnitOfWork, *, code: str, level: str, name: str, parent_code: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change territory")
    parent = territory.validate_division(code, level, name, parent_code or None)
    r = repo(uow)
    district = territory.district_of(code)
    uow.ctx.check_district(district, "code")
    if uow.session.get(m.Division, code) is not None:
        raise AlreadyExists(f"division {code} already exists", "code")
    if parent is not None:
        if uow.session.get(m.Division, parent) is None:
            raise FailedPrecondition(f"the parent division {parent} does not exist yet", "parent_code")
    division = r.add(m.Division(code=code, level=level, name=name.strip(), parent_code=parent, district=district))
    audit(uow, district, "create division", code, after=out.division(division))
    return out.division(division)


def get_division(uow: UnitOfWork, *, code: str) -> dict:
    POLICY.check(uow.ctx, "read territory")
    return out.division(repo(uow).division(code, "code"))


def list_children(uow: UnitOfWork, *, code: str) -> dict:
    POLICY.check(uow.ctx, "read territory")
    r = repo(uow)
    r.division(code, "code")
    children = r.all(m.Division, m.Division.parent_code == code, order_by=m.Division.code)
    return {"items": [out.division(d) for d in children]}


def list_ancestors(uow: UnitOfWork, *, code: str) -> dict:
    POLICY.check(uow.ctx, "read territory")
    r = repo(uow)
    node = r.division(code, "code")
    chain = []
    while node.parent_code:
        node = uow.session.get(m.Division, node.parent_code)
        chain.append(node)
    return {"items": [out.division(d) for d in reversed(chain)]}


def list_subtree(uow: UnitOfWork, *, code: str) -> dict:
    """The division and everything below it, in code order (codes nest by prefix)."""
    POLICY.check(uow.ctx, "read territory")
    r = repo(uow)
    r.division(code, "code")
    rows = r.all(m.Division, m.Division.code.startswith(code), order_by=m.Division.code)
    return {"items": [out.division(d) for d in rows]}


def require_division(uow: UnitOfWork, code: str, levels: tuple[str, ...] | None, field: str,
                     write: bool = True) -> m.Division:
    """A division the caller may work in, of one of ``levels``."""
    if not code:
        raise InvalidArgument("is required", field)
    division = repo(uow).division(code, field)
    uow.ctx.check_scope(code, field, write=write)
    if levels and division.level not in levels:
        raise InvalidArgument(f"{code} is a {division.level}; expected a {' or '.join(levels)}", field)
    return division


def division_codes_under(uow: UnitOfWork, code: str) -> list[str]:
    return list(uow.session.scalars(select(m.Division.code).where(m.Division.code.startswith(code))))
