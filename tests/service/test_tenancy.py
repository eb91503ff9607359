"""Tenancy and roles: district B never reads or changes district A; read-only roles never write."""
from __future__ import annotations

import inspect

import pytest

from services.common.errors import NotFound, PermissionDenied
from services.registry import models as m
from services.registry.app import READS, USE_CASES, WRITES
from services.registry.app import organisations as orgs
from services.registry.app import people, ratings, records, rollout, territory
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for
from tests.service.conftest import COMM_A, SUB_A, admin, call, read, snapshot

B_ADMIN = admin(DISTRICT_B)


def _reads(w):
    return [
        (territory.get_division, {"code": COMM_A}),
        (territory.list_children, {"code": SUB_A}),
        (territory.list_ancestors, {"code": COMM_A}),
        (territory.list_subtree, {"code": DISTRICT_A}),
        (orgs.get_organisation, {"id": w.org("b1")}),
        (orgs.list_organisation_tree, {"id": w.org("wc")}),
        (orgs.get_name_history, {"id": w.org("b1")}),
        (orgs.list_organisations, {"division_code": COMM_A}),
        (orgs.list_pairings, {"community_code": COMM_A}),
        (people.get_person, {"id": w.person("p1")}),
        (people.list_people, {"community_code": COMM_A}),
        (people.list_memberships, {"person_id": w.person("p1")}),
        (people.list_memberships, {"organisation_id": w.org("b1")}),
        (people.list_posts, {"organisation_id": w.org("b1")}),
        (people.get_reserve_status, {"code": COMM_A}),
        (people.list_reserve_shortfalls, {"subdistrict_code": SUB_A}),
        (people.get_employer_feedback, {"employer_id": w.org("soe")}),
        (ratings.list_ratings, {"id": w.org("b1")}),
        (ratings.get_honours_eligibility, {"organisation_id": w.org("b1")}),
        (ratings.get_honours_eligibility, {"person_id": w.person("p1")}),
        (rollout.get_rollout, {"district": DISTRICT_A}),
    ]


def _writes(w):
    return [
        (territory.create_division, {"code": "310101002009", "level": "community", "name": "x"}),
        (orgs.found_organisation, {"kind": "branch", "name": "x", "division_code": COMM_A,
                                   "parent_id": w.org("cc")}),
        (orgs.found_organisation, {"kind": "branch", "name": "x", "division_code": "310104001001",
                                   "parent_id": w.org("cc")}),
        (orgs.rename_organisation, {"id": w.org("b1"), "name": "x"}),
        (orgs.move_organisation, {"id": w.org("b1"), "parent_id": w.org("wc")}),
        (orgs.move_organisation, {"id": w.org("b_b"), "parent_id": w.org("cc")}),
        (orgs.dissolve_organisation, {"id": w.org("b2"), "reason": "x"}),
        (orgs.merge_organisations, {"source_id": w.org("b2"), "target_id": w.org("b1")}),
        (orgs.merge_organisations, {"source_id": w.org("b_b"), "target_id": w.org("b1")}),
        (orgs.split_organisation, {"id": w.org("b1"), "parts": [{"name": "x"}]}),
        (orgs.pair_department, {"department_id": w.org("organ"), "community_code": COMM_A}),
        (people.register_person, {"name": "x", "home_community": COMM_A}),
        (people.join_organisation, {"person_id": w.person("pb"), "organisation_id": w.org("b1")}),
        (people.join_organisation, {"person_id": w.person("p1"), "organisation_id": w.org("b_b")}),
        (people.appoint_post, {"organisation_id": w.org("b1"), "person_id": w.person("p1"), "title": "secretary"}),
        (people.hold_election, {"organisation_id": w.org("cc"), "held_on": "2026-06-01",
                                "elected": [{"person_id": w.person("p1"), "title": "secretary"}]}),
        (people.hold_by_election, {"organisation_id": w.org("cc"), "held_on": "2026-06-01",
                                   "person_id": w.person("p1"), "title": "secretary"}),
        (people.add_reserve_cadre, {"community_code": COMM_A, "person_id": w.person("p1")}),
        (people.add_reserve_cadre, {"community_code": "310104001001", "person_id": w.person("p1")}),
        (people.register_in_service, {"person_id": w.person("p1"), "community_code": COMM_A,
                                      "employer_id": w.org("soe"), "volunteer_projects": ["a"]}),
        (people.register_floating_member, {"person_id": w.person("p1"), "branch_id": w.org("b1"),
                                           "whereabouts": "x"}),
        (ratings.submit_inspection, {"organisation_id": w.org("b1"), "year": 2026, "quarter": 2,
                                     "items": {"records": 1}}),
        (ratings.close_rectification, {"organisation_id": w.org("b1"), "note": "x"}),
        (rollout.assign_ring, {"subdistrict_code": SUB_A, "ring": "pilot"}),
    ]


def test_district_b_reads_nothing_of_district_a(world):
    for fn, params in _reads(world):
        with pytest.raises((NotFound, PermissionDenied)):
            read(world.db, B_ADMIN, fn, **params)


def test_district_b_changes_nothing_of_district_a(world):
    db = world.db
    before = snapshot(db)
    b1 = read(db, admin(), orgs.get_organisation, id=world.org("b1"))
    for fn, params in _writes(world):
        with pytest.raises((NotFound, PermissionDenied)) as err:
            call(db, B_ADMIN, fn, **params)
        assert err.type in (NotFound, PermissionDenied), fn.__name__
    assert snapshot(db) == before
    assert read(db, admin(), orgs.get_organisation, id=world.org("b1")) == b1


def test_another_districts_record_looks_absent_not_forbidden(world):
    with pytest.raises(NotFound) as err:
        read(world.db, B_ADMIN, orgs.get_organisation, id=world.org("b1"))
    assert err.value.field == "id"
    with pytest.raises(NotFound):
        read(world.db, B_ADMIN, people.get_person, id=world.person("p1"))


def test_district_b_listings_show_only_district_b(world):
    db = world.db
    names = {o["name"] for o in read(db, B_ADMIN, orgs.list_organisations)["items"]}
    assert names == {"B党工委", "B社区党委", "B支部"}
    assert [p["name"] for p in read(db, B_ADMIN, people.list_people)["items"]] == ["B党员"]
    assert read(db, B_ADMIN, people.list_terms_ending, within_days=3650)["items"] == []
    with db.uow(B_ADMIN) as uow:
        codes = {r[0] for r in records.export_rows(uow, "divisions")} - {"code"}
    assert codes == {DISTRICT_B, "310104001", "310104001001"}


def test_a_subdistrict_scope_cannot_write_in_a_sibling_subdistrict(world):
    staff = ctx_for("subdistrict_staff", subdistrict="310101003")
    before = snapshot(world.db)
    with pytest.raises(PermissionDenied):
        call(world.db, staff, orgs.rename_organisation, id=world.org("b1"), name="x")
    with pytest.raises(PermissionDenied):
        call(world.db, staff, orgs.found_organisation, kind="branch", name="x", division_code=COMM_A,
             parent_id=world.org("cc"))
    assert snapshot(world.db) == before


def _placeholder(param: inspect.Parameter):
    text = str(param.annotation)
    if "list" in text:
        return []
    if "dict" in text:
        return {}
    if "int" in text:
        return 1
    if "bool" in text:
        return False
    if "bytes" in text:
        return b""
    return "x"


@pytest.mark.parametrize("role", ["resident", "partner_unit"])
@pytest.mark.parametrize("name", sorted(WRITES))
def test_read_only_roles_are_denied_every_write(registry_db, role, name):
    """The policy is checked before anything else, whatever the parameters."""
    fn = USE_CASES[name]
    params = {n: _placeholder(p) for n, p in inspect.signature(fn).parameters.items()
              if p.kind == p.KEYWORD_ONLY and p.default is inspect.Parameter.empty}
    before = snapshot(registry_db)
    with pytest.raises(PermissionDenied) as err:
        call(registry_db, ctx_for(role), fn, **params)
    assert err.value.field == "roles" and role in err.value.message
    assert snapshot(registry_db) == before


@pytest.mark.parametrize("role", ["resident", "partner_unit"])
def test_read_only_roles_are_denied_real_writes_too(world, role):
    ctx = ctx_for(role)
    with pytest.raises(PermissionDenied):
        call(world.db, ctx, orgs.rename_organisation, id=world.org("b1"), name="改名")
    with pytest.raises(PermissionDenied):
        call(world.db, ctx, people.join_organisation, person_id=world.person("p1"), organisation_id=world.org("b1"))
    assert read(world.db, admin(), orgs.get_organisation, id=world.org("b1"))["name"] == "第一党支部"


def test_read_only_roles_still_read_public_registry_data(world):
    for role in ("resident", "partner_unit"):
        got = read(world.db, ctx_for(role), orgs.get_organisation, id=world.org("b1"))
        assert got["name"] == "第一党支部"
        with pytest.raises(PermissionDenied):
            read(world.db, ctx_for(role), people.get_person, id=world.person("p1"))


def test_reads_never_write(world):
    before = snapshot(world.db)
    for name in sorted(READS):
        assert name.startswith(("Get", "List"))
    for fn, params in _reads(world):
        read(world.db, admin(), fn, **params)
    assert snapshot(world.db) == before


def test_the_audit_log_records_who_changed_what(world):
    db = world.db
    before = snapshot(db)["audit_log"]
    call(db, admin(), orgs.rename_organisation, id=world.org("b1"), name="先锋党支部", reason="更名")
    with db.session_factory() as session:
        entry = session.query(m.AuditEntry).order_by(m.AuditEntry.id.desc()).first()
        assert (entry.actor, entry.action, entry.subject, entry.reason) == ("tester", "rename organisation",
                                                                           world.org("b1"), "更名")
        assert entry.before["name"] == "第一党支部" and entry.after["name"] == "先锋党支部"
    assert snapshot(db)["audit_log"] == before + 1
