"""docker-compose.yml, the Dockerfile and the files they mount agree with the code.

The services compose runs are read from its commands (``<service>-<process>``), not listed
here; each must be one the code knows, on the ports the code configures.
"""
from __future__ import annotations

import ast
import base64
import hashlib
import json
import re

import pytest
import yaml

from services.common.config import ConfigError, build_settings
from services.common.outbox import event_exchange
from tests.ops.helpers import (IMAGE, KNOWN_SERVICES, PROCESSES, REPO, compose_services, database_url_env,
                               service_targets, services_with_code)

INFRA = {"rabbitmq", "postgres", "prometheus"}


def app_services(compose) -> dict[str, dict]:
    return {name: svc for name, svc in compose["services"].items() if svc.get("image") == IMAGE}


def published(svc) -> list[tuple[int, int]]:
    """(host port, container port) pairs of a compose service, short or long syntax."""
    pairs = []
    for port in svc.get("ports", []):
        if isinstance(port, dict):
            pairs.append((int(port["published"]), int(port["target"])))
            continue
        text = str(port).split("/")[0]
        parts = text.split(":")
        assert len(parts) in (2, 3), f"port {port!r}: publish as HOST:CONTAINER"
        pairs.append((int(parts[-2]), int(parts[-1])))
    return pairs


def interpolate_defaults(value: str) -> str:
    """Compose interpolation with only the defaults: ${VAR:-default} -> default."""
    def repl(match):
        assert match.group(2) is not None, f"{value!r}: ${{{match.group(1)}}} has no default"
        return match.group(2)
    return re.sub(r"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}", repl, value)


def mounts(svc) -> dict[str, str]:
    """container path -> host path (relative, as written) of a compose service's bind mounts."""
    out = {}
    for volume in svc.get("volumes", []):
        source, target = str(volume).split(":")[:2]
        out[target] = source
    return out


def consumed_sources(service: str) -> set[str]:
    """Services whose events a service's worker consumes: the first argument of each
    ``@event_handler("source", ...)`` / ``@reliable_event_handler("source", ...)`` in its code."""
    sources = set()
    for path in sorted((REPO / "services" / service).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0]
            if func.endswith("event_handler") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                sources.add(first.value)
    return sources


def test_compose_parses_and_has_the_stack(compose):
    assert isinstance(compose, dict) and isinstance(compose.get("services"), dict)
    missing = INFRA - set(compose["services"])
    assert not missing, f"docker-compose.yml lacks services {sorted(missing)}"
    deployed = compose_services(compose)
    assert deployed, "docker-compose.yml runs no cityplat service"
    for service in sorted(set(deployed) | set(services_with_code())):
        missing = {f"{service}-{process}" for process in PROCESSES} - set(app_services(compose))
        assert not missing, f"docker-compose.yml lacks {sorted(missing)}: every service runs migrate, worker and grpc"


def test_every_service_with_code_is_composed(compose, existing_services):
    assert existing_services, "no services/<name>/worker.py: the service discovery is broken"
    assert set(existing_services) <= set(KNOWN_SERVICES), (
        f"services {sorted(set(existing_services) - set(KNOWN_SERVICES))} have a worker.py "
        "but services/common/entry.py SERVICES does not list them")
    missing = set(existing_services) - set(compose_services(compose))
    assert not missing, (
        f"services {sorted(missing)} exist (services/<name>/worker.py) but docker-compose.yml does not run them")


def test_published_host_ports_are_unique(compose):
    seen = {}
    for name, svc in compose["services"].items():
        for host, _ in published(svc):
            assert host not in seen, f"{name} and {seen[host]} both publish host port {host}"
            seen[host] = name


def test_app_commands_name_real_processes(compose, process_of):
    for name, svc in app_services(compose).items():
        assert "command" in svc, f"{name}: no command"
        service, process = process_of(svc["command"])
        assert name == f"{service}-{process}", (
            f"compose service {name!r} runs {service} {process}: name it {service}-{process}")


def test_published_ports_equal_configured_ports(compose, process_of, expected_ports):
    for name, svc in app_services(compose).items():
        service, process = process_of(svc["command"])
        want = sorted(expected_ports(service, process).values())
        pairs = published(svc)
        for host, container in pairs:
            assert host == container, f"{name}: publish {container} on the same host port, not {host}"
        assert sorted(c for _, c in pairs) == want, (
            f"{name}: publishes {sorted(c for _, c in pairs)}, the code listens on {want} "
            f"(services.{service} in services/common/defaults.yaml)")


def test_app_services_build_the_image_and_wait_for_dependencies(compose):
    for name, svc in app_services(compose).items():
        build = svc.get("build")
        context = build if isinstance(build, str) else (build or {}).get("context")
        assert context == ".", f"{name}: build the repository's Dockerfile (build context '.')"
        deps = svc.get("depends_on")
        assert isinstance(deps, dict), f"{name}: depends_on must use conditions"
        assert deps.get("rabbitmq", {}).get("condition") == "service_healthy", name
        assert deps.get("postgres", {}).get("condition") == "service_healthy", name
        if svc["command"][:2] != ["cityplat", "migrate"]:
            migrate = [d for d in deps if app_services(compose).get(d, {}).get("command", [])[:2] == ["cityplat", "migrate"]]
            assert migrate, f"{name}: must depend on the migration service"
            for dep in migrate:
                assert deps[dep]["condition"] == "service_completed_successfully", name
    for infra in ("rabbitmq", "postgres"):
        assert "healthcheck" in compose["services"][infra], f"{infra}: needs a healthcheck"
    assert "rabbitmq-diagnostics" in compose["services"]["rabbitmq"]["healthcheck"]["test"]


def test_app_environment_configures_the_code(compose, repo):
    for name, svc in app_services(compose).items():
        env = {k: interpolate_defaults(str(v)) for k, v in svc["environment"].items()}
        assert env["CITYPLAT_BROKER_URL"] == "amqp://guest:guest@rabbitmq:5672/", name
        assert env["CITYPLAT_DATABASE_URL"] == "postgresql://postgres@postgres:5432/cityplat_{service}", name
        assert env["CITYPLAT_CONFIG"] == "/app/deploy/config/docker.yaml", name
        assert re.fullmatch(r"\$\{[A-Z0-9_]+:-.+\}", str(svc["environment"]["CITYPLAT_AUTH__JWT_SECRET"])), (
            f"{name}: CITYPLAT_AUTH__JWT_SECRET must come from the environment with a development default")
        # The image copies deploy/config to /app/deploy/config: load it from the repository.
        env["CITYPLAT_CONFIG"] = str(repo / "deploy/config/docker.yaml")
        settings = build_settings(env)
        service = name.rsplit("-", 1)[0]
        assert settings.service(service).database_url == f"postgresql://postgres@postgres:5432/cityplat_{service}", name
        assert settings.broker_url == env["CITYPLAT_BROKER_URL"]
        assert settings.auth["jwt_secret"] == env["CITYPLAT_AUTH__JWT_SECRET"]


def test_service_targets_reach_the_grpc_processes(compose, repo, process_of):
    """registry_target (and any <service>_target) names the compose service running that
    service's gRPC process, on its configured gRPC port."""
    for name, svc in app_services(compose).items():
        env = {k: interpolate_defaults(str(v)) for k, v in svc["environment"].items()}
        env["CITYPLAT_CONFIG"] = str(repo / "deploy/config/docker.yaml")
        settings = build_settings(env)
        targets = service_targets(settings)
        assert "registry" in targets, "services/common/defaults.yaml no longer has registry_target: update this test"
        for service, target in targets.items():
            host, _, port = target.rpartition(":")
            assert host in app_services(compose), f"{name}: {service}_target {target}: no compose service {host!r}"
            assert process_of(compose["services"][host]["command"]) == (service, "grpc"), (
                f"{name}: {service}_target {target} is not the {service} gRPC process")
            assert int(port) == settings.service(service).grpc_port, f"{name}: {service}_target {target}: gRPC port"


def test_dockerfile(repo, compose, settings):
    text = (repo / "Dockerfile").read_text()
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    instructions = [line.split(None, 1) for line in lines if re.match(r"^[A-Z]+\s", line)]
    by = {}
    for keyword, rest in instructions:
        by.setdefault(keyword, []).append(rest)
    assert by["FROM"] == ["python:3.11-slim"]
    assert by["USER"][-1].split(":")[0] == "10001", "run as the numeric non-root user 10001"
    assert "--uid 10001" in text
    exposed = {int(p.split("/")[0]) for rest in by["EXPOSE"] for p in rest.split()}
    want = {port for service in compose_services(compose) for port in (
        settings.service(service).grpc_port, settings.service(service).grpc_http_port,
        settings.service(service).worker_http_port)}
    assert exposed == want, f"Dockerfile EXPOSEs {sorted(exposed)}; the deployed services listen on {sorted(want)}"
    assert json.loads(by["CMD"][-1]) == ["cityplat-grpc", "registry"]
    assert re.search(r"pip install --no-cache-dir (\.|/src)\b", text), "install the repository with pip"
    assert any(rest.split() == ["deploy/config", "/app/deploy/config"] for rest in by["COPY"]), (
        "the image must carry deploy/config at /app/deploy/config (CITYPLAT_CONFIG in docker-compose.yml)")
    ignored = (repo / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".git" in ignored


def test_config_overlays_only_use_known_keys(repo):
    defaults = yaml.safe_load((repo / "services/common/defaults.yaml").read_text())

    def check(overlay, base, where):
        for key, value in overlay.items():
            assert key in base, f"{where}{key}: not a configuration key (services/common/defaults.yaml)"
            if isinstance(value, dict):
                assert isinstance(base[key], dict), f"{where}{key}: is not a section"
                check(value, base[key], f"{where}{key}.")

    for name in ("docker.yaml", "production.yaml"):
        overlay = yaml.safe_load((repo / "deploy/config" / name).read_text())
        assert isinstance(overlay, dict), name
        check(overlay, defaults, f"{name}: ")


def test_production_overlay(repo, compose):
    path = str(repo / "deploy/config/production.yaml")
    with pytest.raises(ConfigError):
        # Without the secrets from the environment the process must refuse to start.
        build_settings({"CITYPLAT_CONFIG": path})
    for service in compose_services(compose):
        env = {
            "CITYPLAT_CONFIG": path,
            "CITYPLAT_AUTH__JWT_SECRET": "s" * 48,
            "CITYPLAT_BROKER_URL": "amqp://cityplat:pw@rabbitmq.cityplat.svc:5672/",
            database_url_env(service): f"postgresql://{service}:pw@db:5432/{service}",
        }
        settings = build_settings(env)
        assert settings.environment == "production"
        assert settings.log_format == "json"
        assert settings.auth["jwt_secret"] == env["CITYPLAT_AUTH__JWT_SECRET"]
        assert settings.service(service).database_url == env[database_url_env(service)]
        # production refuses the SQLite default, so each service needs its own URL
        with pytest.raises(ConfigError):
            build_settings({k: v for k, v in env.items() if k != database_url_env(service)}).database_url(service)
    text = (repo / "deploy/config/production.yaml").read_text()
    assert "jwt_secret" in text and "database_url" in text and "environment" in text.lower()


def test_postgres_init_creates_one_database_per_service(compose, repo, settings):
    pg = compose["services"]["postgres"]
    assert pg["environment"]["POSTGRES_HOST_AUTH_METHOD"] == "trust"
    init_dir = mounts(pg)["/docker-entrypoint-initdb.d"]
    scripts = sorted((repo / init_dir).glob("*.sql"))
    assert scripts, f"no .sql init script in {init_dir}"
    sql = "\n".join(s.read_text() for s in scripts)
    created = set(re.findall(r"CREATE DATABASE\s+([a-z_]+)\s*;", sql, re.IGNORECASE))
    assert created == {f"cityplat_{name}" for name in settings.services}


def test_rabbitmq_definitions(compose, repo, settings):
    rabbit = compose["services"]["rabbitmq"]
    published_ports = {c for _, c in published(rabbit)}
    assert published_ports == {5672, 15672}
    m = mounts(rabbit)
    conf_text = (repo / m["/etc/rabbitmq/rabbitmq.conf"]).read_text()
    conf = dict(
        (k.strip(), v.strip()) for k, v in
        (line.split("=", 1) for line in conf_text.splitlines() if line.strip() and not line.startswith("#")))
    definitions_target = conf["management.load_definitions"]
    assert definitions_target in m, f"rabbitmq.conf loads {definitions_target}, which compose does not mount"
    assert conf.get("loopback_users.guest") == "false", "guest must be allowed from the other containers"
    defs = json.loads((repo / m[definitions_target]).read_text())

    assert [v["name"] for v in defs["vhosts"]] == ["/"]
    (guest,) = [u for u in defs["users"] if u["name"] == "guest"]
    assert guest["hashing_algorithm"] == "rabbit_password_hashing_sha256"
    raw = base64.b64decode(guest["password_hash"])
    assert hashlib.sha256(raw[:4] + b"guest").digest() == raw[4:], "guest's password hash is not 'guest'"
    assert {"user": "guest", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"} in defs["permissions"]

    exchanges = {e["name"]: e for e in defs["exchanges"]}
    # Every service's event exchange, declared as the code declares it (a different
    # declaration of the same exchange fails with PRECONDITION_FAILED).
    for service in KNOWN_SERVICES:
        code = event_exchange(service)
        assert code.name in exchanges, f"definitions.json does not declare {code.name}"
        events = exchanges[code.name]
        assert (events["type"], events["durable"], bool(events["auto_delete"]), events["vhost"]) == (
            code.type, code.durable, bool(code.auto_delete), "/"), f"{code.name}: declared unlike services/common/outbox.py"
        assert events.get("internal", False) is False and not events.get("arguments"), code.name
    # The exchanges the existing services consume from (their workers' event handlers).
    for service in services_with_code():
        for source in consumed_sources(service):
            assert source in KNOWN_SERVICES, f"services/{service} consumes events of unknown service {source!r}"
            assert f"{source}.events" in exchanges, f"{service} consumes {source}.events, which definitions.json lacks"
    dlx_name = settings.messaging["dead_letter_exchange"]
    dlx = exchanges[dlx_name]
    assert (dlx["type"], dlx["durable"], dlx["vhost"]) == ("direct", True, "/")


def test_prometheus_scrape_targets_match_ports(compose, repo, process_of, expected_ports):
    prom = compose["services"]["prometheus"]
    assert {c for _, c in published(prom)} == {9090}
    assert mounts(prom)["/etc/prometheus"].rstrip("/") == "./deploy/prometheus"
    config = yaml.safe_load((repo / "deploy/prometheus/prometheus.yml").read_text())
    targets = {}
    for job in config["scrape_configs"]:
        for static in job.get("static_configs", []):
            for target in static["targets"]:
                host, port = target.rsplit(":", 1)
                targets[host] = (int(port), job.get("metrics_path", "/metrics"), job["job_name"])
    for name, svc in app_services(compose).items():
        service, process = process_of(svc["command"])
        ports = expected_ports(service, process)
        if "metrics" not in ports:
            continue
        assert name in targets, f"prometheus.yml does not scrape {name}"
        port, path, job = targets[name]
        assert port == ports["metrics"], f"prometheus.yml scrapes {name}:{port}, the code serves metrics on {ports['metrics']}"
        assert path == "/metrics"
        assert job == f"cityplat-{name}", "alert CityplatProcessDown matches jobs named cityplat-<service>-<process>"
    for host in targets:
        assert host == "localhost" or host in compose["services"], f"prometheus.yml scrapes unknown host {host}"
