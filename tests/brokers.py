"""A RabbitMQ virtual host of one's own, for a test run or a benchmark (never a running stack's).

Every test run and benchmark takes its own virtual host: whatever its queues are named, it consumes
no other stack's messages, and deleting the virtual host removes every queue and exchange it made.
Made with ``rabbitmqctl`` on this machine (RabbitMQ's management HTTP API is not enabled here).
"""
from __future__ import annotations

import contextlib
import shutil
import subprocess
import uuid
from urllib.parse import quote, urlsplit, urlunsplit


class VhostError(RuntimeError):
    """rabbitmqctl is missing or refused: the message says what to do."""


def _rabbitmqctl(*args: str) -> None:
    ctl = shutil.which("rabbitmqctl")
    if ctl is None:
        raise VhostError("rabbitmqctl is needed to make a virtual host of one's own (Debian's rabbitmq-server "
                         "package brings it)")
    done = subprocess.run([ctl, "-q", *args], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise VhostError(f"rabbitmqctl {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")


@contextlib.contextmanager
def own_vhost(url: str, prefix: str):
    """A new virtual host on the broker of ``url`` (its user given every permission there), and ``url``
    pointed at it; deleted afterwards, with all its queues and exchanges."""
    vhost = f"{prefix}-{uuid.uuid4().hex[:10]}"
    user = urlsplit(url).username or "guest"
    _rabbitmqctl("add_vhost", vhost)
    try:
        _rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")
        yield urlunsplit(urlsplit(url)._replace(path="/" + quote(vhost, safe="")))
    finally:
        _rabbitmqctl("delete_vhost", vhost)


def vhost_of(url: str) -> str:
    """The path part of a broker URL (the virtual host, URL-encoded), to reach the same one elsewhere."""
    return urlsplit(url).path.lstrip("/")


RABBITMQ_SBIN = "/usr/lib/rabbitmq/lib/rabbitmq_server-{version}/sbin"


def _rabbitmq_sbin() -> str:
    """Where Debian's package keeps the real scripts (``/usr/sbin``'s wrappers switch to the rabbitmq user and
    the machine's node; a node of one's own is run as the test's user)."""
    import glob

    found = sorted(glob.glob(RABBITMQ_SBIN.format(version="*")))
    if not found:
        raise VhostError("rabbitmq-server is needed to run a RabbitMQ node of one's own (Debian's rabbitmq-server "
                         "package brings it)")
    return found[-1]


class OwnRabbitNode:
    """A RabbitMQ node of the test's own, for a fault test that stops and restarts the broker: its own node
    name, AMQP and distribution ports, data folder, config and Erlang cookie, so the machine's broker is never
    touched. ``start()``, ``stop()`` (graceful, as an operator's restart), ``kill()`` (SIGKILL, as a crash);
    the data folder survives both, with the durable queues and their messages."""

    def __init__(self, folder, amqp_port: int, dist_port: int):
        import pathlib

        self.folder = pathlib.Path(folder)
        self.port, self.dist_port = amqp_port, dist_port
        self.node = f"cpfault-{uuid.uuid4().hex[:8]}@localhost"
        self.url = f"amqp://guest:guest@127.0.0.1:{amqp_port}/"
        self.sbin = _rabbitmq_sbin()
        self.proc: subprocess.Popen | None = None
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "rabbitmq.conf").write_text(
            f"listeners.tcp.local = 127.0.0.1:{amqp_port}\n"
            "loopback_users.guest = true\n")
        (self.folder / "rabbitmq-env.conf").write_text("")
        (self.folder / "enabled_plugins").write_text("[].\n")
        cookie = self.folder / ".erlang.cookie"
        cookie.write_text(uuid.uuid4().hex.upper())
        cookie.chmod(0o600)

    @property
    def env(self) -> dict:
        import os

        f = self.folder
        return {**os.environ, "HOME": str(f), "RABBITMQ_CONF_ENV_FILE": str(f / "rabbitmq-env.conf"),
                "RABBITMQ_CONFIG_FILE": str(f / "rabbitmq.conf"), "RABBITMQ_ENABLED_PLUGINS_FILE":
                str(f / "enabled_plugins"), "RABBITMQ_NODENAME": self.node, "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
                "RABBITMQ_NODE_PORT": str(self.port), "RABBITMQ_DIST_PORT": str(self.dist_port),
                "RABBITMQ_MNESIA_BASE": str(f / "mnesia"), "RABBITMQ_LOG_BASE": str(f / "log"),
                "RABBITMQ_PID_FILE": str(f / "node.pid"), "ERL_EPMD_ADDRESS": "127.0.0.1"}

    def start(self, timeout: float = 90.0) -> None:
        import socket
        import time

        log = open(self.folder / "server.out", "ab")
        self.proc = subprocess.Popen([f"{self.sbin}/rabbitmq-server"], env=self.env, stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise VhostError(f"the RabbitMQ node exited: {(self.folder / 'server.out').read_text()[-2000:]}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.3)
        raise VhostError(f"the RabbitMQ node did not listen on {self.port} within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop it as an operator would (rabbitmqctl stop): connections are closed, the node halts."""
        if self.proc is None or self.proc.poll() is not None:
            return
        subprocess.run([f"{self.sbin}/rabbitmqctl", "-n", self.node, "stop"], env=self.env, capture_output=True,
                       timeout=60)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """Kill the whole node at once (SIGKILL to its process group), as a crash would."""
        import os
        import signal

        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(10)

    def restart(self) -> None:
        self.stop()
        self.start()


@contextlib.contextmanager
def own_rabbit_node(folder):
    """A started :class:`OwnRabbitNode` in ``folder`` on free ports; killed afterwards, nothing left running."""
    import socket

    def free() -> int:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    node = OwnRabbitNode(folder, free(), free())
    try:
        node.start()
        yield node
    finally:
        node.kill()
