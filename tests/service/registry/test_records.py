"""CSV and XLSX import (validated whole: nothing written if any row is bad) and export round trips."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from services.common.db import Database
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.registry import models as m
from services.registry.app import organisations as orgs
from services.registry.app import people
from services.registry.app.records import COLUMNS, export_records, import_records
from tests.conftest import DISTRICT_A, ctx_for
from tests.service.registry.conftest import COMM_A, COMM_A2, admin, call, contents, count, events, read, snapshot

KINDS = ("divisions", "organisations", "people", "memberships")


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    return (("\ufeff" if bom else "") + "\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def do_import(db, kind, content, fmt="csv", dry_run=False, ctx=None):
    return call(db, ctx or admin(), import_records, kind=kind, format=fmt, content=content, dry_run=dry_run)


@pytest.fixture
def empty_db(registry_db, fixed_clock):
    return registry_db


@pytest.fixture
def fresh_db(tmp_path):
    db = Database("registry", f"sqlite:///{tmp_path / 'fresh.db'}", m.Base.metadata)
    m.Base.metadata.create_all(db.engine)
    yield db
    db.dispose()


# ---- good files

def test_import_a_good_csv_of_divisions(empty_db):
    content = csv_bytes("code,level,name,parent_code", "310101,district,示范区,", "310101002,subdistrict,东湖街道,310101",
                        "", "310101002001,community,幸福社区,", "310101002001-G01,grid,第1网格,", bom=True)
    report = do_import(empty_db, "divisions", content)
    assert report == {"kind": "divisions", "rows": 4, "written": 4, "dry_run": False, "problems": [], "unchanged": 0}
    assert count(empty_db, m.Division) == 4
    from services.registry.app import territory
    assert [d["code"] for d in read(empty_db, admin(), territory.list_ancestors, code="310101002001-G01")["items"]] \
        == ["310101", "310101002", "310101002001"]


def test_import_organisations_people_and_memberships_by_reference(world):
    db = world.db
    report = do_import(db, "organisations", csv_bytes(
        "ref,kind,name,division_code,parent_ref,partner_kind,founded_on",
        f"CC2,community_committee,和谐社区党委,{COMM_A2},{world.org('wc')},,2020-05-04",
        f"BR2-1,branch,和谐第一支部,{COMM_A2},CC2,,",
        f"PU-1,partner_unit,区医院,{COMM_A2},,public_institution,"))
    assert report["written"] == 3 and report["problems"] == []
    cc2 = read(db, admin(), orgs.list_organisations, division_code=COMM_A2, kind="community_committee")["items"][0]
    assert cc2["founded_on"] == "2020-05-04" and cc2["external_ref"] == "CC2" and cc2["parent_id"] == world.org("wc")
    branch = read(db, admin(), orgs.list_organisations, division_code=COMM_A2, kind="branch")["items"][0]
    assert branch["parent_id"] == cc2["id"]
    assert len(events(db, "organisation.created")) == 3

    report = do_import(db, "people", csv_bytes(
        "ref,name,phone,home_community,is_member,member_category,home_study",
        f"P-1,赵一,13900000001,{COMM_A2},是,community,否",
        f"P-2,钱二,,{COMM_A2},yes,organ,yes",
        f"P-3,孙三,,{COMM_A2},no,,"))
    assert report["written"] == 3 and report["problems"] == []
    listed = {p["name"]: p for p in read(db, admin(), people.list_people, community_code=COMM_A2)["items"]}
    assert listed["钱二"]["is_member"] and listed["钱二"]["home_study"] and listed["钱二"]["member_category"] == "organ"
    assert not listed["孙三"]["is_member"]

    report = do_import(db, "memberships", csv_bytes("person_ref,organisation_ref,started_on",
                                                    "P-1,BR2-1,2021-01-01", "P-2,BR2-1,"))
    assert report["written"] == 2 and report["problems"] == []
    members = read(db, admin(), people.list_memberships, organisation_id=branch["id"])["items"]
    assert sorted(x["started_on"] for x in members) == ["2021-01-01", "2026-06-01"]


def test_import_a_good_xlsx(world):
    db = world.db
    content = xlsx_bytes([
        ["ref", "name", "phone", "home_community", "is_member", "member_category", "home_study"],
        ["X-1", "周一", 13800001111, COMM_A, "yes", "community", None],
        ["X-2", "吴二", None, COMM_A, "no", None, "no"],
        [None, None, None, None, None, None, None],
    ])
    report = do_import(db, "people", content, fmt="xlsx")
    assert report == {"kind": "people", "rows": 2, "written": 2, "dry_run": False, "problems": [], "unchanged": 0}
    zhou = [p for p in read(db, admin(), people.list_people)["items"] if p["name"] == "周一"][0]
    assert zhou["phone"] == "13800001111" and zhou["external_ref"] == "X-1"


def test_xlsx_dates_become_iso_dates(world):
    content = xlsx_bytes([["ref", "kind", "name", "division_code", "parent_ref", "partner_kind", "founded_on"],
                          ["G-1", "functional_group", "文艺小组", COMM_A, world.org("cc"), None, date(2019, 7, 1)]])
    report = do_import(world.db, "organisations", content, fmt="xlsx")
    assert report["problems"] == []
    group = read(world.db, admin(), orgs.list_organisations, kind="functional_group")["items"][0]
    assert group["founded_on"] == "2019-07-01"


# ---- bad files: the report names row, column and reason, and nothing is written

BAD_PEOPLE = csv_bytes(
    "ref,name,phone,home_community,is_member,member_category,home_study",
    f"OK-1,好人一,13900000001,{COMM_A},yes,community,no",        # row 2: good
    f"BAD-1,坏号码,12,{COMM_A},no,,",                             # row 3: phone
    f"OK-2,好人二,,{COMM_A},no,,",                                # row 4: good
    f"BAD-2,坏布尔,,{COMM_A},maybe,,",                            # row 5: is_member
    ",无编号,,,no,,",                                           # row 6: ref missing
    f"BAD-3,党员无类别,,{COMM_A},yes,,",                          # row 7: member_category
)


def test_a_bad_row_is_reported_with_row_column_and_reason(world):
    report = do_import(world.db, "people", BAD_PEOPLE)
    assert report["rows"] == 6 and report["written"] == 0 and report["dry_run"] is False
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (3, "phone"), (5, "is_member"), (6, "ref"), (7, "member_category")]
    reasons = {p["column"]: p["reason"] for p in report["problems"]}
    assert "7 to 15 digits" in reasons["phone"]
    assert "yes or no" in reasons["is_member"] and "maybe" in reasons["is_member"]
    assert reasons["ref"] == "is required"


def test_a_bad_row_means_nothing_is_written_not_even_the_good_rows(world):
    db = world.db
    before = snapshot(db)
    report = do_import(db, "people", BAD_PEOPLE)
    assert report["written"] == 0 and report["problems"]
    assert snapshot(db) == before
    assert count(db, m.Person, m.Person.external_ref.in_(["OK-1", "OK-2"])) == 0
    assert events(db) == []


def test_a_bad_division_row_among_good_ones_writes_nothing(empty_db):
    content = csv_bytes("code,level,name,parent_code", "310101,district,示范区,", "310101002,subdistrict,东湖街道,",
                        "31010100X,subdistrict,坏街道,", "310101003,subdistrict,南苑街道,")
    report = do_import(empty_db, "divisions", content)
    assert report["problems"] == [{"row": 4, "column": "code",
                                   "reason": "a subdistrict code must be 9 digits, got '31010100X'"}]
    assert report["written"] == 0
    assert count(empty_db, m.Division) == 0


def test_problems_point_at_file_columns_not_use_case_fields(world):
    report = do_import(world.db, "organisations", csv_bytes(
        "ref,kind,name,division_code,parent_ref,partner_kind,founded_on",
        f"B-1,branch,孤儿支部,{COMM_A},NOPE,,",
        f"B-2,branch,第一党支部,{COMM_A},{world.org('cc')},,",
        f"B-3,partner_unit,某单位,{COMM_A},,,",
        f"B-4,club,俱乐部,{COMM_A},,,",
        f"B-5,branch,新支部,{COMM_A},{world.org('cc')},,yesterday"))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (2, "parent_ref"), (3, "name"), (4, "partner_kind"), (5, "kind"), (6, "founded_on")]
    assert report["written"] == 0


def test_a_duplicate_reference_in_one_file_is_reported(world):
    report = do_import(world.db, "people", csv_bytes("ref,name", "D-1,甲", "D-1,乙"))
    assert report["problems"] == [{"row": 3, "column": "ref", "reason": "repeats row 2 of this file"}]


def test_membership_rows_name_the_reference_column(world):
    report = do_import(world.db, "memberships", csv_bytes("person_ref,organisation_ref", "NOBODY,NOWHERE"))
    assert report["problems"][0]["column"] == "person_ref"


def test_a_bad_xlsx_row_is_reported_and_nothing_written(world):
    db = world.db
    before = snapshot(db)
    content = xlsx_bytes([["ref", "name", "phone", "home_community", "is_member", "member_category", "home_study"],
                          ["XG-1", "好人", None, COMM_A, "no", None, None],
                          ["XB-1", "坏人", "abc", COMM_A, "no", None, None]])
    report = do_import(db, "people", content, fmt="xlsx")
    assert report["problems"] == [{"row": 3, "column": "phone", "reason": "must be 7 to 15 digits, got 'abc'"}]
    assert snapshot(db) == before


def test_a_bad_header_is_reported_alone(world):
    report = do_import(world.db, "people", csv_bytes("ref,nickname", "R-1,甲"))
    assert report["rows"] == 0 and report["written"] == 0
    assert report["problems"] == [
        {"row": 1, "column": "name", "reason": "required column(s) missing from the header"},
        {"row": 1, "column": "nickname",
         "reason": "unknown column(s); the people format has " + ", ".join(COLUMNS["people"])}]


def test_a_dry_run_validates_but_writes_nothing(world):
    db = world.db
    before = snapshot(db)
    good = csv_bytes("ref,name,home_community", f"DR-1,试运行一,{COMM_A}", f"DR-2,试运行二,{COMM_A}")
    report = do_import(db, "people", good, dry_run=True)
    assert report == {"kind": "people", "rows": 2, "written": 0, "dry_run": True, "problems": [], "unchanged": 0}
    assert snapshot(db) == before
    assert count(db, m.Person, m.Person.external_ref.in_(["DR-1", "DR-2"])) == 0
    assert events(db) == []


def test_a_dry_run_reports_problems_too(world):
    report = do_import(world.db, "people", BAD_PEOPLE, dry_run=True)
    assert report["dry_run"] is True and len(report["problems"]) == 4


@pytest.mark.parametrize("kind,fmt,content,field", [
    ("people", "csv", "ref,name\nR,王\n".encode("gbk"), "content"),
    ("people", "xlsx", b"not a workbook", "content"),
    ("budgets", "csv", b"a\n", "kind"),
    ("people", "json", b"{}", "format"),
])
def test_unreadable_files_and_unknown_kinds_are_invalid(world, kind, fmt, content, field):
    before = snapshot(world.db)
    with pytest.raises(InvalidArgument) as err:
        do_import(world.db, kind, content, fmt=fmt)
    assert err.value.field == field
    assert snapshot(world.db) == before


def test_an_import_is_made_with_a_district_token(world):
    with pytest.raises(InvalidArgument) as err:
        do_import(world.db, "people", csv_bytes("ref,name", "R,王"), ctx=ctx_for("city_admin", district=None))
    assert err.value.field == "district"


def test_importing_into_another_district_is_reported_per_row(world):
    report = do_import(world.db, "divisions", csv_bytes("code,level,name", "310104001002,community,别区社区"))
    assert report["problems"][0]["row"] == 2 and report["written"] == 0
    assert count(world.db, m.Division, m.Division.code == "310104001002") == 0


# ---- export and round trip

def test_export_csv_is_the_import_format(world):
    with world.db.uow(admin()) as uow:
        data = export_records(uow, kind="divisions", format="csv").decode()
    lines = data.splitlines()
    assert lines[0] == "code,level,name,parent_code"
    assert lines[1] == "310101,district,示范区,"
    assert f"{COMM_A},community,幸福社区,310101002" in lines
    assert not any(line.startswith("310104") for line in lines)


def test_export_xlsx_reads_back(world):
    with world.db.uow(admin()) as uow:
        data = export_records(uow, kind="people", format="xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS["people"])
    assert len(rows) == 1 + 6


def test_export_needs_the_right_role(world):
    with world.db.uow(ctx_for("resident")) as uow:
        with pytest.raises(PermissionDenied):
            export_records(uow, kind="people", format="csv")


def _export_all(db, ctx, fmt="csv"):
    with db.uow(ctx) as uow:
        return {kind: export_records(uow, kind=kind, format=fmt) for kind in KINDS}


def _rows(exported: dict[str, bytes]) -> dict[str, tuple[str, list[str]]]:
    """Header and the set of rows of each kind (rows with equal sort keys may come in any order)."""
    out = {}
    for kind, data in exported.items():
        header, *rows = data.decode().splitlines()
        out[kind] = (header, sorted(rows))
    return out


def _enrich(world):
    db = world.db
    call(db, admin(), orgs.rename_organisation, id=world.org("b1"), name="先锋党支部")
    call(db, admin(), orgs.found_organisation, kind="party_group", name="第一党小组", division_code=COMM_A,
         parent_id=world.org("b1"), external_ref="PG-1")
    for key, org in (("p1", "b1"), ("p2", "b2"), ("p3", "grid"), ("resident", "soe")):
        call(db, admin(), people.join_organisation, person_id=world.person(key), organisation_id=world.org(org),
             started_on="2025-03-01")


def _round_trip(world, fresh_db, fmt):
    _enrich(world)
    first = _export_all(world.db, admin(), fmt)
    for kind in KINDS:
        report = do_import(fresh_db, kind, first[kind], fmt=fmt)
        assert report["problems"] == [], (kind, report["problems"])
    return first


def test_export_then_import_into_a_fresh_database_round_trips_csv(world, fresh_db):
    first = _round_trip(world, fresh_db, "csv")
    assert _rows(_export_all(fresh_db, admin())) == _rows(first)
    assert count(fresh_db, m.Organisation) == 8 and count(fresh_db, m.Person) == 6
    assert count(fresh_db, m.Membership) == 4 and count(fresh_db, m.Division) == 7
    b1 = read(fresh_db, admin(), orgs.list_organisations, kind="branch")["items"]
    assert "先锋党支部" in {o["name"] for o in b1}


def test_export_then_import_into_a_fresh_database_round_trips_xlsx(world, fresh_db):
    _round_trip(world, fresh_db, "xlsx")
    assert _rows(_export_all(fresh_db, admin(), "csv")) == _rows(_export_all(world.db, admin(), "csv"))


def test_round_trip_after_moving_an_organisation_under_a_younger_parent(world, fresh_db):
    """Export lists organisations by creation; a child moved under a parent founded later must
    still refer to it in a way the import can resolve."""
    db = world.db
    general = call(db, admin(), orgs.found_organisation, kind="general_branch", name="第一党总支", division_code=COMM_A,
                   parent_id=world.org("cc"))
    call(db, admin(), orgs.move_organisation, id=world.org("b1"), parent_id=general["id"])
    first = _export_all(db, admin())
    for kind in KINDS:
        report = do_import(fresh_db, kind, first[kind])
        assert report["problems"] == [], (kind, report["problems"])
    moved = [o for o in read(fresh_db, admin(), orgs.list_organisations, kind="branch")["items"]
             if o["name"] == "第一党支部"][0]
    parent = read(fresh_db, admin(), orgs.get_organisation, id=moved["parent_id"])
    assert parent["name"] == "第一党总支"


def test_export_is_scoped_to_the_callers_district(world):
    data = _export_all(world.db, admin())
    assert "B党员" not in data["people"].decode() and "B支部" not in data["organisations"].decode()
    city = _export_all(world.db, ctx_for("city_admin", district=None))
    assert "B党员" in city["people"].decode()
    assert DISTRICT_A in city["divisions"].decode()


def test_a_subdistrict_export_does_not_reveal_people_the_api_hides(world):
    """Sub-district staff may export, but a person the API does not show them (one living in another
    sub-district) must not come out through the export either."""
    staff = ctx_for("subdistrict_staff", subdistrict="310101003")
    with pytest.raises(NotFound):
        read(world.db, staff, people.get_person, id=world.person("p1"))
    with world.db.uow(staff) as uow:
        exported = export_records(uow, kind="people", format="csv").decode()
        memberships = export_records(uow, kind="memberships", format="csv").decode()
    assert "13800000000" not in exported and world.people["p1"]["name"] not in exported
    assert exported.strip() == ",".join(COLUMNS["people"]) and memberships.strip() == ",".join(COLUMNS["memberships"])


def test_an_export_masks_phones_as_every_read_does(world):
    """Phones come out in full only to staff working where the person lives (the reads' rule); a city
    admin's export, like the city admin's GetPerson, shows them masked."""
    city = ctx_for("city_admin", district=None)
    assert read(world.db, city, people.get_person, id=world.person("p1"))["phone"] == "138****0000"
    with world.db.uow(city) as uow:
        masked = export_records(uow, kind="people", format="csv").decode()
    with world.db.uow(admin()) as uow:
        full = export_records(uow, kind="people", format="csv").decode()
    assert "13800000000" not in masked and "138****0000" in masked
    assert "13800000000" in full


# ---- re-imports: rows already stored as they are are skipped and counted; changed rows are reported

def test_re_importing_an_export_skips_every_unchanged_row(world):
    """Every kind: a row naming a stored record (by code, ref or id) that matches it is skipped; the report
    counts it among the rows but not among those written, and nothing changes."""
    _enrich(world)
    db = world.db
    exported = _export_all(db, admin())
    before, events_before = contents(db), len(events(db))
    for kind in KINDS:
        rows = len(exported[kind].decode().splitlines()) - 1
        report = do_import(db, kind, exported[kind])
        assert report == {"kind": kind, "rows": rows, "written": 0, "dry_run": False, "problems": [],
                          "unchanged": rows}, kind
        assert do_import(db, kind, exported[kind], dry_run=True)["problems"] == []
    assert contents(db) == before and len(events(db)) == events_before


def test_the_real_division_table_imports_over_the_demo_seed(empty_db):
    """The issue's case: a district's division table, whose rows the demo seed already holds, was refused
    whole ("already exists"). The stored rows are skipped, the new ones written."""
    from services.registry.seed import seed_demo
    seed_demo(empty_db)
    with empty_db.uow(admin()) as uow:
        table = export_records(uow, kind="divisions", format="csv").decode()
    stored = len(table.splitlines()) - 1
    table += "310101002003,community,新建社区,310101002\n310101002003-G01,grid,第1网格,\n"
    report = do_import(empty_db, "divisions", table.encode())
    assert report == {"kind": "divisions", "rows": stored + 2, "written": 2, "dry_run": False, "problems": [],
                      "unchanged": stored}
    assert count(empty_db, m.Division) == stored + 2
    before = contents(empty_db)
    for kind in ("organisations", "people", "memberships"):   # the seed's other records re-import alike
        with empty_db.uow(admin()) as uow:
            data = export_records(uow, kind=kind, format="xlsx")
        report = do_import(empty_db, kind, data, fmt="xlsx")
        assert (report["written"], report["problems"]) == (0, []), kind
    assert contents(empty_db) == before


def test_a_changed_row_is_reported_by_row_and_column_and_nothing_is_written(world):
    db = world.db
    before = contents(db)
    report = do_import(db, "divisions", csv_bytes(
        "code,level,name,parent_code",
        "310101002009,community,新建社区,",             # new
        f"{COMM_A},community,幸福社区,",                # unchanged
        f"{COMM_A2},community,和谐居委,310101002"))      # renamed
    assert report["problems"] == [{"row": 4, "column": "name", "reason": f"differs from the stored division "
                                   f"{COMM_A2}: stored '和谐社区', this file '和谐居委'"}]
    assert (report["rows"], report["written"]) == (3, 0)
    assert contents(db) == before and events(db) == []

    b1 = world.org("b1")
    report = do_import(db, "organisations", csv_bytes(
        "ref,kind,name,division_code,parent_ref,partner_kind,founded_on",
        f"{b1},branch,第一党支部,{COMM_A},{world.org('wc')},,2026-06-01",
        f"{world.org('soe')},partner_unit,区供电公司,{COMM_A},,public_institution,"))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "parent_ref"), (3, "partner_kind")]
    assert report["problems"][0]["reason"] == (f"differs from the stored organisation {b1}: stored "
                                               f"'{world.org('cc')}', this file '{world.org('wc')}'")

    p1 = world.person("p1")
    report = do_import(db, "people", csv_bytes(
        "ref,name,phone,home_community,is_member,member_category,home_study",
        f"{p1},党员1,13900000000,{COMM_A},是,community,否",
        f"{world.person('p2')},党员2,13800000001,{COMM_A},yes,organ,no",
        f"{world.person('p3')},党员3,13800000002,{COMM_A},maybe,community,no"))
    assert report["problems"] == [
        {"row": 2, "column": "phone",
         "reason": f"differs from the stored person {p1}: stored '13800000000', this file '13900000000'"},
        {"row": 3, "column": "member_category",
         "reason": f"differs from the stored person {world.person('p2')}: stored 'community', this file 'organ'"},
        {"row": 4, "column": "is_member", "reason": "must be yes or no, got 'maybe'"}]

    call(db, admin(), people.join_organisation, person_id=p1, organisation_id=b1, started_on="2025-03-01")
    before = contents(db)
    report = do_import(db, "memberships", csv_bytes("person_ref,organisation_ref,started_on", f"{p1},{b1},2025-04-01",
                                                    f"{p1},{b1},"))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "started_on"), (3, "person_ref")]
    assert "stored '2025-03-01', this file '2025-04-01'" in report["problems"][0]["reason"]
    assert contents(db) == before


def test_a_row_repeated_in_the_file_is_still_a_duplicate(world):
    """Only rows stored before the import are skipped: the same record twice in one file is refused."""
    p1 = world.person("p1")
    report = do_import(world.db, "people", csv_bytes("ref,name,phone,home_community,is_member,member_category",
                                                     f"{p1},党员1,13800000000,{COMM_A},yes,community",
                                                     f"{p1},党员1,13800000000,{COMM_A},yes,community"))
    assert report["problems"] == [{"row": 3, "column": "ref", "reason": "repeats row 2 of this file"}]
    assert report["written"] == 0


def test_a_changed_phone_is_quoted_as_the_importers_reads_show_it(world):
    """The district admin reads the phone of a person of no community masked: a problem quotes it masked."""
    call(world.db, admin(), people.register_person, name="无社区", phone="13911112222", external_ref="NC-1")
    report = do_import(world.db, "people", csv_bytes("ref,name,phone", "NC-1,无社区,13911113333"))
    [problem] = report["problems"]
    assert problem["column"] == "phone" and "stored '139****2222'" in problem["reason"]
    assert "13911112222" not in problem["reason"]


def test_a_nul_byte_in_a_ref_is_reported_before_it_is_looked_up(world):
    report = do_import(world.db, "memberships", csv_bytes("person_ref,organisation_ref", "P\x00,O"))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(2, "person_ref")]
    assert "control characters" in report["problems"][0]["reason"]


EXPORTERS = {
    "city admin": ctx_for("city_admin", district=None),
    "city admin of a district": ctx_for("city_admin"),
    "district admin": admin(),
    "sub-district staff": ctx_for("subdistrict_staff", subdistrict="310101002"),
    "another sub-district's staff": ctx_for("subdistrict_staff", subdistrict="310101003"),
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("who", sorted(EXPORTERS))
def test_every_export_shows_each_phone_as_the_exporters_reads_do(world, who, fmt):
    """Every role that may export, every kind, both formats: a phone comes out exactly as the same
    caller's ListPeople shows it (masked by the one helper), and no other export carries one."""
    db, ctx = world.db, EXPORTERS[who]
    call(db, admin(), people.register_person, name="无社区", phone="13911112222", external_ref="NC-1")
    shown = {p.get("external_ref") or p["id"]: p.get("phone", "")
             for p in read(db, ctx, people.list_people)["items"]}
    exported = _export_all(db, ctx, fmt)
    if fmt == "xlsx":
        rows = list(openpyxl.load_workbook(io.BytesIO(exported["people"])).worksheets[0].iter_rows(values_only=True))
        phones = {ref: phone or "" for ref, _, phone, *_ in rows[1:]}
    else:
        phones = {line.split(",")[0]: line.split(",")[2] for line in exported["people"].decode().splitlines()[1:]}
    assert phones == shown
    full = {"13911112222", "13800000000", "13800000004"}
    for kind in ("divisions", "organisations", "memberships"):
        assert not any(phone.encode() in exported[kind] for phone in full), kind
