"""Input values every service reads the same way: dates, free text, timestamps from the database."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

from services.common.errors import InvalidArgument

#: control characters but tab, line feed and carriage return: no text a person writes holds them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_date(value, field: str) -> date:
    """A ``YYYY-MM-DD`` date (or a date already); InvalidArgument naming ``field`` otherwise."""
    if isinstance(value, date):
        return value
    if not value:
        raise InvalidArgument("is required (YYYY-MM-DD)", field)
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InvalidArgument(f"must be a date YYYY-MM-DD, got {value!r}", field)


def parse_moment(value, field: str) -> datetime:
    """A date and time with its zone (ISO 8601, e.g. ``2026-06-01T09:30:00+08:00``), in UTC: stored
    so, since SQLite keeps no zone. One without a zone is refused: its instant would be a guess."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidArgument(f"must be a date and time like 2026-06-01T09:30:00+08:00, got {value!r}", field)
    if moment.tzinfo is None:
        raise InvalidArgument("must carry a time zone, e.g. 2026-06-01T09:30:00+08:00", field)
    return moment.astimezone(timezone.utc)


def date_or_today(value, field: str) -> date:
    """A ``YYYY-MM-DD`` date when given, else today (the platform clock)."""
    from services.common import clock

    return parse_date(value, field) if value else clock.today()


def whole_number(value, field: str, low: int | None = None, high: int | None = None, unit: str = "") -> int:
    """A whole number within [low, high] (True and 2.0 are not); InvalidArgument naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int) or (low is not None and value < low) \
            or (high is not None and value > high):
        unit = f" of {unit}" if unit else ""
        if low is not None and high is not None:
            bounds = f"{unit} from {low} to {high}"
        elif low == 0:
            bounds = f"{unit} of zero or more"
        else:
            bounds = f"{unit} of at least {low}" if low is not None else f"{unit} of at most {high}"
        raise InvalidArgument(f"must be a whole number{bounds}", field)
    return value


#: the reporting periods the platform counts in: a month (2026-05), a quarter (2026-Q2), a half year (2026-H1)
PERIODS = {"month": 1, "quarter": 3, "half": 6}
_PERIOD = re.compile(r"^(\d{4})-(?:(\d{2})|Q([1-4])|H([12]))$")


def period_of(day: date, every: str = "quarter") -> str:
    """The period ``day`` falls in: ``2026-05`` (month), ``2026-Q2`` (quarter), ``2026-H1`` (half)."""
    if every == "month":
        return f"{day:%Y-%m}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if every == "quarter" else f"{day.year}-H{(day.month - 1) // 6 + 1}"


def period_days(period, field: str = "period", every: str | None = None) -> tuple[date, date]:
    """The first and last day of a period named by ``period_of`` (of kind ``every`` when given);
    InvalidArgument naming ``field`` otherwise."""
    found = _PERIOD.match(period) if isinstance(period, str) else None
    kind = None if found is None else "month" if found[2] else "quarter" if found[3] else "half"
    year = int(found[1]) if found else 0
    if kind is None or (every and kind != every) or not 2000 <= year <= 2100 or (kind == "month" and not
                                                                                  1 <= int(found[2]) <= 12):
        shape = {"month": "a month like 2026-05", "quarter": "a quarter like 2026-Q2",
                 "half": "a half year like 2026-H1"}
        wanted = shape[every] if every else " or ".join(shape.values())
        raise InvalidArgument(f"must be {wanted}, got {period!r}", field)
    index = int(found[2] or found[3] or found[4]) - 1
    months = PERIODS[kind]
    first = date(year, index * months + 1 if kind != "month" else index + 1, 1)
    month = first.month - 1 + months
    after = date(first.year + month // 12, month % 12 + 1, 1)
    return first, date.fromordinal(after.toordinal() - 1)


def text(value, field: str, limit: int = 1000, required: bool = False) -> str | None:
    """Free text of at most ``limit`` characters, stripped; None when absent and not required."""
    if value is not None and (not isinstance(value, str) or len(value) > limit):
        raise InvalidArgument(f"must be text of at most {limit} characters", field)
    if value and _CONTROL.search(value):
        raise InvalidArgument("must not contain control characters (a NUL byte, say); tabs and new lines "
                              "may stand", field)
    value = value.strip() if value else None
    if not value:  # blank is absent: a reason of spaces is no reason
        if required:
            raise InvalidArgument("is required", field)
        return None
    return value


def distinct_labels(values: list | None, field: str, most: int, noun: str, required: bool = False,
                    length: int = 40) -> list[str]:
    """Short labels (skills, tags): at most ``most``, each 1 to ``length`` characters, repeats dropped, kept
    in the order given; at least one when ``required``. A bad one is named by its index (``skills[2]``)."""
    values = values or []
    if required and not values:
        raise InvalidArgument(f"name at least one {noun}", field)
    if len(values) > most:
        raise InvalidArgument(f"at most {most} {noun}s", field)
    out: list[str] = []
    for i, value in enumerate(values):
        value = value.strip() if isinstance(value, str) else ""
        if not value or len(value) > length:
            raise InvalidArgument(f"is 1 to {length} characters", f"{field}[{i}]")
        if value not in out:
            out.append(value)
    return out


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def csv_rows(content: bytes, columns: tuple[str, ...], required: tuple[str, ...] = (),
             field: str = "content") -> list[dict]:
    """The rows of an uploaded UTF-8 CSV file (a BOM is fine), as dicts of stripped text.

    Its header must name only ``columns`` (an unknown column is a typo or the wrong file, refused
    naming it) and every one of ``required``, whether or not any row follows."""
    import csv
    import io

    try:
        text_ = (content or b"").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidArgument("the file is not UTF-8 CSV", field)
    try:
        reader = csv.reader(io.StringIO(text_))
        header = [h.strip() for h in next(reader, [])]
        if not header:
            raise InvalidArgument(f"the file is empty: a header line of {', '.join(columns)} is expected", field)
        if unknown := [h for h in header if h not in columns]:
            shown = ", ".join(repr(h[:40]) for h in unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5
                                                                      else "")
            raise InvalidArgument(f"unknown column(s) {shown}; the columns are {', '.join(columns)}", field)
        if missing := [c for c in required if c not in header]:
            raise InvalidArgument(f"missing column(s) {', '.join(missing)}", field)
        return [{h: (cell or "").strip() for h, cell in zip(header, row)} for row in reader if any(row)]
    except csv.Error as exc:  # a field past the csv module's limit, a NUL byte
        raise InvalidArgument(f"not a CSV file ({exc})", field)


def header_columns(header: list[str], columns: dict[str, tuple[str, ...]],
                   required: tuple[str, ...]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """A spreadsheet's header read against an import's ``columns`` (each with the names it may go by: in
    English, in Chinese): ({column: the header as the file writes it}, [(header, problem)]), the problems
    an unknown header, a column named twice (in English and in Chinese, say) or a required one missing,
    each named."""
    aliases = {alias.casefold(): column for column, names in columns.items() for alias in names}
    found: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for name in header:
        if not name:
            continue
        column = aliases.get(name.casefold())
        shown = name if len(name) <= 40 else name[:40] + "…"  # a report never echoes a whole stray line
        if column is None:
            problems.append((shown, f"unknown column; the columns are {', '.join(columns)} (or their Chinese names)"))
        elif column in found:
            problems.append((shown, f"names the column {column} again (as {found[column]!r} before)"))
        else:
            found[column] = name
    missing = [c for c in required if c not in found]
    if missing:
        problems.append((",".join(missing), "required column(s) missing from the header"))
    return found, problems
