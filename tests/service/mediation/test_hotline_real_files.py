"""Real 12345 exports: XLSX and GBK CSV with Chinese headers, a district's own headers (SetHotlineHeaders),
deadlines in working days, duplicates in a file, changed re-sends and unknown headers."""
from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from services.common.errors import InvalidArgument, PermissionDenied
from services.common.values import aware
from services.mediation import models as m
from services.mediation.app import cases, hotline
from tests.conftest import DISTRICT_B
from tests.service.mediation.conftest import (COMM_A, COMM_A2, SUB_A, admin, call, count, events, read, row,
                                              snapshot, worker)

HEADER = ["工单编号", "来电时间", "诉求内容", "诉求类型", "所属街道", "所属社区", "办理时限", "回复内容", "满意度",
          "来电人", "联系电话"]
ROWS = [
    ["12345-2025-0926-001", datetime(2025, 9, 26, 10, 0), "楼上装修噪音", "邻里噪音", SUB_A, COMM_A, 6, "", "",
     "张三", "13812345678"],
    ["12345-2025-0926-002", datetime(2025, 9, 26, 11, 0), "楼道堆放杂物", "shared_space", SUB_A, COMM_A2,
     "2025-10-09", "", "", "李四", ""],
]


def xlsx(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def gbk_csv(rows, header=HEADER, encoding="gbk") -> bytes:
    lines = [",".join(header)] + [",".join(str(c) for c in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def imp(db, content, fmt, ctx=None):
    return call(db, ctx or admin(), hotline.import_orders, format=fmt, content=content)


def by_order(db):
    return {c["hotline_order_no"]: c for c in read(db, admin(), cases.list_cases)["items"]}


def caller_of(db, case_id):
    """The complainant as stored (listings mask names)."""
    from sqlalchemy import select
    with db.session_factory() as session:
        return session.scalars(select(m.CaseParty.name).where(m.CaseParty.case_id == case_id)).one()


def deadline_of(db, case_id):
    return aware(row(db, m.Case, case_id).deadline_at).isoformat()


def test_an_xlsx_export_with_chinese_headers_is_imported_with_working_day_deadlines(mdb):
    report = imp(mdb, xlsx(ROWS), "xlsx")
    assert (report["rows"], report["imported"], report["duplicates"], report["problems"]) == (2, 2, 0, [])
    got = by_order(mdb)
    first = got["12345-2025-0926-001"]
    assert (first["channel"], first["category"], first["community"], first["summary"]) == \
        ("hotline_12345", "neighbour_noise", COMM_A, "楼上装修噪音")        # 邻里噪音: the category's name
    assert first["opened_at"] == "2025-09-26T02:00:00+00:00"             # an Excel time is Beijing time
    assert caller_of(mdb, first["id"]) == "张三"
    # 6 working days from Friday 26 September 2025: the adjusted Sunday 28th, 29th, 30th, then after the
    # National Day holiday (1-8 October) the 9th, 10th and the adjusted Saturday 11th
    assert deadline_of(mdb, first["id"]) == "2025-10-11T15:59:59+00:00"
    assert deadline_of(mdb, got["12345-2025-0926-002"]["id"]) == "2025-10-09T15:59:59+00:00"   # a date: its end
    assert len(events(mdb, "case.opened")) == 2


def test_a_gbk_csv_with_chinese_headers_is_imported(mdb):
    for encoding in ("gbk", "gb18030"):
        rows = [[f"{encoding}-{r[0]}", r[1].strftime("%Y/%m/%d %H:%M")] + r[2:] for r in ROWS]
        report = imp(mdb, gbk_csv(rows, encoding=encoding), "csv")
        assert (report["imported"], report["problems"]) == (2, []), report
    got = by_order(mdb)
    assert got["gbk-12345-2025-0926-001"]["summary"] == "楼上装修噪音"
    assert deadline_of(mdb, got["gbk-12345-2025-0926-001"]["id"]) == "2025-10-11T15:59:59+00:00"


def test_a_districts_own_headers_are_read_after_the_admin_sets_them(mdb):
    header = ["工单流水号", "来电时间", "诉求内容", "诉求类型", "所属社区", "投诉人", "投诉人电话", "承办意见"]
    content = xlsx([["LS-1", datetime(2025, 9, 26, 10, 0), "噪音", "neighbour_noise", COMM_A, "王五", "13900001111",
                     ""]], header)
    before = snapshot(mdb)
    with pytest.raises(InvalidArgument) as err:
        imp(mdb, content, "xlsx")
    assert err.value.field == "content" and "row 1, column 1 '工单流水号': unknown header" in err.value.message
    assert snapshot(mdb) == before
    own = [{"header": "工单流水号", "field": "order_no"}, {"header": "投诉人", "field": "caller_name"},
           {"header": "投诉人电话", "field": "caller_phone"}, {"header": "承办意见", "field": "ignore"}]
    out = call(mdb, admin(), hotline.set_headers, headers=own)
    assert out["district"] == "310101" and len(out["headers"]) == 4
    assert {"header": "工单编号", "field": "order_no"} in out["effective"]      # the defaults still hold
    report = imp(mdb, content, "xlsx")
    assert (report["imported"], report["problems"]) == (1, [])
    assert caller_of(mdb, by_order(mdb)["LS-1"]["id"]) == "王五"
    # the mapping is the district's: another district's files are read with the defaults
    with pytest.raises(InvalidArgument):
        imp(mdb, content, "xlsx", ctx=admin(DISTRICT_B))


def test_only_a_district_admin_of_the_whole_district_sets_its_headers_and_bad_entries_change_nothing(mdb):
    before = snapshot(mdb)
    with pytest.raises(PermissionDenied):
        call(mdb, worker(COMM_A), hotline.set_headers, headers=[{"header": "投诉人", "field": "caller_name"}])
    with pytest.raises(InvalidArgument) as err:
        call(mdb, admin(), hotline.set_headers, headers=[{"header": "投诉人", "field": "caller_name"},
                                                         {"header": "诉求", "field": "complaint"}])
    assert err.value.field == "headers[1].field"
    assert snapshot(mdb) == before


def test_the_same_order_twice_in_a_file_is_a_problem_naming_row_and_column(mdb):
    rows = ROWS + [["12345-2025-0926-001", datetime(2025, 9, 26, 10, 0), "楼上装修噪音", "邻里噪音", SUB_A, COMM_A,
                    6, "", "", "张三", "13812345678"]]
    report = imp(mdb, xlsx(rows), "xlsx")
    assert (report["rows"], report["imported"], report["duplicates"]) == (3, 2, 0)
    assert report["problems"] == [{"row": 4, "column": "工单编号", "reason": "repeats row 2 of this file"}]


def test_an_unchanged_resend_is_skipped_and_a_changed_one_is_a_problem(mdb):
    imp(mdb, xlsx(ROWS), "xlsx")
    before, n_events = snapshot(mdb), len(events(mdb))
    again = imp(mdb, xlsx(ROWS), "xlsx")
    assert (again["imported"], again["duplicates"], again["problems"]) == (0, 2, [])
    changed = [list(ROWS[0]), list(ROWS[1])]
    changed[0][2] = "楼上装修噪音，已多次反映"        # 诉求内容 rewritten
    changed[1][9] = "李四四"                           # 来电人
    report = imp(mdb, xlsx(changed), "xlsx")
    assert (report["imported"], report["duplicates"]) == (0, 0)
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "诉求内容"), (3, "来电人")]
    assert all("already imported" in p["reason"] and "李四" not in p["reason"] for p in report["problems"])
    assert snapshot(mdb) == before and len(events(mdb)) == n_events


def test_bad_cells_name_the_files_own_column(mdb):
    rows = [list(ROWS[0]), list(ROWS[1]), list(ROWS[1])]
    rows[0][6] = "明天"                        # 办理时限: neither working days nor a date
    rows[1][4] = "310101003"                   # 所属街道: not the community's sub-district
    rows[2][0], rows[2][3] = "12345-X", "停车"  # 诉求类型: no such category
    report = imp(mdb, xlsx(rows), "xlsx")
    assert report["imported"] == 0
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "办理时限"), (3, "所属街道"), (4, "诉求类型")]
    assert count(mdb, m.Case) == 0


def test_an_unknown_header_refuses_the_whole_file(mdb):
    before = snapshot(mdb)
    for content, fmt in ((xlsx(ROWS, HEADER + ["投诉对象"]), "xlsx"),
                         (gbk_csv([r + ["物业"] for r in ROWS], HEADER + ["投诉对象"]), "csv")):
        with pytest.raises(InvalidArgument) as err:
            imp(mdb, content, fmt)
        assert err.value.field == "content" and "row 1, column 12 '投诉对象'" in err.value.message
    assert snapshot(mdb) == before


# ---- over gRPC: the new format and the district's headers through the proto's declarations

from tests.service.mediation.test_grpc import ADMIN, served  # noqa: E402,F401 - the in-process server


def test_xlsx_and_the_districts_headers_over_grpc(served):
    import grpc
    from cityplat.mediation.v1 import mediation_pb2 as pb

    stub, db = served
    header = HEADER[:-2] + ["投诉人", "联系电话"]
    request = pb.SetHotlineHeadersRequest(headers=[pb.HotlineHeader(header="投诉人", field="caller_name")],
                                          idempotency_key="hdr-1")
    out = stub.raw.SetHotlineHeaders(request, metadata=ADMIN, timeout=10)
    assert out.district == "310101" and [(h.header, h.field) for h in out.headers] == [("投诉人", "caller_name")]
    assert stub.raw.SetHotlineHeaders(request, metadata=ADMIN, timeout=10) == out      # the same key: same answer
    report = stub.ImportHotlineOrders(pb.ImportHotlineOrdersRequest(format="xlsx", content=xlsx(ROWS, header)),
                                      metadata=ADMIN, timeout=10)
    assert (report.rows, report.imported, list(report.problems)) == (2, 2, [])
    with pytest.raises(grpc.RpcError) as err:
        stub.raw.SetHotlineHeaders(pb.SetHotlineHeadersRequest(
            headers=[pb.HotlineHeader(header="投诉人", field="complaint")], idempotency_key="hdr-2"),
            metadata=ADMIN, timeout=10)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "headers[0].field" in err.value.details()
