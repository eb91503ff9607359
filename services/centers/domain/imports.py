"""Importing centres and their spaces (邻里中心与场地导入) from a spreadsheet: one row per space.

- The columns, in English or in Chinese: community (社区), centre_name (中心名称), centre_address
  (中心地址), monthly_quota_hours (每月限额小时), space_name (场地名称), kind (类型), capacity (容纳人数),
  hours (开放时间), needs_approval (需要审批), residents_may_book (居民可预约),
  open_on_public_holidays (节假日开放). The first five of the space's are required, and the
  community and the centre's name.
- ``kind`` is a kind's key (``reading_room``) or its Chinese name (阅览室); ``hours`` names weekdays
  and a span for each, ``1-5 09:00-17:30; 6 09:00-12:00`` (1 Monday ... 7 Sunday; a range or a
  comma list of days, then the span; groups parted by ``;``); yes/no columns take yes/no, 是/否,
  true/false, 1/0, y/n (blank: no).
- A centre is found by its community and name, or created; a space is found by its name in the
  centre. An import adds, it does not change: a row naming a space already stored just so is
  unchanged, one that differs is refused column by column (SetOpeningHours changes hours).

The rules each value then meets are the API's own (services/centers/domain/spaces.py), applied by
the same use cases as CreateCentre and AddSpace.
"""
from __future__ import annotations

import re

from services.common.errors import InvalidArgument
from services.common.values import header_columns as read_header
from services.centers.domain.spaces import SPACE_KINDS

MAX_BYTES = 2 * 1024 * 1024  # thousands of rows; a gRPC message is at most 4 MB anyway
MAX_ROWS = 5000

#: each column's name in a file: the English one first (as the report names it), then the Chinese ones
COLUMNS: dict[str, tuple[str, ...]] = {
    "community": ("community", "社区", "社区代码", "社区编码"),
    "centre_name": ("centre_name", "center_name", "中心名称", "中心"),
    "centre_address": ("centre_address", "center_address", "中心地址", "地址"),
    "monthly_quota_hours": ("monthly_quota_hours", "每月限额小时", "月度限额(小时)", "每月限额"),
    "space_name": ("space_name", "场地名称", "场地"),
    "kind": ("kind", "类型", "场地类型"),
    "capacity": ("capacity", "容纳人数", "容量"),
    "hours": ("hours", "开放时间"),
    "needs_approval": ("needs_approval", "需要审批", "需审批"),
    "residents_may_book": ("residents_may_book", "居民可预约"),
    "open_on_public_holidays": ("open_on_public_holidays", "节假日开放", "法定节假日开放"),
}
REQUIRED = ("community", "centre_name", "space_name", "kind", "capacity", "hours")
_TRUE = {"yes", "y", "true", "1", "是"}
_FALSE = {"", "no", "n", "false", "0", "否"}
_KIND_BY_NAME = {name: kind for kind, name in SPACE_KINDS.items()}
_GROUP = re.compile(r"^(?P<days>[1-7](?:\s*[-,，]\s*[1-7])*)\s+(?P<opens>\S+)\s*-\s*(?P<closes>\S+)$")


def header_columns(header: list[str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The file's header against the import's columns (services.common.values.header_columns)."""
    return read_header(header, COLUMNS, REQUIRED)


def yes_no(value: str | None, column: str) -> bool:
    v = (value or "").strip().casefold()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise InvalidArgument(f"must be yes or no (是/否, true/false), got {value!r}", column)


def whole_number(value: str | None, column: str, blank: int | None = None) -> int | None:
    """A whole number written in a cell (``12``, or ``12.0`` as a spreadsheet keeps it); ``blank`` if empty."""
    v = (value or "").strip()
    if not v:
        return blank
    try:
        number = float(v) if "." in v else int(v)
    except ValueError:
        raise InvalidArgument(f"must be a whole number, got {value!r}", column) from None
    if isinstance(number, float) and not number.is_integer():
        raise InvalidArgument(f"must be a whole number, got {value!r}", column)
    return int(number)


def space_kind(value: str | None) -> str:
    """A kind's key, or its Chinese name (阅览室 → reading_room); checked by the spaces' rule afterwards."""
    v = (value or "").strip()
    return _KIND_BY_NAME.get(v, v)


def opening_hours(value: str | None, column: str = "hours") -> list[dict]:
    """``1-5 09:00-17:30; 6 09:00-12:00`` as the API's opening hours ([{weekday, opens, closes}]), in
    weekday order; each span is checked afterwards by the spaces' rule (one a day, opening before it closes)."""
    text = (value or "").strip()
    if not text:
        raise InvalidArgument("is required, e.g. 1-5 09:00-17:30; 6 09:00-12:00", column)
    hours = []
    for group in (g.strip() for g in re.split(r"[;；]", text)):
        if not group:
            continue
        match = _GROUP.match(group)
        if not match:
            raise InvalidArgument(f"{group!r} is not days and a span, e.g. 1-5 09:00-17:30 (1 Monday ... 7 Sunday)",
                                  column)
        for day in _days(match["days"], group, column):
            hours.append({"weekday": day, "opens": match["opens"], "closes": match["closes"]})
    return sorted(hours, key=lambda h: h["weekday"])


def _days(text: str, group: str, column: str) -> list[int]:
    days: list[int] = []
    for part in re.split(r"\s*[,，]\s*", text):
        first, _, last = part.partition("-")
        start, end = int(first.strip()), int((last or first).strip())
        if end < start:
            raise InvalidArgument(f"{group!r}: the days run from {start} to {end}, backwards", column)
        days += range(start, end + 1)
    return days


def hours_text(stored: dict[str, str]) -> str:
    """Stored opening hours written back as a file writes them (``1 09:00-17:30; 2 09:00-17:30``)."""
    return "; ".join(f"{day} {span}" for day, span in sorted(stored.items(), key=lambda kv: int(kv[0])))
