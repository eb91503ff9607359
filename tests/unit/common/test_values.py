"""Input values every service reads the same way (services.common.values): dates, free text."""
from __future__ import annotations

from datetime import date

import pytest

from services.common import clock
from services.common.errors import InvalidArgument
from services.common.values import date_or_today, parse_date, text


def test_parse_date_accepts_iso_text_and_dates():
    assert parse_date("2026-06-01", "held_on") == date(2026, 6, 1)
    assert parse_date(date(2026, 6, 1), "held_on") == date(2026, 6, 1)


@pytest.mark.parametrize("value,reason", [("", "is required"), (None, "is required"),
                                          ("01/06/2026", "must be a date"), ("2026-13-01", "must be a date")])
def test_parse_date_names_the_field(value, reason):
    with pytest.raises(InvalidArgument) as err:
        parse_date(value, "held_on")
    assert err.value.field == "held_on"
    assert reason in err.value.message


def test_date_or_today_is_today_when_absent(fixed_clock):
    assert date_or_today(None, "on") == date_or_today("", "on") == clock.today() == date(2026, 6, 1)
    assert date_or_today("2026-05-01", "on") == date(2026, 5, 1)
    with pytest.raises(InvalidArgument) as err:
        date_or_today("tomorrow", "on")
    assert err.value.field == "on"


def test_text_is_stripped_and_limited():
    assert text("  ok  ", "note") == "ok"
    assert text(None, "note") is None and text("", "note") is None
    with pytest.raises(InvalidArgument) as err:
        text("x" * 11, "note", 10)
    assert err.value.field == "note"
    with pytest.raises(InvalidArgument):
        text(5, "note")
    with pytest.raises(InvalidArgument) as err:
        text("", "name", required=True)
    assert err.value.message == "is required"


def test_blank_text_is_absent_and_a_required_one_is_refused():
    """A reason made of spaces is no reason: it used to pass as "" and be stored."""
    assert text("   ", "note") is None
    with pytest.raises(InvalidArgument) as err:
        text(" \t\n ", "reason", required=True)
    assert (err.value.field, err.value.message) == ("reason", "is required")


@pytest.mark.parametrize("value", [True, 2.0, "3", None, 0, 101])
def test_a_whole_number_is_one_within_its_bounds(value):
    from services.common.values import whole_number

    with pytest.raises(InvalidArgument) as err:
        whole_number(value, "quantity", 1, 100)
    assert (err.value.field, err.value.message) == ("quantity", "must be a whole number from 1 to 100")


def test_whole_number_bounds_are_named():
    from services.common.values import whole_number

    assert whole_number(7, "days", 1, 365, unit="days") == 7
    with pytest.raises(InvalidArgument, match="must be a whole number of zero or more"):
        whole_number(-1, "yes", 0)
    with pytest.raises(InvalidArgument, match="must be a whole number of days from 1 to 365"):
        whole_number(0, "deadline_days.community", 1, 365, unit="days")


def test_a_moment_carries_its_zone_and_is_kept_in_utc():
    from datetime import datetime, timezone

    from services.common.values import parse_moment

    assert parse_moment("2026-06-01T09:30:00+08:00", "received_at") == datetime(2026, 6, 1, 1, 30, tzinfo=timezone.utc)
    for bad, reason in (("2026-06-01T09:30:00", "must carry a time zone"), ("yesterday", "must be a date and time"),
                        (None, "must be a date and time")):
        with pytest.raises(InvalidArgument) as err:
            parse_moment(bad, "received_at")
        assert err.value.field == "received_at" and reason in err.value.message


@pytest.mark.parametrize("bad", ["a\x00b", "bell\x07", "esc\x1b[31m", "del\x7f"])
def test_text_with_control_characters_is_refused(bad):
    with pytest.raises(InvalidArgument) as err:
        text(bad, "reason")
    assert err.value.field == "reason" and "control characters" in err.value.message


def test_tabs_and_new_lines_stand_in_text():
    assert text("第一行\n\t第二行", "minutes") == "第一行\n\t第二行"


def test_a_csv_header_of_unknown_columns_is_refused_naming_a_few():
    """A header of 50,001 unknown columns and no row was answered with an empty report."""
    from services.common.values import csv_rows

    header = ",".join(f"c{i}" for i in range(50_001)).encode()
    with pytest.raises(InvalidArgument) as err:
        csv_rows(header, ("record_id", "sorted_on"), required=("record_id",))
    assert err.value.field == "content" and "'c0', 'c1', 'c2', 'c3', 'c4' and 49996 more" in err.value.message
    assert len(str(err.value)) <= 420


@pytest.mark.parametrize("content,reason", [
    (b"", "the file is empty"),
    (b"record_id\n", "missing column(s) sorted_on"),
    (b"\xff\xfe", "not UTF-8"),
    (b"record_id,sorted_on\n" + b"x" * 200_000 + b",2026-06-01\n", "not a CSV file"),
])
def test_a_csv_file_that_cannot_be_read_is_refused_saying_why(content, reason):
    from services.common.values import csv_rows

    with pytest.raises(InvalidArgument) as err:
        csv_rows(content, ("record_id", "sorted_on"), required=("record_id", "sorted_on"))
    assert reason in err.value.message


def test_csv_rows_are_stripped_text_by_column():
    from services.common.values import csv_rows

    assert csv_rows("\ufeffrecord_id, sorted_on\n G-1 ,2026-06-01\n\n".encode(), ("record_id", "sorted_on")) == \
        [{"record_id": "G-1", "sorted_on": "2026-06-01"}]
