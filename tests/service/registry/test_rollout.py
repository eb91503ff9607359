"""Rollout rings per sub-district and feature stages, with rollout.changed events."""
from __future__ import annotations

import pytest

from services.common import rollout as rules
from services.common.errors import InvalidArgument, PermissionDenied
from services.registry import models as m
from services.registry.app import rollout
from tests.conftest import DISTRICT_B, ctx_for
from tests.service.registry.conftest import COMM_A, SUB_A, SUB_A3, SUB_B, admin, call, count, events, read

OPERATOR = ctx_for("operator", district=None)


def test_assign_a_ring_and_move_it(world):
    db = world.db
    first = call(db, OPERATOR, rollout.assign_ring, subdistrict_code=SUB_A, ring="pilot")
    assert first == {"subdistrict_code": SUB_A, "district": "310101", "ring": "pilot"}
    call(db, admin(), rollout.assign_ring, subdistrict_code=SUB_A, ring="early")   # a district admin may too
    assert count(db, m.RingAssignment) == 1
    changed = events(db, "rollout.changed")
    assert [(e["payload"]["change"], e["payload"]["ring"]) for e in changed] == [("ring", "pilot"), ("ring", "early")]
    assert all(e["district"] == "310101" and e["subdistrict"] == SUB_A for e in changed)


def test_set_a_feature_stage_city_wide(world):
    db = world.db
    call(db, OPERATOR, rollout.set_feature_stage, flag="points.moral-bank", stage="pilot", description="道德银行")
    r = call(db, ctx_for("city_admin", district=None), rollout.set_feature_stage, flag="points.moral-bank",
             stage="general")
    assert r == {"flag": "points.moral-bank", "stage": "general", "description": "道德银行"}
    assert count(db, m.FeatureFlag) == 1
    changed = events(db, "rollout.changed")
    assert [(e["payload"]["change"], e["payload"]["stage"]) for e in changed] == [("flag", "pilot"),
                                                                                  ("flag", "general")]
    assert {e["district"] for e in changed} == {"000000"}


def test_get_rollout_lists_the_districts_rings_and_every_flag(world):
    db = world.db
    call(db, OPERATOR, rollout.assign_ring, subdistrict_code=SUB_A3, ring="early")
    call(db, OPERATOR, rollout.assign_ring, subdistrict_code=SUB_A, ring="pilot")
    call(db, OPERATOR, rollout.assign_ring, subdistrict_code=SUB_B, ring="pilot")
    call(db, OPERATOR, rollout.set_feature_stage, flag="mediation.hotline", stage="early")
    call(db, OPERATOR, rollout.set_feature_stage, flag="centers.booking", stage="off")
    state = read(db, ctx_for("resident"), rollout.get_rollout)
    assert state["rings"] == [{"subdistrict_code": SUB_A, "district": "310101", "ring": "pilot"},
                              {"subdistrict_code": SUB_A3, "district": "310101", "ring": "early"}]
    assert [f["flag"] for f in state["flags"]] == ["centers.booking", "mediation.hotline"]
    assert state["default_ring"] == "general"
    ring_of = {r["subdistrict_code"]: r["ring"] for r in state["rings"]}
    stage = {f["flag"]: f["stage"] for f in state["flags"]}
    assert rules.is_enabled(stage["mediation.hotline"], ring_of[SUB_A])
    assert rules.is_enabled(stage["mediation.hotline"], ring_of[SUB_A3])
    assert not rules.is_enabled(stage["mediation.hotline"], state["default_ring"])
    assert not rules.is_enabled(stage["centers.booking"], ring_of[SUB_A])
    other = read(db, OPERATOR, rollout.get_rollout, district=DISTRICT_B)
    assert other["rings"] == [{"subdistrict_code": SUB_B, "district": DISTRICT_B, "ring": "pilot"}]


def test_city_wide_callers_must_name_a_district(world):
    with pytest.raises(InvalidArgument) as err:
        read(world.db, OPERATOR, rollout.get_rollout)
    assert err.value.field == "district"


def test_a_district_cannot_read_anothers_rollout(world):
    with pytest.raises(PermissionDenied):
        read(world.db, admin(), rollout.get_rollout, district=DISTRICT_B)


def test_bad_rings_stages_and_flags_write_nothing(world):
    db = world.db
    cases = [(rollout.assign_ring, {"subdistrict_code": SUB_A, "ring": "beta"}, "ring"),
             (rollout.assign_ring, {"subdistrict_code": COMM_A, "ring": "pilot"}, "subdistrict_code"),
             (rollout.set_feature_stage, {"flag": "Bad Flag", "stage": "pilot"}, "flag"),
             (rollout.set_feature_stage, {"flag": "good.flag", "stage": "on"}, "stage")]
    for fn, params, field in cases:
        with pytest.raises(InvalidArgument) as err:
            call(db, OPERATOR, fn, **params)
        assert err.value.field == field
    assert count(db, m.RingAssignment) == 0 and count(db, m.FeatureFlag) == 0 and events(db) == []


def test_who_may_change_rollout(world):
    db = world.db
    with pytest.raises(PermissionDenied):
        call(db, admin(), rollout.set_feature_stage, flag="x.y", stage="pilot")
    with pytest.raises(PermissionDenied):
        call(db, ctx_for("community_worker"), rollout.assign_ring, subdistrict_code=SUB_A, ring="pilot")
    with pytest.raises(PermissionDenied):   # a district admin only inside the district
        call(db, admin(DISTRICT_B), rollout.assign_ring, subdistrict_code=SUB_A, ring="pilot")
    assert count(db, m.RingAssignment) == 0
