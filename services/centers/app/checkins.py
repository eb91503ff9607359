"""Check-ins at an activity (签到), once per person and activity: each one announced to the points
service as ``checkin.recorded`` (its contract: services/common/contracts/centers.checkin.recorded.json).
At a branch's meeting of organisational life, the attendance of a member, credited to his member points."""
from __future__ import annotations

from services.common import clock
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.registry_client import person_in
from services.common.tables import audit
from services.common.values import aware
from services.centers import models as m
from services.centers import serializers as out
from services.centers.app import organisational_life
from services.centers.app.bookings import BEIJING, own_or_staff
from services.centers.domain import checkins as rules
from services.centers.permissions import POLICY, STAFF
from services.centers.repository import Repository
from services.common.usecase import CONFLICTS

# the same person checked in twice at once (PostgreSQL): the second is told, the first one stands
CONFLICTS["uq_check_ins_once"] = lambda: AlreadyExists("is checked in at this activity already", "person_id")


def _activity(r: Repository, booking_id: str | None, door_code: str | None) -> tuple[m.Booking, str]:
    """(the booking checked in at, how): named by id (the caller's scope), or by its door code, which
    is the proof of being there: found across the district (a resident may attend a neighbour's centre)."""
    if bool(booking_id) == bool(door_code):
        field = "door_code" if booking_id else "booking_id"
        raise InvalidArgument("give exactly one of booking_id or door_code", field)
    if booking_id:
        return r.booking(booking_id), "by_staff"
    code = rules.check_door_code(door_code)
    found = r.whole_district().first(m.Booking, m.Booking.door_code == code, m.Booking.status == "confirmed")
    if found is None:
        raise NotFound("is not the code of an activity today", "door_code")
    return found, "door_code"


def check_in(uow: UnitOfWork, *, booking_id: str | None = None, door_code: str | None = None,
             person_id: str | None = None) -> dict:
    """签到: staff check in a resident by id at an activity of their scope; a resident checks himself in
    with the door code. A second check-in of the same person is the first one (no second event)."""
    POLICY.check(uow.ctx, "check in")
    r = Repository(uow)
    booking, how = _activity(r, booking_id, door_code)
    staff = uow.ctx.has_any(*STAFF)
    if how == "by_staff" and not staff:
        raise PermissionDenied("a resident checks in with the code shown at the door", "booking_id")
    person_id = person_id or (None if staff else uow.ctx.actor)
    if not person_id:
        raise InvalidArgument("is required: whom the staff check in", "person_id")
    if not staff and person_id != uow.ctx.actor:
        raise PermissionDenied("a resident checks in himself", "person_id")
    # in Beijing time: the moment the refusal names is read at the centre's door
    rules.check_window(booking.status, aware(booking.starts_at).astimezone(BEIJING),
                       aware(booking.ends_at).astimezone(BEIJING), clock.now())
    earlier = r.whole_district().first(m.CheckIn, m.CheckIn.booking_id == booking.id, m.CheckIn.person_id == person_id)
    if earlier is not None:
        return out.check_in(earlier)
    person = person_in(booking.district, person_id, "person_id")
    meeting = organisational_life.meeting_of(uow, booking.id)  # a branch's meeting: its members attend
    if meeting is not None:
        organisational_life.check_member(meeting, person_id)
    # written as the district's rule: the door code, not the caller's scope, places him at the activity
    row = r.whole_district().add(m.CheckIn(district=booking.district, community=booking.community,
                                           booking_id=booking.id, person_id=person_id, how=how,
                                           checked_in_by=uow.ctx.actor))
    uow.flush()
    shaped = out.check_in(row)
    audit(uow, row.district, "check in", booking.id, after=shaped)
    uow.emit("checkin.recorded", row.district, out.checkin_event(row, booking, person, meeting),
             subdistrict_of(booking.community))
    return shaped


def list_check_ins(uow: UnitOfWork, *, booking_id: str) -> dict:
    """Who checked in at an activity: its staff's and its booker's to read."""
    POLICY.check(uow.ctx, "read bookings")
    r = Repository(uow)
    booking = r.booking(booking_id)
    own_or_staff(uow, booking)
    rows = r.whole_district().all(m.CheckIn, m.CheckIn.booking_id == booking.id,
                                  order_by=(m.CheckIn.checked_in_at, m.CheckIn.id))
    return out.items(rows, out.check_in)


def get_door_code(uow: UnitOfWork, *, booking_id: str) -> dict:
    """The code to show at the door of a confirmed activity: its staff's and its booker's."""
    POLICY.check(uow.ctx, "read bookings")
    r = Repository(uow)
    booking = r.booking(booking_id)
    own_or_staff(uow, booking)
    if booking.status != "confirmed" or not booking.door_code:
        raise FailedPrecondition(f"the booking is {booking.status}: a door code is given when it is confirmed",
                                 "booking_id")
    return {"booking_id": booking.id, "door_code": booking.door_code}
