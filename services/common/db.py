"""Database access: engines for SQLite (embedded default) and PostgreSQL, and the unit of work.

The unit of work (after cosmicpython) wraps one transaction: it rolls back unless committed,
and domain events recorded during the use case are written to the outbox in that same
transaction, so an event is published if and only if its change committed.
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from services.common.context import RequestContext
from services.common.messaging_tables import outbox_table


def normalise_url(url: str):
    """``postgresql://`` means psycopg2 here: under eventlet it gets a green wait callback
    (SQLAlchemy 2.1 would otherwise pick psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return parsed


def make_engine(url: str, pool_size: int = 10) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # pysqlite opens transactions lazily, so a SAVEPOINT would run outside any transaction
            # and commit for real; take over BEGIN ourselves (SQLAlchemy's documented recipe)
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
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

    def envelope(self, service: str) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "event_type": self.type,
            "source": service,
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(self.occurred_at))
            + f".{int(self.occurred_at % 1 * 1e6):06d}Z",
            "district": self.district,
            "subdistrict": self.subdistrict,
            "payload": self.payload,
        }


class Database:
    """One service's database: engine, session factory and its outbox table."""

    def __init__(self, service: str, url: str, metadata=None, engine: Engine | None = None, pool_size: int = 10):
        self.service = service
        self.url = url
        self.engine = engine or make_engine(url, pool_size)
        self.metadata = metadata
        self.outbox = outbox_table(metadata) if metadata is not None else None
        self.session_factory = sessionmaker(bind=self.engine, expire_on_commit=False)

    def uow(self, ctx: RequestContext | None = None, write: bool = True) -> "UnitOfWork":
        return UnitOfWork(self, ctx, write)

    def write_connection(self):
        """A connection whose transactions take the write lock at once on SQLite (see make_engine)."""
        return self.engine.connect().execution_options(sqlite_begin="IMMEDIATE")

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True

    def dispose(self):
        self.engine.dispose()


class UnitOfWork:
    """``with db.uow(ctx) as uow: ...; uow.commit()``: nothing is kept unless committed."""

    def __init__(self, db: Database, ctx: RequestContext | None, write: bool = True):
        self.db = db
        self.ctx = ctx
        self.write = write
        self.session: Session | None = None
        self.events: list[Event] = []
        self._after_commit: list = []
        self._committed = False

    def __enter__(self) -> "UnitOfWork":
        self.session = self.db.session_factory()
        if self.write and self.db.engine.dialect.name == "sqlite":
            self.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        self.events = []
        self._after_commit = []
        self._committed = False
        return self

    def after_commit(self, callback) -> None:
        """Run ``callback`` once the transaction has committed (metrics count what really happened)."""
        self._after_commit.append(callback)

    def __exit__(self, exc_type, exc, tb):
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            self.session.close()

    def emit(self, type: str, district: str, payload: dict[str, Any], subdistrict: str | None = None) -> Event:
        ev = Event(type=type, district=district, payload=payload, subdistrict=subdistrict)
        self.events.append(ev)
        return ev

    def flush(self):
        self.session.flush()

    def commit(self):
        if self.events:
            request_id = self.ctx.request_id if self.ctx else None
            rows = [{
                "event_id": ev.event_id,
                "event_type": ev.type,
                "exchange": f"{self.db.service}.events",
                "district": ev.district,
                "body": json.dumps(ev.envelope(self.db.service), ensure_ascii=False, default=str),
                "request_id": request_id,
                "created_at": ev.occurred_at,
            } for ev in self.events]
            self.session.connection().execute(self.db.outbox.insert(), rows)
        self.session.commit()
        self._committed = True
        self.events = []
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

    def rollback(self):
        self.session.rollback()
        self.events = []
        self._after_commit = []
