"""The outbox and inbox tables every service keeps in its own database."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text,
                        text)

OUTBOX = "outbox"
INBOX = "inbox"


def outbox_table(metadata: MetaData) -> Table:
    """Committed events waiting to be published (transactional outbox)."""
    if OUTBOX in metadata.tables:
        return metadata.tables[OUTBOX]
    return Table(
        OUTBOX, metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(100), nullable=False),
        Column("exchange", String(100), nullable=False),
        Column("district", String(12), nullable=False),
        Column("body", Text, nullable=False),
        Column("request_id", String(64)),
        Column("created_at", Float, nullable=False),
        Column("published_at", Float),
        Column("unroutable", Boolean, nullable=False, server_default=text("false")),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text),
        # the relay only ever scans unpublished rows
        Index("ix_outbox_unpublished", "id", postgresql_where=text("published_at IS NULL"),
              sqlite_where=text("published_at IS NULL")),
    )


def inbox_table(metadata: MetaData) -> Table:
    """Events already consumed, per consumer: the key to idempotent handling."""
    if INBOX in metadata.tables:
        return metadata.tables[INBOX]
    return Table(
        INBOX, metadata,
        Column("consumer", String(150), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("received_at", Float, nullable=False),
    )


IDEMPOTENCY = "idempotency_keys"


def idempotency_table(metadata: MetaData) -> Table:
    """Writes already done, by idempotency key: the same key and content get the first answer."""
    if IDEMPOTENCY in metadata.tables:
        return metadata.tables[IDEMPOTENCY]
    return Table(
        IDEMPOTENCY, metadata,
        Column("district", String(12), primary_key=True),
        Column("key", String(128), primary_key=True),
        Column("operation", String(100), nullable=False),
        Column("request_hash", String(64), nullable=False),
        Column("response", Text),
        Column("created_at", Float, nullable=False),
    )
