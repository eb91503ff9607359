"""Divisions and tree queries (children, ancestors, subtree), in the caller's scope."""
from __future__ import annotations

from sqlalchemy import bindparam

from services.common.db import UnitOfWork
from services.common.divisions import ancestors, district_of
from services.common.errors import AlreadyExists, FailedPrecondition
from services.common.tables import audit
from services.registry import models as m
from services.registry import serializers as out
from services.registry.domain import territory
from services.registry.permissions import POLICY
from services.registry.repository import Repository


def create_division(uow: UnitOfWork, *, code: str, level: str, name: str, parent_code: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change territory")
    parent = territory.validate_division(code, level, name, parent_code or None)
    r = Repository(uow)
    code = r.code(code, "code", level, write=True)
    if r.exists(m.Division, m.Division.code == code):
        raise AlreadyExists(f"division {code} already exists", "code")
    if parent is not None and not r.exists(m.Division, m.Division.code == parent):
        raise FailedPrecondition(f"the parent division {parent} does not exist yet", "parent_code")
    district = district_of(code)
    division = r.add(m.Division(code=code, level=level, name=name.strip(), parent_code=parent, district=district))
    audit(uow, district, "create division", code, after=out.division(division))
    return out.division(division)


#: the hot reads, compiled once (services.common.reads): children and subtrees of a division
CHILDREN = Repository.query(m.Division, m.Division.parent_code == bindparam("parent"), order_by=m.Division.code)
SUBTREE = Repository.query(m.Division, Repository.under(m.Division.code, bindparam("top")), order_by=m.Division.code)
_ANCESTORS: dict[int, object] = {}


def _ancestors(n: int):
    """The read of the divisions with one of ``n`` codes (``above_0``...)."""
    query = _ANCESTORS.get(n)
    if query is None:
        query = _ANCESTORS.setdefault(n, Repository.query(
            m.Division, m.Division.code.in_([bindparam(f"above_{i}") for i in range(n)]), order_by=m.Division.code))
    return query


def get_division(uow: UnitOfWork, *, code: str) -> dict:
    POLICY.check(uow.ctx, "read territory")
    return out.division(Repository(uow).division_row(code, "code"))


def list_children(uow: UnitOfWork, *, code: str) -> dict:
    POLICY.check(uow.ctx, "read territory")
    r = Repository(uow)
    node = r.division_row(code, "code")
    return out.items(r.rows(CHILDREN, parent=node.code), out.division)


def list_ancestors(uow: UnitOfWork, *, code: str) -> dict:
    """The divisions above, outermost first (all of them visible: they lie above the caller's scope)."""
    POLICY.check(uow.ctx, "read territory")
    r = Repository(uow)
    node = r.division_row(code, "code")
    above = ancestors(node.code)
    rows = r.rows(_ancestors(len(above)), **{f"above_{i}": c for i, c in enumerate(above)}) if above else []
    return out.items(rows, out.division)


def list_subtree(uow: UnitOfWork, *, code: str) -> dict:
    """The division and everything below it that the caller sees, in code order (codes nest by prefix)."""
    POLICY.check(uow.ctx, "read territory")
    r = Repository(uow)
    node = r.division_row(code, "code")
    return out.items(r.rows(SUBTREE, top=node.code), out.division)
