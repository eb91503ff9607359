"""Rollout rings per sub-district and feature stages (services.common.rollout)."""
from __future__ import annotations

import pytest

from services.common import rollout
from services.common.errors import InvalidArgument

EXPECTED = {
    # stage:   pilot  early  general
    "off": (False, False, False),
    "pilot": (True, False, False),
    "early": (True, True, False),
    "general": (True, True, True),
}


@pytest.mark.parametrize("stage", rollout.STAGES)
@pytest.mark.parametrize("ring", rollout.RINGS)
def test_is_enabled_by_ring_and_stage(stage, ring):
    assert rollout.is_enabled(stage, ring) is EXPECTED[stage][rollout.RINGS.index(ring)]


def test_rings_and_stages():
    assert rollout.RINGS == ("pilot", "early", "general")
    assert rollout.STAGES == ("off", "pilot", "early", "general")
    assert rollout.DEFAULT_RING == "general"


def test_a_feature_at_general_is_on_for_subdistricts_in_the_default_ring():
    assert rollout.is_enabled("general", rollout.DEFAULT_RING)
    assert not rollout.is_enabled("early", rollout.DEFAULT_RING)


@pytest.mark.parametrize("ring", rollout.RINGS)
def test_known_rings(ring):
    rollout.check_ring(ring)


@pytest.mark.parametrize("ring", ["off", "beta", "", "Pilot"])
def test_bad_ring_is_refused(ring):
    with pytest.raises(InvalidArgument) as err:
        rollout.check_ring(ring)
    assert err.value.field == "ring"


@pytest.mark.parametrize("stage", rollout.STAGES)
def test_known_stages(stage):
    rollout.check_stage(stage)


@pytest.mark.parametrize("stage", ["on", "", "GENERAL", "canary"])
def test_bad_stage_is_refused(stage):
    with pytest.raises(InvalidArgument) as err:
        rollout.check_stage(stage)
    assert err.value.field == "stage"


@pytest.mark.parametrize("name", ["points.moral-bank", "ab", "mediation_v2", "x" + "y" * 79])
def test_good_flag_names(name):
    rollout.check_flag_name(name)


@pytest.mark.parametrize("name", ["", "a", "Points", "1flag", "has space", "x" + "y" * 80, "flag/slash",
                                  "中文"])
def test_bad_flag_names_are_refused(name):
    with pytest.raises(InvalidArgument) as err:
        rollout.check_flag_name(name)
    assert err.value.field == "flag"
