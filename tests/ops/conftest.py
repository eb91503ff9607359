"""Shared fixtures for the offline checks of the operations artefacts.

These tests need no server: they parse the artefacts, run ``promtool`` and validate the
Kubernetes manifests against the JSON schemas bundled with ``kubernetes-validate``.
A missing tool fails the test with the way to install it; nothing is skipped.

No service is named here: the tests iterate over the services the artefacts deploy and the
services whose code exists (tests/ops/helpers.py), and check each against the code.
"""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
import yaml

from services.common.config import build_settings
from tests.ops.helpers import KNOWN_SERVICES, REPO, has_code, process_module, services_with_code


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def settings():
    """The code's built-in configuration (defaults.yaml only, no overlay, no environment)."""
    return build_settings({})


@pytest.fixture(scope="session")
def existing_services() -> list[str]:
    return services_with_code()


@pytest.fixture(scope="session")
def console_scripts(repo) -> dict[str, str]:
    """[project.scripts] of pyproject.toml: the process names the image can run."""
    with open(repo / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["scripts"]


@pytest.fixture(scope="session")
def compose(repo) -> dict:
    return yaml.safe_load((repo / "docker-compose.yml").read_text())


@pytest.fixture(scope="session")
def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        pytest.fail(
            "promtool is not on PATH. It ships with the Debian package `prometheus`: "
            "sudo apt-get update && sudo apt-get install -y prometheus "
            "(the package may start a prometheus daemon; it is not needed here: pkill -x prometheus).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def kubernetes_validate():
    try:
        from kubernetes_validate import utils
    except ImportError as exc:
        pytest.fail(
            f"kubernetes_validate cannot be imported ({exc}). Install the dev extras: "
            "pip install -e '.[dev]'  (or: pip install kubernetes-validate==1.37.0).",
            pytrace=False,
        )
    return utils


def _parse_command(command) -> list[str]:
    """A compose/Kubernetes command as a list of words."""
    if isinstance(command, str):
        return command.split()
    return [str(word) for word in command]


def _process_of(words: list[str], console_scripts: dict[str, str], services) -> tuple[str, str]:
    """(service, process) named by a command line, process one of grpc | worker | migrate.

    Fails the calling test unless the command is one of
    ``cityplat-grpc <svc>``, ``cityplat-worker <svc>``, ``cityplat migrate <svc>``
    with a script declared in pyproject.toml and a service known to the configuration.
    """
    assert words, "empty command"
    assert words[0] in console_scripts, (
        f"{words[0]!r} is not a console script of pyproject.toml [project.scripts] "
        f"(known: {', '.join(sorted(console_scripts))})")
    if words[0] == "cityplat-grpc" and len(words) == 2:
        process, service = "grpc", words[1]
    elif words[0] == "cityplat-worker" and len(words) == 2:
        process, service = "worker", words[1]
    elif words[:2] == ["cityplat", "migrate"] and len(words) == 3:
        process, service = "migrate", words[2]
    else:
        raise AssertionError(
            f"command {words!r} is none of: cityplat-grpc <svc>, cityplat-worker <svc>, cityplat migrate <svc>")
    assert service in KNOWN_SERVICES, (
        f"command {words!r}: services/common/entry.py knows no service {service!r} "
        f"(SERVICES: {', '.join(KNOWN_SERVICES)})")
    assert service in services, f"command {words!r}: no service {service!r} (known: {', '.join(services)})"
    if has_code(service):
        module = process_module(service, process)
        assert module.is_file(), (
            f"command {words!r}: services/{service} exists but has no {module.relative_to(REPO)}")
    return service, process


def _expected_ports(service_settings, process: str) -> dict[str, int]:
    """The ports a process listens on, by role, from the code's configuration."""
    if process == "grpc":
        return {"grpc": service_settings.grpc_port, "metrics": service_settings.grpc_http_port}
    if process == "worker":
        return {"metrics": service_settings.worker_http_port}
    return {}


@pytest.fixture(scope="session")
def process_of(console_scripts, settings):
    """command (list or string) -> (service, process); asserts it names a real process."""
    return lambda command: _process_of(_parse_command(command), console_scripts, settings.services)


@pytest.fixture(scope="session")
def expected_ports(settings):
    """(service, process) -> {"grpc": port, "metrics": port} from the code's configuration."""
    return lambda service, process: _expected_ports(settings.service(service), process)
