"""Kubernetes manifests under k8s/: schema-valid offline and consistent with the code.

Every manifest file is validated in strict mode (unknown fields rejected) against the
schemas bundled with kubernetes-validate. The kustomizations are then rendered by a small
renderer below (resources, namespace, configMapGenerator, strategic-merge patches: the
features k8s/ uses; anything else fails the test) and the rendered objects are validated
and checked: ports and probes equal the code's ports, hardening, autoscaling, budgets.
The services are read from the manifests' commands; every service whose code exists must be
deployed whole (gRPC Deployment, worker Deployment, migration Job), like docker-compose.yml.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from services.common.config import build_settings
from tests.ops.helpers import (IMAGE, PROCESSES, compose_services, database_url_env, grpc_service_name, secret_name,
                               service_targets, services_with_code)

K8S_VERSION = "1.37.0"  # the newest schemas bundled with kubernetes-validate 1.37.0
REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "k8s"
SUPPORTED_KUSTOMIZE_KEYS = {"apiVersion", "kind", "resources", "patches", "namespace", "configMapGenerator"}
CLUSTER_SCOPED = {"Namespace"}


# --------------------------------------------------------------------------- rendering

def load_docs(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def kustomization_dirs() -> list[Path]:
    return sorted(p.parent for p in K8S.rglob("kustomization.yaml"))


def load_kustomization(directory: Path) -> dict:
    (doc,) = load_docs(directory / "kustomization.yaml")
    assert doc.get("kind") == "Kustomization", f"{directory}/kustomization.yaml: kind must be Kustomization"
    unsupported = set(doc) - SUPPORTED_KUSTOMIZE_KEYS
    assert not unsupported, (
        f"{directory}/kustomization.yaml uses {sorted(unsupported)}, which tests/ops/test_k8s.py "
        "does not render: extend the renderer there")
    return doc


def strategic_merge(base, patch):
    """Strategic merge for what the overlays patch: maps merge, lists of named maps merge by name."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            if value is None:
                out.pop(key, None)
            elif key in out:
                out[key] = strategic_merge(out[key], value)
            else:
                out[key] = copy.deepcopy(value)
        return out
    if (isinstance(base, list) and isinstance(patch, list)
            and all(isinstance(i, dict) and "name" in i for i in base + patch)):
        out = [dict(i) for i in base]
        for item in patch:
            for index, existing in enumerate(out):
                if existing["name"] == item["name"]:
                    out[index] = strategic_merge(existing, item)
                    break
            else:
                out.append(copy.deepcopy(item))
        return out
    return copy.deepcopy(patch)


def render(directory: Path) -> list[dict]:
    kust = load_kustomization(directory)
    objects: list[dict] = []
    for entry in kust.get("resources", []):
        path = (directory / entry).resolve()
        objects.extend(render(path) if path.is_dir() else load_docs(path))
    for generator in kust.get("configMapGenerator", []):
        data = {}
        for source in generator["files"]:
            key, _, rel = source.partition("=") if "=" in source else (Path(source).name, "", source)
            data[key] = (directory / rel).read_text()
        # kustomize appends a content hash to the name and rewrites references to it;
        # neither changes what the schemas accept, so the plain name is kept here.
        objects.append({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": generator["name"], "labels": generator.get("options", {}).get("labels", {})},
            "data": data,
        })
    for patch_entry in kust.get("patches", []):
        assert set(patch_entry) == {"path"}, f"{directory}: only `- path:` strategic-merge patches are rendered"
        (patch,) = load_docs(directory / patch_entry["path"])
        targets = [i for i, o in enumerate(objects)
                   if o["kind"] == patch["kind"] and o["metadata"]["name"] == patch["metadata"]["name"]]
        assert len(targets) == 1, f"{directory}/{patch_entry['path']}: patches no single {patch['kind']}"
        objects[targets[0]] = strategic_merge(objects[targets[0]], patch)
    if "namespace" in kust:
        for obj in objects:
            if obj["kind"] in CLUSTER_SCOPED:
                continue
            obj.setdefault("metadata", {})["namespace"] = kust["namespace"]
    return objects


def referenced_non_manifests() -> set[Path]:
    """Patch files and generator sources: not complete manifests on their own."""
    out = set()
    for directory in kustomization_dirs():
        kust = load_kustomization(directory)
        out |= {(directory / p["path"]).resolve() for p in kust.get("patches", [])}
        for generator in kust.get("configMapGenerator", []):
            for source in generator["files"]:
                out.add((directory / source.split("=", 1)[-1]).resolve())
    return out


def manifest_files() -> list[Path]:
    files = sorted(p for ext in ("*.yaml", "*.yml") for p in K8S.rglob(ext))
    return [p for p in files if p.name != "kustomization.yaml" and p.resolve() not in referenced_non_manifests()]


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


#: custom resources the manifests use, which kubernetes-validate has no schemas for: (apiVersion, kind) ->
#: the spec fields each must have (their operators' CRDs: KEDA, prometheus-operator, Gateway API, Argo Rollouts)
CUSTOM_KINDS = {
    ("keda.sh/v1alpha1", "ScaledObject"): {"scaleTargetRef", "triggers"},
    ("monitoring.coreos.com/v1", "ServiceMonitor"): {"selector", "endpoints"},
    ("monitoring.coreos.com/v1", "PodMonitor"): {"selector", "podMetricsEndpoints"},
    ("gateway.networking.k8s.io/v1", "GRPCRoute"): {"parentRefs", "rules"},
    ("argoproj.io/v1alpha1", "AnalysisTemplate"): {"metrics"},
}


def validate_custom(obj: dict, where: str) -> None:
    """The shape a custom resource must have: metadata.name, its kind's spec fields (patches may omit them)."""
    needed = CUSTOM_KINDS[(obj["apiVersion"], obj["kind"])]
    assert obj.get("metadata", {}).get("name"), f"{where}: {obj['kind']} without a name"
    missing = needed - set(obj.get("spec") or {})
    assert not missing, f"{where}: {obj['kind']}/{obj['metadata']['name']}: spec lacks {sorted(missing)}"


def validate(kubernetes_validate, obj: dict, where: str):
    if (obj.get("apiVersion"), obj.get("kind")) in CUSTOM_KINDS:
        return validate_custom(obj, where)
    try:
        kubernetes_validate.validate(obj, K8S_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        path = ".".join(str(p) for p in exc.path)
        pytest.fail(f"{where}: {obj['kind']}/{obj['metadata']['name']}: {path}: {exc.message}", pytrace=False)
    except kubernetes_validate.SchemaNotFoundError as exc:
        pytest.fail(f"{where}: {exc.message}", pytrace=False)


def by_kind(objects, kind):
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


# --------------------------------------------------------------------------- validation

def test_kubernetes_validate_has_the_schemas_and_is_strict(kubernetes_validate):
    assert K8S_VERSION.rsplit(".", 1)[0] in {v.rsplit(".", 1)[0] for v in kubernetes_validate.all_versions()}, (
        f"kubernetes-validate does not bundle Kubernetes {K8S_VERSION}: pip install kubernetes-validate==1.37.0")
    bad = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {}, "dataa": {}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, K8S_VERSION, strict=True)


@pytest.mark.parametrize("path", manifest_files(), ids=rel)
def test_manifest_file_validates(kubernetes_validate, path):
    docs = load_docs(path)
    assert docs, f"{rel(path)}: no documents"
    for doc in docs:
        validate(kubernetes_validate, doc, rel(path))


@pytest.mark.parametrize("directory", kustomization_dirs(), ids=rel)
def test_kustomization_references_exist(directory):
    kust = load_kustomization(directory)
    assert kust["apiVersion"] == "kustomize.config.k8s.io/v1beta1"
    assert kust.get("resources"), f"{rel(directory)}: no resources"
    for entry in kust["resources"]:
        path = directory / entry
        assert path.is_file() or (path / "kustomization.yaml").is_file(), f"{rel(directory)}: resource {entry} missing"
    for patch in kust.get("patches", []):
        assert (directory / patch["path"]).is_file(), f"{rel(directory)}: patch {patch['path']} missing"
    for generator in kust.get("configMapGenerator", []):
        for source in generator["files"]:
            assert (directory / source.split("=", 1)[-1]).is_file(), f"{rel(directory)}: {source} missing"


@pytest.mark.parametrize("directory", kustomization_dirs(), ids=rel)
def test_rendered_kustomization_validates(kubernetes_validate, directory):
    objects = render(directory)
    names = [(o["kind"], o["metadata"]["name"]) for o in objects]
    assert len(names) == len(set(names)), f"{rel(directory)}: duplicate objects"
    for obj in objects:
        validate(kubernetes_validate, obj, f"kustomize build {rel(directory)}")


def test_production_overlay(kubernetes_validate):
    objects = render(K8S / "overlays/production")
    for obj in objects:
        if obj["kind"] != "Namespace":
            assert obj["metadata"]["namespace"] == "cityplat", f"{obj['kind']}/{obj['metadata']['name']}"
    assert "cityplat" in by_kind(objects, "Namespace")
    base_hpas = by_kind(render(K8S / "base"), "HorizontalPodAutoscaler")
    for name, hpa in by_kind(objects, "HorizontalPodAutoscaler").items():
        assert hpa["spec"]["minReplicas"] >= base_hpas[name]["spec"]["minReplicas"]
    kust = load_kustomization(K8S / "overlays/production")
    assert kust["namespace"] == "cityplat"
    assert kust.get("patches"), "production patches replicas and resources"
    # Every workload gets production sizing: a Deployment patch (resources) and an HPA patch
    # (replica bounds) each, so a new service does not run with the base's development values.
    patched = set()
    for entry in kust["patches"]:
        (patch,) = load_docs(K8S / "overlays/production" / entry["path"])
        patched.add((patch["kind"], patch["metadata"]["name"]))
    base = render(K8S / "base")
    for kind in ("Deployment", "HorizontalPodAutoscaler"):
        missing = {name for name in by_kind(base, kind)} - {name for k, name in patched if k == kind}
        assert not missing, f"k8s/overlays/production does not patch {kind} {sorted(missing)}"
    for name, dep in by_kind(objects, "Deployment").items():
        (container,) = dep["spec"]["template"]["spec"]["containers"]
        (base_container,) = by_kind(base, "Deployment")[name]["spec"]["template"]["spec"]["containers"]
        assert container["resources"] != base_container["resources"], f"production does not size Deployment {name}"


def test_configmap_copy_equals_deploy_config():
    base = load_kustomization(K8S / "base")
    (generator,) = [g for g in base["configMapGenerator"] if g["name"] == "cityplat-config"]
    (source,) = generator["files"]
    key, path = source.split("=", 1)
    assert key == "production.yaml"
    assert (K8S / "base" / path).read_text() == (REPO / "deploy/config/production.yaml").read_text(), (
        "k8s/base/config/production.yaml must be a copy of deploy/config/production.yaml: "
        "cp deploy/config/production.yaml k8s/base/config/production.yaml")


# --------------------------------------------------------------------------- consistency

def rendered_all():
    """The kustomizations that deploy cityplat's processes (k8s/monitoring holds no workloads)."""
    rendered = [(rel(d), render(d)) for d in kustomization_dirs()]
    return [(where, objects) for where, objects in rendered if any(o["kind"] == "Deployment" for o in objects)]


def pod_spec_objects(objects):
    return [o for o in objects if o["kind"] in ("Deployment", "Job")]


def workloads_by_service(objects, process_of) -> dict[str, dict[str, dict]]:
    """service -> process -> the Deployment or Job that runs it, read from the commands."""
    out: dict[str, dict[str, dict]] = {}
    for obj in pod_spec_objects(objects):
        (container,) = obj["spec"]["template"]["spec"]["containers"]
        service, process = process_of(container["command"] + container.get("args", []))
        assert process not in out.get(service, {}), (
            f"{obj['kind']}/{obj['metadata']['name']}: a second workload runs {service} {process}")
        out.setdefault(service, {})[process] = obj
    return out


def test_every_service_is_deployed_whole(process_of, compose):
    for where, objects in rendered_all():
        services = workloads_by_service(objects, process_of)
        assert services, f"{where}: no workloads"
        for service, processes in services.items():
            kinds = {process: obj["kind"] for process, obj in processes.items()}
            assert kinds == {"migrate": "Job", "worker": "Deployment", "grpc": "Deployment"}, (
                f"{where}: {service} must run as a migrate Job and worker and grpc Deployments, found {kinds}")
            for process in PROCESSES:
                assert processes[process]["metadata"]["name"] == f"{service}-{process}", f"{where}: {service} {process}"
        missing = set(services_with_code()) - set(services)
        assert not missing, f"{where}: services {sorted(missing)} exist (services/<name>/worker.py) but are not deployed"
        assert sorted(services) == compose_services(compose), (
            f"{where} deploys {sorted(services)}, docker-compose.yml runs {compose_services(compose)}")


def resolve_port(container, port):
    if isinstance(port, int):
        return port
    (match,) = [p["containerPort"] for p in container.get("ports", []) if p.get("name") == port]
    return match


def test_deployments_run_real_processes_on_the_configured_ports(process_of, expected_ports):
    for where, objects in rendered_all():
        deployments = by_kind(objects, "Deployment")
        assert deployments, where
        for name, dep in deployments.items():
            pod = dep["spec"]["template"]
            (container,) = pod["spec"]["containers"]
            assert container["image"] == IMAGE, f"{where} {name}"
            service, process = process_of(container["command"] + container.get("args", []))
            assert name == f"{service}-{process}", f"{where}: Deployment {name} runs {service} {process}"
            want = expected_ports(service, process)
            ports = {p["name"]: p["containerPort"] for p in container["ports"]}
            assert ports == want, f"{where} {name}: containerPorts {ports}, the code listens on {want}"

            annotations = pod["metadata"].get("annotations", {})
            assert annotations.get("prometheus.io/scrape") == "true", f"{where} {name}"
            assert annotations.get("prometheus.io/path") == "/metrics", f"{where} {name}"
            assert int(annotations["prometheus.io/port"]) == want["metrics"], f"{where} {name}: scrape port"

            for probe_name in ("startupProbe", "livenessProbe", "readinessProbe"):
                assert probe_name in container, f"{where} {name}: no {probe_name}"
            if process == "grpc":
                for probe_name in ("startupProbe", "livenessProbe", "readinessProbe"):
                    probe = container[probe_name]
                    assert "grpc" in probe, f"{where} {name}: {probe_name} must be a native grpc probe"
                    assert probe["grpc"]["port"] == want["grpc"], f"{where} {name}: {probe_name} port"
                assert container["startupProbe"]["grpc"].get("service", "") == "", f"{where} {name}"
                assert container["livenessProbe"]["grpc"].get("service", "") == "", f"{where} {name}"
                assert container["readinessProbe"]["grpc"]["service"] == grpc_service_name(service), (
                    f"{where} {name}: the readiness probe must ask the health service for {grpc_service_name(service)}")
            else:
                paths = {}
                for probe_name in ("startupProbe", "livenessProbe", "readinessProbe"):
                    http = container[probe_name].get("httpGet")
                    assert http, f"{where} {name}: {probe_name} must be httpGet"
                    assert resolve_port(container, http["port"]) == want["metrics"], f"{where} {name}: {probe_name} port"
                    paths[probe_name] = http["path"]
                assert paths["livenessProbe"] == "/healthz" and paths["readinessProbe"] == "/readyz"


def test_services_route_to_the_configured_ports(expected_ports):
    for where, objects in rendered_all():
        deployments = by_kind(objects, "Deployment")
        for name, svc in by_kind(objects, "Service").items():
            selector = svc["spec"]["selector"]
            matched = [d for d in deployments.values()
                       if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()]
            assert len(matched) == 1, f"{where}: Service {name} selects {len(matched)} Deployments"
            dep = matched[0]
            (container,) = dep["spec"]["template"]["spec"]["containers"]
            service, process = dep["metadata"]["name"].rsplit("-", 1)
            want = expected_ports(service, process)
            for port in svc["spec"]["ports"]:
                target = resolve_port(container, port.get("targetPort", port["port"]))
                assert port["port"] == target == want[port["name"]], (
                    f"{where}: Service {name} port {port['name']}: {port['port']}->{target}, code: {want[port['name']]}")
        # Every Deployment is reachable: the gRPC port of each gRPC process, the metrics of each.
        for name, dep in deployments.items():
            pod_labels = dep["spec"]["template"]["metadata"]["labels"]
            routed = {p["name"] for s in by_kind(objects, "Service").values()
                      if s["spec"]["selector"].items() <= pod_labels.items() for p in s["spec"]["ports"]}
            (container,) = dep["spec"]["template"]["spec"]["containers"]
            assert routed == {p["name"] for p in container["ports"]}, (
                f"{where}: Services route {sorted(routed)} of Deployment {name}, "
                f"which serves {sorted(p['name'] for p in container['ports'])}")


def test_service_targets_reach_the_grpc_services(repo, process_of):
    """registry_target (and any <service>_target) of the production configuration names a
    Kubernetes Service in the same namespace that routes to that service's gRPC port."""
    environ = {"CITYPLAT_CONFIG": str(repo / "deploy/config/production.yaml"),
               "CITYPLAT_AUTH__JWT_SECRET": "x", "CITYPLAT_BROKER_URL": "amqp://x/"}
    targets = service_targets(build_settings(environ))
    assert "registry" in targets, "services/common/defaults.yaml no longer has registry_target: update this test"
    for where, objects in rendered_all():
        deployments = by_kind(objects, "Deployment")
        for service, target in targets.items():
            host, _, port = target.rpartition(":")
            assert "." not in host, f"{service}_target {target}: use the Service's namespace-relative name"
            svc = by_kind(objects, "Service").get(host)
            assert svc, f"{where}: {service}_target {target}: no Service {host!r}"
            (port_spec,) = [p for p in svc["spec"]["ports"] if p["port"] == int(port)] or [None]
            assert port_spec and port_spec["name"] == "grpc", f"{where}: Service {host} has no grpc port {port}"
            selected = [d for d in deployments.values()
                        if svc["spec"]["selector"].items() <= d["spec"]["template"]["metadata"]["labels"].items()]
            assert len(selected) == 1, f"{where}: Service {host} selects {len(selected)} Deployments"
            (container,) = selected[0]["spec"]["template"]["spec"]["containers"]
            assert process_of(container["command"]) == (service, "grpc"), (
                f"{where}: {service}_target {target} does not reach the {service} gRPC process")


def test_pods_are_hardened_and_configured(repo, process_of):
    for where, objects in rendered_all():
        generated = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}
        workloads = pod_spec_objects(objects)
        assert {o["kind"] for o in workloads} == {"Deployment", "Job"}, where
        for obj in workloads:
            label = f"{where} {obj['kind']}/{obj['metadata']['name']}"
            pod = obj["spec"]["template"]["spec"]
            pod_sc = pod.get("securityContext", {})
            assert pod.get("automountServiceAccountToken") is False, label
            (container,) = pod["containers"]
            sc = container.get("securityContext", {})

            def effective(key):
                return sc.get(key, pod_sc.get(key))

            assert effective("runAsNonRoot") is True, label
            assert effective("runAsUser") == 10001, label
            assert effective("seccompProfile") == {"type": "RuntimeDefault"}, label
            assert sc.get("readOnlyRootFilesystem") is True, label
            assert sc.get("allowPrivilegeEscalation") is False, label
            assert sc.get("capabilities", {}).get("drop") == ["ALL"], label

            resources = container.get("resources", {})
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources.get(kind, {})), f"{label}: resources.{kind}"

            volumes = {v["name"]: v for v in pod.get("volumes", [])}
            mounts = {m["mountPath"]: m for m in container.get("volumeMounts", [])}
            assert "/tmp" in mounts and "emptyDir" in volumes[mounts["/tmp"]["name"]], f"{label}: emptyDir at /tmp"

            env = {e["name"]: e for e in container["env"]}
            config_path = env["CITYPLAT_CONFIG"]["value"]
            mount_dir, _, key = config_path.rpartition("/")
            assert mount_dir in mounts, f"{label}: CITYPLAT_CONFIG {config_path} is not on a mounted volume"
            volume = volumes[mounts[mount_dir]["name"]]
            configmap = generated[volume["configMap"]["name"]]
            assert key in configmap["data"], f"{label}: ConfigMap {configmap['metadata']['name']} has no {key}"
            service, _ = process_of(container["command"] + container.get("args", []))
            secret = secret_name(service)
            for var, secret_key in (("CITYPLAT_AUTH__JWT_SECRET", "jwt-secret"),
                                    (database_url_env(service), "database-url"),
                                    ("CITYPLAT_BROKER_URL", "broker-url")):
                assert var in env, f"{label}: no {var}"
                ref = env[var].get("valueFrom", {}).get("secretKeyRef")
                assert ref == {"name": secret, "key": secret_key}, (
                    f"{label}: {var} must come from key {secret_key} of Secret {secret}")
            foreign = {e["valueFrom"]["secretKeyRef"]["name"] for e in env.values()
                       if "secretKeyRef" in e.get("valueFrom", {})} - {secret}
            assert not foreign, f"{label}: a {service} pod reads Secrets {sorted(foreign)} of other services"
            other_databases = {n for n in env if n.startswith("CITYPLAT_SERVICES__") and n != database_url_env(service)}
            assert not other_databases, f"{label}: a {service} pod gets {sorted(other_databases)}"
            assert not [o for o in objects if o["kind"] == "Secret"], f"{where}: do not ship Secret values"

            # The environment the pod gets, with the secret values stubbed, loads the settings.
            environ = {"CITYPLAT_CONFIG": str(repo / "deploy/config/production.yaml")}
            for name, e in env.items():
                if "valueFrom" in e:
                    environ[name] = f"from-secret-{e['valueFrom']['secretKeyRef']['key']}"
            settings = build_settings(environ)
            assert settings.environment == "production"
            assert settings.database_url(service) == "from-secret-database-url"
            assert settings.auth["jwt_secret"] == "from-secret-jwt-secret"
            assert settings.broker_url == "from-secret-broker-url"

            if obj["kind"] == "Deployment":
                assert pod.get("terminationGracePeriodSeconds") == 60, label
                assert container.get("lifecycle", {}).get("preStop"), f"{label}: preStop pause"
                assert "replicas" not in obj["spec"], f"{label}: the HorizontalPodAutoscaler owns replicas"
            else:
                assert pod["restartPolicy"] in ("Never", "OnFailure"), label


def test_migrate_job(process_of):
    for where, objects in rendered_all():
        jobs = by_kind(objects, "Job")
        services = {process_of(c["command"])[0] for d in by_kind(objects, "Deployment").values()
                    for c in d["spec"]["template"]["spec"]["containers"]}
        for service in services:
            name = f"{service}-migrate"
            assert name in jobs, f"{where}: {service} has Deployments but no Job {name}"
            job = jobs[name]
            (container,) = job["spec"]["template"]["spec"]["containers"]
            assert process_of(container["command"]) == (service, "migrate"), f"{where} {name}"
            assert container["image"] == IMAGE, f"{where} {name}"
            # a Job's pod template is immutable: a finished Job must go away before a new image's apply,
            # by itself soon (its TTL) and at once under Argo CD (replaced before each sync)
            assert 0 < job["spec"].get("ttlSecondsAfterFinished", 0) <= 900, f"{where} {name}"
            annotations = job["metadata"].get("annotations", {})
            assert annotations.get("argocd.argoproj.io/hook") == "PreSync", f"{where} {name}"
            assert annotations.get("argocd.argoproj.io/hook-delete-policy") == "BeforeHookCreation", f"{where} {name}"
            assert container["command"][:2] == ["cityplat", "migrate"], f"{where} {name}: idempotent migrate only"
            assert job["spec"].get("backoffLimit", 6) <= 6, f"{where} {name}"


def worker_queues(service: str) -> list[str]:
    """The queues a service's worker consumes, read from its code: its RPC queue and each reliable event
    handler's work queue (evt-<source>-<type>--<service>.<method>, services.common.nameko_support)."""
    import ast

    queues = [f"rpc-{service}"]
    for node in ast.walk(ast.parse((REPO / "services" / service / "worker.py").read_text())):
        if isinstance(node, ast.FunctionDef):
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "reliable_event_handler":
                    source, event_type = (arg.value for arg in deco.args[:2])
                    queues.append(f"evt-{source}-{event_type}--{service}.{node.name}")
    return queues


def test_every_deployment_has_an_autoscaler_and_a_pdb():
    """gRPC Deployments scale on CPU (HorizontalPodAutoscaler); workers on their queues (a KEDA ScaledObject
    with one RabbitMQ trigger per queue the worker's code consumes), never both."""
    for where, objects in rendered_all():
        deployments = by_kind(objects, "Deployment")
        hpas = [o for o in objects if o["kind"] == "HorizontalPodAutoscaler"]
        scaled = [o for o in objects if o["kind"] == "ScaledObject"]
        pdbs = [o for o in objects if o["kind"] == "PodDisruptionBudget"]
        for name, dep in deployments.items():
            selector = dep["spec"]["selector"]["matchLabels"]
            pod_labels = dep["spec"]["template"]["metadata"]["labels"]
            assert selector.items() <= pod_labels.items(), f"{where} {name}: selector does not match its pods"
            target = {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
            mine = [h for h in hpas if h["spec"]["scaleTargetRef"] == target]
            keda = [s for s in scaled if s["spec"]["scaleTargetRef"] == target]
            if dep["metadata"]["labels"]["app.kubernetes.io/component"] == "worker":
                assert not mine and len(keda) == 1, f"{where}: Deployment {name}: {len(keda)} ScaledObjects, {len(mine)} HPAs"
                spec = keda[0]["spec"]
                assert 2 <= spec["minReplicaCount"] <= spec["maxReplicaCount"], f"{where} {name}"
                service = dep["metadata"]["labels"]["app.kubernetes.io/name"]
                triggers = spec["triggers"]
                assert all(t["type"] == "rabbitmq" and t["metadata"]["mode"] == "QueueLength"
                           and t["metadata"]["hostFromEnv"] == "CITYPLAT_BROKER_URL" for t in triggers), where
                env = {e["name"] for c in dep["spec"]["template"]["spec"]["containers"] for e in c.get("env", [])}
                assert "CITYPLAT_BROKER_URL" in env, f"{where} {name}: the trigger's hostFromEnv is not set"
                assert sorted(t["metadata"]["queueName"] for t in triggers) == sorted(worker_queues(service)), (
                    f"{where} {name}: the ScaledObject's queues are not the ones its code consumes")
            else:
                assert len(mine) == 1 and not keda, f"{where}: {len(mine)} HorizontalPodAutoscalers for {name}"
                assert mine[0]["apiVersion"] == "autoscaling/v2"
                assert 2 <= mine[0]["spec"]["minReplicas"] <= mine[0]["spec"]["maxReplicas"], f"{where} {name}"

            mine = [p for p in pdbs if p["spec"]["selector"].get("matchLabels", {}).items() <= pod_labels.items()]
            assert len(mine) == 1, f"{where}: {len(mine)} PodDisruptionBudgets select Deployment {name}"
            pdb = mine[0]
            assert pdb["apiVersion"] == "policy/v1"
            assert pdb["spec"]["selector"]["matchLabels"] == selector, f"{where}: PDB {pdb['metadata']['name']}"
            for other, odep in deployments.items():
                if other != name:
                    assert not (pdb["spec"]["selector"]["matchLabels"].items()
                                <= odep["spec"]["template"]["metadata"]["labels"].items()), (
                        f"{where}: PDB {pdb['metadata']['name']} also selects {other}")


# --------------------------------------------------------------------------- monitoring and canary analysis

def test_the_pod_monitor_scrapes_every_process_with_the_labels_the_rules_select_on():
    """In a cluster the rules and dashboards see what compose shows them: job = cityplat-<service>-<process>
    and track, from the pods' labels; every gRPC and worker pod is selected, on a port named metrics."""
    import re

    (monitor,) = by_kind(render(K8S / "monitoring"), "PodMonitor").values()
    selector = monitor["spec"]["selector"]
    (endpoint,) = monitor["spec"]["podMetricsEndpoints"]
    assert endpoint["port"] == "metrics" and endpoint["path"] == "/metrics"
    relabel = {r["targetLabel"]: r for r in endpoint["relabelings"]}
    assert relabel["job"]["sourceLabels"] == ["__meta_kubernetes_pod_label_app_kubernetes_io_name",
                                              "__meta_kubernetes_pod_label_app_kubernetes_io_component"]
    assert relabel["track"]["sourceLabels"] == ["__meta_kubernetes_pod_label_cityplat_io_track"]
    for name, dep in by_kind(render(K8S / "base"), "Deployment").items():
        labels = dep["spec"]["template"]["metadata"]["labels"]
        assert selector["matchLabels"].items() <= labels.items(), name
        (expression,) = selector["matchExpressions"]
        assert labels[expression["key"]] in expression["values"], name
        assert labels["cityplat.io/track"] == "stable", name
        ports = {p["name"] for c in dep["spec"]["template"]["spec"]["containers"] for p in c["ports"]}
        assert "metrics" in ports, f"{name}: no port named metrics"
        job = re.sub(relabel["job"]["regex"].join("^$"), relabel["job"]["replacement"].replace("$1", r"\1"),
                     f"{labels['app.kubernetes.io/name']}-{labels['app.kubernetes.io/component']}")
        assert job == f"cityplat-{name}", (name, job)  # the compose job names (deploy/prometheus/prometheus.yml)
    plain = yaml.safe_load((REPO / "deploy/prometheus/kubernetes.yml").read_text())
    (scrape,) = plain["scrape_configs"]
    targets = {r["target_label"]: r for r in scrape["relabel_configs"] if "target_label" in r}
    assert targets["job"]["source_labels"] == relabel["job"]["sourceLabels"]
    assert targets["job"]["replacement"] == relabel["job"]["replacement"]
    assert targets["track"]["source_labels"] == relabel["track"]["sourceLabels"]
    assert plain["rule_files"] == ["rules/*.rules.yml"]


def test_the_analysis_template_asks_for_what_the_canary_rules_record():
    import re

    (template,) = by_kind(render(K8S / "monitoring"), "AnalysisTemplate").values()
    recorded = {rule["record"] for group in yaml.safe_load(
        (REPO / "deploy/prometheus/rules/cityplat-canary.rules.yml").read_text())["groups"]
        for rule in group["rules"] if "record" in rule}
    for metric in template["spec"]["metrics"]:
        asked = set(re.findall(r"cityplat:[a-z0-9_:]+", metric["provider"]["prometheus"]["query"]))
        assert asked and asked <= recorded, (metric["name"], asked - recorded)
        assert 'track="canary"' in metric["provider"]["prometheus"]["query"]
        assert 'track="stable"' in metric["provider"]["prometheus"]["query"]
