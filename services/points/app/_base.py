"""What the points use cases share: scope checks, dates, the audit trail."""
from __future__ import annotations


from services.common.db import UnitOfWork
from services.common.divisions import check_code_format
from services.common.errors import InvalidArgument, NotFound
from services.common.tables import audit  # noqa: F401 - the use cases' audit trail
from services.common.values import aware, parse_date, text  # noqa: F401 - shared by the use cases


def district_of(uow: UnitOfWork, field: str = "district") -> str:
    """The tenant a write goes to: the caller's district (city-wide callers must be explicit)."""
    if not uow.ctx.district:
        raise InvalidArgument("a city-wide caller cannot write to the ledger; use a district token", field)
    return uow.ctx.district


def check_community(uow: UnitOfWork, community: str, field: str = "community", write: bool = True) -> str:
    community = check_code_format(community, "community", field)
    uow.ctx.check_scope(community, field, write=write)
    return community


def get_scoped(uow: UnitOfWork, model, key, field: str, what: str):
    obj = uow.session.get(model, key) if key else None
    if obj is None or not uow.ctx.can_see_district(obj.district):
        raise NotFound(f"no {what} {key!r}", field)
    return obj
