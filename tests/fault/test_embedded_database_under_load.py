"""Fault: the embedded default (every service on SQLite) under load stays usable, and its health is true.

Every service runs with ``cityplat up`` on its own SQLite file (no database configured). For 60 s,
50 writers work at once: 30 award points over gRPC (the points gRPC process), 10 publish check-ins
that the points worker credits (a second process writing the same file), 10 open mediation cases;
meanwhile a resident's whole journey runs across the services, and a prober asks every process's
/healthz, /readyz and gRPC health twice a second.

It used to freeze: the worker's outbox relay held SQLite's lock while it waited on the broker, the
worker's other green threads waited for it in SQLite's busy wait, which blocks the whole process
(health endpoint included) for 30 s at a time, and callers got "database is locked" as INTERNAL.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.request
import uuid
from collections import Counter
from datetime import datetime, timezone

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from kombu import Connection, Producer
from sqlalchemy import create_engine, pool, select

from cityplat.mediation.v1 import mediation_pb2 as mpb
from cityplat.mediation.v1 import mediation_pb2_grpc as mpb_grpc
from cityplat.points.v1 import points_pb2 as ppb
from cityplat.points.v1 import points_pb2_grpc as ppb_grpc
from services.common.auth import mint_token
from services.common.config import build_settings
from services.common.outbox import event_exchange
from services.points import models as m
from tests.brokers import own_vhost
from tests.e2e.platform import residents_journey, run_platform

pytestmark = pytest.mark.e2e

SECONDS = 60
COMMUNITY = "310101002001"


@pytest.fixture
def embedded_platform(tmp_path, broker_url):
    with own_vhost(broker_url, "cityplat-embedded") as url:
        yield from run_platform(tmp_path, None, url)


class Writers:
    """Threads writing until ``stop``; every failed call recorded as (what, code, details)."""

    def __init__(self, platform, stop: threading.Event):
        settings = build_settings({})
        self.md = (("authorization", "Bearer " + mint_token("load", ["community_worker"], "310101",
                                                             settings=settings)),)
        self.platform, self.stop = platform, stop
        self.failures: list[tuple[str, str, str]] = []
        self.done = Counter()
        self.checkins: list[str] = []

    def _grpc(self, what, port, call):
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            while not self.stop.is_set():
                try:
                    call(channel)
                    self.done[what] += 1
                except grpc.RpcError as exc:
                    self.failures.append((what, exc.code().name, exc.details() or ""))

    def award(self, n):
        def call(channel):
            ppb_grpc.PointsStub(channel).Earn(ppb.EarnRequest(
                # a household: a new account every call, with no registry person to register first
                account=ppb.AccountRef(kind="household", owner=f"load-{n}-{uuid.uuid4().hex[:8]}", community=COMMUNITY),
                action_type="volunteer_service", idempotency_key=uuid.uuid4().hex), metadata=self.md, timeout=60)
        self._grpc("award", self.platform["others"]["points"]["GRPC_PORT"], call)

    def open_case(self, n):
        def call(channel):
            mpb_grpc.MediationStub(channel).OpenCase(mpb.OpenCaseRequest(
                channel="residents_meeting", category="shared_space", community=COMMUNITY, building="3号楼",
                summary=f"load {n}: a bicycle blocks the stairs",
                parties=[mpb.Party(name="张三", role="complainant", phone="13800001234")],
                idempotency_key=uuid.uuid4().hex), metadata=self.md, timeout=60)
        self._grpc("open_case", self.platform["others"]["mediation"]["GRPC_PORT"], call)

    def check_in(self, n):
        url = self.platform["env"]["CITYPLAT_BROKER_URL"]
        with Connection(url, transport_options={"confirm_publish": True}) as conn:
            producer = Producer(conn.default_channel)
            while not self.stop.is_set():
                resident = f"load-ci-{n}-{uuid.uuid4().hex[:8]}"
                producer.publish(json.dumps({
                    "event_id": str(uuid.uuid4()), "event_type": "checkin.recorded", "source": "centers",
                    "district": "310101", "subdistrict": "310101002",
                    "occurred_at": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
                    "payload": {"resident_id": resident, "community": COMMUNITY}}),
                    exchange=event_exchange("centers"), routing_key="checkin.recorded",
                    content_type="application/json", content_encoding="utf-8", delivery_mode=2)
                self.checkins.append(resident)
                self.done["check_in"] += 1
                time.sleep(0.5)  # 20 check-ins a second in all: a busy afternoon at every centre at once

    def start(self) -> list[threading.Thread]:
        jobs = [(self.award, 30), (self.check_in, 10), (self.open_case, 10)]
        threads = [threading.Thread(target=fn, args=(n,), daemon=True) for fn, count in jobs for n in range(count)]
        for t in threads:
            t.start()
        return threads


class Prober(threading.Thread):
    """Asks every process's /healthz and /readyz, and every gRPC server's health, twice a second. A probe
    that does not answer within 5 s (Kubernetes would restart the pod after a few) is recorded."""

    def __init__(self, platform, stop: threading.Event):
        super().__init__(daemon=True)
        self.stop = stop
        ports = {"registry": platform["ports"], **platform["others"]}
        self.http = {f"{name}-{kind}": p[key] for name, p in ports.items()
                     for kind, key in (("worker", "WORKER_HTTP_PORT"), ("grpc", "GRPC_HTTP_PORT"))}
        self.grpc = {name: p["GRPC_PORT"] for name, p in ports.items()}
        self.unanswered: list[tuple[str, str]] = []
        self.answers = Counter()

    def run(self):
        while not self.stop.is_set():
            for name, port in self.http.items():
                for path in ("/healthz", "/readyz"):
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
                            self.answers[(name, path, resp.status)] += 1
                    except urllib.error.HTTPError as exc:
                        self.answers[(name, path, exc.code)] += 1
                    except OSError as exc:
                        self.unanswered.append((f"{name}{path}", repr(exc)))
            for name, port in self.grpc.items():
                try:
                    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                        status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
                        self.answers[(name, "grpc", health_pb2.HealthCheckResponse.ServingStatus.Name(status.status))] += 1
                except grpc.RpcError as exc:
                    self.unanswered.append((f"{name} grpc health", exc.code().name))
            time.sleep(0.5)


def test_the_embedded_default_stays_usable_under_the_journey_and_50_writers(embedded_platform):
    platform = embedded_platform
    stop = threading.Event()
    writers, prober = Writers(platform, stop), Prober(platform, stop)
    threads = writers.start()
    prober.start()
    started = time.time()
    try:
        time.sleep(5)
        residents_journey(platform, tag="under-load")  # the journey, with the writers going on
        time.sleep(max(0.0, SECONDS - (time.time() - started)))
    finally:
        stop.set()
        for t in [*threads, prober]:
            t.join(70)

    locked = [f for f in writers.failures if "locked" in f[2]]
    assert not locked, f"{len(locked)} calls answered 'database is locked', e.g. {locked[:3]}"
    assert not writers.failures, f"{len(writers.failures)} writes failed: {Counter(f[:2] for f in writers.failures)}"
    assert writers.done["award"] > 100 and writers.done["open_case"] > 20 and writers.done["check_in"] > 300, \
        writers.done
    assert not prober.unanswered, f"health probes unanswered: {prober.unanswered[:10]}"
    not_ready = {k: v for k, v in prober.answers.items() if k[2] not in (200, "SERVING")}
    assert not not_ready, f"writes went through, yet health said otherwise: {not_ready}"

    # and the worker credited every check-in, each once
    engine = create_engine(f"sqlite:///{platform['var'] / 'points.db'}", poolclass=pool.NullPool)
    accounts = {f"310101:resident:{r}" for r in writers.checkins}

    def credited() -> int:
        with engine.connect() as conn:
            rows = conn.execute(select(m.Transaction.account_id).where(
                m.Transaction.account_id.like("310101:resident:load-ci-%"))).scalars().all()
        assert len(rows) == len(set(rows)), "a check-in was credited twice"
        return len(accounts & set(rows))

    deadline = time.time() + 120
    while credited() < len(accounts) and time.time() < deadline:
        time.sleep(1)
    assert credited() == len(accounts), f"{credited()} of {len(accounts)} check-ins credited"
    engine.dispose()
