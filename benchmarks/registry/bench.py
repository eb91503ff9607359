"""Registry read benchmark: ListChildren and GetPerson over gRPC against one real ``cityplat-grpc
registry`` process, side by side in one run with a bare ``grpc.aio`` server that answers the same
method paths with the same reply bytes (captured from the real server), driven by the same client.

    .venv/bin/python benchmarks/registry/bench.py [--database sqlite|postgresql] [--clients 8] [--seconds 15]
        [--rounds 2] [--compare-ref HEAD] [--profile]

- Its own database: a SQLite file in a temporary directory (the embedded default), or with
  ``--database postgresql`` a PostgreSQL database of its own (cityplat_bench_registry_<pid> on
  postgres@127.0.0.1:5432, trust), migrated and seeded with the demo district (``cityplat seed demo``).
- The caller is a community worker of 310101002001 (``--caller district``: a district admin of
  310101); ListChildren asks for the two grids of that community (the two sub-districts of the
  district), GetPerson for a person living there.
- Clients: ``--clients`` closed-loop Python clients, each in its own process on its own channel
  (send, wait for the answer, send the next), sending pre-serialized request bytes and reading raw
  reply bytes, so that a call costs the client the same against either server.
- ``--compare-ref REF`` also serves the registry as it is at git ``REF`` (``git archive``, read
  only) from a second process on the same database: before/after in the same run.
- Each (method, server) runs ``--rounds`` times, the order reversed every other round (drift on a
  shared machine falls on both sides); the rate is the mean over the rounds, p50/p99 over all calls.
- ``--profile``: afterwards, one more run of each method against the real server with py-spy
  recording it (not counted); the top frames by self and total share go into results.json.
- On PostgreSQL, the round trips of one call: each real server's code (the working tree's, the
  ref's) is started once more, on a loopback proxy in front of PostgreSQL that counts the queries it
  passes on (the simple query protocol's ``Q`` messages: psycopg2 sends every statement, BEGIN and
  ROLLBACK and the pool's ping included, as one, and waits for its answer), and called
  ``ROUND_TRIP_CALLS`` times one after another per method (``--no-round-trips``: not).

Results print as they come and are written to benchmarks/registry/results.json under the database's
name, with the command, machine and time (``--no-write``: not).
Every process, temporary directory and database it makes is removed at the end.
"""
from __future__ import annotations

import argparse
import collections
import json
import multiprocessing as mp
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.integration.tcp_proxy import TcpProxy  # noqa: E402  (the tests' proxy, counting what passes)

PG = "postgresql://postgres@127.0.0.1:5432"
SERVICE_PATH = "/cityplat.registry.v1.Registry/"
METHODS = ("ListChildren", "GetPerson")
#: ports the benchmark never takes (the services' configured ones)
RESERVED = set(range(50051, 50056)) | set(range(9101, 9206))


def free_port() -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in RESERVED:
            return port


# ---- the database

def make_database(kind: str, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'registry.db'}"
    from sqlalchemy import create_engine, pool, text

    name = f"cityplat_bench_registry_{os.getpid()}"
    admin = create_engine(f"{PG.replace('postgresql', 'postgresql+psycopg2')}/postgres",
                          isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{PG}/{name}"


def drop_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, pool, text

    name = url.rsplit("/", 1)[1]
    admin = create_engine(f"{PG.replace('postgresql', 'postgresql+psycopg2')}/postgres",
                          isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def seed(url: str, caller: str) -> dict:
    """Migrate and seed the demo district; the requests (and the token's scope) of the benchmark."""
    from sqlalchemy import select

    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.registry import models as m
    from services.registry.seed import seed_demo

    upgrade("registry", url)
    db = Database("registry", url, m.Base.metadata)
    try:
        seed_demo(db)
        with db.engine.connect() as conn:
            person = conn.scalar(select(m.Person.id).where(m.Person.external_ref == "demo-0"))
    finally:
        db.dispose()
    if caller == "community":
        return {"roles": ["community_worker"], "district": "310101", "community": "310101002001",
                "children_of": "310101002001", "person": person}
    return {"roles": ["district_admin"], "district": "310101", "community": None, "children_of": "310101",
            "person": person}


def requests_for(plan: dict) -> dict[str, bytes]:
    from cityplat.registry.v1 import registry_pb2 as pb

    return {"ListChildren": pb.DivisionRef(code=plan["children_of"]).SerializeToString(),
            "GetPerson": pb.PersonRef(id=plan["person"]).SerializeToString()}


# ---- the servers

def start_real(name: str, url: str, tmp: Path, tree: Path | None = None, command: list[str] | None = None) -> dict:
    """One ``cityplat-grpc registry`` process (of the working tree, or of ``tree``) on free ports."""
    from services.processes import wait_ready

    port, http = free_port(), free_port()
    env = {**os.environ,
           "CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": url,
           "CITYPLAT_SERVICES__REGISTRY__GRPC_PORT": str(port),
           "CITYPLAT_SERVICES__REGISTRY__GRPC_HTTP_PORT": str(http),
           "CITYPLAT_SERVICES__REGISTRY__WORKER_HTTP_PORT": str(free_port()),
           "CITYPLAT_REGISTRY_TARGET": f"127.0.0.1:{port}",
           "CITYPLAT_VAR_DIR": str(tmp / f"var-{name}"),
           "CITYPLAT_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING")}
    if tree is not None:  # the tree's packages come before the editable install's (a meta path finder)
        env["PYTHONPATH"] = os.pathsep.join([str(tree), str(tree / "proto")])
    log = open(tmp / f"{name}.log", "w")
    proc = subprocess.Popen(command or [str(Path(sys.executable).with_name("cityplat-grpc")), "registry"],
                            cwd=tree or ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    if not wait_ready(http, 60):
        proc.kill()
        raise SystemExit(f"the {name} registry did not start; see {tmp / f'{name}.log'}:\n"
                         + (tmp / f"{name}.log").read_text()[-3000:])
    return {"name": name, "proc": proc, "target": f"127.0.0.1:{port}", "http": http}


def bare_main(port: int, replies_path: str) -> None:
    """The reference: grpc.aio with a generic handler per method path returning pre-serialized bytes."""
    import asyncio

    import grpc

    replies = {path: bytes.fromhex(hexed) for path, hexed in json.loads(Path(replies_path).read_text()).items()}

    async def serve():
        server = grpc.aio.server()
        by_service = collections.defaultdict(dict)
        for path, reply in replies.items():
            service, method = path.lstrip("/").rsplit("/", 1)

            async def answer(request, context, reply=reply):
                return reply

            # no (de)serializers: the request arrives as bytes, the reply leaves as the bytes given
            by_service[service][method] = grpc.unary_unary_rpc_method_handler(answer)
        server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(s, h) for s, h in by_service.items()])
        server.add_insecure_port(f"127.0.0.1:{port}")
        await server.start()
        print("ready", flush=True)
        await server.wait_for_termination()

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    asyncio.run(serve())


def start_bare(replies: dict[str, bytes], tmp: Path) -> dict:
    path = tmp / "replies.json"
    path.write_text(json.dumps({k: v.hex() for k, v in replies.items()}))
    port = free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--bare-server", str(port), str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=open(tmp / "bare.log", "w"), text=True)
    if proc.stdout.readline().strip() != "ready":
        proc.kill()
        raise SystemExit(f"the bare server did not start; see {tmp / 'bare.log'}")
    return {"name": "bare", "proc": proc, "target": f"127.0.0.1:{port}", "http": None}


def stop(server: dict) -> None:
    proc = server["proc"]
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def capture(target: str, metadata, requests: dict[str, bytes]) -> dict[str, bytes]:
    """The real server's reply bytes to each request (checked to parse as the method's reply)."""
    import grpc

    from cityplat.registry.v1 import registry_pb2 as pb

    out = {}
    with grpc.insecure_channel(target) as channel:
        for method, body in requests.items():
            reply = channel.unary_unary(SERVICE_PATH + method)(body, metadata=metadata, timeout=10)
            kind = pb.DivisionList if method == "ListChildren" else pb.Person
            parsed = kind.FromString(reply)
            if method == "ListChildren" and len(parsed.items) != 2 or method == "GetPerson" and not parsed.id:
                raise SystemExit(f"{method}: unexpected reply {parsed}")
            out[SERVICE_PATH + method] = reply
    return out


# ---- the round trips

#: sequential calls per method whose queries are counted (after 20 not counted)
ROUND_TRIP_CALLS = 50
#: the startup packets that precede the real one (SSLRequest, GSSENCRequest): answered with one byte
_PRE_STARTUP = (80877103, 80877104)


class CountingProxy(TcpProxy):
    """A loopback TCP proxy in front of PostgreSQL counting the queries clients send through it: each
    simple-protocol ``Q`` message, by its statement (``SELECT 1``, ``BEGIN``, ``ROLLBACK``) or, for the
    others, by its first word and table (``SELECT divisions``). Connect with ``sslmode=disable``."""

    def __init__(self, target=("127.0.0.1", 5432)):
        super().__init__(target[1], target[0])
        self.queries: collections.Counter = collections.Counter()
        self.start()

    def _forward(self, src, dst):
        state = {"buf": b"", "startup": True}

        def seen(data):
            buf = state["buf"] + data
            while True:
                if state["startup"]:  # length, protocol code, ...: no type byte
                    if len(buf) < 8 or len(buf) < int.from_bytes(buf[:4], "big"):
                        break
                    size, code = int.from_bytes(buf[:4], "big"), int.from_bytes(buf[4:8], "big")
                    buf, state["startup"] = buf[size:], code in _PRE_STARTUP
                    continue
                if len(buf) < 5 or len(buf) < 1 + int.from_bytes(buf[1:5], "big"):
                    break
                kind, size = buf[:1], int.from_bytes(buf[1:5], "big")
                body, buf = buf[5:1 + size], buf[1 + size:]
                if kind == b"Q":
                    with self._lock:
                        self.queries[_statement(body.rstrip(b"\0").decode("utf-8", "replace"))] += 1
            state["buf"] = buf

        self._pipe(src, dst, seen)

    def take(self) -> collections.Counter:
        with self._lock:
            taken, self.queries = self.queries, collections.Counter()
        return taken

    close = TcpProxy.cut


def _statement(sql: str) -> str:
    words = sql.split()
    if not words:
        return "(empty)"
    if words[0].upper() != "SELECT" or len(words) <= 2:
        return " ".join(words).upper() if len(words) <= 2 else words[0].upper()
    table = next((w for prev, w in zip(words, words[1:]) if prev.upper() == "FROM"), "?")
    return f"SELECT {table}"


def round_trips(name: str, url: str, tmp: Path, tree: Path | None, requests: dict[str, bytes], metadata) -> dict:
    """Queries per call, by statement, of one real server's code (see the module's docstring)."""
    import grpc
    from sqlalchemy.engine import make_url

    proxy = CountingProxy()
    parsed = make_url(url)
    proxied = parsed.set(host="127.0.0.1", port=proxy.port,
                         query={**parsed.query, "sslmode": "disable"}).render_as_string(hide_password=False)
    server = start_real(f"{name}-counted", proxied, tmp, tree)
    found = {}
    try:
        with grpc.insecure_channel(server["target"]) as channel:
            for method, body in requests.items():
                call = channel.unary_unary(SERVICE_PATH + method)
                for _ in range(20):
                    call(body, metadata=metadata, timeout=10)
                proxy.take()
                for _ in range(ROUND_TRIP_CALLS):
                    call(body, metadata=metadata, timeout=10)
                counted = proxy.take()
                found[method] = {"per_call": round(sum(counted.values()) / ROUND_TRIP_CALLS, 2),
                                 "statements": {k: round(v / ROUND_TRIP_CALLS, 2) for k, v in counted.most_common()}}
    finally:
        stop(server)
        proxy.close()
    return found


# ---- the load

def client_main(target, path, body, metadata, ready, go, window, out_q):
    """One closed-loop client on its own channel: send, wait for the answer, send the next."""
    import grpc

    channel = grpc.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)])
    call = channel.unary_unary(path)  # bytes in, bytes out: no (de)serializing on the client
    errors, latencies = 0, []
    for _ in range(20):  # connected and warm before the clock starts
        call(body, metadata=metadata, timeout=10)
    ready.release()
    go.wait()
    start_at, stop_at = window[0], window[1]
    time.sleep(max(start_at - time.time(), 0))
    cpu0 = time.process_time()
    perf = time.perf_counter
    while time.time() < stop_at:
        t = perf()
        try:
            call(body, metadata=metadata, timeout=10)
            latencies.append(perf() - t)
        except grpc.RpcError as exc:
            errors += 1
            if errors < 3:
                print(f"[{path}] {exc.code()} {exc.details()}", file=sys.stderr)
    cpu = time.process_time() - cpu0
    channel.close()
    out_q.put((latencies, errors, cpu))


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of every core so far."""
    cpu = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = cpu[3] + cpu[4]
    return sum(cpu) - idle, sum(cpu)


def load(server: dict, method: str, body: bytes, metadata, clients: int, seconds: float) -> dict:
    ctx = mp.get_context("spawn")  # no grpc state inherited across fork
    ready, go, q = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    window = ctx.Array("d", 2)
    procs = [ctx.Process(target=client_main, args=(server["target"], SERVICE_PATH + method, body, metadata, ready, go,
                                                   window, q), daemon=True) for _ in range(clients)]
    for p in procs:
        p.start()
    for _ in procs:
        if not ready.acquire(timeout=120):
            raise SystemExit("a client did not connect")
    time.sleep(0.5)  # the clients' start-up settles
    window[0] = time.time() + 0.2
    window[1] = window[0] + seconds
    pid = server["proc"].pid
    go.set()
    while time.time() < window[0]:
        time.sleep(0.001)
    cpu0, busy0 = proc_cpu(pid), machine_busy()
    time.sleep(max(window[1] - time.time(), 0))
    cpu1, busy1 = proc_cpu(pid), machine_busy()
    results = [q.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
    latencies = sorted(x for r in results for x in r[0])
    calls = len(latencies)

    def pct(p):
        return round(1000 * latencies[min(int(calls * p), calls - 1)], 2) if calls else None

    return {"calls": calls, "errors": sum(r[1] for r in results), "per_second": round(calls / seconds, 1),
            "p50_ms": pct(0.50), "p99_ms": pct(0.99),
            "server_cpu_ms_per_call": round(1000 * (cpu1 - cpu0) / max(calls, 1), 3),
            "clients_cpu_ms_per_call": round(1000 * sum(r[2] for r in results) / max(calls, 1), 3),
            "machine_busy_share": round((busy1[0] - busy0[0]) / max(busy1[1] - busy0[1], 1), 3),
            "_latencies": latencies}


# ---- the profile

def profile(server: dict, method: str, body: bytes, metadata, clients: int, seconds: float, out: Path,
            gil: bool) -> dict:
    """Record the server with py-spy under the same load; the top frames by self and total share."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    raw = out.with_suffix(".txt")
    cmd = [spy, "record", "--format", "raw", "-o", str(raw), "-d", str(int(seconds) + 1), "-r", "200",
           "-p", str(server["proc"].pid)] + (["--gil"] if gil else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    result = load(server, method, body, metadata, clients, seconds)
    _, err = proc.communicate(timeout=120)
    if not raw.exists():
        raise SystemExit(f"py-spy wrote nothing: {err}")
    summary = summarise(raw.read_text())
    summary["rate_while_profiled"] = result["per_second"]
    return summary


def summarise(collapsed: str, top: int = 25) -> dict:
    """Self and total shares of each frame (function, file) in py-spy's collapsed stacks."""
    self_n, total_n, samples = collections.Counter(), collections.Counter(), 0
    for line in collapsed.splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack:
            continue
        n = int(n)
        frames = [_frame(f) for f in stack.split(";")]
        samples += n
        self_n[frames[-1]] += n
        for f in set(frames):
            total_n[f] += n

    def share(counter):
        return [[f, round(c / samples, 4)] for f, c in counter.most_common(top)]

    return {"samples": samples, "self": share(self_n), "total": share(total_n)}


def _frame(frame: str) -> str:
    """``fn (path/to/file.py:123)`` → ``fn (file.py)``: lines of one function counted together."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    parts = Path(where).parts
    short = "/".join(parts[-2:]) if len(parts) >= 2 else where
    return f"{name} ({short})"


# ---- the run

def git_tree(ref: str, tmp: Path) -> Path:
    """The project's files at ``ref``, exported (``git archive`` reads; it changes nothing in git)."""
    dest = tmp / f"tree-{ref.replace('/', '_')}"
    dest.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--caller", choices=("community", "district"), default="community")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--compare-ref", default=None, metavar="REF",
                        help="also serve the registry of git REF (e.g. HEAD: the code before the working tree's changes)")
    parser.add_argument("--profile", action="store_true", help="py-spy the real server under load afterwards")
    parser.add_argument("--profile-gil", action="store_true", help="py-spy only the thread holding the GIL")
    parser.add_argument("--profile-dir", default=None, help="where py-spy's collapsed stacks go (default: a temp dir)")
    parser.add_argument("--no-round-trips", action="store_true",
                        help="on PostgreSQL, do not count the queries per call")
    parser.add_argument("--no-write", action="store_true", help="do not write results.json")
    args = parser.parse_args()
    methods = [m for m in args.methods.split(",") if m]
    if stray := set(methods) - set(METHODS):
        parser.error(f"--methods: unknown {', '.join(sorted(stray))}")

    command = "benchmarks/registry/bench.py " + " ".join(sys.argv[1:])
    tmp = Path(tempfile.mkdtemp(prefix="cityplat-bench-registry-"))
    url, servers = None, []
    results = {"command": f".venv/bin/python {command}".strip(),
               "machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
                          f"Python {platform.python_version()}",
               "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "database": args.database, "clients": args.clients, "seconds": args.seconds, "rounds": args.rounds,
               "caller": args.caller, "client": "python, one process per client, raw bytes"}
    try:
        print(f"database: {args.database} ...", flush=True)
        url = make_database(args.database, tmp)
        plan = seed(url, args.caller)
        from services.common.auth import mint_token

        token = mint_token("bench", plan["roles"], plan["district"], community=plan["community"])
        metadata = (("authorization", f"Bearer {token}"),)
        requests = requests_for(plan)
        trees = {"real": None}
        if args.compare_ref:
            trees[f"ref:{args.compare_ref}"] = git_tree(args.compare_ref, tmp)
        if args.database == "postgresql" and not args.no_round_trips:
            results["round_trips_per_call"] = {}
            for name, tree in trees.items():
                print(f"round trips of {name} ...", end=" ", flush=True)
                found = results["round_trips_per_call"][name] = round_trips(
                    name.replace(":", "-"), url, tmp, tree, {m: requests[m] for m in methods}, metadata)
                print(", ".join(f"{m} {v['per_call']:g} ({', '.join(f'{k} {n:g}' for k, n in v['statements'].items())})"
                                for m, v in found.items()), flush=True)
        real = start_real("real", url, tmp)
        servers.append(real)
        if args.compare_ref:
            servers.append(start_real(f"ref:{args.compare_ref}", url, tmp, trees[f"ref:{args.compare_ref}"]))
        replies = capture(real["target"], metadata, requests)
        for server in servers[1:]:
            if capture(server["target"], metadata, requests) != replies:
                raise SystemExit(f"{server['name']} answers other bytes than the working tree's server")
        bare = start_bare(replies, tmp)
        servers.append(bare)
        results["reply_bytes"] = {m.rsplit("/", 1)[1]: len(v) for m, v in replies.items()}
        results["git_head"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                             capture_output=True, text=True).stdout.strip()
        results["working_tree_changed"] = bool(subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True,
            text=True).stdout.strip())

        order = [real] + servers[1:-1] + [bare]
        for method in methods:
            body = requests[method]
            runs = collections.defaultdict(list)
            for rnd in range(args.rounds):
                for server in (order if rnd % 2 == 0 else order[::-1]):
                    print(f"{method} round {rnd + 1}: {server['name']}, {args.clients} clients, {args.seconds:g} s ...",
                          end=" ", flush=True)
                    r = load(server, method, body, metadata, args.clients, args.seconds)
                    print(f"{r['per_second']:.0f}/s p50 {r['p50_ms']} ms p99 {r['p99_ms']} ms, server CPU "
                          f"{r['server_cpu_ms_per_call']} ms/call, machine {100 * r['machine_busy_share']:.0f}% busy",
                          flush=True)
                    runs[server["name"]].append(r)
            results[method] = {}
            for name, rs in runs.items():
                latencies = sorted(x for r in rs for x in r.pop("_latencies"))
                n = len(latencies)
                results[method][name] = {
                    "per_second": round(sum(r["per_second"] for r in rs) / len(rs), 1),
                    "per_second_runs": [r["per_second"] for r in rs],
                    "p50_ms": round(1000 * latencies[n // 2], 2) if n else None,
                    "p99_ms": round(1000 * latencies[min(int(n * 0.99), n - 1)], 2) if n else None,
                    "errors": sum(r["errors"] for r in rs),
                    "server_cpu_ms_per_call": round(sum(r["server_cpu_ms_per_call"] for r in rs) / len(rs), 3),
                    "clients_cpu_ms_per_call": round(sum(r["clients_cpu_ms_per_call"] for r in rs) / len(rs), 3),
                    "machine_busy_share": round(sum(r["machine_busy_share"] for r in rs) / len(rs), 3)}
            bare_rate = results[method]["bare"]["per_second"]
            results[method]["ratio"] = {name: round(v["per_second"] / bare_rate, 3)
                                        for name, v in results[method].items() if name != "bare"}
            print(f"{method}: " + ", ".join(f"{k}/bare {v}" for k, v in results[method]["ratio"].items()), flush=True)

        if args.profile or args.profile_gil:
            pdir = Path(args.profile_dir) if args.profile_dir else tmp / "profiles"
            pdir.mkdir(parents=True, exist_ok=True)
            results["profile"] = {}
            for server in order[:-1]:  # every real server (the working tree's, the ref's), not the bare one
                label = server["name"]
                results["profile"][label] = {}
                for method in methods:
                    print(f"profiling {label} {method} (py-spy{' --gil' if args.profile_gil else ''}) ...", flush=True)
                    found = profile(server, method, requests[method], metadata, args.clients, args.seconds,
                                    pdir / f"{label.replace(':', '-')}-{method}", args.profile_gil)
                    results["profile"][label][method] = found
                    print(f"  {found['rate_while_profiled']}/s while profiled, {found['samples']} samples")
                    for kind in ("self", "total"):
                        print(f"  by {kind}:")
                        for frame, share in found[kind][:12]:
                            print(f"    {100 * share:5.1f}%  {frame}")
            if args.profile_dir:
                print(f"collapsed stacks in {pdir}")
    finally:
        for server in servers:
            stop(server)
        if url:
            drop_database(url)
        shutil.rmtree(tmp, ignore_errors=True)

    print(json.dumps({m: results[m]["ratio"] for m in methods}, indent=2))
    if not args.no_write:  # one record per database; a run replaces its database's record only
        path = ROOT / "benchmarks" / "registry" / "results.json"
        recorded = json.loads(path.read_text()) if path.exists() else {}
        recorded[args.database] = results
        path.write_text(json.dumps(recorded, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--bare-server":
        bare_main(int(sys.argv[2]), sys.argv[3])
    else:
        main()
