"""The nameko worker MediationService: the ladder timer with a moved clock, the gauges, RPC methods named after
the use cases (bytes as base64), errors raised as themselves."""
from __future__ import annotations

import base64
import csv
import io
from datetime import timedelta

import pytest
from nameko.testing.services import worker_factory
from prometheus_client import REGISTRY

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.usecase import rpc_name
from services.mediation import models as m
from services.mediation.app import USE_CASES, cases
from services.mediation.worker import MediationService
from tests.conftest import DISTRICT_A, DISTRICT_B
from tests.service.mediation.conftest import (COMM_A, admin, assign, call, count, events, history, open_case,
                                              resident, resolve, row, snapshot, worker)


def service_as(db, ctx):
    return worker_factory(MediationService, db=db, caller=lambda: ctx)


def test_every_use_case_is_an_rpc_method_named_after_its_grpc_method():
    for name, fn in USE_CASES.items():
        assert getattr(MediationService, rpc_name(name)).__doc__ == fn.__doc__
    assert rpc_name("EscalateByHand") == "escalate_by_hand" and hasattr(MediationService, "import_hotline_orders")


def test_the_timer_climbs_the_ladder_with_a_moved_clock(mdb, fixed_clock):
    service = service_as(mdb, admin())
    waiting = open_case(mdb)                      # neighbour_noise: 5, 7, 10 days
    done = open_case(mdb)
    assign(mdb, done["id"])
    resolve(mdb, done["id"])
    start = fixed_clock.now()
    fixed_clock.at = start + timedelta(days=5)
    service.escalate_overdue()
    assert row(mdb, m.Case, waiting["id"]).tier == "community"
    fixed_clock.at = start + timedelta(days=5, seconds=1)
    service.escalate_overdue()
    assert row(mdb, m.Case, waiting["id"]).tier == "subdistrict"
    fixed_clock.at = start + timedelta(days=12, seconds=1)
    service.escalate_overdue()
    assert row(mdb, m.Case, waiting["id"]).tier == "district"
    fixed_clock.at = start + timedelta(days=22, seconds=1)
    service.escalate_overdue()
    service.escalate_overdue()
    c = row(mdb, m.Case, waiting["id"])
    assert (c.tier, c.overdue) == ("district", True)
    assert len(events(mdb, "case.escalated")) == 2 and len(events(mdb, "case.overdue")) == 1
    assert {h.actor for h in history(mdb, waiting["id"]) if h.kind in ("escalated", "overdue")} == \
        {"mediation:ladder"}
    done_row = row(mdb, m.Case, done["id"])                  # resolved: left where it was
    assert (done_row.tier, done_row.status) == ("community", "resolved")


def test_the_gauges_follow_the_figures(mdb, fixed_clock):
    service = service_as(mdb, admin())
    open_case(mdb)
    c = open_case(mdb)
    assign(mdb, c["id"])
    resolve(mdb, c["id"])
    call(mdb, resident("r1"), cases.rate_case, case_id=c["id"], score=4)
    fixed_clock.advance(days=30)
    service.escalate_overdue()
    service.update_gauges()
    def gauge(name):
        return REGISTRY.get_sample_value(name, {"district": DISTRICT_A})

    assert gauge("cityplat_mediation_cases_open") == 1
    assert gauge("cityplat_mediation_cases_overdue") == 1
    assert gauge("cityplat_mediation_resolved_in_community_ratio") == 1.0
    assert gauge("cityplat_mediation_satisfaction_average") == 4.0


def test_rpc_methods_run_the_use_cases(mdb):
    service = service_as(mdb, worker())
    case = service.open_case(channel="grid_worker", category="neighbour_noise", community=COMM_A, summary="噪音",
                             parties=[{"name": "张三", "phone": "13812345678"}], idempotency_key="rpc-open-1")
    assert case["channel"] == "grid_worker"
    listed = service.list_cases()
    assert listed["items"][0]["parties"][0]["phone"] == "138****5678"
    content = ("order_no,received_at,category,community,summary,caller_name\n"
               f"GD1,2026-05-30 09:00,neighbour_noise,{COMM_A},噪音,张三\n").encode()
    encoded = base64.b64encode(content).decode()
    report = service.import_hotline_orders(format="csv", content=encoded, idempotency_key="rpc-hotline-1")
    assert report["imported"] == 1
    # a retry with its key gets the first report; the same file under a new key finds its orders imported
    assert service.import_hotline_orders(format="csv", content=encoded, idempotency_key="rpc-hotline-1") == report
    assert service.import_hotline_orders(format="csv", content=encoded,
                                         idempotency_key="rpc-hotline-2")["duplicates"] == 1
    out = service.export_hotline_outcomes(format="csv")
    [line] = list(csv.DictReader(io.StringIO(base64.b64decode(out["content"]).decode())))
    assert line["order_no"] == "GD1"
    assert count(mdb, m.Case) == 2
    # retried over AMQP with the same key: the first answer, no second case
    again = service.open_case(channel="grid_worker", category="neighbour_noise", community=COMM_A, summary="噪音",
                              parties=[{"name": "张三", "phone": "13812345678"}], idempotency_key="rpc-open-1")
    assert again["id"] == case["id"] and count(mdb, m.Case) == 2


def test_rpc_errors_are_raised_as_themselves_and_change_nothing(mdb, with_b):
    case = open_case(mdb)
    before = snapshot(mdb)
    with pytest.raises(NotFound):
        service_as(mdb, admin(DISTRICT_B)).get_case(case_id=case["id"])
    with pytest.raises(PermissionDenied):
        service_as(mdb, worker()).escalate_by_hand(case_id=case["id"], direction="up", reason="x",
                                                   idempotency_key="rpc-up-1")
    with pytest.raises(InvalidArgument) as err:
        service_as(mdb, worker()).open_case(channel="walk_in", category="neighbour_noise", community=COMM_A,
                                            summary="x", parties=[{"name": "甲"}], urgent=True,
                                            idempotency_key="rpc-open-2")
    assert err.value.field == "urgent"
    assert snapshot(mdb) == before
