"""docker-compose.yml, the Dockerfile and the files they mount agree with the code."""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
import yaml

from services.common.config import ConfigError, build_settings

INFRA = {"rabbitmq", "postgres", "prometheus"}
IMAGE = "cityplat:0.1.0"


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


def test_compose_parses_and_has_the_stack(compose):
    assert isinstance(compose, dict) and isinstance(compose.get("services"), dict)
    expected = INFRA | {"registry-migrate", "registry-worker", "registry-grpc"}
    missing = expected - set(compose["services"])
    assert not missing, f"docker-compose.yml lacks services {sorted(missing)}"
    assert set(app_services(compose)) >= {"registry-migrate", "registry-worker", "registry-grpc"}


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
        assert settings.service("registry").database_url == "postgresql://postgres@postgres:5432/cityplat_registry"
        assert settings.broker_url == env["CITYPLAT_BROKER_URL"]
        assert settings.auth["jwt_secret"] == env["CITYPLAT_AUTH__JWT_SECRET"]


def test_dockerfile(repo, registry):
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
    assert exposed == {registry.grpc_port, registry.grpc_http_port, registry.worker_http_port}
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


def test_production_overlay(repo):
    path = str(repo / "deploy/config/production.yaml")
    with pytest.raises(ConfigError):
        # Without the secrets from the environment the process must refuse to start.
        build_settings({"CITYPLAT_CONFIG": path})
    env = {
        "CITYPLAT_CONFIG": path,
        "CITYPLAT_AUTH__JWT_SECRET": "s" * 48,
        "CITYPLAT_BROKER_URL": "amqp://cityplat:pw@rabbitmq.cityplat.svc:5672/",
        "CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": "postgresql://registry:pw@db:5432/registry",
    }
    settings = build_settings(env)
    assert settings.environment == "production"
    assert settings.log_format == "json"
    assert settings.auth["jwt_secret"] == env["CITYPLAT_AUTH__JWT_SECRET"]
    assert settings.service("registry").database_url == env["CITYPLAT_SERVICES__REGISTRY__DATABASE_URL"]
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
    events = exchanges["registry.events"]
    assert (events["type"], events["durable"], events["auto_delete"], events["vhost"]) == ("topic", True, False, "/")
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
