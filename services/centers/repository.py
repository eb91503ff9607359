"""Where the centers records lie: a centre, its spaces, their closures, bookings and check-ins, its
garden's plots and harvests, the organisations stationed there and their deliveries, all in the centre's community
(a branch's meetings of organisational life: in the branch's) (seen by that community's staff, its
sub-district's and its district's). The audit log lies in no division."""
from __future__ import annotations

from services.common.repository import Place, ScopedRepository
from services.centers import models as m


class Repository(ScopedRepository):
    PLACES = {
        m.Centre: Place(m.Centre.community),
        m.Space: Place(m.Space.community),
        m.Closure: Place(m.Closure.community),
        m.Booking: Place(m.Booking.community),
        m.BookingSeries: Place(m.BookingSeries.community),
        m.CheckIn: Place(m.CheckIn.community),
        m.Plot: Place(m.Plot.community),
        m.Harvest: Place(m.Harvest.community),
        m.Stationing: Place(m.Stationing.community),
        m.Delivery: Place(m.Delivery.community),
        m.Feed: Place(m.Feed.division),  # a space's community, or the scope an organisation's feed was made in
        # a branch's organisational life lies where the branch does (its booking, where the centre does)
        m.LifeMeeting: Place(m.LifeMeeting.branch_community),
        m.LifeShortfall: Place(m.LifeShortfall.community),
        # course ordering: the orders, the placed courses, their sessions and ratings lie at the centre
        m.Course: Place(m.Course.community),
        m.CourseOrder: Place(m.CourseOrder.community),
        m.CourseOrderJoin: Place(m.CourseOrderJoin.community),
        m.CourseSession: Place(m.CourseSession.community),
        m.CourseRating: Place(m.CourseRating.community),
    }
    DISTRICT_WIDE = frozenset({m.AuditEntry, m.LifeRhythm})

    def centre(self, centre_id, field: str = "centre_id", write: bool = False) -> m.Centre:
        return self.get(m.Centre, centre_id, field, "centre", write=write)

    def space(self, space_id, field: str = "space_id", write: bool = False) -> m.Space:
        return self.get(m.Space, space_id, field, "space", write=write)

    def booking(self, booking_id, field: str = "booking_id", write: bool = False) -> m.Booking:
        return self.get(m.Booking, booking_id, field, "booking", write=write)
