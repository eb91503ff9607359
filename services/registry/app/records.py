"""Import and export of divisions, organisations, people and memberships (CSV or XLSX).

An import runs every row through the same use cases as the API, each in its own savepoint,
so every bad row is reported (row, column, reason) in one pass. A row naming a record already
stored (by its code or ref) is skipped when it matches it, and reported column by column when it
differs: an import adds records, it does not change them. If any row is bad, or on a dry run, the
whole transaction rolls back: nothing is written. The format is documented in
docs/import-format.md with sample files in docs/samples/.
"""
from __future__ import annotations

import csv
import io
from typing import Callable, Iterator

import openpyxl

from services.common.db import UnitOfWork
from services.common.errors import DomainError, InvalidArgument
from services.common.tabular import FORMATS, read_table
from services.common.values import parse_date, text
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app import organisations, people, territory
from services.registry.domain import people as person_rules
from services.registry.permissions import POLICY
from services.registry.repository import Repository

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000

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
    """Header and (row number, values) pairs; row numbers count the header as row 1 (the kernel's
    reader, services.common.tabular, shared with every import)."""
    return read_table(content, fmt, MAX_BYTES)


def _bool(value: str, column: str) -> bool:
    v = (value or "").strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise InvalidArgument(f"must be yes or no, got {value!r}", column)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _find(r: Repository, model, ref: str):
    """The organisation or person a file names by its ref, or by its id (an export writes the id of one
    stored without a ref); one the caller sees, or None."""
    return r.first(model, model.external_ref == ref) or r.first(model, model.id == ref)


def _ref_of(record) -> str:
    """How a file names an organisation or person: its ref, else its id."""
    return record.external_ref or record.id


def _org_by_ref(uow: UnitOfWork, ref: str, column: str) -> str:
    """The organisation a file names by its ref, or by its id (one the caller sees)."""
    if not ref:
        raise InvalidArgument("is required", column)
    org = _find(Repository(uow), m.Organisation, ref)
    if org is None:
        raise InvalidArgument(f"no organisation with ref or id {ref!r} (earlier in this file or already stored)",
                              column)
    return org.id


def _person_by_ref(uow: UnitOfWork, ref: str, column: str) -> str:
    person = _find(Repository(uow), m.Person, ref)
    if person is None:
        raise InvalidArgument(f"no person with ref {ref!r} (earlier in this file or already stored)", column)
    return person.id


#: the columns that name a row's record: a division's code, an organisation's or person's ref, a membership's pair
KEYS = {"divisions": ("code",), "organisations": ("ref",), "people": ("ref",),
        "memberships": ("person_ref", "organisation_ref")}


def _changes(uow: UnitOfWork, kind: str, v: dict) -> list[tuple[str, str]] | None:
    """How a row differs from the record stored under its key, as (column, what differs): [] when it
    matches, None when no such record is stored (the row is a new one).

    A blank column whose blank means a default (parent_code, founded_on, started_on) is not compared;
    a stored phone is quoted as the caller's reads show it."""
    for column in KEYS[kind] + (("parent_ref",) if v.get("parent_ref") else ()):
        text(v[column], column)  # before it is looked up: the driver fails on a NUL byte, say
    r = Repository(uow)
    shown: dict[str, str] = {}
    if kind == "divisions":
        d = r.first(m.Division, m.Division.code == v["code"])
        if d is None:
            return None
        what = f"division {d.code}"
        if d.status != "active":  # as a dissolved organisation: a retired code is not taken up again
            return [("code", f"names the stored {what}, which is {d.status}")]
        stored = {"level": d.level, "name": d.name, "parent_code": d.parent_code or ""}
        given = {"level": v["level"], "name": v["name"], "parent_code": v.get("parent_code") or None}
    elif kind == "organisations":
        o = _find(r, m.Organisation, v["ref"])
        if o is None:
            return None
        what = f"organisation {_ref_of(o)}"
        if o.status != "active":
            return [("ref", f"names the stored {what}, which is {o.status}")]
        parent = r.first(m.Organisation, m.Organisation.id == o.parent_id) if o.parent_id else None
        named = _find(r, m.Organisation, v["parent_ref"]) if v.get("parent_ref") else None
        stored = {"kind": o.kind, "name": o.name, "division_code": o.division_code,
                  "parent_ref": _ref_of(parent) if parent else "", "partner_kind": o.partner_kind or "",
                  "founded_on": o.founded_on.isoformat()}
        given = {"kind": v["kind"], "name": v["name"], "division_code": v["division_code"],
                 "parent_ref": _ref_of(named) if named else v.get("parent_ref", ""),
                 "partner_kind": v.get("partner_kind", ""),
                 "founded_on": parse_date(v["founded_on"], "founded_on").isoformat() if v.get("founded_on") else None}
    elif kind == "people":
        p = _find(r, m.Person, v["ref"])
        if p is None:
            return None
        what = f"person {_ref_of(p)}"
        stored = {"name": p.name, "phone": p.phone or "", "home_community": p.home_community or "",
                  "is_member": _yes_no(p.is_member), "member_category": p.member_category or "",
                  "home_study": _yes_no(p.home_study)}
        shown = {"phone": out.phone(p, people.shows_contact(r, p)) or ""}
        given = {"name": v["name"], "phone": person_rules.check_phone(v.get("phone")) or "",
                 "home_community": v.get("home_community", ""),
                 "is_member": _yes_no(_bool(v.get("is_member", ""), "is_member")),
                 "member_category": v.get("member_category", ""),
                 "home_study": _yes_no(_bool(v.get("home_study", ""), "home_study"))}
    else:
        person, org = _find(r, m.Person, v["person_ref"]), _find(r, m.Organisation, v["organisation_ref"])
        ms = person and org and r.first(m.Membership, m.Membership.person_id == person.id,
                                        m.Membership.organisation_id == org.id, m.Membership.ended_on.is_(None))
        if not ms:
            return None
        what = f"membership of {v['person_ref']} in {v['organisation_ref']}"
        stored = {"started_on": ms.started_on.isoformat()}
        given = {"started_on": parse_date(v["started_on"], "started_on").isoformat() if v.get("started_on") else None}
    return [(column, f"differs from the stored {what}: stored {shown.get(column, value)!r}, this file {given[column]!r}")
            for column, value in stored.items() if given[column] is not None and given[column] != value]


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
    count = unchanged = 0
    seen: dict[tuple, int] = {}  # the row that named each record: a second row naming it is refused
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
            key = tuple(values[c] for c in KEYS[kind])
            try:
                changes = ([(KEYS[kind][0], f"repeats row {seen[key]} of this file")] if key in seen
                           else _changes(uow, kind, values))
            except DomainError as exc:  # a bad value in a row naming a stored record
                changes = [(exc.field, exc.message)]
            seen.setdefault(key, number)
            if changes == []:  # stored just so: skipped
                unchanged += 1
            elif changes:
                problems += [out.problem(number, rename.get(c, c) or "", reason) for c, reason in changes]
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
        written = count - unchanged
    return out.import_report(kind, count, written, dry_run, problems, unchanged)


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
        for d in r.all(m.Division, m.Division.status == "active", order_by=m.Division.code):
            yield [d.code, d.level, d.name, d.parent_code or ""]
    elif kind == "organisations":
        orgs = r.all(m.Organisation, m.Organisation.status == "active",
                     order_by=(m.Organisation.created_at, m.Organisation.id))
        refs = {o.id: _ref_of(o) for o in orgs}
        for o in _parents_first(orgs):
            yield [refs[o.id], o.kind, o.name, o.division_code, refs.get(o.parent_id, o.parent_id or ""),
                   o.partner_kind or "", o.founded_on.isoformat()]
    elif kind == "people":
        for p in r.all(m.Person, order_by=(m.Person.created_at, m.Person.id)):
            phone = out.phone(p, people.shows_contact(r, p))  # as every read shows it
            yield [_ref_of(p), p.name, phone or "", p.home_community or "",
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
