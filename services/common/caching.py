"""Per-process copies of what nearly every request reads (accounts, rules, catalogue entries).

Keyed by database (tests and tools run several in one process). A copy read inside a unit of
work is kept for the process only once that unit commits: the same transaction may have just
written the row, and a rollback must not leave a copy of something that never existed. Until
then it is held for the rest of that unit of work, whose callers (a batch's) read the same rows.
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
        held = uow.extras.get(self)
        if held and key in held:
            return held[key]
        full_key = (uow.db.url, key)
        with self._lock:
            value = self._cache.get(full_key)
        if value is None:
            value = read()
            if value:  # held for the rest of the unit of work (a batch's callers read the same rows)
                uow.extras.setdefault(self, {})[key] = value
                uow.after_commit(lambda: self._keep(full_key, value))
        return value

    def get_many(self, uow, keys: list, read_many: Callable[[list], dict]) -> dict:
        """The copies of ``keys`` that exist, those not kept read together by ``read_many(missing)`` (a
        dict). What it read is also held for the rest of ``uow``, where ``get`` finds it: a batch reads
        its rows in one statement, and each of its callers then finds its own at hand."""
        found, missing = {}, []
        with self._lock:
            for key in keys:
                value = self._cache.get((uow.db.url, key))
                if value is None:
                    missing.append(key)
                else:
                    found[key] = value
        if missing:
            read = {key: value for key, value in read_many(missing).items() if value}
            uow.extras.setdefault(self, {}).update(read)
            uow.after_commit(lambda: [self._keep((uow.db.url, key), value) for key, value in read.items()])
            found.update(read)
        return found

    def _keep(self, key, value) -> None:
        with self._lock:
            self._cache[key] = value

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
