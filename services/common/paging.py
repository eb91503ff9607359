"""Paging by cursor (keyset paging, as Google's AIP-158 describes it) for every listing RPC.

A request carries ``page_size`` (0: the default) and ``page_token`` (empty: the first page); the
answer carries ``next_page_token`` (empty: the last page). The token is opaque to clients: it holds
the sort key of the last item returned, and a digest of the request's other filters, so a token is
refused (naming ``page_token``) when it is sent with other filters than the ones it came from.

Keyset, not offset: a page is ``WHERE (sort key) > (last key) ORDER BY sort key LIMIT n``, which an
index answers directly however deep the page, and rows added meanwhile neither repeat nor vanish
from the pages still to come. The sort key must be unique (end it with the primary key).
"""
from __future__ import annotations

import base64
import hashlib
import json
from datetime import date, datetime
from typing import Any, Sequence

from sqlalchemy import tuple_

from services.common.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def page_size(value, field: str = "page_size") -> int:
    """The page's size: ``value`` if given (1 to MAX_PAGE_SIZE), else the default."""
    if value in (None, 0):
        return DEFAULT_PAGE_SIZE
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE_SIZE:
        raise InvalidArgument(f"must be a whole number from 1 to {MAX_PAGE_SIZE} (0: {DEFAULT_PAGE_SIZE})", field)
    return value


def _digest(filters: dict) -> str:
    return hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _plain(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def encode(last_key: Sequence[Any], filters: dict) -> str:
    body = json.dumps({"k": [_plain(v) for v in last_key], "f": _digest(filters)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")


def decode(token: str | None, filters: dict, field: str = "page_token") -> list | None:
    """The last key of the page before, or None for the first page; refused if the token is not one of
    ours or came with other filters."""
    if not token:
        return None
    try:
        body = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        key, digest = body["k"], body["f"]
        if not isinstance(key, list):
            raise ValueError
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise InvalidArgument("is not a page token this listing gave", field) from None
    if digest != _digest(filters):
        raise InvalidArgument("was given with other filters; start again from the first page", field)
    return key


def page(session, query, key_columns: Sequence, *, size: int, token: str | None, filters: dict,
         descending: bool = False, converters: Sequence | None = None, rows: bool = False) -> tuple[list, str]:
    """Run ``query`` (a select, already scoped and filtered) one page at a time: (this page's records, the
    next page's token or ""). ``key_columns``: the unique sort key, in order, named as the records'
    attributes; ``descending``: newest first; ``converters``: for each key column, how a token's JSON
    value becomes the column's (``date.fromisoformat``), or None; ``rows``: the query selects columns
    (rows), not one model (its objects)."""
    last = decode(token, filters)
    key = tuple_(*key_columns)
    if last is not None:
        if len(last) != len(key_columns):
            raise InvalidArgument("is not a page token this listing gave", "page_token")
        if converters:
            try:
                last = [convert(v) if convert and v is not None else v for convert, v in zip(converters, last)]
            except (TypeError, ValueError):
                raise InvalidArgument("is not a page token this listing gave", "page_token") from None
        query = query.where(key < tuple_(*last) if descending else key > tuple_(*last))
    order = [c.desc() for c in key_columns] if descending else list(key_columns)
    query = query.order_by(*order).limit(size + 1)
    found = list(session.execute(query) if rows else session.scalars(query))
    if len(found) <= size:
        return found, ""
    found = found[:size]
    return found, encode([getattr(found[-1], c.key) for c in key_columns], filters)
