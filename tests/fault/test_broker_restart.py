"""Fault: the broker itself restarts under traffic (stopped by an operator, and killed outright).

The points worker runs against a RabbitMQ node of the test's own (tests.brokers.OwnRabbitNode: its
own port, node name, data folder and cookie; the machine's broker is never touched). Check-ins are
published throughout; the node is stopped and started again twice, and killed and started once.
The worker's process must still run afterwards (a handler finishing after the connection dropped
used to end it), it must resume consuming by itself, and every check-in the broker confirmed must be
credited exactly once.
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from datetime import datetime, timezone

import pytest
from kombu import Connection, Producer

from services.common.outbox import event_exchange
from services.points.seed import seed_demo
from tests.brokers import own_rabbit_node
from tests.conftest import assert_credited_once, running_points_worker

pytestmark = pytest.mark.integration


def _checkin(resident: str) -> str:
    return json.dumps({"event_id": str(uuid.uuid4()), "event_type": "checkin.recorded", "source": "centers",
                       "district": "310101", "subdistrict": "310101002",
                       "occurred_at": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
                       "payload": {"resident_id": resident, "community": "310101002001"}})


class Traffic(threading.Thread):
    """Publishes check-ins, one every 20 ms, with publisher confirms; remembers the ones the broker confirmed.
    While the broker is away it keeps trying (a check-in never confirmed is not counted)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.confirmed, self.stopping = url, [], threading.Event()

    def run(self):
        n = 0
        while not self.stopping.is_set():
            resident = f"restart-{uuid.uuid4().hex[:8]}-{n}"
            try:
                with Connection(self.url, transport_options={"confirm_publish": True}, connect_timeout=2) as conn:
                    while not self.stopping.is_set():
                        Producer(conn.default_channel).publish(
                            _checkin(resident), exchange=event_exchange("centers"), routing_key="checkin.recorded",
                            content_type="application/json", content_encoding="utf-8", delivery_mode=2)
                        self.confirmed.append(resident)
                        n += 1
                        resident = f"restart-{uuid.uuid4().hex[:8]}-{n}"
                        time.sleep(0.02)
            except Exception:  # the broker is away: try again shortly
                time.sleep(0.5)


def test_the_worker_survives_broker_restarts_under_traffic_and_credits_everything_once(points_pg, tmp_path):
    seed_demo(points_pg)
    with own_rabbit_node(tmp_path / "rabbit") as node, \
            running_points_worker(points_pg.url, node.url, tmp_path) as (proc, _, log):
        traffic = Traffic(node.url)
        traffic.start()
        try:
            for crash in (False, True, False):
                time.sleep(3)  # traffic flowing and being credited
                node.kill() if crash else node.stop()
                time.sleep(1)
                node.start()
            time.sleep(3)
        finally:
            traffic.stopping.set()
            traffic.join(10)
        residents = list(traffic.confirmed)
        assert len(residents) > 200, "check-ins flowed between the restarts"
        assert_credited_once(points_pg, residents, proc, log, timeout=120)
