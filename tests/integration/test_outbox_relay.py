"""The outbox relay against the real RabbitMQ and PostgreSQL.

- events committed with a change are published with confirms, envelope and headers intact;
- an event committed while the broker was down is delivered once it is back;
- several relays at once publish each event exactly once (FOR UPDATE SKIP LOCKED);
- an unroutable event is marked, not retried forever;
- a rolled-back use case publishes nothing.
"""
from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
from kombu import Connection, Queue
from sqlalchemy import func, select

from services.common import metrics
from services.common.outbox import OutboxRelay, event_exchange
from services.registry import models as m
from services.registry.app import organisations, territory
from tests.brokers import vhost_of
from tests.conftest import ctx_for
from tests.integration.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration


@pytest.fixture
def listener(broker_url):
    """A private queue bound to every registry event; yields a function draining it."""
    name = f"test-outbox-{uuid.uuid4().hex[:8]}"
    with Connection(broker_url) as conn:
        queue = Queue(name, exchange=event_exchange("registry"), routing_key="#", auto_delete=False,
                      durable=False)
        queue(conn.default_channel).declare()

        def drain(expected: int | None = None, timeout: float = 5.0) -> list:
            import time
            got, deadline = [], time.time() + timeout
            bound = queue(conn.default_channel)
            while time.time() < deadline:
                msg = bound.get(no_ack=True)
                if msg is None:
                    if expected is None or len(got) >= expected:
                        break
                    time.sleep(0.05)
                    continue
                got.append(msg)
            return got

        yield drain
        queue(conn.default_channel).delete()


def _found_branches(db, n: int, district: str = "310101") -> list[str]:
    ctx = ctx_for("district_admin", district=district)
    with db.uow(ctx) as uow:
        territory.create_division(uow, code=district, level="district", name="D")
        territory.create_division(uow, code=f"{district}002", level="subdistrict", name="S")
        territory.create_division(uow, code=f"{district}002001", level="community", name="C")
        wc = organisations.found_organisation(uow, kind="working_committee", name="WC", division_code=f"{district}002")
        cc = organisations.found_organisation(uow, kind="community_committee", name="CC",
                                              division_code=f"{district}002001", parent_id=wc["id"])
        ids = [organisations.found_organisation(uow, kind="branch", name=f"B{i}", division_code=f"{district}002001",
                                                parent_id=cc["id"])["id"] for i in range(n)]
        uow.commit()
    return ids


def _unpublished(db) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(m.outbox).where(m.outbox.c.published_at.is_(None)))


def test_committed_events_are_published_with_envelope_and_headers(registry_pg, broker_url, listener):
    _found_branches(registry_pg, 2)
    relay = OutboxRelay(registry_pg, broker_url)
    try:
        assert relay.drain() == 4  # working committee, community committee, two branches
    finally:
        relay.stop()
    messages = listener(expected=4)
    assert len(messages) == 4
    bodies = [json.loads(msg.body) for msg in messages]
    assert {b["event_type"] for b in bodies} == {"organisation.created"}
    first = bodies[0]
    assert first["district"] == "310101" and first["source"] == "registry"
    assert first["payload"]["organisation"]["kind"] == "working_committee"
    assert messages[0].headers["event_id"] == first["event_id"]
    assert messages[0].headers["district"] == "310101"
    assert messages[0].properties["message_id"] == first["event_id"]
    assert messages[0].properties["delivery_mode"] == 2  # persistent
    assert _unpublished(registry_pg) == 0


def test_an_event_committed_while_the_broker_is_down_is_delivered_when_it_is_back(registry_pg, broker_url,
                                                                                   listener):
    proxy = TcpProxy(5672).start()
    relay = OutboxRelay(registry_pg, f"amqp://guest:guest@127.0.0.1:{proxy.port}/{vhost_of(broker_url)}",
                        publish_timeout=2)
    try:
        proxy.cut()  # the broker goes away
        failures_before = metrics.OUTBOX_FAILURES.labels("registry")._value.get()
        _found_branches(registry_pg, 1)  # the business transaction commits regardless
        assert relay.relay_once() == 0
        assert _unpublished(registry_pg) == 3
        assert metrics.OUTBOX_FAILURES.labels("registry")._value.get() > failures_before
        with registry_pg.engine.connect() as conn:
            attempts = conn.scalars(select(m.outbox.c.attempts)).all()
        assert all(a >= 1 for a in attempts)

        proxy.restore()  # the broker is back on the same address
        assert relay.drain() == 3
    finally:
        relay.stop()
        proxy.stop()
    assert _unpublished(registry_pg) == 0
    assert len(listener(expected=3)) == 3


def test_several_relays_at_once_publish_every_event_exactly_once(registry_pg, broker_url, listener):
    _found_branches(registry_pg, 150)  # 152 events
    relays = [OutboxRelay(registry_pg, broker_url, batch_size=10) for _ in range(4)]
    published = [0] * len(relays)

    def work(i):
        published[i] = relays[i].drain(timeout=30)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(relays))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for r in relays:
        r.stop()
    assert sum(published) == 152
    ids = [json.loads(msg.body)["event_id"] for msg in listener(expected=152, timeout=10)]
    assert len(ids) == 152 and len(set(ids)) == 152


def test_a_relay_skips_the_rows_another_relay_is_publishing(registry_pg, broker_url, listener):
    """FOR UPDATE SKIP LOCKED: while one relay holds a batch, another publishes the rest, without waiting."""
    _found_branches(registry_pg, 10)  # 12 events
    table = m.outbox
    with registry_pg.engine.connect() as other_relay:
        with other_relay.begin():
            held = other_relay.execute(select(table.c.id).where(table.c.published_at.is_(None))
                                       .order_by(table.c.id).limit(5).with_for_update(skip_locked=True)).scalars().all()
            assert len(held) == 5
            relay = OutboxRelay(registry_pg, broker_url)
            try:
                started = time.time()
                assert relay.relay_once() == 7  # only the rows nobody holds
                assert time.time() - started < 5
            finally:
                relay.stop()
    relay = OutboxRelay(registry_pg, broker_url)
    try:
        assert relay.drain() == 5  # the held rows, once released
    finally:
        relay.stop()
    ids = [json.loads(msg.body)["event_id"] for msg in listener(expected=12, timeout=10)]
    assert len(ids) == 12 and len(set(ids)) == 12


def test_unroutable_events_are_marked_and_do_not_block_the_outbox(registry_pg, broker_url):
    # no queue is bound to this district's events except by the test listener, which is absent here
    exchange_probe = f"probe-{uuid.uuid4().hex[:6]}"
    _found_branches(registry_pg, 1, district="310104")
    relay = OutboxRelay(registry_pg, broker_url)
    try:
        with Connection(broker_url) as conn:  # make sure nothing else listens on registry.events
            bound = Queue(exchange_probe, exchange=event_exchange("registry"), routing_key="nothing.matches")
            bound(conn.default_channel).declare()
            try:
                assert relay.drain() == 3
            finally:
                bound(conn.default_channel).delete()
    finally:
        relay.stop()
    with registry_pg.engine.connect() as conn:
        flags = conn.execute(select(m.outbox.c.unroutable, m.outbox.c.published_at)).all()
    assert flags and all(published is not None for _, published in flags)


def test_a_rolled_back_use_case_leaves_nothing_in_the_outbox(registry_pg):
    ctx = ctx_for("district_admin")
    with registry_pg.uow(ctx) as uow:
        territory.create_division(uow, code="310101", level="district", name="D")
        uow.emit("organisation.created", "310101", {"x": 1})
        # no commit: the unit of work rolls back
    with registry_pg.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(m.outbox)) == 0
        assert conn.scalar(select(func.count()).select_from(m.Division.__table__)) == 0


def test_a_batch_is_published_before_its_confirms_are_awaited_and_each_unroutable_one_is_told(broker_url):
    """The publisher sends a whole batch in one write to the socket, then waits once for the broker's confirms
    (not once per message); a message no queue takes is reported as such, the others as published, in the
    batch's order."""
    from services.common.outbox import Publisher

    service = f"testpub{uuid.uuid4().hex[:6]}"
    publisher = Publisher(broker_url)
    with Connection(broker_url) as conn:
        event_exchange(service).declare(channel=conn.default_channel)
        queue = Queue(f"{service}-q", exchange=event_exchange(service), routing_key="taken", durable=False)
        queue(conn.default_channel).declare()
        steps = []
        try:
            publisher._channel()
            publisher._declared.add(f"{service}.events")  # declared above: only the batch is written below
            transport = publisher._conn.connection.transport
            real_drain, real_write = publisher._conn.drain_events, transport._write
            publisher._conn.drain_events = lambda **kw: (steps.append("wait"), real_drain(**kw))
            transport._write = lambda data: (steps.append("write"), real_write(data))
            routed = publisher.publish_many([
                (f"{service}.events", key, json.dumps({"n": n}), {"event_id": f"e{n}"}, f"e{n}")
                for n, key in enumerate(["taken", "nobody", "taken", "nobody", "taken"])])
            assert routed == [True, False, True, False, True]
            assert steps[:2] == ["write", "wait"], steps  # all five out, in one write, before the first wait
            assert steps.count("write") == 1, steps
            got = []
            while (msg := queue(conn.default_channel).get(no_ack=True)) is not None:
                got.append(json.loads(msg.body)["n"])
            assert got == [0, 2, 4]
            assert publisher.publish_many([(f"{service}.events", "taken", "{}", {}, "e9")]) == [True]  # tags go on
        finally:
            publisher.close()
            queue(conn.default_channel).delete()
            event_exchange(service)(conn.default_channel).delete()


def test_each_event_is_stamped_with_its_sub_districts_track_and_ring_and_routed_by_it(registry_pg, broker_url,
                                                                                     listener):
    """Canary by sub-district (services.common.canary): the relay asks once a batch where each sub-district
    is, stamps x-cityplat-track and x-cityplat-ring, and routes a canary event as canary.<type>; the event's
    own envelope is unchanged."""
    asked = []

    def placement(district, subdistrict):
        asked.append(subdistrict)
        return ("canary", "pilot") if subdistrict == "310101002" else ("stable", "general")

    with registry_pg.uow(ctx_for(district="310101")) as uow:
        for n, sub in enumerate(("310101002", "310101003", "310101002")):
            uow.emit("thing.happened", "310101", {"n": n}, sub)
        uow.commit()
    relay = OutboxRelay(registry_pg, broker_url, track_of=placement)
    try:
        assert relay.drain() == 3
    finally:
        relay.stop()
    messages = sorted(listener(expected=3), key=lambda m: json.loads(m.body)["payload"]["n"])
    assert [m.delivery_info["routing_key"] for m in messages] == [
        "canary.thing.happened", "thing.happened", "canary.thing.happened"]
    assert [(m.headers["x-cityplat-track"], m.headers["x-cityplat-ring"]) for m in messages] == [
        ("canary", "pilot"), ("stable", "general"), ("canary", "pilot")]
    assert all(json.loads(m.body)["event_type"] == "thing.happened" for m in messages)
    assert sorted(asked) == ["310101002", "310101003"]  # once per sub-district of the batch
