"""The supervisor `cityplat up` starts: it restarts a service process that exits, with a back-off that
doubles (as Kubernetes' CrashLoopBackOff), records restarts and exits for `cityplat status`, and on
SIGTERM (`cityplat down`) stops its children and restarts none.

The real supervisor (services.processes.supervise) runs in a process of its own, as `up` runs it, on
fake service processes (``python -c``) that crash on purpose, with a short back-off, in a temporary
var dir. Each fake process notes its pid and start time in a file of the test's own: the gaps
between starts are measured from there, and the teardown kills any that is left, whatever failed.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from services.common.config import ConfigError, build_settings, get_settings

ROOT = Path(__file__).resolve().parents[3]

SUPERVISOR = """
import json, sys
from pathlib import Path
from services.common.logs import configure_logging
from services.processes import Backoff, Proc, supervise
spec = json.loads(sys.argv[1])
configure_logging("cityplat", "supervisor", "INFO", "json")
procs = [Proc(p["service"], p["kind"], (), 0, argv=tuple(p["argv"])) for p in spec["procs"]]
sys.exit(supervise(procs, Path(spec["var_dir"]), Backoff(**spec["backoff"]), spec["stop_timeout"]))
"""

# A fake service process: argv[1] is the file it notes "pid start-time" in, argv[2] what it does.
CHILD = """
import os, signal, sys, time
what = sys.argv[2]
if what == "ignore-term":  # before it says it is up: a SIGTERM must find it deaf already
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
with open(sys.argv[1], "a") as f:
    f.write(f"{os.getpid()} {time.time()}\\n")
if what == "crash":
    sys.exit(1)
if what == "run-then-crash":
    time.sleep(0.8)
    sys.exit(1)
time.sleep(3600)
"""


def gone(pid: int) -> bool:
    """Not running: no such process, or a zombie nobody reaped yet."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def wait_for(check, what: str, timeout: float = 30.0, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    tail = log.read_text()[-4000:] if log and log.exists() else ""
    raise AssertionError(f"waited {timeout:.0f} s for {what}\n--- supervisor log:\n{tail}")


class Running:
    """A supervisor process started by the fixture, and what can be seen of it from outside."""

    def __init__(self, popen: subprocess.Popen, var_dir: Path, starts_dir: Path, spec: str):
        self.popen, self.var_dir, self.starts_dir, self.spec = popen, var_dir, starts_dir, spec
        self.log = var_dir / "log" / "supervisor.log"

    def starts(self, name: str) -> list[tuple[int, float]]:
        path = self.starts_dir / f"{name}.starts"
        lines = path.read_text().splitlines() if path.exists() else []
        return [(int(pid), float(at)) for pid, at in (line.split() for line in lines)]

    def pid(self, name: str) -> int | None:
        try:
            return int((self.var_dir / "run" / f"{name}.pid").read_text())
        except (FileNotFoundError, ValueError):
            return None

    def state(self, name: str) -> dict:
        from services.processes import supervisor_state

        return supervisor_state(self.var_dir).get(name, {})

    def events(self, name: str, event: str) -> list[dict]:
        lines = self.log.read_text().splitlines() if self.log.exists() else []
        entries = [json.loads(line) for line in lines if line.startswith("{")]
        return [e for e in entries if e.get("child") == name and e.get("event") == event]

    def wait(self, check, what: str, timeout: float = 30.0):
        return wait_for(check, what, timeout, self.log)


@pytest.fixture
def supervisor(tmp_path, request):
    """``start(*(service, kind, what), **backoff)``: a real supervisor on fake processes, in a var dir
    under tmp_path. The finalizer (registered before anything starts) stops every supervisor with
    SIGTERM (SIGKILL if it lingers) and then SIGKILLs any fake process still alive."""
    started: list[Running] = []
    starts_dir = tmp_path / "starts"
    starts_dir.mkdir()

    def cleanup():
        for sup in started:
            if sup.popen.poll() is None:
                sup.popen.send_signal(signal.SIGTERM)
                try:
                    sup.popen.wait(20)
                except subprocess.TimeoutExpired:
                    sup.popen.kill()
                    sup.popen.wait(5)
        for path in starts_dir.glob("*.starts"):
            for line in path.read_text().splitlines():
                pid = int(line.split()[0])
                try:  # only if the pid is still one of ours: its command line names our folder
                    if str(tmp_path) in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                        os.kill(pid, signal.SIGKILL)
                except (FileNotFoundError, ProcessLookupError):
                    pass

    request.addfinalizer(cleanup)

    def start(*children, initial=0.2, maximum=5.0, reset_after=60.0, stop_timeout=5.0, var_dir=None) -> Running:
        var_dir = var_dir or tmp_path / "var"
        (var_dir / "log").mkdir(parents=True, exist_ok=True)
        procs = [{"service": service, "kind": kind,
                  "argv": [sys.executable, "-c", CHILD, str(starts_dir / f"{service}-{kind}.starts"), what]}
                 for service, kind, what in children]
        spec = json.dumps({"procs": procs, "var_dir": str(var_dir), "stop_timeout": stop_timeout,
                           "backoff": {"initial": initial, "maximum": maximum, "reset_after": reset_after}})
        with open(var_dir / "log" / "supervisor.log", "ab") as log:
            popen = subprocess.Popen([sys.executable, "-c", SUPERVISOR, spec], cwd=ROOT, stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        running = Running(popen, var_dir, starts_dir, spec)
        started.append(running)
        def up():
            if popen.poll() is not None:
                raise AssertionError(f"the supervisor exited ({popen.returncode}):\n{running.log.read_text()[-4000:]}")
            return (var_dir / "run" / "supervisor.pid").exists()

        running.wait(up, "the supervisor's pid file")
        return running

    return start


def nothing_left_of(tmp_path: Path) -> list[str]:
    """Every process whose command line names tmp_path (the fake processes, their supervisor)."""
    left = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if str(tmp_path) in cmdline and not gone(int(entry.name)):
                left.append(f"{entry.name}: {cmdline[:200]}")
    return left


def test_a_killed_process_is_restarted_and_its_exit_recorded(supervisor):
    sup = supervisor(("fake", "sleeper", "sleep"))
    first = sup.wait(lambda: sup.starts("fake-sleeper") and sup.pid("fake-sleeper"), "fake-sleeper to start")
    assert sup.starts("fake-sleeper")[0][0] == first

    os.kill(first, signal.SIGKILL)

    record = sup.wait(lambda: (r := sup.state("fake-sleeper")).get("restarts") == 1 and r["state"] == "running"
                      and r, "fake-sleeper to be restarted")
    second = sup.pid("fake-sleeper")
    assert record["last_exit"] == "signal SIGKILL"
    assert record["pid"] == second and second != first and not gone(second) and gone(first)
    sup.wait(lambda: len(sup.starts("fake-sleeper")) == 2, "the new fake-sleeper to note its start")
    assert [pid for pid, _ in sup.starts("fake-sleeper")] == [first, second]
    exited, = sup.events("fake-sleeper", "exited")
    assert exited["exit"] == "signal SIGKILL" and exited["pid"] == first and exited["restart_in_seconds"] == 0.2
    assert sup.events("fake-sleeper", "restarted")[0]["pid"] == second
    assert sup.popen.poll() is None, "the supervisor must outlive its children's crashes"


def test_a_process_that_keeps_failing_backs_off_longer_each_time(supervisor):
    sup = supervisor(("fake", "crasher", "crash"), initial=0.25, maximum=30.0)

    starts = sup.wait(lambda: len(s := sup.starts("fake-crasher")) >= 4 and s, "four starts of fake-crasher")
    # the supervisor chose doubling delays...
    delays = [e["restart_in_seconds"] for e in sup.events("fake-crasher", "exited")][:3]
    assert delays == [0.25, 0.5, 1.0]
    # ...and kept to them: the machine is noisy, so only the order and generous bounds are asserted
    gaps = [b[1] - a[1] for a, b in zip(starts, starts[1:])][:3]
    assert gaps[2] > gaps[0], gaps
    assert all(0.1 < gap < 15 for gap in gaps), gaps

    record = sup.wait(lambda: (r := sup.state("fake-crasher")).get("state") == "backing off"
                      and r.get("restarts", 0) >= 3 and r, "fake-crasher backing off after 3 restarts")
    assert record["last_exit"] == "exit 1" and record["pid"] is None
    assert record["backoff_until"] > record["last_exit_at"]
    assert sup.pid("fake-crasher") is None  # no pid file while it waits: status does not call it up
    assert sup.popen.poll() is None


def test_a_process_that_ran_long_enough_starts_again_from_the_initial_delay(supervisor):
    sup = supervisor(("fake", "tired", "run-then-crash"), initial=0.2, maximum=30.0, reset_after=0.5)

    exits = sup.wait(lambda: len(e := sup.events("fake-tired", "exited")) >= 3 and e, "three exits of fake-tired")
    assert [e["restart_in_seconds"] for e in exits[:3]] == [0.2, 0.2, 0.2]
    assert [e["consecutive_exits"] for e in exits[:3]] == [1, 1, 1]


def test_sigterm_stops_every_child_restarts_none_and_leaves_nothing(supervisor, tmp_path):
    sup = supervisor(("fake", "sleeper", "sleep"), ("fake", "stubborn", "ignore-term"), ("fake", "crasher", "crash"),
                     initial=0.3, stop_timeout=1.5)
    sup.wait(lambda: all(sup.starts(name) for name in ("fake-sleeper", "fake-stubborn", "fake-crasher")),
             "every fake process to start")
    pids = {name: [pid for pid, _ in sup.starts(name)] for name in ("fake-sleeper", "fake-stubborn", "fake-crasher")}

    sup.popen.send_signal(signal.SIGTERM)
    assert sup.popen.wait(30) == 0

    assert [pid for pid, _ in sup.starts("fake-sleeper")] == pids["fake-sleeper"]  # none restarted
    assert [pid for pid, _ in sup.starts("fake-stubborn")] == pids["fake-stubborn"]
    assert all(gone(pid) for name in pids for pid, _ in sup.starts(name))
    assert sup.events("fake-sleeper", "stopped")[0]["exit"] == "signal SIGTERM"
    assert sup.events("fake-stubborn", "killing") and sup.events("fake-stubborn", "stopped")[0]["exit"] == "signal SIGKILL"
    assert not list((sup.var_dir / "run").glob("*.pid"))
    assert {sup.state(name)["state"] for name in pids} == {"stopped"}
    crasher_starts = len(sup.starts("fake-crasher"))
    time.sleep(1.0)  # longer than its back-off: had anything survived to restart it, it would have
    assert len(sup.starts("fake-crasher")) == crasher_starts
    assert nothing_left_of(tmp_path) == []


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """`cityplat` in-process on tmp_path/var, every service's ports moved off the real ones (status
    probes the health port of a process it finds)."""
    from services.processes import existing_services
    from services.cli import main
    from tests.conftest import free_port

    monkeypatch.setenv("CITYPLAT_VAR_DIR", str(tmp_path / "var"))
    for name in existing_services():
        for key in ("GRPC_PORT", "GRPC_HTTP_PORT", "WORKER_HTTP_PORT"):
            monkeypatch.setenv(f"CITYPLAT_SERVICES__{name.upper()}__{key}", str(free_port()))
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(main, list(args), catch_exceptions=False)
    get_settings.cache_clear()


def status_rows(output: str) -> dict[str, dict[str, str]]:
    lines = [line for line in output.splitlines() if not line.startswith("supervisor:")]
    header = re.split(r"\s{2,}", lines[0].strip())
    return {cells[0]: dict(zip(header, cells)) for cells in (re.split(r"\s{2,}", line.strip()) for line in lines[1:])}


def test_status_shows_restarts_last_exit_and_back_off(supervisor, cli, tmp_path):
    # the fake processes take the names of the registry's, which `cityplat status` lists
    sup = supervisor(("registry", "worker", "sleep"), ("registry", "grpc", "crash"), initial=0.3, maximum=30.0,
                     var_dir=tmp_path / "var")
    first = sup.wait(lambda: sup.pid("registry-worker"), "registry-worker to start")
    os.kill(first, signal.SIGKILL)
    sup.wait(lambda: sup.state("registry-worker").get("restarts") == 1 and sup.pid("registry-worker"),
             "registry-worker to be restarted")
    # its fourth back-off (2.4 s) is long enough to read the table in
    sup.wait(lambda: (r := sup.state("registry-grpc")).get("restarts") == 3 and r["state"] == "backing off",
             "registry-grpc backing off after 3 restarts")

    result = cli("status")

    assert result.exit_code == 1, result.output  # registry-grpc is down (and the fakes answer no health)
    assert "not serving:" in result.output and "registry-grpc" in result.output.splitlines()[-1]
    assert f"supervisor: pid {sup.popen.pid}" in result.output
    rows = status_rows(result.output)
    worker, grpc = rows["registry-worker"], rows["registry-grpc"]
    assert worker["PID"] == str(sup.pid("registry-worker")) and worker["STATE"] == "running"
    assert worker["RESTARTS"] == "1" and worker["LAST EXIT"] == "signal SIGKILL"
    assert grpc["PID"] == "-" and grpc["STATE"].startswith("backing off (")
    assert grpc["RESTARTS"] == "3" and grpc["LAST EXIT"] == "exit 1"


def test_cityplat_down_stops_the_supervisor_and_so_its_children(supervisor, cli, tmp_path):
    sup = supervisor(("fake", "sleeper", "sleep"), var_dir=tmp_path / "var")
    child = sup.wait(lambda: sup.pid("fake-sleeper"), "fake-sleeper to start")

    result = cli("down")

    assert result.exit_code == 0, result.output
    assert f"stopped supervisor (pid {sup.popen.pid})" in result.output
    wait_for(lambda: gone(sup.popen.pid) and gone(child), "the supervisor and its child to be gone")
    assert len(sup.starts("fake-sleeper")) == 1
    assert "supervisor: not up" in cli("status").output
    assert nothing_left_of(tmp_path) == []


def test_down_still_stops_what_a_killed_supervisor_left(supervisor, cli, tmp_path):
    sup = supervisor(("fake", "sleeper", "sleep"), var_dir=tmp_path / "var")
    child = sup.wait(lambda: sup.pid("fake-sleeper"), "fake-sleeper to start")
    sup.popen.kill()
    sup.popen.wait(10)
    assert not gone(child)  # an orphan now, still holding whatever it held

    result = cli("down")

    assert result.exit_code == 0, result.output
    assert "stopped fake-sleeper" in result.output
    wait_for(lambda: gone(child), "the orphan to be gone")
    assert not (tmp_path / "var" / "run" / "fake-sleeper.pid").exists()
    assert nothing_left_of(tmp_path) == []


def test_a_second_supervisor_on_the_same_var_dir_starts_nothing(supervisor, tmp_path):
    from services import processes

    sup = supervisor(("fake", "sleeper", "sleep"))
    sup.wait(lambda: sup.pid("fake-sleeper"), "fake-sleeper to start")

    # what `up` run again does: it finds the supervisor and starts none
    settings = build_settings({"CITYPLAT_VAR_DIR": str(sup.var_dir)})
    assert processes.start_supervisor(settings) == (sup.popen.pid, False)
    # and a second one started anyway (two `up` at once) gives way to the first
    second = subprocess.run([sys.executable, "-c", SUPERVISOR, sup.spec], cwd=ROOT, capture_output=True, text=True,
                            timeout=30)
    assert second.returncode == 1 and "a supervisor already runs" in second.stderr
    assert len(sup.starts("fake-sleeper")) == 1
    assert processes.supervisor_pid(sup.var_dir) == sup.popen.pid and sup.popen.poll() is None


def test_the_delay_doubles_from_the_initial_one_up_to_the_cap():
    from services.processes import Backoff

    backoff = Backoff(initial=1, maximum=60, reset_after=120)
    assert [backoff.delay(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff.delay(100_000) == 60  # a process crashing for days overflows nothing


def test_the_back_off_comes_from_the_settings():
    from services.processes import Backoff

    assert Backoff.from_settings(build_settings({})) == Backoff(initial=1, maximum=60, reset_after=120)
    custom = build_settings({"CITYPLAT_SUPERVISOR__INITIAL_BACKOFF_SECONDS": "0.5",
                             "CITYPLAT_SUPERVISOR__MAX_BACKOFF_SECONDS": "10"})
    assert Backoff.from_settings(custom) == Backoff(initial=0.5, maximum=10, reset_after=120)
    with pytest.raises(ConfigError, match="supervisor.max_backoff_seconds: must be a number"):
        Backoff.from_settings(build_settings({"CITYPLAT_SUPERVISOR__MAX_BACKOFF_SECONDS": "soon"}))


def test_status_exits_non_zero_naming_every_process_that_is_down(cli):
    """An operator's script (or a CI step) trusts the exit code: with nothing up it must fail. It said 0."""
    from services.processes import existing_services

    result = cli("status")

    assert result.exit_code == 1, result.output
    assert "supervisor: not up" in result.output
    unwell = result.output.strip().splitlines()[-1]
    assert unwell.startswith("Error: not serving:"), unwell
    for name in existing_services():
        assert f"{name}-grpc" in unwell and f"{name}-worker" in unwell
