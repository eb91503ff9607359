"""Fault: while another process holds the embedded database's write lock, health tells the truth.

The points worker and gRPC server run on one SQLite file. The test takes the file's write lock
itself and holds it, as a stuck process would, while a check-in and an award wait to be written:
- the worker's /healthz keeps answering (its waiting must not block the process);
- once writes have waited long enough, /readyz of both processes and gRPC health say so;
- the lock released, the waiting writes go through (nobody was told "database is locked"),
  and health is back.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from cityplat.points.v1 import points_pb2 as ppb
from cityplat.points.v1 import points_pb2_grpc as ppb_grpc
from services.common.auth import mint_token
from services.common.db import Database
from services.common.migrate import upgrade
from services.points import models as m
from services.points.seed import seed_demo
from services.processes import wait_ready
from tests.conftest import ROOT, count_rows, free_port, running_points_worker, stop_process
from tests.integration.test_points_worker import publish, wait_for

pytestmark = pytest.mark.integration


@contextlib.contextmanager
def running_points_grpc(db_url: str, folder):
    """A real ``cityplat-grpc points`` process on ``db_url``: (its gRPC port, its HTTP port)."""
    grpc_port, http_port = free_port(), free_port()
    env = {**os.environ, "CITYPLAT_SERVICES__POINTS__DATABASE_URL": db_url, "CITYPLAT_VAR_DIR": str(folder),
           "CITYPLAT_SERVICES__POINTS__GRPC_PORT": str(grpc_port),
           "CITYPLAT_SERVICES__POINTS__GRPC_HTTP_PORT": str(http_port), "CITYPLAT_LOG_FORMAT": "text"}
    log_path = folder / "points-grpc.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-W", "ignore", "-c",
                                 "from services.common.entry import grpc_main; grpc_main(['g', 'points'])"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            if not wait_ready(http_port, 30):
                raise AssertionError(f"points gRPC did not start:\n{log_path.read_text()[-4000:]}")
            yield grpc_port, http_port
        finally:
            stop_process(proc)


def _http(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _grpc_health(port: int) -> str:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)


def test_health_says_so_while_writes_wait_for_a_lock_another_process_holds(tmp_path, broker_url):
    path = tmp_path / "points.db"
    url = f"sqlite:///{path}"
    upgrade("points", url)
    db = Database("points", url, m.Base.metadata)
    seed_demo(db)
    with running_points_worker(url, broker_url, tmp_path) as (_, worker_http, log), \
            running_points_grpc(url, tmp_path) as (grpc_port, grpc_http):
        assert _http(worker_http, "/readyz") == 200 and _http(grpc_http, "/readyz") == 200
        assert _grpc_health(grpc_port) == "SERVING"

        holder = sqlite3.connect(path, isolation_level=None, timeout=30)
        holder.execute("BEGIN IMMEDIATE")  # the write lock, held as a stuck process would
        award: dict = {}

        def earn():
            md = (("authorization", "Bearer " + mint_token("t", ["community_worker"], "310101")),)
            try:
                with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
                    # a household's account: its owner is not looked up in the registry, which this test runs none of
                    award["reply"] = ppb_grpc.PointsStub(channel).Earn(ppb.EarnRequest(
                        account=ppb.AccountRef(kind="household", owner="locked-out", community="310101002001"),
                        action_type="volunteer_service", idempotency_key="locked-award"), metadata=md, timeout=60)
            except grpc.RpcError as exc:
                award["error"] = (exc.code().name, exc.details())

        try:
            publish(broker_url, "centers", "checkin.recorded", {"resident_id": "locked-in",
                                                               "community": "310101002001"})
            writer = threading.Thread(target=earn)
            writer.start()
            seen = set()
            deadline = time.time() + 25
            while time.time() < deadline and len(seen) < 3:
                assert _http(worker_http, "/healthz") == 200  # the worker answers while its write waits
                if _http(worker_http, "/readyz") == 503:
                    seen.add("worker not ready")
                if _http(grpc_http, "/readyz") == 503:
                    seen.add("grpc not ready")
                if _grpc_health(grpc_port) == "NOT_SERVING":
                    seen.add("grpc NOT_SERVING")
                time.sleep(0.5)
            assert seen == {"worker not ready", "grpc not ready", "grpc NOT_SERVING"}, \
                f"health while every write waited: {seen}\n{log.read_text()[-2000:]}"
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        writer.join(60)

        assert "reply" in award, f"the award waited and went through, got {award}"
        assert wait_for(lambda: count_rows(db, m.Transaction, m.Transaction.account_id == "310101:resident:locked-in")
                        == 1, timeout=30), "the check-in waited and was credited"
        assert wait_for(lambda: _http(worker_http, "/readyz") == 200 and _http(grpc_http, "/readyz") == 200
                        and _grpc_health(grpc_port) == "SERVING", timeout=20), "health is back"
    db.dispose()
