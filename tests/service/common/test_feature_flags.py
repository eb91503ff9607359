"""Feature flags asked through OpenFeature, answered by the registry's rings (services.common.feature_flags)."""
from __future__ import annotations

from openfeature import api
from openfeature.exception import ErrorCode
from openfeature.flag_evaluation import Reason
from openfeature.provider.in_memory_provider import InMemoryFlag, InMemoryProvider

from services.common import feature_flags
from services.common.feature_flags import DOMAIN, RingsProvider, features, place
from services.common.rollout import RolloutCache

ROLLOUT = {"rings": [{"subdistrict_code": "310101002", "district": "310101", "ring": "pilot"},
                     {"subdistrict_code": "310101003", "district": "310101", "ring": "early"}],
           "flags": [{"flag": "points.moral-bank", "stage": "pilot"}, {"flag": "centers.garden", "stage": "early"},
                     {"flag": "council.fund", "stage": "off"}],
           "default_ring": "general"}


def client_with(provider):
    api.set_provider(provider, domain="test-rings")
    return api.get_client("test-rings")


def test_a_flag_is_on_where_its_stage_reaches_the_sub_districts_ring():
    client = client_with(RingsProvider(RolloutCache(lambda district: ROLLOUT)))
    pilot, early, general = (place("310101", community=f"{sub}001") for sub in ("310101002", "310101003", "310101004"))
    assert [client.get_boolean_value("points.moral-bank", False, c) for c in (pilot, early, general)] == \
        [True, False, False]
    assert [client.get_boolean_value("centers.garden", False, c) for c in (pilot, early, general)] == \
        [True, True, False]
    assert not client.get_boolean_value("council.fund", True, pilot)  # off: for nobody, whatever the default
    details = client.get_boolean_details("centers.garden", False, early)
    assert details.reason == Reason.TARGETING_MATCH and details.flag_metadata == {"stage": "early", "ring": "early"}


def test_an_unknown_flag_or_no_place_gives_the_callers_default_and_says_why():
    client = client_with(RingsProvider(RolloutCache(lambda district: ROLLOUT)))
    unknown = client.get_boolean_details("no.such-flag", False, place("310101", "310101002"))
    assert unknown.value is False and unknown.error_code == ErrorCode.FLAG_NOT_FOUND
    nowhere = client.get_boolean_details("points.moral-bank", False, place("310101"))
    assert nowhere.value is False and nowhere.error_code == ErrorCode.TARGETING_KEY_MISSING


def test_the_registry_away_with_nothing_cached_gives_the_default():
    def away(district):
        raise ConnectionError("registry unreachable")

    client = client_with(RingsProvider(RolloutCache(away)))
    details = client.get_boolean_details("points.moral-bank", False, place("310101", "310101002"))
    assert details.value is False and details.error_code == ErrorCode.GENERAL


def test_another_provider_replaces_the_rings_without_touching_the_callers(monkeypatch):
    monkeypatch.setattr(feature_flags, "_client", None)
    api.set_provider(InMemoryProvider({"points.moral-bank": InMemoryFlag("on", {"on": True, "off": False})}),
                     domain=DOMAIN)
    try:
        assert features().get_boolean_value("points.moral-bank", False, place("310101", "310101004"))
    finally:
        api.set_provider(RingsProvider(), domain=DOMAIN)
        monkeypatch.setattr(feature_flags, "_client", None)
