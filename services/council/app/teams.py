"""Service teams (服务小队): the skills register, teams formed by interest, trade or skill, and the
activities they deliver, each announced as ``service.delivered`` (its contract:
services/common/contracts/council.service.delivered.json), which the points service credits to the
leading unit and to each volunteer once. The rules are services/council/domain/teams.py."""
from __future__ import annotations

from datetime import date

from services.common import clock
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.common.registry_client import resident_of
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import parse_date, text
from services.council import models as m
from services.council import serializers as out
from services.council.app.councils import members_of
from services.council.domain import teams as rules
from services.council.permissions import POLICY
from services.council.repository import Repository

CONFLICTS["uq_skilled_people_once"] = lambda: AlreadyExists("is on the council's skills register already", "person_id")


def register_skills(uow: UnitOfWork, *, council_id: str, person_id: str, skills: list[str],
                    trade: str | None = None, interests: str | None = None) -> dict:
    """技能登记: a person of the community on the council's skills register (again: the skills replaced)."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    person = resident_of(council.district, council.community, person_id, "person_id")
    listed = rules.check_skills(skills)
    row = r.first(m.SkilledPerson, m.SkilledPerson.council_id == council.id, m.SkilledPerson.person_id == person_id)
    before = out.skilled(row) if row else None
    if row is None:
        row = r.add(m.SkilledPerson(district=council.district, community=council.community, council_id=council.id,
                                    person_id=person_id, name=person.get("name") or person_id, skills=listed))
    else:
        row.skills = listed
    row.trade, row.interests = text(trade, "trade", 100), text(interests, "interests", 200)
    uow.flush()
    audit(uow, council.district, "register skills", council.id, before, out.skilled(row))
    return out.skilled(row)


def list_skills(uow: UnitOfWork, *, council_id: str, skill: str | None = None) -> dict:
    """The skills register, or those on it with a skill."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    council = r.council(council_id)
    rows = r.all(m.SkilledPerson, m.SkilledPerson.council_id == council.id,
                 order_by=(m.SkilledPerson.name, m.SkilledPerson.id))
    wanted = (skill or "").strip()
    return out.items([x for x in rows if not wanted or wanted in x.skills], out.skilled)


def form_team(uow: UnitOfWork, *, council_id: str, name: str, basis: str, kind: str,
              unit_id: str | None = None) -> dict:
    """服务小队, formed by interest, trade or skill, perhaps led by a member unit of the council."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    rules.check_team(basis, kind)
    unit_name = None
    if unit_id:
        unit = next((x for x in members_of(r, council) if x.organisation_id == unit_id), None)
        if unit is None:
            raise FailedPrecondition("is not a member unit of the council", "unit_id")
        unit_name = unit.organisation_name
    team = r.add(m.ServiceTeam(district=council.district, community=council.community, council_id=council.id,
                               name=text(name, "name", 100, required=True), basis=basis, kind=kind,
                               unit_id=unit_id or None, unit_name=unit_name))
    uow.flush()
    audit(uow, council.district, "form team", team.id, after=out.team(team))
    return out.team(team)


def _team_members(r: Repository, team: m.ServiceTeam) -> list[m.TeamMember]:
    return r.all(m.TeamMember, m.TeamMember.team_id == team.id, m.TeamMember.left_on.is_(None),
                 order_by=(m.TeamMember.joined_on, m.TeamMember.name, m.TeamMember.id))


def add_team_member(uow: UnitOfWork, *, team_id: str, person_id: str) -> dict:
    """A person of the skills register joins a team, once."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    team = r.get(m.ServiceTeam, team_id, "team_id", "team", write=True)
    listed = r.first(m.SkilledPerson, m.SkilledPerson.council_id == team.council_id,
                     m.SkilledPerson.person_id == person_id)
    if listed is None:
        raise FailedPrecondition("is not on the council's skills register: register the person's skills first",
                                 "person_id")
    if any(x.person_id == person_id for x in _team_members(r, team)):
        raise AlreadyExists("is in the team already", "person_id")
    r.add(m.TeamMember(district=team.district, community=team.community, team_id=team.id, person_id=person_id,
                       name=listed.name, joined_on=clock.today()))
    uow.flush()
    audit(uow, team.district, "add team member", team.id, after={"person_id": person_id})
    return _shaped_team(r, team)


def remove_team_member(uow: UnitOfWork, *, team_id: str, person_id: str) -> dict:
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    team = r.get(m.ServiceTeam, team_id, "team_id", "team", write=True)
    row = next((x for x in _team_members(r, team) if x.person_id == person_id), None)
    if row is None:
        raise FailedPrecondition("is not in the team", "person_id")
    row.left_on = clock.today()
    audit(uow, team.district, "remove team member", team.id, before={"person_id": person_id})
    return _shaped_team(r, team)


def _shaped_team(r: Repository, team: m.ServiceTeam) -> dict:
    return out.team(team, _team_members(r, team))


def get_team(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    return _shaped_team(r, r.get(m.ServiceTeam, id, "id", "team"))


def list_teams(uow: UnitOfWork, *, council_id: str) -> dict:
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    council = r.council(council_id)
    return {"items": [_shaped_team(r, t) for t in r.all(m.ServiceTeam, m.ServiceTeam.council_id == council.id,
                                                         order_by=(m.ServiceTeam.name, m.ServiceTeam.id))]}


def record_activity(uow: UnitOfWork, *, team_id: str, title: str, served_on: str, people_served: int,
                    volunteer_ids: list[str], project_id: str | None = None) -> dict:
    """An activity the team delivered: who of its members served and how many people were served;
    announced as ``service.delivered`` (the team's unit and each volunteer), credited once each in points."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    team = r.get(m.ServiceTeam, team_id, "team_id", "team", write=True)
    on = parse_date(served_on, "served_on")
    members = {x.person_id: x for x in _team_members(r, team)}
    served = rules.check_activity(on, clock.today(), people_served, volunteer_ids, set(members))
    if project_id and r.get(m.Project, project_id, "project_id", "project").council_id != team.council_id:
        raise FailedPrecondition("is a project of another council", "project_id")
    volunteers = [{"person_id": p, "name": members[p].name} for p in served]
    row = r.add(m.ServiceActivity(district=team.district, community=team.community, council_id=team.council_id,
                                  team_id=team.id, title=text(title, "title", 200, required=True), served_on=on,
                                  people_served=people_served, volunteers=volunteers, unit_id=team.unit_id,
                                  project_id=project_id or None, recorded_by=uow.ctx.actor))
    uow.flush()
    shaped = out.activity(row)
    audit(uow, team.district, "record activity", row.id, after=shaped)
    uow.emit("service.delivered", team.district, out.delivered_event(row, team), subdistrict_of(team.community))
    return shaped


def list_activities(uow: UnitOfWork, *, team_id: str | None = None, council_id: str | None = None,
                    from_date: str | None = None, to_date: str | None = None) -> dict:
    """A team's or a council's activities, latest first, with the people served in all."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    if team_id and council_id:  # named by the second: the one that should not be there
        raise InvalidArgument("give exactly one of team_id or council_id, not both", "council_id")
    if not team_id and not council_id:
        raise InvalidArgument("is required: give team_id, or council_id for all the council's teams", "team_id")
    where = [m.ServiceActivity.team_id == r.get(m.ServiceTeam, team_id, "team_id", "team").id] if team_id else \
        [m.ServiceActivity.council_id == r.council(council_id).id]
    start = parse_date(from_date, "from_date") if from_date else date.min
    end = parse_date(to_date, "to_date") if to_date else date.max
    if end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    rows = r.all(m.ServiceActivity, *where, m.ServiceActivity.served_on >= start, m.ServiceActivity.served_on <= end,
                 order_by=(m.ServiceActivity.served_on.desc(), m.ServiceActivity.id))
    return {"items": [out.activity(x) for x in rows], "people_served": sum(x.people_served for x in rows)}
