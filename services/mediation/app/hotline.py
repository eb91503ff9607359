"""12345 hotline work orders (12345工单): batch import, and the outcome written back in the hotline's format.

The hotline's order number is the key: a re-import of the same file adds nothing. Bad rows are
reported (row, column, reason) and the good ones imported.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time, timedelta, timezone

from services.common.db import UnitOfWork
from services.common.errors import DomainError, InvalidArgument
from services.common.values import aware, csv_rows, parse_date
from services.mediation import models as m
from services.mediation import serializers
from services.mediation.app import cases
from services.mediation.permissions import POLICY
from services.mediation.repository import Repository

COLUMNS = ("order_no", "received_at", "category", "community", "summary", "caller_name", "caller_phone", "grid")
REQUIRED = ("order_no", "received_at", "category", "community", "summary", "caller_name")
BEIJING = timezone(timedelta(hours=8))  # the hotline's times without a zone are Beijing time
FIELD_TO_COLUMN = {"parties[0].name": "caller_name", "parties[0].phone": "caller_phone",
                   "hotline_order_no": "order_no"}
HOTLINE_STATUS = {"open": "accepted", "assigned": "in_progress", "in_mediation": "in_progress",
                  "resolved": "completed", "closed": "completed"}


def _rows(content: bytes, fmt: str) -> list[dict]:
    try:
        text = (content or b"").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidArgument("the file is not UTF-8", "content")
    if fmt == "csv":
        return csv_rows(content, COLUMNS)  # the required cells are checked row by row
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidArgument(f"not JSON ({exc.msg} at line {exc.lineno})", "content")
        if isinstance(data, dict):
            data = data.get("orders")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise InvalidArgument("a JSON list of work orders (or {\"orders\": [...]}) is expected", "content")
        return [{k: ("" if v is None else str(v)).strip() for k, v in row.items()} for row in data]
    raise InvalidArgument("must be csv or json", "format")


def _received(value: str) -> str:
    moment = datetime.fromisoformat(value.replace("/", "-"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BEIJING)
    return moment.isoformat()


def import_orders(uow: UnitOfWork, *, format: str, content: bytes) -> dict:
    POLICY.check(uow.ctx, "import hotline orders")
    r = Repository(uow)
    r.district_for_write()
    rows = _rows(content, format)
    if len(rows) > 50_000:
        raise InvalidArgument("more than 50000 work orders; split the file", "content")
    imported, duplicates, problems, case_ids = 0, 0, [], []
    for number, row in enumerate(rows, start=2 if format == "csv" else 1):
        missing = [c for c in REQUIRED if not row.get(c)]
        if missing:
            problems += [{"row": number, "column": c, "reason": "is required"} for c in missing]
            continue
        if r.hotline_order_taken(row["order_no"]):
            duplicates += 1
            continue
        savepoint = uow.session.begin_nested()
        events_before = len(uow.events)
        try:
            received = _received(row["received_at"])
            out = cases.open_case(uow, channel="hotline_12345", category=row["category"], community=row["community"],
                                  grid=row.get("grid") or None, summary=row["summary"],
                                  parties=[{"name": row["caller_name"], "phone": row.get("caller_phone") or None,
                                            "role": "complainant"}],
                                  hotline_order_no=row["order_no"], received_at=received)
            savepoint.commit()
            imported += 1
            case_ids.append(out["id"])
        except ValueError:
            savepoint.rollback()
            del uow.events[events_before:]
            problems.append({"row": number, "column": "received_at", "reason": "must be a date and time"})
        except DomainError as exc:
            savepoint.rollback()
            del uow.events[events_before:]
            problems.append({"row": number, "column": FIELD_TO_COLUMN.get(exc.field, exc.field or ""),
                             "reason": exc.message})
    return serializers.hotline_import(len(rows), imported, duplicates, problems, case_ids)


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
