"""The inbox: record ``(consumer, event_id)`` in the same transaction as the effect.

Delivery is at least once, so every consumer checks here first; a duplicate is
acknowledged and skipped, and never applied twice.
"""
from __future__ import annotations

import functools
import time

from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.common import metrics
from services.common.db import UnitOfWork
from services.common.messaging_tables import inbox_table

#: as long as the inbox keeps an event id (a UUID's 36 characters): a longer one could never be claimed
EVENT_ID_LENGTH = 36


class Unusable(Exception):
    """An event its consumer cannot use: undecodable, not an envelope, or with a payload that breaks the
    event's contract (a field missing or of the wrong type). Retrying it would not help; it goes to
    the queue's dead-letter queue at once, with this reason in its headers, for a person to see."""


def check_envelope(envelope) -> dict:
    """The envelope every event carries (services.common.db.Event.envelope), or Unusable saying what is off."""
    if not isinstance(envelope, dict):
        raise Unusable(f"the body is not a JSON object but {type(envelope).__name__}")
    event_id = envelope.get("event_id")
    if not isinstance(event_id, str) or not event_id.strip() or len(event_id) > EVENT_ID_LENGTH:
        raise Unusable(f"event_id: is required, text of at most {EVENT_ID_LENGTH} characters")
    district = envelope.get("district")
    if district is not None and not (isinstance(district, str) and len(district) == 6 and district.isdigit()):
        raise Unusable(f"district: must be a 6-digit district code, got {str(district)[:40]!r}")
    if not isinstance(envelope.get("payload", {}), dict):
        raise Unusable("payload: must be a JSON object")
    return envelope


def claim(uow: UnitOfWork, consumer: str, event_id: str) -> bool:
    """True if this is the first time ``consumer`` sees ``event_id`` (the claim commits with the effect).

    On PostgreSQL a concurrent claim of the same event waits for the first transaction and
    then finds the row, so two workers cannot both apply one event.
    """
    stmt = _claim_statement(uow.db.metadata, uow.db.engine.dialect.name)
    first = uow.session.execute(stmt, {"consumer": consumer, "event_id": event_id,
                                       "received_at": time.time()}).rowcount == 1
    if not first:
        metrics.INBOX_DUPLICATES.labels(uow.db.service, consumer).inc()
    return first


def claim_all(uow: UnitOfWork, consumer: str, event_ids: list[str]) -> list[bool]:
    """``claim`` for a batch of events in one statement: for each id, in order, whether this is its first
    time (an id twice in the batch is first only once). The claims commit with the batch's effects."""
    if not event_ids:
        return []
    table = inbox_table(uow.db.metadata)
    now = time.time()
    rows = [{"consumer": consumer, "event_id": e, "received_at": now} for e in dict.fromkeys(event_ids)]
    # one statement however many rows (SQLAlchemy's "insertmanyvalues"), compiled once
    stmt = _claim_statement(uow.db.metadata, uow.db.engine.dialect.name).returning(table.c.event_id)
    fresh = set(uow.session.execute(stmt, rows).scalars())
    first = []
    for event_id in event_ids:
        first.append(event_id in fresh)
        fresh.discard(event_id)
    if duplicates := first.count(False):
        metrics.INBOX_DUPLICATES.labels(uow.db.service, consumer).inc(duplicates)
    return first


@functools.lru_cache(maxsize=None)
def _claim_statement(metadata, dialect: str):
    """Built once: every event handled runs it."""
    table = inbox_table(metadata)
    if dialect == "postgresql":
        return pg_insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite_insert(table).on_conflict_do_nothing()
    return insert(table)  # pragma: no cover - only the two supported databases
