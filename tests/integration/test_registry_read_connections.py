"""The registry's reads on PostgreSQL without the pool's ping, BEGIN or ROLLBACK.

Two paths (services.common.reads): a read unit's compiled reads on a thread run in autocommit on
``Database.read_engine``'s unpinged connections; the gRPC server's hot reads run on its event loop
(``LoopReads``, ``services.registry.grpc_server.LOOP_READS``) on asynchronous psycopg2 connections.
These tests hold both to what the ping was there for, and to the same answers:

- a read after its connection's backend was ended (``pg_terminate_backend``, all of the database's
  backends, as a restart does) succeeds, on new connections, from several threads or tasks at once;
  the ORM's reads and the writes after it too (their pool still pings);
- while the server cannot be reached a read fails (it does not loop), and once it is back it succeeds;
- a read sends its statements only (no ping, BEGIN, ROLLBACK) and leaves no transaction open;
- on the loop, the hot reads answer exactly as on a thread and as in a transaction, for callers of
  every scope (refusals included), never open a session, and a cancelled read drops its connection;
- the gRPC server answers the same bytes after its backends were ended.
"""
from __future__ import annotations

import asyncio
import contextlib
import threading

import grpc
import pytest
from cityplat.registry.v1 import registry_pb2 as pb
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc
from sqlalchemy import create_engine, pool, text
from sqlalchemy.engine import make_url

from services.common.auth import mint_token
from services.common.context import RequestContext, Role
from services.common.db import Database, normalise_url
from services.common.errors import DomainError, NotFound, PermissionDenied
from services.common.grpc_support import GrpcServer
from services.common.reads import LoopReads, ReadUnit
from services.common.usecase import run
from services.registry import models as m
from services.registry.app import API, organisations
from services.registry.grpc_server import LOOP_READS, SERVICE, RegistryServicer
from services.registry.seed import seed_demo
from tests.conftest import DISTRICT_B, ctx_for
from tests.integration.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration

COMMUNITY = ctx_for("community_worker", subdistrict="310101002", community="310101002001")
CALLERS = {
    "city": RequestContext(actor="t", roles=frozenset({Role.OPERATOR}), district=None),
    "district": ctx_for("district_admin"),
    "subdistrict": ctx_for("subdistrict_staff", subdistrict="310101002"),
    "community": COMMUNITY,
    "sibling community": ctx_for("community_worker", community="310101002002"),
    "other subdistrict": ctx_for("subdistrict_staff", subdistrict="310101003"),
    "other district": ctx_for("district_admin", district=DISTRICT_B),
    "resident": ctx_for("resident"),
}


def _person(db, ref: str = "demo-0") -> str:
    with db.engine.connect() as conn:
        return conn.scalar(text("SELECT id FROM people WHERE external_ref = :r"), {"r": ref})


def _calls(person: str) -> list[tuple[str, dict]]:
    return [("ListChildren", {"code": "310101002001"}), ("GetPerson", {"id": person})]


class Loop:
    """An event loop on a thread of its own, with the LoopReads of one database (as the gRPC server has)."""

    def __init__(self, db):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.reads = LoopReads(db)

    def run(self, coroutine, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def call(self, fn, *args):
        return self.run(self.reads.call(fn, *args))

    def api(self, db, ctx, name, params):
        return self.call(API.call, db, ctx, name, params)

    def backends(self) -> set[int]:
        return {conn.get_backend_pid() for conn in self.reads._idle}

    def close(self):
        self.reads.close()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


@contextlib.contextmanager
def loop_of(db):
    loop = Loop(db)
    try:
        yield loop
    finally:
        loop.close()


def _thread_reads(db, person):
    return [API.call(db, COMMUNITY, name, params) for name, params in _calls(person)]


def _read_backends(db) -> set[int]:
    """The backend pids of the read engine's pooled connections (checked out one by one, all of them)."""
    pids, held = set(), []
    try:
        for _ in range(db.read_engine.pool.checkedin()):
            raw = db.read_engine.raw_connection()
            held.append(raw)
            pids.add(raw.dbapi_connection.get_backend_pid())
    finally:
        for raw in held:
            raw.close()
    return pids


@pytest.fixture
def admin(pg_admin_url):
    engine = create_engine(normalise_url(pg_admin_url), isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_pg(registry_pg):
    seed_demo(registry_pg)
    return registry_pg


def _terminate(admin, db) -> int:
    """End every backend of ``db``'s database (as a restart of the server would); how many were ended."""
    with admin.connect() as conn:
        return len(conn.execute(text(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"),
            {"d": make_url(db.url).database}).scalars().all())


def _write_after(db) -> None:
    """The ORM's reads and the writes still work (their pool pings)."""
    with db.uow(ctx_for("district_admin"), write=False) as uow:
        parent = organisations.list_organisations(uow, kind="community_committee")["items"][0]
    created = run(db, ctx_for("district_admin"), organisations.found_organisation,
                  {"kind": "branch", "name": "重连之后", "division_code": "310101002001", "parent_id": parent["id"]},
                  write=True)
    assert created["name"] == "重连之后"


# ---- a dead connection is replaced

def test_reads_on_a_thread_after_every_backend_was_terminated_succeed_on_new_connections(demo_pg, admin):
    person = _person(demo_pg)
    expected = _thread_reads(demo_pg, person)
    units = [ReadUnit(demo_pg, COMMUNITY).__enter__() for _ in range(4)]  # four pooled read connections
    for unit in units:
        unit.dbapi()
    for unit in units:
        unit.__exit__(None, None, None)
    old = _read_backends(demo_pg)
    assert len(old) == 4

    assert _terminate(admin, demo_pg) >= 4
    assert _thread_reads(demo_pg, person) == expected  # the very next read
    answers, errors = [], []
    barrier = threading.Barrier(6)

    def reader():
        barrier.wait()
        try:
            for _ in range(5):
                answers.append(_thread_reads(demo_pg, person))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert answers == [expected] * 30
    assert not _read_backends(demo_pg) & old  # every old connection was replaced
    _write_after(demo_pg)


def test_reads_on_the_loop_after_every_backend_was_terminated_succeed_on_new_connections(demo_pg, admin):
    person = _person(demo_pg)
    expected = _thread_reads(demo_pg, person)
    with loop_of(demo_pg) as loop:
        async def together(n: int):
            return await asyncio.gather(*(loop.reads.call(_thread_reads, demo_pg, person) for _ in range(n)))

        assert loop.run(together(4)) == [expected] * 4
        old = loop.backends()
        assert len(old) >= 2

        assert _terminate(admin, demo_pg) >= len(old)
        assert loop.call(_thread_reads, demo_pg, person) == expected  # the very next read
        assert loop.run(together(12)) == [expected] * 12
        assert not loop.backends() & old
    _write_after(demo_pg)


@pytest.mark.parametrize("path", ["thread", "loop"])
def test_a_read_fails_while_the_server_is_unreachable_and_succeeds_once_it_is_back(demo_pg, path):
    person = _person(demo_pg)
    expected = _thread_reads(demo_pg, person)
    proxy = TcpProxy(5432).start()
    url = make_url(demo_pg.url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    db = Database("registry", url, m.Base.metadata)
    with contextlib.ExitStack() as stack:
        stack.callback(proxy.stop)
        stack.callback(db.dispose)
        if path == "loop":
            loop = stack.enter_context(loop_of(db))
            reads = lambda: loop.call(_thread_reads, db, person)  # noqa: E731
        else:
            reads = lambda: _thread_reads(db, person)  # noqa: E731
        assert reads() == expected
        proxy.cut()  # the server goes away: its connections dropped, no new one accepted
        with pytest.raises(Exception) as failed:  # noqa: PT011 - the driver's error, whichever it is
            reads()
        assert not isinstance(failed.value, DomainError)
        assert any(word in str(failed.value).lower() for word in ("connect", "closed", "terminat"))
        proxy.restore()  # back on the same address
        assert reads() == expected


# ---- only the statements

def test_a_read_on_a_thread_sends_only_its_statements(demo_pg, monkeypatch):
    person = _person(demo_pg)
    _thread_reads(demo_pg, person)  # the read engine made and connected
    engine = demo_pg.read_engine
    assert engine is not demo_pg.engine
    calls = []
    for name in ("do_ping", "do_begin", "do_rollback", "do_commit"):
        original = getattr(engine.dialect, name)
        monkeypatch.setattr(engine.dialect, name, lambda *a, _n=name, _o=original: (calls.append(_n), _o(*a))[1])
    _thread_reads(demo_pg, person)
    with ReadUnit(demo_pg, COMMUNITY) as uow:
        assert API.table["ListChildren"](uow, code="310101002001")["items"]
        conn = uow.dbapi()
        assert conn.autocommit
        assert conn.get_transaction_status() == 0  # idle: no BEGIN was sent
    assert calls == []


def test_a_read_on_the_loop_runs_there_without_a_session_or_a_transaction(demo_pg, monkeypatch):
    person = _person(demo_pg)
    with loop_of(demo_pg) as loop:
        loop.call(_thread_reads, demo_pg, person)
        threads = []

        def refuse(*_a, **_k):
            raise AssertionError("a loop read asked for a blocking connection")

        monkeypatch.setattr(ReadUnit, "session", ReadUnit.session.getter(refuse))
        monkeypatch.setattr(ReadUnit, "_checkout", refuse)
        for name in LOOP_READS:
            params = {"GetPerson": {"id": person}}.get(name, {"code": "310101002001"})
            loop.call(lambda: (threads.append(threading.get_ident()), API.call(demo_pg, COMMUNITY, name, params)))
        assert set(threads) == {loop.thread.ident}
        assert all(conn.get_transaction_status() == 0 for conn in loop.reads._idle)


# ---- the same answers, the same refusals

def _outcome(fn):
    try:
        return "ok", fn()
    except DomainError as exc:
        return type(exc).__name__, str(exc)


def test_the_loop_reads_answer_as_on_a_thread_and_in_a_transaction_for_every_caller(demo_pg):
    people = [_person(demo_pg, ref) for ref in ("demo-0", "demo-1", "demo-7")]
    with demo_pg.engine.connect() as conn:
        codes = conn.scalars(text("SELECT code FROM divisions ORDER BY code")).all()
    requests = [(name, {"code": code}) for name in LOOP_READS if name != "GetPerson" for code in codes + ["310104"]]
    requests += [("GetPerson", {"id": p}) for p in people + ["no-such-person"]]
    seen = {"ok": 0}
    with loop_of(demo_pg) as loop:
        for caller, ctx in CALLERS.items():
            for name, params in requests:
                thread = _outcome(lambda: API.call(demo_pg, ctx, name, params))
                on_loop = _outcome(lambda: loop.api(demo_pg, ctx, name, params))

                def in_transaction():
                    with demo_pg.uow(ctx, write=False) as uow:  # the session's transaction, the pinged pool
                        return API.table[name](uow, **params)

                assert on_loop == thread == _outcome(in_transaction), (caller, name, params)
                seen[thread[0]] = seen.get(thread[0], 0) + 1
    assert seen["ok"] and seen.get("NotFound") and seen.get("PermissionDenied")  # every kind of answer compared


def test_a_caller_of_another_district_is_still_refused_on_both_paths(demo_pg):
    person = _person(demo_pg)
    other = ctx_for("district_admin", district=DISTRICT_B)
    with loop_of(demo_pg) as loop:
        for call in (API.call, loop.api):
            with pytest.raises(PermissionDenied):
                call(demo_pg, other, "ListChildren", {"code": "310101"})
            with pytest.raises(NotFound):
                call(demo_pg, other, "GetPerson", {"id": person})


# ---- a cancelled read

def test_a_cancelled_read_on_the_loop_drops_its_connection(demo_pg):
    person = _person(demo_pg)
    expected = _thread_reads(demo_pg, person)
    with loop_of(demo_pg) as loop:
        loop.call(_thread_reads, demo_pg, person)
        before = loop.backends()

        async def cancelled():
            task = asyncio.ensure_future(loop.reads.fetch("SELECT pg_sleep(5)", {}))
            await asyncio.sleep(0.2)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

        loop.run(cancelled())
        assert len(loop.reads._idle) == len(before) - 1  # the one it took was closed, not given back
        assert loop.call(_thread_reads, demo_pg, person) == expected  # and the next read goes on


# ---- the gRPC server

def test_the_grpc_server_answers_the_same_bytes_after_its_backends_were_terminated(demo_pg, admin):
    person = _person(demo_pg)
    servicer = RegistryServicer(demo_pg)
    srv = GrpcServer("registry", SERVICE.full_name,
                     lambda server: (pb_grpc.add_RegistryServicer_to_server(servicer, server), servicer)[1],
                     port=0, http_port=None).start()
    token = mint_token("t", ["community_worker"], "310101", community="310101002001")
    md = (("authorization", f"Bearer {token}"),)
    requests = {"ListChildren": pb.DivisionRef(code="310101002001"), "GetPerson": pb.PersonRef(id=person)}
    try:
        with grpc.insecure_channel(f"127.0.0.1:{srv.port}") as ch:
            stub = pb_grpc.RegistryStub(ch)
            first = {name: getattr(stub, name)(req, metadata=md, timeout=10).SerializeToString()
                     for name, req in requests.items()}
            assert servicer.loop_reads() is not None and servicer.loop_reads()._idle  # read on the loop
            assert _terminate(admin, demo_pg) >= 1
            again = {name: getattr(stub, name)(req, metadata=md, timeout=10).SerializeToString()
                     for name, req in requests.items()}
    finally:
        srv.stop(grace=0)
    assert again == first
    assert pb.Person.FromString(first["GetPerson"]).id == person
