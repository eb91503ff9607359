"""`cityplat rollout manifests`: the canary track's Kubernetes objects, made from the stable ones and the rings.

From the stable manifests (k8s/base: each service's gRPC and worker Deployment, Service, ScaledObject)
it makes the canary's: the same objects named ``<name>-canary``, labelled and selected
``cityplat.io/track: canary`` (so that stable Services, budgets and autoscalers never take canary pods,
and the reverse), running ``CITYPLAT_TRACK=canary`` with the canary's image; the canary workers consume
the ``<queue>.canary`` queues (services.common.canary) and scale on them. From the registry's rings and the
``cityplat.canary`` flag it makes one Gateway API ``GRPCRoute`` per service: calls whose
``x-cityplat-subdistrict`` header names a sub-district on the canary, or whose ``x-cityplat-ring`` header
(added by the gateway, or by an app that knows its ring) names a canary ring, go to the canary's Service;
everything else to stable. With the flag off (after `cityplat rollout rollback`) every route is stable's.
"""
from __future__ import annotations

import copy

from services.common.canary import CANARY, queue_name
from services.common.rollout import RINGS, is_enabled

TRACK_LABEL = "cityplat.io/track"
SUBDISTRICT_HEADER = "x-cityplat-subdistrict"
RING_HEADER = "x-cityplat-ring"
#: Gateway API limits: matches per rule, rules per route (one is kept for the default)
MAX_MATCHES, MAX_RULES = 64, 16


def canary_rings(stage: str | None) -> list[str]:
    """The rings the canary serves at the cityplat.canary flag's stage (none when off or unknown)."""
    return [ring for ring in RINGS if stage and is_enabled(stage, ring)]


def _canary_copy(obj: dict, image: str | None) -> dict:
    out = copy.deepcopy(obj)
    meta = out["metadata"]
    stable_name = meta["name"]
    meta["name"] = f"{stable_name}-canary"
    meta.setdefault("labels", {})[TRACK_LABEL] = CANARY
    spec = out.get("spec", {})
    if out["kind"] == "Deployment":
        spec["selector"]["matchLabels"][TRACK_LABEL] = CANARY
        template = spec["template"]
        template["metadata"]["labels"][TRACK_LABEL] = CANARY
        for constraint in template["spec"].get("topologySpreadConstraints", []):
            constraint["labelSelector"]["matchLabels"][TRACK_LABEL] = CANARY
        for container in template["spec"]["containers"]:
            if image:
                container["image"] = image
            env = [e for e in container.get("env", []) if e["name"] != "CITYPLAT_TRACK"]
            container["env"] = [*env, {"name": "CITYPLAT_TRACK", "value": CANARY}]
        # a canary is small and needs no surge budget of its own; the stable autoscalers are not its
        spec["replicas"] = 1
    elif out["kind"] == "Service":
        spec["selector"][TRACK_LABEL] = CANARY
    elif out["kind"] == "ScaledObject":
        spec["scaleTargetRef"]["name"] = f"{spec['scaleTargetRef']['name']}-canary"
        spec["minReplicaCount"] = 1
        for trigger in spec["triggers"]:
            queue = trigger["metadata"]["queueName"]
            if not queue.startswith("rpc-"):  # RPC is not split by track: a canary worker shares it
                trigger["metadata"]["queueName"] = queue_name(queue, CANARY)
    elif out["kind"] == "PodDisruptionBudget":
        spec["selector"]["matchLabels"][TRACK_LABEL] = CANARY
    return out


def canary_objects(stable: list[dict], image: str | None) -> list[dict]:
    """The canary's copies of the stable gRPC and worker objects (migration Jobs and autoscalers of gRPC stay
    stable's: one schema, and a canary gets one replica)."""
    wanted = {"Deployment", "Service", "ScaledObject", "PodDisruptionBudget"}
    return [_canary_copy(obj, image) for obj in stable
            if obj["kind"] in wanted and obj["metadata"].get("labels", {}).get("app.kubernetes.io/component")
            in ("grpc", "worker")]


def grpc_routes(stable: list[dict], rollouts: dict[str, dict], stage: str | None, gateway: str,
                namespace: str | None = None) -> list[dict]:
    """One GRPCRoute per service's gRPC Service: canary sub-districts and rings to ``<service>-grpc-canary``."""
    rings = canary_rings(stage)
    subdistricts = sorted({row["subdistrict_code"] for rollout in rollouts.values()
                           for row in rollout.get("rings", []) if row["ring"] in rings})
    matches = [{"headers": [{"type": "Exact", "name": SUBDISTRICT_HEADER, "value": code}]} for code in subdistricts]
    matches += [{"headers": [{"type": "Exact", "name": RING_HEADER, "value": ring}]} for ring in rings]
    chunks = [matches[i:i + MAX_MATCHES] for i in range(0, len(matches), MAX_MATCHES)]
    if len(chunks) > MAX_RULES - 1:
        raise ValueError(f"{len(subdistricts)} canary sub-districts need {len(chunks)} rules; a GRPCRoute holds "
                         f"{MAX_RULES - 1} besides its default: use the ring header instead")
    routes = []
    for service in (o for o in stable if o["kind"] == "Service"
                    and o["metadata"].get("labels", {}).get("app.kubernetes.io/component") == "grpc"):
        name = service["metadata"]["name"]
        port = next(p["port"] for p in service["spec"]["ports"] if p["name"] == "grpc")
        canary_backend = [{"name": f"{name}-canary", "port": port}]
        route = {
            "apiVersion": "gateway.networking.k8s.io/v1", "kind": "GRPCRoute",
            "metadata": {"name": name, "labels": {"app.kubernetes.io/name": service["metadata"]["labels"][
                "app.kubernetes.io/name"], "app.kubernetes.io/part-of": "cityplat"},
                "annotations": {"cityplat.io/canary-rings": ",".join(rings) or "none",
                                "cityplat.io/generated-by": "cityplat rollout manifests"}},
            "spec": {"parentRefs": [{"name": gateway, **({"namespace": namespace} if namespace else {})}],
                     "rules": [*({"matches": chunk, "backendRefs": canary_backend} for chunk in chunks),
                               {"backendRefs": [{"name": name, "port": port}]}]}}
        routes.append(route)
    return routes
