"""What the points use cases share: scope checks, dates, the audit trail."""
from __future__ import annotations

from datetime import date, datetime, timezone

from services.common.db import UnitOfWork
from services.common.divisions import check_code_format
from services.common.errors import InvalidArgument, NotFound
from services.common.tables import audit  # noqa: F401 - the use cases' audit trail


def parse_date(value, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InvalidArgument(f"must be a date YYYY-MM-DD, got {value!r}", field)


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


def text(value, field: str, limit: int = 1000, required: bool = False) -> str | None:
    if value in (None, ""):
        if required:
            raise InvalidArgument("is required", field)
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise InvalidArgument(f"must be text of at most {limit} characters", field)
    return value.strip()


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment
