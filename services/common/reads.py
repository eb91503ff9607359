"""Reads without the ORM's cost per call: a read-only unit of work that opens nothing until asked,
and statements built and compiled once, run on the unit's own DBAPI connection.

A use case's ORM query costs far more than the database takes to answer it (SQLAlchemy builds the
statement, computes its cache key, sets up the ORM's loading, makes the objects): several times a
small read's own work. The hot reads therefore run ``Query`` objects through the repository
(``ScopedRepository.rows`` and ``get_row``, which add the caller's scope exactly as the ORM queries
do): each is built and compiled once per dialect and scope shape, its values passed as bound
parameters, and its rows come back as plain named tuples (``Row``) of the model's attributes, with
the dialect's result conversions applied (SQLite's booleans and dates), as the ORM would load them.

``ReadUnit`` is the unit of work of ``usecase.run`` for reads: it checks a connection out and begins
its transaction only on first use, for compiled reads straight on the DBAPI connection, for the ORM
through the session as before (one snapshot either way); it rolls back at the end.
"""
from __future__ import annotations

import collections
import threading
from typing import Any, Callable, Iterable

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from services.common.db import UnitOfWork


class ReadUnit(UnitOfWork):
    """A read-only unit of work that opens its transaction on first use, on one of two paths:

    - compiled reads (``dbapi()``): a pooled DBAPI connection and its transaction, without
      SQLAlchemy's connection and session layers (which cost more than a small read itself);
    - the ORM (``session``): a session exactly as ``db.uow(ctx, write=False)`` makes it; compiled
      reads made after it run in its transaction.

    A session asked for after compiled reads is refused: it would read another snapshot."""

    def __init__(self, db, ctx):
        super().__init__(db, ctx, write=False)

    _gate = None  # a read takes no write gate

    def __enter__(self) -> "ReadUnit":
        self._raw = None
        self._session = None
        return self

    @property
    def session(self):
        if self._session is None:
            if self._raw is not None:
                raise RuntimeError("this read unit has read through compiled reads already: the session would "
                                   "read another snapshot (read one way in a use case, or the session first)")
            self._session = self.db.session_factory()
        return self._session

    @session.setter
    def session(self, value) -> None:  # UnitOfWork.__init__ sets it to None: the session is made on first use
        if value is not None:
            raise AttributeError("a read unit makes its own session")

    def dbapi(self):
        """The DBAPI connection of this unit's transaction (the session's, if it has one)."""
        if self._session is not None:
            return self._session.connection().connection.dbapi_connection
        if self._raw is None:
            raw = self.db.engine.raw_connection()  # a pooled connection (pinged first where the pool says so)
            try:
                if self.db.engine.dialect.name == "sqlite":
                    # as make_engine's "begin" listener does for reads: the connection leaves BEGIN to us
                    raw.dbapi_connection.execute("BEGIN DEFERRED")
            except BaseException:
                raw.invalidate()
                raw.close()
                raise
            self._raw = raw
        return self._raw.dbapi_connection

    def __exit__(self, exc_type, exc, tb):
        raw, session = self._raw, self._session
        self._raw = self._session = None
        try:
            if session is not None:
                session.close()  # rolls back
        finally:
            if raw is not None:
                raw.close()  # back to the pool, which rolls the read's transaction back

    def rollback(self):
        """End the read's transaction; a later read begins another."""
        raw, session = self._raw, self._session
        self._raw = None
        if session is not None:
            session.rollback()
        if raw is not None:
            raw.close()
        self._reset()

    def commit(self):
        raise RuntimeError("a read unit does not commit")


def dbapi_connection(uow):
    """The DBAPI connection of ``uow``'s transaction. A unit of work with an ORM session flushes its
    pending changes first, as the ORM's own queries do (autoflush)."""
    if isinstance(uow, ReadUnit):
        return uow.dbapi()
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
        cursor = conn.cursor()
        try:
            cursor.execute(self.sql, self._params(params))
            rows = cursor.fetchall()
            processors = self.processors
            if processors is None:
                processors = self.processors = self._processors(cursor.description)
        finally:
            cursor.close()
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


def _convert(row: Iterable, processors: list[tuple[int, Callable]]) -> list:
    values = list(row)
    for i, proc in processors:
        values[i] = proc(values[i])
    return values
