"""The points service's cached copy of the registry's rollout (rings per sub-district, feature stages)."""
from __future__ import annotations

from services.common.auth import mint_token
from services.common.config import get_settings
from services.common.rollout import RolloutCache, registry_fetcher

_cache: RolloutCache | None = None


def rollout_cache() -> RolloutCache:
    global _cache
    if _cache is None:
        settings = get_settings()
        _cache = RolloutCache(registry_fetcher(settings.registry_target, lambda: mint_token("points", ["service"], None,
                                                                          ttl_seconds=300, settings=settings)),
                              ttl=float(settings.rollout.get("cache_ttl_seconds", 30)))
    return _cache


def set_rollout_cache(cache: RolloutCache | None) -> None:
    """Tests (and the worker on a rollout.changed event) replace or reset the copy."""
    global _cache
    _cache = cache
