"""What every registry use case shares: the scoped repository and the audit trail."""
from __future__ import annotations

from services.common.db import UnitOfWork
from services.common.errors import InvalidArgument
from services.common.tables import audit  # noqa: F401 - the use cases' audit trail
from services.registry.repository import Repository


def repo(uow: UnitOfWork) -> Repository:
    return Repository(uow.session, uow.ctx)


def optional_text(value, field: str, limit: int = 500) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InvalidArgument("must be text", field)
    if len(value) > limit:
        raise InvalidArgument(f"must be at most {limit} characters", field)
    return value.strip()
