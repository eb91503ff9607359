"""Cases: intake, the 1+1+N team, sessions, resolution, rating, reopening, the escalation ladder."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from sqlalchemy import String, cast, or_

from services.common import clock, paging
from services.common.context import Role
from services.common.db import UnitOfWork
from services.common.divisions import check_code_format, district_of, subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, PermissionDenied
from services.common.registry_client import division_in, holds_post, person_in, registry, resident_of
from services.common.tables import audit
from services.common.values import aware, parse_date, parse_moment, text
from services.mediation import metrics, serializers
from services.mediation import models as m
from services.mediation.domain import cases as rules
from services.mediation.domain import ladder
from services.mediation.permissions import POLICY, READERS, TIER_STAFF, oversees, works_at
from services.mediation.repository import Repository


# ---- configuration per district

def configure_category(uow: UnitOfWork, *, code: str, name: str, deadline_days: dict | None = None) -> dict:
    """A category and its deadline per tier (community, sub-district, district), in days."""
    POLICY.check(uow.ctx, "configure")
    r = Repository(uow)
    district = r.district_setting()
    code = rules.check_category_code(code)
    name = text(name, "name", 100, required=True)
    days = ladder.check_deadlines(deadline_days or dict(ladder.DEFAULT_DEADLINE_DAYS))
    row = r.find(m.Category, (district, code))
    before = {"name": row.name, "deadline_days": row.deadline_days} if row else None
    if row is None:
        row = r.add(m.Category(district=district, code=code, name=name, deadline_days=days))
    else:
        row.name, row.deadline_days, row.active = name, days, True
    audit(uow, district, "configure category", code, before, {"name": name, "deadline_days": days})
    return serializers.category(row)


def list_categories(uow: UnitOfWork) -> dict:
    POLICY.check(uow.ctx, "read cases")
    r = Repository(uow)
    r.district()  # a district's settings: a city-wide caller names no district
    return serializers.categories(r.all(m.Category, m.Category.active.is_(True), order_by=m.Category.code))


def _category(r: Repository, district: str, code: str, field: str = "category") -> m.Category:
    row = r.find(m.Category, (district, code or ""))
    if row is None or not row.active:
        known = [c.code for c in r.all(m.Category, m.Category.active.is_(True), order_by=m.Category.code)]
        raise InvalidArgument(f"unknown category {code!r}; this district has {', '.join(known) or 'none yet'}",
                              field)
    return row


# ---- replies, history, events

def _reply(r: Repository, c: m.Case, full: bool | None = None) -> dict:
    """A case as the caller may see it: contacts in full only for its team and supervisors."""
    return serializers.case(c, r.parties(c), r.sees_in_full(c) if full is None else full)


def _history(r: Repository, c: m.Case, kind: str, reason: str | None = None, from_tier=None, to_tier=None, at=None):
    r.add(m.CaseEvent(case_id=c.id, district=c.district, kind=kind, from_tier=from_tier, to_tier=to_tier,
                      actor=r.ctx.actor, reason=reason, at=at or clock.now()))


def _emit(uow, c: m.Case, event: str, **extra):
    uow.emit(event, c.district, {"case_id": c.id, "community": c.community, "category": c.category,
                                 "tier": c.tier, "status": c.status, "channel": c.channel, **extra}, c.subdistrict)


# ---- intake

def open_case(uow: UnitOfWork, *, channel: str, category: str, community: str, summary: str, parties: list[dict],
              grid: str | None = None, compound: str | None = None, building: str | None = None,
              confidential: bool = False, hotline_order_no: str | None = None,
              received_at: str | None = None) -> dict:
    POLICY.check(uow.ctx, "open cases")
    r = Repository(uow)
    district = r.district_for_write()
    rules.check_channel(channel)
    community = r.code(community, "community", "community", write=True)
    division_in(district, community, "community")  # a real community of the registry
    if grid:
        grid = check_code_format(grid, "grid", "grid", parent=community)
    summary = text(summary, "summary", rules.LONG_TEXT, required=True)
    party_list = rules.check_parties(parties or [])
    compound, building = text(compound, "compound", 40), text(building, "building", 40)
    cat = _category(r, district, category)
    if channel == "hotline_12345":
        if not hotline_order_no:
            raise InvalidArgument("a 12345 case carries the hotline's order number", "hotline_order_no")
        if r.hotline_order_taken(hotline_order_no):
            raise AlreadyExists(f"work order {hotline_order_no} is already a case", "hotline_order_no")
    elif hotline_order_no:
        raise InvalidArgument("only 12345 cases carry a hotline order number", "hotline_order_no")
    now = clock.now()
    opened = parse_moment(received_at, "received_at") if received_at else now
    if opened > now:
        raise InvalidArgument("must not be in the future", "received_at")
    for i, p in enumerate(party_list):   # a party named by id is a registry person of the district
        if p.person_id:
            person_in(district, p.person_id, f"parties[{i}].person_id")
    c = r.add(m.Case(district=district, subdistrict=subdistrict_of(community), community=community,
                     grid=grid or None, compound=compound, building=building, channel=channel,
                     hotline_order_no=hotline_order_no or None, category=cat.code, summary=summary,
                     confidential=bool(confidential), status="open", tier="community", tier_started_at=opened,
                     deadline_at=ladder.deadline(opened, "community", cat.deadline_days), opened_by=uow.ctx.actor,
                     opened_at=opened, volunteers=[]))
    uow.flush()
    for p in party_list:
        r.add(m.CaseParty(case_id=c.id, district=district, name=p.name, role=p.role, phone=p.phone,
                          person_id=p.person_id))
    _history(r, c, "opened", at=opened)
    audit(uow, district, "open case", c.id, after={"channel": channel, "category": cat.code, "community": community})
    _emit(uow, c, "case.opened")
    uow.after_commit(metrics.CASES_OPENED.labels(district, channel).inc)
    uow.flush()
    return _reply(r, c, full=True)


def readable_case(r: Repository, case_id: str) -> tuple[m.Case, bool]:
    """A case as reading it allows (GetCase, its history, its outcome's audit): (the case, whether the caller
    reads it as a party only). A resident reads the cases they are a party to; the readers, those in scope."""
    ctx = r.ctx
    if ctx.has_any(Role.RESIDENT) and not ctx.has_any(*READERS):
        c = r.case(case_id)
        if not r.is_party(c):
            raise PermissionDenied("residents see the cases they are a party to", "case_id")
        return c, True
    POLICY.check(ctx, "read cases")
    return r.case(case_id), False


def get_case_view(uow: UnitOfWork, *, case_id: str) -> dict:
    r = Repository(uow)
    c, as_party = readable_case(r, case_id)
    return _reply(r, c, full=False if as_party else None)


def list_cases(uow: UnitOfWork, *, community: str | None = None, status: str | None = None,
               overdue_only: bool = False, limit: int = 100) -> dict:
    """Cases in the caller's scope (or the division named inside it), contacts masked; confidential ones only
    for their team and supervisors."""
    POLICY.check(uow.ctx, "read cases")
    r = Repository(uow)
    q = r.select(m.Case)
    if community:
        q = q.where(r.under(m.Case.community, r.scope_code(community, "community")))
    if status:
        if status not in rules.STATUSES:
            raise InvalidArgument(f"must be one of {', '.join(rules.STATUSES)}", "status")
        q = q.where(m.Case.status == status)
    if overdue_only:
        q = q.where(m.Case.overdue.is_(True))
    if not 1 <= int(limit or 100) <= 500:
        raise InvalidArgument("must be from 1 to 500", "limit")
    rows = [c for c in uow.session.scalars(q.order_by(m.Case.opened_at.desc()).limit(int(limit or 100)))
            if r.may_read(c)]
    return serializers.case_list([(c, r.parties(c)) for c in rows])


def list_my_cases(uow: UnitOfWork, *, assignee: str | None = None, tier: str | None = None,
                  channel: str | None = None, category: str | None = None, opened_from: str | None = None,
                  opened_to: str | None = None, page_size: int = 0, page_token: str | None = None) -> dict:
    """A mediator's cases: those with ``assignee`` (default the caller) on the team, newest first, one page at a
    time, in the caller's scope; confidential ones only for those who may read them (``may_read``)."""
    POLICY.check(uow.ctx, "read cases")
    r = Repository(uow)
    assignee = text(assignee, "assignee", 32) or uow.ctx.actor
    size = paging.page_size(page_size)
    c = m.Case
    # judge or mediator by column; a volunteer only inside the JSON list, so the text match is a coarse
    # pre-filter and ``team`` below says who is really on it
    q = r.select(c).where(or_(c.judge_id == assignee, c.mediator_id == assignee,
                              cast(c.volunteers, String).contains(assignee, autoescape=True)))
    if tier:
        if tier not in ladder.TIERS:
            raise InvalidArgument(f"must be one of {', '.join(ladder.TIERS)}", "tier")
        q = q.where(c.tier == tier)
    if channel:
        rules.check_channel(channel)
        q = q.where(c.channel == channel)
    if category:
        q = q.where(c.category == text(category, "category", 40))
    start = parse_date(opened_from, "opened_from") if opened_from else None
    end = parse_date(opened_to, "opened_to") if opened_to else None
    if start and end and end < start:
        raise InvalidArgument("must not be before opened_from", "opened_to")
    if start:
        q = q.where(c.opened_at >= datetime.combine(start, time.min, timezone.utc))
    if end:  # the whole day named
        q = q.where(c.opened_at < datetime.combine(end + timedelta(days=1), time.min, timezone.utc))
    filters = {"assignee": assignee, "tier": tier, "channel": channel, "category": category,
               "opened_from": start, "opened_to": end}
    found, next_token = paging.page(uow.session, q, (c.opened_at, c.id), size=size, token=page_token,
                                    filters=filters, descending=True, converters=(datetime.fromisoformat, None))
    rows = [x for x in found if assignee in r.team(x) and r.may_read(x)]
    return serializers.case_page([(x, r.parties(x)) for x in rows], next_token)


# ---- the 1+1+N team

def assign_team(uow: UnitOfWork, *, case_id: str, judge_id: str, mediator_id: str,
                volunteer_ids: list[str] | None = None) -> dict:
    """一名社区法官 + 一名调解员 + N名调解志愿者: the mediator and volunteers registry people of the case's
    community, the judge a registry person holding a running community_judge post in an organisation of
    that community."""
    POLICY.check(uow.ctx, "assign teams")
    r = Repository(uow)
    c = r.case(case_id, write=True)
    _check_oversees(r, c)
    if c.status not in rules.OPEN_STATUSES:
        raise FailedPrecondition(f"the case is {c.status}", "case_id")
    volunteer_ids = list(volunteer_ids or [])
    rules.check_team(judge_id, mediator_id, volunteer_ids, {p.person_id for p in r.parties(c) if p.person_id})
    # the judge is appointed to the community (often a judge of the district court living elsewhere):
    # the post, not the home, makes him the community's judge
    person_in(c.district, judge_id, "judge_id")
    holds_post(c.district, c.community, judge_id, rules.JUDGE_POST, "judge_id")
    resident_of(c.district, c.community, mediator_id, "mediator_id")
    volunteers = []
    for i, pid in enumerate(volunteer_ids):
        p = resident_of(c.district, c.community, pid, f"volunteer_ids[{i}]")
        volunteers.append({"person_id": pid, "name": p.get("name", ""), "community": c.community})
    before = {"judge_id": c.judge_id, "mediator_id": c.mediator_id, "volunteers": c.volunteers}
    c.judge_id, c.mediator_id, c.volunteers = judge_id, mediator_id, volunteers
    if c.status == "open":
        c.status = "assigned"
    _history(r, c, "assigned")
    audit(uow, c.district, "assign team", c.id, before,
          {"judge_id": judge_id, "mediator_id": mediator_id, "volunteers": volunteers})
    _emit(uow, c, "case.assigned", judge_id=judge_id, mediator_id=mediator_id,
          volunteer_ids=[v["person_id"] for v in volunteers])
    return _reply(r, c, full=True)


def workload(uow: UnitOfWork, *, community: str) -> dict:
    """The people of a community with the open cases each is on: seen when assigning a team."""
    POLICY.check(uow.ctx, "assign teams")
    r = Repository(uow)
    community = r.code(community, "community", "community")
    load: dict[str, int] = {}
    for c in r.all(m.Case, m.Case.status.in_(rules.MEDIATING)):
        for pid in r.team(c):
            load[pid] = load.get(pid, 0) + 1
    return serializers.workload(community, registry().people_of(district_of(community), community), load)


# ---- mediating

def _check_mediator(r: Repository, c: m.Case) -> None:
    """The tier a case is at says who mediates it: that tier's staff (the ladder hands an escalated case to
    the sub-district's or the district's), or a mediator on its team."""
    ctx = r.ctx
    if works_at(ctx, c.tier) or (ctx.has_any(Role.MEDIATOR) and ctx.actor in r.team(c)):
        return
    if ctx.has_any(Role.MEDIATOR) and not ctx.has_any(*TIER_STAFF.values()):
        raise PermissionDenied("only the case's team mediates it", "case_id")
    raise PermissionDenied(f"the case is at the {c.tier} tier: its staff mediate it there", "case_id")


def _check_oversees(r: Repository, c: m.Case) -> None:
    """A case's team is assigned, and the case sent back, by its tier's staff or a tier above: once escalated,
    the tier below only reads it."""
    if not oversees(r.ctx, c.tier):
        raise PermissionDenied(f"the case is at the {c.tier} tier: its staff work it there", "case_id")


def record_session(uow: UnitOfWork, *, case_id: str, notes: str, attendance: list[str],
                   held_at: str | None = None) -> dict:
    POLICY.check(uow.ctx, "mediate")
    r = Repository(uow)
    c = r.case(case_id, write=True)
    _check_mediator(r, c)
    rules.check_can_mediate(c.status)
    if not attendance:
        raise InvalidArgument("record who attended", "attendance")
    at = parse_moment(held_at, "held_at") if held_at else clock.now()
    s = r.add(m.Session(case_id=c.id, district=c.district, held_at=at,
                        notes=text(notes, "notes", rules.LONG_TEXT, required=True),
                        attendance=[text(a, f"attendance[{i}]", 100, required=True) for i, a in enumerate(attendance)],
                        recorded_by=uow.ctx.actor))
    c.status = "in_mediation"
    uow.flush()
    audit(uow, c.district, "record session", s.id, after={"case_id": c.id, "attendance": s.attendance})
    return serializers.session(s)


def resolve_case(uow: UnitOfWork, *, case_id: str, outcome: str, agreement: str | None = None) -> dict:
    """The outcome (调解结果), with the mediation agreement (调解协议) when there is one.

    "not_resolved" means the tier could not settle it: the case climbs the ladder instead.
    """
    POLICY.check(uow.ctx, "mediate")
    r = Repository(uow)
    c = r.case(case_id, write=True)
    _check_mediator(r, c)
    rules.check_can_mediate(c.status)
    if outcome not in rules.OUTCOMES:
        raise InvalidArgument(f"must be one of {', '.join(rules.OUTCOMES)}", "outcome")
    if outcome == "agreement" and not agreement:
        raise InvalidArgument("an agreement outcome needs the agreement's text", "agreement")
    agreement = text(agreement, "agreement", rules.LONG_TEXT)
    before = {"status": c.status, "outcome": c.outcome}
    if outcome == "not_resolved":
        target = ladder.next_tier(c.tier)
        if target is None:
            raise FailedPrecondition("the district tier must settle it: record a resolving outcome", "outcome")
        _move(r, c, target, "escalated", "the tier could not settle it", "unresolved")
        return _reply(r, c, full=True)
    now = clock.now()
    c.status, c.outcome, c.agreement, c.resolved_tier, c.resolved_at = "resolved", outcome, agreement, c.tier, now
    c.overdue = False
    _history(r, c, "resolved", reason=outcome, at=now)
    audit(uow, c.district, "resolve case", c.id, before, {"status": "resolved", "outcome": outcome,
                                                          "tier": c.tier})
    # the points service credits the event's ``volunteers`` (each event once, by its inbox); a case resolved
    # again after a reopening lists only those not credited for it before: once per case, not per resolution
    to_credit = rules.volunteers_to_credit(c.volunteers, c.credited_volunteers)
    c.credited_volunteers = list(c.credited_volunteers or []) + to_credit
    _emit(uow, c, "case.resolved", outcome=outcome, resolved_tier=c.tier, volunteers=to_credit)
    return _reply(r, c, full=True)


def rate_case(uow: UnitOfWork, *, case_id: str, score: int, comment: str | None = None) -> dict:
    """一事一评议: the resident who complained rates the outcome, 1-5 and a comment."""
    POLICY.check(uow.ctx, "rate cases")
    r = Repository(uow)
    c = r.case(case_id, write=True)
    complainants = [p.person_id for p in r.parties(c) if p.role == "complainant"]
    # a 12345 caller is asked by the hotline's return visit; the community records that answer
    by_hotline = c.channel == "hotline_12345" and uow.ctx.has_any(Role.COMMUNITY_WORKER)
    if uow.ctx.actor not in complainants and not by_hotline:
        raise PermissionDenied("the complainant rates the outcome", "case_id")
    if c.status not in ("resolved", "closed"):  # the return visit may come after the case closed
        raise FailedPrecondition(f"the case is {c.status}; it is rated once resolved", "case_id")
    if c.rating is not None:
        raise FailedPrecondition("the outcome is already rated (one matter, one evaluation)", "case_id")
    score = rules.check_rating(score, comment)
    before = {"rating": c.rating}
    c.rating, c.rating_comment = score, text(comment, "comment", 1000)
    _history(r, c, "rated", reason=str(score))
    audit(uow, c.district, "rate case", c.id, before, {"rating": score})
    _emit(uow, c, "case.rated", rating=score)
    return _reply(r, c, full=False)


def reopen_case(uow: UnitOfWork, *, case_id: str, reason: str) -> dict:
    POLICY.check(uow.ctx, "reopen cases")
    r = Repository(uow)
    c = r.case(case_id, write=True)
    if uow.ctx.has_any(Role.RESIDENT) and not uow.ctx.has_any(Role.COMMUNITY_WORKER) and not r.is_party(c):
        raise PermissionDenied("a party to the case reopens it", "case_id")
    reason = text(reason, "reason", 1000, required=True)
    now = clock.now()
    rules.check_reopen(c.status, aware(c.resolved_at), now)
    cat = _category(r, c.district, c.category)
    before = {"status": c.status, "outcome": c.outcome}
    c.status = "in_mediation" if c.mediator_id else "open"
    c.outcome = c.agreement = c.resolved_tier = c.resolved_at = None
    c.rating = c.rating_comment = None
    c.reopen_count += 1
    c.tier_started_at, c.deadline_at = now, ladder.deadline(now, c.tier, cat.deadline_days)
    _history(r, c, "reopened", reason=reason, at=now)
    audit(uow, c.district, "reopen case", c.id, before, {"status": c.status}, reason)
    _emit(uow, c, "case.reopened", reason=reason)
    return _reply(r, c, full=False)


# ---- the ladder

def _move(r: Repository, c: m.Case, target: str, kind: str, reason: str, how: str, now=None) -> None:
    uow = r.uow
    now = now or clock.now()
    cat = r.find(m.Category, (c.district, c.category))
    days = cat.deadline_days if cat else ladder.DEFAULT_DEADLINE_DAYS
    from_tier = c.tier
    c.tier, c.tier_started_at, c.deadline_at, c.overdue = target, now, ladder.deadline(now, target, days), False
    _history(r, c, kind, reason=reason, from_tier=from_tier, to_tier=target, at=now)
    audit(uow, c.district, kind, c.id, {"tier": from_tier}, {"tier": target}, reason)
    _emit(uow, c, "case.escalated" if kind == "escalated" else "case.sent_back", from_tier=from_tier,
          to_tier=target, reason=reason, how=how)
    if kind == "escalated":
        uow.after_commit(metrics.ESCALATIONS.labels(c.district, target, how).inc)


def escalate_by_hand(uow: UnitOfWork, *, case_id: str, direction: str, reason: str) -> dict:
    """A supervisor escalates (up) or sends back (down) a case, with a reason."""
    POLICY.check(uow.ctx, "escalate by hand")
    r = Repository(uow)
    c = r.case(case_id, write=True)
    _check_oversees(r, c)
    if c.status in ("resolved", "closed"):
        raise FailedPrecondition(f"the case is {c.status}", "case_id")
    target = ladder.check_manual(c.tier, direction)
    _move(r, c, target, "escalated" if direction == "up" else "sent_back",
          text(reason, "reason", 1000, required=True), "by_hand")
    return _reply(r, c, full=True)


def escalate_overdue(uow: UnitOfWork, now: datetime | None = None) -> int:
    """Timer: every open case past its tier's deadline climbs one tier (events emitted); at the top
    it is marked overdue once. Returns how many cases changed."""
    now = now or clock.now()
    r = Repository(uow)
    changed = 0
    for c in r.all(m.Case, m.Case.status.in_(rules.OPEN_STATUSES), m.Case.deadline_at < now,
                   m.Case.overdue.is_(False)):
        if aware(c.deadline_at) >= now:
            continue
        # climb from the moment each deadline passed: a case left alone long climbs tier by tier
        while ladder.due_for_escalation(c.tier, aware(c.deadline_at), now):
            _move(r, c, ladder.next_tier(c.tier), "escalated", f"{c.tier} deadline passed", "deadline",
                  now=aware(c.deadline_at))
        if aware(c.deadline_at) < now and ladder.next_tier(c.tier) is None:
            c.overdue = True
            _history(r, c, "overdue", reason="district deadline passed", at=now)
            _emit(uow, c, "case.overdue")
        changed += 1
    return changed


# ---- closing

def close_resolved(uow: UnitOfWork, now: datetime | None = None) -> int:
    """Timer: a resolved case closes (结案) once its reopen window has passed, rated or not (the rating may
    still come from the return visit). Returns how many cases closed."""
    now = now or clock.now()
    r = Repository(uow)
    closed = 0
    window_start = now - timedelta(days=rules.REOPEN_DAYS)
    for c in r.all(m.Case, m.Case.status == "resolved", m.Case.resolved_at < window_start):
        if not rules.due_to_close(c.status, aware(c.resolved_at), now):
            continue
        c.status = "closed"
        _history(r, c, "closed", reason=f"the {rules.REOPEN_DAYS}-day reopen window passed", at=now)
        audit(uow, c.district, "close case", c.id, {"status": "resolved"}, {"status": "closed"})
        _emit(uow, c, "case.closed", outcome=c.outcome)
        closed += 1
    return closed
