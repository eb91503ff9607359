"""Rollout: each sub-district sits in a ring (pilot → early → general); each feature has a stage.

A feature at stage ``early`` is on for pilot and early sub-districts; ``general`` is on for
all; ``off`` for none. Operations turn features on sub-district by sub-district by moving
sub-districts between rings and features between stages.
"""
from __future__ import annotations

import re

from services.common.errors import InvalidArgument

RINGS = ("pilot", "early", "general")
STAGES = ("off",) + RINGS
DEFAULT_RING = "general"
_FLAG = re.compile(r"^[a-z][a-z0-9_.-]{1,79}$")


def check_ring(ring: str) -> None:
    if ring not in RINGS:
        raise InvalidArgument(f"must be one of {', '.join(RINGS)}", "ring")


def check_stage(stage: str) -> None:
    if stage not in STAGES:
        raise InvalidArgument(f"must be one of {', '.join(STAGES)}", "stage")


def check_flag_name(name: str) -> None:
    if not name or not _FLAG.match(name):
        raise InvalidArgument("must be 2-80 characters: lower-case letters, digits, '_', '.', '-'", "flag")


def is_enabled(stage: str, ring: str) -> bool:
    if stage == "off":
        return False
    return RINGS.index(ring) <= RINGS.index(stage)
