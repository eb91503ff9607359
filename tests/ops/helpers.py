"""Which services the operations artefacts cover, and what the code says about each.

A service *exists* once its code does: ``services/<name>/worker.py`` (the rule
``cityplat migrate`` and ``cityplat up`` use, services/processes.py). The artefacts may deploy
a service ahead of its code; the tests then check it against what the code already knows:
its name (``services.common.entry.SERVICES``) and its ports (``services/common/defaults.yaml``).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from services.common.entry import SERVICES as KNOWN_SERVICES

REPO = Path(__file__).resolve().parents[2]
IMAGE = "cityplat:0.1.0"
PROCESSES = ("migrate", "worker", "grpc")


def compose_services(compose: dict | None = None) -> list[str]:
    """The cityplat services docker-compose.yml runs: the <service> of its <service>-<process>
    entries that run the application image (tests/ops/test_compose.py checks the naming)."""
    if compose is None:
        compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return sorted({name.rsplit("-", 1)[0] for name, svc in compose["services"].items() if svc.get("image") == IMAGE})


def services_with_code() -> list[str]:
    """Services whose code exists: services/<name>/worker.py."""
    return sorted(p.parent.name for p in (REPO / "services").glob("*/worker.py"))


def has_code(service: str) -> bool:
    return (REPO / "services" / service / "worker.py").is_file()


def process_module(service: str, process: str) -> Path:
    """The file a process of an existing service loads (services/common/entry.py, migrate.py)."""
    return REPO / "services" / service / {
        "grpc": "grpc_server.py", "worker": "worker.py", "migrate": "migrations/env.py"}[process]


def grpc_service_name(service: str) -> str:
    """The full name of a service's gRPC API, which its gRPC health service reports.

    By convention ``cityplat.<service>.v1.<Service>``; once the service's .proto files exist
    (proto/cityplat/<service>/), the name must be declared there.
    """
    name = f"cityplat.{service}.v1.{service.capitalize()}"
    protos = sorted((REPO / "proto/cityplat" / service).rglob("*.proto"))
    if protos:
        declared = set()
        for proto in protos:
            text = proto.read_text()
            package = re.search(r"^\s*package\s+([\w.]+)\s*;", text, re.MULTILINE)
            for svc in re.findall(r"^\s*service\s+(\w+)\s*\{", text, re.MULTILINE):
                declared.add(f"{package.group(1)}.{svc}" if package else svc)
        assert name in declared, (
            f"gRPC service {name} is not declared in proto/cityplat/{service} (declared: {sorted(declared)}); "
            "the Kubernetes readiness probe asks the health service for it")
    return name


def secret_name(service: str) -> str:
    return f"cityplat-{service}"


def database_url_env(service: str) -> str:
    return f"CITYPLAT_SERVICES__{service.upper()}__DATABASE_URL"


def service_targets(settings) -> dict[str, str]:
    """Where the configuration sends one service's gRPC calls to another: the top-level keys
    ``<service>_target`` (``registry_target``, read by points for the rollout) -> host:port."""
    return {key[: -len("_target")]: str(value) for key, value in settings.raw.items()
            if key.endswith("_target") and key[: -len("_target")] in KNOWN_SERVICES}
