"""Rollout: each sub-district sits in a ring (pilot → early → general); each feature has a stage.

A feature at stage ``early`` is on for pilot and early sub-districts; ``general`` is on for
all; ``off`` for none. Operations turn features on sub-district by sub-district by moving
sub-districts between rings and features between stages.
"""
from __future__ import annotations

import re

from services.common.errors import InvalidArgument
from services.common.divisions import district_of

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


def check_flag_name(name: str, field: str = "flag") -> None:
    if not name or not _FLAG.match(name):
        raise InvalidArgument("must be 2-80 characters: lower-case letters, digits, '_', '.', '-'", field)


def is_enabled(stage: str, ring: str) -> bool:
    if stage == "off":
        return False
    return RINGS.index(ring) <= RINGS.index(stage)


class RolloutCache:
    """A service's cached copy of one district's rollout, refreshed from the registry.

    ``fetch(district)`` returns the registry's ``GetRollout`` reply as a dict
    ({"rings": [...], "flags": [...], "default_ring": ...}); ``rollout_cache()`` is the process's
    copy, read through the kernel's registry client (services.common.registry_client). The copy lives ``ttl`` seconds; ``invalidate()`` on a ``rollout.changed``
    event makes the next read fresh. If the registry is unreachable the last copy is kept
    (features do not flap off because of a network blip).
    """

    def __init__(self, fetch, ttl: float = 30.0, now=None):
        import time

        self._fetch = fetch
        self._ttl = ttl
        self._now = now or time.monotonic
        self._copies: dict[str, tuple[float, dict]] = {}

    def _rollout(self, district: str) -> dict:
        cached = self._copies.get(district)
        if cached and self._now() - cached[0] < self._ttl:
            return cached[1]
        try:
            fresh = self._fetch(district)
        except Exception:
            if cached:
                return cached[1]
            raise
        self._copies[district] = (self._now(), fresh)
        return fresh

    def ring_of(self, subdistrict: str) -> str:
        rollout = self._rollout(district_of(subdistrict))
        for row in rollout.get("rings", []):
            if row["subdistrict_code"] == subdistrict:
                return row["ring"]
        return rollout.get("default_ring") or DEFAULT_RING

    def enabled(self, flag: str, subdistrict: str) -> bool:
        """Is ``flag`` on for ``subdistrict``? An unknown flag is off. (Application code asks through
        OpenFeature: services.common.feature_flags.)"""
        stage, ring = self.placement(flag, subdistrict)
        return stage is not None and is_enabled(stage, ring)

    def placement(self, flag: str, subdistrict: str) -> tuple[str | None, str]:
        """(``flag``'s stage, None if there is no such flag; ``subdistrict``'s ring)."""
        rollout = self._rollout(district_of(subdistrict))
        stage = next((f.get("stage", "off") for f in rollout.get("flags", []) if f["flag"] == flag), None)
        return stage, self.ring_of(subdistrict)

    def invalidate(self, district: str | None = None) -> None:
        if district is None or district == "000000":  # flag changes are city-wide
            self._copies.clear()
        else:
            self._copies.pop(district, None)


_cache: RolloutCache | None = None


def rollout_cache() -> RolloutCache:
    """The process's cached copy of the registry's rollout, read through the kernel's registry client."""
    global _cache
    if _cache is None:
        from services.common.config import get_settings
        from services.common.registry_client import registry

        _cache = RolloutCache(lambda district: registry().rollout(district),
                              ttl=float(get_settings().rollout["cache_ttl_seconds"]))
    return _cache


def set_rollout_cache(cache: RolloutCache | None) -> None:
    """Tests replace the copy; ``None`` makes a fresh one on next use."""
    global _cache
    _cache = cache
