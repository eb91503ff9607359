"""`cityplat rollout manifests`: the canary's objects, made from the stable ones, and the GRPCRoutes from the
rings; validated offline (kubernetes-validate for the built-in kinds, the shape of the custom ones)."""
from __future__ import annotations

import pytest

from services.rollout_manifests import MAX_MATCHES, canary_objects, canary_rings, grpc_routes
from tests.ops.test_k8s import K8S, by_kind, render, validate, worker_queues

ROLLOUT = {"310101": {"rings": [{"subdistrict_code": "310101002", "ring": "pilot"},
                                {"subdistrict_code": "310101003", "ring": "early"}]},
           "310104": {"rings": [{"subdistrict_code": "310104005", "ring": "pilot"}]}}


@pytest.fixture(scope="module")
def stable():
    return [o for o in render(K8S / "base") if o["kind"] != "ConfigMap"]


def test_the_canary_objects_validate_and_never_select_stable_pods(kubernetes_validate, stable):
    canary = canary_objects(stable, "cityplat:0.2.0-rc1")
    for obj in canary:
        validate(kubernetes_validate, obj, "cityplat rollout manifests")
    stable_deployments, canary_deployments = by_kind(stable, "Deployment"), by_kind(canary, "Deployment")
    assert set(canary_deployments) == {f"{name}-canary" for name in stable_deployments}
    for name, dep in canary_deployments.items():
        pods = dep["spec"]["template"]["metadata"]["labels"]
        assert pods["cityplat.io/track"] == "canary" and dep["spec"]["selector"]["matchLabels"].items() <= pods.items()
        (container,) = dep["spec"]["template"]["spec"]["containers"]
        assert container["image"] == "cityplat:0.2.0-rc1"
        assert {"name": "CITYPLAT_TRACK", "value": "canary"} in container["env"]
        for other in [*stable, *canary]:  # no stable Service, budget or Deployment takes a canary pod
            selector = (other["spec"].get("selector") or {})
            selector = selector.get("matchLabels", selector) if other["kind"] != "Service" else selector
            if other["kind"] in ("Service", "PodDisruptionBudget", "Deployment"):
                takes = selector and selector.items() <= pods.items()
                assert not takes or other["metadata"]["name"].endswith("-canary"), (name, other["metadata"]["name"])
    for name, scaled in by_kind(canary, "ScaledObject").items():
        service = scaled["metadata"]["labels"]["app.kubernetes.io/name"]
        assert scaled["spec"]["scaleTargetRef"]["name"] == f"{service}-worker-canary"
        queues = sorted(t["metadata"]["queueName"] for t in scaled["spec"]["triggers"])
        assert queues == sorted(q if q.startswith("rpc-") else f"{q}.canary" for q in worker_queues(service))


def test_routes_send_the_canary_rings_sub_districts_to_the_canary_and_the_rest_to_stable(stable):
    routes = by_kind(grpc_routes(stable, ROLLOUT, "pilot", "cityplat-gateway"), "GRPCRoute")
    services = by_kind(stable, "Service")
    assert set(routes) == {name for name, svc in services.items()
                           if svc["metadata"]["labels"]["app.kubernetes.io/component"] == "grpc"}
    for name, route in routes.items():
        canary_rule, default = route["spec"]["rules"]
        port = next(p["port"] for p in services[name]["spec"]["ports"] if p["name"] == "grpc")
        assert canary_rule["backendRefs"] == [{"name": f"{name}-canary", "port": port}]
        assert default == {"backendRefs": [{"name": name, "port": port}]}
        headers = [(m["headers"][0]["name"], m["headers"][0]["value"]) for m in canary_rule["matches"]]
        assert headers == [("x-cityplat-subdistrict", "310101002"), ("x-cityplat-subdistrict", "310104005"),
                           ("x-cityplat-ring", "pilot")]  # early's 310101003 stays on stable
        assert route["spec"]["parentRefs"] == [{"name": "cityplat-gateway"}]


def test_after_a_rollback_every_route_is_stables_and_the_early_stage_takes_both_rings(stable):
    for route in grpc_routes(stable, ROLLOUT, "off", "gw"):
        assert route["spec"]["rules"] == [{"backendRefs": [{"name": route["metadata"]["name"], "port": route[
            "spec"]["rules"][0]["backendRefs"][0]["port"]}]}]
    assert canary_rings("early") == ["pilot", "early"] and canary_rings(None) == []
    (route, *_) = grpc_routes(stable, ROLLOUT, "early", "gw")
    values = [m["headers"][0]["value"] for m in route["spec"]["rules"][0]["matches"]]
    assert values == ["310101002", "310101003", "310104005", "pilot", "early"]


def test_many_sub_districts_are_split_into_rules_within_the_gateway_api_limits(stable):
    many = {"310101": {"rings": [{"subdistrict_code": f"310101{n:03d}", "ring": "pilot"} for n in range(1, 150)]}}
    (route, *_) = grpc_routes(stable, many, "pilot", "gw")
    *canary_rules, default = route["spec"]["rules"]
    assert len(canary_rules) == 3 and all(len(rule["matches"]) <= MAX_MATCHES for rule in canary_rules)
    assert sum(len(rule["matches"]) for rule in canary_rules) == 150  # 149 sub-districts and the ring
