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
