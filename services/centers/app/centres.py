"""Centres and their spaces: opened, described, given opening hours and closures."""
from __future__ import annotations

from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import InvalidArgument
from services.common.registry_client import division_in
from services.common.tables import audit
from services.common.values import parse_date, text
from services.centers import models as m
from services.centers import serializers as out
from services.centers.domain import spaces as rules
from services.centers.permissions import POLICY
from services.centers.repository import Repository


def create_centre(uow: UnitOfWork, *, community: str, name: str, address: str | None = None,
                  monthly_quota_hours: int = 0) -> dict:
    """A neighbourhood centre of a community (a registry community of the caller's scope)."""
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    code = r.code(community, "community", "community", write=True)
    division_in(r.district_for_write(), code, "community")
    centre = r.add(m.Centre(district=r.district_for_write(), community=code,
                            name=text(name, "name", 100, required=True),
                            address=text(address, "address", 200),
                            monthly_quota_hours=rules.check_quota(monthly_quota_hours)))
    uow.flush()
    shaped = out.centre(centre)
    audit(uow, centre.district, "create centre", centre.id, after=shaped)
    return shaped


def get_centre(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read centres")
    return out.centre(Repository(uow).centre(id, "id"))


def list_centres(uow: UnitOfWork, *, community: str | None = None) -> dict:
    """The centres of the caller's scope, or of one community in it."""
    POLICY.check(uow.ctx, "read centres")
    r = Repository(uow)
    where = [r.under(m.Centre.community, r.code(community, "community", "community"))] if community else []
    return out.items(r.all(m.Centre, *where, order_by=(m.Centre.community, m.Centre.name)), out.centre)


def add_space(uow: UnitOfWork, *, centre_id: str, name: str, kind: str, capacity: int, hours: list[dict],
              needs_approval: bool = False, residents_may_book: bool = False,
              open_on_public_holidays: bool = False) -> dict:
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    centre = r.centre(centre_id, write=True)
    space = r.add(m.Space(district=centre.district, community=centre.community, centre_id=centre.id,
                          name=text(name, "name", 100, required=True), kind=rules.check_kind(kind),
                          capacity=rules.check_capacity(capacity),
                          hours=rules.hours_as_stored(rules.check_hours(hours)),
                          needs_approval=bool(needs_approval), residents_may_book=bool(residents_may_book),
                          open_on_public_holidays=bool(open_on_public_holidays)))
    uow.flush()
    shaped = out.space(space)
    audit(uow, space.district, "add space", space.id, after=shaped)
    return shaped


def get_space(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read centres")
    return out.space(Repository(uow).space(id, "id"))


def list_spaces(uow: UnitOfWork, *, centre_id: str) -> dict:
    POLICY.check(uow.ctx, "read centres")
    r = Repository(uow)
    centre = r.centre(centre_id)
    return out.items(r.all(m.Space, m.Space.centre_id == centre.id, order_by=m.Space.name), out.space)


def set_opening_hours(uow: UnitOfWork, *, space_id: str, hours: list[dict],
                      open_on_public_holidays: bool = False) -> dict:
    """New opening hours from now on; bookings already taken keep their slots."""
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    space = r.space(space_id, write=True)
    before = out.space(space)
    space.hours = rules.hours_as_stored(rules.check_hours(hours))
    space.open_on_public_holidays = bool(open_on_public_holidays)
    shaped = out.space(space)
    audit(uow, space.district, "set opening hours", space.id, before, shaped)
    return shaped


def add_closure(uow: UnitOfWork, *, space_id: str, from_date: str, to_date: str, reason: str) -> dict:
    """Whole days the space is closed: no booking is taken on them (those taken already stay, for the
    staff to move or cancel)."""
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    space = r.space(space_id, write=True)
    start, end = parse_date(from_date, "from_date"), parse_date(to_date, "to_date")
    if end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    closure = r.add(m.Closure(district=space.district, community=space.community, space_id=space.id,
                              from_date=start, to_date=end, reason=text(reason, "reason", 500, required=True)))
    uow.flush()
    shaped = out.closure(closure)
    audit(uow, space.district, "close space", space.id, after=shaped)
    uow.emit("space.closed", space.district, {"space_id": space.id, **shaped}, subdistrict_of(space.community))
    return shaped
