"""Database access: engines for SQLite (embedded default) and PostgreSQL, and the unit of work.

The unit of work (after cosmicpython) wraps one transaction: it rolls back unless committed,
and domain events recorded during the use case are written to the outbox in that same
transaction, so an event is published if and only if its change committed.
"""
from __future__ import annotations

import contextlib
import copy
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from services.common import bulk, metrics, tracing
from services.common.errors import StorageBusy
from services.common.context import RequestContext
from services.common.messaging_tables import outbox_table


def normalise_url(url: str):
    """``postgresql://`` means psycopg2 here: under eventlet it gets a green wait callback
    (SQLAlchemy 2.1 would otherwise pick psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return parsed


#: how long a write waits in all for SQLite's lock (taken by another process) before its caller is told
#: the storage is busy; the waiting is done in short turns, see SQLITE_LOCK_TURN_SECONDS
SQLITE_LOCK_PATIENCE_SECONDS = 30.0
#: SQLite's own busy wait per turn; the rest of the waiting is done by retrying(), which also notes
#: writes that keep waiting (the readiness probes report them). Under eventlet the busy wait blocks
#: the whole process (the worker's health endpoint, its consumers, the outbox relay: a 30 s wait froze
#: them all), so there it is kept short, and retrying() waits in green sleeps.
SQLITE_LOCK_TURN_SECONDS = {"green": 0.05, "threads": 1.0}


def _green() -> bool:
    """Whether this process runs under eventlet's monkey patching (the nameko workers)."""
    import sys

    patcher = sys.modules.get("eventlet.patcher")
    return bool(patcher and patcher.is_monkey_patched("thread"))


def make_engine(url: str, pool_size: int = 10) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        busy_ms = int(1000 * SQLITE_LOCK_TURN_SECONDS["green" if _green() else "threads"])
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": busy_ms / 1000})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # pysqlite opens transactions lazily, so a SAVEPOINT would run outside any transaction
            # and commit for real; take over BEGIN ourselves (SQLAlchemy's documented recipe)
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={busy_ms}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # A write takes the lock up front (IMMEDIATE), waiting up to busy_timeout for another
            # process's writer: a deferred transaction that read first could not upgrade later and
            # would fail at once. Reads stay deferred, so they never wait.
            conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', 'DEFERRED')}")

        return engine
    return create_engine(parsed, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                         pool_recycle=1800)


def make_read_engine(url, pool_size: int = 10) -> Engine:
    """PostgreSQL's engine for the compiled reads of a read unit (services.common.reads.ReadUnit): each
    statement is its own transaction (autocommit), so a read sends no BEGIN and no ROLLBACK; a
    connection is not pinged at checkout nor reset at check-in (it holds no transaction). Under READ
    COMMITTED, PostgreSQL's default, each statement of a transaction reads its own snapshot anyway:
    a read unit's statements see what they saw in one. A connection found dead is replaced by the
    reader, which runs its statement again on a new one (``ReadUnit.execute``)."""
    return create_engine(normalise_url(url), pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800,
                         isolation_level="AUTOCOMMIT", pool_reset_on_return=None)


#: PostgreSQL's SQLSTATEs of a transaction that failed only for meeting another one: run again, it succeeds
_TRANSIENT_SQLSTATES = {"40P01": "deadlock", "40001": "serialization_failure", "55P03": "lock_not_available"}
#: attempts of a transaction that failed transiently, before the failure is the caller's
TRANSIENT_ATTEMPTS = 5


def transient(exc: BaseException) -> str | None:
    """Why ``exc`` is a transient failure of the database (a deadlock, a serialization failure, SQLite's
    lock taken), or None: such a transaction is run again in place, not reported."""
    if not isinstance(exc, DBAPIError) or exc.connection_invalidated:
        return None
    code = getattr(exc.orig, "pgcode", None)
    if code in _TRANSIENT_SQLSTATES:
        return _TRANSIENT_SQLSTATES[code]
    if "database is locked" in str(exc.orig):
        return "sqlite_locked"
    return None


#: per service, since when its writes have found SQLite locked with none getting through (see ping())
_LOCK_WAITS: dict[str, float] = {}
#: writes stuck this long make the service's readiness (and gRPC health) say it cannot serve
STUCK_WRITES_SECONDS = 10.0


def writes_stuck(service: str) -> float | None:
    """How long ``service``'s writes have waited for SQLite's lock with none getting through, if longer
    than STUCK_WRITES_SECONDS; else None."""
    since = _LOCK_WAITS.get(service)
    waited = time.monotonic() - since if since is not None else 0.0
    return waited if waited >= STUCK_WRITES_SECONDS else None


def retrying(service: str, where: str, work):
    """``work()`` (one whole transaction), run again while it fails transiently, after a short jittered
    pause: a deadlock between two events' handlers, or two callers' writes, is nobody's error. A
    deadlock or serialization failure is tried TRANSIENT_ATTEMPTS times; SQLite's lock, held by another
    process, is waited for in turns up to SQLITE_LOCK_PATIENCE_SECONDS, and then the caller is told the
    storage is busy (UNAVAILABLE: try again), never "database is locked". Any other failure is raised."""
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        try:
            result = work()
            _LOCK_WAITS.pop(service, None)  # writes go through: the service is healthy again
            return result
        except DBAPIError as exc:
            reason = transient(exc)
            if reason is None:
                raise
            if reason == "sqlite_locked":
                _LOCK_WAITS.setdefault(service, time.monotonic())
                if time.monotonic() - started >= SQLITE_LOCK_PATIENCE_SECONDS:
                    raise StorageBusy(f"the database stayed locked by another process for "
                                      f"{SQLITE_LOCK_PATIENCE_SECONDS:.0f} s; nothing was changed: try again") from exc
                pause = random.uniform(0.01, 0.05)
            elif attempt >= TRANSIENT_ATTEMPTS:
                raise
            else:
                pause = random.uniform(0.005, 0.02) * attempt
            metrics.TRANSACTION_RETRIES.labels(service, where, reason).inc()
            time.sleep(pause)  # under eventlet: a green sleep, the process goes on meanwhile


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@dataclass
class Event:
    """A domain event waiting for the outbox: ``type`` is the routing key, e.g. ``organisation.created``."""

    type: str
    district: str
    payload: dict[str, Any]
    subdistrict: str | None = None
    event_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: float = field(default_factory=time.time)
    request_id: str | None = None
    traceparent: str | None = None  # the span it was emitted in (services.common.tracing), when traced

    def envelope(self, service: str) -> dict[str, Any]:
        envelope = {
            "event_id": self.event_id,
            "event_type": self.type,
            "source": service,
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(self.occurred_at))
            + f".{int(self.occurred_at % 1 * 1e6):06d}Z",
            "district": self.district,
            "subdistrict": self.subdistrict,
            "payload": self.payload,
        }
        if self.traceparent:
            envelope["traceparent"] = self.traceparent
        return envelope


class Database:
    """One service's database: engine, session factory and its outbox table."""

    def __init__(self, service: str, url: str, metadata=None, engine: Engine | None = None, pool_size: int = 10):
        self.service = service
        self.url = url
        self.engine = engine or make_engine(url, pool_size)
        self._pool_size = pool_size
        self._read_engine: Engine | None = None
        self._read_engine_lock = threading.Lock()
        self.metadata = metadata
        self.outbox = outbox_table(metadata) if metadata is not None else None
        self.session_factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._held = threading.local()
        # SQLite has one writer at a time. The process's own writers queue here, in Python, instead of
        # in SQLite's busy wait: under eventlet a green thread waiting in SQLite blocks the process, so
        # the one holding the lock (waiting on the broker, say) could never finish. A green lock there.
        self.write_gate = threading.RLock() if self.engine.dialect.name == "sqlite" else None

    def uow(self, ctx: RequestContext | None = None, write: bool = True, deferred: bool = False,
            connection=None) -> "UnitOfWork":
        return UnitOfWork(self, ctx, write, deferred, connection)

    @property
    def read_engine(self) -> Engine:
        """The engine of read units' compiled reads: on PostgreSQL one of its own, autocommit and unpinged
        (``make_read_engine``), made on first use; on SQLite ``engine`` (a read there is a transaction: one
        snapshot)."""
        engine = self._read_engine
        if engine is None:
            with self._read_engine_lock:
                if self._read_engine is None:
                    if is_postgres(self.engine):
                        # the statements are compiled with ``engine``'s dialect: connected once, it knows its server
                        with self.engine.connect():
                            pass
                        self._read_engine = make_read_engine(self.engine.url, self._pool_size)
                    else:
                        self._read_engine = self.engine
                engine = self._read_engine
        return engine

    def held_connection(self):
        """A connection the calling thread keeps between its transactions (a group commit's writer):
        no pool checkout and no liveness ping per transaction. One found broken is replaced."""
        held = getattr(self._held, "connection", None)
        if held is None or held.invalidated or held.closed:
            if held is not None:
                held.close()
            held = self._held.connection = self.engine.connect()
        return held

    def release_held_connection(self) -> None:
        """Give back the calling thread's held connection (a writer stopping)."""
        held = getattr(self._held, "connection", None)
        if held is not None:
            self._held.connection = None
            held.close()

    def writing(self):
        """The process's SQLite write gate to hold while writing (nothing on PostgreSQL); see ``write_gate``."""
        return self.write_gate if self.write_gate is not None else contextlib.nullcontext()

    @contextlib.contextmanager
    def write_transaction(self):
        """A connection in a transaction that takes the write lock at once on SQLite (see make_engine),
        committed on leaving, rolled back on an error."""
        with self.writing(), self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, \
                conn.begin():
            yield conn

    def ping(self) -> bool:
        """True if the database answers and takes writes; raises saying why not (the readiness probes).
        A read alone would answer while every write waits for a lock another process holds."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        waited = writes_stuck(self.service)
        if waited is not None:
            raise StorageBusy(f"writes have waited {waited:.0f} s for SQLite's lock, held by another process")
        return True

    def dispose(self):
        self.engine.dispose()
        read_engine, self._read_engine = self._read_engine, None
        if read_engine is not None and read_engine is not self.engine:
            read_engine.dispose()


class UnitOfWork:
    """``with db.uow(ctx) as uow: ...; uow.commit()``: nothing is kept unless committed.

    Group commit: ``db.uow(deferred=True)`` is one transaction for several callers' writes, each
    made through its own view, ``uow.for_caller(ctx)``. The views share the session, the events,
    the before- and after-commit callbacks and ``extras``; use cases that can defer work (the
    points ledger) leave it in ``extras`` and do it for every caller at once in a before-commit
    callback, i.e. in a few multi-row statements instead of a few per caller.
    """

    def __init__(self, db: Database, ctx: RequestContext | None, write: bool = True, deferred: bool = False,
                 connection=None):
        self.db = db
        self.connection = connection
        self.ctx = ctx
        self.write = write
        self.deferred = deferred
        self.session: Session | None = None
        self.events: list[Event] = []
        self.extras: dict[str, Any] = {}
        self._before_commit: list = []
        self._after_commit: list = []
        self._writes: list = []
        self._committed = False

    def __enter__(self) -> "UnitOfWork":
        self._gate = self.db.write_gate if self.write else None
        if self._gate is not None:
            self._gate.acquire()
        try:
            self.session = (self.db.session_factory() if self.connection is None else
                            self.db.session_factory(bind=self.connection))
            if self._gate is not None:
                self.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        except BaseException:
            self._release_gate()
            raise
        self._reset()
        self._committed = False
        return self

    def _reset(self) -> None:
        # cleared in place, not replaced: views made by for_caller share these
        self.events.clear()
        self.extras.clear()
        self._before_commit.clear()
        self._after_commit.clear()
        self._writes.clear()

    def for_caller(self, ctx: RequestContext) -> "UnitOfWork":
        """A view of this transaction for one caller of a group commit (its own context, the rest shared)."""
        view = copy.copy(self)
        view.ctx = ctx
        return view

    def before_commit(self, callback) -> None:
        """Run ``callback()`` at ``prepare()``: after the use cases, before the commit."""
        self._before_commit.append(callback)

    def after_commit(self, callback) -> None:
        """Run ``callback`` once the transaction has committed (metrics count what really happened)."""
        self._after_commit.append(callback)

    def __exit__(self, exc_type, exc, tb):
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            try:
                self.session.close()
            finally:
                self._release_gate()

    def _release_gate(self) -> None:
        gate, self._gate = self._gate, None
        if gate is not None:
            gate.release()

    def emit(self, type: str, district: str, payload: dict[str, Any], subdistrict: str | None = None) -> Event:
        ev = Event(type=type, district=district, payload=payload, subdistrict=subdistrict,
                   request_id=self.ctx.request_id if self.ctx else None, traceparent=tracing.current_traceparent())
        self.events.append(ev)
        return ev

    def flush(self):
        self.session.flush()

    def serialise(self, *key) -> None:
        """Hold, until this transaction ends, the lock named by ``key``: a rule that sums rows before
        it adds one (a monthly quota) runs one transaction at a time per key, where no constraint can
        say it. PostgreSQL: a transaction-level advisory lock on the key's hash; SQLite: every write
        already holds the database's write lock (Database.write_gate), so there is nothing to take."""
        if not is_postgres(self.db.engine):
            return
        import hashlib

        from sqlalchemy import text as sql

        digest = hashlib.sha256("\x1f".join(str(part) for part in key).encode()).digest()
        self.session.execute(sql("SELECT pg_advisory_xact_lock(:k)"),
                             {"k": int.from_bytes(digest[:8], "big", signed=True)})

    def prepare(self) -> None:
        """Do the deferred work (before-commit callbacks); its errors abort the whole transaction."""
        while self._before_commit:
            self._before_commit.pop(0)()

    def write_at_commit(self, *writes) -> None:
        """Rows to write at the commit, with the outbox, in one round trip (services.common.bulk)."""
        self._writes.extend(writes)

    def flush_writes(self) -> list:
        """Do the deferred work, then write what waits for the commit and the outbox's events.

        Returns the rows returned by the last write given to ``write_at_commit``, if it returns any
        (it stays last: an idempotency key's record tells whether the key was still free)."""
        self.prepare()
        self.session.flush()  # objects added to the session come first: deferred rows may refer to them
        writes = list(self._writes)
        self._writes.clear()
        if self.events:
            outbox = bulk.Insert(self.db.outbox, [{
                "event_id": ev.event_id,
                "event_type": ev.type,
                "exchange": f"{self.db.service}.events",
                "district": ev.district,
                "body": json.dumps(ev.envelope(self.db.service), ensure_ascii=False, default=str),
                "request_id": ev.request_id,
                "created_at": ev.occurred_at,
            } for ev in self.events])
            self.events.clear()
            returns = bool(writes) and isinstance(writes[-1], bulk.Insert) and bool(writes[-1].returning)
            writes.insert(len(writes) - 1 if returns else len(writes), outbox)
        return bulk.execute(self.session.connection(), writes)

    def commit(self):
        self.flush_writes()
        self.session.commit()
        self._committed = True
        callbacks = list(self._after_commit)
        self._reset()
        for callback in callbacks:
            callback()

    def rollback(self):
        self.session.rollback()
        self._reset()

