"""Centers booking benchmark: 50 concurrent clients booking overlapping slots of one centre's 10
spaces for 20 s against one ``cityplat-grpc centers`` process on PostgreSQL (the schema migrated
as the service runs in production, so ``ex_bookings_no_overlap`` is there), then SQL checks that no
two active bookings of a space overlap and that every confirmed answer is one row; side by side in
the same run, the points awards rate (``Earn``) of the same clients against ``cityplat-grpc
points``: awards, bookings, awards again, the awards' reference the mean of the two.

    .venv/bin/python benchmarks/centers/bench.py [--clients 50] [--seconds 20] [--days 3] [--profile]

- Databases of its own on postgres@127.0.0.1:5432 (trust): h1bench_registry (migrated, the demo
  district seeded: the centre's community and the organisations that book), h1bench_centers
  (migrated by the service's Alembic chain; one centre with 10 spaces open 00:00-23:59 every day,
  public holidays too, seating 2,000, no approval, the monthly quota at its maximum, 744 h per
  organisation, more than the whole horizon holds), h1bench_points (set up as
  benchmarks/points/bench.py sets its own up: 16 districts, a ``bench_award`` rule, funded accounts).
- Processes: ``cityplat-grpc registry`` (the centers service checks each booking's organisation
  there), ``cityplat-grpc centers`` and ``cityplat-grpc points``, on free ports; a RabbitMQ virtual
  host of its own (h1bench-<pid>-...), though no gRPC process publishes (the outbox waits for a
  worker, none runs).
- Clients: ``--clients`` closed-loop Python clients (threads, ``--client-processes`` processes),
  each on its own channel, sending a call, waiting for its answer, sending the next. A booking is a
  random space of the 10, a random day of the next ``--days`` (from tomorrow, Beijing), a start on
  the 15-minute grid, 30 or 60 minutes long, for a random organisation of the district, booked by a
  community worker: most attempts clash. Outcomes: confirmed; FAILED_PRECONDITION on ``starts_at``
  for an overlap, found by the use case's own check (``overlaps booking <id>``) or by PostgreSQL's
  constraint at the insert (a race lost: ``overlaps a booking of the space taken at the same
  time``); anything else is an error and should be none.
- Measured over a common window: calls and confirmed bookings per second, latency p50/p95/p99, CPU
  per call of the server, the registry (bookings), the clients, PostgreSQL's processes, and how
  busy the machine was; the server's retried transactions (deadlocks) from its metrics.
- ``--profile``: afterwards, one more bookings run (on a second centre's 10 fresh spaces, not
  counted) with py-spy ``--gil`` recording the centers server (``--profile-idle``: every thread,
  waits included); its top frames and the parts of a booking go into results.json.

Results print as they come and are appended to benchmarks/centers/results.json (``--no-write``:
not). Every process, database, virtual host and temporary directory it makes is removed at the
end, also on a failure or Ctrl-C.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import multiprocessing as mp
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _bench(name: str):
    """benchmarks/<name>/bench.py as a module (the folders are no packages)."""
    spec = importlib.util.spec_from_file_location(f"{name}_bench", ROOT / "benchmarks" / name / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# the other benchmarks' helpers, reused as they are: databases (psql), the points database's set-up
# and its group-commit metrics; free ports, the registry's seed and process, CPU counters, py-spy summary
points_bench = _bench("points")
registry_bench = _bench("registry")
recreate, drop = points_bench.recreate, points_bench.drop
free_port, proc_cpu, machine_busy = registry_bench.free_port, registry_bench.proc_cpu, registry_bench.machine_busy

PG = "postgresql://postgres@127.0.0.1:5432"
BROKER = os.environ.get("CITYPLAT_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")
PREFIX = "h1bench"
REGISTRY_DB, CENTERS_DB, POINTS_DB = f"{PREFIX}_registry", f"{PREFIX}_centers", f"{PREFIX}_points"
DATABASES = (REGISTRY_DB, CENTERS_DB, POINTS_DB)
# the registry's demo district (services/registry/seed.py): the centre's community and its organisations
DISTRICT, SUBDISTRICT, COMMUNITY = "310101", "310101002", "310101002001"
BEIJING = timezone(timedelta(hours=8))
SPACES = 10
LENGTHS = (30, 60)  # minutes
OPEN, CLOSE = "00:00", "23:59"
GRID = 15  # minutes
OVERLAP_CHECKED = "starts_at: overlaps booking "  # the use case's check (services/centers/app/bookings.py)
OVERLAP_CONSTRAINT = "starts_at: overlaps a booking of the space taken at the same time"  # CONFLICTS[...]


# ---- set-up

def setup_registry(tmp: Path) -> tuple[dict, list[str]]:
    """The registry on its own database, the demo district seeded; (its process, the district's organisations)."""
    from sqlalchemy import create_engine, text

    recreate(REGISTRY_DB)
    url = f"{PG}/{REGISTRY_DB}"
    registry_bench.seed(url, "district")  # migrated, ``cityplat seed demo``
    engine = create_engine(url.replace("postgresql", "postgresql+psycopg2"))
    with engine.connect() as conn:
        orgs = list(conn.scalars(text("SELECT id FROM organisations WHERE district = :d AND status = 'active' "
                                      "ORDER BY id"), {"d": DISTRICT}))
    engine.dispose()
    if not orgs:
        raise SystemExit("the registry's demo seed holds no organisation in 310101")
    return registry_bench.start_real("registry", url, tmp), orgs


def setup_centers(centres: int) -> list[list[str]]:
    """``centres`` centres of the community, each with SPACES spaces open all day every day; their space ids."""
    from services.common.context import RequestContext, Role
    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.common.registry_client import KnownDivisions, replaced
    from services.centers import models as m
    from services.centers.app import centres as centre_cases
    from services.centers.domain.spaces import MAX_CAPACITY, MAX_MONTHLY_QUOTA_HOURS, SPACE_KINDS

    recreate(CENTERS_DB)
    url = f"{PG}/{CENTERS_DB}"
    upgrade("centers", url)  # the Alembic chain, as production runs it: the exclusion constraint included
    db = Database("centers", url, m.Base.metadata)
    kinds = [k for k in SPACE_KINDS if k != "other"]
    ctx = RequestContext(actor="h1bench-setup", roles=frozenset({Role.DISTRICT_ADMIN}), district=DISTRICT)
    every_day = [{"weekday": d, "opens": OPEN, "closes": CLOSE} for d in range(1, 8)]
    found = []
    try:
        for n in range(centres):
            with db.uow(ctx) as uow:
                with replaced(KnownDivisions({COMMUNITY})):  # as the seed does: the registry's community
                    centre = centre_cases.create_centre(uow, community=COMMUNITY, name=f"h1bench centre {n + 1}",
                                                        monthly_quota_hours=MAX_MONTHLY_QUOTA_HOURS)
                found.append([centre_cases.add_space(uow, centre_id=centre["id"], name=f"space {i + 1}",
                                                     kind=kinds[i % len(kinds)], capacity=MAX_CAPACITY,
                                                     hours=every_day, open_on_public_holidays=True)["id"]
                              for i in range(SPACES)])
                uow.commit()
    finally:
        db.dispose()
    return found


def start_grpc(service: str, env: dict, http: int, tmp: Path) -> subprocess.Popen:
    """``cityplat-grpc <service>`` with ``env``, ready on its HTTP port."""
    from services.processes import wait_ready

    log = tmp / f"{service}.log"
    proc = subprocess.Popen([str(Path(sys.executable).with_name("cityplat-grpc")), service], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=open(log, "w"))
    if not wait_ready(http, 60):
        proc.kill()
        proc.wait()
        raise SystemExit(f"{service} did not start; see {log}:\n{log.read_text()[-3000:]}")
    return proc


def service_env(service: str, db: str, port: int, http: int, tmp: Path, registry_target: str) -> dict:
    key = f"CITYPLAT_SERVICES__{service.upper()}__"
    return {**os.environ, f"{key}DATABASE_URL": f"{PG}/{db}", f"{key}GRPC_PORT": str(port),
            f"{key}GRPC_HTTP_PORT": str(http), f"{key}WORKER_HTTP_PORT": str(free_port()),
            "CITYPLAT_REGISTRY_TARGET": registry_target, "CITYPLAT_BROKER_URL": BROKER,
            "CITYPLAT_VAR_DIR": str(tmp / f"var-{service}"),
            "CITYPLAT_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING")}


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---- the clients

def _booking_requests(plan: dict, rnd: random.Random):
    """Endless BookSpace requests: random space, day, 15-minute start, 30 or 60 minutes, organisation."""
    from cityplat.centers.v1 import centers_pb2 as pb

    first = date.fromisoformat(plan["first_day"])
    while True:
        length = rnd.choice(LENGTHS)
        latest = (23 * 60 + 59 - length) // GRID  # ends by 23:59, the day's closing
        day = first + timedelta(days=rnd.randrange(plan["days"]))
        starts = datetime.combine(day, dtime(0), BEIJING) + timedelta(minutes=GRID * rnd.randint(0, latest))
        yield pb.BookSpaceRequest(space_id=rnd.choice(plan["spaces"]), starts_at=starts.isoformat(),
                                  ends_at=(starts + timedelta(minutes=length)).isoformat(),
                                  purpose="三会一课 (h1bench)", attendees=10,
                                  organisation_id=rnd.choice(plan["organisations"]),
                                  idempotency_key=uuid.uuid4().hex)


def _award_requests(plan: dict, rnd: random.Random):
    """Endless Earn requests, as benchmarks/points/bench.py sends them (uniform over 16 districts)."""
    from cityplat.points.v1 import points_pb2 as pb

    while True:
        district = rnd.choice(plan["districts"])
        owner = rnd.choice(plan["accounts"][district]).split(":")[-1]
        yield district, pb.EarnRequest(account=pb.AccountRef(kind="resident", owner=owner,
                                                            community=f"{district}001001"),
                                       action_type="bench_award", idempotency_key=uuid.uuid4().hex)


def _outcome(exc) -> str:
    """A refusal's kind: the overlap (the use case's check, or the constraint's), else code and details."""
    details = exc.details() or ""
    if exc.code().name == "FAILED_PRECONDITION":
        if details.startswith(OVERLAP_CHECKED):
            return "overlap_checked"
        if details == OVERLAP_CONSTRAINT:
            return "overlap_constraint"
    return f"{exc.code().name}: {re.sub(r'[0-9a-f]{32}', '<id>', details)[:160]}"


def client_main(kind, target, plan, threads, seed, ready, go, window, out_q):
    """One process of ``threads`` closed-loop clients, each on its own channel."""
    import grpc

    from services.common.auth import mint_token

    if kind == "book":
        from cityplat.centers.v1 import centers_pb2 as pb
        from cityplat.centers.v1 import centers_pb2_grpc as pbg
    else:
        from cityplat.points.v1 import points_pb2 as pb
        from cityplat.points.v1 import points_pb2_grpc as pbg
    results = [None] * threads

    def work(i):
        rnd = random.Random(seed * 1000 + i)
        channel = grpc.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)])
        if kind == "book":
            stub = pbg.CentersStub(channel)
            md = (("authorization", "Bearer " + mint_token(f"h1bench-worker-{seed}-{i}", ["community_worker"],
                                                           DISTRICT, SUBDISTRICT, COMMUNITY)),)
            for _ in range(3):  # connected and warm before the clock starts: reads, which book nothing
                stub.GetSpace(pb.SpaceRef(id=rnd.choice(plan["spaces"])), metadata=md, timeout=10)
            requests = ((md, r) for r in _booking_requests(plan, rnd))
            call = stub.BookSpace
        else:
            stub = pbg.PointsStub(channel)
            mds = {d: (("authorization", "Bearer " + mint_token(f"h1bench-worker-{seed}-{i}", ["community_worker"],
                                                                d)),) for d in plan["districts"]}
            for _ in range(3):
                d = rnd.choice(plan["districts"])
                stub.GetAccount(pb.AccountIdRequest(account_id=rnd.choice(plan["accounts"][d])), metadata=mds[d],
                                timeout=10)
            requests = ((mds[d], r) for d, r in _award_requests(plan, rnd))
            call = stub.Earn
        ready.release()
        go.wait()
        start_at, stop_at = window[0], window[1]
        time.sleep(max(start_at - time.time(), 0))
        perf = time.perf_counter
        latencies, outcomes, late, timeline = [], collections.Counter(), collections.Counter(), collections.Counter()
        while time.time() < stop_at:
            md, request = next(requests)
            t = perf()
            try:
                reply = call(request, metadata=md, timeout=10)
                outcome = "confirmed" if kind == "book" and reply.status == "confirmed" else \
                    ("ok" if kind != "book" else f"status {reply.status}")
            except grpc.RpcError as exc:
                outcome = _outcome(exc)
            if (now := time.time()) <= stop_at:  # answered inside the window: counted in the rates
                latencies.append(perf() - t)
                outcomes[outcome] += 1
                timeline[(int(now - start_at), outcome)] += 1
            else:  # the call that straddled the window's end: not in the rates, but its row is in the table
                late[outcome] += 1
        channel.close()
        results[i] = (latencies, outcomes, late, timeline)

    workers = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(threads)]
    for w in workers:
        w.start()
    go.wait()
    time.sleep(max(window[0] - time.time(), 0))
    cpu0 = time.process_time()
    time.sleep(max(window[1] - time.time(), 0))
    cpu1 = time.process_time()
    for w in workers:
        w.join()
    latencies = [x for r in results for x in r[0]]
    outcomes = sum((r[1] for r in results), collections.Counter())
    late = sum((r[2] for r in results), collections.Counter())
    timeline = sum((r[3] for r in results), collections.Counter())
    out_q.put((latencies, dict(outcomes), dict(late), cpu1 - cpu0, list(timeline.items())))


def postgres_cpu() -> dict[int, float]:
    """CPU seconds of every PostgreSQL process on the machine (its backends, others' included)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if "(postgres)" in text:
            fields = text.rsplit(")", 1)[1].split()
            found[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def load(kind: str, target: str, plan: dict, clients: int, processes: int, seconds: float,
         watched: dict[str, int]) -> dict:
    """``clients`` closed-loop clients for ``seconds``; ``watched``: name → pid whose CPU is measured."""
    ctx = mp.get_context("spawn")  # no grpc state inherited across fork
    ready, go, q = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    window = ctx.Array("d", 2)
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    procs = [ctx.Process(target=client_main, args=(kind, target, plan, n, i, ready, go, window, q), daemon=True)
             for i, n in enumerate(per) if n]
    try:
        for p in procs:
            p.start()
        for _ in range(clients):
            if not ready.acquire(timeout=120):
                raise SystemExit("a client did not connect")
        time.sleep(0.5)  # the clients' start-up settles
        window[0] = time.time() + 0.2
        window[1] = window[0] + seconds
        go.set()
        while time.time() < window[0]:
            time.sleep(0.001)
        cpu0, pg0, busy0 = {k: proc_cpu(p) for k, p in watched.items()}, postgres_cpu(), machine_busy()
        time.sleep(max(window[1] - time.time(), 0))
        cpu1, pg1, busy1 = {k: proc_cpu(p) for k, p in watched.items()}, postgres_cpu(), machine_busy()
        results = [q.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(30)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
                p.join(10)
    latencies = sorted(x for r in results for x in r[0])
    outcomes = sum((collections.Counter(r[1]) for r in results), collections.Counter())
    late = sum((collections.Counter(r[2]) for r in results), collections.Counter())
    calls = len(latencies)
    timeline = collections.Counter()
    for r in results:
        timeline.update({tuple(k): v for k, v in r[4]})

    def pct(p):
        return round(1000 * latencies[min(int(calls * p), calls - 1)], 1) if calls else None

    def per_call(cpu_seconds):
        return round(1000 * cpu_seconds / max(calls, 1), 3)

    found = {"calls": calls, "per_second": round(calls / seconds, 1), "p50_ms": pct(0.50), "p95_ms": pct(0.95),
             "p99_ms": pct(0.99), "outcomes": dict(outcomes.most_common()), "after_window": dict(late),
             # each second of the window: its answers by outcome (bookings: the calendar filling up)
             "per_second_of_window": [{o: n for (sec, o), n in sorted(timeline.items()) if sec == t}
                                      for t in range(int(seconds + 0.999))]}
    for name in watched:
        found[f"{name}_cpu_ms_per_call"] = per_call(cpu1[name] - cpu0[name])
        found[f"{name}_cpu_cores"] = round((cpu1[name] - cpu0[name]) / seconds, 3)
    clients_cpu = sum(r[3] for r in results)
    found["clients_cpu_ms_per_call"] = per_call(clients_cpu)
    found["clients_cpu_cores"] = round(clients_cpu / seconds, 3)
    pg = sum(v - pg0.get(pid, 0.0) for pid, v in pg1.items())  # a backend started in the window: all its CPU
    found["postgres_cpu_ms_per_call"], found["postgres_cpu_cores"] = per_call(pg), round(pg / seconds, 3)
    found["machine_busy_share"] = round((busy1[0] - busy0[0]) / max(busy1[1] - busy0[1], 1), 3)
    return found


# ---- what the server says, and what the table holds

def metrics(http: int) -> dict[str, float]:
    """The server's /metrics, each sample by its name and labels."""
    import urllib.request

    text = urllib.request.urlopen(f"http://127.0.0.1:{http}/metrics", timeout=5).read().decode()
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            sample, _, value = line.rpartition(" ")
            try:
                found[sample] = float(value)
            except ValueError:
                pass
    return found


def metrics_delta(before: dict, after: dict, *prefixes: str) -> dict[str, float]:
    return {k: v - before.get(k, 0.0) for k, v in after.items()
            if k.startswith(prefixes) and not k.partition("{")[0].endswith("_created") and v - before.get(k, 0.0)}


CHECKS = {
    "exclusion_constraint_present": "SELECT count(*) FROM pg_constraint WHERE conname = 'ex_bookings_no_overlap'",
    # no two active bookings of one space whose half-open ranges overlap (the constraint's own rule)
    "overlapping_active_pairs": """
        SELECT count(*) FROM bookings a JOIN bookings b
          ON a.space_id = b.space_id AND a.id < b.id
         AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
        WHERE a.status IN ('requested', 'confirmed') AND b.status IN ('requested', 'confirmed')""",
    "rows": "SELECT count(*) FROM bookings WHERE space_id = ANY(:spaces)",
    "confirmed_rows": "SELECT count(*) FROM bookings WHERE space_id = ANY(:spaces) AND status = 'confirmed'",
    "audit_rows": "SELECT count(*) FROM audit_log WHERE action = 'book space' AND subject IN "
                  "(SELECT id FROM bookings WHERE space_id = ANY(:spaces))",
    "outbox_rows": "SELECT count(*) FROM outbox WHERE event_type = 'booking.confirmed'",
    "booked_minutes": "SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60), 0)::bigint FROM bookings "
                      "WHERE space_id = ANY(:spaces) AND status IN ('requested', 'confirmed')",
}


def check_table(spaces: list[str]) -> dict[str, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(f"{PG}/{CENTERS_DB}".replace("postgresql", "postgresql+psycopg2"))
    try:
        with engine.connect() as conn:
            return {name: int(conn.scalar(text(sql), {"spaces": spaces} if ":spaces" in sql else {}))
                    for name, sql in CHECKS.items()}
    finally:
        engine.dispose()


def bookings_run(target: str, http: int, plan: dict, args, watched: dict[str, int]) -> dict:
    before = metrics(http)
    found = load("book", target, plan, args.clients, args.client_processes, args.seconds, watched)
    found["server_metrics"] = metrics_delta(before, metrics(http), "cityplat_transaction_retries_total",
                                            "cityplat_grpc_requests_total", "cityplat_centers_booking")
    found["confirmed"] = found["outcomes"].get("confirmed", 0)
    found["confirmed_per_second"] = round(found["confirmed"] / args.seconds, 1)
    found["overlap_refusals"] = found["outcomes"].get("overlap_checked", 0) + found["outcomes"].get(
        "overlap_constraint", 0)
    found["errors"] = {k: v for k, v in found["outcomes"].items()
                       if k not in ("confirmed", "overlap_checked", "overlap_constraint")}
    table = check_table(plan["spaces"])
    # every confirmed answer, in the window or the one call of each client that straddled its end
    answered = found["confirmed"] + found["after_window"].get("confirmed", 0)
    horizon_minutes = SPACES * plan["days"] * (23 * 60 + 59)
    found["check"] = {**table, "confirmed_answers": answered,
                      "rows_equal_confirmed_answers": table["rows"] == answered == table["confirmed_rows"],
                      "zero_overlaps": table["overlapping_active_pairs"] == 0,
                      "horizon_booked_share": round(table["booked_minutes"] / horizon_minutes, 3)}
    return found


def awards_run(target: str, http: int, plan: dict, args, watched: dict[str, int]) -> dict:
    before = points_bench.group_commits(http)
    found = load("award", target, plan, args.clients, args.client_processes, args.seconds, watched)
    after = points_bench.group_commits(http)
    found["awards"] = found["outcomes"].get("ok", 0)
    found["awards_per_second"] = round(found["awards"] / args.seconds, 1)
    found["errors"] = {k: v for k, v in found["outcomes"].items() if k != "ok"}
    found["mean_group_commit"] = round((after[0] - before[0]) / max(after[1] - before[1], 1), 2)
    return found


#: the parts of a booking's work in the server, by a function on its stack (py-spy's name, class-qualified;
#: the first part whose function a sample's stack holds takes the sample)
PARTS = {
    "registry call (organisation_in)": "organisation_in",
    "quota (_booked_minutes)": "_booked_minutes",
    "slot checks (_check_slot)": "_check_slot",
    "write (_write_booking: insert, audit, outbox)": "_write_booking",
    "the space (r.space)": "Repository.space",
    "idempotency: earlier answer after a refusal": "run_idempotent.<locals>.earlier_answer",
    "idempotency key insert (flush_writes)": "UnitOfWork.flush_writes",
    "commit": "UnitOfWork.commit",
    "rest of book_space": "book_space",
    "rest of run_idempotent (unit of work, rollback)": "run_idempotent",
    "observer (token, proto rules, metrics)": "_Observer.wrap.<locals>.unary",
    "everything else (the event loop: grpc's machinery)": "",
}


def parts(collapsed: str) -> dict[str, float]:
    """Shares of the samples by PARTS (py-spy's collapsed stacks, innermost frame last)."""
    found, samples = collections.Counter(), 0
    for line in collapsed.splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack:
            continue
        samples += int(n)
        frames = {f.partition(" (")[0] for f in stack.split(";")}
        for name, marker in PARTS.items():
            if not marker or marker in frames:
                found[name] += int(n)
                break
    return {name: round(found[name] / max(samples, 1), 4) for name in PARTS}


def profile_run(target: str, http: int, plan: dict, args, watched: dict[str, int], pid: int, tmp: Path) -> dict:
    """One more bookings run (fresh spaces) with py-spy on the centers server: its top frames, a booking's parts."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    raw = tmp / "centers-profile.txt"
    mode = ["--idle"] if args.profile_idle else ["--gil"]  # every thread's waits too, or the lock's holder only
    proc = subprocess.Popen([spy, "record", *mode, "--format", "raw", "-o", str(raw), "-r", "200",
                             "-d", str(int(args.seconds) + 2), "-p", str(pid)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.0)
        found = bookings_run(target, http, plan, args, watched)
        _, err = proc.communicate(timeout=120)
    finally:
        stop(proc)
    if not raw.exists():
        raise SystemExit(f"py-spy wrote nothing: {err}")
    collapsed = raw.read_text()
    summary = registry_bench.summarise(collapsed)
    summary["mode"] = mode[0]
    summary["booking_parts"] = parts(collapsed)
    if args.profile_dir:
        shutil.copy(raw, Path(args.profile_dir) / raw.name)
    summary["while_profiled"] = {k: found[k] for k in ("per_second", "confirmed_per_second", "server_cpu_ms_per_call",
                                                       "errors", "check")}
    return summary


# ---- the run

def main(args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"{PREFIX}-"))
    os.environ["CITYPLAT_BROKER_URL"] = BROKER  # the registry's process too (it inherits the environment)
    procs: dict[str, subprocess.Popen] = {}
    results = {"command": ".venv/bin/python benchmarks/centers/bench.py " + " ".join(sys.argv[1:]),
               "machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
                          f"Python {platform.python_version()}",
               "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "clients": args.clients,
               "client_processes": args.client_processes, "seconds": args.seconds, "days": args.days,
               "client": "python grpc, closed loop, one channel per client"}
    try:
        print("registry: database, demo seed, process ...", flush=True)
        registry, organisations = setup_registry(tmp)
        procs["registry"] = registry["proc"]
        print(f"centers: database (Alembic), {1 + args.profile} centre(s) of {SPACES} spaces ...", flush=True)
        space_sets = setup_centers(1 + args.profile)
        print(f"points: database ({len(points_bench.DISTRICTS)} districts, {args.accounts} accounts each) ...",
              flush=True)
        points_plan = points_bench.setup(args.accounts, POINTS_DB)
        first_day = datetime.now(BEIJING).date() + timedelta(days=1)  # tomorrow: no slot is in the past
        plan = {"spaces": space_sets[0], "organisations": organisations, "days": args.days,
                "first_day": first_day.isoformat(), "districts": points_bench.DISTRICTS,
                "accounts": points_plan["accounts"]}
        results.update(first_day=first_day.isoformat(), organisations=len(organisations), spaces=SPACES,
                       lengths_minutes=list(LENGTHS), grid_minutes=GRID, hours=f"{OPEN}-{CLOSE} every day",
                       points_accounts=args.accounts * len(points_bench.DISTRICTS))

        ports = {s: (free_port(), free_port()) for s in ("centers", "points")}
        for service, db in (("centers", CENTERS_DB), ("points", POINTS_DB)):
            port, http = ports[service]
            procs[service] = start_grpc(service, service_env(service, db, port, http, tmp, registry["target"]),
                                        http, tmp)
        centers_target, points_target = (f"127.0.0.1:{ports[s][0]}" for s in ("centers", "points"))
        watched_book = {"server": procs["centers"].pid, "registry": procs["registry"].pid}
        watched_award = {"server": procs["points"].pid}

        order = ("awards", "bookings", "awards")  # awards around the bookings: drift falls on both sides
        award_runs = []
        for n, what in enumerate(order):
            print(f"{what} ({n + 1}/{len(order)}): {args.clients} clients, {args.seconds:g} s ...", end=" ", flush=True)
            if what == "awards":
                r = awards_run(points_target, ports["points"][1], plan, args, watched_award)
                award_runs.append(r)
                print(f"{r['awards_per_second']}/s p50 {r['p50_ms']} p95 {r['p95_ms']} ms, errors {r['errors'] or 0}, "
                      f"server {r['server_cpu_ms_per_call']} ms CPU/call, clients {r['clients_cpu_cores']} cores, "
                      f"machine {100 * r['machine_busy_share']:.0f}% busy", flush=True)
            else:
                r = results["bookings"] = bookings_run(centers_target, ports["centers"][1], plan, args, watched_book)
                print(f"{r['per_second']} calls/s, {r['confirmed_per_second']} confirmed/s, p50 {r['p50_ms']} p95 "
                      f"{r['p95_ms']} ms; outcomes {r['outcomes']}; server {r['server_cpu_ms_per_call']} ms CPU/call, "
                      f"registry {r['registry_cpu_ms_per_call']} ms, postgres {r['postgres_cpu_ms_per_call']} ms, "
                      f"clients {r['clients_cpu_cores']} cores, machine {100 * r['machine_busy_share']:.0f}% busy",
                      flush=True)
                print(f"  check: {r['check']}", flush=True)
                print(f"  server metrics: {r['server_metrics']}", flush=True)
                print("  each second, confirmed/answered: " + " ".join(
                    f"{sec.get('confirmed', 0)}/{sum(sec.values())}" for sec in r["per_second_of_window"]), flush=True)
        results["awards_runs"] = award_runs
        awards = round(sum(r["awards_per_second"] for r in award_runs) / len(award_runs), 1)
        bookings = results["bookings"]
        results["summary"] = {
            "bookings_confirmed_per_second": bookings["confirmed_per_second"],
            "booking_calls_per_second": bookings["per_second"],
            "awards_per_second": awards, "awards_per_second_runs": [r["awards_per_second"] for r in award_runs],
            "ratio_confirmed_bookings_to_awards": round(bookings["confirmed_per_second"] / awards, 3),
            "ratio_booking_calls_to_awards": round(bookings["per_second"] / awards, 3),
            "zero_overlaps": bookings["check"]["zero_overlaps"],
            "rows_equal_confirmed_answers": bookings["check"]["rows_equal_confirmed_answers"],
            "booking_errors": sum(bookings["errors"].values()),
            "award_errors": sum(sum(r["errors"].values()) for r in award_runs)}
        if args.profile:
            print(f"profiling the centers server (py-spy {'--idle' if args.profile_idle else '--gil'}), bookings on "
                  "fresh spaces ...", flush=True)
            found = results["profile"] = profile_run(centers_target, ports["centers"][1],
                                                     {**plan, "spaces": space_sets[1]}, args, watched_book,
                                                     procs["centers"].pid, tmp)
            print(f"  {found['while_profiled']['per_second']} calls/s while profiled, {found['samples']} samples")
            for name, share in found["booking_parts"].items():
                print(f"    {100 * share:5.1f}%  {name}")
            for kind in ("self", "total"):
                print(f"  by {kind}:")
                for frame, share in found[kind][:15]:
                    print(f"    {100 * share:5.1f}%  {frame}")
    finally:
        for proc in procs.values():
            stop(proc)
        for db in DATABASES:
            drop(db)
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(results["summary"], indent=2), flush=True)
    return results


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--client-processes", type=int, default=5, help="processes the clients' threads share")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--days", type=int, default=3, help="days (from tomorrow) the bookings fall on")
    parser.add_argument("--accounts", type=int, default=100, help="points accounts per district")
    parser.add_argument("--profile", action="store_true", help="py-spy the centers server in one more bookings run")
    parser.add_argument("--profile-idle", action="store_true",
                        help="with --profile: sample every thread, waiting ones too (py-spy --idle), not --gil")
    parser.add_argument("--profile-dir", default=None, help="keep py-spy's collapsed stacks there")
    parser.add_argument("--no-write", action="store_true", help="do not append to results.json")
    return parser.parse_args()


if __name__ == "__main__":
    from tests.brokers import own_vhost

    arguments = parse_args()
    def _interrupted(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    # SIGTERM unwinds like Ctrl-C: every finally runs (processes stopped, databases and vhost dropped)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        with own_vhost(BROKER, f"{PREFIX}-{os.getpid()}") as BROKER:  # the benchmark's queues are its own
            recorded = main(arguments)
    finally:
        for leftover in DATABASES:  # also when the set-up failed half-way
            drop(leftover)
    if not arguments.no_write:
        path = ROOT / "benchmarks" / "centers" / "results.json"
        runs = json.loads(path.read_text())["runs"] if path.exists() else []
        path.write_text(json.dumps({"runs": runs + [recorded]}, indent=2, ensure_ascii=False) + "\n")
