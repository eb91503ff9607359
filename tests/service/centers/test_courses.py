"""Course ordering (课程点单): residents order and join (居民点单), the community places (社区下单), a team
accepts (团队接单) and books its sessions, the course is held, attended and rated by those who came."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.centers import models as m
from services.centers.app import API, bookings, checkins, courses, stationed
from tests.conftest import ctx_for
from tests.service.centers.conftest import (COMM_A2, admin, call, clear_events, count, events, read, resident,
                                            worker)

TUE = "2026-06-02"


def at(clock: str, day: str = TUE) -> str:
    return f"{day}T{clock}:00+08:00"


def unit(actor: str = "u1"):
    return ctx_for("partner_unit", subdistrict="310101002", community="310101002001", actor=actor)


def refused(exc_type, fn, *args, **kw):
    with pytest.raises(exc_type) as err:
        fn(*args, **kw)
    return err.value


def order(db, centre, course_type="science", title="少儿编程", who="r1", **kw):
    return call(db, resident(who), courses.order_course, centre_id=centre["centre"]["id"], course_type=course_type,
                title=title, **kw)


def place(db, *orders, **kw):
    kw.setdefault("title", "少儿科创课")
    kw.setdefault("sessions_wanted", 2)
    kw.setdefault("teams_by", "2026-06-15")
    return call(db, worker(), courses.place_course_order, order_ids=[o["id"] for o in orders], **kw)


def accepted(db, centre, team="u1", **kw):
    course = place(db, order(db, centre), **kw)
    return call(db, worker(), courses.accept_course_order, course_id=course["id"], organisation_id=team)


def session(db, course, space, start="09:00", end="10:00", ctx=None, day=TUE):
    return call(db, ctx or worker(), courses.schedule_course, course_id=course["id"], space_id=space["id"],
                starts_at=at(start, day), ends_at=at(end, day), attendees=15)


def test_from_the_residents_orders_to_the_rating_of_those_who_came(cdb, centre, fixed_clock):
    clear_events(cdb)
    wish = order(cdb, centre, title="儿童编程", note="周末最好")
    assert (wish["status"], wish["wanted"], wish["joined"], wish["course_type"]) == ("ordered", 1, True, "science")
    joined = call(cdb, resident("r2"), courses.join_course_order, order_id=wish["id"])
    assert (joined["wanted"], joined["joined"]) == (2, True)
    again = call(cdb, resident("r2"), courses.join_course_order, order_id=wish["id"])   # the first join
    assert again["wanted"] == 2 and count(cdb, m.CourseOrderJoin, m.CourseOrderJoin.order_id == wish["id"]) == 2
    robots = order(cdb, centre, title="机器人", who="r2")
    taiji = order(cdb, centre, "health", "太极拳")
    listed = read(cdb, resident("r2"), courses.list_course_orders, centre_id=centre["centre"]["id"])["items"]
    assert listed[0]["id"] == wish["id"] and [o["wanted"] for o in listed] == [2, 1, 1]   # most wanted first
    assert {o["id"]: o["joined"] for o in listed} == {wish["id"]: True, robots["id"]: True, taiji["id"]: False}

    course = place(cdb, wish, robots, title="少儿科创课", sessions_wanted=2)
    assert (course["status"], course["joiners"], course["course_type"]) == ("placed", 2, "science")
    assert course["order_ids"] == [wish["id"], robots["id"]] and course["teams_by"] == "2026-06-15"
    assert [e["payload"]["course_id"] for e in events(cdb, "course.placed")] == [course["id"]]
    placed = read(cdb, worker(), courses.list_course_orders, centre_id=centre["centre"]["id"], status="placed")
    assert {o["course_id"] for o in placed["items"]} == {course["id"]}
    err = refused(FailedPrecondition, call, cdb, resident("r1"), courses.join_course_order, order_id=robots["id"])
    assert err.field == "order_id"   # a placed order is the course's now

    taken = call(cdb, unit(), courses.accept_course_order, course_id=course["id"], organisation_id="u1")
    assert (taken["status"], taken["team_id"], taken["team_name"], taken["team_stationed"], taken["accepted_by"]) == (
        "accepted", "u1", "区供电公司", False, "u1")
    assert [e["payload"]["team_id"] for e in events(cdb, "course.accepted")] == ["u1"]
    scheduled = session(cdb, course, centre["room"], ctx=unit())
    [first] = scheduled["sessions"]
    assert scheduled["status"] == "scheduled" and first["status"] == "confirmed"
    booking = read(cdb, worker(), bookings.get_booking, id=first["booking_id"])
    assert (booking["organisation_id"], booking["purpose"], booking["booked_by"]) == ("u1", "课程 少儿科创课", "u1")
    assert [e["payload"]["id"] for e in events(cdb, "booking.confirmed")] == [first["booking_id"]]

    fixed_clock.at = datetime(2026, 6, 2, 1, 10, tzinfo=timezone.utc)   # Tuesday 09:10 in Beijing
    call(cdb, worker(), checkins.check_in, booking_id=first["booking_id"], person_id="r1")
    rating = call(cdb, resident("r1"), courses.rate_course, course_id=course["id"], stars=5, comment="孩子很喜欢")
    assert (rating["person_id"], rating["stars"], rating["comment"]) == ("r1", 5, "孩子很喜欢")
    err = refused(FailedPrecondition, call, cdb, resident("r2"), courses.rate_course, course_id=course["id"], stars=1)
    assert err.field == "person_id" and "did not check in" in err.message   # r2 wanted it, but did not come
    err = refused(AlreadyExists, call, cdb, resident("r1"), courses.rate_course, course_id=course["id"], stars=1)
    assert err.field == "person_id"
    call(cdb, worker(), checkins.check_in, booking_id=first["booking_id"], person_id="r2")
    call(cdb, worker(), courses.rate_course, course_id=course["id"], stars=4, person_id="r2")   # from a paper slip
    assert count(cdb, m.CourseRating) == 2
    assert read(cdb, worker(), courses.get_course, id=course["id"])["status"] == "scheduled"   # not ended yet

    fixed_clock.at = datetime(2026, 6, 2, 2, 0, tzinfo=timezone.utc)    # 10:00: the session has ended
    held = read(cdb, resident("r2"), courses.get_course, id=course["id"])
    assert (held["status"], held["attendance"], held["rating_average"], held["rating_count"]) == ("held", 2, 4.5, 2)
    assert held["sessions"][0]["attendance"] == 2
    ids = lambda **kw: [c["id"] for c in read(cdb, worker(), courses.list_courses, **kw)["items"]]  # noqa: E731
    assert ids(status="held") == [course["id"]] and ids(status="scheduled") == []
    # the team sees its course
    assert [c["id"] for c in read(cdb, unit(), courses.list_courses, organisation_id="u1")["items"]] == [course["id"]]
    assert read(cdb, unit(), courses.get_course, id=course["id"])["team_id"] == "u1"


def test_a_stationed_team_or_another_team_accepts_one_of_a_team_kind(cdb, centre, fixed_clock):
    call(cdb, worker(), stationed.station_organisation, centre_id=centre["centre"]["id"], organisation_id="so1",
         term_start="2026-01-01", term_end="2027-12-31", promised={"课程": 2})
    course = place(cdb, order(cdb, centre))
    err = refused(InvalidArgument, call, cdb, worker(), courses.accept_course_order, course_id=course["id"],
                  organisation_id="b1")
    assert err.field == "organisation_id" and "branch" in err.message   # a party branch is no team
    err = refused(PermissionDenied, call, cdb, unit("u1"), courses.accept_course_order, course_id=course["id"],
                  organisation_id="so1")
    assert err.field == "organisation_id"                              # a unit accepts for itself only
    err = refused(NotFound, call, cdb, worker(), courses.accept_course_order, course_id=course["id"],
                  organisation_id="ob")
    assert err.field == "organisation_id"                              # another district's organisation
    pytest.raises(PermissionDenied, call, cdb, resident(), courses.accept_course_order, course_id=course["id"],
                  organisation_id="so1")
    assert read(cdb, worker(), courses.get_course, id=course["id"])["status"] == "placed"   # nothing changed
    taken = call(cdb, worker(), courses.accept_course_order, course_id=course["id"], organisation_id="so1")
    assert (taken["team_id"], taken["team_stationed"], taken["accepted_by"]) == ("so1", True, "cw")
    err = refused(FailedPrecondition, call, cdb, unit(), courses.accept_course_order, course_id=course["id"],
                  organisation_id="u1")
    assert err.field == "course_id" and "accepted" in err.message       # one team per course
    late = place(cdb, order(cdb, centre, "handicrafts", "剪纸"), teams_by="2026-06-01")
    fixed_clock.advance(days=1)
    err = refused(FailedPrecondition, call, cdb, unit(), courses.accept_course_order, course_id=late["id"],
                  organisation_id="u1")
    assert err.field == "course_id" and "2026-06-01" in err.message


@pytest.mark.parametrize("kw,ctx,exc,field", [
    ({"course_type": "cooking"}, None, InvalidArgument, "course_type"),
    ({"title": "  "}, None, InvalidArgument, "title"),
    ({"title": "长" * 101}, None, InvalidArgument, "title"),
    ({"note": "x" * 501}, None, InvalidArgument, "note"),
    ({"note": "a\x00b"}, None, InvalidArgument, "note"),
    ({"person_id": "r2"}, None, PermissionDenied, "person_id"),          # a resident orders for himself
    ({"person_id": "x1"}, "staff", FailedPrecondition, "person_id"),     # not of the centre's community
    ({"person_id": "rb"}, "staff", NotFound, "person_id"),               # another district's person
    ({}, "staff", InvalidArgument, "person_id"),                         # staff name the resident
])
def test_a_bad_order_is_refused_naming_the_field_and_writes_nothing(cdb, centre, kw, ctx, exc, field):
    params = {"centre_id": centre["centre"]["id"], "course_type": "science", "title": "编程", **kw}
    err = refused(exc, call, cdb, worker() if ctx else resident("r1"), courses.order_course, **params)
    assert err.field == field
    assert count(cdb, m.CourseOrder) == 0 and count(cdb, m.CourseOrderJoin) == 0


def test_a_bad_placement_is_refused_naming_the_field_and_changes_nothing(cdb, centre, fixed_clock):
    science, health = order(cdb, centre), order(cdb, centre, "health", "八段锦", who="r2")
    gone = order(cdb, centre, title="天文")
    call(cdb, resident("r1"), courses.withdraw_course_order, order_id=gone["id"], reason="搬家了")
    for kw, exc, field in (
            ({"order_ids": []}, InvalidArgument, "order_ids"),
            ({"order_ids": [science["id"], science["id"]]}, InvalidArgument, "order_ids[1]"),
            ({"order_ids": [science["id"], health["id"]]}, FailedPrecondition, "order_ids[1]"),
            ({"order_ids": [gone["id"]]}, FailedPrecondition, "order_ids[0]"),
            ({"order_ids": [science["id"], "nope"]}, NotFound, "order_ids[1]"),
            ({"order_ids": [science["id"]], "sessions_wanted": 0}, InvalidArgument, "sessions_wanted"),
            ({"order_ids": [science["id"]], "teams_by": "2026-05-31"}, InvalidArgument, "teams_by"),
            ({"order_ids": [science["id"]], "teams_by": "next week"}, InvalidArgument, "teams_by"),
            ({"order_ids": [science["id"]], "title": ""}, InvalidArgument, "title")):
        params = {"title": "课", "sessions_wanted": 2, "teams_by": "2026-06-15", **kw}
        err = refused(exc, call, cdb, worker(), courses.place_course_order, **params)
        assert err.field == field, (kw, err)
    assert count(cdb, m.Course) == 0
    assert count(cdb, m.CourseOrder, m.CourseOrder.status == "ordered") == 2
    # a resident does not place: the community does
    pytest.raises(PermissionDenied, call, cdb, resident(), courses.place_course_order, order_ids=[science["id"]],
                  title="课", sessions_wanted=1, teams_by="2026-06-15")
    err = refused(InvalidArgument, read, cdb, worker(), courses.list_course_orders, centre_id=centre["centre"]["id"],
                  course_type="cooking")
    assert err.field == "course_type"


def test_another_community_or_district_finds_none_of_it(cdb, centre):
    wish = order(cdb, centre)
    course = place(cdb, order(cdb, centre, "health", "太极"))
    cid = centre["centre"]["id"]
    for ctx in (worker(COMM_A2), admin("310104"), resident("x1", COMM_A2)):
        pytest.raises(NotFound, read, cdb, ctx, courses.get_course, id=course["id"])
        pytest.raises(NotFound, read, cdb, ctx, courses.list_course_orders, centre_id=cid)
        pytest.raises(NotFound, call, cdb, ctx, courses.join_course_order, order_id=wish["id"], person_id="x1")
        assert read(cdb, ctx, courses.list_courses)["items"] == []
    for ctx in (worker(COMM_A2), admin("310104")):
        err = refused(NotFound, call, cdb, ctx, courses.place_course_order, order_ids=[wish["id"]], title="课",
                      sessions_wanted=1, teams_by="2026-06-15")
        assert err.field == "order_ids[0]"
        pytest.raises(NotFound, call, cdb, ctx, courses.accept_course_order, course_id=course["id"],
                      organisation_id="u1")
        pytest.raises(NotFound, call, cdb, ctx, courses.cancel_course, course_id=course["id"], reason="x")
        pytest.raises(NotFound, call, cdb, ctx, courses.order_course, centre_id=cid, course_type="science",
                      title="课", person_id="r1")
    assert count(cdb, m.CourseOrderJoin) == 2 and count(cdb, m.Course) == 1


def test_sessions_are_booked_as_any_booking_of_the_team_up_to_those_wanted(cdb, centre, fixed_clock):
    course = place(cdb, order(cdb, centre))
    err = refused(FailedPrecondition, session, cdb, course, centre["room"])
    assert err.field == "course_id" and "placed" in err.message
    course = call(cdb, worker(), courses.accept_course_order, course_id=course["id"], organisation_id="u1")
    assert refused(FailedPrecondition, session, cdb, course, centre["room"], "07:00", "08:00").field == "starts_at"
    call(cdb, worker(), bookings.book_space, space_id=centre["room"]["id"], starts_at=at("09:00"),
         ends_at=at("10:00"), purpose="党课", attendees=5, organisation_id="b1")
    err = refused(FailedPrecondition, session, cdb, course, centre["room"], "09:30", "10:30")
    assert err.field == "starts_at" and "overlaps" in err.message
    pytest.raises(PermissionDenied, session, cdb, course, centre["room"], ctx=unit("so1"))   # not its team
    pytest.raises(PermissionDenied, session, cdb, course, centre["room"], ctx=resident())
    err = refused(FailedPrecondition, session, cdb, course, centre["room"], "10:00", "14:30")   # 4 h 30 > quota
    assert err.field == "organisation_id"
    assert count(cdb, m.CourseSession) == 0
    session(cdb, course, centre["room"], "10:00", "11:00", ctx=unit())
    pending = session(cdb, course, centre["hall"], "14:00", "15:00")          # a hall that needs approval
    assert [s["status"] for s in pending["sessions"]] == ["confirmed", "requested"]
    err = refused(FailedPrecondition, session, cdb, course, centre["room"], "15:00", "16:00")
    assert err.field == "course_id" and "2 sessions" in err.message
    # a cancelled session frees its place
    call(cdb, worker(), bookings.cancel_booking, booking_id=pending["sessions"][1]["booking_id"], reason="改期")
    again = session(cdb, course, centre["room"], "15:00", "16:00")
    assert [s["status"] for s in again["sessions"]] == ["confirmed", "cancelled", "confirmed"]


def test_a_session_in_a_space_of_another_centre_is_refused(cdb, centre):
    from services.centers.app import centres

    other = call(cdb, admin(), centres.create_centre, community="310101002001", name="第二中心")
    room = call(cdb, admin(), centres.add_space, centre_id=other["id"], name="教室", kind="other", capacity=30,
                hours=[{"weekday": 2, "opens": "08:00", "closes": "18:00"}])
    course = accepted(cdb, centre)
    assert refused(FailedPrecondition, session, cdb, course, room).field == "space_id"


def test_staff_mark_a_course_held_after_a_session_has_ended(cdb, centre, fixed_clock):
    course = accepted(cdb, centre)
    pytest.raises(FailedPrecondition, call, cdb, worker(), courses.mark_course_held, course_id=course["id"])
    session(cdb, course, centre["room"])
    err = refused(FailedPrecondition, call, cdb, worker(), courses.mark_course_held, course_id=course["id"])
    assert err.field == "course_id" and "ended" in err.message
    fixed_clock.at = datetime(2026, 6, 2, 3, 0, tzinfo=timezone.utc)   # 11:00: ended, nobody checked in
    assert read(cdb, worker(), courses.get_course, id=course["id"])["status"] == "scheduled"
    pytest.raises(PermissionDenied, call, cdb, unit(), courses.mark_course_held, course_id=course["id"])
    held = call(cdb, worker(), courses.mark_course_held, course_id=course["id"], note="签到表纸质留存")
    assert (held["status"], held["reason"], held["attendance"]) == ("held", "签到表纸质留存", 0)
    err = refused(FailedPrecondition, call, cdb, worker(), courses.cancel_course, course_id=course["id"], reason="x")
    assert err.field == "course_id"


def test_a_cancelled_course_frees_its_sessions_and_its_orders_are_ordered_again(cdb, centre, fixed_clock):
    wish = order(cdb, centre)
    course = call(cdb, worker(), courses.accept_course_order, course_id=place(cdb, wish)["id"], organisation_id="u1")
    first = session(cdb, course, centre["room"])["sessions"][0]
    clear_events(cdb)
    err = refused(InvalidArgument, call, cdb, worker(), courses.cancel_course, course_id=course["id"], reason=" ")
    assert err.field == "reason"
    gone = call(cdb, worker(), courses.cancel_course, course_id=course["id"], reason="老师生病")
    assert (gone["status"], gone["reason"], gone["order_ids"]) == ("cancelled", "老师生病", [])
    assert read(cdb, worker(), bookings.get_booking, id=first["booking_id"])["status"] == "cancelled"
    assert [e["payload"]["id"] for e in events(cdb, "booking.cancelled")] == [first["booking_id"]]
    again = read(cdb, worker(), courses.list_course_orders, centre_id=centre["centre"]["id"])["items"]
    assert [(o["id"], o["status"], o["course_id"]) for o in again] == [(wish["id"], "ordered", "")]
    assert refused(FailedPrecondition, session, cdb, course, centre["room"], "11:00", "12:00").field == "course_id"


def test_an_order_is_withdrawn_by_whoever_ordered_it_and_then_joined_by_none(cdb, centre):
    wish = order(cdb, centre)
    err = refused(PermissionDenied, call, cdb, resident("r2"), courses.withdraw_course_order, order_id=wish["id"],
                  reason="不要了")
    assert err.field == "order_id"
    gone = call(cdb, resident("r1"), courses.withdraw_course_order, order_id=wish["id"], reason="时间不合适")
    assert (gone["status"], gone["reason"]) == ("withdrawn", "时间不合适")
    err = refused(FailedPrecondition, call, cdb, resident("r2"), courses.join_course_order, order_id=wish["id"])
    assert err.field == "order_id" and count(cdb, m.CourseOrderJoin) == 1


def test_the_most_wanted_come_first_page_by_page(cdb, centre, directory):
    for pid in ("r3", "r4"):
        directory.people[pid] = directory._person(pid, (f"居民{pid}", "310101002001"))
    one = order(cdb, centre, title="一")
    three = order(cdb, centre, title="三", who="r2")
    two = order(cdb, centre, title="二", who="r3")
    for who, wish in (("r1", three), ("r4", three), ("r1", two), ("r2", three)):   # r2 ordered it: once
        call(cdb, resident(who), courses.join_course_order, order_id=wish["id"])
    cid = centre["centre"]["id"]
    first = read(cdb, worker(), courses.list_course_orders, centre_id=cid, page_size=2)
    assert [(o["id"], o["wanted"]) for o in first["items"]] == [(three["id"], 3), (two["id"], 2)]
    rest = read(cdb, worker(), courses.list_course_orders, centre_id=cid, page_size=2,
                page_token=first["next_page_token"])
    assert [o["id"] for o in rest["items"]] == [one["id"]] and rest["next_page_token"] == ""
    err = refused(InvalidArgument, read, cdb, worker(), courses.list_course_orders, centre_id=cid, status="ordered",
                  page_token=first["next_page_token"])
    assert err.field == "page_token"


def test_a_retried_order_with_its_key_is_one_order(cdb, centre):
    params = {"centre_id": centre["centre"]["id"], "course_type": "parent_child", "title": "亲子烘焙",
              "idempotency_key": "k-1"}
    first = API.call(cdb, resident(), "OrderCourse", dict(params))
    assert API.call(cdb, resident(), "OrderCourse", dict(params)) == first and count(cdb, m.CourseOrder) == 1
    assert API.call(cdb, resident(), "ListCourseOrders", {"centre_id": centre["centre"]["id"]})["items"][0][
        "id"] == first["id"]


def test_over_grpc_an_order_placed_accepted_and_scheduled_with_the_edge_naming_bad_fields(tmp_path, fixed_clock):
    import grpc
    from cityplat.centers.v1 import centers_pb2 as pb
    from cityplat.centers.v1 import centers_pb2_grpc as pb_grpc
    from sqlalchemy import create_engine

    from services.centers.grpc_server import build_server
    from services.common.auth import mint_token
    from services.common.config import build_settings
    from tests.service.centers.conftest import COMM_A, WEEKDAYS

    def bearer(actor, *roles):
        return (("authorization", "Bearer " + mint_token(actor, roles, "310101", COMM_A[:9], COMM_A)),)

    staff, r1 = bearer("cw", "community_worker"), bearer("r1", "resident")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    engine = create_engine(url)
    m.Base.metadata.create_all(engine)
    engine.dispose()
    server = build_server(build_settings({"CITYPLAT_SERVICES__CENTERS__DATABASE_URL": url}), port=0,
                          http_port=None).start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = pb_grpc.CentersStub(channel)
            centre = stub.CreateCentre(pb.CreateCentreRequest(community=COMM_A, name="中心", idempotency_key="c"),
                                       metadata=staff)
            room = stub.AddSpace(pb.AddSpaceRequest(centre_id=centre.id, name="教室", kind="other", capacity=20,
                                                    hours=[pb.OpeningHours(**h) for h in WEEKDAYS],
                                                    idempotency_key="s"), metadata=staff)
            wish = stub.OrderCourse(pb.OrderCourseRequest(centre_id=centre.id, course_type="handicrafts",
                                                          title="剪纸", idempotency_key="o"), metadata=r1)
            assert (wish.wanted, wish.joined, wish.status) == (1, True, "ordered")
            with pytest.raises(grpc.RpcError) as err:
                stub.OrderCourse(pb.OrderCourseRequest(centre_id=centre.id, course_type="cooking", title="x",
                                                       idempotency_key="o2"), metadata=r1)
            assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert err.value.details().startswith("course_type:")
            course = stub.PlaceCourseOrder(pb.PlaceCourseOrderRequest(
                order_ids=[wish.id], title="剪纸课", sessions_wanted=1, teams_by="2026-06-10", idempotency_key="p"),
                metadata=staff)
            stub.AcceptCourseOrder(pb.AcceptCourseOrderRequest(course_id=course.id, organisation_id="so1",
                                                               idempotency_key="a"), metadata=staff)
            done = stub.ScheduleCourse(pb.ScheduleCourseRequest(
                course_id=course.id, space_id=room.id, starts_at="2026-06-02T09:00:00+08:00",
                ends_at="2026-06-02T10:00:00+08:00", attendees=12, idempotency_key="sc"), metadata=staff)
            assert (done.status, done.team_name, len(done.sessions)) == ("scheduled", "阳光社工服务中心", 1)
            got = stub.GetCourse(pb.CourseRef(id=course.id), metadata=r1)
            assert (got.sessions[0].starts_at, got.rating_count, list(got.order_ids)) == (
                "2026-06-02T09:00:00+08:00", 0, [wish.id])
            listed = stub.ListCourses(pb.ListCoursesRequest(centre_id=centre.id, status="scheduled"), metadata=staff)
            assert [c.id for c in listed.items] == [course.id]
    finally:
        server.stop(grace=0)
