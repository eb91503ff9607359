"""Organisational life (组织生活: 三会一课, 主题党日): a branch's meetings booked in a centre, their minutes,
attendance by member (a check-in, credited by points as participation), the rhythm each branch owes and
how far it keeps it. The rules are services/centers/domain/organisational_life.py.
"""
from __future__ import annotations

import logging
from collections import Counter
from datetime import date

from sqlalchemy import func

from services.common import clock, paging
from services.common.china_calendar import BEIJING
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of, within
from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.registry_client import organisation_in, registry
from services.common.tables import audit
from services.common.values import aware, parse_date, text
from services.centers import models as m
from services.centers import serializers as out
from services.centers.app import bookings
from services.centers.domain import organisational_life as rules
from services.centers.permissions import POLICY
from services.centers.repository import Repository

log = logging.getLogger(__name__)


def _community_of(division_code: str) -> str:
    """The community a branch lies in: its division's first twelve digits (a grid's branch: its community)."""
    return (division_code or "")[:12]


def _branch(uow: UnitOfWork, r: Repository, branch_id: str) -> dict:
    """The registry's branch, of the district and the caller's scope, keeping organisational life."""
    branch = organisation_in(uow.ctx.district, branch_id, "branch_id")
    rules.check_branch_kind(branch.get("kind"), branch.get("name") or branch_id)
    r.code(_community_of(branch.get("division_code")), "branch_id", "community", write=True)
    return branch


def _attended(r: Repository, booking_ids: list[str]) -> dict[str, int]:
    """Check-ins per booking: keyed follow-ups of meetings already checked."""
    if not booking_ids:
        return {}
    return dict(r.session.execute(
        r.whole_district().select(m.CheckIn, m.CheckIn.booking_id, func.count())
        .where(m.CheckIn.booking_id.in_(booking_ids)).group_by(m.CheckIn.booking_id)).all())


def _shaped(r: Repository, meeting: m.LifeMeeting) -> dict:
    booking = r.session.get(m.Booking, meeting.booking_id)
    return out.life_meeting(meeting, booking, _attended(r, [booking.id]).get(booking.id, 0))


def schedule_life_meeting(uow: UnitOfWork, *, space_id: str, branch_id: str, kind: str, topic: str, starts_at: str,
                     ends_at: str, attendees: int, rule: str | None = None, except_dates: list[str] | None = None,
                     dry_run: bool = False) -> dict:
    """A branch's meeting (三会一课) or themed party day (主题党日) booked in a space of a centre: a booking
    for the branch whose purpose names the meeting, under every rule of a booking. ``rule``: a recurring
    meeting (the themed party day on the first Friday of each month: ``FREQ=MONTHLY;BYDAY=1FR;COUNT=12``),
    checked as a series; if any occurrence is refused nothing is written and the report says why."""
    POLICY.check(uow.ctx, "run organisational life")
    r = Repository(uow)
    kind = rules.check_kind(kind)
    topic = text(topic, "topic", 150, required=True)
    branch = _branch(uow, r, branch_id)
    booked = dict(space_id=space_id, starts_at=starts_at, ends_at=ends_at, attendees=attendees,
                  organisation_id=branch["id"], purpose=rules.purpose(kind, topic))
    if rule:
        report = bookings.book_series(uow, rule=rule, except_dates=except_dates, dry_run=dry_run, **booked)
        written = [line["booking_id"] for line in report["occurrences"] if line.get("booking_id")]
    elif except_dates or dry_run:
        raise InvalidArgument("is given with a rule only (a recurring meeting)", "except_dates" if except_dates
                              else "dry_run")
    else:
        report = None
        written = [bookings.book_space(uow, **booked)["id"]]
    meetings = []
    for booking_id in written:
        booking = r.booking(booking_id)
        meeting = r.add(m.LifeMeeting(
            district=booking.district, community=booking.community, booking_id=booking.id, branch_id=branch["id"],
            branch_name=branch.get("name") or "", branch_kind=branch["kind"],
            branch_community=_community_of(branch["division_code"]), kind=kind, topic=topic,
            held_on=aware(booking.starts_at).astimezone(BEIJING).date()))
        uow.flush()
        shaped = out.life_meeting(meeting, booking)
        audit(uow, meeting.district, "schedule meeting", meeting.id, after=shaped)
        meetings.append(shaped)
    return {"meetings": meetings, "written": bool(meetings),
            "series_id": (report or {}).get("series_id", ""), "occurrences": (report or {}).get("occurrences", [])}


def record_minutes(uow: UnitOfWork, *, meeting_id: str, minutes: str) -> dict:
    """会议记录: the minutes of a meeting that has begun, once; the meeting then counts as held in its period."""
    POLICY.check(uow.ctx, "run organisational life")
    r = Repository(uow)
    meeting = r.get(m.LifeMeeting, meeting_id, "meeting_id", "meeting", write=True)
    booking = r.session.get(m.Booking, meeting.booking_id)  # keyed follow-up of the checked meeting
    minutes = text(minutes, "minutes", rules.MAX_MINUTES_CHARS, required=True)
    starts = aware(booking.starts_at)
    rules.check_minutes(booking.status, starts.astimezone(BEIJING).date(), starts <= clock.now(),
                        meeting.minutes is not None)
    before = _shaped(r, meeting)
    meeting.minutes, meeting.minutes_by, meeting.minutes_at = minutes, uow.ctx.actor, clock.now()
    shaped = _shaped(r, meeting)
    audit(uow, meeting.district, "record minutes", meeting.id, before, shaped)
    uow.emit("life.meeting_held", meeting.district, {k: v for k, v in shaped.items() if k != "minutes"},
             subdistrict_of(meeting.branch_community))
    return shaped


def get_life_meeting(uow: UnitOfWork, *, id: str) -> dict:
    """A meeting with its attendance: the branch's members today, who of them checked in, who did not."""
    POLICY.check(uow.ctx, "read organisational life")
    r = Repository(uow)
    meeting = r.get(m.LifeMeeting, id, "id", "meeting")
    shaped = _shaped(r, meeting)
    came = set(r.session.scalars(r.whole_district().select(m.CheckIn, m.CheckIn.person_id)
                                 .where(m.CheckIn.booking_id == meeting.booking_id)))
    members = registry().members_of(meeting.district, meeting.branch_id)
    return {**shaped, "members": len(members), "absent": [p for p in members if p not in came],
            "attendees": sorted(came)}


def list_life_meetings(uow: UnitOfWork, *, branch_id: str | None = None, community_code: str | None = None,
                  kind: str | None = None, from_date: str | None = None, to_date: str | None = None,
                  page_size: int = 0, page_token: str | None = None) -> dict:
    """The meetings of a branch, or of the branches of a community (default: the caller's scope), soonest
    first, by cursor."""
    POLICY.check(uow.ctx, "read organisational life")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.LifeMeeting)
    if branch_id:
        q = q.where(m.LifeMeeting.branch_id == branch_id)
    if community_code:
        q = q.where(r.under(m.LifeMeeting.branch_community, r.code(community_code, "community_code", "community")))
    if kind:
        q = q.where(m.LifeMeeting.kind == rules.check_kind(kind))
    start = parse_date(from_date, "from_date") if from_date else None
    end = parse_date(to_date, "to_date") if to_date else None
    if start and end and end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    if start:
        q = q.where(m.LifeMeeting.held_on >= start)
    if end:
        q = q.where(m.LifeMeeting.held_on <= end)
    filters = {"branch_id": branch_id, "community": community_code, "kind": kind, "from": start, "to": end}
    found, token = paging.page(uow.session, q, (m.LifeMeeting.held_on, m.LifeMeeting.id), size=size,
                               token=page_token, filters=filters, converters=(date.fromisoformat, None))
    booked = {b.id: b for b in r.session.scalars(
        r.whole_district().select(m.Booking).where(m.Booking.id.in_([x.booking_id for x in found])))}
    came = _attended(r, list(booked))
    return {"items": [out.life_meeting(x, booked[x.booking_id], came.get(x.booking_id, 0)) for x in found],
            "next_page_token": token}


# ---- the rhythm owed, and how far it is kept

def _rhythms(uow: UnitOfWork) -> dict[str, list[rules.Rhythm]]:
    """Each district's rhythm, by district: its settings (district-wide rows: a caller sees its own
    district's, the system task every district's), defaults for the kinds it has not set."""
    rows: dict[str, dict] = {}
    for row in Repository(uow).all(m.LifeRhythm):
        rows.setdefault(row.district, {})[row.kind] = (row.every, row.count)
    return _Defaulted({district: rules.rhythms(kinds) for district, kinds in rows.items()})


class _Defaulted(dict):
    """A district without settings owes the default rhythm."""

    def __missing__(self, district):
        return rules.rhythms({})


def get_life_rhythm(uow: UnitOfWork) -> dict:
    """What every branch of the district owes: per kind, how many every month or quarter."""
    POLICY.check(uow.ctx, "read organisational life")
    return {"items": [out.life_rhythm(x) for x in _rhythms(uow)[uow.ctx.district]]}


def set_life_rhythm(uow: UnitOfWork, *, kind: str, every: str, count: int) -> dict:
    """The district's own rhythm for one kind of meeting (0: not required); by the district's admin."""
    POLICY.check(uow.ctx, "set organisational rhythm")
    r = Repository(uow)
    district = r.district_setting("kind")
    kind = rules.check_kind(kind)
    every, count = rules.check_rhythm(every, count)
    before = {x.kind: out.life_rhythm(x) for x in _rhythms(uow)[district]}[kind]
    row = r.first(m.LifeRhythm, m.LifeRhythm.kind == kind)
    if row is None:
        row = r.add(m.LifeRhythm(district=district, kind=kind, every=every, count=count, set_by=uow.ctx.actor))
    else:
        row.every, row.count, row.set_by, row.set_at = every, count, uow.ctx.actor, clock.now()
    uow.flush()
    after = {x.kind: out.life_rhythm(x) for x in _rhythms(uow)[district]}
    audit(uow, district, "set organisational rhythm", kind, before, after[kind])
    return {"items": list(after.values())}


def _held(r: Repository, first: date, last: date, scope: str | None = None) -> dict[tuple, Counter]:
    """Meetings held (minutes recorded) on days in [first, last], per (district, branch): (kind, day) → count;
    only the branches lying in ``scope`` when it is given."""
    q = r.select(m.LifeMeeting, m.LifeMeeting.district, m.LifeMeeting.branch_id, m.LifeMeeting.kind,
                 m.LifeMeeting.held_on).where(m.LifeMeeting.minutes.is_not(None), m.LifeMeeting.held_on >= first,
                                              m.LifeMeeting.held_on <= last)
    if scope:
        q = q.where(r.under(m.LifeMeeting.branch_community, scope))
    held: dict[tuple, Counter] = {}
    for district, branch_id, kind, day in r.session.execute(q):
        held.setdefault((district, branch_id), Counter())[(kind, day)] += 1
    return held


def _by_period(days: Counter, rhythm: list[rules.Rhythm]) -> dict[tuple[str, str], int]:
    """(kind, day) counts → (kind, period) counts, each kind by its own rhythm's period."""
    every = {x.kind: x.every for x in rhythm}
    found: Counter = Counter()
    for (kind, day), n in days.items():
        found[(kind, rules.period_of(day, every[kind]))] += n
    return dict(found)


def _branches(district: str, scope: str) -> list[dict]:
    """The registry's branches keeping organisational life in ``scope``, each lying in a community."""
    return [b for b in registry().organisations_in(district, scope)
            if b.get("kind") in rules.BRANCH_KINDS and len(_community_of(b.get("division_code"))) == 12
            and within(_community_of(b["division_code"]), scope)]


def get_life_figures(uow: UnitOfWork, *, division_code: str | None = None, year: int = 0,
                     quarter: int = 0) -> dict:
    """How far each branch of a community or sub-district (default: the caller's scope) keeps its rhythm
    in a year (default this one) or one quarter of it: per kind, owed in the periods begun so far, held,
    and the ended periods it fell short in; and per community, its branches, how many are behind, held
    against owed."""
    POLICY.check(uow.ctx, "read organisational life")
    r = Repository(uow)
    scope = r.scope_code(division_code, "division_code")
    today = clock.today()
    if isinstance(year, bool) or not isinstance(year, int) or not (year == 0 or 2000 <= year <= 2100):
        raise InvalidArgument("must be a year from 2000 to 2100 (0: this year)", "year")
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 0 <= quarter <= 4:
        raise InvalidArgument("must be 1 to 4 (0: the whole year)", "quarter")
    year = year or today.year
    first, last = rules.window(year, quarter or None)
    rhythm = _rhythms(uow)[uow.ctx.district]
    held = _held(r, first, last, scope)
    lines, communities = [], {}
    for b in sorted(_branches(uow.ctx.district, scope), key=lambda b: (b["division_code"], b["name"], b["id"])):
        figures = rules.figures(rhythm, _by_period(held.get((uow.ctx.district, b["id"]), Counter()), rhythm),
                                first, last, today)
        behind = any(f.missed for f in figures)
        community = _community_of(b["division_code"])
        lines.append({"branch_id": b["id"], "branch_name": b["name"], "community": community, "behind": behind,
                      "kinds": [{"kind": f.kind, "every": f.every, "required": f.required, "held": f.held,
                                 "missed_periods": f.missed} for f in figures]})
        c = communities.setdefault(community, {"community": community, "branches": 0, "branches_behind": 0,
                                               "required": 0, "held": 0})
        c["branches"] += 1
        c["branches_behind"] += behind
        c["required"] += sum(f.required for f in figures)
        c["held"] += sum(f.held for f in figures)
    return {"division_code": scope, "year": year, "quarter": quarter, "branches": lines,
            "communities": list(communities.values())}


def notice_shortfalls(uow: UnitOfWork, today: date | None = None) -> int:
    """A system task (the worker's timer): each branch that ended the last month or quarter with fewer
    meetings of a kind than its district's rhythm owes is noticed once and announced as ``life.fell_behind``
    (the sub-district's and the branch's community's desks). The districts that use the centers (a centre
    or a meeting here) are looked at; their branches come from the registry. Returns how many were noticed."""
    today = today or clock.today()
    r = Repository(uow)
    periods = {every: rules.last_ended(today, every) for every in rules.PERIODS}
    first = min(rules.period_bounds(p)[0] for p in periods.values())
    held = _held(r, first, today)
    known = {(x.district, x.branch_id, x.kind, x.period)
             for x in r.all(m.LifeShortfall, m.LifeShortfall.period.in_(list(periods.values())))}
    districts = set(uow.session.scalars(r.select(m.Centre, m.Centre.district).distinct()))
    rhythms = _rhythms(uow)
    noticed = 0
    for district in sorted(districts):
        rhythm = rhythms[district]
        try:
            branches = _branches(district, district)
        except FailedPrecondition as exc:  # the registry did not answer: this district is looked at next time
            log.warning("organisational life not checked", extra={"district": district, "reason": str(exc)})
            continue
        for b in branches:
            counts = _by_period(held.get((district, b["id"]), Counter()), rhythm)
            community = _community_of(b["division_code"])
            for x in rhythm:
                period, count = periods[x.every], counts.get((x.kind, periods[x.every]), 0)
                if x.count == 0 or count >= x.count or (district, b["id"], x.kind, period) in known:
                    continue
                r.add(m.LifeShortfall(district=district, community=community, branch_id=b["id"], kind=x.kind,
                                      period=period, required=x.count, held=count))
                uow.emit("life.fell_behind", district,
                         {"branch_id": b["id"], "branch_name": b.get("name") or "", "community": community,
                          "kind": x.kind, "period": period, "required": x.count, "held": count},
                         subdistrict_of(community))
                noticed += 1
    uow.flush()
    return noticed


def meeting_of(uow: UnitOfWork, booking_id: str) -> m.LifeMeeting | None:
    """The meeting a booking is, if it is one: a keyed follow-up of a booking already checked."""
    return uow.session.scalars(Repository(uow).whole_district().select(m.LifeMeeting)
                               .where(m.LifeMeeting.booking_id == booking_id)).first()


def check_member(meeting: m.LifeMeeting, person_id: str) -> None:
    """Attendance at a branch's meeting is its members': anyone else is refused, naming the person."""
    if person_id not in registry().members_of(meeting.district, meeting.branch_id):
        raise FailedPrecondition(f"is not a member of {meeting.branch_name}: attendance at its "
                                 f"{rules.MEETING_KINDS[meeting.kind][0]} is checked in by member", "person_id")
