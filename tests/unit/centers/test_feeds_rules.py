"""The iCalendar feeds' rules (services/centers/domain/feeds.py) and the import's columns and values
(services/centers/domain/imports.py): pure, no I/O."""
from __future__ import annotations

import hashlib

import pytest

from services.common.errors import InvalidArgument
from services.centers.domain import feeds, imports


# ---- feeds

def test_a_feed_names_exactly_one_of_a_space_or_an_organisation():
    assert feeds.check_target("s1", None) == "space"
    assert feeds.check_target(None, "o1") == "organisation"
    with pytest.raises(InvalidArgument) as err:
        feeds.check_target("s1", "o1")
    assert err.value.field == "organisation_id"
    with pytest.raises(InvalidArgument) as err:
        feeds.check_target("", None)
    assert err.value.field == "space_id"


def test_only_the_tokens_sha256_is_kept_and_its_path_leads_back_to_it():
    token = "A" * 43
    assert feeds.token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
    assert feeds.token_of(feeds.path_of(token)) == token
    for path in ("/feeds/short.ics", f"/feeds/{token}.ical", f"/feeds/{token[:-1]}%2F.ics", f"/x/{token}.ics",
                 f"/feeds/{token}/../x.ics", "/feeds/.ics"):
        assert feeds.token_of(path) is None


@pytest.mark.parametrize("status,event", [("confirmed", "CONFIRMED"), ("requested", "TENTATIVE"),
                                          ("cancelled", "CANCELLED"), ("rejected", "CANCELLED")])
def test_a_bookings_status_as_its_events(status, event):
    assert feeds.event_status(status) == event


def test_the_sequence_counts_a_decision_and_a_cancellation():
    assert [feeds.sequence(False, False), feeds.sequence(True, False), feeds.sequence(True, True),
            feeds.sequence(False, True)] == [0, 1, 2, 1]


def test_a_residents_booking_shows_as_booked_only():
    assert feeds.summary("张三的生日会", by_resident=True) == "已预约"
    assert feeds.summary("主题党日", by_resident=False) == "主题党日"


def test_an_etag_is_named_again_by_if_none_match():
    tag = feeds.etag(b"BEGIN:VCALENDAR")
    assert tag.startswith('"') and tag == feeds.etag(b"BEGIN:VCALENDAR") != feeds.etag(b"other")
    assert feeds.not_modified(tag, tag) and feeds.not_modified(f'"x", W/{tag}', tag) and feeds.not_modified("*", tag)
    assert not feeds.not_modified(None, tag) and not feeds.not_modified('"other"', tag)


# ---- import

def test_headers_in_english_or_chinese_and_what_is_wrong_with_one():
    named, problems = imports.header_columns(["社区", "中心名称", "space_name", "类型", "容纳人数", "开放时间", "需要审批"])
    assert problems == [] and named["community"] == "社区" and named["needs_approval"] == "需要审批"
    _, problems = imports.header_columns(["community", "centre_name", "space_name", "kind", "capacity", "hours",
                                          "社区", "colour"])
    assert [p[0] for p in problems] == ["社区", "colour"]
    _, problems = imports.header_columns(["community", "space_name"])
    assert problems == [("centre_name,kind,capacity,hours", "required column(s) missing from the header")]


@pytest.mark.parametrize("value,expected", [("yes", True), ("是", True), ("TRUE", True), ("1", True),
                                            ("no", False), ("否", False), ("false", False), ("", False)])
def test_yes_and_no_in_several_spellings(value, expected):
    assert imports.yes_no(value, "needs_approval") is expected


def test_a_cell_that_is_not_yes_or_no_or_a_whole_number_names_its_column():
    with pytest.raises(InvalidArgument) as err:
        imports.yes_no("maybe", "residents_may_book")
    assert err.value.field == "residents_may_book"
    assert imports.whole_number("12", "capacity") == 12 and imports.whole_number("12.0", "capacity") == 12
    assert imports.whole_number("", "monthly_quota_hours", blank=0) == 0
    for bad in ("12.5", "twelve"):
        with pytest.raises(InvalidArgument) as err:
            imports.whole_number(bad, "capacity")
        assert err.value.field == "capacity"


def test_a_kind_by_its_key_or_its_chinese_name():
    assert imports.space_kind("阅览室") == "reading_room"
    assert imports.space_kind(" reading_room ") == "reading_room"
    assert imports.space_kind("ballroom") == "ballroom"  # refused afterwards by the spaces' own rule


def test_opening_hours_written_as_days_and_spans():
    assert imports.opening_hours("1-5 09:00-17:30; 6 09:00-12:00") == \
        [{"weekday": d, "opens": "09:00", "closes": "17:30"} for d in range(1, 6)] + \
        [{"weekday": 6, "opens": "09:00", "closes": "12:00"}]
    assert [h["weekday"] for h in imports.opening_hours("7 10:00 - 16:00；1,3 08:30-11:00")] == [1, 3, 7]
    for bad in ("", "Mon-Fri 9-5", "5-1 09:00-17:00", "8 09:00-10:00"):
        with pytest.raises(InvalidArgument) as err:
            imports.opening_hours(bad)
        assert err.value.field == "hours"


def test_stored_hours_written_back_as_a_file_writes_them():
    assert imports.hours_text({"6": "09:00-12:00", "1": "09:00-17:30"}) == "1 09:00-17:30; 6 09:00-12:00"
