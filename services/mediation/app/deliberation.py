"""Deliberation meetings and "four deliberations, two disclosures" (四议两公开) with votes and actions."""
from __future__ import annotations


from sqlalchemy import func, select

from services.common import clock
from services.common.db import UnitOfWork
from services.common.divisions import check_code_format
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from services.common.values import parse_date
from services.mediation import models as m
from services.mediation.app._base import audit, district_of, get_case
from services.mediation.domain import cases as case_rules
from services.mediation.domain import deliberation as rules
from services.mediation.permissions import POLICY


def voting_rules(uow: UnitOfWork, district: str) -> rules.VotingRules:
    row = uow.session.get(m.DistrictSettings, district)
    return rules.VotingRules(row.quorum, row.majority) if row else rules.VotingRules()


def set_voting_rules(uow: UnitOfWork, *, quorum: float, majority: float) -> dict:
    """Quorum (share of representatives taking part) and majority (share of votes cast), per district."""
    POLICY.check(uow.ctx, "configure")
    district = district_of(uow)
    new = rules.VotingRules(float(quorum), float(majority))
    row = uow.session.get(m.DistrictSettings, district)
    before = {"quorum": row.quorum, "majority": row.majority} if row else None
    if row is None:
        uow.session.add(m.DistrictSettings(district=district, quorum=new.quorum, majority=new.majority))
    else:
        row.quorum, row.majority = new.quorum, new.majority
    audit(uow, district, "set voting rules", district, before, {"quorum": new.quorum, "majority": new.majority})
    return {"district": district, "quorum": new.quorum, "majority": new.majority}


def _community(uow, community):
    community = check_code_format(community, "community", "community")
    uow.ctx.check_scope(community, "community", write=True)
    return community


def schedule_meeting(uow: UnitOfWork, *, community: str, kind: str, held_on: str, agenda: list[dict],
                     attendance: list[str] | None = None, representatives_eligible: int = 0) -> dict:
    """A residents' hall (monthly) or party-and-residents meeting, its agenda linked to cases."""
    POLICY.check(uow.ctx, "run deliberations")
    district = district_of(uow)
    community = _community(uow, community)
    if kind not in rules.MEETING_KINDS:
        raise InvalidArgument(f"must be one of {', '.join(rules.MEETING_KINDS)}", "kind")
    if not agenda:
        raise InvalidArgument("a meeting needs an agenda", "agenda")
    items = []
    for i, item in enumerate(agenda):
        title = case_rules.check_text(item.get("title"), f"agenda[{i}].title", 200)
        case_id = item.get("case_id") or None
        if case_id:
            get_case(uow, case_id, f"agenda[{i}].case_id")
        items.append({"title": title, "case_id": case_id or ""})
    if isinstance(representatives_eligible, bool) or not isinstance(representatives_eligible, int) \
            or representatives_eligible < 0:
        raise InvalidArgument("must be a whole number of zero or more", "representatives_eligible")
    meeting = m.Meeting(district=district, community=community, kind=kind, held_on=parse_date(held_on, "held_on"),
                        agenda=items, attendance=[case_rules.check_text(a, "attendance", 100)
                                                  for a in attendance or []],
                        representatives_eligible=representatives_eligible)
    uow.session.add(meeting)
    uow.flush()
    audit(uow, district, "schedule meeting", meeting.id, after={"kind": kind, "held_on": held_on})
    return meeting_out(meeting)


def meeting_out(mt: m.Meeting) -> dict:
    return {"id": mt.id, "community": mt.community, "kind": mt.kind, "held_on": mt.held_on.isoformat(),
            "agenda": list(mt.agenda), "attendance": list(mt.attendance),
            "representatives_eligible": mt.representatives_eligible}


def matter_out(uow: UnitOfWork, x: m.Matter) -> dict:
    actions = uow.session.scalars(select(m.Action).where(m.Action.matter_id == x.id).order_by(m.Action.due_on))
    return {"id": x.id, "community": x.community, "title": x.title, "proposal": x.proposal,
            "case_id": x.case_id or "", "meeting_id": x.meeting_id or "", "stage": x.stage,
            "stage_number": (rules.STAGES.index(x.stage) + 1) if x.stage in rules.STAGES else 0,
            "vote": x.vote or {}, "decision": x.decision or "", "result": x.result or "",
            "history": list(x.history or []),
            "actions": [{"id": a.id, "description": a.description, "owner": a.owner, "due_on": a.due_on.isoformat(),
                         "done_on": a.done_on.isoformat() if a.done_on else "", "note": a.note or ""}
                        for a in actions]}


def _matter(uow: UnitOfWork, matter_id: str) -> m.Matter:
    x = uow.session.get(m.Matter, matter_id) if matter_id else None
    if x is None or not uow.ctx.can_see_district(x.district):
        raise NotFound(f"no matter {matter_id!r}", "matter_id")
    return x


def _step(uow, x: m.Matter, stage: str, note: str | None = None):
    x.history = list(x.history or []) + [{"stage": stage, "by": uow.ctx.actor, "on": clock.today().isoformat(),
                                          "note": note or ""}]
    x.stage = stage


def propose_matter(uow: UnitOfWork, *, community: str, title: str, proposal: str, case_id: str | None = None,
                   meeting_id: str | None = None) -> dict:
    """第一议: the party branch proposes."""
    POLICY.check(uow.ctx, "run deliberations")
    district = district_of(uow)
    community = _community(uow, community)
    if case_id:
        get_case(uow, case_id)
    if meeting_id:
        meeting = uow.session.get(m.Meeting, meeting_id)
        if meeting is None or meeting.district != district:
            raise NotFound(f"no meeting {meeting_id!r}", "meeting_id")
    x = m.Matter(district=district, community=community, title=case_rules.check_text(title, "title", 200),
                 proposal=case_rules.check_text(proposal, "proposal"), case_id=case_id or None,
                 meeting_id=meeting_id or None, stage="proposed", history=[])
    _step(uow, x, "proposed")
    uow.session.add(x)
    uow.flush()
    audit(uow, district, "propose matter", x.id, after={"title": x.title})
    return matter_out(uow, x)


def record_deliberation(uow: UnitOfWork, *, matter_id: str, note: str) -> dict:
    """第二议 and 第三议: the two committees discuss, then the members' meeting reviews."""
    POLICY.check(uow.ctx, "run deliberations")
    x = _matter(uow, matter_id)
    uow.ctx.check_scope(x.community, "matter_id", write=True)
    if x.stage not in ("proposed", "committees_discussed"):
        raise FailedPrecondition(f"the matter is at {x.stage}; committees and members deliberate before the vote",
                                 "matter_id")
    _step(uow, x, rules.next_stage(x.stage), case_rules.check_text(note, "note", 2000))
    audit(uow, x.district, f"deliberation: {x.stage}", x.id, after={"stage": x.stage})
    return matter_out(uow, x)


def record_vote(uow: UnitOfWork, *, matter_id: str, eligible: int = 0, yes: int = 0, no: int = 0,
                abstain: int = 0) -> dict:
    """第四议: resident representatives decide. No quorum or no majority: the matter is rejected.

    The representatives entitled to vote are the meeting's when the matter is on one."""
    POLICY.check(uow.ctx, "run deliberations")
    x = _matter(uow, matter_id)
    uow.ctx.check_scope(x.community, "matter_id", write=True)
    rules.check_stage(x.stage, "members_reviewed")
    meeting = uow.session.get(m.Meeting, x.meeting_id) if x.meeting_id else None
    if meeting is not None and meeting.representatives_eligible:
        if eligible and eligible != meeting.representatives_eligible:
            raise InvalidArgument(f"the meeting has {meeting.representatives_eligible} representatives entitled "
                                  "to vote", "eligible")
        eligible = meeting.representatives_eligible
    result = rules.count_votes(eligible, yes, no, abstain, voting_rules(uow, x.district))
    x.vote = {"eligible": eligible, "yes": yes, "no": no, "abstain": abstain, "quorum_met": result.quorum_met,
              "passed": result.passed, "reason": result.reason}
    _step(uow, x, "voted" if result.passed else rules.REJECTED, result.reason)
    audit(uow, x.district, "record vote", x.id, after=x.vote)
    return matter_out(uow, x)


def publish_decision(uow: UnitOfWork, *, matter_id: str, decision: str, actions: list[dict]) -> dict:
    """决议公开: the decision is published with its actions (owner, deadline)."""
    POLICY.check(uow.ctx, "run deliberations")
    x = _matter(uow, matter_id)
    uow.ctx.check_scope(x.community, "matter_id", write=True)
    rules.check_stage(x.stage, "voted")
    if not actions:
        raise InvalidArgument("a resolution carries at least one action", "actions")
    today = clock.today()
    for i, a in enumerate(actions):
        due = parse_date(a.get("due_on"), f"actions[{i}].due_on")
        if due < today:
            raise InvalidArgument("must not be in the past", f"actions[{i}].due_on")
        uow.session.add(m.Action(matter_id=x.id, district=x.district,
                                 description=case_rules.check_text(a.get("description"), f"actions[{i}].description",
                                                                   1000),
                                 owner=case_rules.check_text(a.get("owner"), f"actions[{i}].owner", 100),
                                 due_on=due))
    x.decision = case_rules.check_text(decision, "decision")
    _step(uow, x, "decision_published")
    uow.flush()
    audit(uow, x.district, "publish decision", x.id, after={"decision": x.decision})
    out = matter_out(uow, x)
    uow.emit("resolution.published", x.district, {"matter_id": x.id, "community": x.community, "title": x.title,
                                                  "decision": x.decision, "case_id": x.case_id or None,
                                                  "actions": out["actions"]}, x.community[:9])
    return out


def complete_action(uow: UnitOfWork, *, action_id: str, note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "run deliberations")
    a = uow.session.get(m.Action, action_id) if action_id else None
    if a is None or not uow.ctx.can_see_district(a.district):
        raise NotFound(f"no action {action_id!r}", "action_id")
    x = _matter(uow, a.matter_id)
    uow.ctx.check_scope(x.community, "action_id", write=True)
    if a.done_on is not None:
        raise FailedPrecondition(f"done on {a.done_on}", "action_id")
    a.done_on, a.note = clock.today(), case_rules.check_text(note, "note", 1000, required=False)
    audit(uow, x.district, "complete action", a.id, after={"done_on": a.done_on.isoformat()})
    return matter_out(uow, x)


def publish_result(uow: UnitOfWork, *, matter_id: str, result: str) -> dict:
    """实施结果公开: once every action is done."""
    POLICY.check(uow.ctx, "run deliberations")
    x = _matter(uow, matter_id)
    uow.ctx.check_scope(x.community, "matter_id", write=True)
    rules.check_stage(x.stage, "decision_published")
    open_actions = uow.session.scalar(select(func.count()).select_from(m.Action).where(
        m.Action.matter_id == x.id, m.Action.done_on.is_(None)))
    rules.check_result_can_be_published(open_actions)
    x.result = case_rules.check_text(result, "result")
    _step(uow, x, "result_published")
    audit(uow, x.district, "publish result", x.id, after={"result": x.result})
    uow.emit("resolution.result_published", x.district, {"matter_id": x.id, "community": x.community,
                                                         "result": x.result}, x.community[:9])
    return matter_out(uow, x)


def get_matter(uow: UnitOfWork, *, matter_id: str) -> dict:
    POLICY.check(uow.ctx, "read deliberations")
    return matter_out(uow, _matter(uow, matter_id))
