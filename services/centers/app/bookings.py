"""Bookings of a space: taken, decided, cancelled, listed, and the free slots of a space.

Times are instants with their zone (``2026-06-02T09:00:00+08:00``); a space's hours and days are
Beijing's. The rules are services/centers/domain/bookings.py; China's calendar days come from the
kernel (services/common/china_calendar.py).
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func

from services.common import clock, paging
from services.common.china_calendar import BEIJING, day_kind
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.registry_client import organisation_in, person_in
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import aware, parse_date, parse_moment, text
from services.centers import metrics
from services.centers import models as m
from services.centers import serializers as out
from services.centers.domain import bookings as rules
from services.centers.domain import checkins as checkin_rules
from services.centers.domain import recurrence
from services.centers.domain import spaces as space_rules
from services.centers.permissions import POLICY, STAFF
from services.centers.repository import Repository

# a booking that lost the race for its slot to one committed in the meantime (PostgreSQL's constraint)
CONFLICTS["ex_bookings_no_overlap"] = lambda: FailedPrecondition(
    "overlaps a booking of the space taken at the same time", "starts_at")
MAX_AVAILABILITY_DAYS = 31


def _local_day(moment: datetime) -> date:
    return aware(moment).astimezone(BEIJING).date()


def _at(day: date, at: time) -> datetime:
    return datetime.combine(day, at, BEIJING).astimezone(timezone.utc)


def _span(space: m.Space, day: date, field: str):
    """(the space's opening span on ``day`` or None, why it is closed)."""
    kind = day_kind(day, field, strict=False)  # a year the calendar does not know yet: usual weekdays
    span = space_rules.span_on(space_rules.hours_from_stored(space.hours), day.isoweekday(), kind,
                               space.open_on_public_holidays)
    why = "a public holiday" if kind == "public_holiday" else "not one of its opening days"
    return span, why


def give_door_code(booking: m.Booking) -> None:
    """A confirmed activity's door code (services/centers/domain/checkins.py), drawn at random."""
    booking.door_code = checkin_rules.door_code(secrets.randbelow(len(checkin_rules.DOOR_CODE_ALPHABET))
                                                for _ in range(checkin_rules.DOOR_CODE_LENGTH))


def _active_overlapping(r: Repository, space_id: str, starts: datetime, ends: datetime) -> list[m.Booking]:
    """The space's active bookings overlapping [starts, ends): a keyed follow-up of the checked space."""
    return list(r.session.scalars(
        r.select(m.Booking).where(m.Booking.space_id == space_id, m.Booking.status.in_(rules.ACTIVE),
                                  m.Booking.starts_at < ends, m.Booking.ends_at > starts)
        .order_by(m.Booking.starts_at)))


def _closure_on(r: Repository, space_id: str, day: date) -> m.Closure | None:
    return r.first(m.Closure, m.Closure.space_id == space_id, m.Closure.from_date <= day, m.Closure.to_date >= day)


def _booker(uow: UnitOfWork, space: m.Space, organisation_id: str | None, person_id: str | None) -> tuple:
    """(organisation_id, person_id) of who books: an organisation of the district (booked by staff, or
    by the unit itself), or a resident for himself where the space takes residents' bookings (staff may
    book for a resident)."""
    ctx = uow.ctx
    if organisation_id and person_id:  # named by the second: the one that should not be there
        raise InvalidArgument("give exactly one of organisation_id or person_id, not both", "person_id")
    if not organisation_id and not person_id:
        raise InvalidArgument("is required: give organisation_id, or person_id for a resident", "organisation_id")
    if organisation_id:
        # staff book for any organisation; a partner unit for itself (its token's actor); a resident for none
        if not ctx.has_any(*STAFF) and organisation_id != ctx.actor:
            raise PermissionDenied("an organisation's booking is made by the centre's staff or by the "
                                   "organisation itself", "organisation_id")
        organisation_in(space.district, organisation_id, "organisation_id")
        return organisation_id, None
    if not space.residents_may_book:
        raise FailedPrecondition("this space is booked by organisations only", "person_id")
    if not ctx.has_any(*STAFF) and person_id != ctx.actor:
        raise PermissionDenied("a resident books for himself", "person_id")
    person_in(space.district, person_id, "person_id")
    return None, person_id


def _booked_minutes(r: Repository, centre_id: str, organisation_id: str, day: date) -> int:
    """The minutes an organisation holds at a centre in ``day``'s month (Beijing's)."""
    first = day.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    rows = r.session.execute(
        r.select(m.Booking, m.Booking.starts_at, m.Booking.ends_at).where(
            m.Booking.centre_id == centre_id, m.Booking.organisation_id == organisation_id,
            m.Booking.status.in_(rules.ACTIVE), m.Booking.starts_at >= _at(first, time.min),
            m.Booking.starts_at < _at(after, time.min)))
    return sum(int((aware(e) - aware(s)).total_seconds() // 60) for s, e in rows)


def check_quota(uow: UnitOfWork, r: Repository, centre: m.Centre, org: str, day: date, minutes: int,
                held: int = 0) -> None:
    """The organisation's monthly quota at the centre: what it holds in ``day``'s month (plus ``held``,
    minutes a series adds before they are written) and ``minutes`` more. The month's sum is read and the
    booking written in one step per organisation, centre and month (``uow.serialise``): two bookings at
    once must not both fit under the quota each read alone."""
    uow.serialise("centre quota", centre.id, org, f"{day:%Y-%m}")
    rules.check_quota(_booked_minutes(r, centre.id, org, day) + held, minutes, centre.monthly_quota_hours,
                      f"{day:%Y-%m}")


def _check_slot(r: Repository, space: m.Space, starts: datetime, ends: datetime, day: date) -> None:
    """The slot itself: not past, inside the day's opening span, on no closure, overlapping nothing.

    The space's writers take their turn first (``serialise``, before the quota's lock: one order for
    all): a booking then sees the one written just before it and is refused naming it, where two
    inserts racing into the exclusion constraint's index would wait on each other (PostgreSQL's
    deadlock, one of them rolled back after a second) and retry."""
    r.uow.serialise("space bookings", space.id)
    if starts < clock.now():
        raise InvalidArgument("must not be in the past", "starts_at")
    span, why = _span(space, day, "starts_at")
    rules.check_open(span, day, starts.astimezone(BEIJING).time(), ends.astimezone(BEIJING).time(), why)
    closure = _closure_on(r, space.id, day)
    if closure is not None:
        raise FailedPrecondition(f"the space is closed from {closure.from_date} to {closure.to_date}: "
                                 f"{closure.reason}", "starts_at")
    clash = _active_overlapping(r, space.id, starts, ends)
    if clash:
        metrics.BOOKING_CONFLICTS.labels(space.district).inc()  # a refusal: nothing commits, nothing retries
        other = clash[0]
        raise FailedPrecondition(f"overlaps booking {other.id} "
                                 f"{aware(other.starts_at).astimezone(BEIJING):%H:%M}-"
                                 f"{aware(other.ends_at).astimezone(BEIJING):%H:%M} on {day}", "starts_at")


def _write_booking(uow: UnitOfWork, r: Repository, space: m.Space, starts: datetime, ends: datetime, org, person,
                   purpose: str, attendees: int, series_id: str | None = None) -> dict:
    booking = r.add(m.Booking(district=space.district, community=space.community, centre_id=space.centre_id,
                              space_id=space.id, organisation_id=org, person_id=person, booked_by=uow.ctx.actor,
                              purpose=purpose, attendees=attendees, starts_at=starts, ends_at=ends,
                              status=rules.first_status(space.needs_approval), series_id=series_id))
    if booking.status == "confirmed":
        give_door_code(booking)
    uow.flush()
    shaped = out.booking(booking)
    audit(uow, booking.district, "book space", booking.id, after=shaped)
    # counted once it is committed: a transaction retried after a deadlock counts once
    uow.after_commit(lambda: metrics.BOOKINGS.labels(booking.district, booking.status).inc())
    if booking.status == "confirmed":
        uow.emit("booking.confirmed", booking.district, shaped, subdistrict_of(booking.community))
    return shaped


def book_space(uow: UnitOfWork, *, space_id: str, starts_at: str, ends_at: str, purpose: str, attendees: int,
               organisation_id: str | None = None, person_id: str | None = None) -> dict:
    """场地预约: never two overlapping bookings of a space; inside its hours, on no closure, within its
    capacity and the organisation's monthly quota. A space that needs approval takes it as requested."""
    POLICY.check(uow.ctx, "book spaces")
    r = Repository(uow)
    space = r.space(space_id)
    starts, ends = parse_moment(starts_at, "starts_at"), parse_moment(ends_at, "ends_at")
    day = rules.check_times(starts, ends, _local_day)
    if starts < clock.now():
        raise InvalidArgument("must not be in the past", "starts_at")
    rules.check_capacity(attendees, space.capacity)
    org, person = _booker(uow, space, organisation_id, person_id)
    purpose = text(purpose, "purpose", 200, required=True)
    _check_slot(r, space, starts, ends, day)
    if org:
        check_quota(uow, r, r.centre(space.centre_id), org, day, int((ends - starts).total_seconds() // 60))
    return _write_booking(uow, r, space, starts, ends, org, person, purpose, attendees)


def book_series(uow: UnitOfWork, *, space_id: str, starts_at: str, ends_at: str, rule: str, purpose: str,
                attendees: int, organisation_id: str | None = None, person_id: str | None = None,
                except_dates: list[str] | None = None, dry_run: bool = False) -> dict:
    """周期预约: the first occurrence (``starts_at``-``ends_at``) repeated by an RFC 5545 rule (expanded in
    Beijing time by dateutil), less ``except_dates``. Each occurrence is checked as a booking; if any is
    refused, nothing is written and the report names each refused date and why. ``dry_run``: the report
    only."""
    from dateutil.rrule import rrulestr

    POLICY.check(uow.ctx, "book spaces")
    r = Repository(uow)
    space = r.space(space_id)
    starts, ends = parse_moment(starts_at, "starts_at"), parse_moment(ends_at, "ends_at")
    rules.check_times(starts, ends, _local_day)
    rules.check_capacity(attendees, space.capacity)
    org, person = _booker(uow, space, organisation_id, person_id)
    purpose = text(purpose, "purpose", 200, required=True)
    rule_text = recurrence.check_rule(rule)
    excepted = {parse_date(d, f"except_dates[{i}]") for i, d in enumerate(except_dates or [])}
    first = starts.astimezone(BEIJING).replace(tzinfo=None)  # the rule speaks of Beijing's days and hours
    try:
        expanded = rrulestr(rule_text, dtstart=first).between(first, first + recurrence.HORIZON, inc=True)
    except (ValueError, TypeError) as exc:
        raise InvalidArgument(f"is not an RFC 5545 rule: {exc}", "rule") from None
    local = recurrence.occurrences(expanded, first, excepted, lambda moment: moment.date())
    length = ends - starts
    centre = r.centre(space.centre_id) if org else None
    held: dict[str, int] = {}  # minutes the series adds to each month's quota
    lines, refused = [], 0
    for moment in local:
        begin = moment.replace(tzinfo=BEIJING).astimezone(timezone.utc)
        day = moment.date()
        line = {"date": day.isoformat(), "starts_at": begin.astimezone(BEIJING).isoformat(),
                "ends_at": (begin + length).astimezone(BEIJING).isoformat()}
        try:
            _check_slot(r, space, begin, begin + length, day)
            if centre is not None:
                month, minutes = f"{day:%Y-%m}", int(length.total_seconds() // 60)
                check_quota(uow, r, centre, org, day, minutes, held.get(month, 0))
                held[month] = held.get(month, 0) + minutes
        except (FailedPrecondition, InvalidArgument) as exc:
            line["refused"], refused = exc.message, refused + 1
        lines.append(line)
    if refused or dry_run:
        return out.series_report(None, False, lines)
    series = r.add(m.BookingSeries(district=space.district, community=space.community, space_id=space.id,
                                   rule=rule_text, except_dates=sorted(d.isoformat() for d in excepted),
                                   created_by=uow.ctx.actor))
    uow.flush()
    for line in lines:
        begin = parse_moment(line["starts_at"], "starts_at")
        line["booking_id"] = _write_booking(uow, r, space, begin, begin + length, org, person, purpose, attendees,
                                            series.id)["id"]
    audit(uow, series.district, "book series", series.id, after={"rule": rule_text, "bookings": len(lines)})
    return out.series_report(series.id, True, lines)


def own_or_staff(uow: UnitOfWork, booking: m.Booking) -> None:
    """A resident or a unit reads and cancels only its own bookings (made by it, or for it); staff what lies
    in their scope."""
    if not uow.ctx.has_any(*STAFF) and uow.ctx.actor not in (booking.booked_by, booking.person_id,
                                                             booking.organisation_id):
        raise PermissionDenied("a booking is read and cancelled by whoever booked it, or the centre's staff",
                               "booking_id")


def get_booking(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read bookings")
    booking = Repository(uow).booking(id, "id")
    try:
        own_or_staff(uow, booking)
    except PermissionDenied:  # another resident's booking: as though there were none
        raise NotFound(f"no booking {id!r}", "id") from None
    return out.booking(booking)


def decide_booking(uow: UnitOfWork, *, booking_id: str, approve: bool, note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "decide bookings")
    r = Repository(uow)
    booking = r.booking(booking_id, write=True)
    rules.check_decidable(booking.status)
    before = out.booking(booking)
    booking.status = "confirmed" if approve else "rejected"
    booking.decided_by, booking.note = uow.ctx.actor, text(note, "note", 500)
    if approve:
        give_door_code(booking)
    shaped = out.booking(booking)
    audit(uow, booking.district, "confirm booking" if approve else "reject booking", booking.id, before, shaped)
    if approve:
        uow.emit("booking.confirmed", booking.district, shaped, subdistrict_of(booking.community))
    return shaped


def cancel_booking(uow: UnitOfWork, *, booking_id: str, reason: str) -> dict:
    POLICY.check(uow.ctx, "book spaces")
    r = Repository(uow)
    booking = r.booking(booking_id)
    own_or_staff(uow, booking)
    rules.check_cancellable(booking.status, aware(booking.ends_at), clock.now())
    before = out.booking(booking)
    booking.status, booking.note = "cancelled", text(reason, "reason", 500, required=True)
    shaped = out.booking(booking)
    audit(uow, booking.district, "cancel booking", booking.id, before, shaped, reason=booking.note)
    uow.emit("booking.cancelled", booking.district, shaped, subdistrict_of(booking.community))
    return shaped


def list_bookings(uow: UnitOfWork, *, space_id: str | None = None, organisation_id: str | None = None,
                  from_date: str | None = None, to_date: str | None = None, status: str | None = None,
                  page_size: int = 0, page_token: str | None = None) -> dict:
    """The bookings of a space or an organisation (or of the caller's scope), soonest first, by cursor;
    a resident or a unit sees its own only."""
    POLICY.check(uow.ctx, "read bookings")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Booking)
    if space_id:
        q = q.where(m.Booking.space_id == r.space(space_id).id)
    if organisation_id:
        q = q.where(m.Booking.organisation_id == organisation_id)
    if status:
        if status not in rules.STATUSES:
            raise InvalidArgument(f"must be one of {', '.join(rules.STATUSES)}", "status")
        q = q.where(m.Booking.status == status)
    start = parse_date(from_date, "from_date") if from_date else None
    end = parse_date(to_date, "to_date") if to_date else None
    if start and end and end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    if start:
        q = q.where(m.Booking.starts_at >= _at(start, time.min))
    if end:
        q = q.where(m.Booking.starts_at < _at(end + timedelta(days=1), time.min))
    if not uow.ctx.has_any(*STAFF):
        q = q.where((m.Booking.booked_by == uow.ctx.actor) | (m.Booking.person_id == uow.ctx.actor)
                    | (m.Booking.organisation_id == uow.ctx.actor))  # a unit: also what staff booked for it
    filters = {"space_id": space_id, "organisation_id": organisation_id, "from": start, "to": end, "status": status}
    found, token = paging.page(uow.session, q, (m.Booking.starts_at, m.Booking.id), size=size, token=page_token,
                               filters=filters, converters=(datetime.fromisoformat, None))
    return out.page(found, out.booking, token)


def get_availability(uow: UnitOfWork, *, space_id: str, from_date: str, to_date: str, min_minutes: int = 0) -> dict:
    """The free slots of a space, day by day (at most 31 days): its opening span less closures and
    the active bookings, each slot at least ``min_minutes`` (default 30)."""
    POLICY.check(uow.ctx, "read centres")
    r = Repository(uow)
    space = r.space(space_id)
    start, end = parse_date(from_date, "from_date"), parse_date(to_date, "to_date")
    if end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    if (end - start).days >= MAX_AVAILABILITY_DAYS:
        raise InvalidArgument(f"asks for at most {MAX_AVAILABILITY_DAYS} days", "to_date")
    if isinstance(min_minutes, bool) or not isinstance(min_minutes, int) or not 0 <= min_minutes <= 720:
        raise InvalidArgument("must be a whole number of minutes from 0 to 720 (0: 30)", "min_minutes")
    least = min_minutes or 30
    busy = [rules.Slot(aware(b.starts_at), aware(b.ends_at))
            for b in _active_overlapping(r, space.id, _at(start, time.min), _at(end + timedelta(days=1), time.min))]
    closures = r.all(m.Closure, m.Closure.space_id == space.id, m.Closure.from_date <= end,
                     m.Closure.to_date >= start)
    slots = []
    for n in range((end - start).days + 1):
        day = start + timedelta(days=n)
        if any(c.from_date <= day <= c.to_date for c in closures):
            continue
        span, _ = _span(space, day, "from_date")
        slots += rules.free_slots(span, day, busy, least, _at)
    return out.availability(space.id, slots)


def pending_counts(uow: UnitOfWork) -> dict[str, int]:
    """Bookings awaiting approval per district (a gauge's system task)."""
    return dict(uow.session.execute(
        Repository(uow).select(m.Booking, m.Booking.district, func.count())
        .where(m.Booking.status == "requested").group_by(m.Booking.district)).all())
