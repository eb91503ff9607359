"""Real 12345 files: the header mapping (defaults, a district's own), the encodings, and deadlines in working
days on China's calendar (chinesecalendar), across an adjusted working weekend (调休) and National Day."""
from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from services.common.errors import InvalidArgument
from services.mediation.app import hotline
from services.mediation.domain import hotline as rules

CHINESE = ["工单编号", "来电时间", "诉求内容", "诉求类型", "所属街道", "所属社区", "办理时限", "回复内容", "满意度",
           "来电人", "联系电话"]


def test_the_default_mapping_reads_the_common_chinese_headers_and_the_english_ones():
    got = rules.map_header(CHINESE, rules.header_mapping(None))
    assert got == {"工单编号": "order_no", "来电时间": "received_at", "诉求内容": "summary", "诉求类型": "category",
                   "所属街道": "subdistrict", "所属社区": "community", "办理时限": "deadline",
                   "来电人": "caller_name", "联系电话": "caller_phone"}      # 回复内容, 满意度: not read
    english = list(rules.REQUIRED) + ["grid", "caller_phone"]
    assert rules.map_header(english, rules.header_mapping(None)) == {h: h for h in english}


def test_a_district_extends_and_overrides_the_defaults():
    own = rules.check_custom_headers([{"header": "投诉人", "field": "caller_name"},
                                      {"header": "来电人", "field": "ignore"},
                                      {"header": " 工单流水号 ", "field": "order_no"}])
    assert own == {"投诉人": "caller_name", "来电人": "ignore", "工单流水号": "order_no"}
    mapping = rules.header_mapping(own)
    header = ["工单流水号", "来电时间", "诉求内容", "诉求类型", "所属社区", "投诉人", "来电人"]
    assert rules.map_header(header, mapping)["投诉人"] == "caller_name"
    assert "来电人" not in rules.map_header(header, mapping)
    assert rules.header_mapping(None)["来电人"] == "caller_name"   # the defaults themselves are untouched


@pytest.mark.parametrize("entries, field", [
    ([{"header": "", "field": "order_no"}], "headers[0].header"),
    ([{"header": "甲\x00", "field": "order_no"}], "headers[0].header"),
    ([{"header": "甲", "field": "order_no"}, {"header": "甲", "field": "summary"}], "headers[1].header"),
    ([{"header": "甲", "field": "party_id"}], "headers[0].field"),
])
def test_a_bad_district_mapping_is_refused_naming_the_entry(entries, field):
    with pytest.raises(InvalidArgument) as err:
        rules.check_custom_headers(entries)
    assert err.value.field == field


@pytest.mark.parametrize("header, needle", [
    (CHINESE + ["投诉对象"], "row 1, column 12 '投诉对象': unknown header"),
    (CHINESE + ["order_no"], "row 1, column 12 'order_no': names order_no, as column '工单编号' does"),
    (["工单编号", "来电时间", "诉求内容", "诉求类型"], "row 1: no column for community, caller_name"),
])
def test_a_header_row_that_cannot_be_read_is_refused_naming_the_column(header, needle):
    with pytest.raises(InvalidArgument) as err:
        rules.map_header(header, rules.header_mapping(None))
    assert err.value.field == "content" and needle in err.value.message


def test_gbk_and_utf8_files_are_told_apart_strictly():
    text = "工单编号,诉求内容\nGD1,楼上噪音\n"
    for content in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("gbk"),
                    text.encode("gb18030")):
        assert hotline._rows(content, "csv") == [{"工单编号": "GD1", "诉求内容": "楼上噪音"}]
    with pytest.raises(InvalidArgument) as err:
        hotline._rows(b"\xff\xfe\xfa", "csv")
    assert err.value.field == "content"


@pytest.mark.parametrize("value, days", [("5", 5), ("5个工作日", 5), ("10 工作日", 10), ("3 working days", 3),
                                         ("2025-10-09", None), ("2025/10/09 17:00", None)])
def test_a_time_limit_is_working_days_or_a_date(value, days):
    assert rules.working_days(value) == days


@pytest.mark.parametrize("value", ["0", "121"])
def test_a_time_limit_out_of_range_is_refused(value):
    with pytest.raises(InvalidArgument) as err:
        rules.working_days(value)
    assert err.value.field == "deadline"


def test_working_days_count_an_adjusted_weekend_and_skip_national_day():
    # 2025: Sunday 28 September and Saturday 11 October are working days (调休); 1-8 October is the holiday
    workday = chinese_calendar.is_workday
    friday = date(2025, 9, 26)
    assert rules.working_day_deadline(friday, 1, workday) == date(2025, 9, 28)    # the adjusted Sunday
    assert rules.working_day_deadline(friday, 3, workday) == date(2025, 9, 30)
    assert rules.working_day_deadline(friday, 4, workday) == date(2025, 10, 9)    # past the whole holiday
    assert rules.working_day_deadline(friday, 6, workday) == date(2025, 10, 11)   # the adjusted Saturday
    assert rules.working_day_deadline(date(2025, 10, 11), 1, workday) == date(2025, 10, 13)  # a plain Sunday off


def test_a_deadline_ends_the_last_working_day_in_beijing_time():
    received = "2025-09-26T10:00:00+08:00"
    assert hotline._deadline("6", received).isoformat() == "2025-10-11T15:59:59+00:00"
    assert hotline._deadline("2025-10-09", received).isoformat() == "2025-10-09T15:59:59+00:00"
    assert hotline._deadline("2025-10-09 17:00", received).isoformat() == "2025-10-09T09:00:00+00:00"
    for value in ("2025-09-25", "soon"):
        with pytest.raises(InvalidArgument) as err:
            hotline._deadline(value, received)
        assert err.value.field == "deadline"


def test_working_days_beyond_the_calendars_known_years_are_refused_not_guessed():
    last = max(chinese_calendar.holidays).year
    with pytest.raises(InvalidArgument) as err:
        hotline._deadline("5", f"{last}-12-30T10:00:00+08:00")
    assert err.value.field == "deadline" and f"{last + 1}" in err.value.message
    # a date is still taken as it is
    assert hotline._deadline(f"{last + 1}-01-08", f"{last}-12-30T10:00:00+08:00").year == last + 1
