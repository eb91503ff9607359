"""Fault: concurrent events whose beneficiaries overlap, on the real broker, worker and PostgreSQL.

Ten ``case.resolved`` events arrive at once; each credits three volunteers, and every volunteer is
in five of them. The worker runs their handlers concurrently (nameko's worker pool), and each
credits its volunteers from the district's issuing pool. Nothing else is wrong, so every volunteer
must be credited once per event, and no event may end in the dead-letter queue: transactions lock
in one order (they do not deadlock on each other), and a deadlock or serialization failure that
happens all the same is retried in place, without spending the event's retry budget.
"""
from __future__ import annotations

import random
import threading
import urllib.request
import uuid

import pytest
from kombu import Connection
from sqlalchemy import func, select

from services.points import models as m
from tests.integration.test_points_worker import publish, wait_for

pytestmark = pytest.mark.integration

QUEUE = "evt-mediation-case.resolved--points.on_case_resolved"


def _credits(db, account_id: str) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(m.Transaction.__table__).where(
            m.Transaction.account_id == account_id, m.Transaction.action_type == "mediation_volunteer"))


def _metric(port: int, series: str) -> float:
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in body.splitlines() if line.startswith(series))


def _depth(broker_url: str, queue: str) -> int:
    with Connection(broker_url) as conn:
        return conn.default_channel.queue_declare(queue, passive=True).message_count


def test_overlapping_volunteers_of_concurrent_events_are_each_credited_once_per_event(points_worker, broker_url):
    db, port = points_worker
    run = uuid.uuid4().hex[:6]
    people = [f"vol-{run}-{i}" for i in range(6)]
    # five triples and their complements: each volunteer is in exactly five events (50 points, the
    # monthly cap), in an order of its own in each, so that naive locking meets every order
    firsts = [(0, 1, 2), (0, 1, 3), (0, 2, 4), (0, 3, 5), (1, 4, 5)]
    shuffle = random.Random(7).shuffle
    events = []
    for first in firsts:
        for triple in (first, tuple(set(range(6)) - set(first))):
            team = [people[i] for i in triple]
            shuffle(team)
            events.append(team)
    threads = [threading.Thread(target=publish, args=(broker_url, "mediation", "case.resolved", {
        "case_id": f"case-{run}-{i}", "outcome": "agreement",
        "volunteers": [{"person_id": p, "community": "310101002001"} for p in team]}))
        for i, team in enumerate(events)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = {p: 5 for p in people}
    accounts = {p: f"310101:resident:{p}" for p in people}
    wait_for(lambda: all(_credits(db, accounts[p]) == n for p, n in expected.items()), timeout=60)
    got = {p: _credits(db, accounts[p]) for p in people}
    dead = _depth(broker_url, f"{QUEUE}.dlq")
    assert got == expected and dead == 0, f"credited {got}, expected {expected}; {dead} event(s) dead-lettered"
    # and no handler failed for it: a deadlock retried by redelivery would have spent the retry budget
    failures = _metric(port, 'cityplat_handler_errors_total{entrypoint="on_case_resolved",service="points"}')
    assert failures == 0, f"{failures} handler run(s) failed (each one spends a delivery of the event's budget)"
