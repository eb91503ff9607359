"""Per-process copies of what nearly every request reads (accounts, rules, catalogue entries).

Keyed by database (tests and tools run several in one process). A copy read inside a unit of
work is kept only once that unit commits: the same transaction may have just written the row,
and a rollback must not leave a copy of something that never existed.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

import cachetools


class ProcessCopies:
    """``get(uow, key, read)``: the kept copy, or ``read()``'s answer (kept once ``uow`` commits).

    An empty answer (None, no rows) is never kept. ``cache`` says how long copies live: an
    ``LRUCache`` for rows never changed, a ``TTLCache`` for rows that may change elsewhere."""

    def __init__(self, cache: cachetools.Cache):
        self._cache = cache
        self._lock = threading.Lock()

    def get(self, uow, key: Any, read: Callable[[], Any]) -> Any:
        full_key = (uow.db.url, key)
        with self._lock:
            value = self._cache.get(full_key)
        if value is None:
            value = read()
            if value:
                uow.after_commit(lambda: self._keep(full_key, value))
        return value

    def _keep(self, key, value) -> None:
        with self._lock:
            self._cache[key] = value

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
