"""Import and export of divisions, organisations, people and memberships (CSV or XLSX).

An import runs every row through the same use cases as the API, each in its own savepoint,
so every bad row is reported (row, column, reason) in one pass. If any row is bad, or on a
dry run, the whole transaction rolls back: nothing is written. The format is documented in
docs/import-format.md with sample files in docs/samples/.
"""
from __future__ import annotations

import csv
import io
from typing import Callable, Iterator

import openpyxl

from services.common.db import UnitOfWork
from services.common.errors import DomainError, InvalidArgument
from services.common.logs import mask_phone
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app import organisations, people, territory
from services.registry.permissions import POLICY
from services.registry.repository import Repository

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
FORMATS = ("csv", "xlsx")

#: columns of each kind, in file order; required ones first
COLUMNS = {
    "divisions": ("code", "level", "name", "parent_code"),
    "organisations": ("ref", "kind", "name", "division_code", "parent_ref", "partner_kind", "founded_on"),
    "people": ("ref", "name", "phone", "home_community", "is_member", "member_category", "home_study"),
    "memberships": ("person_ref", "organisation_ref", "started_on"),
}
REQUIRED = {
    "divisions": ("code", "level", "name"),
    "organisations": ("ref", "kind", "name", "division_code"),
    "people": ("ref", "name"),
    "memberships": ("person_ref", "organisation_ref"),
}
#: use-case field names → file column names, so problems point at the right column
FIELD_TO_COLUMN = {
    "organisations": {"parent_id": "parent_ref", "external_ref": "ref"},
    "people": {"external_ref": "ref"},
    "memberships": {"person_id": "person_ref", "organisation_id": "organisation_ref", "transfer": "organisation_ref"},
}
_TRUE = {"1", "true", "yes", "y", "是"}
_FALSE = {"", "0", "false", "no", "n", "否"}


def _check_kind_format(kind: str, fmt: str) -> None:
    if kind not in COLUMNS:
        raise InvalidArgument(f"must be one of {', '.join(COLUMNS)}", "kind")
    if fmt not in FORMATS:
        raise InvalidArgument(f"must be one of {', '.join(FORMATS)}", "format")


def read_rows(content: bytes, fmt: str) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """Header and (row number, values) pairs; row numbers count the header as row 1."""
    if len(content) > MAX_BYTES:
        raise InvalidArgument(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB", "content")
    if fmt == "csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidArgument(f"the CSV file is not UTF-8 ({exc.reason} at byte {exc.start})", "content")
        reader = csv.reader(io.StringIO(text))
        header = [h.strip() for h in next(reader, [])]
        rows = ((i, dict(zip(header, [v.strip() for v in values])))
                for i, values in enumerate(reader, start=2) if any(v.strip() for v in values))
        return header, rows
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise InvalidArgument(f"not a readable XLSX file ({exc.__class__.__name__})", "content")
    sheet = book.worksheets[0]
    it = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it, ())]

    def cell(v):
        if v is None:
            return ""
        if hasattr(v, "date") and hasattr(v, "isoformat"):
            return v.date().isoformat() if hasattr(v, "hour") else v.isoformat()
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip()

    rows = ((i, dict(zip(header, [cell(v) for v in values])))
            for i, values in enumerate(it, start=2) if any(v not in (None, "") for v in values))
    return header, rows


def _bool(value: str, column: str) -> bool:
    v = (value or "").strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise InvalidArgument(f"must be yes or no, got {value!r}", column)


def _org_by_ref(uow: UnitOfWork, ref: str, column: str) -> str:
    """The organisation a file names by its ref, or by its id (one the caller sees)."""
    if not ref:
        raise InvalidArgument("is required", column)
    r = Repository(uow)
    org = (r.first(m.Organisation, m.Organisation.external_ref == ref)
           or r.first(m.Organisation, m.Organisation.id == ref))
    if org is None:
        raise InvalidArgument(f"no organisation with ref or id {ref!r} (earlier in this file or already stored)",
                              column)
    return org.id


def _person_by_ref(uow: UnitOfWork, ref: str, column: str) -> str:
    person = Repository(uow).first(m.Person, m.Person.external_ref == ref)
    if person is None:
        raise InvalidArgument(f"no person with ref {ref!r} (earlier in this file or already stored)", column)
    return person.id


def _apply(uow: UnitOfWork, kind: str, v: dict) -> None:
    if kind == "divisions":
        territory.create_division(uow, code=v["code"], level=v["level"], name=v["name"],
                                  parent_code=v.get("parent_code") or None)
    elif kind == "organisations":
        parent = _org_by_ref(uow, v["parent_ref"], "parent_ref") if v.get("parent_ref") else None
        organisations.found_organisation(uow, kind=v["kind"], name=v["name"], division_code=v["division_code"],
                                         parent_id=parent, partner_kind=v.get("partner_kind") or None,
                                         founded_on=v.get("founded_on") or None, external_ref=v["ref"])
    elif kind == "people":
        people.register_person(uow, name=v["name"], phone=v.get("phone") or None,
                               home_community=v.get("home_community") or None,
                               is_member=_bool(v.get("is_member", ""), "is_member"),
                               member_category=v.get("member_category") or None,
                               home_study=_bool(v.get("home_study", ""), "home_study"), external_ref=v["ref"])
    else:
        people.join_organisation(uow, person_id=_person_by_ref(uow, v["person_ref"], "person_ref"),
                                 organisation_id=_org_by_ref(uow, v["organisation_ref"], "organisation_ref"),
                                 started_on=v.get("started_on") or None)


def import_records(uow: UnitOfWork, *, kind: str, format: str, content: bytes, dry_run: bool = False,
                   progress: Callable[[int], None] | None = None) -> dict:
    POLICY.check(uow.ctx, "import records")
    _check_kind_format(kind, format)
    Repository(uow).district_for_write()  # an import is made for one district
    header, rows = read_rows(content or b"", format)
    problems: list[dict] = []
    missing = [c for c in REQUIRED[kind] if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS[kind]]
    if missing:
        problems.append(out.problem(1, ",".join(missing), "required column(s) missing from the header"))
    if unknown:
        problems.append(out.problem(1, ",".join(unknown),
                                    f"unknown column(s); the {kind} format has {', '.join(COLUMNS[kind])}"))
    if problems:  # a bad header makes every row meaningless: report it alone
        return out.import_report(kind, 0, 0, dry_run, problems)
    count = 0
    rename = FIELD_TO_COLUMN.get(kind, {})
    for number, values in rows:
        count += 1
        if count > MAX_ROWS:
            problems.append(out.problem(number, "", f"more than {MAX_ROWS} rows; split the file"))
            break
        absent = [c for c in REQUIRED[kind] if not values.get(c)]
        if absent:
            problems += [out.problem(number, c, "is required") for c in absent]
        else:
            events_before = len(uow.events)
            savepoint = uow.session.begin_nested()
            try:
                _apply(uow, kind, values)
                uow.session.flush()
                savepoint.commit()
            except DomainError as exc:
                savepoint.rollback()
                del uow.events[events_before:]
                column = rename.get(exc.field, exc.field) or ""
                problems.append(out.problem(number, column, exc.message))
        if progress:
            progress(1)
    written = 0
    if problems or dry_run:
        uow.rollback()
    else:
        written = count
    return out.import_report(kind, count, written, dry_run, problems)


def _parents_first(orgs: list[m.Organisation]) -> list[m.Organisation]:
    """Order organisations so that each parent comes before its children (re-import needs it)."""
    by_id = {o.id: o for o in orgs}
    ordered, seen = [], set()

    def visit(org):
        if org.id in seen:
            return
        seen.add(org.id)
        if org.parent_id in by_id:
            visit(by_id[org.parent_id])
        ordered.append(org)

    for org in orgs:
        visit(org)
    return ordered


def export_rows(uow: UnitOfWork, kind: str) -> Iterator[list[str]]:
    """Rows (header first) in the import format: the records the caller sees.

    Sub-district staff export their own scope (with the divisions and committees above it, so that
    parents come before children): the same people whose contacts the API shows them in full.
    """
    r = Repository(uow)
    yield list(COLUMNS[kind])
    if kind == "divisions":
        for d in r.all(m.Division, order_by=m.Division.code):
            yield [d.code, d.level, d.name, d.parent_code or ""]
    elif kind == "organisations":
        orgs = r.all(m.Organisation, m.Organisation.status == "active",
                     order_by=(m.Organisation.created_at, m.Organisation.id))
        refs = {o.id: o.external_ref or o.id for o in orgs}
        for o in _parents_first(orgs):
            yield [refs[o.id], o.kind, o.name, o.division_code, refs.get(o.parent_id, o.parent_id or ""),
                   o.partner_kind or "", o.founded_on.isoformat()]
    elif kind == "people":
        for p in r.all(m.Person, order_by=(m.Person.created_at, m.Person.id)):
            phone = p.phone if people.shows_contact(r, p) else mask_phone(p.phone)  # masked as every read is
            yield [p.external_ref or p.id, p.name, phone or "", p.home_community or "",
                   "yes" if p.is_member else "no", p.member_category or "", "yes" if p.home_study else "no"]
    else:
        people_seen = r.select(m.Person, m.Person.id)
        stmt = (r.select(m.Membership, m.Membership.organisation_id, m.Membership.started_on, m.Person.external_ref,
                         m.Person.id, m.Organisation.external_ref)
                .join(m.Person, m.Person.id == m.Membership.person_id)
                .join(m.Organisation, m.Organisation.id == m.Membership.organisation_id)
                .where(m.Membership.ended_on.is_(None), m.Membership.person_id.in_(people_seen))
                .order_by(m.Membership.started_on, m.Membership.id))
        for org_id, started_on, person_ref, person_id, org_ref in r.session.execute(stmt):
            yield [person_ref or person_id, org_ref or org_id, started_on.isoformat()]


def export_records(uow: UnitOfWork, *, kind: str, format: str) -> bytes:
    POLICY.check(uow.ctx, "export records")
    _check_kind_format(kind, format)
    rows = export_rows(uow, kind)
    if format == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        return buf.getvalue().encode("utf-8")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(kind)
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
