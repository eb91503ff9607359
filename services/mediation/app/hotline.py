"""12345 hotline work orders (12345工单): batch import, and the outcome written back in the hotline's format.

A file is CSV (UTF-8 with or without a BOM, else GBK/GB18030: the encoding is detected), XLSX (the first
sheet) or JSON; its header row is read through the district's header mapping (domain/hotline.py's
defaults, Chinese and English, plus the district's own: SetHotlineHeaders). The hotline's order number is
the key: an order already imported unchanged is skipped and counted; one sent again with other content,
or twice in one file, is a problem. Bad rows are reported (row, column, reason) and the good ones
imported. 办理时限 (working days on China's calendar, or a date) becomes the case's first deadline.
An import takes an idempotency key like every write (the kernel's, services.common.usecase): a retry
gets the first import's report rather than a report of duplicates. See docs/hotline.md.
"""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, time, timezone

import openpyxl

from services.common import china_calendar
from services.common.china_calendar import BEIJING  # the hotline's times without a zone are Beijing time
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import DomainError, InvalidArgument
from services.common.tables import audit
from services.common.values import aware, parse_date
from services.mediation import models as m
from services.mediation import serializers
from services.mediation.app import cases
from services.mediation.domain import hotline as rules
from services.mediation.domain.deliberation import VotingRules
from services.mediation.permissions import POLICY
from services.mediation.repository import Repository

COLUMNS = rules.FIELDS
REQUIRED = rules.REQUIRED
FIELD_TO_COLUMN = {"parties[0].name": "caller_name", "parties[0].phone": "caller_phone",
                   "hotline_order_no": "order_no"}
HOTLINE_STATUS = {"open": "accepted", "assigned": "in_progress", "in_mediation": "in_progress",
                  "resolved": "completed", "closed": "completed"}
FORMATS = ("csv", "xlsx", "json")


def _decode(content: bytes) -> str:
    """UTF-8 (a BOM is fine) if the bytes are strictly UTF-8, else GB18030 (a superset of GBK and GB2312,
    what Chinese Excel writes as "CSV"); neither: refused. No guessing library is needed for two
    candidates that are checked strictly."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InvalidArgument(f"the file is neither UTF-8 nor GBK/GB18030 text (byte {exc.start})", "content")


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():  # an order number or a day count Excel keeps as a number
        v = int(v)
    return str(v).strip()


def _table(content: bytes, fmt: str) -> tuple[list[str] | None, list[tuple[int, dict]]]:
    """The header (None for JSON, whose keys are the headers) and (row number, {header: text}) pairs;
    in a CSV or XLSX file the header is row 1, so row numbers match a spreadsheet's."""
    content = content or b""
    if fmt == "csv":
        text = _decode(content)
        try:
            lines = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:  # a field past the csv module's limit, a NUL byte
            raise InvalidArgument(f"not a CSV file ({exc})", "content")
        header = [h.strip() for h in (lines[0] if lines else [])]
        return header, [(i, dict(zip(header, (c.strip() for c in line))))
                        for i, line in enumerate(lines[1:], start=2) if any(c.strip() for c in line)]
    if fmt == "xlsx":
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet_rows = list(book.worksheets[0].iter_rows(values_only=True))
        except Exception as exc:  # openpyxl raises several types for a damaged file
            raise InvalidArgument(f"not a readable XLSX file ({exc.__class__.__name__})", "content")
        header = [_cell(h) for h in (sheet_rows[0] if sheet_rows else ())]
        return header, [(i, dict(zip(header, map(_cell, values))))
                        for i, values in enumerate(sheet_rows[1:], start=2) if any(_cell(v) for v in values)]
    if fmt == "json":
        try:
            data = json.loads(_decode(content))
        except json.JSONDecodeError as exc:
            raise InvalidArgument(f"not JSON ({exc.msg} at line {exc.lineno})", "content")
        if isinstance(data, dict):
            data = data.get("orders")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise InvalidArgument("a JSON list of work orders (or {\"orders\": [...]}) is expected", "content")
        return None, [(i, {str(k).strip(): ("" if v is None else str(v)).strip() for k, v in row.items()})
                      for i, row in enumerate(data, start=1)]
    raise InvalidArgument(f"must be one of {', '.join(FORMATS)}", "format")


def _rows(content: bytes, fmt: str) -> list[dict]:
    """The rows of a file as {header: text}."""
    return [row for _, row in _table(content, fmt)[1]]


def _received(value: str) -> str:
    moment = datetime.fromisoformat(value.replace("/", "-"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BEIJING)
    return moment.isoformat()


def _is_workday(day: date) -> bool:
    """China's working days (the State Council's holidays and 调休 workdays): the kernel's calendar."""
    try:
        return china_calendar.is_workday(day, "deadline")
    except InvalidArgument as exc:  # a year the installed release does not know yet
        raise InvalidArgument(f"{exc.message}; give the deadline as a date", "deadline") from None


def _deadline(value: str, received: str) -> datetime:
    """办理时限: a number of working days after the day of the call (ending 23:59:59 Beijing time of the
    last one), or a date (the end of that day) or a date and time (Beijing time without a zone)."""
    called = datetime.fromisoformat(received)
    days = rules.working_days(value)
    if days is not None:
        end = rules.working_day_deadline(called.astimezone(BEIJING).date(), days, _is_workday)
        moment = datetime.combine(end, time(23, 59, 59), BEIJING)
    else:
        try:
            moment = datetime.fromisoformat(_received(value))
        except ValueError:
            raise InvalidArgument("must be a number of working days or a date (and time)", "deadline")
        if len(value.strip()) <= 10:  # a date alone: the end of that day
            moment = datetime.combine(moment.date(), time(23, 59, 59), BEIJING)
    if moment <= called:
        raise InvalidArgument("must be after the call", "deadline")
    return moment.astimezone(timezone.utc)


def _categories(r: Repository) -> dict[str, str]:
    """诉求类型 → category code: a code as itself, a name whole or up to its first space (a real export
    carries names: 邻里噪音 for "邻里噪音 noise between neighbours"). An unknown one stays as given and
    is refused by OpenCase's check, naming the column."""
    out: dict[str, str] = {}
    for c in r.all(m.Category, order_by=m.Category.code):
        out.setdefault(c.name.split(" ", 1)[0], c.code)
        out.setdefault(c.name, c.code)
    for c in r.all(m.Category):
        out[c.code] = c.code
    return out


def _digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def _changed(r: Repository, uow: UnitOfWork, order: dict, present: set[str]) -> list[str]:
    """The fields in which an order already imported differs from this row (none: an unchanged re-send);
    a field the file has no column (or JSON key) for is not compared. Searched across the whole district,
    as order numbers are unique in it; only field names are told, never the stored values (the case may
    lie outside the caller's scope, or be confidential)."""
    stored = r.whole_district().first(m.Case, m.Case.hotline_order_no == order["order_no"])
    caller = uow.session.query(m.CaseParty).filter_by(case_id=stored.id, role="complainant").first()
    try:
        received = datetime.fromisoformat(_received(order["received_at"]))
    except ValueError:
        received = None
    now = {"received_at": received, "category": order["category"], "community": order["community"],
           "grid": order.get("grid") or None, "summary": order["summary"], "caller_name": order["caller_name"],
           "caller_phone": _digits(order.get("caller_phone"))}
    was = {"received_at": aware(stored.opened_at), "category": stored.category, "community": stored.community,
           "grid": stored.grid, "summary": stored.summary, "caller_name": caller.name if caller else None,
           "caller_phone": _digits(caller.phone if caller else None)}
    return [f for f in now if f in present and now[f] != was[f]]


def district_headers(r: Repository, district: str) -> dict[str, str]:
    row = r.find(m.DistrictSettings, district)
    return rules.header_mapping(row.hotline_headers if row else None)


def set_headers(uow: UnitOfWork, *, headers: list[dict]) -> dict:
    """A district's own 12345 headers ({header, field}), added to or overriding the defaults; they replace
    the district's earlier ones (an empty list: the defaults only)."""
    POLICY.check(uow.ctx, "configure")
    r = Repository(uow)
    district = r.district_setting()
    own = rules.check_custom_headers(headers or [])
    row = r.find(m.DistrictSettings, district)
    before = row.hotline_headers if row else None
    if row is None:  # the voting rules stay the defaults they were
        defaults = VotingRules()
        r.add(m.DistrictSettings(district=district, quorum=defaults.quorum, majority=defaults.majority,
                                 hotline_headers=own))
    else:
        row.hotline_headers = own
    audit(uow, district, "set hotline headers", district, {"headers": before}, {"headers": own})
    pairs = lambda d: [{"header": h, "field": f} for h, f in sorted(d.items())]  # noqa: E731
    return {"district": district, "headers": pairs(own), "effective": pairs(rules.header_mapping(own))}


def import_orders(uow: UnitOfWork, *, format: str, content: bytes) -> dict:
    """A file of 12345 work orders imported as hotline cases: a report of the rows, the orders imported (their
    case ids), the duplicates and the problems. Its idempotency key is the kernel's (usecase.run_idempotent): a
    retry with it gets this report again."""
    POLICY.check(uow.ctx, "import hotline orders")
    r = Repository(uow)
    district = r.district_for_write()
    header, raw = _table(content, format)
    if len(raw) > 50_000:
        raise InvalidArgument("more than 50000 work orders; split the file", "content")
    mapping = district_headers(r, district)
    if header is not None:
        columns = rules.map_header(header, mapping)
    else:  # JSON: each object's keys, the same mapping
        keys = list(dict.fromkeys(k for _, row in raw for k in row))
        columns = {k: mapping[k] for k in keys if k in mapping and mapping[k] != rules.IGNORE}
        if unknown := [k for k in keys if k not in mapping]:
            raise InvalidArgument(f"unknown key {unknown[0]!r}; the district maps its own with SetHotlineHeaders",
                                  "content")
    column_of = {f: h for h, f in columns.items()} | {f: f for f in rules.FIELDS if f not in columns.values()}
    imported, duplicates, problems, case_ids, first_row = 0, 0, [], [], {}
    categories = _categories(r)

    def problem(number, field, reason):
        problems.append({"row": number, "column": column_of.get(field, field), "reason": reason})

    for number, cells in raw:
        row = {f: cells.get(h, "") for h, f in columns.items()}
        missing = [c for c in REQUIRED if not row.get(c)]
        if missing:
            for c in missing:
                problem(number, c, "is required")
            continue
        if row["order_no"] in first_row:
            problem(number, "order_no", f"repeats row {first_row[row['order_no']]} of this file")
            continue
        first_row[row["order_no"]] = number
        row["category"] = categories.get(row["category"], row["category"])
        if r.hotline_order_taken(row["order_no"]):
            if changed := _changed(r, uow, row, {f for h, f in columns.items() if h in cells}):
                for f in changed:
                    problem(number, f, f"differs from work order {row['order_no']} already imported "
                                       f"(its case keeps what was first sent)")
            else:
                duplicates += 1
            continue
        community_code = len(row["community"]) == 12 and row["community"].isdigit()
        if community_code and row.get("subdistrict", "").isdigit() and \
                row["subdistrict"] != subdistrict_of(row["community"]):
            problem(number, "subdistrict", f"community {row['community']} does not lie in it")
            continue
        savepoint = uow.session.begin_nested()
        events_before = len(uow.events)
        try:
            received = _received(row["received_at"])
            deadline = _deadline(row["deadline"], received) if row.get("deadline") else None
            out = cases.open_case(uow, channel="hotline_12345", category=row["category"], community=row["community"],
                                  grid=row.get("grid") or None, summary=row["summary"],
                                  parties=[{"name": row["caller_name"], "phone": row.get("caller_phone") or None,
                                            "role": "complainant"}],
                                  hotline_order_no=row["order_no"], received_at=received)
            if deadline is not None:  # the hotline's own deadline replaces the category's at the first tier
                uow.session.get(m.Case, out["id"]).deadline_at = deadline
            savepoint.commit()
            imported += 1
            case_ids.append(out["id"])
        except ValueError:
            savepoint.rollback()
            del uow.events[events_before:]
            problem(number, "received_at", "must be a date and time")
        except DomainError as exc:
            savepoint.rollback()
            del uow.events[events_before:]
            problem(number, FIELD_TO_COLUMN.get(exc.field, exc.field or ""), exc.message)
    return serializers.hotline_import(len(raw), imported, duplicates, problems, case_ids)


def export_outcomes(uow: UnitOfWork, *, format: str, since: str | None = None) -> dict:
    """The write-back file for the hotline: order number, status, reply, when handled, satisfaction."""
    POLICY.check(uow.ctx, "export hotline outcomes")
    if format not in ("csv", "json"):
        raise InvalidArgument("must be csv or json", "format")
    r = Repository(uow)
    where = [m.Case.channel == "hotline_12345"]
    if since:
        where.append(m.Case.opened_at >= datetime.combine(parse_date(since, "since"), time.min, timezone.utc))
    rows = []
    for c in r.all(m.Case, *where, order_by=m.Case.hotline_order_no):
        if not r.may_read(c):  # the export shows what the caller may read, as every read does
            continue
        reply = {"agreement": "调解达成协议 agreement reached", "resolved_without_agreement": "已化解 resolved",
                 "withdrawn": "申请人撤回 withdrawn"}.get(c.outcome or "", "处理中 in progress")
        if c.agreement:
            reply = f"{reply}: {c.agreement}"
        rows.append({"order_no": c.hotline_order_no, "status": HOTLINE_STATUS[c.status], "reply": reply,
                     "handled_at": aware(c.resolved_at).astimezone(BEIJING).isoformat() if c.resolved_at else "",
                     "handling_level": c.tier, "satisfaction": str(c.rating or "")})
    columns = ("order_no", "status", "reply", "handled_at", "handling_level", "satisfaction")
    if format == "json":
        content = json.dumps({"orders": rows}, ensure_ascii=False, indent=1).encode("utf-8")
    else:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        content = buf.getvalue().encode("utf-8")
    return serializers.hotline_export(format, len(rows), content)
