"""12345 work-order files: which header names which field, and deadlines in working days.

Pure rules. The calendar itself (China's holidays and adjusted working weekends, 调休) is not kept
here: ``working_day_deadline`` takes an ``is_workday`` function, which the application layer gets
from the ``chinesecalendar`` package (services/mediation/app/hotline.py).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from services.common.errors import InvalidArgument

#: the fields a work order's columns map to; ``ignore`` reads nothing from a column
FIELDS = ("order_no", "received_at", "category", "community", "summary", "caller_name", "caller_phone", "grid",
          "subdistrict", "deadline")
IGNORE = "ignore"
REQUIRED = ("order_no", "received_at", "category", "community", "summary", "caller_name")

#: the headers every district's files may carry: the service's own English names and the common headers of
#: real 12345 exports. A district extends or overrides it (SetHotlineHeaders).
DEFAULT_HEADERS: dict[str, str] = {f: f for f in FIELDS} | {
    "工单编号": "order_no", "工单号": "order_no",
    "来电时间": "received_at", "受理时间": "received_at",
    "诉求类型": "category", "诉求分类": "category",
    "所属街道": "subdistrict",
    "所属社区": "community",
    "所属网格": "grid", "网格": "grid",
    "诉求内容": "summary",
    "来电人": "caller_name", "来电人姓名": "caller_name", "联系人": "caller_name",
    "来电号码": "caller_phone", "联系电话": "caller_phone",
    "办理时限": "deadline",
    # the hotline's own outcome columns: written back by the outcome export, not read on import
    "回复内容": IGNORE, "满意度": IGNORE, "工单状态": IGNORE, "诉求标题": IGNORE,
}

MAX_CUSTOM = 200
MAX_WORKING_DAYS = 120
_WORKING_DAYS = re.compile(r"^(\d{1,3})\s*(?:个?工作日|working days?)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_custom_headers(entries: list[dict]) -> dict[str, str]:
    """A district's own headers ({header, field} pairs) as a mapping; each header once, each field known."""
    if len(entries) > MAX_CUSTOM:
        raise InvalidArgument(f"at most {MAX_CUSTOM} headers", "headers")
    out: dict[str, str] = {}
    for i, e in enumerate(entries):
        header, field = (e.get("header") or "").strip(), e.get("field") or ""
        if not header or len(header) > 60 or _CONTROL.search(header):
            raise InvalidArgument("must be a header of 1 to 60 characters, no control characters",
                                  f"headers[{i}].header")
        if header in out:
            raise InvalidArgument(f"{header!r} is named twice", f"headers[{i}].header")
        if field not in FIELDS + (IGNORE,):
            raise InvalidArgument(f"must be one of {', '.join(FIELDS + (IGNORE,))}", f"headers[{i}].field")
        out[header] = field
    return out


def header_mapping(custom: dict[str, str] | None) -> dict[str, str]:
    """The defaults, with the district's own headers added or overriding them."""
    return {**DEFAULT_HEADERS, **(custom or {})}


def map_header(header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Each column of a file's header (row 1) → its field. Refused, naming the column, when a header is
    unknown, when two columns name one field, or when a required field has no column."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for col, h in enumerate(header, start=1):
        field = mapping.get(h.strip())
        where = f"row 1, column {col} {h!r}"
        if field is None:
            raise InvalidArgument(f"{where}: unknown header; the district maps its own with SetHotlineHeaders "
                                  f"(a column not to read maps to {IGNORE!r})", "content")
        if field == IGNORE:
            continue
        if field in seen:
            raise InvalidArgument(f"{where}: names {field}, as column {seen[field]!r} does", "content")
        seen[field] = h
        out[h] = field
    if missing := [f for f in REQUIRED if f not in seen]:
        raise InvalidArgument(f"row 1: no column for {', '.join(missing)}", "content")
    return out


def working_days(value: str) -> int | None:
    """办理时限 as a number of working days (``5``, ``5个工作日``), or None when it is not one (a date)."""
    match = _WORKING_DAYS.match(value.strip())
    if not match:
        return None
    days = int(match.group(1))
    if not 1 <= days <= MAX_WORKING_DAYS:
        raise InvalidArgument(f"must be 1 to {MAX_WORKING_DAYS} working days, got {days}", "deadline")
    return days


def working_day_deadline(received: date, days: int, is_workday: Callable[[date], bool]) -> date:
    """The day ``days`` working days after the day of the call: the day of the call does not count, a
    holiday does not count, an adjusted working weekend (调休) does."""
    day = received
    while days:
        day += timedelta(days=1)
        if is_workday(day):
            days -= 1
    return day
