"""Fixtures shared by the integration tests."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from services.points.seed import seed_demo
from tests.conftest import free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def points_worker(points_pg, broker_url, tmp_path):
    seed_demo(points_pg)
    env = {**os.environ, "CITYPLAT_SERVICES__POINTS__DATABASE_URL": points_pg.url, "CITYPLAT_BROKER_URL": broker_url,
           "CITYPLAT_SERVICES__POINTS__WORKER_HTTP_PORT": str(free_port()), "CITYPLAT_VAR_DIR": str(tmp_path),
           "CITYPLAT_LOG_FORMAT": "text"}
    log = open(tmp_path / "points-worker.log", "w")  # a file, not a pipe nobody reads: the worker never blocks
    proc = subprocess.Popen([sys.executable, "-W", "ignore", "-c",
                             "from services.common.entry import worker_main; worker_main(['w', 'points'])"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    port = int(env["CITYPLAT_SERVICES__POINTS__WORKER_HTTP_PORT"])
    from services.processes import wait_ready
    if not wait_ready(port, 30):
        proc.kill()
        proc.wait(5)
        log.close()
        raise AssertionError(f"points worker did not start:\n{(tmp_path / 'points-worker.log').read_text()[-4000:]}")
    yield points_pg, port
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
    log.close()
