"""Neighbourhood centres (邻里中心 / 党群服务中心) and their spaces: kinds, capacity, opening hours.

- A centre belongs to one community; its spaces are the rooms residents and organisations use:
  the party members' activity room, the "two representatives and one member" workstation, the
  family-tradition hall, the reading and calligraphy rooms, the "half past four classroom", the
  homes for members, youth and women, a multi-purpose hall.
- A space opens on some weekdays, one span a day (``09:00-17:30``), and is closed on China's
  public holidays (法定节假日) unless it says it opens on them. A weekend day worked in lieu of a
  holiday (调休上班) opens as a Monday does: the centre keeps office days. Closures (repairs, an
  election day) close it for whole days.
- A space seats ``capacity`` people; some need a worker's approval for each booking; residents book
  only the spaces that allow them (organisations book any).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from services.common.errors import InvalidArgument

SPACE_KINDS = {
    "party_activity_room": "党员活动室",
    "representatives_workstation": "两代表一委员工作室",
    "family_tradition_hall": "家风馆",
    "reading_room": "阅览室",
    "calligraphy_room": "书画室",
    "half_past_four_classroom": "四点半课堂",
    "members_home": "党员之家",
    "youth_home": "青年之家",
    "women_home": "妇女之家",
    "multi_purpose_hall": "多功能厅",
    "other": "其他",
}
WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)  # ISO: 1 Monday ... 7 Sunday
MAX_CAPACITY = 2000
#: a month's booked hours per organisation at one centre, unless the centre sets its own
DEFAULT_MONTHLY_QUOTA_HOURS = 20
MAX_MONTHLY_QUOTA_HOURS = 744  # every hour of a month


@dataclass(frozen=True)
class Span:
    opens: time
    closes: time

    def text(self) -> str:
        return f"{self.opens:%H:%M}-{self.closes:%H:%M}"


def check_kind(kind: str) -> str:
    if kind not in SPACE_KINDS:
        raise InvalidArgument(f"must be one of {', '.join(SPACE_KINDS)}", "kind")
    return kind


def check_capacity(capacity) -> int:
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise InvalidArgument(f"must be a whole number from 1 to {MAX_CAPACITY}", "capacity")
    return capacity


def check_quota(hours) -> int:
    """A centre's monthly quota of booked hours per organisation (0: the default)."""
    if hours in (None, 0):
        return DEFAULT_MONTHLY_QUOTA_HOURS
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= MAX_MONTHLY_QUOTA_HOURS:
        raise InvalidArgument(f"must be a whole number of hours from 1 to {MAX_MONTHLY_QUOTA_HOURS} "
                              f"(0: {DEFAULT_MONTHLY_QUOTA_HOURS})", "monthly_quota_hours")
    return hours


def _clock(value, field: str) -> time:
    try:
        hours, minutes = str(value).split(":")
        if len(hours) != 2 or len(minutes) != 2:
            raise ValueError
        return time(int(hours), int(minutes))
    except (ValueError, TypeError):
        raise InvalidArgument(f"must be a time of day HH:MM, got {value!r}", field) from None


def check_hours(hours: list[dict] | None) -> dict[int, Span]:
    """Opening hours as given (``[{weekday: 1, opens: "09:00", closes: "17:30"}, ...]``): one span per
    weekday, each opening before it closes; a weekday not given is closed."""
    spans: dict[int, Span] = {}
    for i, entry in enumerate(hours or []):
        if not isinstance(entry, dict):
            raise InvalidArgument("must be {weekday, opens, closes}", f"hours[{i}]")
        weekday = entry.get("weekday")
        if weekday not in WEEKDAYS or isinstance(weekday, bool):
            raise InvalidArgument(f"must be 1 (Monday) to 7 (Sunday), got {weekday!r}", f"hours[{i}].weekday")
        if weekday in spans:
            raise InvalidArgument("is given twice: one span a day", f"hours[{i}].weekday")
        opens, closes = _clock(entry.get("opens"), f"hours[{i}].opens"), _clock(entry.get("closes"), f"hours[{i}].closes")
        if closes <= opens:
            raise InvalidArgument(f"must be after the opening at {opens:%H:%M}", f"hours[{i}].closes")
        spans[weekday] = Span(opens, closes)
    if not spans:
        raise InvalidArgument("give the hours of at least one weekday", "hours")
    return spans


def hours_as_stored(spans: dict[int, Span]) -> dict[str, str]:
    return {str(day): span.text() for day, span in sorted(spans.items())}


def hours_from_stored(stored: dict[str, str]) -> dict[int, Span]:
    spans = {}
    for day, text in (stored or {}).items():
        opens, closes = text.split("-")
        spans[int(day)] = Span(_clock(opens, "hours"), _clock(closes, "hours"))
    return spans


def span_on(spans: dict[int, Span], iso_weekday: int, day_kind: str, open_on_public_holidays: bool) -> Span | None:
    """The span a space is open on a day of ``day_kind`` (services.common.china_calendar), or None: a
    public holiday closes it unless it opens on them; a day worked in lieu opens as a Monday does."""
    if day_kind == "public_holiday" and not open_on_public_holidays:
        return None
    if day_kind == "adjusted_workday":
        return spans.get(1)
    return spans.get(iso_weekday)
