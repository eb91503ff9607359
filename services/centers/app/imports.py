"""Importing centres and their spaces from a CSV or XLSX file (邻里中心与场地导入), one row per space.

As the registry's import (services/registry/app/records.py): every row runs through the same use
cases as the API (CreateCentre for a centre not found by its community and name, AddSpace for a
space), each in its own savepoint, so that every bad row is reported (row, column, reason) in one
pass. A row naming a space already stored in that centre is unchanged when it matches it and
refused column by column when it differs: an import adds, it does not change (SetOpeningHours
does). If any row is refused, or on a dry run, the whole transaction rolls back: nothing is written.
The columns and their values: services/centers/domain/imports.py.
"""
from __future__ import annotations

from services.common.db import UnitOfWork
from services.common.errors import DomainError, InvalidArgument
from services.common.tabular import FORMATS, read_table
from services.common.tables import audit
from services.common.values import text
from services.centers import models as m
from services.centers import serializers as out
from services.centers.app import centres
from services.centers.domain import imports as rules
from services.centers.domain import spaces as space_rules
from services.centers.permissions import POLICY
from services.centers.repository import Repository

#: the use cases' field names → the file's columns, so that a problem points at the right column
CENTRE_FIELDS = {"community": "community", "name": "centre_name", "address": "centre_address",
                 "monthly_quota_hours": "monthly_quota_hours"}
SPACE_FIELDS = {"centre_id": "centre_name", "name": "space_name", "kind": "kind", "capacity": "capacity",
                "hours": "hours", "needs_approval": "needs_approval", "residents_may_book": "residents_may_book",
                "open_on_public_holidays": "open_on_public_holidays"}
_FLAGS = ("needs_approval", "residents_may_book", "open_on_public_holidays")


def _column(fields: dict[str, str], field: str | None) -> str:
    """The column of a use case's field (``hours[2].opens`` is the hours column)."""
    base = (field or "").split("[")[0].split(".")[0]
    return fields.get(base, base)


def _in_savepoint(uow: UnitOfWork, fields: dict[str, str], work):
    """``work()`` in a savepoint: its answer, or (column, reason) of its refusal with nothing of it kept."""
    events_before = len(uow.events)
    savepoint = uow.session.begin_nested()
    try:
        answer = work()
        uow.session.flush()
        savepoint.commit()
        return answer, None
    except DomainError as exc:
        savepoint.rollback()
        del uow.events[events_before:]
        return None, (_column(fields, exc.field), exc.message)


def _space_params(v: dict) -> dict:
    """A row's space as AddSpace's parameters; a value that is not even of the column's type is refused
    naming the column (the rules proper are AddSpace's)."""
    return {"name": v.get("space_name") or "", "kind": rules.space_kind(v.get("kind")),
            "capacity": rules.whole_number(v.get("capacity"), "capacity"),
            "hours": rules.opening_hours(v.get("hours")),
            **{flag: rules.yes_no(v.get(flag), flag) for flag in _FLAGS}}


def _differences(stored: m.Space, params: dict) -> list[tuple[str, str]]:
    """How a row differs from the space stored under its name, as (column, what differs)."""
    given = {"kind": space_rules.check_kind(params["kind"]), "capacity": space_rules.check_capacity(params["capacity"]),
             "hours": rules.hours_text(space_rules.hours_as_stored(space_rules.check_hours(params["hours"]))),
             **{flag: params[flag] for flag in _FLAGS}}
    kept = {"kind": stored.kind, "capacity": stored.capacity, "hours": rules.hours_text(stored.hours),
            **{flag: bool(getattr(stored, flag)) for flag in _FLAGS}}
    return [(column, f"differs from the stored space {stored.name!r}: stored {kept[column]!r}, this file "
                     f"{given[column]!r} (an import adds spaces; SetOpeningHours and the API change them)")
            for column in given if given[column] != kept[column]]


def _centre_differences(centre: m.Centre, v: dict) -> list[tuple[str, str]]:
    """A blank address or quota is not compared (the centre's are kept); a given one must match."""
    found = []
    address = (v.get("centre_address") or "").strip()
    if address and address != (centre.address or ""):
        found.append(("centre_address", f"differs from the centre {centre.name!r} as stored or given on an "
                                        f"earlier row: {centre.address or ''!r}, this row {address!r}"))
    quota = rules.whole_number(v.get("monthly_quota_hours"), "monthly_quota_hours", blank=0)
    if quota and space_rules.check_quota(quota) != centre.monthly_quota_hours:
        found.append(("monthly_quota_hours", f"differs from the centre {centre.name!r} as stored or given on an "
                                             f"earlier row: {centre.monthly_quota_hours}, this row {quota}"))
    return found


def import_centres(uow: UnitOfWork, *, content: bytes, format: str, dry_run: bool = False) -> dict:
    """Centres and their spaces from a CSV or XLSX file (one row per space), by the staff of each row's
    community: a report line per row, and each problem by row and column; nothing written if any row
    is refused, or on a dry run."""
    POLICY.check(uow.ctx, "manage centres")
    if format not in FORMATS:
        raise InvalidArgument(f"must be one of {', '.join(FORMATS)}", "format")
    r = Repository(uow)
    district = r.district_for_write()  # an import is made for one district
    header, rows = read_table(content, format, rules.MAX_BYTES)
    named, header_problems = rules.header_columns(header)
    if header_problems:  # a bad header makes every row meaningless: report it alone
        return out.import_report(0, 0, 0, 0, dry_run, [], [{"row": 1, "column": c, "reason": why}
                                                            for c, why in header_problems])
    problems: list[dict] = []
    lines: list[dict] = []
    seen: dict[tuple, int] = {}  # the row that named each space: a second row naming it is refused
    count = unchanged = centres_created = 0
    for number, raw in rows:
        count += 1
        if count > rules.MAX_ROWS:
            problems.append({"row": number, "column": "", "reason": f"more than {rules.MAX_ROWS} rows; split the file"})
            break
        v = {column: raw.get(header_name, "") for column, header_name in named.items()}
        refused = [(c, "is required") for c in rules.REQUIRED if not v.get(c)]
        line = {"row": number, "status": "refused"}
        if not refused:
            line, refused, made = _row(uow, r, v, number, seen)
            centres_created += made
            unchanged += line["status"] == "unchanged"
        problems += [{"row": number, "column": named.get(c, c), "reason": why} for c, why in refused]
        lines.append(line)
    written = 0
    if problems or dry_run:
        uow.rollback()
        new_centres = {line["centre_id"] for line in lines if line.get("centre_new")}
        for line in lines:  # nothing was written: no id of a record that is not there
            if line.get("centre_id") in new_centres:
                del line["centre_id"]
            if line["status"] == "new":
                del line["space_id"]
        centres_created = 0
    else:
        written = count - unchanged
        if written:
            audit(uow, district, "import centres", f"{written} spaces",
                  after={"rows": count, "spaces": written, "centres": centres_created})
    for line in lines:
        line.pop("centre_new", None)
    return out.import_report(count, written, unchanged, centres_created, dry_run, lines, problems)


def _row(uow: UnitOfWork, r: Repository, v: dict, number: int, seen: dict) -> tuple[dict, list, int]:
    """One row: (its report line, its problems as (column, reason), centres it created)."""
    line = {"row": number, "status": "refused"}
    try:
        code = r.code(v["community"], "community", "community", write=True)  # refused on its row, naming it
        # the names are checked before they are looked up: the driver fails on a NUL byte, say
        centre_name = text(v["centre_name"], "centre_name", 100, required=True)
        params = {**_space_params(v), "name": text(v["space_name"], "space_name", 100, required=True)}
    except DomainError as exc:
        return line, [(_column(SPACE_FIELDS, exc.field), exc.message)], 0
    key = (code, centre_name, params["name"].strip())
    if key in seen:
        return line, [("space_name", f"repeats row {seen[key]} of this file")], 0
    seen[key] = number
    made = 0
    centre = r.first(m.Centre, m.Centre.community == code, m.Centre.name == centre_name)
    if centre is None:
        try:
            quota = rules.whole_number(v.get("monthly_quota_hours"), "monthly_quota_hours", blank=0)
        except DomainError as exc:
            return line, [(exc.field, exc.message)], 0
        shaped, problem = _in_savepoint(uow, CENTRE_FIELDS, lambda: centres.create_centre(
            uow, community=code, name=centre_name, address=v.get("centre_address") or None,
            monthly_quota_hours=quota))
        if problem:
            return line, [problem], 0
        centre, made = uow.session.get(m.Centre, shaped["id"]), 1
    else:
        try:
            differs = _centre_differences(centre, v)
        except DomainError as exc:
            differs = [(_column(CENTRE_FIELDS, exc.field), exc.message)]
        if differs:
            return line, differs, 0
    line.update(centre_id=centre.id, centre_new=bool(made))
    stored = r.first(m.Space, m.Space.centre_id == centre.id, m.Space.name == params["name"].strip())
    if stored is not None:
        try:
            differs = _differences(stored, params)
        except DomainError as exc:
            differs = [(_column(SPACE_FIELDS, exc.field), exc.message)]
        if differs:
            return line, differs, made
        return {**line, "status": "unchanged", "space_id": stored.id}, [], made
    shaped, problem = _in_savepoint(uow, SPACE_FIELDS, lambda: centres.add_space(uow, centre_id=centre.id, **params))
    if problem:
        return line, [problem], made
    return {**line, "status": "new", "space_id": shaped["id"]}, [], made
