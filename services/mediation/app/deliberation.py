"""Deliberation meetings and "four deliberations, two disclosures" (四议两公开) with votes and actions."""
from __future__ import annotations

from services.common import clock
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.registry_client import division_in
from services.common.tables import audit
from services.common.values import parse_date, text, whole_number
from services.mediation import models as m
from services.mediation import serializers
from services.mediation.domain import deliberation as rules
from services.mediation.domain.cases import LONG_TEXT
from services.mediation.permissions import POLICY
from services.mediation.repository import Repository


def voting_rules(r: Repository, district: str) -> rules.VotingRules:
    row = r.find(m.DistrictSettings, district)
    return rules.VotingRules(row.quorum, row.majority) if row else rules.VotingRules()


def set_voting_rules(uow: UnitOfWork, *, quorum: float, majority: float) -> dict:
    """Quorum (share of representatives taking part) and majority (share of votes cast), per district."""
    POLICY.check(uow.ctx, "configure")
    r = Repository(uow)
    district = r.district_setting()
    new = rules.VotingRules(float(quorum), float(majority))
    row = r.find(m.DistrictSettings, district)
    before = {"quorum": row.quorum, "majority": row.majority} if row else None
    if row is None:
        r.add(m.DistrictSettings(district=district, quorum=new.quorum, majority=new.majority))
    else:
        row.quorum, row.majority = new.quorum, new.majority
    audit(uow, district, "set voting rules", district, before, {"quorum": new.quorum, "majority": new.majority})
    return serializers.voting_rules(district, new)


def schedule_meeting(uow: UnitOfWork, *, community: str, kind: str, held_on: str, agenda: list[dict],
                     attendance: list[str] | None = None, representatives_eligible: int = 0) -> dict:
    """A residents' hall (monthly) or party-and-residents meeting, its agenda linked to the community's cases."""
    POLICY.check(uow.ctx, "run deliberations")
    r = Repository(uow)
    district = r.district_for_write()
    community = r.code(community, "community", "community", write=True)
    division_in(district, community, "community")
    if kind not in rules.MEETING_KINDS:
        raise InvalidArgument(f"must be one of {', '.join(rules.MEETING_KINDS)}", "kind")
    if not agenda:
        raise InvalidArgument("a meeting needs an agenda", "agenda")
    items = []
    for i, item in enumerate(agenda):
        title = text(item.get("title"), f"agenda[{i}].title", 200, required=True)
        case_id = item.get("case_id") or None
        if case_id:
            r.case(case_id, f"agenda[{i}].case_id", inside=community)
        items.append({"title": title, "case_id": case_id or ""})
    whole_number(representatives_eligible, "representatives_eligible", 0)
    meeting = r.add(m.Meeting(district=district, community=community, kind=kind,
                              held_on=parse_date(held_on, "held_on"), agenda=items,
                              attendance=[text(a, f"attendance[{i}]", 100, required=True)
                                          for i, a in enumerate(attendance or [])],
                              representatives_eligible=representatives_eligible))
    uow.flush()
    audit(uow, district, "schedule meeting", meeting.id, after={"kind": kind, "held_on": held_on})
    return serializers.meeting(meeting)


def _reply(r: Repository, x: m.Matter) -> dict:
    return serializers.matter(x, r.all(m.Action, m.Action.matter_id == x.id, order_by=m.Action.due_on))


def _matter(r: Repository, matter_id: str, write: bool = False) -> m.Matter:
    return r.get(m.Matter, matter_id, "matter_id", "matter", write=write)


def _step(uow, x: m.Matter, stage: str, note: str | None = None):
    x.history = list(x.history or []) + [{"stage": stage, "by": uow.ctx.actor, "on": clock.today().isoformat(),
                                          "note": note or ""}]
    x.stage = stage


def propose_matter(uow: UnitOfWork, *, community: str, title: str, proposal: str, case_id: str | None = None,
                   meeting_id: str | None = None) -> dict:
    """第一议: the party branch proposes. The case and the meeting it names are the community's own."""
    POLICY.check(uow.ctx, "run deliberations")
    r = Repository(uow)
    district = r.district_for_write()
    community = r.code(community, "community", "community", write=True)
    division_in(district, community, "community")
    title, proposal = text(title, "title", 200, required=True), text(proposal, "proposal", LONG_TEXT, required=True)
    if case_id:
        r.case(case_id, "case_id", inside=community)
    if meeting_id:
        r.get(m.Meeting, meeting_id, "meeting_id", "meeting", inside=community)
    x = m.Matter(district=district, community=community, title=title, proposal=proposal, case_id=case_id or None,
                 meeting_id=meeting_id or None, stage="proposed", history=[])
    _step(uow, x, "proposed")
    r.add(x)
    uow.flush()
    audit(uow, district, "propose matter", x.id, after={"title": x.title})
    return _reply(r, x)


def record_deliberation(uow: UnitOfWork, *, matter_id: str, note: str) -> dict:
    """第二议 and 第三议: the two committees discuss, then the members' meeting reviews."""
    POLICY.check(uow.ctx, "run deliberations")
    r = Repository(uow)
    x = _matter(r, matter_id, write=True)
    if x.stage not in ("proposed", "committees_discussed"):
        raise FailedPrecondition(f"the matter is at {x.stage}; committees and members deliberate before the vote",
                                 "matter_id")
    _step(uow, x, rules.next_stage(x.stage), text(note, "note", 2000, required=True))
    audit(uow, x.district, f"deliberation: {x.stage}", x.id, after={"stage": x.stage})
    return _reply(r, x)


def record_vote(uow: UnitOfWork, *, matter_id: str, eligible: int = 0, yes: int = 0, no: int = 0,
                abstain: int = 0) -> dict:
    """第四议: resident representatives decide. No quorum or no majority: the matter is rejected.

    The representatives entitled to vote are the meeting's when the matter is on one."""
    POLICY.check(uow.ctx, "run deliberations")
    r = Repository(uow)
    x = _matter(r, matter_id, write=True)
    rules.check_stage(x.stage, "members_reviewed")
    meeting = r.get(m.Meeting, x.meeting_id, "matter_id", "meeting") if x.meeting_id else None
    if meeting is not None and meeting.representatives_eligible:
        if eligible and eligible != meeting.representatives_eligible:
            raise InvalidArgument(f"the meeting has {meeting.representatives_eligible} representatives entitled "
                                  "to vote", "eligible")
        eligible = meeting.representatives_eligible
    result = rules.count_votes(eligible, yes, no, abstain, voting_rules(r, x.district))
    x.vote = {"eligible": eligible, "yes": yes, "no": no, "abstain": abstain, "quorum_met": result.quorum_met,
              "passed": result.passed, "reason": result.reason}
    _step(uow, x, "voted" if result.passed else rules.REJECTED, result.reason)
    audit(uow, x.district, "record vote", x.id, after=x.vote)
    return _reply(r, x)


def publish_decision(uow: UnitOfWork, *, matter_id: str, decision: str, actions: list[dict]) -> dict:
    """决议公开: the decision is published with its actions (owner, deadline)."""
    POLICY.check(uow.ctx, "run deliberations")
    r = Repository(uow)
    x = _matter(r, matter_id, write=True)
    rules.check_stage(x.stage, "voted")
    if not actions:
        raise InvalidArgument("a resolution carries at least one action", "actions")
    today = clock.today()
    for i, a in enumerate(actions):
        due = parse_date(a.get("due_on"), f"actions[{i}].due_on")
        if due < today:
            raise InvalidArgument("must not be in the past", f"actions[{i}].due_on")
        r.add(m.Action(matter_id=x.id, district=x.district,
                       description=text(a.get("description"), f"actions[{i}].description", 1000, required=True),
                       owner=text(a.get("owner"), f"actions[{i}].owner", 100, required=True), due_on=due))
    x.decision = text(decision, "decision", LONG_TEXT, required=True)
    _step(uow, x, "decision_published")
    uow.flush()
    audit(uow, x.district, "publish decision", x.id, after={"decision": x.decision})
    out = _reply(r, x)
    uow.emit("resolution.published", x.district, {"matter_id": x.id, "community": x.community, "title": x.title,
                                                  "decision": x.decision, "case_id": x.case_id or None,
                                                  "actions": out["actions"]}, subdistrict_of(x.community))
    return out


def complete_action(uow: UnitOfWork, *, action_id: str, note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "run deliberations")
    r = Repository(uow)
    a = r.get(m.Action, action_id, "action_id", "action", write=True)
    x = r.get(m.Matter, a.matter_id, "action_id", "matter")
    if a.done_on is not None:
        raise FailedPrecondition(f"done on {a.done_on}", "action_id")
    a.done_on, a.note = clock.today(), text(note, "note", 1000)
    audit(uow, x.district, "complete action", a.id, after={"done_on": a.done_on.isoformat()})
    return _reply(r, x)


def publish_result(uow: UnitOfWork, *, matter_id: str, result: str) -> dict:
    """实施结果公开: once every action is done."""
    POLICY.check(uow.ctx, "run deliberations")
    r = Repository(uow)
    x = _matter(r, matter_id, write=True)
    rules.check_stage(x.stage, "decision_published")
    rules.check_result_can_be_published(len(r.all(m.Action, m.Action.matter_id == x.id, m.Action.done_on.is_(None))))
    x.result = text(result, "result", LONG_TEXT, required=True)
    _step(uow, x, "result_published")
    audit(uow, x.district, "publish result", x.id, after={"result": x.result})
    uow.emit("resolution.result_published", x.district, {"matter_id": x.id, "community": x.community,
                                                         "result": x.result}, subdistrict_of(x.community))
    return _reply(r, x)


def get_matter(uow: UnitOfWork, *, matter_id: str) -> dict:
    POLICY.check(uow.ctx, "read deliberations")
    r = Repository(uow)
    return _reply(r, _matter(r, matter_id))
