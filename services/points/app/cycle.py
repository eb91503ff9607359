"""The member points annual cycle per branch and year, step by step, each by its allowed role."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from services.common import clock, paging
from services.common.context import Role
from services.common.db import UnitOfWork
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.divisions import subdistrict_of, within
from services.common.registry_client import organisation_in, person_in
from services.common.tables import audit
from services.common.values import text, whole_number
from services.points import models as m
from services.points import serializers
from services.points.repository import Repository
from services.points.domain import cycle as rules
from services.points.domain import ledger as ledger_rules
from services.points.permissions import POLICY, may


def cycle_out(uow: UnitOfWork, c: m.Cycle) -> dict:
    """The cycle as every cycle reply shows it: staff (in their scope: the cycle was found through the
    repository) see every member's line; any other reader, a member, their own line only. The scores and
    violation flags of the others are theirs and the branch's, not their neighbours' (deny by default)."""
    r = Repository(uow)
    where = [m.CycleMember.cycle_id == c.id]
    if not may(uow.ctx, "read members' scores"):
        where.append(m.CycleMember.person_id == uow.ctx.actor)
    members = r.all(m.CycleMember, *where, order_by=m.CycleMember.person_id)
    unanswered = len(r.all(m.Objection, m.Objection.cycle_id == c.id, m.Objection.answer.is_(None)))
    return serializers.cycle(c, members, unanswered)


def _cycle(uow: UnitOfWork, cycle_id: str, write: bool = True) -> m.Cycle:
    return Repository(uow).get(m.Cycle, cycle_id, "cycle_id", "cycle", write=write)


def _member(uow: UnitOfWork, c: m.Cycle, person_id: str) -> m.CycleMember:
    x = Repository(uow).first(m.CycleMember, m.CycleMember.cycle_id == c.id, m.CycleMember.person_id == person_id)
    if x is None:
        raise NotFound(f"{person_id!r} is not in this cycle", "person_id")
    return x


def open_cycle(uow: UnitOfWork, *, branch_id: str, community: str, year: int, members: list[dict]) -> dict:
    """Step 1 (启动): open the year's cycle for a branch with its members ({person_id, category})."""
    POLICY.check(uow.ctx, "run member cycles")
    rules.check_role("announced", uow.ctx.roles)
    r = Repository(uow)
    district = r.district_for_write()
    community = r.code(community, "community", "community", write=True)
    if not branch_id or not isinstance(branch_id, str) or len(branch_id) > 32:
        raise InvalidArgument("is required (the registry's organisation id)", "branch_id")
    year = whole_number(year, "year", 2000, 2100)
    if not members:
        raise InvalidArgument("name the branch's members", "members")
    seen = set()
    for i, member in enumerate(members):
        pid = member.get("person_id") if isinstance(member, dict) else None
        if not pid or pid in seen:
            raise InvalidArgument("a person id, once each", f"members[{i}].person_id")
        seen.add(pid)
    # the branch and its members are the registry's, of this district: another district's ids are not found
    branch = organisation_in(district, branch_id, "branch_id")
    if not within(branch.get("division_code"), community):
        raise InvalidArgument(f"the branch lies in {branch.get('division_code')}, not in community {community}",
                              "branch_id")
    for i, pid in enumerate(x["person_id"] for x in members):
        person_in(district, pid, f"members[{i}].person_id")
    if r.exists(m.Cycle, m.Cycle.branch_id == branch_id, m.Cycle.year == year):
        raise AlreadyExists(f"the {year} cycle of this branch is already open", "year")
    c = m.Cycle(district=district, branch_id=branch_id, community=community, year=int(year), step="announced",
                base_score=rules.DEFAULT_BASE_SCORE, thresholds=dict(rules.DEFAULT_THRESHOLDS),
                objection_days=rules.DEFAULT_OBJECTION_DAYS, history=[])
    r.add(c)
    uow.flush()
    for member in members:
        pid = member["person_id"]
        uow.session.add(m.CycleMember(cycle_id=c.id, district=district, person_id=pid,
                                      account_id=ledger_rules.account_id(district, "member", pid)))
    audit(uow, district, "open member cycle", c.id, after={"branch_id": branch_id, "year": year})
    return cycle_out(uow, c)


def set_cycle_rules(uow: UnitOfWork, *, cycle_id: str, base_score: float | None = None,
                    thresholds: dict | None = None, objection_days: int | None = None) -> dict:
    """Step 2 (制定积分细则): base score, grade thresholds, the objection window."""
    POLICY.check(uow.ctx, "run member cycles")
    c = _cycle(uow, cycle_id)
    rules.check_in_step(c.step, "rules_set")
    rules.check_role("rules_set", uow.ctx.roles)
    before = {"base_score": c.base_score, "thresholds": dict(c.thresholds), "objection_days": c.objection_days}
    if base_score is not None:
        c.base_score = rules.check_score(base_score, "base_score")
    if thresholds is not None:
        c.thresholds = rules.check_thresholds(thresholds)
    if objection_days is not None:
        if not isinstance(objection_days, int) or not 1 <= objection_days <= 30:
            raise InvalidArgument("must be from 1 to 30 days", "objection_days")
        c.objection_days = objection_days
    audit(uow, c.district, "set cycle rules", c.id, before,
          after={"base_score": c.base_score, "thresholds": c.thresholds, "objection_days": c.objection_days})
    return cycle_out(uow, c)


def advance_cycle(uow: UnitOfWork, *, cycle_id: str) -> dict:
    """Close the current step (by its role) and move to the next."""
    POLICY.check(uow.ctx, "run member cycles")
    c = _cycle(uow, cycle_id)
    rules.check_role(c.step, uow.ctx.roles)
    r = Repository(uow)
    members = r.all(m.CycleMember, m.CycleMember.cycle_id == c.id)
    today = clock.today()
    if c.step == "public_notice":
        unanswered = len(r.all(m.Objection, m.Objection.cycle_id == c.id, m.Objection.answer.is_(None)))
        rules.check_notice_can_close(rules.NoticeWindow(c.notice_opened_on, c.objection_days), today, unanswered)
    elif c.step == "initial_review":
        missing = [x.person_id for x in members if x.initial_score is None and not x.exempt]
        if missing:
            raise FailedPrecondition(f"no initial score for {', '.join(missing)}", "step")
    elif c.step == "members_meeting":
        missing = [x.person_id for x in members if x.meeting_score is None and not x.exempt]
        if missing:
            raise FailedPrecondition(f"no meeting assessment for {', '.join(missing)}", "step")
    elif c.step == "year_end_review":
        _final_scores(uow, c, members)
    elif c.step == "grading":
        for x in members:
            x.grade = None if x.exempt else rules.grade(x.final_score, c.thresholds, x.violation)
    elif c.step == "verification":
        for x in members:
            x.verified = True
    closed = c.step
    c.step = rules.next_step(c.step)
    if c.step == "public_notice":
        c.notice_opened_on = today
    c.history = list(c.history) + [{"step": closed, "closed_by": uow.ctx.actor, "on": today.isoformat()}]
    audit(uow, c.district, f"close {closed}", c.id, {"step": closed}, {"step": c.step})
    if c.step == "published":
        uow.emit("member_cycle.published", c.district,
                 {"cycle_id": c.id, "branch_id": c.branch_id, "year": c.year,
                  "grades": {x.person_id: x.grade for x in members if x.grade}}, subdistrict_of(c.community))
    return cycle_out(uow, c)


def _final_scores(uow: UnitOfWork, c: m.Cycle, members: list[m.CycleMember]) -> None:
    """年底评议: each member's score by the cycle's rules (``rules.final_score``): the base as the meeting
    assessed it, plus the member's net points of the year (awards, deductions and their reversals)."""
    tx, postings = m.Transaction.__table__, m.PostingRow.__table__
    for x in members:
        if x.exempt:
            continue
        net = uow.session.scalar(select(func.coalesce(func.sum(postings.c.amount), 0))
                                 .join(tx, tx.c.id == postings.c.transaction_id)
                                 .where(postings.c.account_id == x.account_id,
                                        tx.c.occurred_on >= date(c.year, 1, 1),
                                        tx.c.occurred_on <= date(c.year, 12, 31),
                                        tx.c.kind.in_(("award", "deduction", "reversal"))))
        x.final_score = rules.final_score(c.base_score, x.meeting_score, int(net))


def self_assess(uow: UnitOfWork, *, cycle_id: str, score: float, note: str | None = None) -> dict:
    """Step 3 (党员自评): a member scores themself (the token's actor is the person id)."""
    POLICY.check(uow.ctx, "self-assess")
    c = _cycle(uow, cycle_id)
    rules.check_in_step(c.step, "self_assessment")
    x = _member(uow, c, uow.ctx.actor)
    before = serializers.cycle_member(x)
    x.self_score, x.self_note = rules.check_score(score, "score"), text(note, "note")
    audit(uow, c.district, "self-assess", f"{c.id}:{x.person_id}", before, serializers.cycle_member(x))
    return serializers.cycle_member(x)


def record_assessment(uow: UnitOfWork, *, cycle_id: str, person_id: str, score: float,
                      violation: bool = False, note: str | None = None) -> dict:
    """Steps 4 and 5: the branch's initial score, then the members' meeting assessment.

    A violation of law or discipline is recorded here and makes the member unqualified.
    """
    POLICY.check(uow.ctx, "run member cycles")
    c = _cycle(uow, cycle_id)
    if c.step not in ("initial_review", "members_meeting"):
        raise FailedPrecondition(f"the cycle is at {c.step}; scores are recorded in initial_review or "
                                 "members_meeting", "cycle_id")
    rules.check_role(c.step, uow.ctx.roles)
    x = _member(uow, c, person_id)
    if x.exempt:
        raise FailedPrecondition("the member is exempted from this year's assessment", "person_id")
    before = serializers.cycle_member(x)
    score = rules.check_score(score, "score")
    if c.step == "initial_review":
        x.initial_score = score
    else:
        x.meeting_score = score
    x.violation = x.violation or bool(violation)
    x.review_note = text(note, "note") or x.review_note
    audit(uow, c.district, f"record {c.step}", f"{c.id}:{person_id}", before, serializers.cycle_member(x), note)
    return serializers.cycle_member(x)


def raise_objection(uow: UnitOfWork, *, cycle_id: str, person_id: str, objection: str) -> dict:
    """During the public notice anyone in the district may object about a member's result."""
    POLICY.check(uow.ctx, "raise objections")
    c = _cycle(uow, cycle_id)
    rules.check_in_step(c.step, "public_notice")
    if not rules.NoticeWindow(c.notice_opened_on, c.objection_days).open_on(clock.today()):
        raise FailedPrecondition("the objection window is closed", "cycle_id")
    _member(uow, c, person_id)
    body = text(objection, "objection", required=True)
    o = m.Objection(cycle_id=c.id, district=c.district, person_id=person_id, raised_by=uow.ctx.actor, text=body)
    uow.session.add(o)
    uow.flush()
    audit(uow, c.district, "raise objection", o.id, after={"person_id": person_id, "objection": body})
    return serializers.objection(o)


def answer_objection(uow: UnitOfWork, *, objection_id: str, answer: str) -> dict:
    POLICY.check(uow.ctx, "run member cycles")
    o = Repository(uow).get(m.Objection, objection_id, "objection_id", "objection", write=True)
    c = _cycle(uow, o.cycle_id)
    rules.check_role("public_notice", uow.ctx.roles)
    if o.answer is not None:
        raise FailedPrecondition("already answered", "objection_id")
    o.answer, o.answered_by = text(answer, "answer", required=True), uow.ctx.actor
    audit(uow, c.district, "answer objection", o.id, after={"answer": o.answer})
    return serializers.objection(o)


def request_exemption(uow: UnitOfWork, *, cycle_id: str, person_id: str, reason: str) -> dict:
    """A member who cannot take part for special reasons asks to be exempted (own request)."""
    POLICY.check(uow.ctx, "request exemptions")
    c = _cycle(uow, cycle_id)
    if Role.RESIDENT in uow.ctx.roles and not uow.ctx.has_any(Role.COMMUNITY_WORKER) and \
            person_id != uow.ctx.actor:
        raise PermissionDenied("members request their own exemption", "person_id")
    if rules.STEPS.index(c.step) >= rules.STEPS.index("grading"):
        raise FailedPrecondition("exemptions are decided before grading", "cycle_id")
    _member(uow, c, person_id)
    e = m.Exemption(cycle_id=c.id, district=c.district, person_id=person_id,
                    reason=text(reason, "reason", required=True), state="requested",
                    trail=[{"state": "requested", "by": uow.ctx.actor}])
    uow.session.add(e)
    uow.flush()
    audit(uow, c.district, "request exemption", e.id, after={"person_id": person_id, "state": e.state},
          reason=e.reason)
    return serializers.exemption(e)


def decide_exemption(uow: UnitOfWork, *, exemption_id: str, approve: bool) -> dict:
    """Community application (社区申请), then working-committee approval (党工委审批)."""
    POLICY.check(uow.ctx, "decide exemptions")
    e = Repository(uow).get(m.Exemption, exemption_id, "exemption_id", "exemption", write=True)
    c = _cycle(uow, e.cycle_id)
    if rules.STEPS.index(c.step) >= rules.STEPS.index("grading"):
        raise FailedPrecondition(f"the cycle is at {c.step}: exemptions are decided before grading", "exemption_id")
    e.state = rules.advance_exemption(e.state, bool(approve), uow.ctx.roles)
    e.trail = list(e.trail) + [{"state": e.state, "by": uow.ctx.actor}]
    if e.state == "approved":
        _member(uow, c, e.person_id).exempt = True
    audit(uow, c.district, "exemption " + e.state, e.id, after={"state": e.state})
    return serializers.exemption(e)


def get_cycle(uow: UnitOfWork, *, cycle_id: str) -> dict:
    POLICY.check(uow.ctx, "read member cycles")
    return cycle_out(uow, _cycle(uow, cycle_id, write=False))


def list_cycle_work(uow: UnitOfWork, *, community: str | None = None, page_size: int = 0,
                    page_token: str | None = None) -> dict:
    """A community worker's desk: the branches' cycles still running in a community (by default the
    caller's scope), oldest year first, each with the objections still to answer and the exemptions
    waiting for the caller's step (a worker: the community application; sub-district staff: the
    working committee's approval; none once the cycle has reached grading)."""
    POLICY.check(uow.ctx, "list cycle work")
    r = Repository(uow)
    size = paging.page_size(page_size)
    scope = r.scope_code(community, "community")
    q = r.select(m.Cycle).where(m.Cycle.step != rules.STEPS[-1], r.under(m.Cycle.community, scope))
    cycles, token = paging.page(uow.session, q, [m.Cycle.year, m.Cycle.id], size=size, token=page_token,
                                filters={"community": scope})
    ids = [c.id for c in cycles]
    objections = r.all(m.Objection, m.Objection.cycle_id.in_(ids), m.Objection.answer.is_(None),
                       order_by=(m.Objection.raised_at, m.Objection.id))
    deciding = [c.id for c in cycles if rules.STEPS.index(c.step) < rules.STEPS.index("grading")]
    exemptions = r.all(m.Exemption, m.Exemption.cycle_id.in_(deciding),
                       m.Exemption.state.in_(rules.exemption_states_decided_by(uow.ctx.roles)),
                       order_by=m.Exemption.id)
    return {"items": [serializers.cycle_work(c, [o for o in objections if o.cycle_id == c.id],
                                             [e for e in exemptions if e.cycle_id == c.id]) for c in cycles],
            "next_page_token": token}
