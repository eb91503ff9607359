"""services.common.batching.GroupCommit: requests queued together run together, each caller gets its answer.

The fake ``run_batch`` (``Recorder``) records every batch it is given and can be told to hold a
batch (block on a ``threading.Event``) until the test releases it: while the only writer is held,
requests submitted meanwhile wait in the queue, so what the next batch holds is decided, not timed.
Timeouts below are only safety nets so that a broken implementation fails instead of hanging.
"""
from __future__ import annotations

import asyncio
import threading
import uuid
from collections import defaultdict

import pytest
from prometheus_client import REGISTRY

from services.common.batching import GroupCommit

SAFETY = 10  # seconds: only so that a bug fails the test instead of hanging it


class Recorder:
    """A fake ``run_batch``: records batches; answers ``done:<request>`` unless told otherwise.

    ``hold(r)`` makes the batch holding ``r`` wait until ``release(r)``; ``started(r)`` is set as
    soon as the batch holding ``r`` is being run. ``outcomes`` overrides the answer for some
    requests (an exception instance is returned as such); ``raise_on`` maps a request to an
    exception that ``run_batch`` raises for its whole batch.
    """

    def __init__(self, outcomes: dict | None = None, raise_on: dict | None = None):
        self.batches: list[list] = []
        self.threads: list[str] = []
        self.outcomes = outcomes or {}
        self.raise_on = raise_on or {}
        self._lock = threading.Lock()
        self._holds: dict = {}
        self._started: dict = defaultdict(threading.Event)

    def hold(self, request) -> None:
        self._holds[request] = threading.Event()

    def release(self, request) -> None:
        self._holds[request].set()

    def release_all(self) -> None:
        for event in list(self._holds.values()):
            event.set()

    def started(self, request) -> threading.Event:
        with self._lock:
            return self._started[request]

    def __call__(self, requests):
        with self._lock:
            self.batches.append(list(requests))
            self.threads.append(threading.current_thread().name)
            for request in requests:
                self._started[request].set()
        for request in requests:
            if request in self._holds:
                self._holds[request].wait(SAFETY)
        for request in requests:
            if request in self.raise_on:
                raise self.raise_on[request]
        return [self.outcomes.get(request, f"done:{request}") for request in requests]


def writer_threads(group: GroupCommit) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(f"group-commit-{group.name}-")]


@pytest.fixture
def make_group():
    """Build GroupCommits with a unique name; at the end release every hold and close them all."""
    made: list[tuple[GroupCommit, object]] = []

    def make(run_batch, **options) -> GroupCommit:
        options.setdefault("writers", 1)
        group = GroupCommit(f"test-{uuid.uuid4().hex[:12]}", run_batch, **options)
        made.append((group, run_batch))
        return group

    yield make
    for group, run_batch in made:
        if isinstance(run_batch, Recorder):
            run_batch.release_all()
        group.close()
        assert not writer_threads(group), "a writer thread outlived close()"


def occupy_writer(group: GroupCommit, recorder: Recorder, blocker="blocker"):
    """Submit ``blocker``, held in run_batch, and wait until a writer is running it."""
    recorder.hold(blocker)
    future = group.submit_future(blocker)
    assert recorder.started(blocker).wait(SAFETY)
    return future


def results(futures) -> list:
    return [f.result(SAFETY) for f in futures]


# ---- answers


def test_a_single_request_is_answered_with_its_outcome(make_group):
    """submit() blocks until the writer ran the request and returns its outcome."""
    recorder = Recorder()
    group = make_group(recorder)
    assert group.submit("a") == "done:a"
    assert recorder.batches == [["a"]]


def test_submit_future_resolves_and_can_be_awaited(make_group):
    """submit_future() gives a Future, usable from an event loop through asyncio.wrap_future."""
    group = make_group(Recorder())

    async def ask():
        return await asyncio.wrap_future(group.submit_future("a"))

    assert asyncio.run(ask()) == "done:a"


def test_each_of_many_concurrent_callers_gets_its_own_answer(make_group):
    """Whatever batches form, every caller gets the outcome of its own request."""
    recorder = Recorder()
    group = make_group(recorder, writers=2, max_batch=4)
    callers = 20
    barrier = threading.Barrier(callers)
    answers: dict = {}

    def caller(n):
        barrier.wait(SAFETY)
        answers[n] = group.submit(n)

    threads = [threading.Thread(target=caller, args=(n,)) for n in range(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(SAFETY)
    assert answers == {n: f"done:{n}" for n in range(callers)}
    assert sorted(r for batch in recorder.batches for r in batch) == list(range(callers))
    assert all(1 <= len(batch) <= 4 for batch in recorder.batches)


# ---- what a batch holds


def test_requests_queued_while_the_writer_is_busy_share_the_next_batch(make_group):
    """While the only writer runs a batch, requests submitted meanwhile are taken together next."""
    recorder = Recorder()
    group = make_group(recorder, writers=1)
    blocker = occupy_writer(group, recorder)
    futures = [group.submit_future(r) for r in ("a", "b", "c")]
    recorder.release("blocker")
    assert blocker.result(SAFETY) == "done:blocker"
    assert results(futures) == ["done:a", "done:b", "done:c"]
    assert recorder.batches == [["blocker"], ["a", "b", "c"]]


def test_with_two_writers_busy_the_first_free_one_takes_all_queued(make_group):
    """With every writer busy, the queue builds up and the first writer free takes all of it."""
    recorder = Recorder()
    group = make_group(recorder, writers=2)
    first = occupy_writer(group, recorder, "blocker-1")
    second = occupy_writer(group, recorder, "blocker-2")
    futures = [group.submit_future(r) for r in ("a", "b", "c")]
    recorder.release("blocker-1")
    assert results(futures) == ["done:a", "done:b", "done:c"]
    assert first.result(SAFETY) == "done:blocker-1"
    recorder.release("blocker-2")
    assert second.result(SAFETY) == "done:blocker-2"
    assert recorder.batches == [["blocker-1"], ["blocker-2"], ["a", "b", "c"]]
    assert recorder.threads[0] != recorder.threads[1]  # the two blockers ran on different writers


def test_max_batch_caps_a_batch_and_the_rest_follow_in_order(make_group):
    """No batch holds more than max_batch requests; the rest run in the next batches, in order."""
    recorder = Recorder()
    group = make_group(recorder, writers=1, max_batch=2)
    occupy_writer(group, recorder)
    futures = [group.submit_future(f"r{n}") for n in range(5)]
    recorder.release("blocker")
    assert results(futures) == [f"done:r{n}" for n in range(5)]
    assert recorder.batches == [["blocker"], ["r0", "r1"], ["r2", "r3"], ["r4"]]


def test_max_batch_of_one_runs_every_request_alone(make_group):
    """max_batch=1: requests are never grouped."""
    recorder = Recorder()
    group = make_group(recorder, writers=1, max_batch=1)
    occupy_writer(group, recorder)
    futures = [group.submit_future(r) for r in ("a", "b")]
    recorder.release("blocker")
    assert results(futures) == ["done:a", "done:b"]
    assert recorder.batches == [["blocker"], ["a"], ["b"]]


# ---- conflict keys


def account(request):
    return request[0]


def test_requests_with_one_conflict_key_never_share_a_batch_and_keep_their_order(make_group):
    """Two requests for one key go to different batches, the earlier first; all are answered."""
    recorder = Recorder()
    group = make_group(recorder, writers=1, conflict_key=account)
    occupy_writer(group, recorder, ("x", 0))
    submitted = [("a", 1), ("a", 2), ("b", 1), ("a", 3), ("b", 2), ("c", 1)]
    futures = [group.submit_future(r) for r in submitted]
    recorder.release(("x", 0))
    assert results(futures) == [f"done:{r}" for r in submitted]
    assert recorder.batches == [
        [("x", 0)],
        [("a", 1), ("b", 1), ("c", 1)],
        [("a", 2), ("b", 2)],
        [("a", 3)],
    ]
    for batch in recorder.batches:
        keys = [account(r) for r in batch]
        assert len(keys) == len(set(keys)), f"one key twice in {batch}"
    ran = [r for batch in recorder.batches for r in batch]
    for key in "abc":
        assert [r for r in ran if r[0] == key] == [r for r in submitted if r[0] == key]


def test_a_held_over_request_is_answered_before_the_writers_stop(make_group):
    """A request held over for its conflict key still runs when close() follows at once."""
    recorder = Recorder()
    group = make_group(recorder, writers=1, conflict_key=account)
    occupy_writer(group, recorder, ("x", 0))
    futures = [group.submit_future(r) for r in (("a", 1), ("a", 2))]
    closer = threading.Thread(target=group.close)
    closer.start()
    recorder.release(("x", 0))
    closer.join(SAFETY)
    assert not closer.is_alive()
    assert results(futures) == ["done:('a', 1)", "done:('a', 2)"]
    assert recorder.batches == [[("x", 0)], [("a", 1)], [("a", 2)]]


def test_without_conflict_key_equal_requests_may_share_a_batch(make_group):
    """No conflict_key: nothing is held over, duplicates ride in one batch."""
    recorder = Recorder()
    group = make_group(recorder, writers=1)
    occupy_writer(group, recorder, ("x", 0))
    futures = [group.submit_future(("a", 1)) for _ in range(2)]
    recorder.release(("x", 0))
    assert results(futures) == ["done:('a', 1)"] * 2
    assert recorder.batches == [[("x", 0)], [("a", 1), ("a", 1)]]


# ---- failures


def test_an_exception_outcome_is_raised_only_in_its_own_caller(make_group):
    """An exception instance returned for one request is raised by that caller; the others get results."""
    refused = ValueError("overdrawn")
    recorder = Recorder(outcomes={"bad": refused})
    group = make_group(recorder, writers=1)
    occupy_writer(group, recorder)
    good_1, bad, good_2 = (group.submit_future(r) for r in ("a", "bad", "c"))
    recorder.release("blocker")
    assert good_1.result(SAFETY) == "done:a"
    assert good_2.result(SAFETY) == "done:c"
    assert bad.exception(SAFETY) is refused
    assert recorder.batches[-1] == ["a", "bad", "c"]


def test_submit_raises_the_exception_outcome_in_the_callers_thread(make_group):
    """submit() (blocking) raises the exception instance given as the request's outcome."""
    refused = LookupError("no such account")
    group = make_group(Recorder(outcomes={"bad": refused}))
    with pytest.raises(LookupError) as err:
        group.submit("bad")
    assert err.value is refused
    assert group.submit("a") == "done:a"


def test_when_run_batch_raises_every_caller_in_the_batch_gets_the_exception(make_group):
    """run_batch raising answers every request of that batch with that exception; the writer goes on."""
    down = ConnectionError("database down")
    recorder = Recorder(raise_on={"boom": down})
    group = make_group(recorder, writers=1)
    occupy_writer(group, recorder)
    futures = [group.submit_future(r) for r in ("a", "boom", "c")]
    recorder.release("blocker")
    assert [f.exception(SAFETY) for f in futures] == [down, down, down]
    assert recorder.batches[-1] == ["a", "boom", "c"]
    assert group.submit("after") == "done:after"  # the writer survived


# ---- closing


def test_close_stops_every_writer_and_runs_on_writer_exit_once_in_each(make_group):
    """close() ends the writer threads; on_writer_exit ran once per writer, in that writer's thread."""
    exits: list[str] = []
    lock = threading.Lock()

    def on_exit():
        with lock:
            exits.append(threading.current_thread().name)

    group = make_group(Recorder(), writers=3, on_writer_exit=on_exit)
    writers = writer_threads(group)
    assert len(writers) == 3 and all(t.is_alive() for t in writers)
    assert group.submit("a") == "done:a"
    group.close()
    assert not any(t.is_alive() for t in writers)
    assert sorted(exits) == sorted(t.name for t in writers)


def test_close_answers_the_requests_already_queued(make_group):
    """Requests queued before close() are still run and answered before the writers stop."""
    recorder = Recorder()
    group = make_group(recorder, writers=1)
    occupy_writer(group, recorder)
    futures = [group.submit_future(r) for r in ("a", "b")]
    closer = threading.Thread(target=group.close)
    closer.start()
    recorder.release("blocker")
    closer.join(SAFETY)
    assert not closer.is_alive()
    assert results(futures) == ["done:a", "done:b"]
    assert not writer_threads(group)


def test_submit_after_close_raises_runtime_error(make_group):
    """A closed group commit refuses new requests (submit and submit_future)."""
    group = make_group(Recorder(), writers=2)
    group.close()
    with pytest.raises(RuntimeError, match="closed"):
        group.submit("a")
    with pytest.raises(RuntimeError, match="closed"):
        group.submit_future("a")


# ---- metrics


def sample(name: str, group: GroupCommit, **labels) -> float:
    return REGISTRY.get_sample_value(name, {"use_case": group.name, **labels}) or 0.0


def test_group_commit_size_histogram_observes_each_batch_size(make_group):
    """cityplat_group_commit_size gets one observation per batch, of the batch's size, by use case."""
    recorder = Recorder()
    group = make_group(recorder, writers=1)
    assert sample("cityplat_group_commit_size_count", group) == 0
    assert group.submit("a") == "done:a"
    assert group.submit("b") == "done:b"
    occupy_writer(group, recorder)
    futures = [group.submit_future(r) for r in ("c", "d", "e")]
    recorder.release("blocker")
    results(futures)
    assert [len(b) for b in recorder.batches] == [1, 1, 1, 3]
    assert sample("cityplat_group_commit_size_count", group) == 4
    assert sample("cityplat_group_commit_size_sum", group) == 6
    assert sample("cityplat_group_commit_size_bucket", group, le="1.0") == 3
    assert sample("cityplat_group_commit_size_bucket", group, le="4.0") == 4


def test_a_key_in_a_running_batch_waits_even_when_another_writer_is_free(make_group):
    """Two requests for one account are never in flight together: the second waits for the first's
    batch to end, although a second writer is idle; a request for another account goes ahead."""
    recorder = Recorder()
    group = make_group(recorder, writers=2, conflict_key=lambda r: r.split("-")[0])
    first = occupy_writer(group, recorder, "acct1-a")
    same, other = group.submit_future("acct1-b"), group.submit_future("acct2-a")
    assert other.result(SAFETY) == "done:acct2-a"        # the free writer took the other account
    assert not recorder.started("acct1-b").is_set()      # ... but not the same account's request
    recorder.release("acct1-a")
    assert results([first, same]) == ["done:acct1-a", "done:acct1-b"]
    assert recorder.batches == [["acct1-a"], ["acct2-a"], ["acct1-b"]]
