"""Reading 12345 work-order files (CSV with or without a BOM, JSON list or {"orders": [...]}) and their times."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument
from services.mediation.app import hotline


def test_csv_rows_are_read_and_trimmed_with_a_bom():
    content = "\ufefforder_no,summary\n A1 , 噪音 \nA2,\n".encode("utf-8")
    assert hotline._rows(content, "csv") == [{"order_no": "A1", "summary": "噪音"}, {"order_no": "A2", "summary": ""}]


def test_json_rows_are_read_as_text():
    assert hotline._rows(b'[{"order_no": 12, "grid": null}]', "json") == [{"order_no": "12", "grid": ""}]
    assert hotline._rows(b'{"orders": [{"order_no": "A"}]}', "json") == [{"order_no": "A"}]


@pytest.mark.parametrize("content, fmt, field", [
    (b"\xff\xfe\x00", "csv", "content"),
    (b"[", "json", "content"),
    (b'{"items": []}', "json", "content"),
    (b"[1, 2]", "json", "content"),
    (b"a,b", "xml", "format"),
])
def test_an_unreadable_file_is_refused(content, fmt, field):
    with pytest.raises(InvalidArgument) as err:
        hotline._rows(content, fmt)
    assert err.value.field == field


def test_hotline_times_without_a_zone_are_beijing_time():
    assert hotline._received("2026/05/30 09:00") == "2026-05-30T09:00:00+08:00"
    assert hotline._received("2026-05-30T09:00:00+00:00") == "2026-05-30T09:00:00+00:00"
    with pytest.raises(ValueError):
        hotline._received("yesterday")
