"""Configuration: built-in YAML defaults, an optional YAML overlay, environment overrides.

Order (later wins):
1. ``services/common/defaults.yaml`` (shipped with the package);
2. the file named by ``CITYPLAT_CONFIG`` (for example ``deploy/config/production.yaml``);
3. environment variables ``CITYPLAT_<KEY>``; nested keys are joined with ``__``, e.g.
   ``CITYPLAT_SERVICES__REGISTRY__GRPC_PORT=6051`` or ``CITYPLAT_AUTH__JWT_SECRET=...``.
   Values are parsed as YAML scalars, so ``6051`` is an int and ``null`` is None.
"""
from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

ENV_PREFIX = "CITYPLAT_"
CONFIG_FILE_ENV = "CITYPLAT_CONFIG"
_DEFAULTS = Path(__file__).with_name("defaults.yaml")


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message names the key."""


@dataclass(frozen=True)
class ServiceSettings:
    name: str
    grpc_port: int
    grpc_http_port: int  # /metrics, /healthz of the gRPC process
    worker_http_port: int  # /metrics, /healthz, /readyz of the nameko worker
    database_url: str


@dataclass(frozen=True)
class Settings:
    environment: str
    broker_url: str
    var_dir: Path
    log_level: str
    log_format: str
    auth: Mapping[str, Any]
    outbox: Mapping[str, Any]
    messaging: Mapping[str, Any]
    rollout: Mapping[str, Any]
    bind_host: str = "127.0.0.1"
    track: str = "stable"
    services: Mapping[str, ServiceSettings] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def registry_target(self) -> str:
        """Where services reach the registry's gRPC API (rollout, people)."""
        return self.raw["registry_target"] or f"127.0.0.1:{self.service('registry').grpc_port}"

    def database_url(self, name: str) -> str:
        """The service's database; production refuses the embedded SQLite default."""
        url = self.service(name).database_url
        if self.environment == "production" and url.startswith("sqlite"):
            raise ConfigError(f"services.{name}.database_url: production needs a PostgreSQL URL "
                              f"(set CITYPLAT_SERVICES__{name.upper()}__DATABASE_URL or CITYPLAT_DATABASE_URL)")
        return url

    def service(self, name: str) -> ServiceSettings:
        try:
            return self.services[name]
        except KeyError:
            raise ConfigError(f"services.{name}: no such service (known: {', '.join(self.services)})")


def _deep_merge(base: dict, overlay: Mapping) -> dict:
    for key, value in overlay.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _deep_merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def _apply_env(data: dict, environ: Mapping[str, str]) -> dict:
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name == CONFIG_FILE_ENV:
            continue
        path = [part.lower() for part in name[len(ENV_PREFIX):].split("__") if part]
        if not path:
            continue
        node = data
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"{name}: {'.'.join(path[:-1])} is not a section")
        node[path[-1]] = yaml.safe_load(raw) if raw != "" else None
    return data


def _database_url(template: str | None, service: str, own: str | None, var_dir: Path) -> str:
    if own:
        return own
    if template:
        return template.format(service=service)
    return f"sqlite:///{(var_dir / f'{service}.db').resolve()}"


def _int(data: Mapping, key: str, where: str) -> int:
    try:
        return int(data[key])
    except KeyError:
        raise ConfigError(f"{where}.{key}: missing")
    except (TypeError, ValueError):
        raise ConfigError(f"{where}.{key}: must be an integer, got {data[key]!r}")


def build_settings(environ: Mapping[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    data = yaml.safe_load(_DEFAULTS.read_text())
    development_secret = data["auth"]["jwt_secret"]  # good for this machine only
    overlay_path = environ.get(CONFIG_FILE_ENV)
    if overlay_path:
        path = Path(overlay_path)
        if not path.is_file():
            raise ConfigError(f"{CONFIG_FILE_ENV}: file {path} does not exist")
        _deep_merge(data, yaml.safe_load(path.read_text()) or {})
    _apply_env(data, environ)

    for key in ("environment", "var_dir", "log_level", "log_format", "outbox", "messaging", "rollout",
                "group_commit", "grpc_reuse_port", "registry_target", "bind_host", "track", "grpc"):
        if key not in data:  # every setting has its default in defaults.yaml, and only there
            raise ConfigError(f"{key}: missing")
    var_dir = Path(data["var_dir"] or "var")
    services = {}
    for name, svc in (data.get("services") or {}).items():
        where = f"services.{name}"
        services[name] = ServiceSettings(
            name=name,
            grpc_port=_int(svc, "grpc_port", where),
            grpc_http_port=_int(svc, "grpc_http_port", where),
            worker_http_port=_int(svc, "worker_http_port", where),
            database_url=_database_url(data.get("database_url"), name, svc.get("database_url"), var_dir),
        )
    if not data.get("broker_url"):
        raise ConfigError("broker_url: missing")
    if not (data.get("auth") or {}).get("jwt_secret"):
        raise ConfigError("auth.jwt_secret: missing")
    track = str(data["track"] or "").strip()
    if track not in ("stable", "canary"):
        raise ConfigError(f"track: must be stable or canary, got {track!r}")
    bind_host = str(data["bind_host"] or "").strip()
    if not bind_host:
        raise ConfigError("bind_host: missing (127.0.0.1 for this machine only, 0.0.0.0 for every interface)")
    if not _loopback(bind_host) and data["auth"]["jwt_secret"] == development_secret:
        # anyone who reads the source could mint a token for a service others can reach
        raise ConfigError(f"auth.jwt_secret: the local development secret cannot serve {bind_host} (bind_host); "
                          "set CITYPLAT_AUTH__JWT_SECRET to a secret of your own, or bind 127.0.0.1")
    return Settings(
        environment=str(data["environment"]),
        broker_url=str(data["broker_url"]),
        var_dir=var_dir,
        log_level=str(data["log_level"]).upper(),
        log_format=str(data["log_format"]),
        auth=data["auth"],
        outbox=data["outbox"],
        messaging=data["messaging"],
        rollout=data["rollout"],
        bind_host=bind_host,
        track=track,
        services=services,
        raw=data,
    )


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return build_settings()
