"""iCalendar feeds (日历订阅): made, listed and revoked by the use cases, and served over the gRPC
process's HTTP port as a phone's calendar polls them (ETag and 304, 404 once revoked or unknown)."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import grpc
import pytest
from cityplat.centers.v1 import centers_pb2 as pb
from cityplat.centers.v1 import centers_pb2_grpc as pb_grpc
from icalendar import Calendar
from sqlalchemy import select

from services.common.auth import mint_token
from services.common.config import build_settings
from services.common.db import Database
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.messaging_tables import idempotency_table
from services.centers import models as m
from services.centers.app import API, bookings, centres, feeds
from services.centers.domain import feeds as rules
from services.centers.grpc_server import build_server
from tests.conftest import DISTRICT_B, ctx_for, free_port
from tests.service.centers.conftest import COMM_A, COMM_A2, COMM_B, WEEKDAYS, admin, call, count, read, resident, worker


def unit(actor: str = "u1"):
    """The partner unit u1 (区供电公司) itself, as its own token names it."""
    return ctx_for("partner_unit", subdistrict=COMM_A[:9], community=COMM_A, actor=actor)


def book(cdb, space, org="b1", day="2026-06-02", at="09:00", until="10:00", purpose="主题党日", ctx=None, **kw):
    who = {"organisation_id": org} if org else {}
    return call(cdb, ctx or worker(), bookings.book_space, space_id=space["id"], starts_at=f"{day}T{at}:00+08:00",
                ends_at=f"{day}T{until}:00+08:00", purpose=purpose, attendees=5, **who, **kw)


def events_of(body: bytes) -> dict:
    """The VEVENTs of a calendar by UID."""
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


# ---- the use cases

def test_a_space_feed_answers_its_token_once_and_keeps_only_its_hash(cdb, centre):
    made = call(cdb, worker(), feeds.create_feed, space_id=centre["room"]["id"])
    token, feed = made["token"], made["feed"]
    assert len(token) >= 43 and made["path"] == f"/feeds/{token}.ics"
    assert (feed["space_id"], feed["division"], feed["status"], feed["created_by"]) == \
        (centre["room"]["id"], COMM_A, "active", "cw")
    with cdb.engine.connect() as conn:
        stored = conn.execute(select(m.Feed.token_hash)).scalar_one()
        audit = [json.dumps(row.after) for row in conn.execute(select(m.AuditEntry)).all()]
    assert stored == rules.token_hash(token) and token not in stored
    assert not any(token in entry for entry in audit)
    listed = read(cdb, worker(), feeds.list_feeds)["items"]
    assert [f["id"] for f in listed] == [feed["id"]] and "token" not in listed[0]


def test_a_retry_of_create_feed_answers_without_the_token_which_no_table_holds(cdb, centre):
    params = {"space_id": centre["room"]["id"], "idempotency_key": "feed-1"}
    first = API.call(cdb, worker(), "CreateFeed", dict(params))
    again = API.call(cdb, worker(), "CreateFeed", dict(params))
    assert first["token"] and again["feed"]["id"] == first["feed"]["id"]
    assert "token" not in again and "path" not in again
    with cdb.engine.connect() as conn:
        kept = [row.response for row in conn.execute(select(idempotency_table(m.Base.metadata))).all()]
    assert kept and not any(first["token"] in response for response in kept)
    assert count(cdb, m.Feed) == 1


@pytest.mark.parametrize("kw,field", [({}, "space_id"), ({"space_id": "x", "organisation_id": "b1"}, "organisation_id")])
def test_a_feed_names_exactly_one_target(cdb, centre, kw, field):
    with pytest.raises(InvalidArgument) as err:
        call(cdb, worker(), feeds.create_feed, **kw)
    assert err.value.field == field
    assert count(cdb, m.Feed) == 0


def test_who_may_make_a_feed_of_a_space_or_an_organisation(cdb, centre, directory):
    room = centre["room"]["id"]
    with pytest.raises(NotFound) as err:                       # a neighbour community's staff
        call(cdb, worker(COMM_A2), feeds.create_feed, space_id=room)
    assert err.value.field == "space_id"
    with pytest.raises(NotFound):                              # another district's admin
        call(cdb, admin(DISTRICT_B), feeds.create_feed, space_id=room)
    with pytest.raises(PermissionDenied) as err:               # a unit follows itself, not a room
        call(cdb, unit(), feeds.create_feed, space_id=room)
    assert err.value.field == "space_id"
    with pytest.raises(PermissionDenied) as err:               # nor another organisation
        call(cdb, unit(), feeds.create_feed, organisation_id="b1")
    assert err.value.field == "organisation_id"
    with pytest.raises(PermissionDenied):                      # a resident makes none
        call(cdb, resident(), feeds.create_feed, organisation_id="b1")
    with pytest.raises(PermissionDenied) as err:               # staff of a neighbour: not their organisation
        call(cdb, worker(COMM_A2), feeds.create_feed, organisation_id="b1")
    assert err.value.field == "organisation_id"
    with pytest.raises(NotFound) as err:                       # another district's organisation
        call(cdb, worker(), feeds.create_feed, organisation_id="ob")
    assert err.value.field == "organisation_id"
    assert count(cdb, m.Feed) == 0
    own = call(cdb, unit(), feeds.create_feed, organisation_id="u1")["feed"]
    assert (own["organisation_name"], own["division"]) == ("区供电公司", COMM_A)
    by_staff = call(cdb, admin(), feeds.create_feed, organisation_id="b1")["feed"]
    assert by_staff["division"] == "310101"  # a district admin's: the branch's bookings across the district


def test_a_unit_lists_and_revokes_its_own_feeds_and_staff_those_of_their_scope(cdb, centre):
    room_feed = call(cdb, worker(), feeds.create_feed, space_id=centre["room"]["id"])["feed"]
    own = call(cdb, unit(), feeds.create_feed, organisation_id="u1")["feed"]
    assert [f["id"] for f in read(cdb, unit(), feeds.list_feeds)["items"]] == [own["id"]]
    assert [f["id"] for f in read(cdb, worker(), feeds.list_feeds, space_id=centre["room"]["id"])["items"]] == \
        [room_feed["id"]]
    assert read(cdb, worker(COMM_A2), feeds.list_feeds)["items"] == []
    assert read(cdb, admin(DISTRICT_B), feeds.list_feeds)["items"] == []
    with pytest.raises(NotFound):
        read(cdb, worker(COMM_A2), feeds.list_feeds, space_id=centre["room"]["id"])
    for ctx in (worker(COMM_A2), unit()):                      # not theirs: as though there were none
        with pytest.raises(NotFound) as err:
            call(cdb, ctx, feeds.revoke_feed, feed_id=room_feed["id"], reason="丢失手机")
        assert err.value.field == "feed_id"
    with pytest.raises(InvalidArgument) as err:
        call(cdb, unit(), feeds.revoke_feed, feed_id=own["id"], reason="  ")
    assert err.value.field == "reason"
    assert read(cdb, unit(), feeds.list_feeds)["items"][0]["status"] == "active"
    revoked = call(cdb, unit(), feeds.revoke_feed, feed_id=own["id"], reason="手机丢失")
    assert (revoked["status"], revoked["revoked_by"], revoked["revoke_reason"]) == ("revoked", "u1", "手机丢失")
    with pytest.raises(FailedPrecondition) as err:
        call(cdb, worker(), feeds.revoke_feed, feed_id=own["id"], reason="again")
    assert err.value.field == "feed_id"
    assert read(cdb, unit(), feeds.list_feeds)["items"] == []
    assert [f["status"] for f in read(cdb, worker(), feeds.list_feeds, include_revoked=True)["items"]] == \
        ["active", "revoked"]
    call(cdb, worker(), feeds.revoke_feed, feed_id=room_feed["id"], reason="换新链接")  # staff revoke in scope


# ---- the calendar

def test_a_space_feed_shows_its_bookings_by_status_and_a_residents_as_booked_only(cdb, centre, fixed_clock):
    token = call(cdb, worker(), feeds.create_feed, space_id=centre["reading"]["id"])["token"]
    confirmed = book(cdb, centre["reading"], purpose="读书会")
    mine = book(cdb, centre["reading"], org=None, at="11:00", until="12:00", purpose="张三的生日会",
                ctx=resident("r1"), person_id="r1")
    cancelled = book(cdb, centre["reading"], at="14:00", until="15:00", purpose="取消的会")
    call(cdb, worker(), bookings.cancel_booking, booking_id=cancelled["id"], reason="改期")
    body = feeds._calendar(cdb, token)
    cal = Calendar.from_ical(body)
    assert str(cal["x-wr-calname"]) == "幸福社区邻里中心 阅览室" and str(cal["x-wr-timezone"]) == "Asia/Shanghai"
    assert str(cal["version"]) == "2.0" and "cityplat" in str(cal["prodid"])
    found = events_of(body)
    assert set(found) == {f"{b['id']}@cityplat" for b in (confirmed, mine, cancelled)}
    event = found[f"{confirmed['id']}@cityplat"]
    assert (str(event["summary"]), str(event["status"]), str(event["location"])) == \
        ("读书会", "CONFIRMED", "幸福社区邻里中心 阅览室")
    assert event.decoded("dtstart").isoformat() == "2026-06-02T01:00:00+00:00"
    assert event.decoded("dtend").isoformat() == "2026-06-02T02:00:00+00:00"
    assert str(found[f"{mine['id']}@cityplat"]["summary"]) == "已预约"
    assert (str(found[f"{cancelled['id']}@cityplat"]["status"]), found[f"{cancelled['id']}@cityplat"]["sequence"]) == \
        ("CANCELLED", 1)
    assert b"r1" not in body and "张三".encode() not in body  # nothing of the resident's
    fixed_clock.advance(days=31)                                # 30 days on, the bookings have left the window
    assert events_of(feeds._calendar(cdb, token)) == {}


def test_a_requested_booking_is_tentative_until_decided(cdb, centre):
    token = call(cdb, worker(), feeds.create_feed, space_id=centre["hall"]["id"])["token"]
    asked = book(cdb, centre["hall"], purpose="党课")
    assert str(events_of(feeds._calendar(cdb, token))[f"{asked['id']}@cityplat"]["status"]) == "TENTATIVE"
    call(cdb, worker(), bookings.decide_booking, booking_id=asked["id"], approve=False, note="另有安排")
    event = events_of(feeds._calendar(cdb, token))[f"{asked['id']}@cityplat"]
    assert (str(event["status"]), event["sequence"]) == ("CANCELLED", 1)


def test_an_organisations_feed_shows_its_bookings_in_its_makers_scope_only(cdb, centre):
    other = call(cdb, admin(), centres.create_centre, community=COMM_A2, name="和睦社区中心")
    hall = call(cdb, admin(), centres.add_space, centre_id=other["id"], name="会议室", kind="multi_purpose_hall",
                capacity=30, hours=WEEKDAYS)
    here = book(cdb, centre["room"], org="u1", purpose="安全用电讲座")
    there = book(cdb, hall, org="u1", purpose="邻社区讲座", ctx=admin())
    book(cdb, centre["room"], org="b1", at="11:00", until="12:00", purpose="第一支部")
    by_unit = call(cdb, unit(), feeds.create_feed, organisation_id="u1")["token"]
    by_admin = call(cdb, admin(), feeds.create_feed, organisation_id="u1")["token"]
    assert set(events_of(feeds._calendar(cdb, by_unit))) == {f"{here['id']}@cityplat"}
    assert set(events_of(feeds._calendar(cdb, by_admin))) == {f"{here['id']}@cityplat", f"{there['id']}@cityplat"}
    assert str(Calendar.from_ical(feeds._calendar(cdb, by_unit))["x-wr-calname"]) == "区供电公司"


def test_a_revoked_or_unknown_token_gives_no_calendar(cdb, centre):
    made = call(cdb, worker(), feeds.create_feed, space_id=centre["room"]["id"])
    assert feeds._calendar(cdb, made["token"]) is not None
    call(cdb, worker(), feeds.revoke_feed, feed_id=made["feed"]["id"], reason="lost")
    assert feeds._calendar(cdb, made["token"]) is None
    assert feeds._calendar(cdb, "x" * 43) is None


# ---- over HTTP, from the real gRPC process

@pytest.fixture
def served(tmp_path, fixed_clock):
    """build_server() as the gRPC process runs it, with its HTTP port: (gRPC stub, HTTP base URL, db)."""
    url = f"sqlite:///{tmp_path / 'feeds.db'}"
    db = Database("centers", url, m.Base.metadata)
    m.Base.metadata.create_all(db.engine)
    http_port = free_port()
    settings = build_settings({"CITYPLAT_SERVICES__CENTERS__DATABASE_URL": url})
    server = build_server(settings, port=0, http_port=http_port).start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=10)
            yield pb_grpc.CentersStub(channel), f"http://127.0.0.1:{http_port}", db
    finally:
        server.stop(grace=0)
        db.dispose()


def bearer(actor, *roles, district="310101", **kw):
    return (("authorization", "Bearer " + mint_token(actor, roles, district, **kw)),)


WORKER = bearer("cw", "community_worker", subdistrict=COMM_A[:9], community=COMM_A)
WORKER_B = bearer("cwb", "community_worker", district=DISTRICT_B, subdistrict=COMM_B[:9], community=COMM_B)


def fetch(url: str, etag: str | None = None):
    """(status, headers, body) of a GET, as a calendar app makes it."""
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def _space(stub, metadata, community, name, key):
    centre = stub.CreateCentre(pb.CreateCentreRequest(community=community, name=name, idempotency_key=key + "c"),
                               metadata=metadata)
    return stub.AddSpace(pb.AddSpaceRequest(centre_id=centre.id, name="活动室", kind="party_activity_room",
                                            capacity=20, hours=[pb.OpeningHours(**h) for h in WEEKDAYS],
                                            idempotency_key=key + "s"), metadata=metadata)


def test_a_phone_subscribes_over_http_polls_with_its_etag_and_loses_the_feed_once_revoked(served):
    stub, base, _ = served
    space = _space(stub, WORKER, COMM_A, "幸福社区邻里中心", "a")
    booked = stub.BookSpace(pb.BookSpaceRequest(space_id=space.id, starts_at="2026-06-02T09:00:00+08:00",
                                                ends_at="2026-06-02T10:00:00+08:00", purpose="主题党日", attendees=9,
                                                organisation_id="b1", idempotency_key="b1"), metadata=WORKER)
    space_b = _space(stub, WORKER_B, COMM_B, "B区中心", "b")
    booked_b = stub.BookSpace(pb.BookSpaceRequest(space_id=space_b.id, starts_at="2026-06-02T09:00:00+08:00",
                                                  ends_at="2026-06-02T10:00:00+08:00", purpose="B区机密会议",
                                                  attendees=9, organisation_id="ob", idempotency_key="bb"),
                              metadata=WORKER_B)
    made = stub.CreateFeed(pb.CreateFeedRequest(space_id=space.id, idempotency_key="f1"), metadata=WORKER)
    made_b = stub.CreateFeed(pb.CreateFeedRequest(space_id=space_b.id, idempotency_key="fb"), metadata=WORKER_B)
    assert made.path == f"/feeds/{made.token}.ics" and made.feed.status == "active"

    status, headers, body = fetch(base + made.path)
    assert status == 200 and headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert set(events_of(body)) == {f"{booked.id}@cityplat"}
    assert booked_b.id.encode() not in body and "B区".encode() not in body  # nothing of another district
    assert set(events_of(fetch(base + made_b.path)[2])) == {f"{booked_b.id}@cityplat"}
    etag = headers["ETag"]
    assert fetch(base + made.path, etag)[0] == 304                        # phones poll: nothing changed
    stub.CancelBooking(pb.CancelBookingRequest(booking_id=booked.id, reason="改期", idempotency_key="x1"),
                       metadata=WORKER)
    status, headers, body = fetch(base + made.path, etag)                   # it changed: the new calendar
    assert status == 200 and headers["ETag"] != etag
    assert str(events_of(body)[f"{booked.id}@cityplat"]["status"]) == "CANCELLED"
    assert fetch(base + "/healthz")[0] == 200 and fetch(base + "/metrics")[0] == 200  # the probes stay

    stub.RevokeFeed(pb.RevokeFeedRequest(feed_id=made.feed.id, reason="手机丢失", idempotency_key="r1"),
                    metadata=WORKER)
    assert fetch(base + made.path)[0] == 404 and fetch(base + made.path, etag)[0] == 404
    assert fetch(base + "/feeds/" + "A" * 43 + ".ics")[0] == 404         # unknown
    assert fetch(base + "/feeds/nothing")[0] == 404
    assert fetch(base + made_b.path)[0] == 200                            # the other district's lives on
    listed = stub.ListFeeds(pb.ListFeedsRequest(include_revoked=True), metadata=WORKER)
    assert [(f.id, f.status) for f in listed.items] == [(made.feed.id, "revoked")]
    with pytest.raises(grpc.RpcError) as err:
        stub.CreateFeed(pb.CreateFeedRequest(space_id=space.id, organisation_id="b1", idempotency_key="f2"),
                        metadata=WORKER)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert err.value.details().startswith("organisation_id: ")
