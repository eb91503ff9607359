"""Importing centres and their spaces (CSV or XLSX, one row per space): a report line per row and each
problem by row and column; nothing written when a row is refused or on a dry run; a second import of
the same file changes nothing."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from services.common.errors import InvalidArgument, PermissionDenied
from services.centers import models as m
from services.centers.app import API, centres, imports
from tests.conftest import DISTRICT_B
from tests.service.centers.conftest import COMM_A, COMM_A2, COMM_B, admin, call, count, read, resident, worker

HEADER = ["community", "centre_name", "centre_address", "monthly_quota_hours", "space_name", "kind", "capacity",
          "hours", "needs_approval", "residents_may_book", "open_on_public_holidays"]
ROWS = [
    [COMM_A, "幸福社区邻里中心", "幸福路1号", "30", "党员活动室", "party_activity_room", "20",
     "1-5 09:00-17:30; 6 09:00-12:00", "no", "no", "no"],
    [COMM_A, "幸福社区邻里中心", "", "", "阅览室", "阅览室", "12", "1-7 08:30-21:00", "否", "是", "是"],
    [COMM_A2, "和睦社区中心", "", "", "四点半课堂", "half_past_four_classroom", "30", "1-5 16:30-18:30", "yes", "",
     ""],
]


def csv_bytes(rows, header=HEADER) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    return buf.getvalue().encode("utf-8-sig")  # as a spreadsheet saves it, with a BOM


def xlsx_bytes(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def do_import(cdb, content, fmt="csv", ctx=None, **kw):
    return call(cdb, ctx or admin(), imports.import_centres, content=content, format=fmt, **kw)


def test_a_good_csv_adds_centres_and_spaces_row_by_row(cdb):
    report = do_import(cdb, csv_bytes(ROWS))
    assert (report["rows"], report["written"], report["unchanged"], report["centres_created"], report["problems"]) == \
        (3, 3, 0, 2, [])
    assert [(line["row"], line["status"]) for line in report["lines"]] == [(2, "new"), (3, "new"), (4, "new")]
    assert report["lines"][0]["centre_id"] == report["lines"][1]["centre_id"] != report["lines"][2]["centre_id"]
    [happy] = read(cdb, admin(), centres.list_centres, community=COMM_A)["items"]
    assert (happy["name"], happy["address"], happy["monthly_quota_hours"]) == ("幸福社区邻里中心", "幸福路1号", 30)
    spaces = {s["name"]: s for s in read(cdb, admin(), centres.list_spaces, centre_id=happy["id"])["items"]}
    room, reading = spaces["党员活动室"], spaces["阅览室"]
    assert [(h["weekday"], h["opens"], h["closes"]) for h in room["hours"]] == \
        [(d, "09:00", "17:30") for d in range(1, 6)] + [(6, "09:00", "12:00")]
    assert (reading["kind"], reading["capacity"], reading["residents_may_book"], reading["open_on_public_holidays"],
            reading["needs_approval"]) == ("reading_room", 12, True, True, False)
    assert report["lines"][1]["space_id"] == reading["id"]
    [other] = read(cdb, admin(), centres.list_centres, community=COMM_A2)["items"]
    assert other["monthly_quota_hours"] == 20  # blank: the default


def test_a_good_xlsx_with_chinese_headers(cdb):
    chinese = ["社区", "中心名称", "中心地址", "每月限额小时", "场地名称", "类型", "容纳人数", "开放时间", "需要审批",
               "居民可预约", "节假日开放"]
    rows = [[int(COMM_A), "幸福社区邻里中心", None, 10.0, "家风馆", "家风馆", 40, "2,4 14:00-17:00", True, False, None],
            [None] * 11]
    report = do_import(cdb, xlsx_bytes([chinese, *rows]), fmt="xlsx")
    assert (report["rows"], report["written"], report["problems"]) == (1, 1, [])
    [centre] = read(cdb, admin(), centres.list_centres)["items"]
    [hall] = read(cdb, admin(), centres.list_spaces, centre_id=centre["id"])["items"]
    assert (centre["monthly_quota_hours"], hall["kind"], hall["capacity"], hall["needs_approval"]) == \
        (10, "family_tradition_hall", 40, True)
    assert [h["weekday"] for h in hall["hours"]] == [2, 4]


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(cdb):
    bad = [
        ROWS[0],
        [COMM_A, "幸福社区邻里中心", "", "", "书画室", "ballroom", "20", "1-5 09:00-17:30", "no", "no", "no"],
        [COMM_A, "幸福社区邻里中心", "", "", "青年之家", "youth_home", "0", "1-5 09:00-17:30", "no", "no", "no"],
        [COMM_A, "幸福社区邻里中心", "", "", "妇女之家", "women_home", "10", "1 17:00-09:00", "no", "no", "no"],
        [COMM_A, "幸福社区邻里中心", "", "", "多功能厅", "multi_purpose_hall", "10", "1-5 09:00-17:30", "maybe", "no",
         "no"],
        [COMM_A, "幸福社区邻里中心", "", "", "党员活动室", "party_activity_room", "20", "1-5 09:00-17:30", "", "", ""],
        [COMM_A, "", "", "", "无名", "other", "5", "1 09:00-10:00", "", "", ""],
        ["31010100200", "某中心", "", "", "室", "other", "5", "1 09:00-10:00", "", "", ""],
        [COMM_A, "幸福社区邻里中心", "别的地址", "", "党员之家", "members_home", "5", "1 09:00-10:00", "", "", ""],
    ]
    report = do_import(cdb, csv_bytes(bad))
    assert (report["rows"], report["written"], report["centres_created"]) == (9, 0, 0)
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (3, "kind"), (4, "capacity"), (5, "hours"), (6, "needs_approval"), (7, "space_name"), (8, "centre_name"),
        (9, "community"), (10, "centre_address")]
    reasons = {p["row"]: p["reason"] for p in report["problems"]}
    assert "repeats row 2" in reasons[7] and "must be one of" in reasons[3] and "after the opening" in reasons[5]
    assert [line["status"] for line in report["lines"]] == ["new"] + ["refused"] * 8
    assert report["lines"][0]["centre_id"] == ""  # its centre was never written
    assert (count(cdb, m.Centre), count(cdb, m.Space), count(cdb, m.AuditEntry)) == (0, 0, 0)


def test_a_name_with_a_control_character_is_refused_before_it_is_looked_up(cdb):
    content = csv_bytes([[COMM_A, "坏\x00名", "", "", "室", "other", "5", "1 09:00-10:00", "", "", ""],
                         [COMM_A, "幸福社区邻里中心", "", "", "x" * 101, "other", "5", "1 09:00-10:00", "", "", ""]])
    report = do_import(cdb, content)
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "centre_name"), (3, "space_name")]
    assert count(cdb, m.Centre) == 0


def test_a_bad_header_is_reported_alone(cdb):
    report = do_import(cdb, csv_bytes(ROWS, header=HEADER[:-1] + ["colour"]))
    assert report["rows"] == 0 and [(p["row"], p["column"]) for p in report["problems"]] == [(1, "colour")]
    long = do_import(cdb, csv_bytes([], header=HEADER + ["y" * 5000]))["problems"]
    assert [len(p["column"]) for p in long] == [41]              # a stray line is not echoed whole
    report = do_import(cdb, csv_bytes([], header=["community", "space_name"]))
    assert report["problems"][0]["reason"] == "required column(s) missing from the header"
    assert count(cdb, m.Centre) == 0


@pytest.mark.parametrize("content,fmt,field", [(b"\xff\xfe", "csv", "content"), (b"not a zip", "xlsx", "content"),
                                               (b"a,b\n", "json", "format")])
def test_a_file_that_cannot_be_read_is_refused_naming_the_field(cdb, content, fmt, field):
    with pytest.raises(InvalidArgument) as err:
        do_import(cdb, content, fmt=fmt)
    assert err.value.field == field


def test_a_file_past_the_limits_is_refused(cdb, monkeypatch):
    from services.centers.domain import imports as rules

    with pytest.raises(InvalidArgument) as err:
        do_import(cdb, b"x" * (rules.MAX_BYTES + 1))
    assert err.value.field == "content"
    monkeypatch.setattr(rules, "MAX_ROWS", 2)
    report = do_import(cdb, csv_bytes(ROWS))
    assert report["problems"][-1] == {"row": 4, "column": "", "reason": "more than 2 rows; split the file"}
    assert count(cdb, m.Space) == 0


def test_a_community_outside_the_callers_scope_is_refused_on_its_row(cdb):
    report = do_import(cdb, csv_bytes(ROWS), ctx=worker())
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(4, "community")]
    assert report["written"] == 0 and count(cdb, m.Centre) == 0
    outside = ROWS[:1] + [[COMM_B] + ROWS[2][1:]]
    report = do_import(cdb, csv_bytes(outside), ctx=admin())     # another district's community
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(3, "community")]
    report = do_import(cdb, csv_bytes(ROWS[:1]), ctx=admin(DISTRICT_B))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "community")]
    assert count(cdb, m.Centre) == 0
    with pytest.raises(PermissionDenied):                          # staff only
        do_import(cdb, csv_bytes(ROWS[:1]), ctx=resident())
    assert do_import(cdb, csv_bytes(ROWS[:2]), ctx=worker())["written"] == 2  # its own community's rows


def test_a_dry_run_reports_and_writes_nothing(cdb):
    report = do_import(cdb, csv_bytes(ROWS), dry_run=True)
    assert (report["dry_run"], report["rows"], report["written"], report["problems"]) == (True, 3, 0, [])
    assert [line["status"] for line in report["lines"]] == ["new"] * 3
    assert all(not line["space_id"] and not line["centre_id"] for line in report["lines"])
    assert (count(cdb, m.Centre), count(cdb, m.Space), count(cdb, m.AuditEntry)) == (0, 0, 0)


def test_importing_the_same_file_again_changes_nothing_and_a_change_is_refused(cdb):
    first = do_import(cdb, csv_bytes(ROWS))
    again = do_import(cdb, csv_bytes(ROWS))
    assert (again["written"], again["unchanged"], again["centres_created"], again["problems"]) == (0, 3, 0, [])
    assert [line["space_id"] for line in again["lines"]] == [line["space_id"] for line in first["lines"]]
    assert (count(cdb, m.Centre), count(cdb, m.Space)) == (2, 3)
    changed = [ROWS[0][:6] + ["25", "1-5 09:00-18:00"] + ROWS[0][8:]]
    report = do_import(cdb, csv_bytes(changed))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "capacity"), (2, "hours")]
    assert "stored 20" in report["problems"][0]["reason"]
    one_more = ROWS + [[COMM_A, "幸福社区邻里中心", "", "", "书画室", "书画室", "8", "6-7 09:00-11:00", "", "", ""]]
    report = do_import(cdb, csv_bytes(one_more))
    assert (report["written"], report["unchanged"]) == (1, 3) and count(cdb, m.Space) == 4


def test_a_retried_import_with_its_key_gets_the_first_report(cdb):
    params = {"content": csv_bytes(ROWS), "format": "csv", "idempotency_key": "import-1"}
    first = API.call(cdb, admin(), "ImportCentres", dict(params))
    assert API.call(cdb, admin(), "ImportCentres", dict(params)) == first
    assert first["written"] == 3 and count(cdb, m.Space) == 3
