"""Course ordering (课程点单) in three steps: residents order (居民点单) → the community places the order
(社区下单) → a team accepts it (团队接单); then its sessions are booked in the centre's spaces, it is
held, attended (the check-ins at its sessions) and rated by those who came.

The rules are services/centers/domain/courses.py. A session is a booking of the team, made by the
booking code itself (services/centers/app/bookings.py: the slot, hours, closures, overlaps, capacity
and the team's monthly quota are checked as for any booking). Events: ``course.placed``,
``course.accepted``, ``course.scheduled``, ``course.held``, ``course.cancelled`` (no other service
consumes them yet, so they have no contract).

A resident orders and joins at a centre of his own community: the community places the orders of its
residents (社区下单), and it is his community's centre his token's scope shows him. A neighbour who came
to a session (a check-in by the door code) is counted in its attendance all the same.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, PermissionDenied
from services.common.registry_client import organisation_in, resident_of
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import aware, parse_date, parse_moment, text
from services.centers import models as m
from services.centers import serializers as out
from services.centers.app.bookings import _check_slot, _local_day, _write_booking, check_quota
from services.centers.domain import bookings as booking_rules
from services.centers.domain import courses as rules
from services.centers.permissions import POLICY, STAFF
from services.centers.repository import Repository

# two joins (or two ratings) of one person at once (PostgreSQL's unique keys): the second is told
CONFLICTS["uq_course_order_joins_once"] = lambda: AlreadyExists("has joined this order already", "person_id")
CONFLICTS["uq_course_ratings_once"] = lambda: AlreadyExists("has rated this course already", "person_id")


def _for_whom(uow: UnitOfWork, person_id: str | None, doing: str) -> str:
    """The person a resident's step is for: the resident himself, or whom the staff name (a wish on a
    paper slip at the desk)."""
    ctx = uow.ctx
    staff = ctx.has_any(*STAFF)
    person_id = person_id or (None if staff else ctx.actor)
    if not person_id:
        raise InvalidArgument(f"is required: the resident who {doing}", "person_id")
    if not staff and person_id != ctx.actor:
        raise PermissionDenied(f"a resident {doing} for himself", "person_id")
    return person_id


def _locked(r: Repository, record):
    """The record read again under its row lock (PostgreSQL; SQLite's write lock serialises anyway): two
    teams accepting one course at once, or two placements of one order, go one after the other, and the
    second meets the state the first left."""
    r.session.refresh(record, with_for_update=True)
    return record


def _course(r: Repository, course_id: str, field: str = "course_id", write: bool = False) -> m.Course:
    course = r.get(m.Course, course_id, field, "course", write=write)
    return _locked(r, course) if write else course


def _order(r: Repository, order_id: str, field: str = "order_id") -> m.CourseOrder:
    return _locked(r, r.get(m.CourseOrder, order_id, field, "course order", write=True))


def _sessions(r: Repository, course: m.Course) -> list[tuple[m.CourseSession, m.Booking]]:
    """The course's sessions and their bookings, soonest first: keyed follow-ups of the checked course."""
    rows = r.session.execute(
        r.select(m.CourseSession, m.CourseSession, m.Booking)
        .where(m.CourseSession.course_id == course.id, m.Booking.id == m.CourseSession.booking_id)
        .order_by(m.Booking.starts_at, m.Booking.id))
    return [(s, b) for s, b in rows]


def _shape(r: Repository, course: m.Course) -> dict:
    """The course with its orders, joiners, sessions, attendance and rating."""
    orders = r.all(m.CourseOrder, m.CourseOrder.course_id == course.id,
                   order_by=(m.CourseOrder.wanted.desc(), m.CourseOrder.id))
    order_ids = [o.id for o in orders]
    joiners = r.session.scalar(
        r.select(m.CourseOrderJoin, func.count(func.distinct(m.CourseOrderJoin.person_id)))
        .where(m.CourseOrderJoin.order_id.in_(order_ids))) if order_ids else 0
    sessions = _sessions(r, course)
    booking_ids = [b.id for _, b in sessions]
    per_booking, attendance = {}, 0
    if booking_ids:
        per_booking = dict(r.session.execute(
            r.select(m.CheckIn, m.CheckIn.booking_id, func.count()).where(m.CheckIn.booking_id.in_(booking_ids))
            .group_by(m.CheckIn.booking_id)).all())
        # one person at three sessions is one attendee of the course
        attendance = r.session.scalar(r.select(m.CheckIn, func.count(func.distinct(m.CheckIn.person_id)))
                                      .where(m.CheckIn.booking_id.in_(booking_ids)))
    now = clock.now()
    held = any(aware(b.ends_at) <= now and per_booking.get(b.id, 0) for _, b in sessions)
    stars = list(r.session.scalars(r.select(m.CourseRating, m.CourseRating.stars)
                                   .where(m.CourseRating.course_id == course.id)))
    return out.course(course, rules.status_of(course.status, held), order_ids, int(joiners or 0),
                      [out.course_session(s, b, int(per_booking.get(b.id, 0))) for s, b in sessions],
                      int(attendance or 0), rules.rating(stars))


# ---- 居民点单: residents order, and join the orders of their neighbours

def order_course(uow: UnitOfWork, *, centre_id: str, course_type: str, title: str, note: str | None = None,
                 person_id: str | None = None) -> dict:
    """居民点单: a resident of the centre's community orders a course type (科普, 传统文化, 亲子, 健康,
    职业技能, 手工) with his wish; he is the first who wants it."""
    POLICY.check(uow.ctx, "order courses")
    r = Repository(uow)
    centre = r.centre(centre_id, write=True)
    kind = rules.check_course_type(course_type)
    title = text(title, "title", 100, required=True)
    note = text(note, "note", 500)
    person = _for_whom(uow, person_id, "orders a course")
    resident_of(centre.district, centre.community, person, "person_id")
    order = r.add(m.CourseOrder(district=centre.district, community=centre.community, centre_id=centre.id,
                                course_type=kind, title=title, note=note, ordered_by=person, wanted=1,
                                status="ordered"))
    uow.flush()
    r.add(m.CourseOrderJoin(district=order.district, community=order.community, order_id=order.id, person_id=person))
    shaped = out.course_order(order, joined=True)
    audit(uow, order.district, "order course", order.id, after=shaped)
    return shaped


def join_course_order(uow: UnitOfWork, *, order_id: str, person_id: str | None = None) -> dict:
    """A neighbour wants the ordered course too: counted once (a second join is the first)."""
    POLICY.check(uow.ctx, "order courses")
    r = Repository(uow)
    order = _order(r, order_id)
    person = _for_whom(uow, person_id, "joins an order")
    if r.exists(m.CourseOrderJoin, m.CourseOrderJoin.order_id == order.id, m.CourseOrderJoin.person_id == person):
        return out.course_order(order, joined=True)
    rules.check_joinable(order.status)
    resident_of(order.district, order.community, person, "person_id")
    before = out.course_order(order)
    r.add(m.CourseOrderJoin(district=order.district, community=order.community, order_id=order.id, person_id=person))
    # counted in the database: two neighbours joining at once both count
    order.wanted = m.CourseOrder.wanted + 1
    uow.flush()
    shaped = out.course_order(order, joined=True)
    audit(uow, order.district, "join course order", order.id, before, shaped)
    return shaped


def withdraw_course_order(uow: UnitOfWork, *, order_id: str, reason: str) -> dict:
    """Withdrawn by whoever ordered it, or the centre's staff, while it is still ordered."""
    POLICY.check(uow.ctx, "order courses")
    r = Repository(uow)
    order = _order(r, order_id)
    if not uow.ctx.has_any(*STAFF) and uow.ctx.actor != order.ordered_by:
        raise PermissionDenied("an order is withdrawn by whoever ordered it, or the centre's staff", "order_id")
    reason = text(reason, "reason", 500, required=True)
    rules.check_withdrawable(order.status)
    before = out.course_order(order)
    order.status, order.reason = "withdrawn", reason
    shaped = out.course_order(order)
    audit(uow, order.district, "withdraw course order", order.id, before, shaped, reason=reason)
    return shaped


def list_course_orders(uow: UnitOfWork, *, centre_id: str, status: str | None = None,
                       course_type: str | None = None, page_size: int = 0, page_token: str | None = None) -> dict:
    """A centre's orders, the most wanted first, by cursor; ``joined``: the caller wants it too."""
    POLICY.check(uow.ctx, "read courses")
    r = Repository(uow)
    centre = r.centre(centre_id)
    size = paging.page_size(page_size)
    q = r.select(m.CourseOrder).where(m.CourseOrder.centre_id == centre.id)
    if status:
        q = q.where(m.CourseOrder.status == rules.check_order_status(status))
    if course_type:
        q = q.where(m.CourseOrder.course_type == rules.check_course_type(course_type))
    filters = {"centre_id": centre.id, "status": status, "course_type": course_type}
    found, token = paging.page(uow.session, q, (m.CourseOrder.wanted, m.CourseOrder.id), size=size,
                               token=page_token, filters=filters, descending=True, converters=(int, None))
    ids = [o.id for o in found]
    mine = {j.order_id for j in r.all(m.CourseOrderJoin, m.CourseOrderJoin.order_id.in_(ids),
                                      m.CourseOrderJoin.person_id == uow.ctx.actor)} if ids else set()
    return out.page(found, lambda o: out.course_order(o, o.id in mine), token)


# ---- 社区下单: the community places the order

def place_course_order(uow: UnitOfWork, *, order_ids: list[str], title: str, sessions_wanted: int, teams_by: str,
                       note: str | None = None) -> dict:
    """社区下单: the staff place one or several orders of one course type at one centre as one course,
    with its title, the sessions wanted and the day teams must accept it by."""
    POLICY.check(uow.ctx, "place courses")
    r = Repository(uow)
    order_ids = rules.check_order_ids(order_ids)  # before fetching any: the list is the caller's
    title = text(title, "title", 100, required=True)
    sessions = rules.check_sessions_wanted(sessions_wanted)
    deadline = rules.check_teams_by(parse_date(teams_by, "teams_by"), clock.today())
    note = text(note, "note", 500)
    orders = [_order(r, order_id, f"order_ids[{i}]") for i, order_id in enumerate(order_ids)]
    centre_id, kind = rules.check_placeable([(o.id, o.centre_id, o.course_type, o.status) for o in orders])
    centre = r.centre(centre_id, write=True)
    course = r.add(m.Course(district=centre.district, community=centre.community, centre_id=centre.id,
                            course_type=kind, title=title, sessions_wanted=sessions, teams_by=deadline, note=note,
                            status="placed", placed_by=uow.ctx.actor, team_stationed=False))
    uow.flush()
    for order in orders:
        order.status, order.course_id = "placed", course.id
    uow.flush()
    shaped = _shape(r, course)
    audit(uow, course.district, "place course order", course.id, after=shaped)
    uow.emit("course.placed", course.district, out.course_event(course), subdistrict_of(course.community))
    return shaped


# ---- 团队接单: a team accepts, and books the sessions

def accept_course_order(uow: UnitOfWork, *, course_id: str, organisation_id: str) -> dict:
    """团队接单: a social organisation or partner unit of the district (stationed at the centre or not)
    accepts the placed course, by its deadline; the partner unit itself, or the staff on its behalf."""
    POLICY.check(uow.ctx, "accept courses")
    r = Repository(uow)
    course = _course(r, course_id, write=True)
    if not uow.ctx.has_any(*STAFF) and organisation_id != uow.ctx.actor:
        raise PermissionDenied("a team accepts a course for itself, or the centre's staff on its behalf",
                               "organisation_id")
    team = organisation_in(course.district, organisation_id, "organisation_id")
    rules.check_team_kind(team.get("kind"))
    today = clock.today()
    rules.check_acceptable(course.status, course.teams_by, today)
    before = out.course_event(course)
    course.status, course.team_id, course.accepted_by = "accepted", organisation_id, uow.ctx.actor
    course.team_name = team.get("name") or organisation_id
    course.team_stationed = r.exists(m.Stationing, m.Stationing.centre_id == course.centre_id,
                                     m.Stationing.organisation_id == organisation_id,
                                     m.Stationing.term_start <= today, m.Stationing.term_end >= today)
    uow.flush()
    shaped = _shape(r, course)
    audit(uow, course.district, "accept course", course.id, before, shaped)
    uow.emit("course.accepted", course.district, out.course_event(course), subdistrict_of(course.community))
    return shaped


def schedule_course(uow: UnitOfWork, *, course_id: str, space_id: str, starts_at: str, ends_at: str,
                    attendees: int) -> dict:
    """A session of the accepted course: a booking of a space of its centre for its team, checked as any
    booking is (one per call; a series of sessions is several calls), up to the sessions wanted."""
    POLICY.check(uow.ctx, "accept courses")
    r = Repository(uow)
    course = _course(r, course_id, write=True)
    if not uow.ctx.has_any(*STAFF) and uow.ctx.actor != course.team_id:
        raise PermissionDenied("a course's sessions are booked by its team or the centre's staff", "course_id")
    space = r.space(space_id, write=True)
    if space.centre_id != course.centre_id:
        raise FailedPrecondition("is a space of another centre: a course is held at the centre it was placed at",
                                 "space_id")
    starts, ends = parse_moment(starts_at, "starts_at"), parse_moment(ends_at, "ends_at")
    day = booking_rules.check_times(starts, ends, _local_day)
    booking_rules.check_capacity(attendees, space.capacity)
    booked = r.session.scalar(
        r.select(m.CourseSession, func.count())
        .where(m.CourseSession.course_id == course.id, m.Booking.id == m.CourseSession.booking_id,
               m.Booking.status.in_(booking_rules.ACTIVE)))
    rules.check_schedulable(course.status, int(booked or 0), course.sessions_wanted)
    _check_slot(r, space, starts, ends, day)
    check_quota(uow, r, r.centre(space.centre_id), course.team_id, day, int((ends - starts).total_seconds() // 60))
    purpose = f"课程 {course.title}"[:200]  # what the door, the calendar and the check-in events name
    booking = _write_booking(uow, r, space, starts, ends, course.team_id, None, purpose, attendees)
    r.add(m.CourseSession(district=course.district, community=course.community, course_id=course.id,
                          booking_id=booking["id"]))
    before = course.status
    course.status = "scheduled"
    uow.flush()
    shaped = _shape(r, course)
    audit(uow, course.district, "schedule course", course.id, {"status": before}, shaped)
    uow.emit("course.scheduled", course.district, {**out.course_event(course), "booking_id": booking["id"]},
             subdistrict_of(course.community))
    return shaped


# ---- held, cancelled, rated

def mark_course_held(uow: UnitOfWork, *, course_id: str, note: str | None = None) -> dict:
    """The staff mark a scheduled course held once a session has ended (its attendance kept on paper);
    one with check-ins at an ended session is held without it."""
    POLICY.check(uow.ctx, "place courses")
    r = Repository(uow)
    course = _course(r, course_id, write=True)
    note = text(note, "note", 500)
    now = clock.now()
    ended = any(b.status == "confirmed" and aware(b.ends_at) <= now for _, b in _sessions(r, course))
    rules.check_markable_held(course.status, ended)
    before = out.course_event(course)
    course.status, course.reason = "held", note
    shaped = _shape(r, course)
    audit(uow, course.district, "mark course held", course.id, before, shaped)
    uow.emit("course.held", course.district, out.course_event(course), subdistrict_of(course.community))
    return shaped


def cancel_course(uow: UnitOfWork, *, course_id: str, reason: str) -> dict:
    """A course not yet held is cancelled by the staff: its sessions still to come are cancelled (the
    spaces are free again) and its orders are ordered again, for the community to place anew."""
    POLICY.check(uow.ctx, "place courses")
    r = Repository(uow)
    course = _course(r, course_id, write=True)
    reason = text(reason, "reason", 500, required=True)
    rules.check_cancellable(_shape(r, course)["status"])
    before = out.course_event(course)
    now = clock.now()
    for _, booking in _sessions(r, course):
        if booking.status in booking_rules.ACTIVE and aware(booking.ends_at) > now:
            was = out.booking(booking)
            booking.status, booking.note = "cancelled", reason
            cancelled = out.booking(booking)
            audit(uow, booking.district, "cancel booking", booking.id, was, cancelled, reason=reason)
            uow.emit("booking.cancelled", booking.district, cancelled, subdistrict_of(booking.community))
    for order in r.all(m.CourseOrder, m.CourseOrder.course_id == course.id):
        order.status, order.course_id = "ordered", None
    course.status, course.reason = "cancelled", reason
    uow.flush()
    shaped = _shape(r, course)
    audit(uow, course.district, "cancel course", course.id, before, shaped, reason=reason)
    uow.emit("course.cancelled", course.district, out.course_event(course), subdistrict_of(course.community))
    return shaped


def rate_course(uow: UnitOfWork, *, course_id: str, stars: int, comment: str | None = None,
                person_id: str | None = None) -> dict:
    """Rated by those who came: 1-5 stars and a comment, once per person checked in at one of its sessions
    (the resident himself, or the staff for him)."""
    POLICY.check(uow.ctx, "order courses")
    r = Repository(uow)
    course = _course(r, course_id, write=True)
    stars = rules.check_stars(stars)
    comment = text(comment, "comment", 500)
    person = _for_whom(uow, person_id, "rates a course")
    sessions = select(m.CourseSession.booking_id).where(m.CourseSession.course_id == course.id)
    rules.check_rater(r.exists(m.CheckIn, m.CheckIn.booking_id.in_(sessions), m.CheckIn.person_id == person))
    if r.exists(m.CourseRating, m.CourseRating.course_id == course.id, m.CourseRating.person_id == person):
        raise AlreadyExists("has rated this course already: once per person", "person_id")
    row = r.add(m.CourseRating(district=course.district, community=course.community, course_id=course.id,
                               person_id=person, stars=stars, comment=comment, rated_by=uow.ctx.actor))
    uow.flush()
    shaped = out.course_rating(row)
    audit(uow, course.district, "rate course", course.id, after=shaped)
    return shaped


# ---- reads

def get_course(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read courses")
    r = Repository(uow)
    return _shape(r, _course(r, id, "id"))


def list_courses(uow: UnitOfWork, *, centre_id: str | None = None, status: str | None = None,
                 course_type: str | None = None, organisation_id: str | None = None, page_size: int = 0,
                 page_token: str | None = None) -> dict:
    """The placed courses of a centre (or of the caller's scope), of a team (``organisation_id``), newest
    first, by cursor."""
    POLICY.check(uow.ctx, "read courses")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Course)
    if centre_id:
        q = q.where(m.Course.centre_id == r.centre(centre_id).id)
    if course_type:
        q = q.where(m.Course.course_type == rules.check_course_type(course_type))
    if organisation_id:
        q = q.where(m.Course.team_id == organisation_id)
    if status:
        rules.check_course_status(status)
        # "held" is also read from the sessions: one ended with someone checked in
        held = exists().where(m.CourseSession.course_id == m.Course.id, m.Booking.id == m.CourseSession.booking_id,
                              m.Booking.ends_at <= clock.now(), m.CheckIn.booking_id == m.Booking.id)
        if status == "held":
            q = q.where(or_(m.Course.status == "held", and_(m.Course.status == "scheduled", held)))
        elif status == "scheduled":
            q = q.where(m.Course.status == "scheduled", ~held)
        else:
            q = q.where(m.Course.status == status)
    filters = {"centre_id": centre_id, "status": status, "course_type": course_type,
               "organisation_id": organisation_id}
    found, token = paging.page(uow.session, q, (m.Course.created_at, m.Course.id), size=size, token=page_token,
                               filters=filters, descending=True, converters=(datetime.fromisoformat, None))
    return out.page(found, lambda c: _shape(r, c), token)
