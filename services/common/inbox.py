"""The inbox: record ``(consumer, event_id)`` in the same transaction as the effect.

Delivery is at least once, so every consumer checks here first; a duplicate is
acknowledged and skipped, and never applied twice.
"""
from __future__ import annotations

import time

from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.common import metrics
from services.common.db import UnitOfWork
from services.common.messaging_tables import inbox_table


def claim(uow: UnitOfWork, consumer: str, event_id: str) -> bool:
    """True if this is the first time ``consumer`` sees ``event_id`` (the claim commits with the effect).

    On PostgreSQL a concurrent claim of the same event waits for the first transaction and
    then finds the row, so two workers cannot both apply one event.
    """
    table = inbox_table(uow.db.metadata)
    values = {"consumer": consumer, "event_id": event_id, "received_at": time.time()}
    dialect = uow.db.engine.dialect.name
    if dialect == "postgresql":
        stmt = pg_insert(table).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite_insert(table).values(**values).on_conflict_do_nothing()
    else:  # pragma: no cover - only the two supported databases
        stmt = insert(table).values(**values)
    first = uow.session.execute(stmt).rowcount == 1
    if not first:
        metrics.INBOX_DUPLICATES.labels(uow.db.service, consumer).inc()
    return first
