"""Running a use case from an entrypoint: check the parameters, open a unit of work, commit writes.

Entrypoints (gRPC servicers, nameko workers) pass plain dicts; a parameter the use case does
not take, or a required one that is missing, is refused naming the field.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import json
import re
import time
from typing import Any, Callable

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from services.common.context import RequestContext
from services.common.db import Database
from services.common.errors import AlreadyExists, DomainError, InvalidArgument
from services.common.messaging_tables import idempotency_table


def rpc_name(grpc_method: str) -> str:
    """The nameko RPC name of a gRPC method: ``GetStatement`` → ``get_statement``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", grpc_method).lower()


@functools.lru_cache(maxsize=None)
def _signature(fn: Callable) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(accepted, required) keyword parameters of a use case."""
    params = [p for p in inspect.signature(fn).parameters.values() if p.kind == p.KEYWORD_ONLY]
    return tuple(p.name for p in params), tuple(p.name for p in params if p.default is inspect.Parameter.empty)


def check_params(fn: Callable, params: dict[str, Any]) -> dict[str, Any]:
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
    try:
        with db.uow(ctx, write=write) as uow:
            result = fn(uow, **params)
            if write:
                uow.commit()
    except IntegrityError as exc:
        # the use case checked first, but a concurrent request wrote the same record in between
        raise AlreadyExists(f"conflicts with a record written at the same time ({_constraint(exc)})")
    return result


def _constraint(exc: IntegrityError) -> str:
    diag = getattr(exc.orig, "diag", None)
    return getattr(diag, "constraint_name", None) or str(exc.orig).splitlines()[0]


def run_idempotent(db: Database, ctx: RequestContext, fn: Callable, params: dict[str, Any], operation: str) -> Any:
    """A write that takes an idempotency key: the same key with the same content returns the first
    result; the same key with other content is refused.

    The key is recorded with the result in the write's own transaction, after the work: a failed
    write leaves the key free, and of two concurrent requests with one key the second waits on the
    key's unique index, finds it taken, rolls its work back and answers with the first result.
    """
    params = dict(params)
    key = params.pop("idempotency_key", None)
    if not key or not isinstance(key, str) or not key.strip():
        raise InvalidArgument("is required: every write takes one", "idempotency_key")
    if len(key) > 128:
        raise InvalidArgument("must be at most 128 characters", "idempotency_key")
    params = check_params(fn, params)
    digest = hashlib.sha256(json.dumps([operation, params], sort_keys=True, default=str).encode()).hexdigest()
    record_stmt, read_stmt = _idempotency_statements(db)
    scope = ctx.district or "city"

    def earlier_answer():
        with db.engine.connect() as conn:
            row = conn.execute(read_stmt, {"d": scope, "k": key}).first()
        if row is None:
            return None
        if row.operation != operation or row.request_hash != digest:
            raise AlreadyExists("was already used for a different request", "idempotency_key")
        return json.loads(row.response)

    try:
        with db.uow(ctx) as uow:
            try:
                result = fn(uow, **params)
            except DomainError:
                uow.rollback()
                answer = earlier_answer()  # a retry of a request that succeeded before
                if answer is not None:
                    return answer
                raise
            recorded = uow.session.connection().execute(record_stmt, {
                "district": scope, "key": key, "operation": operation, "request_hash": digest,
                "response": json.dumps(result, ensure_ascii=False, default=str),
                "created_at": time.time()}).rowcount
            if not recorded:
                uow.rollback()
                return earlier_answer()
            uow.commit()
    except IntegrityError as exc:
        raise AlreadyExists(f"conflicts with a record written at the same time ({_constraint(exc)})")
    return result


@functools.lru_cache(maxsize=None)
def _idempotency_statements(db: Database):
    """Built once per database: these run on every write."""
    table = idempotency_table(db.metadata)
    dialect_insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    record = dialect_insert(table).on_conflict_do_nothing()
    read = select(table.c.operation, table.c.request_hash, table.c.response).where(
        table.c.district == bindparam("d"), table.c.key == bindparam("k"))
    return record, read
