"""Divisions and tree queries (children, ancestors, subtree), renames and retirements with their
history, in the caller's scope."""
from __future__ import annotations

from sqlalchemy import and_, bindparam, func, or_

from services.common.db import UnitOfWork
from services.common.divisions import ancestors, district_of, subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition
from services.common.tables import audit
from services.common.values import date_or_today, text
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
        raise AlreadyExists(f"division {code} already exists", "code")  # a retired one's code is not reused
    if parent is not None and not r.exists(m.Division, m.Division.code == parent):
        raise FailedPrecondition(f"the parent division {parent} does not exist yet", "parent_code")
    if parent is not None and r.exists(m.Division, m.Division.code == parent, m.Division.status == "retired"):
        raise FailedPrecondition(f"the parent division {parent} is retired", "parent_code")
    district = district_of(code)
    division = r.add(m.Division(code=code, level=level, name=name.strip(), parent_code=parent, district=district,
                                status="active"))
    _record(r, division, "created", None, date_or_today(None, "effective_on"), None)
    audit(uow, district, "create division", code, after=out.division(division))
    return out.division(division)


def _record(r: Repository, division: m.Division, change: str, previous_name: str | None, on, reason) -> None:
    r.add(m.DivisionChange(division_code=division.code, district=division.district, change=change,
                           name=division.name, previous_name=previous_name, effective_on=on, reason=reason,
                           changed_by=r.ctx.actor))


def _last_change_on(r: Repository, division: m.Division):
    return r.session.scalar(r.select(m.DivisionChange, func.max(m.DivisionChange.effective_on))
                            .where(m.DivisionChange.division_code == division.code))


def _emit(uow: UnitOfWork, event: str, division: m.Division, **extra) -> None:
    uow.emit(event, division.district, {"division": out.division(division), **extra}, subdistrict_of(division.code))


def rename_division(uow: UnitOfWork, *, code: str, name: str, effective_on: str | None = None,
                    reason: str | None = None) -> dict:
    """Rename (更名) a division: the old name stays in its history (GetDivisionHistory)."""
    POLICY.check(uow.ctx, "change territory")
    r = Repository(uow)
    division = r.division(code, "code", write=True)
    on = date_or_today(effective_on, "effective_on")
    name = territory.check_rename(division.name, name, on, _last_change_on(r, division))
    reason = text(reason, "reason", 500) or None
    before = out.division(division)
    division.name = name
    _record(r, division, "renamed", before["name"], on, reason)
    audit(uow, division.district, "rename division", division.code, before, out.division(division), reason)
    _emit(uow, "division.renamed", division, previous_name=before["name"], effective_on=on.isoformat())
    return out.division(division)


def retire_division(uow: UnitOfWork, *, code: str, effective_on: str | None = None, reason: str | None = None) -> dict:
    """Retire (撤销) a division once nothing active hangs on it: it is then no longer offered as a place
    (GetDivision, ListChildren and ListSubtree leave it out) but its history stays readable."""
    POLICY.check(uow.ctx, "change territory")
    r = Repository(uow)
    division = r.division(code, "code", write=True)
    on = date_or_today(effective_on, "effective_on")
    here = division.code
    attached = {
        "active child division(s)": [d.code for d in r.all(m.Division, m.Division.parent_code == here,
                                                           m.Division.status == "active")],
        "active organisation(s)": [o.id for o in r.all(m.Organisation, m.Organisation.division_code == here,
                                                       m.Organisation.status == "active")],
        "resident(s) living here": [p.id for p in r.all(m.Person, m.Person.home_community == here)],
        "running department pairing(s)": [p.id for p in r.all(m.Pairing, m.Pairing.community_code == here,
                                                               m.Pairing.ended_on.is_(None))],
        "reserve cadre(s)": [c.person_id for c in r.all(m.ReserveCadre, m.ReserveCadre.community_code == here,
                                                        m.ReserveCadre.until.is_(None))],
        "in-service registration(s)": [x.id for x in r.all(m.InServiceRegistration,
                                                           m.InServiceRegistration.community_code == here)],
    }
    reason = territory.check_retirement(here, text(reason, "reason", 500), on, _last_change_on(r, division),
                                        attached)
    before = out.division(division)
    division.status, division.retired_on = "retired", on
    _record(r, division, "retired", None, on, reason)
    audit(uow, division.district, "retire division", here, before, out.division(division), reason)
    _emit(uow, "division.retired", division, reason=reason)
    return out.division(division)


def get_division_history(uow: UnitOfWork, *, code: str) -> dict:
    """A division, retired or not, and its changes in order: created, renamed, retired."""
    POLICY.check(uow.ctx, "read territory")
    r = Repository(uow)
    division = r.division(code, "code", retired=True)
    changes = r.all(m.DivisionChange, m.DivisionChange.division_code == division.code,
                    order_by=(m.DivisionChange.effective_on, m.DivisionChange.id))
    return out.division_history(division, changes)


#: the hot reads, compiled once (services.common.reads): the current children and subtrees of a division
#: (a retired one is no longer offered as a place)
CURRENT = m.Division.status == "active"
#: each selects the division named (``:node``, retired or not: it is refused as such) with what lies
#: under it, in one statement (Repository.division_with)
_NODE = m.Division.code == bindparam("node")
CHILDREN = Repository.query(m.Division, or_(_NODE, and_(m.Division.parent_code == bindparam("node"), CURRENT)),
                            order_by=m.Division.code)
SUBTREE = Repository.query(m.Division, or_(_NODE, and_(Repository.under(m.Division.code, bindparam("node")), CURRENT)),
                           order_by=m.Division.code)
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
    _, children = Repository(uow).division_with(CHILDREN, code)
    return out.items(children, out.division)


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
    node, below = Repository(uow).division_with(SUBTREE, code)
    return out.items([node, *below], out.division)
