"""Fault: the broker goes away under traffic and comes back; the worker survives and resumes.

The points worker reaches the broker through a loopback proxy that the test cuts (every connection
dropped, nothing listening) while check-ins are being credited, seven times over, and restores. The
worker's process must still run afterwards, and every check-in published, before, during and after
the cuts, must be credited exactly once.
"""
from __future__ import annotations

import threading
import time
import uuid

import pytest

from services.points.seed import seed_demo
from tests.brokers import vhost_of
from tests.conftest import assert_credited_once, running_points_worker
from tests.integration.tcp_proxy import TcpProxy
from tests.integration.test_points_worker import publish

pytestmark = pytest.mark.integration


def test_the_worker_survives_broker_cuts_under_traffic_and_credits_everything_once(points_pg, broker_url, tmp_path):
    seed_demo(points_pg)
    proxy = TcpProxy(5672).start()
    url = f"amqp://guest:guest@127.0.0.1:{proxy.port}/{vhost_of(broker_url)}"
    residents = [f"cut-{uuid.uuid4().hex[:8]}-{i}" for i in range(150)]
    try:
        with running_points_worker(points_pg.url, url, tmp_path) as (proc, _, log):
            def traffic():
                for r in residents:  # published straight to the broker: the producer is not what is cut
                    publish(broker_url, "centers", "checkin.recorded", {"resident_id": r,
                                                                       "community": "310101002001"})
                    time.sleep(0.02)

            sender = threading.Thread(target=traffic)
            sender.start()
            # more cuts than the retry budget (5): a delivery lost with a cut costs the event nothing
            # (services.common.delivery), so a message in flight at every cut is still credited
            for _ in range(7):
                time.sleep(0.4)
                proxy.cut()
                time.sleep(0.5)
                proxy.restore()
            sender.join()

            assert_credited_once(points_pg, residents, proc, log, timeout=90)
    finally:
        proxy.cut()
