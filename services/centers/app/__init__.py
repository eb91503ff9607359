"""The centers service's application layer: one function per use case, run inside a unit of work.

``USE_CASES`` maps each gRPC method of ``cityplat.centers.v1.Centers`` to its function; both
entrypoints serve ``API`` (services.common.usecase.UseCases): every write takes an idempotency key,
so a retried booking gets the first answer and books no second slot.
"""
from services.common.usecase import UseCases
from services.centers.app import (bookings, centres, checkins, courses, feeds, garden, imports, organisational_life,
                                  stationed)

USE_CASES = {
    "CreateCentre": centres.create_centre,
    "GetCentre": centres.get_centre,
    "ListCentres": centres.list_centres,
    "AddSpace": centres.add_space,
    "GetSpace": centres.get_space,
    "ListSpaces": centres.list_spaces,
    "SetOpeningHours": centres.set_opening_hours,
    "AddClosure": centres.add_closure,
    "BookSpace": bookings.book_space,
    "BookSeries": bookings.book_series,
    "GetBooking": bookings.get_booking,
    "DecideBooking": bookings.decide_booking,
    "CancelBooking": bookings.cancel_booking,
    "ListBookings": bookings.list_bookings,
    "GetAvailability": bookings.get_availability,
    "GetDoorCode": checkins.get_door_code,
    "CheckIn": checkins.check_in,
    "ListCheckIns": checkins.list_check_ins,
    "AddPlot": garden.add_plot,
    "ListPlots": garden.list_plots,
    "RecordHarvest": garden.record_harvest,
    "ListHarvests": garden.list_harvests,
    "StationOrganisation": stationed.station_organisation,
    "ListStationed": stationed.list_stationed,
    "RecordDelivery": stationed.record_delivery,
    "GetDeliveryReport": stationed.get_delivery_report,
    "ScheduleLifeMeeting": organisational_life.schedule_life_meeting,
    "RecordMinutes": organisational_life.record_minutes,
    "GetLifeMeeting": organisational_life.get_life_meeting,
    "ListLifeMeetings": organisational_life.list_life_meetings,
    "GetLifeRhythm": organisational_life.get_life_rhythm,
    "SetLifeRhythm": organisational_life.set_life_rhythm,
    "GetLifeFigures": organisational_life.get_life_figures,
    "OrderCourse": courses.order_course,
    "JoinCourseOrder": courses.join_course_order,
    "WithdrawCourseOrder": courses.withdraw_course_order,
    "ListCourseOrders": courses.list_course_orders,
    "PlaceCourseOrder": courses.place_course_order,
    "AcceptCourseOrder": courses.accept_course_order,
    "ScheduleCourse": courses.schedule_course,
    "MarkCourseHeld": courses.mark_course_held,
    "CancelCourse": courses.cancel_course,
    "RateCourse": courses.rate_course,
    "GetCourse": courses.get_course,
    "ListCourses": courses.list_courses,
    # iCalendar feeds and import of centres and spaces
    "CreateFeed": feeds.create_feed,
    "ListFeeds": feeds.list_feeds,
    "RevokeFeed": feeds.revoke_feed,
    "ImportCentres": imports.import_centres,
}

API = UseCases(USE_CASES, reads={name for name in USE_CASES if name.startswith(("Get", "List"))}, idempotent=True)
READS, WRITES = API.reads, API.writes
