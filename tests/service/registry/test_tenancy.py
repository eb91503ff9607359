"""Tenancy and roles: district B never reads or changes district A, a sibling sub-district or community never
reads or changes another's records; read-only roles never write."""
from __future__ import annotations

import inspect
import json
from dataclasses import dataclass

import pytest

from services.common.context import Role
from services.common.errors import FailedPrecondition, NotFound, PermissionDenied
from services.registry import models as m
from services.registry.app import READS, USE_CASES, WRITES
from services.registry.app import organisations as orgs
from services.registry.app import people, ratings, records, rollout, territory
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for
from tests.service.registry.conftest import (COMM_A, COMM_A2, GRID_A, SUB_A, SUB_A3, admin, call, clear_events,
                                             contents, read, snapshot)

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
    before = contents(db)
    b1 = read(db, admin(), orgs.get_organisation, id=world.org("b1"))
    for fn, params in _writes(world):
        with pytest.raises((NotFound, PermissionDenied)) as err:
            call(db, B_ADMIN, fn, **params)
        assert err.type in (NotFound, PermissionDenied), fn.__name__
    assert contents(db) == before
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
    before = contents(world.db)
    with pytest.raises(NotFound):  # it does not see the organisation
        call(world.db, staff, orgs.rename_organisation, id=world.org("b1"), name="x")
    with pytest.raises(PermissionDenied):  # division codes are public: one outside the scope is refused
        call(world.db, staff, orgs.found_organisation, kind="branch", name="x", division_code=COMM_A,
             parent_id=world.org("cc"))
    assert contents(world.db) == before


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


# ---- finer scopes: a sibling community, a sibling sub-district
#
# The world's community 310101002001 (COMM_A) gets records of every kind the registry holds. Four
# intruders of the same district then call every method at them: a community worker of the sibling
# community 310101002002 and staff of the sibling sub-district 310101003, each once with their own
# role and once with every role (so that no permission hides a scope leak behind a refusal). A read
# is refused, or answers with none of the target's ids, names, phones or codes; a write is refused
# and changes no row. The positive control: the same request from the target's own scope reaches
# the records (a read shows them, a write succeeds).

ALL_ROLES = sorted(Role.ALL)
INTRUDERS = {
    "sibling community worker": ctx_for("community_worker", subdistrict=SUB_A, community=COMM_A2),
    "sibling community, every role": ctx_for(*ALL_ROLES, subdistrict=SUB_A, community=COMM_A2),
    "sibling sub-district staff": ctx_for("subdistrict_staff", subdistrict=SUB_A3),
    "sibling sub-district, every role": ctx_for(*ALL_ROLES, subdistrict=SUB_A3),
}
OWNER = ctx_for(*ALL_ROLES, subdistrict=SUB_A, community=COMM_A)       # the target's own community
SUB_OWNER = ctx_for(*ALL_ROLES, subdistrict=SUB_A)                      # its sub-district: both communities
CITY_OPERATOR = ctx_for("operator", district=None)
FULL = {"political_study": 20, "organisational_life": 20, "team_building": 15, "member_management": 15,
        "service_to_residents": 20, "records": 10}
# two stars: listed for rectification, still managed by its community (one star would hand it to the
# working committee, and the community's own writes on it would be refused for that reason instead)
WEAK = {"political_study": 13, "organisational_life": 13, "team_building": 10, "member_management": 10,
        "service_to_residents": 13, "records": 6}
TODAY = "2026-06-01"


@dataclass
class Scoped:
    """The world with records of every kind in COMM_A, and a few of the sibling community's own."""

    w: object
    ids: dict[str, str]
    targets: set[str]

    @property
    def db(self):
        return self.w.db

    def __getitem__(self, key: str) -> str:
        if key in self.ids:
            return self.ids[key]
        return self.w.orgs[key]["id"] if key in self.w.orgs else self.w.people[key]["id"]


@pytest.fixture
def scoped(world) -> Scoped:
    db, a, ids = world.db, admin(), {}
    w = world
    o = w.orgs
    o["district_unit"] = call(db, a, orgs.found_organisation, kind="partner_unit", name="区建设集团",
                              division_code=DISTRICT_A, partner_kind="private_enterprise")
    o["organ2"] = call(db, a, orgs.found_organisation, kind="partner_unit", name="区民政局", division_code=DISTRICT_A,
                       partner_kind="party_government_organ")
    o["cc2"] = call(db, a, orgs.found_organisation, kind="community_committee", name="和谐社区党委",
                    division_code=COMM_A2, parent_id=w.org("wc"))
    o["b3"] = call(db, a, orgs.found_organisation, kind="branch", name="和谐社区党支部", division_code=COMM_A2,
                   parent_id=w.org("cc2"))
    w.people["p6"] = call(db, a, people.register_person, name="邻居党员", home_community=COMM_A2, is_member=True,
                          member_category="community")
    call(db, a, orgs.rename_organisation, id=w.org("b1"), name="幸福第一党支部", reason="更名")
    ids["ms"] = call(db, a, people.join_organisation, person_id=w.person("p1"), organisation_id=w.org("b1"))["id"]
    [post] = call(db, a, people.hold_election, organisation_id=w.org("cc"), held_on=TODAY,
                  elected=[{"person_id": w.person("p1"), "title": "secretary"}])["items"]
    ids["post"] = post["id"]
    call(db, a, people.add_reserve_cadre, community_code=COMM_A, person_id=w.person("p2"))
    ids["pairing"] = call(db, a, orgs.pair_department, department_id=w.org("organ"), community_code=COMM_A)["id"]
    ids["in_service"] = call(db, a, people.register_in_service, person_id=w.person("p3"), community_code=COMM_A,
                             employer_id=w.org("district_unit"), volunteer_projects=["水电维修"])["id"]
    ids["volunteer"] = call(db, a, people.record_volunteer_service, person_id=w.person("p3"), project="水电维修",
                            hours=3)["id"]
    ids["floating"] = call(db, a, people.register_floating_member, person_id=w.person("p4"), branch_id=w.org("b2"),
                           whereabouts="深圳")["id"]
    call(db, a, ratings.submit_inspection, organisation_id=w.org("b1"), year=2026, quarter=1, items=WEAK)
    call(db, a, rollout.assign_ring, subdistrict_code=SUB_A, ring="pilot")
    call(db, a, rollout.assign_ring, subdistrict_code=SUB_A3, ring="early")
    targets = {COMM_A, GRID_A, "幸福社区", "第1网格", "第一党支部", *ids.values()}
    for key in ("cc", "b1", "b2", "grid", "organ", "soe"):
        targets |= {o[key]["id"], read(db, a, orgs.get_organisation, id=o[key]["id"])["name"]}
    for key in ("p1", "p2", "p3", "p4", "p5", "resident"):
        p = read(db, a, people.get_person, id=w.people[key]["id"])
        targets |= {p["id"], p["name"]} | ({p["phone"]} if p.get("phone") else set())
    clear_events(db)
    return Scoped(w, ids, targets)


def _member(s: Scoped, person: str, org: str) -> None:
    """A request's precondition: the person joins the organisation (its posts go to its members)."""
    call(s.db, admin(), people.join_organisation, person_id=s[person], organisation_id=s[org], transfer=True)


def _leaks(s: Scoped, reply) -> list[str]:
    text = json.dumps(reply, ensure_ascii=False, default=str)
    return sorted(t for t in s.targets if t in text)


#: read method -> requests aimed at the target community's records (each built from the world)
SCOPED_READS = {
    "GetDivision": [lambda s: {"code": COMM_A}, lambda s: {"code": GRID_A}],
    "ListChildren": [lambda s: {"code": SUB_A}, lambda s: {"code": DISTRICT_A}, lambda s: {"code": COMM_A}],
    "ListAncestors": [lambda s: {"code": GRID_A}],
    "ListSubtree": [lambda s: {"code": DISTRICT_A}, lambda s: {"code": SUB_A}, lambda s: {"code": COMM_A}],
    "GetDivisionHistory": [lambda s: {"code": COMM_A}, lambda s: {"code": GRID_A}],
    "GetOrganisation": [lambda s: {"id": s["b1"]}, lambda s: {"id": s["cc"]}],
    "ListOrganisations": [lambda s: {}, lambda s: {"division_code": COMM_A}, lambda s: {"kind": "branch"}],
    "ListOrganisationTree": [lambda s: {"id": s["wc"]}, lambda s: {"id": s["cc"]}],
    "GetNameHistory": [lambda s: {"id": s["b1"]}],
    "ListPairings": [lambda s: {}, lambda s: {"community_code": COMM_A}, lambda s: {"department_id": s["organ"]}],
    "GetPerson": [lambda s: {"id": s["p1"]}],
    "ListPeople": [lambda s: {}, lambda s: {"community_code": COMM_A}, lambda s: {"members_only": True}],
    "ListMemberships": [lambda s: {"person_id": s["p1"]}, lambda s: {"organisation_id": s["b1"]}],
    "ListPosts": [lambda s: {}, lambda s: {"organisation_id": s["cc"]}, lambda s: {"person_id": s["p1"]}],
    "ListTermsEnding": [lambda s: {"within_days": 3650}],
    "GetReserveStatus": [lambda s: {"code": COMM_A}],
    "ListReserveShortfalls": [lambda s: {}, lambda s: {"subdistrict_code": SUB_A}],
    "GetEmployerFeedback": [lambda s: {"employer_id": s["district_unit"]}, lambda s: {"employer_id": s["soe"]}],
    "ListRatings": [lambda s: {"id": s["b1"]}],
    "GetRatingAudit": [lambda s: {"organisation_id": s["b1"], "year": 2026, "quarter": 1}],
    "ListWeakBranches": [lambda s: {}, lambda s: {"subdistrict_code": SUB_A}],
    "ListFlaggedSecretaries": [lambda s: {}],
    "ListFollowUps": [lambda s: {}],
    "ListInServiceMembers": [lambda s: {"community_code": COMM_A}],
    "ListOverdueFloatingReports": [lambda s: {"today": "2027-01-01"}, lambda s: {"branch_id": s["b2"],
                                                                                 "today": "2027-01-01"}],
    "GetHonoursEligibility": [lambda s: {"organisation_id": s["b1"]}, lambda s: {"person_id": s["p1"]}],
    "GetRollout": [lambda s: {}, lambda s: {"district": DISTRICT_A}],
}
#: requests whose answer to the target's own scope names none of its records (checked elsewhere)
NO_TARGET_IN_CONTROL = {("ListChildren", 1), ("GetRollout", 0), ("GetRollout", 1),
                        # no secretary is flagged, and no task open, in this world (see test_follow_ups)
                        ("ListFlaggedSecretaries", 0), ("ListFollowUps", 0)}
#: requests the target's community may not make (a listing of its whole sub-district): its sub-district does
SUB_CONTROL = {("ListReserveShortfalls", 1), ("ListWeakBranches", 1)}


@pytest.mark.parametrize("name,i", [(n, i) for n, cases in SCOPED_READS.items() for i in range(len(cases))])
def test_no_read_answers_a_sibling_scope_with_the_targets_records(scoped, name, i):
    fn, params = USE_CASES[name], SCOPED_READS[name][i](scoped)
    failures = []
    for who, ctx in INTRUDERS.items():
        try:
            reply = read(scoped.db, ctx, fn, **params)
        except (NotFound, PermissionDenied):
            continue
        if _leaks(scoped, reply):
            failures.append(f"{who}: {_leaks(scoped, reply)}")
    assert failures == []
    control = read(scoped.db, SUB_OWNER if (name, i) in SUB_CONTROL else OWNER, fn, **params)  # reaches them
    assert (name, i) in NO_TARGET_IN_CONTROL or _leaks(scoped, control), control


#: write method -> [(request, the scope whose request succeeds)], aimed at the target's records, or
#: at the sibling's own records together with the target's (a sibling's branch and a target's person)
SCOPED_WRITES = {
    "CreateDivision": [(lambda s: {"code": COMM_A + "-G02", "level": "grid", "name": "第2网格"}, OWNER)],
    "RenameDivision": [(lambda s: {"code": COMM_A, "name": "幸福家园社区", "reason": "更名"}, OWNER)],
    # a compound of the target's with nothing attached, so that its own scope may retire it
    "RetireDivision": [(lambda s: (call(s.db, admin(), territory.create_division, code=f"{GRID_A}-C01",
                                        level="compound", name="阳光小区"),
                                   {"code": f"{GRID_A}-C01", "reason": "小区拆迁"})[1], OWNER)],
    "EndPairing": [(lambda s: {"id": s["pairing"], "reason": "结对期满"}, OWNER)],
    "FoundOrganisation": [(lambda s: {"kind": "branch", "name": "新支部", "division_code": COMM_A,
                                      "parent_id": s["cc"]}, OWNER)],
    "RenameOrganisation": [(lambda s: {"id": s["b1"], "name": "先锋党支部"}, OWNER)],
    "MoveOrganisation": [(lambda s: {"id": s["b2"], "parent_id": s["wc"]}, OWNER)],
    "DissolveOrganisation": [(lambda s: {"id": s["grid"], "reason": "网格调整"}, OWNER)],
    "MergeOrganisations": [(lambda s: {"source_id": s["b2"], "target_id": s["b1"]}, OWNER),
                           (lambda s: {"source_id": s["b3"], "target_id": s["b1"]}, SUB_OWNER)],
    "SplitOrganisation": [(lambda s: {"id": s["b1"], "parts": [{"name": "幸福第二党支部"}]}, OWNER)],
    "PairDepartment": [(lambda s: {"department_id": s["organ2"], "community_code": COMM_A}, OWNER)],
    "RegisterPerson": [(lambda s: {"name": "新居民", "home_community": COMM_A}, OWNER)],
    "JoinOrganisation": [(lambda s: {"person_id": s["p5"], "organisation_id": s["b2"]}, OWNER),
                         (lambda s: {"person_id": s["p1"], "organisation_id": s["b3"], "transfer": True}, SUB_OWNER)],
    "EndMembership": [(lambda s: {"id": s["ms"]}, OWNER)],
    "AppointPost": [(lambda s: (_member(s, "p2", "b2"),
                                {"organisation_id": s["b2"], "person_id": s["p2"], "title": "deputy_secretary"})[1],
                     OWNER),
                    (lambda s: (_member(s, "p4", "b3"),   # a target's person, a member of the sibling's branch
                                {"organisation_id": s["b3"], "person_id": s["p4"], "title": "secretary"})[1],
                     SUB_OWNER)],
    "EndPost": [(lambda s: {"id": s["post"]}, OWNER)],
    "HoldElection": [(lambda s: (_member(s, "p2", "b2"), {"organisation_id": s["cc"], "held_on": TODAY,
                                 "elected": [{"person_id": s["p2"], "title": "secretary"}]})[1], OWNER),
                     (lambda s: (_member(s, "p4", "b3"), {"organisation_id": s["cc2"], "held_on": TODAY,
                                 "elected": [{"person_id": s["p4"], "title": "secretary"}]})[1], SUB_OWNER)],
    "HoldByElection": [(lambda s: (_member(s, "p3", "b2"), {"organisation_id": s["cc"], "held_on": TODAY,
                                   "person_id": s["p3"], "title": "committee_member"})[1], OWNER)],
    # (a target's person is no sibling's reserve cadre at all: a reserve cadre lives in the community)
    "AddReserveCadre": [(lambda s: {"community_code": COMM_A, "person_id": s["p3"]}, OWNER)],
    "RemoveReserveCadre": [(lambda s: {"community_code": COMM_A, "person_id": s["p2"]}, OWNER)],
    "RegisterInService": [(lambda s: {"person_id": s["p5"], "community_code": COMM_A,
                                      "employer_id": s["district_unit"], "volunteer_projects": ["理论宣讲"]}, OWNER),
                          (lambda s: {"person_id": s["p1"], "community_code": COMM_A2,
                                      "employer_id": s["district_unit"], "volunteer_projects": ["理论宣讲"]},
                           SUB_OWNER)],
    "RecordVolunteerService": [(lambda s: {"person_id": s["p3"], "project": "水电维修", "hours": 2}, OWNER)],
    "RegisterFloatingMember": [(lambda s: {"person_id": s["p5"], "branch_id": s["b1"], "whereabouts": "杭州"}, OWNER),
                               (lambda s: {"person_id": s["p1"], "branch_id": s["b3"], "whereabouts": "杭州"},
                                SUB_OWNER)],
    "RecordFloatingReport": [(lambda s: {"id": s["floating"]}, OWNER)],
    "EndFloating": [(lambda s: {"id": s["floating"]}, OWNER)],
    "SubmitInspection": [(lambda s: {"organisation_id": s["b2"], "year": 2026, "quarter": 2, "items": FULL}, OWNER)],
    "DispatchFirstSecretary": [(lambda s: {"organisation_id": s["b1"], "person_id": s["p2"],
                                           "dispatched_from": "市教育局"}, OWNER)],
    "CloseRectification": [(lambda s: {"organisation_id": s["b1"], "note": "整改完成"}, OWNER)],
    "AssignRing": [(lambda s: {"subdistrict_code": SUB_A, "ring": "general"}, SUB_OWNER)],
    "SetFeatureStage": [(lambda s: {"flag": "points.moral-bank", "stage": "early"}, CITY_OPERATOR)],
    "ImportRecords": [(lambda s: {"kind": "people", "format": "csv",
                                  "content": f"ref,name,home_community\nR1,新居民,{COMM_A}\n".encode()}, OWNER)],
}


@pytest.mark.parametrize("name,i", [(n, i) for n, cases in SCOPED_WRITES.items() for i in range(len(cases))])
def test_no_write_changes_a_sibling_scopes_records(scoped, name, i):
    fn, (request, owner) = USE_CASES[name], SCOPED_WRITES[name][i]
    params, db = request(scoped), scoped.db
    before, failures = contents(db), []
    for who, ctx in INTRUDERS.items():
        try:
            reply = call(db, ctx, fn, **params)
        except (NotFound, PermissionDenied) as exc:
            if "every role" in who and exc.field == "roles":
                failures.append(f"{who}: refused by role, not by scope ({exc})")
        else:
            if not (name == "ImportRecords" and reply["problems"] and reply["written"] == 0):
                failures.append(f"{who}: answered {reply}")
        if contents(db) != before:
            failures.append(f"{who}: changed rows")
            break
    assert failures == []
    reply = call(db, owner, fn, **params)  # the control: from the records' own scope, the request succeeds
    assert name != "ImportRecords" or reply["written"] == 1, reply
    assert contents(db) != before


def test_every_method_is_tried_from_a_sibling_scope():
    assert set(SCOPED_READS) | set(SCOPED_WRITES) == set(USE_CASES)
    assert set(SCOPED_READS) == set(READS)


@pytest.mark.parametrize("kind", sorted(records.COLUMNS))
def test_no_export_gives_a_sibling_scope_the_targets_records(scoped, kind):
    for who, ctx in INTRUDERS.items():
        if "staff" in who or "every role" in who:
            with scoped.db.uow(ctx) as uow:
                assert _leaks(scoped, list(records.export_rows(uow, kind))) == [], who
    with scoped.db.uow(OWNER) as uow:
        assert kind == "divisions" or _leaks(scoped, list(records.export_rows(uow, kind)))


def test_listings_without_a_scope_answer_the_callers_scope(scoped):
    """"default: the caller's scope": the sibling community sees its own records, and the committees
    and units above it, never the whole district."""
    db, worker = scoped.db, INTRUDERS["sibling community worker"]
    names = {o["name"] for o in read(db, worker, orgs.list_organisations)["items"]}
    assert names == {"东湖街道党工委", "和谐社区党委", "和谐社区党支部", "区建设集团", "区民政局"}
    assert [p["name"] for p in read(db, worker, people.list_people)["items"]] == ["邻居党员"]
    assert [d["code"] for d in read(db, worker, territory.list_subtree, code=SUB_A)["items"]] == [SUB_A, COMM_A2]
    tree = read(db, worker, orgs.list_organisation_tree, id=scoped["wc"])["items"]
    assert [o["name"] for o in tree] == ["东湖街道党工委", "和谐社区党委", "和谐社区党支部"]
    assert [s["community_code"] for s in read(db, worker, people.list_reserve_shortfalls)["items"]] == [COMM_A2]
    assert read(db, worker, people.get_employer_feedback, employer_id=scoped["district_unit"])["members"] == []
    rings = read(db, INTRUDERS["sibling sub-district staff"], rollout.get_rollout)["rings"]
    assert [x["subdistrict_code"] for x in rings] == [SUB_A3]
    assert [x["subdistrict_code"] for x in read(db, worker, rollout.get_rollout)["rings"]] == [SUB_A]  # its own


def test_a_whole_district_caller_sees_the_people_of_no_community(scoped):
    db = scoped.db
    loner = call(db, admin(), people.register_person, name="区级人员")
    assert "区级人员" in {p["name"] for p in read(db, admin(), people.list_people)["items"]}
    sub_staff = ctx_for("subdistrict_staff", subdistrict=SUB_A)
    assert "区级人员" not in {p["name"] for p in read(db, sub_staff, people.list_people)["items"]}
    with pytest.raises(NotFound):
        read(db, sub_staff, people.get_person, id=loner["id"])
    with pytest.raises(PermissionDenied) as err:  # nor registers one
        call(db, sub_staff, people.register_person, name="区级人员二")
    assert err.value.field == "home_community"


def test_a_community_worker_sees_the_committee_above_but_changes_nothing_of_it(scoped):
    db, worker = scoped.db, ctx_for("community_worker", subdistrict=SUB_A, community=COMM_A2)
    assert read(db, worker, orgs.get_organisation, id=scoped["wc"])["name"] == "东湖街道党工委"
    staff = ctx_for(*ALL_ROLES, subdistrict=SUB_A, community=COMM_A2)
    before = contents(db)
    with pytest.raises(PermissionDenied) as err:
        call(db, staff, orgs.rename_organisation, id=scoped["wc"], name="改名党工委")
    assert err.value.field == "id"
    assert contents(db) == before


def test_a_transfer_out_of_a_unit_the_caller_cannot_change_is_refused(scoped):
    """p6 lives in the sibling community but belongs to a branch of the target community: the sibling
    sees p6, yet may not end that membership by transferring p6 into its own branch."""
    db = scoped.db
    call(db, admin(), people.join_organisation, person_id=scoped["p6"], organisation_id=scoped["b2"])
    sibling = ctx_for(*ALL_ROLES, subdistrict=SUB_A, community=COMM_A2)
    with pytest.raises(FailedPrecondition):  # the one-unit rule sees the membership it cannot see
        call(db, sibling, people.join_organisation, person_id=scoped["p6"], organisation_id=scoped["b3"])
    before = contents(db)
    with pytest.raises(PermissionDenied) as err:
        call(db, sibling, people.join_organisation, person_id=scoped["p6"], organisation_id=scoped["b3"],
             transfer=True)
    assert err.value.field == "transfer"
    assert contents(db) == before
    moved = call(db, SUB_OWNER, people.join_organisation, person_id=scoped["p6"], organisation_id=scoped["b3"],
                 transfer=True)
    assert moved["organisation_id"] == scoped["b3"]


@pytest.mark.parametrize("who", sorted(INTRUDERS))
def test_a_sibling_scopes_record_looks_absent_not_forbidden(scoped, who):
    """Ids are opaque: a record lying in a sibling's scope is NOT_FOUND, exactly as another district's is."""
    ctx = INTRUDERS[who]
    for fn, key in ((orgs.get_organisation, "b1"), (orgs.get_name_history, "b1"), (ratings.list_ratings, "b1"),
                    (orgs.list_organisation_tree, "cc"), (people.get_person, "p1")):
        with pytest.raises(NotFound) as err:
            read(scoped.db, ctx, fn, id=scoped[key])
        assert err.value.field == "id", fn.__name__
