"""Group commit: concurrent requests of one kind share one database transaction.

A busy ledger spends most of its time on per-transaction costs: a round trip per statement and a
flush to disk per commit. ``GroupCommit`` lets callers (gRPC methods on the event loop) hand their
request to a writer thread and wait; a writer takes every request waiting meanwhile (up to
``max_batch``) and runs them together with ``run_batch``. Under light load a batch is one
request, so nothing waits for company; under load the batches grow by themselves.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from typing import Any, Callable, Sequence

from services.common import metrics


class GroupCommit:
    """``submit(request)`` blocks until ``run_batch`` has answered it.

    ``run_batch(requests)`` returns one outcome per request, in order: a result, or an exception
    instance, which ``submit`` raises in the caller's thread. Requests with the same
    ``conflict_key`` (one account) are never in flight together, neither in one batch nor in two
    writers' batches: the later one waits for the earlier to finish, so they run in the order they
    came.
    """

    def __init__(self, name: str, run_batch: Callable[[Sequence[Any]], list], *, max_batch: int = 32,
                 writers: int = 2, conflict_key: Callable[[Any], Any] | None = None,
                 on_writer_exit: Callable[[], None] | None = None, linger: float = 0.0):
        self.name = name
        # how long a writer that found one request waits for company before it starts (an event consumer:
        # its deliveries arrive one green thread at a time, so without a moment's wait every batch is one)
        self._linger = linger
        self._run_batch = run_batch
        self._max_batch = max_batch
        self._conflict_key = conflict_key or (lambda request: object())  # no key: nothing conflicts
        self._on_writer_exit = on_writer_exit
        self._changed = threading.Condition()  # a request came, a batch ended, or closing
        self._waiting: list[tuple[Any, Any, Future]] = []  # (request, its key, its answer), in order
        self._in_flight: set = set()  # keys of the requests in running batches
        self._closed = False
        self._writers = [threading.Thread(target=self._write, name=f"group-commit-{name}-{n}", daemon=True)
                         for n in range(writers)]
        for writer in self._writers:
            writer.start()

    def submit(self, request: Any) -> Any:
        return self.submit_future(request).result()

    def submit_future(self, request: Any) -> Future:
        """The answer to come (for an event loop: ``await asyncio.wrap_future(...)``)."""
        future: Future = Future()
        key = self._conflict_key(request)
        with self._changed:
            if self._closed:
                raise RuntimeError(f"group commit {self.name} is closed")
            self._waiting.append((request, key, future))
            self._changed.notify()
        return future

    def close(self) -> None:
        """Stop the writers once the requests already submitted are answered."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        for writer in self._writers:
            writer.join(30)

    def _take(self) -> list | None:
        """The next batch: the waiting requests whose keys are free, oldest first, up to max_batch;
        None once closed and nothing waits."""
        with self._changed:
            while True:
                if self._linger and self._waiting:
                    deadline = time.monotonic() + self._linger
                    while len(self._waiting) < self._max_batch and (left := deadline - time.monotonic()) > 0:
                        self._changed.wait(left)
                batch, keys, later = [], set(), []
                for entry in self._waiting:
                    key = entry[1]
                    if len(batch) < self._max_batch and key not in self._in_flight and key not in keys:
                        batch.append(entry)
                        keys.add(key)
                    else:
                        keys.add(key)  # a later request for this key must not overtake this one
                        later.append(entry)
                if batch:
                    self._waiting = later
                    self._in_flight |= {key for _, key, _ in batch}
                    return batch
                if self._closed and not self._waiting:
                    return None
                self._changed.wait()

    def _write(self) -> None:
        try:
            while (batch := self._take()) is not None:
                self._answer(batch)
                with self._changed:
                    self._in_flight -= {key for _, key, _ in batch}
                    self._changed.notify_all()
        finally:
            if self._on_writer_exit is not None:
                self._on_writer_exit()

    def _answer(self, batch: list) -> None:
        metrics.GROUP_COMMIT_SIZE.labels(self.name).observe(len(batch))
        try:
            outcomes = list(self._run_batch([request for request, _, _ in batch]))
            if len(outcomes) != len(batch):
                raise RuntimeError(f"{self.name}: {len(outcomes)} outcomes for {len(batch)} requests")
        except BaseException as exc:  # noqa: BLE001 - every caller must get an answer
            outcomes = [exc] * len(batch)
        for (_, _, future), outcome in zip(batch, outcomes):
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)
