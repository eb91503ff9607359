"""Local process management for ``cityplat up/down/status``: pid files and logs under var/.

``cityplat up`` starts one detached supervisor (``cityplat supervise``, :func:`supervise`). It runs
every service process as its child, writes their pid files, and restarts a process that exits with
an exponential back-off, as Kubernetes' CrashLoopBackOff does. What it knows about each process
(restarts, last exit, running or backing off) is in ``var/run/supervisor.json`` for ``cityplat status``.
"""
from __future__ import annotations

import fcntl
import importlib.util
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from services.common.config import ConfigError, Settings
from services.common.entry import SERVICES

PROCESS_KINDS = ("worker", "grpc")
STOP_TIMEOUT = 30.0  # seconds a process has to finish in-flight work after SIGTERM, before SIGKILL
POLL_SECONDS = 0.1  # how often the supervisor looks at its children

log = logging.getLogger("cityplat.supervisor")


@dataclass
class Proc:
    service: str
    kind: str  # worker | grpc
    ports: tuple[int, ...]
    http_port: int
    argv: tuple[str, ...] = ()  # the command; processes() fills it in, tests give their own

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
        procs.append(Proc(name, "worker", (svc.worker_http_port,), svc.worker_http_port, _command(name, "worker")))
        procs.append(Proc(name, "grpc", (svc.grpc_port, svc.grpc_http_port), svc.grpc_http_port,
                          _command(name, "grpc")))
    return procs


def _command(service: str, kind: str) -> tuple[str, ...]:
    exe = Path(sys.executable).with_name("cityplat-worker" if kind == "worker" else "cityplat-grpc")
    if exe.exists():
        return (str(exe), service)
    # not installed as a script (e.g. run from a source tree): the same entry point through Python
    return (sys.executable, "-c", f"from services.common.entry import {kind}_main as m; m()", service)


def run_dir(var_dir: Path) -> Path:
    path = Path(var_dir) / "run"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir(var_dir: Path) -> Path:
    path = Path(var_dir) / "log"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pid_of(settings: Settings, proc: Proc) -> int | None:
    return _read_pid(run_dir(settings.var_dir) / f"{proc.name}.pid")


def _read_pid(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _alive(pid) else None


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs. A zombie (exited, not yet reaped by its parent) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process took the pid: not ours
        return False
    try:
        # the state is the field after the parenthesised command, which may itself hold spaces
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc: trust kill(0)


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file and rename it: a reader sees the old content or the new, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _stop_pid_file(pid_file: Path, timeout: float) -> bool:
    pid = _read_pid(pid_file)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    _terminate(pid, timeout)
    pid_file.unlink(missing_ok=True)
    return True


def _terminate(pid: int, timeout: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not _wait_gone(pid, timeout):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _wait_gone(pid, 5.0)


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _reap(pid)  # if it is our child, collect it: otherwise it stays a zombie
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


# --- the supervisor ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Backoff:
    """How long the supervisor waits before restarting a process that exited."""
    initial: float  # after the first exit
    maximum: float  # the doubling stops here
    reset_after: float  # a process that ran this long before it exited starts again from ``initial``

    def delay(self, consecutive_exits: int) -> float:
        """``initial`` after the first exit, doubled for each consecutive one, at most ``maximum``."""
        doublings = min(max(consecutive_exits, 1) - 1, 62)  # bounded: a float overflows past 2**1023
        return min(self.initial * 2 ** doublings, self.maximum)

    @classmethod
    def from_settings(cls, settings: Settings) -> Backoff:
        block = settings.raw.get("supervisor") or {}
        values = {}
        for attr, key in (("initial", "initial_backoff_seconds"), ("maximum", "max_backoff_seconds"),
                          ("reset_after", "reset_after_seconds")):
            try:
                values[attr] = float(block[key])
            except KeyError:
                raise ConfigError(f"supervisor.{key}: missing")
            except (TypeError, ValueError):
                raise ConfigError(f"supervisor.{key}: must be a number of seconds, got {block[key]!r}")
            if values[attr] <= 0:
                raise ConfigError(f"supervisor.{key}: must be more than 0, got {block[key]!r}")
        return cls(**values)


def exit_reason(returncode: int) -> str:
    """``exit 1`` or ``signal SIGKILL``, from a Popen return code (negative: killed by that signal)."""
    if returncode >= 0:
        return f"exit {returncode}"
    try:
        return f"signal {signal.Signals(-returncode).name}"
    except ValueError:
        return f"signal {-returncode}"


class _Child:
    """One supervised process and what the supervisor knows about it."""

    def __init__(self, proc):
        self.proc = proc
        self.popen: subprocess.Popen | None = None
        self.started_at = 0.0  # monotonic: how long it ran decides whether the back-off resets
        self.restart_at = 0.0  # monotonic: when it may start again
        self.consecutive_exits = 0
        self.starts = 0  # attempts, the first included
        self.last_exit: str | None = None
        self.last_exit_at: float | None = None  # wall clock, for people
        self.backoff_until: float | None = None  # wall clock, for people
        self.state = "starting"  # running | backing off | stopped

    @property
    def name(self) -> str:
        return self.proc.name

    @property
    def restarts(self) -> int:
        return max(self.starts - 1, 0)


class Supervisor:
    """Runs ``procs`` as children under ``var_dir`` and restarts any that exits (see :func:`supervise`)."""

    def __init__(self, procs: Sequence, var_dir: Path, backoff: Backoff, stop_timeout: float = STOP_TIMEOUT):
        self.children = [_Child(p) for p in procs]
        self.run_dir, self.log_dir = run_dir(var_dir), log_dir(var_dir)
        self.state_file = self.run_dir / "supervisor.json"
        self.backoff, self.stop_timeout = backoff, stop_timeout

    def run(self, stopping: Callable[[], bool]) -> None:
        """Tend the children until ``stopping()``; then stop them all. Nothing a child does ends this loop."""
        try:
            while not stopping():
                for child in self.children:
                    if stopping():
                        break  # asked to stop: start nothing more
                    try:
                        self._tend(child)
                    except Exception:  # noqa: BLE001 - a bug here must not take every other process down
                        log.exception("supervising %s failed; trying again", child.name, extra={"child": child.name})
                time.sleep(POLL_SECONDS)
        finally:
            self.stop_all()

    def _tend(self, child: _Child) -> None:
        if child.popen is not None:
            code = child.popen.poll()  # also reaps it
            if code is not None:
                self._exited(child, exit_reason(code))
        elif time.monotonic() >= child.restart_at:
            self._spawn(child)

    def _spawn(self, child: _Child) -> None:
        child.starts += 1
        event = "started" if child.starts == 1 else "restarted"
        try:
            with open(self.log_dir / f"{child.name}.log", "ab") as out:
                # its own session: a Ctrl-C meant for a foreground supervisor reaches the supervisor only,
                # which then stops the children in order
                child.popen = subprocess.Popen(list(child.proc.argv), stdout=out, stderr=subprocess.STDOUT,
                                               stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:  # e.g. the command is missing: back off as if it had crashed
            self._exited(child, f"could not start: {exc}")
            return
        child.started_at = time.monotonic()
        child.state, child.backoff_until = "running", None
        _write_atomically(self.run_dir / f"{child.name}.pid", str(child.popen.pid))
        log.info("%s %s, pid %d (restarts: %d)", child.name, event, child.popen.pid, child.restarts,
                 extra={"event": event, "child": child.name, "pid": child.popen.pid, "restarts": child.restarts})
        self._write_state()

    def _exited(self, child: _Child, reason: str) -> None:
        pid = child.popen.pid if child.popen else None
        ran = time.monotonic() - child.started_at if child.popen else 0.0
        child.popen = None
        (self.run_dir / f"{child.name}.pid").unlink(missing_ok=True)  # no pid: status shows it is not up
        # a process that ran long enough was healthy: its next crash counts as the first again
        child.consecutive_exits = 1 if ran >= self.backoff.reset_after else child.consecutive_exits + 1
        delay = self.backoff.delay(child.consecutive_exits)
        child.restart_at = time.monotonic() + delay
        child.last_exit, child.last_exit_at = reason, time.time()
        child.state, child.backoff_until = "backing off", time.time() + delay
        log.warning("%s exited (%s) after %.1f s; restarting in %.1f s", child.name, reason, ran, delay,
                    extra={"event": "exited", "child": child.name, "pid": pid, "exit": reason,
                           "ran_seconds": round(ran, 3), "restart_in_seconds": delay,
                           "consecutive_exits": child.consecutive_exits, "restarts": child.restarts})
        self._write_state()

    def stop_all(self) -> None:
        """SIGTERM every child, SIGKILL those still up after ``stop_timeout``; restart none."""
        started = [c for c in self.children if c.popen is not None]
        for child in started:
            if child.popen.poll() is None:
                child.popen.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout  # one deadline for all: they stop side by side
        for child in started:
            try:
                self._await_stop(child, deadline)
            except Exception:  # noqa: BLE001 - whatever happens, the next child is stopped too
                log.exception("stopping %s failed", child.name, extra={"child": child.name})
                child.popen.kill()
        for child in self.children:
            child.popen, child.state, child.backoff_until = None, "stopped", None
            (self.run_dir / f"{child.name}.pid").unlink(missing_ok=True)
        self._write_state()

    def _await_stop(self, child: _Child, deadline: float) -> None:
        try:
            child.popen.wait(max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop within %.0f s of SIGTERM; killing it", child.name, self.stop_timeout,
                        extra={"event": "killing", "child": child.name, "pid": child.popen.pid})
            child.popen.kill()
            try:
                child.popen.wait(5)
            except subprocess.TimeoutExpired:  # stuck in the kernel; nothing more can be done
                pass
        code = child.popen.returncode
        reason = exit_reason(code) if code is not None else "did not exit after SIGKILL"
        log.info("%s stopped (%s)", child.name, reason,
                 extra={"event": "stopped", "child": child.name, "pid": child.popen.pid, "exit": reason})

    def _write_state(self) -> None:
        state = {"supervisor_pid": os.getpid(), "updated_at": time.time(), "processes": {
            c.name: {"state": c.state, "pid": c.popen.pid if c.popen else None, "restarts": c.restarts,
                     "last_exit": c.last_exit, "last_exit_at": c.last_exit_at, "backoff_until": c.backoff_until}
            for c in self.children}}
        try:
            _write_atomically(self.state_file, json.dumps(state, indent=2))
        except OSError as exc:  # e.g. a full disk: the children matter more than the report
            log.error("could not write %s: %s", self.state_file, exc)


def supervise(procs: Sequence, var_dir: Path, backoff: Backoff, stop_timeout: float = STOP_TIMEOUT) -> int:
    """Run ``procs`` (objects with ``name`` and ``argv``) as children until SIGTERM or SIGINT; then stop
    them (SIGTERM, SIGKILL after ``stop_timeout``). Returns the exit status: 1 if a supervisor already
    runs on ``var_dir`` (it holds var/run/supervisor.lock while it lives), else 0."""
    runs = run_dir(var_dir)
    lock = open(runs / "supervisor.lock", "w")
    try:
        # the lock, not the pid file, says a supervisor runs: it goes with the process, even on SIGKILL
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.error("a supervisor already runs on %s (pid %s); not starting another", var_dir,
                  _pid_in(runs / "supervisor.pid"), extra={"event": "refused"})
        lock.close()
        return 1
    stop_signal: list[int] = []

    def on_signal(signum, _frame):
        stop_signal.append(signum)  # only a flag: the loop notices it within POLL_SECONDS

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    pid_file = runs / "supervisor.pid"
    _write_atomically(pid_file, str(os.getpid()))
    log.info("supervisor started, pid %d, %d process(es); back-off %.1f s doubling to %.1f s, reset after %.0f s",
             os.getpid(), len(procs), backoff.initial, backoff.maximum, backoff.reset_after,
             extra={"event": "supervisor_started", "pid": os.getpid(), "processes": [p.name for p in procs]})
    try:
        Supervisor(procs, var_dir, backoff, stop_timeout).run(lambda: bool(stop_signal))
    finally:
        pid_file.unlink(missing_ok=True)
        log.info("supervisor stopped (%s)", signal.Signals(stop_signal[0]).name if stop_signal else "error",
                 extra={"event": "supervisor_stopped"})
        lock.close()
    return 0


def _pid_in(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def supervisor_pid(var_dir: Path) -> int | None:
    """The running supervisor's pid, or None. A stale pid file (supervisor killed) does not count."""
    runs = run_dir(var_dir)
    try:
        with open(runs / "supervisor.lock", "r") as lock:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)  # we get it only if no supervisor holds it
            return None
    except FileNotFoundError:
        return None
    except BlockingIOError:
        return _pid_in(runs / "supervisor.pid")


def supervisor_state(var_dir: Path) -> dict:
    """What the supervisor last wrote about each process (name -> its record); {} if nothing."""
    try:
        return json.loads((run_dir(var_dir) / "supervisor.json").read_text()).get("processes", {})
    except (FileNotFoundError, ValueError):
        return {}


def start_supervisor(settings: Settings, timeout: float = 15.0) -> tuple[int, bool]:
    """Start ``cityplat supervise`` detached, unless one runs: (its pid, whether this call started it)."""
    pid = supervisor_pid(settings.var_dir)
    if pid:
        return pid, False
    log_file = log_dir(settings.var_dir) / "supervisor.log"
    with open(log_file, "ab") as out:
        child = subprocess.Popen([sys.executable, "-m", "services.cli", "supervise"], stdout=out,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    # it writes its pid file once it holds the lock; a rival started at the same moment may win it
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = supervisor_pid(settings.var_dir)
        if pid:
            return pid, pid == child.pid
        if child.poll() is not None and supervisor_pid(settings.var_dir) is None:
            break
        time.sleep(0.05)
    raise RuntimeError(f"the supervisor did not start; see {log_file}")


def stop_supervisor(settings: Settings, timeout: float = STOP_TIMEOUT + 10) -> int | None:
    """SIGTERM the supervisor, which stops its children; SIGKILL it if it is not gone after ``timeout``
    (its children are then left to :func:`stop_leftovers`). Returns its pid, or None if none ran."""
    pid = supervisor_pid(settings.var_dir)
    if pid:
        _terminate(pid, timeout)
    return pid


def stop_leftovers(settings: Settings, timeout: float = STOP_TIMEOUT) -> list[str]:
    """Stop every process a pid file under var/run/ names (a supervisor that was killed leaves them,
    as does an earlier ``cityplat up``). Returns the names of those stopped."""
    stopped = []
    for pid_file in sorted(run_dir(settings.var_dir).glob("*.pid"), reverse=True):
        if pid_file.name != "supervisor.pid" and _stop_pid_file(pid_file, timeout):
            stopped.append(pid_file.stem)
    return stopped


def probe_host() -> str:
    """Where this machine reaches its own processes: their bind_host, or loopback when they listen on
    every interface."""
    from services.common.config import get_settings

    host = get_settings().bind_host
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host


def http_health(port: int, path: str = "/readyz", timeout: float = 1.0) -> str:
    try:
        with urllib.request.urlopen(f"http://{probe_host()}:{port}{path}", timeout=timeout) as resp:
            return "ready" if resp.status == 200 else f"http {resp.status}"
    except urllib.error.HTTPError as exc:
        return f"not ready ({exc.code})"
    except OSError:
        return "unreachable"


def port_open(port: int, host: str | None = None) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host or probe_host(), port)) == 0


def wait_ready(port: int, timeout: float = 30.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if http_health(port) == "ready":
            return True
        time.sleep(0.2)
    return False
