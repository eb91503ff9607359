"""Canary by sub-district: the events of pilot sub-districts go to the canary workers, the rest to stable.

The operator picks the rings the canary serves with the feature flag ``cityplat.canary`` (its stage:
``pilot`` sends the pilot ring's sub-districts to the canary; ``off`` sends every one back to stable:
the rollback). The outbox relay stamps each event with its sub-district's track: a canary event is
published with the routing key ``canary.<event type>`` and the header ``x-cityplat-track: canary``; a
stable one as before. Each reliable handler's queue is bound to its track's routing key
(``<queue>`` to ``<type>``, ``<queue>.canary`` to ``canary.<type>``), so the broker routes each event
to one queue: moving a sub-district moves its future events, none is requeued, and the inbox (shared
by both tracks: one database) keeps any from being applied twice. The retained event log binds
``#`` and keeps both.
"""
from __future__ import annotations

import time

from openfeature.exception import ErrorCode

from services.common.feature_flags import features, place

CANARY_FLAG = "cityplat.canary"
STABLE, CANARY = "stable", "canary"
TRACK_HEADER = "x-cityplat-track"
RING_HEADER = "x-cityplat-ring"


def routing_key(event_type: str, track: str) -> str:
    return f"canary.{event_type}" if track == CANARY else event_type


def queue_name(base: str, track: str) -> str:
    """A handler's work queue on ``track``: the stable one keeps its name."""
    return f"{base}.canary" if track == CANARY else base


class Tracks:
    """Which track an event's sub-district is on, for the relay. Whatever cannot be known (no sub-district,
    the registry away with nothing cached) is stable; after a failed lookup it is not asked again for
    ``retry_after`` seconds, so a relay never waits on an absent registry per event."""

    def __init__(self, retry_after: float = 5.0):
        self._retry_after = retry_after
        self._failed_at = float("-inf")

    def placement(self, district: str | None, subdistrict: str | None) -> tuple[str, str]:
        """(the sub-district's track, its ring; "" when unknown)."""
        if not subdistrict or time.monotonic() - self._failed_at < self._retry_after:
            return STABLE, ""
        details = features().get_boolean_details(CANARY_FLAG, False, place(district, subdistrict))
        if details.error_code == ErrorCode.GENERAL:
            self._failed_at = time.monotonic()
        ring = (details.flag_metadata or {}).get("ring", "")
        if not ring and details.error_code == ErrorCode.FLAG_NOT_FOUND:  # no canary flag yet: the ring still counts
            from services.common.rollout import rollout_cache

            try:
                ring = rollout_cache().ring_of(subdistrict)
            except Exception:  # noqa: BLE001 - unknown is unknown
                ring = ""
        return (CANARY if details.value else STABLE), ring
