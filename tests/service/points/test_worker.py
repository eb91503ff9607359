"""The nameko worker PointsService: events credited once (inbox), timers, RPC methods named after the use cases."""
from __future__ import annotations

import base64

import pytest
from nameko.testing.services import worker_factory

from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from services.common.inbox import Unusable
from services.common.nameko_support import DUPLICATE
from services.common.usecase import rpc_name
from services.points import models as m
from services.points.app import USE_CASES, stations
from services.points.worker import PointsService
from tests.conftest import DISTRICT_B
from tests.service.points.conftest import (COMM_A, acc_id, admin, balance, call, count, fund, res_ref, resident,
                                           stock, worker)


def checkin(event_id, resident_id="r1"):
    return {"event_id": event_id, "event_type": "checkin.recorded", "source": "centers", "district": "310101",
            "occurred_at": "2026-06-01T08:00:00.000000Z",
            "payload": {"resident_id": resident_id, "community": COMM_A, "name": "王五"}}


@pytest.fixture
def service(seeded):
    return worker_factory(PointsService, db=seeded, caller=lambda: admin())


def test_every_use_case_is_an_rpc_method_named_after_its_grpc_method():
    for name, fn in USE_CASES.items():
        method = getattr(PointsService, rpc_name(name))
        assert method.__doc__ == fn.__doc__


def test_a_checkin_delivered_twice_is_credited_once(service, seeded):
    env = checkin("evt-1")
    first = service.on_centre_checkin(env)
    assert [c["points"] for c in first] == [1]
    assert service.on_centre_checkin(env) is DUPLICATE             # the inbox saw it
    assert balance(seeded, acc_id("resident", "r1")) == 1
    assert count(seeded, m.Transaction) == 1
    assert count(seeded, m.inbox, m.inbox.c.consumer == "points.centre_checkin") == 1


def test_an_envelope_arriving_as_json_text_is_read(service, seeded):
    import json

    service.on_centre_checkin(json.dumps(checkin("evt-2", "r2")))
    assert balance(seeded, acc_id("resident", "r2")) == 1


@pytest.mark.parametrize("env,reason", [
    ({"event_id": "", "district": "310101", "payload": {}}, "event_id: is required"),
    ({"event_id": "e-1", "district": "31010", "payload": {}}, "district: must be a 6-digit district code"),
    ({"event_id": "e-1", "district": "310101", "payload": ["x"]}, "payload: must be a JSON object"),
    (["not", "an", "envelope"], "the body is not a JSON object"),
    (b"\xff\xfe not utf-8", "the body is not JSON"),
])
def test_an_event_that_is_no_envelope_is_unusable(service, seeded, env, reason):
    """It used to be dropped with a log line; now the handler refuses it and it is dead-lettered."""
    with pytest.raises(Unusable) as err:
        service.on_centre_checkin(env)
    assert str(err.value).startswith(reason)
    assert count(seeded, m.Transaction) == 0


def test_a_mediation_and_a_cobuilding_service_are_credited_once_each(service, seeded):
    case = {"event_id": "case-1", "district": "310101", "occurred_at": "2026-06-01T08:00:00Z",
            "payload": {"volunteers": [{"person_id": "v1", "community": COMM_A},
                                       {"person_id": "v2", "community": COMM_A}]}}
    for _ in range(2):
        service.on_case_resolved(case)
    delivered = {"event_id": "svc-1", "district": "310101", "occurred_at": "2026-06-01T08:00:00Z",
                 "payload": {"activity_id": "act-1", "unit_id": "org-1", "community": COMM_A, "volunteers": []}}
    for _ in range(2):
        service.on_service_delivered(delivered)
    assert balance(seeded, acc_id("resident", "v1")) == 10 == balance(seeded, acc_id("resident", "v2"))
    assert balance(seeded, acc_id("unit", "org-1")) == 20
    assert count(seeded, m.Transaction) == 3


def test_a_harvest_arrives_as_stock_once(service, seeded, station):
    env = {"event_id": "h-1", "district": "310101", "payload": {"station_id": station["id"], "name": "青菜 greens",
                                                                "quantity": 10}}
    service.on_produce_harvested(env)
    service.on_produce_harvested(env)
    assert stock(seeded, station["produce"]) == 40


def test_the_timers_expire_points_and_reservations(service, seeded, station, fixed_clock):
    fund(seeded, res_ref("r1"), 60)
    call(seeded, resident("r1"), stations.redeem, account_id=acc_id("resident", "r1"), item_id=station["goods"])
    fixed_clock.advance(days=4)
    service.expire_reservations()
    assert balance(seeded, acc_id("resident", "r1")) == 60 and stock(seeded, station["goods"]) == 20
    fixed_clock.at = fixed_clock.at.replace(year=2028)
    service.expire_points()
    assert balance(seeded, acc_id("resident", "r1")) == 0


def test_rpc_writes_need_an_idempotency_key_and_credit_once(seeded):
    svc = worker_factory(PointsService, db=seeded, caller=lambda: worker())
    with pytest.raises(InvalidArgument) as err:
        svc.earn(account=res_ref("r1"), action_type="volunteer_service")
    assert err.value.field == "idempotency_key"
    first = svc.earn(account=res_ref("r1"), action_type="volunteer_service", idempotency_key="k1")
    again = svc.earn(account=res_ref("r1"), action_type="volunteer_service", idempotency_key="k1")
    assert again == first and balance(seeded, acc_id("resident", "r1")) == 5
    assert svc.get_account(account_id=acc_id("resident", "r1"))["balance"] == 5


def test_rpc_import_content_travels_as_base64(seeded, station):
    svc = worker_factory(PointsService, db=seeded, caller=lambda: worker())
    content = base64.b64encode(b"record_id,household_id,community,sorted_on\nG-1,h1,310101002001,2026-06-01\n")
    report = svc.import_garbage_records(station_id=station["id"], content=content.decode(), idempotency_key="imp-1")
    assert report["credited"] == 1 and balance(seeded, acc_id("household", "h1")) == 2


def test_rpc_errors_reach_the_caller_as_domain_errors(seeded, station):
    svc = worker_factory(PointsService, db=seeded, caller=lambda: resident("r1"))
    fund(seeded, res_ref("r1"), 10)
    with pytest.raises(FailedPrecondition):
        svc.redeem(account_id=acc_id("resident", "r1"), item_id=station["goods"], idempotency_key="r-1")
    other = worker_factory(PointsService, db=seeded, caller=lambda: admin(district=DISTRICT_B))
    with pytest.raises(NotFound):
        other.get_account(account_id=acc_id("resident", "r1"))
