"""Cases: intake, the 1+1+N team, sessions, resolution, rating, reopening, the escalation ladder."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from services.common import clock
from services.common.context import Role
from services.common.db import UnitOfWork
from services.common.divisions import check_code_format
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, PermissionDenied
from services.common.logs import mask_phone
from services.mediation import metrics
from services.mediation import models as m
from services.mediation import people
from services.mediation.app._base import (audit, aware, district_of, get_case, is_party, may_see_confidential,
                                          on_team)
from services.mediation.domain import cases as rules
from services.mediation.domain import ladder
from services.mediation.permissions import POLICY


# ---- configuration per district

def configure_category(uow: UnitOfWork, *, code: str, name: str, deadline_days: dict | None = None) -> dict:
    """A category and its deadline per tier (community, sub-district, district), in days."""
    POLICY.check(uow.ctx, "configure")
    district = district_of(uow)
    if not code or len(code) > 40 or not code.replace("_", "").isalnum() or not code.islower():
        raise InvalidArgument("2-40 lower-case letters, digits or '_'", "code")
    name = rules.check_text(name, "name", 100)
    days = ladder.check_deadlines(deadline_days or dict(ladder.DEFAULT_DEADLINE_DAYS))
    row = uow.session.get(m.Category, (district, code))
    before = {"name": row.name, "deadline_days": row.deadline_days} if row else None
    if row is None:
        row = m.Category(district=district, code=code, name=name, deadline_days=days)
        uow.session.add(row)
    else:
        row.name, row.deadline_days, row.active = name, days, True
    audit(uow, district, "configure category", code, before, {"name": name, "deadline_days": days})
    return category_out(row)


def category_out(c: m.Category) -> dict:
    return {"code": c.code, "name": c.name, "deadline_days": dict(c.deadline_days)}


def list_categories(uow: UnitOfWork) -> dict:
    POLICY.check(uow.ctx, "read cases")
    rows = uow.session.scalars(select(m.Category).where(m.Category.district == district_of(uow),
                                                        m.Category.active.is_(True)).order_by(m.Category.code))
    return {"items": [category_out(c) for c in rows]}


def _category(uow: UnitOfWork, district: str, code: str, field: str = "category") -> m.Category:
    row = uow.session.get(m.Category, (district, code or ""))
    if row is None or not row.active:
        known = uow.session.scalars(select(m.Category.code).where(m.Category.district == district)).all()
        raise InvalidArgument(f"unknown category {code!r}; this district has {', '.join(known) or 'none yet'}",
                              field)
    return row


# ---- views

def case_out(uow: UnitOfWork, c: m.Case, full: bool | None = None) -> dict:
    """A case as the caller may see it: contacts in full only for its team and supervisors."""
    full = may_see_confidential(uow, c) if full is None else full
    parties = uow.session.scalars(select(m.CaseParty).where(m.CaseParty.case_id == c.id).order_by(m.CaseParty.id))
    out = {
        "id": c.id, "district": c.district, "subdistrict": c.subdistrict, "community": c.community,
        "grid": c.grid or "", "compound": c.compound or "", "building": c.building or "", "channel": c.channel,
        "hotline_order_no": c.hotline_order_no or "", "category": c.category, "summary": c.summary,
        "confidential": c.confidential, "status": c.status, "tier": c.tier,
        "deadline_at": aware(c.deadline_at).isoformat(), "overdue": c.overdue, "judge_id": c.judge_id or "",
        "mediator_id": c.mediator_id or "", "volunteers": list(c.volunteers or []), "agreement": c.agreement or "",
        "outcome": c.outcome or "", "resolved_tier": c.resolved_tier or "",
        "resolved_at": aware(c.resolved_at).isoformat() if c.resolved_at else "", "rating": c.rating or 0,
        "rating_comment": c.rating_comment or "", "reopen_count": c.reopen_count,
        "opened_at": aware(c.opened_at).isoformat(),
        "parties": [{"name": p.name if full else rules.mask_name(p.name), "role": p.role,
                     "phone": (p.phone if full else mask_phone(p.phone)) or "", "person_id": p.person_id or ""}
                    for p in parties],
    }
    return out


def _history(uow, c: m.Case, kind: str, reason: str | None = None, from_tier=None, to_tier=None, at=None):
    uow.session.add(m.CaseEvent(case_id=c.id, district=c.district, kind=kind, from_tier=from_tier, to_tier=to_tier,
                                actor=uow.ctx.actor, reason=reason, at=at or clock.now()))


def _emit(uow, c: m.Case, event: str, **extra):
    uow.emit(event, c.district, {"case_id": c.id, "community": c.community, "category": c.category,
                                 "tier": c.tier, "status": c.status, "channel": c.channel, **extra}, c.subdistrict)


# ---- intake

def _moment(value: str, field: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidArgument(f"must be a date and time like 2026-06-01T09:30:00+08:00, got {value!r}", field)


def open_case(uow: UnitOfWork, *, channel: str, category: str, community: str, summary: str, parties: list[dict],
              grid: str | None = None, compound: str | None = None, building: str | None = None,
              confidential: bool = False, hotline_order_no: str | None = None,
              received_at: str | None = None) -> dict:
    POLICY.check(uow.ctx, "open cases")
    district = district_of(uow)
    rules.check_channel(channel)
    community = check_code_format(community, "community", "community")
    uow.ctx.check_scope(community, "community", write=True)
    if grid and not grid.startswith(community + "-G"):
        raise InvalidArgument(f"{grid!r} is not a grid of {community}", "grid")
    summary = rules.check_text(summary, "summary")
    party_list = rules.check_parties(parties or [])
    cat = _category(uow, district, category)
    if channel == "hotline_12345":
        if not hotline_order_no:
            raise InvalidArgument("a 12345 case carries the hotline's order number", "hotline_order_no")
        if uow.session.scalar(select(m.Case.id).where(m.Case.district == district,
                                                      m.Case.hotline_order_no == hotline_order_no)):
            raise AlreadyExists(f"work order {hotline_order_no} is already a case", "hotline_order_no")
    elif hotline_order_no:
        raise InvalidArgument("only 12345 cases carry a hotline order number", "hotline_order_no")
    now = clock.now()
    opened = _moment(received_at, "received_at") if received_at else now
    if opened.tzinfo is None:
        raise InvalidArgument("must carry a time zone, e.g. 2026-06-01T09:30:00+08:00", "received_at")
    opened = opened.astimezone(timezone.utc)  # stored in UTC: SQLite keeps no zone
    if opened > now:
        raise InvalidArgument("must not be in the future", "received_at")
    c = m.Case(district=district, subdistrict=community[:9], community=community, grid=grid or None,
               compound=rules.check_text(compound, "compound", 40, required=False),
               building=rules.check_text(building, "building", 40, required=False), channel=channel,
               hotline_order_no=hotline_order_no or None, category=cat.code, summary=summary,
               confidential=bool(confidential), status="open", tier="community", tier_started_at=opened,
               deadline_at=ladder.deadline(opened, "community", cat.deadline_days), opened_by=uow.ctx.actor,
               opened_at=opened, volunteers=[])
    uow.session.add(c)
    uow.flush()
    for p in party_list:
        uow.session.add(m.CaseParty(case_id=c.id, district=district, name=p.name, role=p.role, phone=p.phone,
                                    person_id=p.person_id))
    _history(uow, c, "opened", at=opened)
    audit(uow, district, "open case", c.id, after={"channel": channel, "category": cat.code, "community": community})
    _emit(uow, c, "case.opened")
    uow.after_commit(metrics.CASES_OPENED.labels(district, channel).inc)
    uow.flush()
    return case_out(uow, c, full=True)


def get_case_view(uow: UnitOfWork, *, case_id: str) -> dict:
    if uow.ctx.has_any(Role.RESIDENT) and not uow.ctx.has_any(*POLICY_READERS):
        c = get_case(uow, case_id)
        if not is_party(uow, c):
            raise PermissionDenied("residents see the cases they are a party to", "case_id")
        return case_out(uow, c, full=False)
    POLICY.check(uow.ctx, "read cases")
    return case_out(uow, get_case(uow, case_id))


POLICY_READERS = (Role.DISTRICT_ADMIN, Role.SUBDISTRICT_STAFF, Role.COMMUNITY_WORKER, Role.MEDIATOR, Role.CITY_ADMIN)


def list_cases(uow: UnitOfWork, *, community: str | None = None, status: str | None = None,
               overdue_only: bool = False, limit: int = 100) -> dict:
    """Cases in the caller's scope, contacts masked; confidential ones only for their team and supervisors."""
    POLICY.check(uow.ctx, "read cases")
    q = select(m.Case)
    if not uow.ctx.city_wide:
        q = q.where(m.Case.district == uow.ctx.district)
    scope = community or uow.ctx.community or uow.ctx.subdistrict
    if scope:
        uow.ctx.check_scope(scope, "community", write=True)  # never wider than the caller's own scope
        q = q.where(m.Case.community.startswith(scope))
    if status:
        if status not in rules.STATUSES:
            raise InvalidArgument(f"must be one of {', '.join(rules.STATUSES)}", "status")
        q = q.where(m.Case.status == status)
    if overdue_only:
        q = q.where(m.Case.overdue.is_(True))
    if not 1 <= int(limit or 100) <= 500:
        raise InvalidArgument("must be from 1 to 500", "limit")
    rows = [c for c in uow.session.scalars(q.order_by(m.Case.opened_at.desc()).limit(int(limit or 100)))
            if not c.confidential or may_see_confidential(uow, c)]
    return {"items": [case_out(uow, c, full=False) for c in rows]}


# ---- the 1+1+N team

def assign_team(uow: UnitOfWork, *, case_id: str, judge_id: str, mediator_id: str,
                volunteer_ids: list[str] | None = None) -> dict:
    """一名社区法官 + 一名调解员 + N名调解志愿者, all registry people of the case's community."""
    POLICY.check(uow.ctx, "assign teams")
    c = get_case(uow, case_id, write=True)
    if c.status not in ("open", "assigned", "in_mediation"):
        raise FailedPrecondition(f"the case is {c.status}", "case_id")
    volunteer_ids = list(volunteer_ids or [])
    rules.check_team(judge_id, mediator_id, volunteer_ids)
    people.member_of(c.district, c.community, judge_id, "judge_id")
    people.member_of(c.district, c.community, mediator_id, "mediator_id")
    volunteers = []
    for i, pid in enumerate(volunteer_ids):
        p = people.member_of(c.district, c.community, pid, f"volunteer_ids[{i}]")
        volunteers.append({"person_id": pid, "name": p.get("name", ""), "community": c.community})
    before = {"judge_id": c.judge_id, "mediator_id": c.mediator_id, "volunteers": c.volunteers}
    c.judge_id, c.mediator_id, c.volunteers = judge_id, mediator_id, volunteers
    if c.status == "open":
        c.status = "assigned"
    _history(uow, c, "assigned")
    audit(uow, c.district, "assign team", c.id, before,
          {"judge_id": judge_id, "mediator_id": mediator_id, "volunteers": volunteers})
    _emit(uow, c, "case.assigned", judge_id=judge_id, mediator_id=mediator_id,
          volunteer_ids=[v["person_id"] for v in volunteers])
    return case_out(uow, c, full=True)


def workload(uow: UnitOfWork, *, community: str) -> dict:
    """The people of a community with the open cases each is on: seen when assigning a team."""
    POLICY.check(uow.ctx, "assign teams")
    district = district_of(uow)
    community = check_code_format(community, "community", "community")
    uow.ctx.check_scope(community, "community")
    load: dict[str, int] = {}
    for c in uow.session.scalars(select(m.Case).where(m.Case.district == district,
                                                      m.Case.status.in_(("assigned", "in_mediation")))):
        for pid in {c.judge_id, c.mediator_id, *(v.get("person_id") for v in c.volunteers or [])}:
            if pid:
                load[pid] = load.get(pid, 0) + 1
    persons = people.directory().people_of(district, community)
    return {"community": community, "items": sorted(
        ({"person_id": p["id"], "name": p.get("name", ""), "open_cases": load.get(p["id"], 0)} for p in persons),
        key=lambda x: (x["open_cases"], x["name"]))}


# ---- mediating

def _check_mediator(uow: UnitOfWork, c: m.Case) -> None:
    if uow.ctx.has_any(Role.MEDIATOR) and not uow.ctx.has_any(Role.COMMUNITY_WORKER) and not on_team(uow, c):
        raise PermissionDenied("only the case's team mediates it", "case_id")


def record_session(uow: UnitOfWork, *, case_id: str, notes: str, attendance: list[str],
                   held_at: str | None = None) -> dict:
    POLICY.check(uow.ctx, "mediate")
    c = get_case(uow, case_id, write=True)
    _check_mediator(uow, c)
    rules.check_can_mediate(c.status)
    if not attendance:
        raise InvalidArgument("record who attended", "attendance")
    at = _moment(held_at, "held_at") if held_at else clock.now()
    if at.tzinfo is None:
        raise InvalidArgument("must carry a time zone", "held_at")
    at = at.astimezone(timezone.utc)
    s = m.Session(case_id=c.id, district=c.district, held_at=at, notes=rules.check_text(notes, "notes"),
                  attendance=[rules.check_text(a, "attendance", 100) for a in attendance],
                  recorded_by=uow.ctx.actor)
    uow.session.add(s)
    c.status = "in_mediation"
    uow.flush()
    audit(uow, c.district, "record session", s.id, after={"case_id": c.id, "attendance": s.attendance})
    return {"id": s.id, "case_id": c.id, "held_at": aware(s.held_at).isoformat(), "notes": s.notes,
            "attendance": list(s.attendance)}


def resolve_case(uow: UnitOfWork, *, case_id: str, outcome: str, agreement: str | None = None) -> dict:
    """The outcome (调解结果), with the mediation agreement (调解协议) when there is one.

    "not_resolved" means the tier could not settle it: the case climbs the ladder instead.
    """
    POLICY.check(uow.ctx, "mediate")
    c = get_case(uow, case_id, write=True)
    _check_mediator(uow, c)
    rules.check_can_mediate(c.status)
    if outcome not in rules.OUTCOMES:
        raise InvalidArgument(f"must be one of {', '.join(rules.OUTCOMES)}", "outcome")
    if outcome == "agreement" and not agreement:
        raise InvalidArgument("an agreement outcome needs the agreement's text", "agreement")
    agreement = rules.check_text(agreement, "agreement", required=False)
    before = {"status": c.status, "outcome": c.outcome}
    if outcome == "not_resolved":
        target = ladder.next_tier(c.tier)
        if target is None:
            raise FailedPrecondition("the district tier must settle it: record a resolving outcome", "outcome")
        _move(uow, c, target, "escalated", "the tier could not settle it", "unresolved")
        return case_out(uow, c, full=True)
    now = clock.now()
    c.status, c.outcome, c.agreement, c.resolved_tier, c.resolved_at = "resolved", outcome, agreement, c.tier, now
    c.overdue = False
    _history(uow, c, "resolved", reason=outcome, at=now)
    audit(uow, c.district, "resolve case", c.id, before, {"status": "resolved", "outcome": outcome,
                                                          "tier": c.tier})
    # the volunteers are credited in the points service through this event (exactly once, by its inbox)
    _emit(uow, c, "case.resolved", outcome=outcome, resolved_tier=c.tier, volunteers=list(c.volunteers or []))
    return case_out(uow, c, full=True)


def rate_case(uow: UnitOfWork, *, case_id: str, score: int, comment: str | None = None) -> dict:
    """一事一评议: the resident who complained rates the outcome, 1-5 and a comment."""
    POLICY.check(uow.ctx, "rate cases")
    c = get_case(uow, case_id)
    complainants = uow.session.scalars(select(m.CaseParty.person_id).where(
        m.CaseParty.case_id == c.id, m.CaseParty.role == "complainant")).all()
    # a 12345 caller is asked by the hotline's return visit; the community records that answer
    by_hotline = c.channel == "hotline_12345" and uow.ctx.has_any(Role.COMMUNITY_WORKER)
    if uow.ctx.actor not in complainants and not by_hotline:
        raise PermissionDenied("the complainant rates the outcome", "case_id")
    if c.status != "resolved":
        raise FailedPrecondition(f"the case is {c.status}; it is rated once resolved", "case_id")
    if c.rating is not None:
        raise FailedPrecondition("the outcome is already rated (one matter, one evaluation)", "case_id")
    score = rules.check_rating(score, comment)
    before = {"rating": c.rating}
    c.rating, c.rating_comment = score, rules.check_text(comment, "comment", 1000, required=False)
    _history(uow, c, "rated", reason=str(score))
    audit(uow, c.district, "rate case", c.id, before, {"rating": score})
    _emit(uow, c, "case.rated", rating=score)
    return case_out(uow, c, full=False)


def reopen_case(uow: UnitOfWork, *, case_id: str, reason: str) -> dict:
    POLICY.check(uow.ctx, "reopen cases")
    c = get_case(uow, case_id)
    if uow.ctx.has_any(Role.RESIDENT) and not uow.ctx.has_any(Role.COMMUNITY_WORKER) and not is_party(uow, c):
        raise PermissionDenied("a party to the case reopens it", "case_id")
    reason = rules.check_text(reason, "reason", 1000)
    now = clock.now()
    rules.check_reopen(c.status, aware(c.resolved_at), now)
    cat = _category(uow, c.district, c.category)
    before = {"status": c.status, "outcome": c.outcome}
    c.status = "in_mediation" if c.mediator_id else "open"
    c.outcome = c.agreement = c.resolved_tier = c.resolved_at = None
    c.rating = c.rating_comment = None
    c.reopen_count += 1
    c.tier_started_at, c.deadline_at = now, ladder.deadline(now, c.tier, cat.deadline_days)
    _history(uow, c, "reopened", reason=reason, at=now)
    audit(uow, c.district, "reopen case", c.id, before, {"status": c.status}, reason)
    _emit(uow, c, "case.reopened", reason=reason)
    return case_out(uow, c, full=False)


# ---- the ladder

def _move(uow: UnitOfWork, c: m.Case, target: str, kind: str, reason: str, how: str, now=None) -> None:
    now = now or clock.now()
    cat = uow.session.get(m.Category, (c.district, c.category))
    days = cat.deadline_days if cat else ladder.DEFAULT_DEADLINE_DAYS
    from_tier = c.tier
    c.tier, c.tier_started_at, c.deadline_at, c.overdue = target, now, ladder.deadline(now, target, days), False
    _history(uow, c, kind, reason=reason, from_tier=from_tier, to_tier=target, at=now)
    audit(uow, c.district, kind, c.id, {"tier": from_tier}, {"tier": target}, reason)
    _emit(uow, c, "case.escalated" if kind == "escalated" else "case.sent_back", from_tier=from_tier,
          to_tier=target, reason=reason, how=how)
    if kind == "escalated":
        uow.after_commit(metrics.ESCALATIONS.labels(c.district, target, how).inc)


def escalate_by_hand(uow: UnitOfWork, *, case_id: str, direction: str, reason: str) -> dict:
    """A supervisor escalates (up) or sends back (down) a case, with a reason."""
    POLICY.check(uow.ctx, "escalate by hand")
    c = get_case(uow, case_id, write=True)
    if c.status in ("resolved", "closed"):
        raise FailedPrecondition(f"the case is {c.status}", "case_id")
    target = ladder.check_manual(c.tier, direction)
    _move(uow, c, target, "escalated" if direction == "up" else "sent_back",
          rules.check_text(reason, "reason", 1000), "by_hand")
    return case_out(uow, c, full=True)


def escalate_overdue(uow: UnitOfWork, now: datetime | None = None) -> int:
    """Timer: every open case past its tier's deadline climbs one tier (events emitted); at the top
    it is marked overdue once. Returns how many cases changed."""
    now = now or clock.now()
    changed = 0
    due = uow.session.scalars(select(m.Case).where(m.Case.status.in_(("open", "assigned", "in_mediation")),
                                                   m.Case.deadline_at < now, m.Case.overdue.is_(False)))
    for c in list(due):
        if aware(c.deadline_at) >= now:
            continue
        # climb from the moment each deadline passed: a case left alone long climbs tier by tier
        while ladder.due_for_escalation(c.tier, aware(c.deadline_at), now):
            _move(uow, c, ladder.next_tier(c.tier), "escalated", f"{c.tier} deadline passed", "deadline",
                  now=aware(c.deadline_at))
        if aware(c.deadline_at) < now and ladder.next_tier(c.tier) is None:
            c.overdue = True
            _history(uow, c, "overdue", reason="district deadline passed", at=now)
            _emit(uow, c, "case.overdue")
        changed += 1
    return changed


def open_case_counts(uow: UnitOfWork):
    return uow.session.execute(select(m.Case.district, func.count()).where(
        m.Case.status.in_(("open", "assigned", "in_mediation"))).group_by(m.Case.district)).all()
