"""Transient database failures (a deadlock, a serialization failure, SQLite's lock) are run again in
place: nobody's error, so they reach no caller and spend no event's retry budget."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from services.common import metrics
from services.common.db import TRANSIENT_ATTEMPTS, retrying, transient


class _Orig(Exception):
    def __init__(self, text, pgcode=None):
        super().__init__(text)
        self.pgcode = pgcode


def _failure(text, pgcode=None, cls=OperationalError):
    return cls("UPDATE balances ...", {}, _Orig(text, pgcode))


@pytest.mark.parametrize("exc,reason", [
    (_failure("deadlock detected", "40P01"), "deadlock"),
    (_failure("could not serialize access", "40001"), "serialization_failure"),
    (_failure("database is locked"), "sqlite_locked"),
    (_failure("duplicate key", "23505", IntegrityError), None),
    (_failure("syntax error", "42601"), None),
    (ValueError("not a database error"), None),
])
def test_which_failures_are_transient(exc, reason):
    assert transient(exc) == reason


def test_a_transient_failure_is_run_again_and_counted():
    calls = []

    def work():
        calls.append(1)
        if len(calls) < 3:
            raise _failure("deadlock detected", "40P01")
        return "done"

    counter = metrics.TRANSACTION_RETRIES.labels("points", "test.work", "deadlock")
    before = counter._value.get()
    assert retrying("points", "test.work", work) == "done"
    assert len(calls) == 3 and counter._value.get() == before + 2


def test_the_last_transient_failure_and_any_other_are_raised():
    calls = []

    def always_deadlocked():
        calls.append(1)
        raise _failure("deadlock detected", "40P01")

    with pytest.raises(OperationalError):
        retrying("points", "test.always", always_deadlocked)
    assert len(calls) == TRANSIENT_ATTEMPTS

    calls.clear()

    def broken():
        calls.append(1)
        raise _failure("duplicate key", "23505", IntegrityError)

    with pytest.raises(IntegrityError):
        retrying("points", "test.broken", broken)
    assert len(calls) == 1
