"""Running a use case from an entrypoint: check the parameters, open a unit of work, commit writes.

Entrypoints (gRPC servicers, nameko workers) pass plain dicts; a parameter the use case does
not take, or a required one that is missing, is refused naming the field.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from services.common import bulk, metrics
from services.common.context import RequestContext
from services.common.db import Database, retrying
from services.common.errors import AlreadyExists, DomainError, InvalidArgument
from services.common.messaging_tables import idempotency_table
from services.common.reads import ReadUnit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UseCases:
    """A service's API, declared once in its ``app/__init__.py`` and served alike by its gRPC
    servicer and its nameko worker (they cannot drift apart).

    - ``table``: gRPC method name → use case function;
    - ``reads``: the methods that only read (the rest write and commit);
    - ``idempotent``: the writes that take an ``idempotency_key`` (``True``: every write);
    - ``group_commit``: the idempotent writes whose concurrent gRPC calls share one transaction
      (services.common.batching), each with its conflict key ``(context, params) -> key``: two
      calls with one key are never in the same batch.
    """

    table: Mapping[str, Callable]
    reads: frozenset[str]
    idempotent: frozenset[str] = frozenset()
    group_commit: Mapping[str, Callable] = field(default_factory=dict)

    def __init__(self, table: Mapping[str, Callable], reads, idempotent: bool | set = (),
                 group_commit: Mapping[str, Callable] | None = None):
        reads = frozenset(reads)
        writes = frozenset(table) - reads
        idempotent = writes if idempotent is True else frozenset(idempotent or ())
        group_commit = dict(group_commit or {})
        for what, names, within in (("reads", reads, frozenset(table)), ("idempotent", idempotent, writes),
                                    ("group_commit", frozenset(group_commit), idempotent)):
            if stray := sorted(names - within):
                raise ValueError(f"{what}: {', '.join(stray)} not among {'the use cases' if what == 'reads' else what}")
        object.__setattr__(self, "table", dict(table))
        object.__setattr__(self, "reads", reads)
        object.__setattr__(self, "idempotent", idempotent)
        object.__setattr__(self, "group_commit", group_commit)

    @property
    def writes(self) -> frozenset[str]:
        return frozenset(self.table) - self.reads

    def call(self, db: Database, ctx: RequestContext, name: str, params: dict[str, Any]) -> Any:
        """Run method ``name`` alone: a read, a write, or an idempotent write (its key checked)."""
        fn = self.table[name]
        if name in self.reads:
            return run(db, ctx, fn, params, write=False)
        if name in self.idempotent:
            return run_idempotent(db, ctx, fn, params, name)
        return run(db, ctx, fn, params, write=True)


def rpc_name(grpc_method: str) -> str:
    """The nameko RPC name of a gRPC method: ``GetStatement`` → ``get_statement``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", grpc_method).lower()


@functools.lru_cache(maxsize=None)
def _signature(fn: Callable) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(accepted, required) keyword parameters of a use case."""
    params = [p for p in inspect.signature(fn).parameters.values() if p.kind == p.KEYWORD_ONLY]
    return tuple(p.name for p in params), tuple(p.name for p in params if p.default is inspect.Parameter.empty)


def _nul_in(value, path: str) -> str | None:
    """The path of the first text holding a NUL byte: no database stores one (PostgreSQL refuses it,
    SQLite cuts the text there), so it is refused on arrival, naming the field."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        return next((p for k, v in value.items() if (p := _nul_in(v, f"{path}.{k}"))), None)
    if isinstance(value, (list, tuple)):
        return next((p for i, v in enumerate(value) if (p := _nul_in(v, f"{path}[{i}]"))), None)
    return None


def check_params(fn: Callable, params: dict[str, Any]) -> dict[str, Any]:
    for name, value in params.items():
        if (where := _nul_in(value, name)) is not None:
            raise InvalidArgument("must not contain a NUL byte", where)
    accepted, required = _signature(fn)
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise InvalidArgument(f"unknown parameter; {fn.__name__} takes {', '.join(accepted) or 'nothing'}",
                              unknown[0])
    for name in required:
        if params.get(name) in (None, ""):
            raise InvalidArgument("is required", name)
    return params


def run(db: Database, ctx: RequestContext, fn: Callable, params: dict[str, Any], write: bool) -> Any:
    params = check_params(fn, params)

    def once():
        # a read opens its connection (and session) only when the use case first reads
        with (db.uow(ctx, write=True) if write else ReadUnit(db, ctx)) as uow:
            result = fn(uow, **params)
            if write:
                uow.commit()
        return result

    try:
        return retrying(db.service, fn.__name__, once)  # a deadlock with another caller is nobody's error
    except IntegrityError as exc:
        # the use case checked first, but a concurrent request wrote the same record in between
        raise _conflict(exc) from None


def _constraint(exc: IntegrityError) -> str:
    diag = getattr(exc.orig, "diag", None)
    return getattr(diag, "constraint_name", None) or str(exc.orig).splitlines()[0]


#: constraint name → the error a caller gets when a concurrent request won the race for it (a
#: service registers its own: ``CONFLICTS["ex_bookings_no_overlap"] = lambda: FailedPrecondition(...)``)
CONFLICTS: dict[str, Callable[[], DomainError]] = {}


def _conflict(exc: IntegrityError) -> DomainError:
    name = _constraint(exc)
    explained = CONFLICTS.get(name)
    return explained() if explained else AlreadyExists(f"conflicts with a record written at the same time ({name})")


def _idempotent_request(ctx: RequestContext, fn: Callable, params: dict[str, Any], operation: str):
    """(key, the use case's parameters, the request's digest, the key's scope); bad input refused."""
    params = dict(params)
    key = params.pop("idempotency_key", None)
    if not key or not isinstance(key, str) or not key.strip():
        raise InvalidArgument("is required: every write takes one", "idempotency_key")
    if len(key) > 128:
        raise InvalidArgument("must be at most 128 characters", "idempotency_key")
    if not key.isprintable():
        raise InvalidArgument("must be printable text (no control characters)", "idempotency_key")
    params = check_params(fn, params)
    digest = hashlib.sha256(json.dumps([operation, params], sort_keys=True, default=str).encode()).hexdigest()
    return _callers_key(ctx, key), params, digest, ctx.district or "city"


def _callers_key(ctx: RequestContext, key: str) -> str:
    """The key as recorded: one digest of (caller, key). A key is one client's retry token, so it is
    looked up per caller: another caller who happens to send the same key makes a request of his own,
    and never gets the first caller's answer back (a redeemer's pick-up code, say), even where his own
    request would be refused. The same caller's retry finds its first answer as before."""
    return hashlib.sha256(json.dumps([ctx.actor, key], ensure_ascii=False).encode()).hexdigest()


#: fields of an answer given once and never kept with its idempotency key, by operation (a service
#: registers its own: ``UNRECORDED["CreateFeed"] = ("token", "path")``): a secret the database keeps
#: only as a hash must not lie in plain text in the keys' table. A retry then answers without them.
UNRECORDED: dict[str, tuple[str, ...]] = {}


def _key_record(scope: str, key: str, operation: str, digest: str, result: Any) -> dict[str, Any]:
    if operation in UNRECORDED and isinstance(result, dict):
        result = {name: value for name, value in result.items() if name not in UNRECORDED[operation]}
    return {"district": scope, "key": key, "operation": operation, "request_hash": digest,
            "response": json.dumps(result, ensure_ascii=False, default=str), "created_at": time.time()}


def run_idempotent(db: Database, ctx: RequestContext, fn: Callable, params: dict[str, Any], operation: str) -> Any:
    """A write that takes an idempotency key: the same caller's same key with the same content returns
    the first result; with other content it is refused. Keys are the caller's own (``_callers_key``).

    The key is recorded with the result in the write's own transaction, after the work: a failed
    write leaves the key free, and of two concurrent requests with one key the second waits on the
    key's unique index, finds it taken, rolls its work back and answers with the first result.
    """
    key, params, digest, scope = _idempotent_request(ctx, fn, params, operation)
    read_stmt = _idempotency_read(db)

    def earlier_answer():
        with db.engine.connect() as conn:
            row = conn.execute(read_stmt, {"d": scope, "k": key}).first()
        if row is None:
            return None
        if row.operation != operation or row.request_hash != digest:
            raise AlreadyExists("was already used for a different request", "idempotency_key")
        return json.loads(row.response)

    def once():
        with db.uow(ctx) as uow:
            try:
                result = fn(uow, **params)
                uow.prepare()
            except DomainError:
                uow.rollback()
                answer = earlier_answer()  # a retry of a request that succeeded before
                if answer is not None:
                    return answer
                raise
            uow.write_at_commit(_key_insert(db, [_key_record(scope, key, operation, digest, result)]))
            if not uow.flush_writes():  # the key was taken meanwhile
                uow.rollback()
                return earlier_answer()
            uow.commit()
        return result

    try:
        return retrying(db.service, operation, once)  # a deadlock with another caller is nobody's error
    except IntegrityError as exc:
        raise _conflict(exc) from None


class _RunAlone(Exception):
    """A group commit cannot answer every request together; each runs in its own transaction."""


def run_idempotent_batch(db: Database, fn: Callable, operation: str,
                         requests: list[tuple[RequestContext, dict[str, Any]]]) -> list[Any]:
    """Several callers' idempotent writes of one use case in one transaction (group commit).

    Returns one outcome per request: its result, or the exception it raised. The use case runs
    once per caller in a deferred unit of work (``db.uow(deferred=True)``), which lets it do its
    writes for all of them together before the commit. If anything goes wrong (one caller's bad
    request, an overdrawn balance, a key already used), the batch is rolled back and every request
    runs alone through ``run_idempotent``, so each caller gets exactly the answer it would have had
    without company. A batch of one takes the same way: on the writer's held connection it costs
    fewer round trips than ``run_idempotent``.
    """
    outcomes: list[Any] = [None] * len(requests)
    pending = []
    for i, (ctx, params) in enumerate(requests):
        try:
            pending.append((i, ctx, params, *_idempotent_request(ctx, fn, params, operation)))
        except DomainError as exc:
            outcomes[i] = exc
    if pending:
        try:
            results = _run_together(db, fn, operation, pending)
            for (i, *_), result in zip(pending, results):
                outcomes[i] = result
            return outcomes
        except Exception as exc:  # noqa: BLE001 - whatever it was, each request alone gets its own answer
            reason = "key_used" if isinstance(exc, _RunAlone) else type(exc).__name__
            metrics.GROUP_COMMIT_ALONE.labels(operation, reason).inc()
            log.info("group commit of %d %s requests runs them one by one: %s", len(pending), operation, exc)
    for i, ctx, params, *_ in pending:
        try:
            outcomes[i] = run_idempotent(db, ctx, fn, params, operation)
        except Exception as exc:  # noqa: BLE001 - handed to that caller
            outcomes[i] = exc
    return outcomes


def _run_together(db: Database, fn: Callable, operation: str, pending: list) -> list[Any]:
    with db.uow(None, deferred=True, connection=db.held_connection()) as batch:
        results = [fn(batch.for_caller(ctx), **use_case_params) for _, ctx, _, _, use_case_params, _, _ in pending]
        batch.prepare()
        records = [_key_record(scope, key, operation, digest, result)
                   for (_, _, _, key, _, digest, scope), result in zip(pending, results)]
        batch.write_at_commit(_key_insert(db, records))
        if len(batch.flush_writes()) != len(records):  # a key used before, or twice in this batch
            raise _RunAlone()
        batch.commit()
    return results


def _key_insert(db: Database, records: list[dict]) -> bulk.Insert:
    """Record idempotency keys, unless taken; returns the keys recorded (written last, at the commit)."""
    return bulk.Insert(idempotency_table(db.metadata), records, on_conflict_do_nothing=True,
                       returning=("district", "key"))


@functools.lru_cache(maxsize=None)
def _idempotency_read(db: Database):
    table = idempotency_table(db.metadata)
    return select(table.c.operation, table.c.request_hash, table.c.response).where(
        table.c.district == bindparam("d"), table.c.key == bindparam("k"))
