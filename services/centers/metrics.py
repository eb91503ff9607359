"""The centers service's own metrics (the shared ones are in services.common.metrics), per district."""
from prometheus_client import Counter, Gauge

BOOKINGS = Counter("cityplat_centers_bookings_total", "Bookings taken, by the status they start in "
                   "(confirmed, or requested: awaiting approval)", ["district", "status"])
BOOKING_CONFLICTS = Counter("cityplat_centers_booking_conflicts_total",
                            "Bookings refused because they overlap another booking of the space", ["district"])
BOOKINGS_PENDING = Gauge("cityplat_centers_bookings_pending", "Bookings awaiting approval", ["district"])
