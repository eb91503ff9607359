"""Local process management for ``cityplat up/down/status``: pid files and logs under var/."""
from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from services.common.config import Settings
from services.common.entry import SERVICES

PROCESS_KINDS = ("worker", "grpc")


@dataclass
class Proc:
    service: str
    kind: str  # worker | grpc
    ports: tuple[int, ...]
    http_port: int

    @property
    def name(self) -> str:
        return f"{self.service}-{self.kind}"


def existing_services() -> list[str]:
    """Services whose code exists (the others are still to be built)."""
    return [s for s in SERVICES if importlib.util.find_spec(f"services.{s}") is not None
            and importlib.util.find_spec(f"services.{s}.worker") is not None]


def processes(settings: Settings) -> list[Proc]:
    procs = []
    for name in existing_services():
        svc = settings.service(name)
        procs.append(Proc(name, "worker", (svc.worker_http_port,), svc.worker_http_port))
        procs.append(Proc(name, "grpc", (svc.grpc_port, svc.grpc_http_port), svc.grpc_http_port))
    return procs


def _paths(settings: Settings, proc: Proc) -> tuple[Path, Path]:
    run_dir, log_dir = settings.var_dir / "run", settings.var_dir / "log"
    run_dir.mkdir(parents=True, exist_ok=True)
    log_dir.mkdir(parents=True, exist_ok=True)
    return run_dir / f"{proc.name}.pid", log_dir / f"{proc.name}.log"


def pid_of(settings: Settings, proc: Proc) -> int | None:
    pid_file, _ = _paths(settings, proc)
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None


def start(settings: Settings, proc: Proc, env: dict | None = None) -> int:
    existing = pid_of(settings, proc)
    if existing:
        return existing
    pid_file, log_file = _paths(settings, proc)
    command = "cityplat-worker" if proc.kind == "worker" else "cityplat-grpc"
    exe = Path(sys.executable).with_name(command)
    argv = [str(exe), proc.service] if exe.exists() else [sys.executable, "-c",
                                                          f"from services.common.entry import {proc.kind}_main as m; m()",
                                                          proc.service]
    with open(log_file, "ab") as log:
        child = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 start_new_session=True, env={**os.environ, **(env or {})})
    pid_file.write_text(str(child.pid))
    return child.pid


def stop(settings: Settings, proc: Proc, timeout: float = 30.0) -> bool:
    """SIGTERM (graceful: finish in-flight work), then SIGKILL after ``timeout``."""
    pid = pid_of(settings, proc)
    pid_file, _ = _paths(settings, proc)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        _reap(pid)
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        _reap(pid)
    pid_file.unlink(missing_ok=True)
    return True


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def http_health(port: int, path: str = "/readyz", timeout: float = 1.0) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as resp:
            return "ready" if resp.status == 200 else f"http {resp.status}"
    except urllib.error.HTTPError as exc:
        return f"not ready ({exc.code})"
    except OSError:
        return "unreachable"


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def wait_ready(port: int, timeout: float = 30.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if http_health(port) == "ready":
            return True
        time.sleep(0.2)
    return False
