"""Events: how many check-in credits per second one points worker sustains, against pgbench in the same run,
and the event-to-credit latency at 200 check-ins a second.

    .venv/bin/python benchmarks/points/events.py     # --clients 8 --seconds 20 --backlog 30000 --rate 200

1. Reference: pgbench TPC-B-like (scale 10, -M prepared, 8 clients), before and after; the mean.
2. Throughput: a backlog of check-ins (one resident each, 16 districts) waits in the worker's queue; one
   ``cityplat-worker points`` process starts and drains it. Credits per second = check-ins / (last
   credit's commit - first credit's commit), read from the ledger's rows; the transactions they took
   (distinct PostgreSQL xmin) give the mean batch; the worker's CPU time (/proc) per credit is steadier
   than a rate on a shared machine.
3. Latency (run first, on an empty queue): check-ins published at 200/s for 20 s to the running worker
   (bench.event_latency).

Its own databases (made and dropped) and its own RabbitMQ virtual host, so it runs beside anything.
Results in benchmarks/points/events.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402  (the points benchmark: pgbench, the database set-up, the processes)

bench.BENCH_DB = "cityplat_bench_events"  # its own, so it can run beside bench.py
bench.PGBENCH_DB = "cityplat_bench_events_pgbench"


def publish_backlog(count: int) -> None:
    from kombu import Connection, Producer

    from services.common.outbox import event_exchange

    # publisher confirms: each publish waits for the broker's ack, so that a backlog counted as sent is a
    # backlog the broker holds (without them 183 of 15,000 were once lost under load)
    with Connection(bench.BROKER, transport_options={"confirm_publish": True}) as conn:
        producer = Producer(conn.default_channel)
        exchange = event_exchange("centers")
        exchange.declare(channel=conn.default_channel)
        now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
        for n in range(count):
            district = bench.DISTRICTS[n % len(bench.DISTRICTS)]
            producer.publish(json.dumps({
                "event_id": str(uuid.uuid4()), "event_type": "checkin.recorded", "source": "centers",
                "district": district, "occurred_at": now,
                "payload": {"resident_id": f"t{n}", "community": f"{district}001001"}}),
                exchange=exchange, routing_key="checkin.recorded", content_type="application/json",
                content_encoding="utf-8", delivery_mode=2)


def worker_cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def add_checkin_rules(engine) -> None:
    from sqlalchemy import text

    with engine.begin() as conn:
        for district in bench.DISTRICTS:
            conn.execute(text("INSERT INTO rules (id, district, action_type, version, points, applies_to, "
                              "needs_approval, effective_from, created_by) VALUES (:id, :d, 'centre_checkin', 1, "
                              "1, '[\"resident\"]', false, '2020-01-01', 'bench')"),
                         {"id": uuid.uuid4().hex, "d": district})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=20, help="each pgbench run")
    parser.add_argument("--backlog", type=int, default=30000, help="check-ins drained by the worker")
    parser.add_argument("--rate", type=int, default=200, help="check-ins per second for the latency run")
    parser.add_argument("--event-seconds", type=int, default=20)
    args = parser.parse_args()
    from sqlalchemy import create_engine, text

    results = {"machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.python_version()}",
               "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "command": "benchmarks/points/events.py " + " ".join(sys.argv[1:])}
    print(f"pgbench: TPC-B-like, scale 10, {args.clients} clients, {args.seconds} s ...", flush=True)
    runs = [bench.run_pgbench(args.clients, args.seconds)]
    print(f"  {runs[-1]:.0f} TPS", flush=True)

    print("setting up the points database ...", flush=True)
    bench.setup(1)
    worker_http = bench.free_port()
    env = {**os.environ, "CITYPLAT_SERVICES__POINTS__DATABASE_URL": f"{bench.PG}/{bench.BENCH_DB}",
           "CITYPLAT_SERVICES__POINTS__WORKER_HTTP_PORT": str(worker_http), "CITYPLAT_BROKER_URL": bench.BROKER,
           "CITYPLAT_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
           "CITYPLAT_VAR_DIR": "/tmp/cityplat-bench-events"}
    engine = create_engine(f"{bench.PG.replace('postgresql', 'postgresql+psycopg2')}/{bench.BENCH_DB}")
    add_checkin_rules(engine)
    try:
        worker = bench.start("worker", env, worker_http)  # declares its queues
        try:
            print(f"check-in events at {args.rate}/s for {args.event_seconds} s ...", flush=True)
            results["latency"] = bench.event_latency(env, worker_http, args.rate, args.event_seconds)
            print(f"  {results['latency']}", flush=True)
        finally:
            bench.stop(worker)
        print(f"publishing a backlog of {args.backlog} check-ins ...", flush=True)
        publish_backlog(args.backlog)
        print("one worker drains it ...", flush=True)
        worker = bench.start("worker", env, worker_http)
        cpu_before = worker_cpu_seconds(worker.pid)
        try:
            deadline = time.time() + 600
            count = text("SELECT count(*), extract(epoch FROM min(created_at)), extract(epoch FROM max(created_at)), "
                         "count(DISTINCT xmin::text) FROM transactions WHERE action_type = 'centre_checkin' "
                         "AND account_id LIKE '%:resident:t%'")
            with engine.connect() as conn:
                while time.time() < deadline and conn.execute(count).one()[0] < args.backlog:
                    time.sleep(1)
                n, first, last, commits = conn.execute(count).one()
            cpu = worker_cpu_seconds(worker.pid) - cpu_before
            rate = n / max(float(last) - float(first), 1e-6)
            results["throughput"] = {"checkins": int(n), "seconds": round(float(last) - float(first), 2),
                                     "credits_per_second": round(rate, 1), "transactions": int(commits),
                                     "mean_batch": round(n / max(commits, 1), 1),
                                     # steadier than a rate on a shared machine: what each credit cost the worker
                                     "worker_cpu_ms_per_credit": round(1000 * cpu / max(n, 1), 3),
                                     "worker_busy_share": round(cpu / max(float(last) - float(first), 1e-6), 2)}
            print(f"  {results['throughput']}", flush=True)
        finally:
            bench.stop(worker)
    finally:
        engine.dispose()
        bench.drop(bench.BENCH_DB)
    print("pgbench again ...", flush=True)
    runs.append(bench.run_pgbench(args.clients, args.seconds))
    print(f"  {runs[-1]:.0f} TPS", flush=True)
    reference = sum(runs) / len(runs)
    results["pgbench_tps_runs"] = [round(r, 1) for r in runs]
    results["pgbench_tps"] = round(reference, 1)
    results["ratio credits/s / pgbench"] = round(results["throughput"]["credits_per_second"] / reference, 3)
    (HERE / "events.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps({k: results[k] for k in ("pgbench_tps", "ratio credits/s / pgbench")}, indent=2))


if __name__ == "__main__":
    from tests.brokers import own_vhost

    with own_vhost(bench.BROKER, "cityplat-bench-events") as url:  # its queues are its own
        bench.BROKER = url
        main()
