"""Councils (共建理事团): one per community, its leader group and member units, the rotating chair,
the yearly work plan. The rules are services/council/domain/councils.py."""
from __future__ import annotations

from services.common import clock
from services.common.db import UnitOfWork
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.common.registry_client import holds_post, organisation_in, person_in, registry
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import parse_date, text
from services.council import models as m
from services.council import serializers as out
from services.council.domain import councils as rules
from services.council.permissions import POLICY
from services.council.repository import Repository

# two councils founded at once for one community (PostgreSQL's unique key): the second is told
CONFLICTS["uq_councils_community"] = lambda: AlreadyExists("has a council already", "community")


def members_of(r: Repository, council: m.Council) -> list[m.CouncilMember]:
    """The council's member units today (a keyed follow-up of the checked council)."""
    return r.all(m.CouncilMember, m.CouncilMember.council_id == council.id, m.CouncilMember.left_on.is_(None),
                 order_by=(m.CouncilMember.leader_group.desc(), m.CouncilMember.organisation_name, m.CouncilMember.id))


def current_chair(r: Repository, council: m.Council) -> m.ChairTerm | None:
    today = clock.today()
    return r.first(m.ChairTerm, m.ChairTerm.council_id == council.id, m.ChairTerm.starts_on <= today,
                   m.ChairTerm.ends_on >= today)


def _shaped(r: Repository, council: m.Council) -> dict:
    return out.council(council, members_of(r, council), current_chair(r, council))


def _leader(district: str, community: str, leader_id: str) -> dict:
    """The community's party secretary: a registry person holding the running secretary post of the
    community's own party organisation."""
    person = person_in(district, leader_id, "leader_id")
    post = holds_post(district, community, leader_id, "secretary", "leader_id")
    organisation = registry().organisation(district, post["organisation_id"]) or {}
    rules.check_leading_organisation(organisation.get("kind"), organisation.get("name") or post["organisation_id"])
    return person


def create_council(uow: UnitOfWork, *, community: str, name: str, leader_id: str,
                   rotating_chair: bool = False) -> dict:
    """共建理事团: a community's council, its leader group headed by the community's party secretary."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    community = r.code(community, "community", "community", write=True)
    name = text(name, "name", 100, required=True)
    if r.whole_district().exists(m.Council, m.Council.community == community):
        raise AlreadyExists(f"community {community} has a council already", "community")
    leader = _leader(uow.ctx.district, community, leader_id)
    council = r.add(m.Council(district=uow.ctx.district, community=community, name=name, leader_id=leader_id,
                              leader_name=leader.get("name") or leader_id, rotating_chair=bool(rotating_chair),
                              founded_on=clock.today()))
    uow.flush()
    shaped = out.council(council)
    audit(uow, council.district, "create council", council.id, after=shaped)
    return shaped


def get_council(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    return _shaped(r, r.council(id, "id"))


def list_councils(uow: UnitOfWork, *, division_code: str | None = None) -> dict:
    """The councils of a sub-district or community (default: the caller's scope)."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    scope = r.scope_code(division_code, "division_code")
    return out.items(r.all(m.Council, r.under(m.Council.community, scope), order_by=(m.Council.community,)),
                     out.council)


def change_leader(uow: UnitOfWork, *, council_id: str, leader_id: str) -> dict:
    """A new community secretary heads the leader group (after an election, say)."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    leader = _leader(council.district, council.community, leader_id)
    before = out.council(council)
    council.leader_id, council.leader_name = leader_id, leader.get("name") or leader_id
    audit(uow, council.district, "change council leader", council.id, before, out.council(council))
    return _shaped(r, council)


def add_member(uow: UnitOfWork, *, council_id: str, organisation_id: str, leader_group: bool = False,
               joined_on: str | None = None) -> dict:
    """A unit joins the council: a partner unit or a social organisation of the district, once."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    org = organisation_in(council.district, organisation_id, "organisation_id")
    rules.check_member_kind(org.get("kind"), org.get("name") or organisation_id)
    if any(x.organisation_id == organisation_id for x in members_of(r, council)):
        raise AlreadyExists("is a member of this council already", "organisation_id")
    on = parse_date(joined_on, "joined_on") if joined_on else clock.today()
    row = r.add(m.CouncilMember(district=council.district, community=council.community, council_id=council.id,
                                organisation_id=organisation_id, organisation_name=org.get("name") or organisation_id,
                                organisation_kind=org["kind"], leader_group=bool(leader_group), joined_on=on))
    uow.flush()
    audit(uow, council.district, "add council member", council.id, after=out.member(row))
    uow.emit("council.member_joined", council.district, {"council_id": council.id, **out.member(row)},
             council.community[:9])
    return out.member(row)


def remove_member(uow: UnitOfWork, *, member_id: str, reason: str) -> dict:
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    row = r.get(m.CouncilMember, member_id, "member_id", "council member", write=True)
    if row.left_on is not None:
        raise FailedPrecondition(f"left the council on {row.left_on}", "member_id")
    before = out.member(row)
    row.left_on, row.left_reason = clock.today(), text(reason, "reason", 500, required=True)
    audit(uow, row.district, "remove council member", row.council_id, before, out.member(row), reason=row.left_reason)
    return out.member(row)


def set_chair(uow: UnitOfWork, *, council_id: str, organisation_id: str, starts_on: str, ends_on: str) -> dict:
    """轮值主席: a member unit chairs a council that rotates its chair, for a term after the one before."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    if not council.rotating_chair:
        raise FailedPrecondition("this council has no rotating chair: its leader group is chaired by the "
                                 "community's secretary", "council_id")
    member = next((x for x in members_of(r, council) if x.organisation_id == organisation_id), None)
    if member is None:
        raise FailedPrecondition("is not a member unit of the council", "organisation_id")
    start, end = parse_date(starts_on, "starts_on"), parse_date(ends_on, "ends_on")
    last = next(iter(r.all(m.ChairTerm, m.ChairTerm.council_id == council.id, order_by=m.ChairTerm.ends_on.desc(),
                           limit=1)), None)
    rules.check_chair_term(start, end, last.ends_on if last else None)
    term = r.add(m.ChairTerm(district=council.district, community=council.community, council_id=council.id,
                             organisation_id=organisation_id, organisation_name=member.organisation_name,
                             starts_on=start, ends_on=end))
    uow.flush()
    audit(uow, council.district, "set council chair", council.id, after=out.chair(term))
    return out.chair(term)


def set_work_plan(uow: UnitOfWork, *, council_id: str, year: int, items: list) -> dict:
    """年度工作计划: the council's plan for a year, replacing the one set before (kept in the audit log)."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    plan_items = rules.check_plan(year, items, clock.today().year)
    members = {x.organisation_id for x in members_of(r, council)}
    for i, item in enumerate(plan_items):
        if item["lead_organisation_id"] and item["lead_organisation_id"] not in members:
            raise FailedPrecondition("is not a member unit of the council", f"items[{i}].lead_organisation_id")
    plan = r.first(m.WorkPlan, m.WorkPlan.council_id == council.id, m.WorkPlan.year == year)
    before = out.work_plan(plan) if plan else None
    if plan is None:
        plan = r.add(m.WorkPlan(district=council.district, community=council.community, council_id=council.id,
                                year=year, items=plan_items, set_by=uow.ctx.actor))
    else:
        plan.items, plan.set_by, plan.set_at = plan_items, uow.ctx.actor, clock.now()
    uow.flush()
    audit(uow, council.district, "set work plan", council.id, before, out.work_plan(plan))
    return out.work_plan(plan)


def get_work_plan(uow: UnitOfWork, *, council_id: str, year: int = 0) -> dict:
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    council = r.council(council_id)
    year = year or clock.today().year
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidArgument("must be a year from 2000 to 2100", "year")
    plan = r.first(m.WorkPlan, m.WorkPlan.council_id == council.id, m.WorkPlan.year == year)
    if plan is None:
        return {"council_id": council.id, "year": year, "items": [], "set_by": ""}
    return out.work_plan(plan)
