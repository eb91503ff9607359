"""Points benchmark: awards and redemptions per second end-to-end over gRPC on PostgreSQL, side by
side in one run with two pgbench references on the same server with the same client count, each
run before and after the gRPC scenarios and their mean the reference: TPC-B-like, and award.sql
(the statements one award sends, on a copy of the benchmark's points database); then the latency
from a check-in event published to its credit committed, at a fixed event rate.

    .venv/bin/python benchmarks/points/bench.py [--clients 8] [--seconds 20] [--rate 200] [--worker-processes 1]

Needs PostgreSQL (postgres@127.0.0.1:5432, trust) and RabbitMQ on localhost, and pgbench.
It creates and drops its own databases (cityplat_bench_*) and stops every process it starts.
Results print as a table and are written to benchmarks/points/results.json.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PG = "postgresql://postgres@127.0.0.1:5432"
BROKER = os.environ.get("CITYPLAT_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")
BENCH_DB = "cityplat_bench_points"
PGBENCH_DB = "cityplat_bench_pgbench"
AWARD_DB = "cityplat_bench_award"  # award.sql runs on a fresh copy of ...
AWARD_TEMPLATE = "cityplat_bench_award_template"  # ... the points database as set up, before any load
AWARD_SCRIPT = Path(__file__).with_name("award.sql")
DISTRICTS = [f"3101{n:02d}" for n in range(1, 17)]  # 16 districts: 16 pools, 16 stations
#: scenario → (operation, districts drawn from): uniform spreads over 16 pools/stations, hot uses one
SCENARIOS = {"awards_uniform": ("award", DISTRICTS), "awards_hot_pool": ("award", DISTRICTS[:1]),
             "redemptions_uniform": ("redeem", DISTRICTS), "redemptions_hot_station": ("redeem", DISTRICTS[:1])}


def sh(*args, **kw) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def recreate(db: str) -> None:
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {db}")


def drop(db: str) -> None:
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- reference: pgbench

def run_pgbench(clients: int, seconds: int) -> float:
    recreate(PGBENCH_DB)
    sh("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-i", "-q", "-s", "10", PGBENCH_DB)
    out = sh("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-c", str(clients), "-j", "2", "-T", str(seconds),
             "-M", "prepared", PGBENCH_DB)
    drop(PGBENCH_DB)
    return float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))


def make_award_template() -> None:
    """A copy of the points database as set up (migrated, rules, accounts, funding), for award.sql.

    Its rules get ids award.sql can name (``bench-award-rule-<district>``); nothing refers to them."""
    drop(AWARD_TEMPLATE)
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {AWARD_TEMPLATE} TEMPLATE {BENCH_DB}")
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", AWARD_TEMPLATE, "-qc",
       "UPDATE rules SET id = 'bench-award-rule-' || district WHERE action_type = 'bench_award'")


def run_award_script(clients: int, seconds: int, accounts: int) -> float:
    """pgbench running award.sql (one award's statements, as the server sends them) on a fresh copy
    of the set-up points database; -M simple, as psycopg2 sends them (values in the text, the write
    message several statements in one query)."""
    from services.points.domain.ledger import expires_on

    drop(AWARD_DB)
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {AWARD_DB} TEMPLATE {AWARD_TEMPLATE}")
    today = date.today()
    out = sh("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "simple", "-f", str(AWARD_SCRIPT),
             "-D", f"accounts={accounts}", "-D", f"today={today.isoformat()}",
             "-D", f"expires={expires_on(today, 'end_of_following_year').isoformat()}",
             "-D", f"now={datetime.now(timezone.utc).isoformat()}", "-D", f"epoch={time.time():.6f}",
             "-c", str(clients), "-j", "2", "-T", str(seconds), AWARD_DB)
    drop(AWARD_DB)
    if not re.search(r"number of failed transactions: 0 ", out):
        raise SystemExit(f"award.sql: transactions failed\n{out}")
    return float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))


# ---- set-up of the points database

def setup(accounts_per_district: int, db_name: str | None = None) -> dict:
    from services.common.context import RequestContext, Role
    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.common.registry_client import KnownDivisions, replaced
    from services.points import models as m
    from services.points.app import ledger, rules, stations

    db_name = db_name or BENCH_DB
    recreate(db_name)
    url = f"{PG}/{db_name}"
    upgrade("points", url)
    db = Database("points", url, m.Base.metadata)
    plan = {"items": {}, "accounts": {}}
    for district in DISTRICTS:
        ctx = RequestContext(actor="bench", roles=frozenset({Role.DISTRICT_ADMIN, Role.COMMUNITY_WORKER}),
                             district=district)
        community = f"{district}001001"
        with db.uow(ctx) as uow:
            rules.define_rule(uow, action_type="bench_award", points=1, applies_to=["resident"],
                              effective_from="2020-01-01")
            with replaced(KnownDivisions({community})):  # the benchmark runs no registry
                station = stations.create_station(uow, community=community, name="bench station")
            item = stations.add_item(uow, station_id=station["id"], kind="service", name="bench service",
                                     points_cost=1, unlimited=True)
            plan["items"][district] = item["id"]
            owners = [f"b{i}" for i in range(accounts_per_district)]
            with replaced(KnownDivisions({community}, people=owners)):  # its residents, as the registry's
                for owner in owners:  # fund every account for the redemption runs
                    acc = ledger.open_account(uow, {"kind": "resident", "owner": owner, "community": community})
                    ledger.award_points(uow, acc, 100_000, occurred_on=date.today(), action_type="bench_funding")
            plan["accounts"][district] = [f"{district}:resident:{o}" for o in owners]
            uow.commit()
    db.dispose()
    return plan


# ---- the gRPC load

def client_proc(target, op, districts, plan, seconds, threads, out_q):
    import grpc

    from cityplat.points.v1 import points_pb2 as pb
    from cityplat.points.v1 import points_pb2_grpc as pbg
    from services.common.auth import mint_token

    tokens = {d: (("authorization", "Bearer " + mint_token("bench", ["community_worker"], d)),) for d in districts}
    counts, errors = [0] * threads, [0] * threads
    stop_at = time.time() + seconds
    samples = []

    def work(i):
        # its own connection, as each pgbench client has its own (channels would share one by default)
        channel = grpc.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)])
        stub = pbg.PointsStub(channel)
        rnd = random.Random(i)
        while time.time() < stop_at:
            district = rnd.choice(districts)
            owner = rnd.choice(plan["accounts"][district])
            key = uuid.uuid4().hex
            started = time.perf_counter()
            try:
                if op == "award":
                    stub.Earn(pb.EarnRequest(account=pb.AccountRef(kind="resident", owner=owner.split(":")[-1],
                                                                   community=f"{district}001001"),
                                             action_type="bench_award", idempotency_key=key),
                              metadata=tokens[district], timeout=10)
                else:
                    stub.Redeem(pb.RedeemRequest(account_id=owner, item_id=plan["items"][district], quantity=1,
                                                 idempotency_key=key), metadata=tokens[district], timeout=10)
                counts[i] += 1
                if rnd.random() < 0.05:
                    samples.append(time.perf_counter() - started)
            except grpc.RpcError as exc:
                errors[i] += 1
                if errors[i] < 3:
                    print(f"[{op}] {exc.code()} {exc.details()}", file=sys.stderr)
        channel.close()

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out_q.put((sum(counts), sum(errors), samples))


LOADGEN_SOURCE = Path(__file__).with_name("loadgen.cc")
LOADGEN = Path("/tmp/cityplat-bench/loadgen")


def build_loadgen() -> Path:
    """Compile the C++ load generator (Debian: libgrpc++-dev, pkg-config) unless it is up to date."""
    if LOADGEN.exists() and LOADGEN.stat().st_mtime >= LOADGEN_SOURCE.stat().st_mtime:
        return LOADGEN
    try:
        flags = sh("pkg-config", "--cflags", "--libs", "grpc++").split()
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit("the C++ load generator needs gRPC's C++ library: apt-get install libgrpc++-dev pkg-config "
                         "(or run with --client python)")
    LOADGEN.parent.mkdir(parents=True, exist_ok=True)
    sh("g++", "-O2", "-std=c++17", str(LOADGEN_SOURCE), *flags, "-o", str(LOADGEN))
    return LOADGEN


def load_cpp(target: str, op: str, districts: list[str], plan: dict, clients: int, seconds: int) -> dict:
    """``clients`` concurrent callers from the C++ load generator, each request built beforehand."""
    import struct

    from cityplat.points.v1 import points_pb2 as pb
    from services.common.auth import mint_token

    tokens = {d: ("Bearer " + mint_token("bench", ["community_worker"], d)).encode() for d in districts}
    rnd = random.Random(1)
    path = LOADGEN.with_name(f"requests-{op}.bin")
    with open(path, "wb") as out:
        for _ in range(seconds * 4_000):  # more than a run sends
            district = rnd.choice(districts)
            owner = rnd.choice(plan["accounts"][district])
            if op == "award":
                body = pb.EarnRequest(account=pb.AccountRef(kind="resident", owner=owner.split(":")[-1],
                                                            community=f"{district}001001"),
                                      action_type="bench_award", idempotency_key=uuid.uuid4().hex)
            else:
                body = pb.RedeemRequest(account_id=owner, item_id=plan["items"][district], quantity=1,
                                        idempotency_key=uuid.uuid4().hex)
            body = body.SerializeToString()
            out.write(struct.pack("<I", len(tokens[district])) + tokens[district] + struct.pack("<I", len(body)) + body)
    method = "/cityplat.points.v1.Points/" + ("Earn" if op == "award" else "Redeem")
    result = json.loads(sh(str(build_loadgen()), target, method, str(path), str(clients), str(seconds)))
    path.unlink()
    if result.pop("exhausted"):
        raise SystemExit("the load generator ran out of requests: build more in load_cpp")
    return {"ops": result["ops"], "errors": result["errors"], "seconds": result["seconds"],
            "per_second": round(result["ops"] / result["seconds"], 1),
            "p50_ms": result["p50_ms"], "p99_ms": result["p99_ms"]}


def load(target: str, op: str, districts: list[str], plan: dict, clients: int, seconds: int) -> dict:
    """``clients`` concurrent Python callers (in two client processes) for ``seconds``; returns ops/s."""
    q = mp.Queue()
    procs_n = 2
    per = [clients // procs_n + (1 if i < clients % procs_n else 0) for i in range(procs_n)]
    procs = [mp.Process(target=client_proc, args=(target, op, districts, plan, seconds, n, q)) for n in per if n]
    started = time.time()
    for p in procs:
        p.start()
    results = [q.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.time() - started
    ok = sum(r[0] for r in results)
    samples = sorted(s for r in results for s in r[2])
    return {"ops": ok, "errors": sum(r[1] for r in results), "seconds": round(elapsed, 1),
            "per_second": round(ok / seconds, 1),
            "p50_ms": round(1000 * samples[len(samples) // 2], 1) if samples else None,
            "p99_ms": round(1000 * samples[int(len(samples) * 0.99)], 1) if samples else None}


def group_commits(http_port: int) -> tuple[float, float]:
    """(requests, transactions) the server's group commits have run so far, from its /metrics."""
    import urllib.request
    text = urllib.request.urlopen(f"http://127.0.0.1:{http_port}/metrics", timeout=5).read().decode()
    total = sum(float(v) for v in re.findall(r"cityplat_group_commit_size_sum\{[^}]*\} ([\d.e+]+)", text))
    count = sum(float(v) for v in re.findall(r"cityplat_group_commit_size_count\{[^}]*\} ([\d.e+]+)", text))
    return total, count


def start(kind: str, env: dict, port_for_ready: int):
    from services.processes import wait_ready

    proc = subprocess.Popen([sys.executable, "-W", "ignore", "-c",
                             f"from services.common.entry import {kind}_main as m; m(['x', 'points'])"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(f"/tmp/bench-{kind}.log", "w"))
    if not wait_ready(port_for_ready, 60):
        proc.kill()
        raise SystemExit(f"points {kind} did not start; see /tmp/bench-{kind}.log")
    return proc


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


# ---- event latency

def event_latency(env: dict, http_port: int, rate: int, seconds: int) -> dict:
    from kombu import Connection, Producer

    from services.common.outbox import event_exchange

    published = {}
    interval = 1.0 / rate
    with Connection(BROKER) as conn:
        exchange = event_exchange("centers")
        exchange.declare(channel=conn.default_channel)
        producer = Producer(conn.default_channel)
        t0 = time.perf_counter()
        for n in range(rate * seconds):
            target = t0 + n * interval
            while (now := time.perf_counter()) < target:
                time.sleep(min(target - now, 0.002))
            event_id = str(uuid.uuid4())
            occurred = datetime.now(timezone.utc)
            district = DISTRICTS[n % len(DISTRICTS)]
            body = json.dumps({"event_id": event_id, "event_type": "checkin.recorded", "source": "centers",
                               "district": district, "occurred_at": occurred.isoformat().replace("+00:00", "Z"),
                               "payload": {"resident_id": f"e{n}", "community": f"{district}001001"}})
            producer.publish(body, exchange=exchange, routing_key="checkin.recorded",
                             content_type="application/json", content_encoding="utf-8", delivery_mode=2)
            published[event_id] = occurred
        publish_seconds = time.perf_counter() - t0
    # wait for the backlog to drain, then read the exact commit-side times from the ledger
    from sqlalchemy import create_engine, text

    engine = create_engine(f"{PG.replace('postgresql', 'postgresql+psycopg2')}/{BENCH_DB}")
    deadline = time.time() + 120
    with engine.connect() as conn:
        while time.time() < deadline:
            done = conn.scalar(text("SELECT count(*) FROM transactions WHERE action_type = 'centre_checkin'"))
            if done >= len(published):
                break
            time.sleep(0.5)
        rows = conn.execute(text("SELECT source, created_at FROM transactions "
                                 "WHERE action_type = 'centre_checkin'")).all()
    engine.dispose()
    latencies = sorted((created - published[source.split("#")[0]]).total_seconds()
                       for source, created in rows if source.split("#")[0] in published)
    import urllib.request
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{http_port}/metrics", timeout=5).read().decode()
    buckets = {float(b): float(v) for b, v in re.findall(
        r'cityplat_points_event_credit_seconds_bucket\{le="([\d.]+)"\} ([\d.e+]+)', metrics)}
    count = float(re.search(r"cityplat_points_event_credit_seconds_count ([\d.e+]+)", metrics).group(1))

    def q(p):
        return round(1000 * latencies[min(int(len(latencies) * p), len(latencies) - 1)], 1) if latencies else None

    return {"events": len(published), "credited": len(latencies), "rate_achieved": round(len(published) /
            publish_seconds, 1), "p50_ms": q(0.50), "p99_ms": q(0.99), "max_ms": q(1.0),
            "share_committed_within_100ms": round(buckets.get(0.1, 0) / count, 4) if count else None}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--accounts", type=int, default=100, help="accounts per district")
    parser.add_argument("--rate", type=int, default=200, help="check-in events per second")
    parser.add_argument("--event-seconds", type=int, default=20)
    parser.add_argument("--events-only", action="store_true", help="skip pgbench and the gRPC load")
    parser.add_argument("--worker-processes", type=int, default=1, help="points workers consuming the events")
    parser.add_argument("--server-processes", type=int, default=1,
                        help="gRPC server processes sharing the port (replicas on this host)")
    parser.add_argument("--client", choices=("cpp", "python"), default="cpp",
                        help="load generator: cpp (closed loop like pgbench's clients, little CPU) or python")
    parser.add_argument("--only", default=",".join(SCENARIOS),
                        help="comma-separated gRPC scenarios to run (for profiling; results.json is then not written)")
    parser.add_argument("--profile", action="store_true",
                        help="record the gRPC server with py-spy (collapsed stacks) into /tmp/bench-grpc-<scenario>.txt")
    args = parser.parse_args()
    only = [s for s in args.only.split(",") if s]
    if unknown := set(only) - set(SCENARIOS):
        parser.error(f"--only: unknown scenario(s) {', '.join(sorted(unknown))}; choose from {', '.join(SCENARIOS)}")
    partial = only != list(SCENARIOS)
    if args.profile and not shutil.which("py-spy"):
        parser.error("--profile: py-spy is not on PATH (pip install py-spy)")

    # pgbench runs before and after the gRPC scenarios, and their mean is the reference: on a shared
    # machine one run of it can be a quarter off the next
    pgbench_runs = []
    if not args.events_only and not partial:
        print(f"pgbench: TPC-B-like, scale 10, {args.clients} clients, {args.seconds} s ...", flush=True)
        pgbench_runs.append(run_pgbench(args.clients, args.seconds))
        print(f"  {pgbench_runs[-1]:.0f} TPS", flush=True)

    print("setting up the points database ...", flush=True)
    plan = setup(args.accounts)
    award_runs = []
    if pgbench_runs:  # the second reference: one award's statements, on a copy of that database
        make_award_template()
        print(f"pgbench: award.sql, {args.clients} clients, {args.seconds} s ...", flush=True)
        award_runs.append(run_award_script(args.clients, args.seconds, args.accounts))
        print(f"  {award_runs[-1]:.0f} TPS", flush=True)
    grpc_port, grpc_http, worker_http = free_port(), free_port(), free_port()
    env = {**os.environ, "CITYPLAT_SERVICES__POINTS__DATABASE_URL": f"{PG}/{BENCH_DB}",
           "CITYPLAT_SERVICES__POINTS__GRPC_PORT": str(grpc_port),
           "CITYPLAT_SERVICES__POINTS__GRPC_HTTP_PORT": str(grpc_http),
           "CITYPLAT_SERVICES__POINTS__WORKER_HTTP_PORT": str(worker_http), "CITYPLAT_BROKER_URL": BROKER,
           "CITYPLAT_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"), "CITYPLAT_VAR_DIR": "/tmp/cityplat-bench"}
    if args.client == "cpp" and not args.events_only:
        build_loadgen()
    results = {"machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.python_version()}",
               "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "clients": args.clients,
               "seconds": args.seconds, "client": args.client}
    servers = []
    for n in range(0 if args.events_only else args.server_processes):  # replicas: same gRPC port (SO_REUSEPORT), own metrics port
        http = grpc_http if n == 0 else free_port()
        servers.append(start("grpc", {**env, "CITYPLAT_GRPC_REUSE_PORT": "true",
                                      "CITYPLAT_SERVICES__POINTS__GRPC_HTTP_PORT": str(http)}, http))
    results["server_processes"] = args.server_processes
    try:
        target = f"127.0.0.1:{grpc_port}"
        for name in () if args.events_only else only:
            op, districts = SCENARIOS[name]
            print(f"{name}: {args.clients} clients, {args.seconds} s ...", flush=True)
            spy = subprocess.Popen(["py-spy", "record", "--gil", "--format", "raw", "-o", f"/tmp/bench-grpc-{name}.txt", "-d",
                                    str(args.seconds), "-p", str(servers[0].pid)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if args.profile else None
            before = group_commits(grpc_http)
            results[name] = (load_cpp if args.client == "cpp" else load)(target, op, districts, plan, args.clients,
                                                                          args.seconds)
            after = group_commits(grpc_http)
            results[name]["mean_group_commit"] = round(
                (after[0] - before[0]) / max(after[1] - before[1], 1), 2)  # requests per transaction
            if spy:
                spy.wait(60)
            print(f"  {results[name]}", flush=True)
    finally:
        for server in servers:
            stop(server)
    if partial:  # a profiling run of some gRPC scenarios: no events, no recorded results
        drop(BENCH_DB)
        return
    reference = None
    if pgbench_runs:
        print("pgbench again, after the gRPC runs ...", flush=True)
        pgbench_runs.append(run_pgbench(args.clients, args.seconds))
        print(f"  {pgbench_runs[-1]:.0f} TPS", flush=True)
        reference = sum(pgbench_runs) / len(pgbench_runs)
        results["pgbench_tps_runs"] = [round(tps, 1) for tps in pgbench_runs]
        results["pgbench_tps"] = round(reference, 1)
        print("pgbench award.sql again, after the gRPC runs ...", flush=True)
        award_runs.append(run_award_script(args.clients, args.seconds, args.accounts))
        print(f"  {award_runs[-1]:.0f} TPS", flush=True)
        drop(AWARD_TEMPLATE)
        award_reference = sum(award_runs) / len(award_runs)
        results["pgbench_award_tps_runs"] = [round(tps, 1) for tps in award_runs]
        results["pgbench_award_tps"] = round(award_reference, 1)
        results["pgbench_award_script"] = "benchmarks/points/award.sql, -M simple"
    print(f"check-in events at {args.rate}/s for {args.event_seconds} s ...", flush=True)
    workers = []
    for n in range(args.worker_processes):  # replicas sharing the work queues
        http = worker_http if n == 0 else free_port()
        workers.append(start("worker", {**env, "CITYPLAT_SERVICES__POINTS__WORKER_HTTP_PORT": str(http)}, http))
    results["worker_processes"] = args.worker_processes
    try:
        from sqlalchemy import create_engine, text
        engine = create_engine(f"{PG.replace('postgresql', 'postgresql+psycopg2')}/{BENCH_DB}")
        with engine.begin() as conn:
            for district in DISTRICTS:
                conn.execute(text("INSERT INTO rules (id, district, action_type, version, points, applies_to, "
                                  "needs_approval, effective_from, created_by) VALUES (:id, :d, 'centre_checkin', 1, "
                                  "1, '[\"resident\"]', false, '2020-01-01', 'bench')"),
                             {"id": uuid.uuid4().hex, "d": district})
        # the gRPC runs left their events (points.awarded, ...) in the outbox, for no relay ran then:
        # measure the steady state, once the workers' relays have published that backlog
        deadline = time.time() + 300
        with engine.connect() as conn:
            while (backlog := conn.scalar(text("SELECT count(*) FROM outbox WHERE published_at IS NULL"))) \
                    and time.time() < deadline:
                time.sleep(1)
        engine.dispose()
        print(f"  outbox backlog published ({backlog} left)", flush=True)
        results["events"] = event_latency(env, worker_http, args.rate, args.event_seconds)
        print(f"  {results['events']}", flush=True)
    finally:
        for worker in workers:
            stop(worker)
        drop(BENCH_DB)
    if args.events_only:
        print(json.dumps(results["events"], indent=2))
        return

    uniform = results["awards_uniform"]["per_second"]
    results["ratios"] = {
        "awards_uniform / pgbench": round(uniform / reference, 3),
        "awards_uniform / pgbench_award": round(uniform / award_reference, 3),
        "awards_hot_pool / pgbench_award": round(results["awards_hot_pool"]["per_second"] / award_reference, 3),
        "redemptions_uniform / pgbench": round(results["redemptions_uniform"]["per_second"] / reference, 3),
        "awards_hot_pool / awards_uniform": round(results["awards_hot_pool"]["per_second"] / uniform, 3),
        "redemptions_hot_station / redemptions_uniform": round(
            results["redemptions_hot_station"]["per_second"] / results["redemptions_uniform"]["per_second"], 3),
    }
    (ROOT / "benchmarks" / "points" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results["ratios"], indent=2))


if __name__ == "__main__":
    from tests.brokers import own_vhost

    with own_vhost(BROKER, "cityplat-bench") as BROKER:  # the benchmark's queues are its own
        try:
            main()
        finally:
            for leftover in (AWARD_DB, AWARD_TEMPLATE):  # award.sql's databases, also on a failed run
                drop(leftover)
