"""Check-in events from two sub-districts of 310101, through an outbox and the kernel's relay, for the canary
e2e test: what a producing service does, as a process with the platform's environment.

    python -m tests.e2e.canary_producer OUT_FILE STOP_FILE [RATE]   (its outbox: OUT_FILE's folder)

Emits ``checkin.recorded`` events (a new resident each, alternately in 310101002001 and 310101003001) at
RATE a second until STOP_FILE exists, relayed by ``OutboxRelay`` with the canary stamping the workers use
(services.common.canary.Tracks), the rollout applied at once (its rollout.changed listener). Each event is
written to OUT_FILE as a JSON line {event_id, subdistrict, emitted} once committed; the outbox is drained
before it exits.
"""
from __future__ import annotations

import json
import sys
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import MetaData

from services.common.canary import Tracks
from services.common.config import get_settings
from services.common.context import system_context
from services.common.db import Database
from services.common.outbox import OutboxRelay
from services.common.rollout_broadcast import start_listening

COMMUNITIES = ("310101002001", "310101003001")


def main(out_file: str, stop_file: str, rate: float = 20.0) -> None:
    settings = get_settings()
    folder = Path(out_file).parent  # the test's own temporary folder: nothing left behind
    metadata = MetaData()
    db = Database("centers", f"sqlite:///{folder / 'producer-outbox.db'}", metadata)
    metadata.create_all(db.engine)
    listener = start_listening(settings.broker_url, "centers", "e2e-producer")
    listener.listening.wait(10)
    relay = OutboxRelay(db, settings.broker_url, poll_interval=0.02, track_of=Tracks().placement)
    relaying = threading.Thread(target=relay.run, daemon=True)
    relaying.start()
    print("producing", flush=True)
    with open(out_file, "a") as out:
        n = 0
        while not Path(stop_file).exists():
            community = COMMUNITIES[n % len(COMMUNITIES)]
            with db.uow(system_context("centers:e2e", district="310101")) as uow:
                event = uow.emit("checkin.recorded", "310101", {"resident_id": f"canary-{uuid.uuid4().hex[:10]}",
                                                                "community": community}, community[:9])
                uow.commit()
            out.write(json.dumps({"event_id": event.event_id, "subdistrict": community[:9],
                                  "emitted": time.time()}) + "\n")
            out.flush()
            n += 1
            time.sleep(1 / rate)
    relay.stop()  # the loop ends; what it left is drained here, by one relay (SQLite has no SKIP LOCKED)
    relaying.join(10)
    deadline = time.time() + 30
    while relay.drain() and time.time() < deadline:
        pass
    relay.publisher.close()
    listener.stop()
    db.dispose()
    print(f"produced {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 20.0)
