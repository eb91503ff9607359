"""Other services read rollout rings and feature stages from the registry and cache them."""
from __future__ import annotations

import pytest

from cityplat.registry.v1 import registry_pb2_grpc
from services.common.grpc_support import GrpcServer
from services.common.registry_client import RegistryClient
from services.common.rollout import RolloutCache
from services.registry.app import rollout
from services.registry.grpc_server import SERVICE, RegistryServicer
from services.registry.seed import seed_demo
from tests.conftest import ctx_for

ROLLOUT = {"rings": [{"subdistrict_code": "310101002", "district": "310101", "ring": "pilot"},
                     {"subdistrict_code": "310101003", "district": "310101", "ring": "early"}],
           "flags": [{"flag": "points.moral-bank", "stage": "pilot"}, {"flag": "mediation.v2", "stage": "early"}],
           "default_ring": "general"}


class FakeRegistry:
    def __init__(self):
        self.calls = 0
        self.down = False
        self.rollout = ROLLOUT

    def __call__(self, district):
        self.calls += 1
        if self.down:
            raise ConnectionError("registry unreachable")
        return self.rollout


def test_flags_follow_the_ring_of_each_subdistrict():
    cache = RolloutCache(FakeRegistry())
    assert cache.enabled("points.moral-bank", "310101002") is True     # pilot ring, pilot stage
    assert cache.enabled("points.moral-bank", "310101003") is False    # early ring
    assert cache.enabled("mediation.v2", "310101003") is True          # early stage reaches early
    assert cache.enabled("mediation.v2", "310101009") is False         # unassigned: general ring
    assert cache.enabled("no.such.flag", "310101002") is False
    assert cache.ring_of("310101009") == "general"


def test_the_copy_is_reused_until_it_expires_or_is_invalidated():
    now = [0.0]
    registry = FakeRegistry()
    cache = RolloutCache(registry, ttl=30, now=lambda: now[0])
    cache.enabled("points.moral-bank", "310101002")
    cache.enabled("mediation.v2", "310101003")
    assert registry.calls == 1
    now[0] = 31
    cache.enabled("points.moral-bank", "310101002")
    assert registry.calls == 2
    cache.invalidate("310101")  # a rollout.changed event for the district
    cache.enabled("points.moral-bank", "310101002")
    assert registry.calls == 3


def test_a_registry_outage_keeps_the_last_copy_but_a_first_read_fails():
    now = [0.0]
    registry = FakeRegistry()
    cache = RolloutCache(registry, ttl=1, now=lambda: now[0])
    assert cache.enabled("points.moral-bank", "310101002")
    registry.down, now[0] = True, 5
    assert cache.enabled("points.moral-bank", "310101002")  # stale but kept
    with pytest.raises(ConnectionError):
        cache.enabled("points.moral-bank", "310104001")  # never fetched: no copy to fall back on


def test_the_real_fetcher_reads_the_registry_over_grpc(registry_db, settings):
    seed_demo(registry_db)
    server = GrpcServer("registry", SERVICE.full_name,
                        lambda s: registry_pb2_grpc.add_RegistryServicer_to_server(RegistryServicer(registry_db), s),
                        port=0, http_port=None, host="127.0.0.1").start()
    try:
        client = RegistryClient(f"127.0.0.1:{server.port}", settings, caller="points")
        cache = RolloutCache(client.rollout)
        assert cache.ring_of("310101002") == "pilot"
        assert cache.enabled("points.moral-bank", "310101002") is True
        assert cache.enabled("points.moral-bank", "310101003") is False
        with registry_db.uow(ctx_for("operator", district=None)) as uow:
            rollout.set_feature_stage(uow, flag="points.moral-bank", stage="early")
            uow.commit()
        cache.invalidate("000000")  # what a rollout.changed event for a flag does
        assert cache.enabled("points.moral-bank", "310101003") is True
    finally:
        client.close()
        server.stop(grace=0)
