"""12345 hotline work orders: batch import (CSV or JSON) keyed by the order number, and the write-back export."""
from __future__ import annotations

import csv
import io
import json

import pytest

from services.common.errors import AlreadyExists, InvalidArgument, PermissionDenied
from services.mediation import models as m
from services.mediation.app import API, cases, hotline
from tests.conftest import DISTRICT_B
from tests.service.mediation.conftest import (COMM_A, COMM_A2, GRID_A, MASKED_PHONE, admin, assign, call, count,
                                              events, mediator, read, resident, snapshot, worker)

HEADER = "order_no,received_at,category,community,summary,caller_name,caller_phone,grid\n"
GOOD_CSV = (HEADER
            + f"GD001,2026/05/30 09:00,neighbour_noise,{COMM_A},楼上噪音,张三,13812345678,{GRID_A}\n"
            + f"GD002,2026-05-31T10:00:00+08:00,shared_space,{COMM_A},楼道堆物,李四,,\n"
            + f"GD003,2026-05-31 11:00,other,{COMM_A2},其他,王五,13900001111,\n").encode("utf-8")


def imp(db, content, fmt="csv", ctx=None):
    return call(db, ctx or admin(), hotline.import_orders, format=fmt, content=content)


def test_a_csv_batch_is_imported_as_hotline_cases(mdb):
    report = imp(mdb, GOOD_CSV)
    assert (report["rows"], report["imported"], report["duplicates"], report["problems"]) == (3, 3, 0, [])
    by_order = {c["hotline_order_no"]: c for c in read(mdb, admin(), cases.list_cases)["items"]}
    assert set(by_order) == {"GD001", "GD002", "GD003"}
    first = by_order["GD001"]
    assert (first["channel"], first["category"], first["community"], first["grid"]) == \
        ("hotline_12345", "neighbour_noise", COMM_A, GRID_A)
    assert first["opened_at"] == "2026-05-30T01:00:00+00:00"        # Beijing time without a zone
    assert first["parties"][0]["phone"] == MASKED_PHONE and first["parties"][0]["role"] == "complainant"
    assert len(events(mdb, "case.opened")) == 3


def test_a_reimport_of_the_same_file_adds_nothing(mdb):
    imp(mdb, GOOD_CSV)
    before, n_events = snapshot(mdb), len(events(mdb))
    report = imp(mdb, GOOD_CSV)
    assert (report["imported"], report["duplicates"], report["problems"], report["case_ids"]) == (0, 3, [], [])
    assert snapshot(mdb) == before and len(events(mdb)) == n_events


def keyed_import(db, content, key, fmt="csv", ctx=None):
    """An import as the gRPC and AMQP entrypoints run it: through ``API``, which checks the idempotency key."""
    params = {"format": fmt, "content": content} | ({"idempotency_key": key} if key is not None else {})
    return API.call(db, ctx or admin(), "ImportHotlineOrders", params)


def test_a_retried_import_with_its_key_returns_the_first_report_and_changes_nothing(mdb):
    first = keyed_import(mdb, GOOD_CSV, "hotline-2026-06-01")
    assert (first["imported"], first["duplicates"], len(first["case_ids"])) == (3, 0, 3)
    before, n_events = snapshot(mdb), len(events(mdb))
    again = keyed_import(mdb, GOOD_CSV, "hotline-2026-06-01")  # the answer was lost; the client retries
    assert again == first          # the first report, not "0 imported, 3 duplicates"
    assert snapshot(mdb) == before and len(events(mdb)) == n_events and count(mdb, m.Case) == 3


def test_the_key_of_an_import_sent_again_with_another_file_is_refused_naming_it(mdb):
    keyed_import(mdb, GOOD_CSV, "hotline-2026-06-01")
    before, n_events = snapshot(mdb), len(events(mdb))
    other = GOOD_CSV + f"GD004,2026-05-31 12:00,family,{COMM_A},家事,赵六,,\n".encode()
    with pytest.raises(AlreadyExists) as err:
        keyed_import(mdb, other, "hotline-2026-06-01")
    assert err.value.field == "idempotency_key"
    assert snapshot(mdb) == before and len(events(mdb)) == n_events and count(mdb, m.Case) == 3
    assert keyed_import(mdb, other, "hotline-2026-06-02")["imported"] == 1    # a new key: a new import


def test_an_import_without_a_key_is_refused_naming_it(mdb):
    with pytest.raises(InvalidArgument) as err:
        keyed_import(mdb, GOOD_CSV, None)
    assert err.value.field == "idempotency_key" and count(mdb, m.Case) == 0


def test_a_json_batch_with_an_order_already_known_adds_only_the_new(mdb):
    imp(mdb, GOOD_CSV)
    orders = {"orders": [
        {"order_no": "GD001", "received_at": "2026-05-30 09:00", "category": "neighbour_noise", "community": COMM_A,
         "summary": "楼上噪音", "caller_name": "张三"},          # unchanged; the columns it lacks are not compared
        {"order_no": "GD004", "received_at": "2026-05-31 09:00", "category": "family", "community": COMM_A,
         "summary": "家事", "caller_name": "赵六", "caller_phone": 13700001234},
    ]}
    report = imp(mdb, json.dumps(orders, ensure_ascii=False).encode(), "json")
    assert (report["rows"], report["imported"], report["duplicates"]) == (2, 1, 1)
    assert count(mdb, m.Case) == 4
    # a plain list works too; the same orders in it are duplicates
    report = imp(mdb, json.dumps(orders["orders"]).encode(), "json")
    assert (report["imported"], report["duplicates"]) == (0, 2)


def test_bad_rows_are_reported_and_the_good_ones_imported(mdb):
    content = (HEADER
               + f"GD010,2026-05-30 09:00,neighbour_noise,{COMM_A},好的,张三,13812345678,\n"     # row 2: good
               + f",2026-05-30 09:00,neighbour_noise,{COMM_A},,张三,,\n"                        # 3: missing
               + f"GD012,not a date,neighbour_noise,{COMM_A},坏时间,张三,,\n"                   # 4
               + f"GD013,2026-05-30 09:00,parking,{COMM_A},坏类别,张三,,\n"                     # 5
               + f"GD014,2026-05-30 09:00,neighbour_noise,{COMM_A},坏电话,张三,12ab,\n"         # 6
               + "GD015,2026-05-30 09:00,neighbour_noise,31010100200,坏社区,张三,,\n"          # 7
               + f"GD016,2026-05-30 09:00,neighbour_noise,{COMM_A},坏网格,张三,,{COMM_A2}-G01\n"  # 8
               + f"GD017,2026-06-09 09:00,neighbour_noise,{COMM_A},未来,张三,,\n"               # 9
               + f"GD010,2026-05-30 09:00,neighbour_noise,{COMM_A},同一文件重复,张三,,\n"        # 10: duplicate
               ).encode("utf-8")
    report = imp(mdb, content)
    assert (report["rows"], report["imported"], report["duplicates"]) == (9, 1, 0)
    got = [(p["row"], p["column"]) for p in report["problems"]]
    assert got == [(3, "order_no"), (3, "summary"), (4, "received_at"), (5, "category"), (6, "caller_phone"),
                   (7, "community"), (8, "grid"), (9, "received_at"), (10, "order_no")]
    assert all(p["reason"] for p in report["problems"])
    assert count(mdb, m.Case) == 1 and count(mdb, m.CaseParty) == 1
    assert len(events(mdb, "case.opened")) == 1        # the refused rows emit nothing


def test_orders_outside_the_callers_scope_are_refused_rows(mdb):
    report = imp(mdb, GOOD_CSV, ctx=worker(COMM_A))
    assert report["imported"] == 2
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(4, "community")]


def test_an_unreadable_file_changes_nothing(mdb):
    before = snapshot(mdb)
    for content, fmt, field in ((b"{not json", "json", "content"), (GOOD_CSV, "xml", "format"), (GOOD_CSV, "xlsx", "content"),
                                (b"\xff\xfe\xfa", "csv", "content")):
        with pytest.raises(InvalidArgument) as err:
            imp(mdb, content, fmt)
        assert err.value.field == field
    assert snapshot(mdb) == before


def test_only_staff_import(mdb):
    for ctx in (mediator(), resident()):
        with pytest.raises(PermissionDenied):
            imp(mdb, GOOD_CSV, ctx=ctx)
    assert count(mdb, m.Case) == 0


def test_the_same_order_number_in_another_district_is_another_case(mdb, with_b):
    imp(mdb, GOOD_CSV)
    content = (HEADER + "GD001,2026-05-30 09:00,neighbour_noise,310104001001,B区工单,甲,,\n").encode()
    report = imp(mdb, content, ctx=admin(DISTRICT_B))
    assert (report["imported"], report["duplicates"]) == (1, 0)


# ---- the outcome written back

def _export(db, fmt="csv", ctx=None, **kw):
    return read(db, ctx or admin(), hotline.export_outcomes, format=fmt, **kw)


def test_the_export_carries_status_and_reply_in_the_hotlines_format(mdb, fixed_clock):
    report = imp(mdb, GOOD_CSV)
    ids = dict(zip(("GD001", "GD002", "GD003"), report["case_ids"]))
    open_case_walk_in = call(mdb, worker(), cases.open_case, channel="walk_in", category="other", community=COMM_A,
                             summary="not a hotline case", parties=[{"name": "甲"}])
    assign(mdb, ids["GD001"])
    call(mdb, mediator(), cases.resolve_case, case_id=ids["GD001"], outcome="agreement", agreement="晚十点后停工")
    assign(mdb, ids["GD002"])
    out = _export(mdb)
    assert out["format"] == "csv" and out["orders"] == 3
    rows = list(csv.DictReader(io.StringIO(out["content"].decode("utf-8"))))
    assert list(rows[0]) == ["order_no", "status", "reply", "handled_at", "handling_level", "satisfaction"]
    by_order = {r["order_no"]: r for r in rows}
    assert open_case_walk_in["id"] not in out["content"].decode()
    assert by_order["GD001"]["status"] == "completed"
    assert by_order["GD001"]["reply"] == "调解达成协议 agreement reached: 晚十点后停工"
    assert by_order["GD001"]["handled_at"] == "2026-06-01T20:00:00+08:00"
    assert by_order["GD001"]["handling_level"] == "community"
    assert (by_order["GD002"]["status"], by_order["GD002"]["handled_at"]) == ("in_progress", "")
    assert (by_order["GD003"]["status"], by_order["GD003"]["reply"]) == ("accepted", "处理中 in progress")


def test_the_json_export_and_since(mdb):
    imp(mdb, GOOD_CSV)
    data = json.loads(_export(mdb, "json")["content"])
    assert [o["order_no"] for o in data["orders"]] == ["GD001", "GD002", "GD003"]
    since = json.loads(_export(mdb, "json", since="2026-05-31")["content"])
    assert [o["order_no"] for o in since["orders"]] == ["GD002", "GD003"]
    with pytest.raises(InvalidArgument) as err:
        _export(mdb, since="last week")
    assert err.value.field == "since"
    with pytest.raises(InvalidArgument) as err:
        _export(mdb, "xml")
    assert err.value.field == "format"


def test_the_export_stays_in_the_callers_scope(mdb, with_b):
    imp(mdb, GOOD_CSV)
    assert _export(mdb, ctx=worker(COMM_A2))["orders"] == 1
    assert _export(mdb, ctx=admin(DISTRICT_B))["orders"] == 0
