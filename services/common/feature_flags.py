"""Feature flags through OpenFeature (``openfeature-sdk``), answered by the registry's rings.

Application code asks in the standard way, with the caller's place as the evaluation context::

    from services.common.feature_flags import features, place

    if features().get_boolean_value("points.moral-bank", False, place(district, community=community)):
        ...

``RingsProvider`` answers from the process's copy of the registry's rollout
(services.common.rollout.rollout_cache: a feature's stage, the sub-district's ring). Another
provider (flagd, a vendor's) can be set with ``openfeature.api.set_provider`` without touching the
callers; the tests set one of their own the same way.
"""
from __future__ import annotations

import threading

from openfeature import api
from openfeature.evaluation_context import EvaluationContext
from openfeature.exception import ErrorCode
from openfeature.flag_evaluation import FlagResolutionDetails, Reason
from openfeature.provider import AbstractProvider
from openfeature.provider.metadata import Metadata

from services.common.rollout import is_enabled

#: the OpenFeature domain of cityplat's flags (api.set_provider(provider, domain=DOMAIN) to replace ours only)
DOMAIN = "cityplat"


def place(district: str | None, subdistrict: str | None = None, community: str | None = None) -> EvaluationContext:
    """The evaluation context of a caller or a record: its district, sub-district and community. The
    sub-district (a community's first nine digits, when only the community is known) is the targeting key:
    rings hold sub-districts."""
    subdistrict = subdistrict or (community[:9] if community and len(community) >= 9 else None)
    attributes = {key: value for key, value in (("district", district), ("subdistrict", subdistrict),
                                                ("community", community)) if value}
    return EvaluationContext(targeting_key=subdistrict, attributes=attributes)


class RingsProvider(AbstractProvider):
    """A flag is on for a sub-district when its stage reaches the sub-district's ring (off, pilot, early,
    general); an unknown flag is off (FLAG_NOT_FOUND: the caller's default)."""

    def __init__(self, cache=None):
        self._cache = cache  # None: the process's rollout_cache(), read at each evaluation

    def get_metadata(self) -> Metadata:
        return Metadata(name="cityplat-rings")

    def _rollout(self):
        if self._cache is not None:
            return self._cache
        from services.common.rollout import rollout_cache

        return rollout_cache()

    def resolve_boolean_details(self, flag_key: str, default_value: bool,
                                evaluation_context: EvaluationContext | None = None) -> FlagResolutionDetails[bool]:
        subdistrict = (evaluation_context.targeting_key if evaluation_context else None) or \
            (evaluation_context.attributes.get("subdistrict") if evaluation_context else None)
        if not subdistrict:
            return FlagResolutionDetails(default_value, ErrorCode.TARGETING_KEY_MISSING,
                                         "rings hold sub-districts: give the sub-district (or the community)",
                                         Reason.ERROR)
        try:
            stage, ring = self._rollout().placement(flag_key, subdistrict)
        except Exception as exc:  # noqa: BLE001 - the registry away and nothing cached: the caller's default
            return FlagResolutionDetails(default_value, ErrorCode.GENERAL, f"rollout unavailable: {exc}",
                                         Reason.ERROR)
        if stage is None:
            return FlagResolutionDetails(default_value, ErrorCode.FLAG_NOT_FOUND, f"no flag {flag_key!r}",
                                         Reason.ERROR)
        on = is_enabled(stage, ring)
        return FlagResolutionDetails(on, reason=Reason.TARGETING_MATCH, variant="on" if on else "off",
                                     flag_metadata={"stage": stage, "ring": ring})

    def _not_boolean(self, flag_key, default_value):
        return FlagResolutionDetails(default_value, ErrorCode.TYPE_MISMATCH,
                                     f"{flag_key}: cityplat's flags are on or off (booleans)", Reason.ERROR)

    def resolve_string_details(self, flag_key, default_value, evaluation_context=None):
        return self._not_boolean(flag_key, default_value)

    def resolve_integer_details(self, flag_key, default_value, evaluation_context=None):
        return self._not_boolean(flag_key, default_value)

    def resolve_float_details(self, flag_key, default_value, evaluation_context=None):
        return self._not_boolean(flag_key, default_value)

    def resolve_object_details(self, flag_key, default_value, evaluation_context=None):
        return self._not_boolean(flag_key, default_value)


_installed = threading.Lock()
_client = None


def features():
    """The OpenFeature client of cityplat's flags; the rings' provider is set on first use unless one
    was set for the domain before (a test's, another deployment's)."""
    global _client
    if _client is None:
        with _installed:
            if _client is None:
                if api.provider_registry.get_provider(DOMAIN) is api.provider_registry.get_default_provider():
                    api.set_provider(RingsProvider(), domain=DOMAIN)  # nothing bound to the domain yet
                _client = api.get_client(DOMAIN)
    return _client
