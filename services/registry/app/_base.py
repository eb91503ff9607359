"""What every registry use case shares: the scoped repository and the audit trail."""
from __future__ import annotations

from services.common.db import UnitOfWork
from services.common.errors import InvalidArgument
from services.registry import models as m
from services.registry.repository import Repository


def repo(uow: UnitOfWork) -> Repository:
    return Repository(uow.session, uow.ctx)


def audit(uow: UnitOfWork, district: str, action: str, subject: str, before=None, after=None,
          reason: str | None = None) -> None:
    uow.session.add(m.AuditEntry(district=district, actor=uow.ctx.actor, action=action, subject=subject,
                                 reason=reason, before=before, after=after, request_id=uow.ctx.request_id))


def optional_text(value, field: str, limit: int = 500) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InvalidArgument("must be text", field)
    if len(value) > limit:
        raise InvalidArgument(f"must be at most {limit} characters", field)
    return value.strip()
