"""What every service's tables share: naming conventions, ids, timestamps, the audit log's shape."""
from __future__ import annotations

import functools
import json
import uuid
from datetime import datetime, timezone

from sqlalchemy import JSON, BigInteger, DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.values import aware

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s",
          "pk": "pk_%(table_name)s"}
#: 64-bit on PostgreSQL; SQLite autoincrements only a plain INTEGER primary key
BIGINT = BigInteger().with_variant(Integer, "sqlite")


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def service_base() -> type[DeclarativeBase]:
    """A declarative base with its own metadata: each service owns its database and schema."""

    class Base(DeclarativeBase):
        metadata = MetaData(naming_convention=NAMING)

    return Base


class AuditColumns:
    """Who changed what, when, why, with the before and after. Mixed into each service's ``AuditEntry``."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BIGINT, primary_key=True, autoincrement=True)
    district: Mapped[str] = mapped_column(String(6), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@functools.lru_cache(maxsize=None)
def _audit_insert(metadata: MetaData):
    return metadata.tables["audit_log"].insert()


def audit(uow, district: str, action: str, subject: str, before=None, after=None, reason: str | None = None) -> None:
    """Add an audit entry to the unit of work (it commits, or rolls back, with the change)."""
    uow.session.connection().execute(_audit_insert(uow.db.metadata),
                                     audit_entry(uow, district, action, subject, before, after, reason))


def audit_line(entry) -> dict:
    """One line of an audit trail as the APIs show it (every service's ``AuditEntry`` message): ``before``
    and ``after`` as JSON text, since their shape is the change's."""
    def as_text(value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else ""

    return {"id": str(entry.id), "at": aware(entry.at).isoformat(), "actor": entry.actor, "action": entry.action,
            "subject": entry.subject, "reason": entry.reason or "", "before": as_text(entry.before),
            "after": as_text(entry.after)}


def audit_entry(uow, district: str, action: str, subject: str, before=None, after=None,
                reason: str | None = None) -> dict:
    """The audit log row for a change by the unit of work's caller (written with others in a group commit)."""
    return {"district": district, "actor": uow.ctx.actor, "action": action, "subject": subject, "reason": reason,
            "before": before, "after": after, "request_id": uow.ctx.request_id, "at": utcnow()}
