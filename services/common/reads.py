"""Reads without the ORM's cost per call: a read-only unit of work that opens nothing until asked,
and statements built and compiled once, run on the unit's own DBAPI connection.

A use case's ORM query costs far more than the database takes to answer it (SQLAlchemy builds the
statement, computes its cache key, sets up the ORM's loading, makes the objects): several times a
small read's own work. The hot reads therefore run ``Query`` objects through the repository
(``ScopedRepository.rows`` and ``get_row``, which add the caller's scope exactly as the ORM queries
do): each is built and compiled once per dialect and scope shape, its values passed as bound
parameters, and its rows come back as plain named tuples (``Row``) of the model's attributes, with
the dialect's result conversions applied (SQLite's booleans and dates), as the ORM would load them.

``ReadUnit`` is the unit of work of ``usecase.run`` for reads: it checks a connection out only on
first use, for compiled reads straight on the DBAPI connection, for the ORM through the session as
before. On SQLite compiled reads run in a transaction (one snapshot), rolled back at the end. On
PostgreSQL they run on a connection of ``Database.read_engine``, each statement its own transaction
(autocommit: what each statement of a READ COMMITTED transaction sees anyway), so a read is its
statements' round trips and nothing else: no ping at checkout, no BEGIN, no ROLLBACK. A connection
found dead there (the server restarted, its backend was ended) is replaced and the statement run
again, once, on a new connection.
"""
from __future__ import annotations

import asyncio
import collections
import contextvars
import threading
from typing import Any, Callable, Iterable

import psycopg2.extras
from greenlet import getcurrent, greenlet
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from services.common.db import UnitOfWork


class ReadUnit(UnitOfWork):
    """A read-only unit of work that opens its connection on first use, on one of two paths:

    - compiled reads (``execute``, ``dbapi()``): a pooled DBAPI connection, without SQLAlchemy's
      connection and session layers (which cost more than a small read itself); on SQLite in a
      transaction, on PostgreSQL in autocommit on ``db.read_engine`` (see the module's docstring);
    - the ORM (``session``): a session exactly as ``db.uow(ctx, write=False)`` makes it; compiled
      reads made after it run in its transaction.

    A session asked for after compiled reads is refused: it would read another snapshot."""

    def __init__(self, db, ctx):
        super().__init__(db, ctx, write=False)

    _gate = None  # a read takes no write gate

    def __enter__(self) -> "ReadUnit":
        self._raw = None
        self._session = None
        self._looped = False
        return self

    def execute(self, sql: str, params) -> tuple[list, Any]:
        """Run one compiled statement of this unit: its rows and the cursor's description.

        On PostgreSQL outside a session the connection is an autocommit one, checked out unpinged: if it
        turns out dead, every pooled connection made before now is marked for replacing (as the pool's
        ping would have done) and the statement runs again on a new connection. A read changes nothing,
        and in autocommit no transaction is lost with the old connection."""
        if self._session is None:
            reads = getattr(getcurrent(), "loop_reads", None)
            if reads is not None:  # run by LoopReads: the statement waited for on the event loop
                self._looped = True
                return _await(reads.fetch(sql, params))
        engine = self.db.read_engine
        if self._session is not None or engine is self.db.engine:  # in the session's or SQLite's transaction
            return _fetch(self.dbapi(), sql, params)
        raw = self._raw
        if raw is None:
            raw = self._checkout()
        try:
            return _fetch(raw.dbapi_connection, sql, params)
        except engine.dialect.loaded_dbapi.Error as exc:
            if not engine.dialect.is_disconnect(exc, raw.dbapi_connection, None):
                raise
            self._raw = None
            # what SQLAlchemy's Connection does on a disconnect: this connection dropped, the older ones
            # reconnected at their next checkout (the server that made them is likely gone too)
            engine.pool._invalidate(raw, exc)
        raw = self._checkout()
        try:
            return _fetch(raw.dbapi_connection, sql, params)
        except engine.dialect.loaded_dbapi.Error as exc:
            if engine.dialect.is_disconnect(exc, raw.dbapi_connection, None):
                self._raw = None
                raw.invalidate(exc)
            raise

    def _checkout(self):
        """A pooled connection for compiled reads: on SQLite in a deferred transaction, on PostgreSQL an
        autocommit one of ``db.read_engine``."""
        engine = self.db.read_engine
        raw = engine.raw_connection()  # a pooled connection, not pinged (neither pool pings)
        try:
            if engine.dialect.name == "sqlite":
                # as make_engine's "begin" listener does for reads: the connection leaves BEGIN to us
                raw.dbapi_connection.execute("BEGIN DEFERRED")
        except BaseException:
            raw.invalidate()
            raw.close()
            raise
        self._raw = raw
        return raw

    @property
    def session(self):
        if self._session is None:
            if self._raw is not None or self._looped:
                raise RuntimeError("this read unit has read through compiled reads already: the session would "
                                   "read another snapshot (read one way in a use case, or the session first)")
            self._session = self.db.session_factory()
        return self._session

    @session.setter
    def session(self, value) -> None:  # UnitOfWork.__init__ sets it to None: the session is made on first use
        if value is not None:
            raise AttributeError("a read unit makes its own session")

    def dbapi(self):
        """The DBAPI connection this unit's compiled reads run on: the session's if it has one, else its
        own (on SQLite in a transaction, on PostgreSQL in autocommit)."""
        if self._session is not None:
            return self._session.connection().connection.dbapi_connection
        raw = self._raw
        if raw is None:
            raw = self._checkout()
        return raw.dbapi_connection

    def __exit__(self, exc_type, exc, tb):
        raw, session = self._raw, self._session
        self._raw = self._session = None
        self._looped = False
        try:
            if session is not None:
                session.close()  # rolls back
        finally:
            if raw is not None:
                raw.close()  # back to the pool (which, on SQLite, rolls the read's transaction back)

    def rollback(self):
        """End the read's transaction; a later read begins another."""
        raw, session = self._raw, self._session
        self._raw = None
        self._looped = False
        if session is not None:
            session.rollback()
        if raw is not None:
            raw.close()
        self._reset()

    def commit(self):
        raise RuntimeError("a read unit does not commit")


def dbapi_connection(uow):
    """What ``Query.run`` runs ``uow``'s compiled reads on: a read unit itself (``ReadUnit.execute``), or
    the DBAPI connection of a unit of work's transaction. A unit of work with an ORM session flushes
    its pending changes first, as the ORM's own queries do (autoflush)."""
    if isinstance(uow, ReadUnit):
        return uow
    session = uow.session
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()
    return session.connection().connection.dbapi_connection


_ROW_CLASSES: dict[type, type] = {}
_ROW_LOCK = threading.Lock()


def row_class(model: type) -> type:
    """The named tuple of a model's column attributes (by attribute key); ``Row.__model__`` is the model."""
    cls = _ROW_CLASSES.get(model)
    if cls is None:
        keys = [attr.key for attr in sa_inspect(model).column_attrs]
        cls = collections.namedtuple(f"{model.__name__}Row", keys)
        cls.__model__ = model
        with _ROW_LOCK:
            cls = _ROW_CLASSES.setdefault(model, cls)
    return cls


def model_of(obj) -> type:
    """The model of an ORM object, or of a ``Row`` read by a ``Query``."""
    kind = type(obj)
    return getattr(kind, "__model__", kind)


class Query:
    """A SELECT of one model's columns: ``build(shape)`` gives the statement for a scope shape (its
    values as bound parameters), compiled once per dialect and shape and run on the DBAPI.

    Rows are ``row_class(model)`` tuples; a column's values are converted by the dialect's result
    processor for its type (what the ORM applies when it loads an object)."""

    def __init__(self, model: type, build: Callable[[Any], Any]):
        self.model = model
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    def columns(self) -> list:
        return [attr.columns[0] for attr in sa_inspect(self.model).column_attrs]

    def select(self):
        """``SELECT`` of the model's columns, in the order of its row class."""
        return select(*self.columns())

    def run(self, conn, dialect, shape, params: dict[str, Any]) -> list:
        key = (type(dialect), dialect.paramstyle, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = _Compiled(self.build(shape), dialect, row_class(self.model))
            with self._lock:
                compiled = self._compiled.setdefault(key, compiled)
        return compiled.run(conn, params)


class _Compiled:
    """One statement compiled for one dialect: its SQL, how to pass its parameters, how to make its rows."""

    def __init__(self, stmt, dialect, row: type):
        compiled = stmt.compile(dialect=dialect)
        if compiled.literal_execute_params or compiled.post_compile_params or compiled.escaped_bind_names:
            raise ValueError("a compiled read takes only plainly named, non-expanding parameters")
        self.sql = compiled.string
        self.dialect = dialect
        self.row = row
        #: the values of the statement's own constants (anonymous parameters); the caller's are required
        self.defaults = {name: bind.effective_value for name, bind in compiled.binds.items() if not bind.required}
        self.required = frozenset(name for name, bind in compiled.binds.items() if bind.required)
        binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect) for name, bind in compiled.binds.items()}
        self.binds = [(name, proc) for name, proc in binds.items() if proc is not None]
        self.positional = tuple(compiled.positiontup) if dialect.positional else None
        self.types = [col.type for col in stmt.selected_columns]
        self.processors = None  # per column, from the cursor's description on first use

    def _params(self, params: dict[str, Any]):
        if missing := self.required.difference(params):
            raise KeyError(f"a compiled read needs parameter(s) {', '.join(sorted(missing))}")
        values = {**self.defaults, **params} if self.defaults else params
        if self.binds:
            values = dict(values)
            for name, proc in self.binds:
                if name in values:
                    values[name] = proc(values[name])
        if self.positional is not None:
            return tuple(values[name] for name in self.positional)
        return values

    def run(self, conn, params: dict[str, Any]) -> list:
        """The rows, on ``conn``: a DBAPI connection, or a ``ReadUnit`` (which picks its connection)."""
        values = self._params(params)
        rows, description = conn.execute(self.sql, values) if isinstance(conn, ReadUnit) else \
            _fetch(conn, self.sql, values)
        processors = self.processors
        if processors is None:
            processors = self.processors = self._processors(description)
        make = self.row._make
        if not processors:
            return [make(r) for r in rows]
        return [make(_convert(r, processors)) for r in rows]

    def _processors(self, description) -> list[tuple[int, Callable]]:
        found = []
        for i, (type_, desc) in enumerate(zip(self.types, description)):
            proc = type_.dialect_impl(self.dialect).result_processor(self.dialect, desc[1])
            if proc is not None:
                found.append((i, proc))
        return found


def _fetch(conn, sql: str, params) -> tuple[list, Any]:
    """One statement on a DBAPI connection: its rows and the cursor's description."""
    cursor = conn.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall(), cursor.description
    finally:
        cursor.close()


def _convert(row: Iterable, processors: list[tuple[int, Callable]]) -> list:
    values = list(row)
    for i, proc in processors:
        values[i] = proc(values[i])
    return values


# ---- PostgreSQL's reads on the event loop

class LoopReads:
    """Read use cases run by an asyncio event loop itself, their statements waited for on the loop:
    neither a thread's hand-off and back nor a blocked loop.

    ``await reads.call(fn, *args)`` runs ``fn`` (``UseCases.call`` of a read, say) in a greenlet; a
    read unit's compiled statement in it (``ReadUnit.execute``) goes out on one of this object's
    psycopg2 connections in asynchronous mode (autocommit, as ``Database.read_engine``'s), and the
    greenlet gives the loop back until the answer is in (``add_reader``). The rest of the use case
    (the scope checks, the rows' conversion) is the same code as on a thread.

    The connections are the loop's alone: at most ``size`` at once (a read beyond waits for one),
    idle ones kept. A connection found dead is closed, with every idle one (the server that made them
    is likely gone too), and the statement runs again once on a new connection; one that was new
    already is not retried: the error is the caller's. A read cancelled midway (the caller gone, its
    deadline passed) closes its connection. Only for use cases that read through compiled reads: one
    that read through the ORM's session first would block the loop while it reads (its session is the
    usual one; compiled reads after it run in its transaction), and a session after loop reads is
    refused as after any compiled reads.
    """

    def __init__(self, db, size: int = 10):
        self.db = db
        self.size = size
        self._idle: list = []
        self._slots: asyncio.Semaphore | None = None
        self._connect = None
        self._preparing: asyncio.Future | None = None
        self._threaded = False
        self._closed = False

    @staticmethod
    def available(db) -> bool:
        """Whether ``db`` can be read this way: PostgreSQL through psycopg2, its connections set up only as
        ``register_uuid`` (what SQLAlchemy's psycopg2 dialect does unless told more)."""
        dialect = db.engine.dialect
        return (dialect.name == "postgresql" and dialect.driver == "psycopg2" and dialect.client_encoding is None
                and not dialect._json_deserializer)

    async def call(self, fn: Callable, *args) -> Any:
        """``fn(*args)`` with its compiled reads waited for on this loop (see the class)."""
        if self._connect is None:
            if self._preparing is None:
                self._preparing = asyncio.ensure_future(self._prepare())
            try:
                await asyncio.shield(self._preparing)  # once, for every call that comes meanwhile
            except BaseException:
                preparing = self._preparing
                if preparing is not None and preparing.done() and (preparing.cancelled() or preparing.exception()):
                    self._preparing = None  # the database was unreachable: the next call tries again
                raise
        if self._threaded:  # a database with hstore: its connections need what only a blocking one can do
            return await asyncio.get_running_loop().run_in_executor(None, contextvars.copy_context().run, fn, *args)
        child = _LoopGreenlet(fn, getcurrent(), self)
        child.gr_context = contextvars.copy_context()  # the caller's context (request id, ...), as on a thread
        result = child.switch(*args)
        while not child.dead:  # it gave an awaitable to wait for
            try:
                value = await result
            except BaseException as exc:  # noqa: BLE001 - raised where it waits, a cancellation too
                result = child.throw(exc)
            else:
                result = child.switch(value)
        return result

    async def _prepare(self) -> None:
        def connect_once():  # the statements are compiled with the engine's dialect: connected once, it knows its server
            with self.db.engine.connect():
                pass

        await asyncio.get_running_loop().run_in_executor(None, connect_once)
        dialect = self.db.engine.dialect
        cargs, cparams = dialect.create_connect_args(self.db.engine.url)
        self._threaded = bool(getattr(dialect, "_has_native_hstore", False))
        self._slots = asyncio.Semaphore(self.size)
        self._connect = lambda: dialect.loaded_dbapi.connect(*cargs, **cparams, async_=1)  # last: now prepared

    async def fetch(self, sql: str, params) -> tuple[list, Any]:
        """One statement: its rows and the cursor's description."""
        async with self._slots:
            conn, fresh = (self._idle.pop(), False) if self._idle else (await self._open(), True)
            while True:
                try:
                    found = await self._run(conn, sql, params)
                except BaseException as exc:
                    dialect = self.db.engine.dialect
                    dead = bool(conn.closed) or isinstance(exc, dialect.loaded_dbapi.Error) and \
                        dialect.is_disconnect(exc, conn, None)
                    if dead or not isinstance(exc, Exception) or conn.isexecuting():
                        conn.close()  # dead, or left midway (cancelled): not to be used again
                    else:
                        self._return(conn)  # the statement failed; the connection is fine (no transaction)
                    if not dead or fresh:
                        raise
                    self._close_idle()  # made by the same server, most likely: gone too
                    conn, fresh = await self._open(), True
                    continue
                self._return(conn)
                return found

    async def _open(self):
        conn = self._connect()
        try:
            await _ready(conn)
            psycopg2.extras.register_uuid(None, conn)  # what the dialect's on_connect does to its connections
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    async def _run(conn, sql: str, params) -> tuple[list, Any]:
        cursor = conn.cursor()
        try:
            cursor.execute(sql, params)  # sent; the answer is waited for on the loop
            await _ready(conn)
            return cursor.fetchall(), cursor.description
        finally:
            cursor.close()  # allowed midway too (cancelled): the connection is then closed by fetch()

    def _return(self, conn) -> None:
        if self._closed or conn.closed:
            conn.close()
        else:
            self._idle.append(conn)

    def _close_idle(self) -> None:
        idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def close(self) -> None:
        """Close the idle connections; those in use close when their read ends."""
        self._closed = True
        self._close_idle()


class _LoopGreenlet(greenlet):
    """A use case run by ``LoopReads.call``: ``loop_reads`` tells its read units where to send statements."""

    def __init__(self, fn, parent, reads: LoopReads):
        super().__init__(fn, parent)
        self.loop_reads = reads


def _await(awaitable):
    """From a use case run by ``LoopReads.call``: wait for ``awaitable`` on the loop, give its result."""
    return getcurrent().parent.switch(awaitable)


#: psycopg2.extensions.POLL_OK, POLL_READ, POLL_WRITE
_POLL_OK, _POLL_READ, _POLL_WRITE = 0, 1, 2


def _wake(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


async def _ready(conn) -> None:
    """Wait on the running loop until psycopg2's asynchronous ``conn`` is done with its current work."""
    loop = asyncio.get_running_loop()
    while True:
        state = conn.poll()
        if state == _POLL_OK:
            return
        fd = conn.fileno()
        future = loop.create_future()
        if state == _POLL_READ:
            loop.add_reader(fd, _wake, future)
            try:
                await future
            finally:
                loop.remove_reader(fd)
        elif state == _POLL_WRITE:
            loop.add_writer(fd, _wake, future)
            try:
                await future
            finally:
                loop.remove_writer(fd)
        else:
            raise conn.OperationalError(f"psycopg2: unexpected poll state {state}")  # pragma: no cover
