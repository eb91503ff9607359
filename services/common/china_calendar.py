"""China's calendar of working days, from the maintained ``chinesecalendar`` package (the State
Council's public holidays and the adjusted working weekends, 调休), for every service alike.

A year the installed release does not know yet is refused naming the caller's field, rather than
guessed: upgrade the pinned package when the State Council publishes the next year's calendar.
"""
from __future__ import annotations

from datetime import date, timedelta, timezone

import chinese_calendar

from services.common.errors import InvalidArgument

#: China keeps one time zone (Beijing time, UTC+8) and no summer time
BEIJING = timezone(timedelta(hours=8))

WORKDAY, WEEKEND, PUBLIC_HOLIDAY, ADJUSTED_WORKDAY = "workday", "weekend", "public_holiday", "adjusted_workday"


def _is_known(day: date) -> bool:
    return min(chinese_calendar.holidays).year <= day.year <= max(chinese_calendar.holidays).year


def _known(day: date, field: str) -> None:
    known = max(chinese_calendar.holidays).year
    if not min(chinese_calendar.holidays).year <= day.year <= known:
        raise InvalidArgument(f"China's working days of {day.year} are not known to this release of the calendar "
                              f"(it knows up to {known})", field)


def is_workday(day: date, field: str = "date") -> bool:
    _known(day, field)
    return chinese_calendar.is_workday(day)


def day_kind(day: date, field: str = "date", strict: bool = True) -> str:
    """What ``day`` is: a workday, a weekend, a public holiday (法定节假日, also a weekday of one), or a
    weekend day worked in lieu of one (调休上班).

    ``strict=False``: a day of a year the release does not know yet is a workday or a weekend by its
    weekday alone (a centre keeps opening on its usual days until the calendar is upgraded; the
    holidays of that year are then not known to close it)."""
    if not strict and not _is_known(day):
        return WEEKEND if day.weekday() >= 5 else WORKDAY
    _known(day, field)
    weekend = day.weekday() >= 5
    if chinese_calendar.is_workday(day):
        return ADJUSTED_WORKDAY if weekend else WORKDAY
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    return PUBLIC_HOLIDAY if name is not None else WEEKEND
