"""iCalendar feeds (日历订阅): made, listed and revoked through the API; served as ``/feeds/<token>.ics``
on the gRPC process's HTTP port (``feed_app``), which a phone's calendar polls.

The rules are services/centers/domain/feeds.py; the calendar is written by the ``icalendar`` library.
A poll reads the database each time (no copy is kept between polls), so a revoked feed answers 404
at once on every replica.
"""
from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from icalendar import Calendar, Event
from sqlalchemy import func

from services.common import clock
from services.common.context import system_context
from services.common.db import Database, UnitOfWork
from services.common.errors import FailedPrecondition, NotFound, PermissionDenied
from services.common.registry_client import organisation_in
from services.common.tables import audit
from services.common.usecase import UNRECORDED
from services.common.values import aware, text
from services.centers import models as m
from services.centers import serializers as out
from services.centers.domain import feeds as rules
from services.centers.permissions import POLICY, STAFF
from services.centers.repository import Repository

log = logging.getLogger(__name__)

# the token is answered once: never kept in plain text with the idempotency key (a retry answers without it)
UNRECORDED["CreateFeed"] = ("token", "path")


def create_feed(uow: UnitOfWork, *, space_id: str | None = None, organisation_id: str | None = None) -> dict:
    """日历订阅: a feed of a space's bookings (by the staff of its scope) or of an organisation's (by staff
    of a scope it lies in, or the partner unit itself). The answer carries the token and the URL path
    once; only the token's hash is stored."""
    POLICY.check(uow.ctx, "manage feeds")
    r = Repository(uow)
    district = r.district_for_write()
    staff = uow.ctx.has_any(*STAFF)
    org_name = None
    if rules.check_target(space_id, organisation_id) == "space":
        if not staff:
            raise PermissionDenied("a space's feed is made by the centre's staff", "space_id")
        space = r.space(space_id, write=True)
        division = space.community
    else:
        if not staff and organisation_id != uow.ctx.actor:
            raise PermissionDenied("an organisation's feed is made by staff or by the organisation itself",
                                   "organisation_id")
        org = organisation_in(district, organisation_id, "organisation_id")
        if staff and organisation_id != uow.ctx.actor:
            # staff of a scope the organisation lies in: a neighbour's organisation is not theirs to follow
            r.code(org.get("division_code"), "organisation_id", write=True)
        # what the maker's ListBookings shows: the organisation's bookings inside the maker's scope
        division, org_name = r.scope_code(None, "organisation_id"), org.get("name") or organisation_id
    token = secrets.token_urlsafe(rules.TOKEN_BYTES)
    feed = r.add(m.Feed(district=district, division=division, space_id=space_id or None,
                        organisation_id=organisation_id or None, organisation_name=org_name,
                        token_hash=rules.token_hash(token), created_by=uow.ctx.actor))
    uow.flush()
    shaped = out.feed(feed)
    audit(uow, district, "create feed", feed.id, after=shaped)  # never the token
    return {"feed": shaped, "token": token, "path": rules.path_of(token)}


def _own_or_staff(uow: UnitOfWork, feed: m.Feed) -> None:
    """A unit reads and revokes only its own feeds (made by it, or of it); staff what lies in their scope."""
    if not uow.ctx.has_any(*STAFF) and uow.ctx.actor not in (feed.created_by, feed.organisation_id):
        raise NotFound(f"no feed {feed.id!r}", "feed_id")  # another's feed: as though there were none


def list_feeds(uow: UnitOfWork, *, space_id: str | None = None, organisation_id: str | None = None,
               include_revoked: bool = False) -> dict:
    """The feeds of the caller's scope (a unit: its own), of a space or an organisation, oldest first."""
    POLICY.check(uow.ctx, "read feeds")
    r = Repository(uow)
    where = []
    if space_id:
        where.append(m.Feed.space_id == r.space(space_id).id)
    if organisation_id:
        where.append(m.Feed.organisation_id == organisation_id)
    if not include_revoked:
        where.append(m.Feed.revoked_at.is_(None))
    if not uow.ctx.has_any(*STAFF):
        where.append((m.Feed.created_by == uow.ctx.actor) | (m.Feed.organisation_id == uow.ctx.actor))
    return out.items(r.all(m.Feed, *where, order_by=(m.Feed.created_at, m.Feed.id)), out.feed)


def revoke_feed(uow: UnitOfWork, *, feed_id: str, reason: str) -> dict:
    """A feed revoked (a lost phone, a unit that left): its URL answers 404 from the commit on."""
    POLICY.check(uow.ctx, "manage feeds")
    r = Repository(uow)
    feed = r.get(m.Feed, feed_id, "feed_id", "feed", write=True)
    _own_or_staff(uow, feed)
    reason = text(reason, "reason", 500, required=True)
    before = out.feed(feed)
    if feed.revoked_at is not None:
        raise FailedPrecondition(f"was revoked already at {before['revoked_at']}", "feed_id")
    feed.revoked_at, feed.revoked_by, feed.revoke_reason = clock.now(), uow.ctx.actor, reason
    shaped = out.feed(feed)
    audit(uow, feed.district, "revoke feed", feed.id, before, shaped, reason=reason)
    return shaped


# ---- the calendar a phone polls

def _calendar(db: Database, token: str) -> bytes | None:
    """The feed's calendar as iCalendar bytes, or None: no such feed, or revoked.

    The token is the authorisation: the feed is found by its hash (a system lookup over every
    district), then read again under a system context of its own district, and its bookings by its
    keys (the space, or the organisation inside the feed's division)."""
    digest = rules.token_hash(token)
    with db.uow(system_context("feeds"), write=False) as uow:
        found = Repository(uow).first(m.Feed, m.Feed.token_hash == digest, m.Feed.revoked_at.is_(None))
        district = found.district if found is not None else None
    if district is None:
        return None
    with db.uow(system_context("feeds", district=district), write=False) as uow:
        r = Repository(uow)
        feed = r.first(m.Feed, m.Feed.token_hash == digest, m.Feed.revoked_at.is_(None))
        if feed is None:  # revoked in between
            return None
        now = clock.now()
        window = (m.Booking.starts_at >= now - timedelta(days=rules.DAYS_BEFORE),
                  m.Booking.starts_at < now + timedelta(days=rules.DAYS_AHEAD))
        if feed.space_id:
            space = r.get(m.Space, feed.space_id, "space_id", "space")
            centre = r.centre(space.centre_id)
            title = f"{centre.name} {space.name}"
            found_bookings = r.all(m.Booking, m.Booking.space_id == space.id, *window,
                                   order_by=(m.Booking.starts_at, m.Booking.id))
        else:
            title = feed.organisation_name or feed.organisation_id
            found_bookings = r.all(m.Booking, m.Booking.organisation_id == feed.organisation_id,
                                   r.under(m.Booking.community, feed.division), *window,
                                   order_by=(m.Booking.starts_at, m.Booking.id))
        spaces = {s.id: s for s in r.all(m.Space, m.Space.id.in_({b.space_id for b in found_bookings}))}
        centres = {c.id: c for c in r.all(m.Centre, m.Centre.id.in_({s.centre_id for s in spaces.values()}))}
        # the last change of each booking: its latest audit entry (a decision, a cancellation)
        changed = dict(uow.session.execute(
            r.select(m.AuditEntry, m.AuditEntry.subject, func.max(m.AuditEntry.at))
            .where(m.AuditEntry.subject.in_([b.id for b in found_bookings])).group_by(m.AuditEntry.subject)).all())
        cal = Calendar()
        cal.add("prodid", "-//cityplat//centers feeds//ZH")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", title)
        cal.add("x-wr-timezone", "Asia/Shanghai")
        for b in found_bookings:
            space = spaces.get(b.space_id)
            centre = centres.get(space.centre_id) if space is not None else None
            modified = aware(changed.get(b.id) or b.created_at)
            event = Event()
            event.add("uid", f"{b.id}@cityplat")
            event.add("dtstamp", modified)
            event.add("last-modified", modified)
            event.add("sequence", rules.sequence(bool(b.decided_by), b.status == "cancelled"))
            event.add("dtstart", aware(b.starts_at))
            event.add("dtend", aware(b.ends_at))
            # a space's feed shows a resident's booking as booked only: no purpose, name or id of his
            event.add("summary", rules.summary(b.purpose, by_resident=b.person_id is not None))
            if space is not None and centre is not None:
                event.add("location", f"{centre.name} {space.name}")
            event.add("status", rules.event_status(b.status))
            cal.add_component(event)
        return cal.to_ical()


def feed_app(db: Database):
    """The WSGI app of ``/feeds/<token>.ics``: ``text/calendar``, an ETag, 304 for a poll that names it;
    404 for a token unknown or revoked (alike: a URL tells nothing of feeds it does not open)."""

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")])
            return [b"method not allowed\n"]
        token = rules.token_of(environ.get("PATH_INFO", ""))
        try:
            body = _calendar(db, token) if token else None
        except Exception:  # noqa: BLE001 - a database that does not answer: the phone polls again later
            log.exception("feed not served")
            start_response("503 Service Unavailable", [("Content-Type", "text/plain"), ("Retry-After", "60")])
            return [b"unavailable\n"]
        if body is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found\n"]
        tag = rules.etag(body)
        # no-cache: a cache asks again each time (with the ETag), so a revocation is never served around
        headers = [("ETag", tag), ("Cache-Control", "private, no-cache")]
        if rules.not_modified(environ.get("HTTP_IF_NONE_MATCH"), tag):
            start_response("304 Not Modified", headers)
            return []
        start_response("200 OK", [("Content-Type", "text/calendar; charset=utf-8"),
                                  ("Content-Length", str(len(body))), *headers])
        return [] if method == "HEAD" else [body]

    return app
