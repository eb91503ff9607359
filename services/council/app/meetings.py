"""Joint meetings (共建联席会) and their decisions followed to completion; the figures per council and
community; what is flagged (a quarter without a meeting, a decision past its deadline). The rules are
services/council/domain/meetings.py."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.registry_client import person_in
from services.common.tables import audit
from services.common.values import parse_date, period_days, period_of, text
from services.council import models as m
from services.council import serializers as out
from services.council.app.councils import members_of
from services.council.domain import meetings as rules
from services.council.permissions import POLICY, STAFF
from services.council.repository import Repository


def record_joint_meeting(uow: UnitOfWork, *, council_id: str, kind: str, held_on: str, agenda: list[str],
                         attendance: list[str], minutes: str, decisions: list[dict] | None = None) -> dict:
    """共建联席会 as held: its agenda, the member units that attended, the minutes, and its decisions, each
    with an owner (a member unit or a person of the district) and a deadline."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    on = parse_date(held_on, "held_on")
    rules.check_held(kind, on, clock.today())
    items = rules.check_agenda(agenda)
    members = {x.organisation_id: x for x in members_of(r, council)}
    came = rules.check_attendance(attendance, set(members))
    words = text(minutes, "minutes", 20_000, required=True)
    wanted = []
    for i, d in enumerate(decisions or []):
        due = d.get("due_on") if isinstance(d, dict) else None
        parsed = {**d, "due_on": parse_date(due, f"decisions[{i}].due_on")} if due else d
        decision = rules.check_decision(i, parsed, on)
        if decision["owner_organisation_id"]:
            owner = members.get(decision["owner_organisation_id"])
            if owner is None:
                raise InvalidArgument("is not a member unit of the council", f"decisions[{i}].owner_organisation_id")
            decision["owner_name"] = owner.organisation_name
        else:
            person = person_in(council.district, decision["owner_person_id"], f"decisions[{i}].owner_person_id")
            decision["owner_name"] = person.get("name") or decision["owner_person_id"]
        wanted.append(decision)
    if len(wanted) > rules.MAX_DECISIONS:
        raise InvalidArgument(f"at most {rules.MAX_DECISIONS} decisions", "decisions")
    meeting = r.add(m.JointMeeting(district=council.district, community=council.community, council_id=council.id,
                                   kind=kind, held_on=on, agenda=items, attendance=came, minutes=words,
                                   recorded_by=uow.ctx.actor))
    uow.flush()
    rows = [r.add(m.Decision(district=council.district, community=council.community, council_id=council.id,
                             meeting_id=meeting.id, status="open", **d)) for d in wanted]
    uow.flush()
    shaped = out.meeting(meeting, rows)
    audit(uow, council.district, "record joint meeting", meeting.id, after=shaped)
    uow.emit("joint_meeting.held", council.district, {k: v for k, v in shaped.items() if k != "minutes"},
             subdistrict_of(council.community))
    return shaped


def _decisions(r: Repository, meeting: m.JointMeeting) -> list[m.Decision]:
    return r.all(m.Decision, m.Decision.meeting_id == meeting.id, order_by=(m.Decision.due_on, m.Decision.id))


def get_joint_meeting(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    meeting = r.get(m.JointMeeting, id, "id", "joint meeting")
    return out.meeting(meeting, _decisions(r, meeting))


def list_joint_meetings(uow: UnitOfWork, *, council_id: str, from_date: str | None = None,
                        to_date: str | None = None) -> dict:
    """A council's joint meetings, latest first."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    council = r.council(council_id)
    where = [m.JointMeeting.council_id == council.id]
    if from_date:
        where.append(m.JointMeeting.held_on >= parse_date(from_date, "from_date"))
    if to_date:
        where.append(m.JointMeeting.held_on <= parse_date(to_date, "to_date"))
    found = r.all(m.JointMeeting, *where, order_by=(m.JointMeeting.held_on.desc(), m.JointMeeting.id))
    return {"items": [out.meeting(x, _decisions(r, x)) for x in found]}


def complete_decision(uow: UnitOfWork, *, decision_id: str, note: str, done_on: str | None = None) -> dict:
    """A decision followed to completion, with a note: by the council's staff, or by the unit that owns it."""
    POLICY.check(uow.ctx, "complete decisions")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    row = r.get(m.Decision, decision_id, "decision_id", "decision", write=staff)
    if not staff and row.owner_organisation_id != uow.ctx.actor:
        raise PermissionDenied("a decision is reported done by the council's staff or by the unit that owns it",
                               "decision_id")
    rules.check_completable(row.status)
    on = parse_date(done_on, "done_on") if done_on else clock.today()
    if on > clock.today():
        raise InvalidArgument("must not be in the future", "done_on")
    meeting = r.session.get(m.JointMeeting, row.meeting_id)  # keyed follow-up of the checked decision
    if on < meeting.held_on:
        raise InvalidArgument(f"must not be before the meeting ({meeting.held_on})", "done_on")
    before = out.decision(row)
    row.status, row.done_on, row.done_by = "done", on, uow.ctx.actor
    row.done_note = text(note, "note", 2000, required=True)
    shaped = out.decision(row)
    audit(uow, row.district, "complete decision", row.id, before, shaped)
    uow.emit("decision.done", row.district, shaped, subdistrict_of(row.community))
    return shaped


def list_decisions(uow: UnitOfWork, *, council_id: str | None = None, division_code: str | None = None,
                   status: str | None = None, overdue_only: bool = False, page_size: int = 0,
                   page_token: str | None = None) -> dict:
    """Decisions of a council, or of the councils of a division (default: the caller's scope), soonest due
    first, by cursor; ``overdue_only``: open past their deadline. A unit sees the ones it owns."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Decision)
    if council_id:
        q = q.where(m.Decision.council_id == r.council(council_id).id)
    if division_code:
        q = q.where(r.under(m.Decision.community, r.scope_code(division_code, "division_code")))
    if status:
        if status not in ("open", "done"):
            raise InvalidArgument("must be open or done", "status")
        q = q.where(m.Decision.status == status)
    if overdue_only:
        q = q.where(m.Decision.status == "open", m.Decision.due_on < clock.today())
    if not uow.ctx.has_any(*STAFF):
        q = q.where(m.Decision.owner_organisation_id == uow.ctx.actor)
    filters = {"council_id": council_id, "division": division_code, "status": status, "overdue": bool(overdue_only)}
    found, token = paging.page(uow.session, q, (m.Decision.due_on, m.Decision.id), size=size, token=page_token,
                               filters=filters, converters=(date.fromisoformat, None))
    return out.page(found, out.decision, token)


def get_council_figures(uow: UnitOfWork, *, division_code: str | None = None, quarter: str | None = None) -> dict:
    """Per council of a sub-district or community (default: the caller's scope) in a quarter (default this
    one): joint meetings held, whether it met, decisions open, overdue and done; and per community."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    scope = r.scope_code(division_code, "division_code")
    quarter = quarter or period_of(clock.today(), "quarter")
    first, last = period_days(quarter, "quarter", "quarter")
    today = clock.today()
    councils = r.all(m.Council, r.under(m.Council.community, scope), order_by=(m.Council.community,))
    held = Counter(r.session.scalars(r.scoped(
        r.select(m.JointMeeting, m.JointMeeting.council_id).where(
            r.under(m.JointMeeting.community, scope), m.JointMeeting.held_on >= first,
            m.JointMeeting.held_on <= last), m.JointMeeting)))
    decisions = r.all(m.Decision, r.under(m.Decision.community, scope))
    lines = []
    for c in councils:
        mine = [d for d in decisions if d.council_id == c.id]
        lines.append({"council_id": c.id, "community": c.community, "name": c.name, "meetings": held.get(c.id, 0),
                      "met": held.get(c.id, 0) > 0,
                      "decisions_open": sum(d.status == "open" for d in mine),
                      "decisions_overdue": sum(rules.overdue(d.status, d.due_on, today) for d in mine),
                      "decisions_done": sum(d.status == "done" for d in mine)})
    return {"division_code": scope, "quarter": quarter, "councils": lines,
            "councils_met": sum(x["met"] for x in lines), "councils_not_met": sum(not x["met"] for x in lines)}


# ---- the worker's timers and gauges (system tasks over every district)

def notice_flags(uow: UnitOfWork) -> int:
    """A council that held no joint meeting in the quarter that just ended is flagged once for it
    (``council.meeting_missed``); an open decision past its deadline once (``decision.overdue``). Only
    councils founded before that quarter ended are expected to have met in it."""
    r = Repository(uow)
    today = clock.today()
    quarter = period_of(period_days(period_of(today, "quarter"))[0] - timedelta(days=1), "quarter")
    first, last = period_days(quarter)
    met = set(r.session.scalars(r.select(m.JointMeeting, m.JointMeeting.council_id).where(
        m.JointMeeting.held_on >= first, m.JointMeeting.held_on <= last)))
    flagged = set(r.session.scalars(r.select(m.MissedQuarter, m.MissedQuarter.council_id)
                                    .where(m.MissedQuarter.quarter == quarter)))
    noticed = 0
    for c in r.all(m.Council, order_by=(m.Council.community,)):
        if c.id in met or c.id in flagged or c.founded_on > last:
            continue
        r.add(m.MissedQuarter(district=c.district, community=c.community, council_id=c.id, quarter=quarter))
        uow.emit("council.meeting_missed", c.district, {"council_id": c.id, "community": c.community,
                                                         "name": c.name, "quarter": quarter},
                 subdistrict_of(c.community))
        noticed += 1
    for d in r.all(m.Decision, m.Decision.status == "open", m.Decision.due_on < today,
                   m.Decision.overdue_noticed_at.is_(None), order_by=(m.Decision.due_on, m.Decision.id)):
        d.overdue_noticed_at = clock.now()
        uow.emit("decision.overdue", d.district, {**out.decision(d), "days_overdue": (today - d.due_on).days},
                 subdistrict_of(d.community))
        noticed += 1
    uow.flush()
    return noticed


def gauge_counts(uow: UnitOfWork) -> tuple[dict[str, int], dict[str, int]]:
    """(councils without a meeting in the last ended quarter, open decisions overdue), per district."""
    r = Repository(uow)
    today = clock.today()
    quarter = period_of(period_days(period_of(today, "quarter"))[0] - timedelta(days=1), "quarter")
    first, last = period_days(quarter)
    met = set(r.session.scalars(r.select(m.JointMeeting, m.JointMeeting.council_id).where(
        m.JointMeeting.held_on >= first, m.JointMeeting.held_on <= last)))
    without = Counter(c.district for c in r.all(m.Council) if c.id not in met and c.founded_on <= last)
    overdue = Counter(d.district for d in r.all(m.Decision, m.Decision.status == "open", m.Decision.due_on < today))
    return dict(without), dict(overdue)


def get_decision(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read councils")
    row = Repository(uow).get(m.Decision, id, "id", "decision")
    if not uow.ctx.has_any(*STAFF) and row.owner_organisation_id != uow.ctx.actor:
        raise NotFound(f"no decision {id!r}", "id")
    return out.decision(row)
