"""Rollout rings per sub-district and feature stages; other services read and cache them."""
from __future__ import annotations

from services.common import rollout as rules
from services.common.db import UnitOfWork
from services.common.errors import InvalidArgument
from services.common.tables import audit
from services.common.values import text
from services.registry import models as m
from services.registry import serializers as out
from services.registry.permissions import POLICY
from services.registry.repository import Repository

#: feature flags are city-wide: their audit entries and events go to the city's partition
CITY = "000000"


def assign_ring(uow: UnitOfWork, *, subdistrict_code: str, ring: str) -> dict:
    POLICY.check(uow.ctx, "assign rings")
    rules.check_ring(ring)
    r = Repository(uow)
    sub = r.division(subdistrict_code, "subdistrict_code", ("subdistrict",), write=True)
    row = r.first(m.RingAssignment, m.RingAssignment.subdistrict_code == sub.code)
    before = out.ring(row) if row else None
    if row is None:
        row = r.add(m.RingAssignment(subdistrict_code=sub.code, district=sub.district, ring=ring,
                                     changed_by=uow.ctx.actor))
    else:
        row.ring, row.changed_by = ring, uow.ctx.actor
    audit(uow, sub.district, "assign ring", sub.code, before, out.ring(row))
    uow.emit("rollout.changed", sub.district, {"change": "ring", **out.ring(row)}, sub.code)
    return out.ring(row)


def set_feature_stage(uow: UnitOfWork, *, flag: str, stage: str, description: str | None = None) -> dict:
    """A feature's stage is the city's: changed by a city-wide caller only."""
    POLICY.check(uow.ctx, "set feature stages")
    r = Repository(uow)
    r.city_setting("flag")
    rules.check_flag_name(flag)
    rules.check_stage(stage)
    row = r.first(m.FeatureFlag, m.FeatureFlag.name == flag)
    before = out.flag(row) if row else None
    if row is None:
        row = r.add(m.FeatureFlag(name=flag, stage=stage, changed_by=uow.ctx.actor))
    else:
        row.stage, row.changed_by = stage, uow.ctx.actor
    if description is not None:
        row.description = text(description, "description", 500)
    audit(uow, CITY, "set feature stage", flag, before, out.flag(row))
    uow.emit("rollout.changed", CITY, {"change": "flag", **out.flag(row)})
    return out.flag(row)


def get_rollout(uow: UnitOfWork, *, district: str | None = None) -> dict:
    """The rings of a district's sub-districts that the caller sees (default: the caller's district), and
    every feature flag."""
    POLICY.check(uow.ctx, "read rollout")
    r = Repository(uow)
    if district:
        district = r.code(district, "district", "district")
    elif uow.ctx.district:
        district = uow.ctx.district
    else:
        raise InvalidArgument("is required for a city-wide caller", "district")
    rings = r.all(m.RingAssignment, r.under(m.RingAssignment.subdistrict_code, district),
                  order_by=m.RingAssignment.subdistrict_code)
    flags = r.all(m.FeatureFlag, order_by=m.FeatureFlag.name)
    return out.rollout(rings, flags, rules.DEFAULT_RING)
