"""Running a use case from an entrypoint: check the parameters, open a unit of work, commit writes.

Entrypoints (gRPC servicers, nameko workers) pass plain dicts; a parameter the use case does
not take, or a required one that is missing, is refused naming the field.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

from services.common.context import RequestContext
from services.common.db import Database
from sqlalchemy.exc import IntegrityError

from services.common.errors import AlreadyExists, InvalidArgument


def check_params(fn: Callable, params: dict[str, Any]) -> dict[str, Any]:
    signature = inspect.signature(fn)
    accepted = {n: p for n, p in signature.parameters.items() if p.kind == p.KEYWORD_ONLY}
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise InvalidArgument(f"unknown parameter; {fn.__name__} takes {', '.join(accepted) or 'nothing'}",
                              unknown[0])
    for name, param in accepted.items():
        if param.default is inspect.Parameter.empty and params.get(name) in (None, ""):
            raise InvalidArgument("is required", name)
    return params


def run(db: Database, ctx: RequestContext, fn: Callable, params: dict[str, Any], write: bool) -> Any:
    params = check_params(fn, params)
    try:
        with db.uow(ctx) as uow:
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
