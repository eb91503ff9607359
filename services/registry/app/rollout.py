"""Rollout rings per sub-district and feature stages; other services read and cache them."""
from __future__ import annotations

from services.common import rollout as rules
from services.common.db import UnitOfWork
from services.common.errors import InvalidArgument
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app._base import audit, optional_text, repo
from services.registry.app.territory import require_division
from services.registry.permissions import POLICY


def assign_ring(uow: UnitOfWork, *, subdistrict_code: str, ring: str) -> dict:
    POLICY.check(uow.ctx, "assign rings")
    rules.check_ring(ring)
    sub = require_division(uow, subdistrict_code, ("subdistrict",), "subdistrict_code")
    row = uow.session.get(m.RingAssignment, sub.code)
    before = out.ring(row) if row else None
    if row is None:
        row = m.RingAssignment(subdistrict_code=sub.code, district=sub.district, ring=ring, changed_by=uow.ctx.actor)
        uow.session.add(row)
    else:
        row.ring, row.changed_by = ring, uow.ctx.actor
    audit(uow, sub.district, "assign ring", sub.code, before, out.ring(row))
    uow.emit("rollout.changed", sub.district, {"change": "ring", **out.ring(row)}, sub.code)
    return out.ring(row)


def set_feature_stage(uow: UnitOfWork, *, flag: str, stage: str, description: str | None = None) -> dict:
    POLICY.check(uow.ctx, "set feature stages")
    rules.check_flag_name(flag)
    rules.check_stage(stage)
    row = uow.session.get(m.FeatureFlag, flag)
    before = out.flag(row) if row else None
    if row is None:
        row = m.FeatureFlag(name=flag, stage=stage, changed_by=uow.ctx.actor)
        uow.session.add(row)
    else:
        row.stage, row.changed_by = stage, uow.ctx.actor
    if description is not None:
        row.description = optional_text(description, "description")
    # flags are city-wide: the audit entry and the event go to the city's "000000" partition
    audit(uow, "000000", "set feature stage", flag, before, out.flag(row))
    uow.emit("rollout.changed", "000000", {"change": "flag", **out.flag(row)})
    return out.flag(row)


def get_rollout(uow: UnitOfWork, *, district: str | None = None) -> dict:
    POLICY.check(uow.ctx, "read rollout")
    r = repo(uow)
    district = district or uow.ctx.district
    if not district:
        raise InvalidArgument("is required for a city-wide caller", "district")
    uow.ctx.check_district(district)
    rings = r.all(m.RingAssignment, m.RingAssignment.district == district, order_by=m.RingAssignment.subdistrict_code)
    flags = list(uow.session.query(m.FeatureFlag).order_by(m.FeatureFlag.name))
    return {"rings": [out.ring(x) for x in rings], "flags": [out.flag(f) for f in flags],
            "default_ring": rules.DEFAULT_RING}


