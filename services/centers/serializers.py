"""Rows → plain dicts shaped like the proto messages of cityplat.centers.v1: the only place that shapes replies."""
from __future__ import annotations

from services.common.china_calendar import BEIJING
from services.common.values import aware
from services.centers import models as m


def _moment(value) -> str:
    """An instant as Beijing's time with its offset (what a centre's staff read)."""
    return aware(value).astimezone(BEIJING).isoformat()


def centre(c: m.Centre) -> dict:
    return {"id": c.id, "district": c.district, "community": c.community, "name": c.name,
            "address": c.address or "", "monthly_quota_hours": c.monthly_quota_hours}


def space(s: m.Space) -> dict:
    return {"id": s.id, "centre_id": s.centre_id, "district": s.district, "community": s.community,
            "name": s.name, "kind": s.kind, "capacity": s.capacity, "needs_approval": s.needs_approval,
            "residents_may_book": s.residents_may_book, "open_on_public_holidays": s.open_on_public_holidays,
            "hours": [{"weekday": int(day), "opens": span.split("-")[0], "closes": span.split("-")[1]}
                      for day, span in sorted(s.hours.items(), key=lambda kv: int(kv[0]))]}


def closure(c: m.Closure) -> dict:
    return {"id": c.id, "space_id": c.space_id, "from_date": c.from_date.isoformat(),
            "to_date": c.to_date.isoformat(), "reason": c.reason}


def booking(b: m.Booking) -> dict:
    return {"id": b.id, "space_id": b.space_id, "centre_id": b.centre_id, "district": b.district,
            "community": b.community, "organisation_id": b.organisation_id or "", "person_id": b.person_id or "",
            "booked_by": b.booked_by, "purpose": b.purpose, "attendees": b.attendees,
            "starts_at": _moment(b.starts_at), "ends_at": _moment(b.ends_at), "status": b.status,
            "decided_by": b.decided_by or "", "note": b.note or "", "series_id": b.series_id or ""}


def series_report(series_id: str | None, written: bool, lines: list[dict]) -> dict:
    """A recurring booking's report: each occurrence, its booking or why it was refused."""
    return {"series_id": series_id or "", "written": written,
            "occurrences": [{"booking_id": "", "refused": "", **line} for line in lines]}


def check_in(c: m.CheckIn) -> dict:
    return {"id": c.id, "booking_id": c.booking_id, "person_id": c.person_id, "how": c.how,
            "checked_in_by": c.checked_in_by, "checked_in_at": _moment(c.checked_in_at)}


def checkin_event(c: m.CheckIn, b: m.Booking, person: dict, meeting: m.LifeMeeting | None = None) -> dict:
    """``checkin.recorded``'s payload (its contract: services/common/contracts/centers.checkin.recorded.json):
    the account credited is the resident's, in his home community; at a branch's meeting (组织生活) it is
    the member's, credited for participation (``activity`` organisational_life)."""
    payload = {"checkin_id": c.id, "booking_id": b.id, "centre_id": b.centre_id, "space_id": b.space_id,
               "purpose": b.purpose, "resident_id": c.person_id, "account_kind": "resident",
               "community": person.get("home_community") or b.community, "name": person.get("name") or None}
    if meeting is not None:
        from services.centers.domain.organisational_life import category_of

        payload.update(account_kind="member", category=category_of(meeting.branch_kind),
                       activity="organisational_life", meeting_kind=meeting.kind, branch_id=meeting.branch_id)
    return payload


def life_meeting(x: m.LifeMeeting, b: m.Booking, attended: int = 0) -> dict:
    return {"id": x.id, "booking_id": b.id, "space_id": b.space_id, "centre_id": b.centre_id,
            "branch_id": x.branch_id, "branch_name": x.branch_name, "kind": x.kind, "topic": x.topic,
            "starts_at": _moment(b.starts_at), "ends_at": _moment(b.ends_at), "booking_status": b.status,
            "held": x.minutes is not None, "minutes": x.minutes or "", "minutes_by": x.minutes_by or "",
            "minutes_at": _moment(x.minutes_at) if x.minutes_at else "", "attended": attended}


def life_rhythm(r) -> dict:
    return {"kind": r.kind, "every": r.every, "count": r.count, "default": r.default}


def plot(p: m.Plot) -> dict:
    return {"id": p.id, "centre_id": p.centre_id, "name": p.name, "station_id": p.station_id,
            "tended_by": p.tended_by or ""}


def harvest(h: m.Harvest) -> dict:
    return {"id": h.id, "plot_id": h.plot_id, "produce": h.produce, "quantity": h.quantity,
            "points_cost": h.points_cost or 0, "harvested_on": h.harvested_on.isoformat(),
            "recorded_by": h.recorded_by}


def harvest_event(h: m.Harvest, p: m.Plot) -> dict:
    """``produce.harvested``'s payload (its contract: services/common/contracts/centers.produce.harvested.json):
    the station stocks ``quantity`` of ``name``, at ``points_cost`` when it lists the produce first."""
    return {"harvest_id": h.id, "plot_id": p.id, "centre_id": p.centre_id, "community": h.community,
            "station_id": p.station_id, "name": h.produce, "quantity": h.quantity, "points_cost": h.points_cost,
            "harvested_on": h.harvested_on.isoformat()}


def stationing(x: m.Stationing) -> dict:
    return {"id": x.id, "centre_id": x.centre_id, "organisation_id": x.organisation_id,
            "organisation_name": x.organisation_name, "term_start": x.term_start.isoformat(),
            "term_end": x.term_end.isoformat(), "promised": dict(x.promised)}


def delivery(d: m.Delivery) -> dict:
    return {"id": d.id, "stationing_id": d.stationing_id, "kind": d.kind, "count": d.count,
            "delivered_on": d.delivered_on.isoformat(), "note": d.note or "", "recorded_by": d.recorded_by}


def delivery_line(x: m.Stationing, kinds: list[dict]) -> dict:
    return {"stationing_id": x.id, "organisation_id": x.organisation_id, "organisation_name": x.organisation_name,
            "kinds": kinds, "kept": all(k["kept"] for k in kinds)}


def course_order(o: m.CourseOrder, joined: bool = False) -> dict:
    """An order (居民点单) as residents read it: how many want it and whether the caller does; never who."""
    return {"id": o.id, "centre_id": o.centre_id, "district": o.district, "community": o.community,
            "course_type": o.course_type, "title": o.title, "note": o.note or "", "status": o.status,
            "wanted": o.wanted, "joined": joined, "course_id": o.course_id or "", "reason": o.reason or "",
            "ordered_at": _moment(o.created_at)}


def course_session(s: m.CourseSession, b: m.Booking, attendance: int) -> dict:
    return {"booking_id": b.id, "space_id": b.space_id, "starts_at": _moment(b.starts_at),
            "ends_at": _moment(b.ends_at), "status": b.status, "attendance": attendance}


def course(c: m.Course, status: str, order_ids: list[str], joiners: int, sessions: list[dict], attendance: int,
           rating: tuple[float, int]) -> dict:
    """A placed course with what its orders, sessions, check-ins and ratings say of it (``status``: read
    with its sessions, services/centers/domain/courses.py status_of)."""
    return {"id": c.id, "centre_id": c.centre_id, "district": c.district, "community": c.community,
            "course_type": c.course_type, "title": c.title, "sessions_wanted": c.sessions_wanted,
            "teams_by": c.teams_by.isoformat(), "note": c.note or "", "status": status, "placed_by": c.placed_by,
            "order_ids": order_ids, "joiners": joiners, "team_id": c.team_id or "", "team_name": c.team_name or "",
            "team_stationed": bool(c.team_stationed), "accepted_by": c.accepted_by or "", "sessions": sessions,
            "attendance": attendance, "rating_average": rating[0], "rating_count": rating[1],
            "reason": c.reason or ""}


def course_event(c: m.Course) -> dict:
    """``course.placed`` / ``course.accepted``'s payload (no other service consumes them yet: no contract)."""
    return {"course_id": c.id, "centre_id": c.centre_id, "community": c.community, "course_type": c.course_type,
            "title": c.title, "sessions_wanted": c.sessions_wanted, "teams_by": c.teams_by.isoformat(),
            "team_id": c.team_id or None, "status": c.status}


def course_rating(x: m.CourseRating) -> dict:
    return {"id": x.id, "course_id": x.course_id, "person_id": x.person_id, "stars": x.stars,
            "comment": x.comment or "", "rated_at": _moment(x.rated_at)}


def feed(f: m.Feed) -> dict:
    """An iCalendar feed as the API shows it: never its token (answered once, by CreateFeed alone)."""
    return {"id": f.id, "district": f.district, "division": f.division, "space_id": f.space_id or "",
            "organisation_id": f.organisation_id or "", "organisation_name": f.organisation_name or "",
            "created_by": f.created_by, "created_at": _moment(f.created_at),
            "status": "revoked" if f.revoked_at is not None else "active",
            "revoked_at": _moment(f.revoked_at) if f.revoked_at is not None else "",
            "revoked_by": f.revoked_by or "", "revoke_reason": f.revoke_reason or ""}


def import_report(rows: int, written: int, unchanged: int, centres_created: int, dry_run: bool, lines: list[dict],
                  problems: list[dict]) -> dict:
    """ImportCentres' report: a line per row (what became of it), and each problem by row and column."""
    return {"rows": rows, "written": written, "unchanged": unchanged, "centres_created": centres_created,
            "dry_run": dry_run, "lines": [{"centre_id": "", "space_id": "", **line} for line in lines],
            "problems": [{"row": p["row"], "column": p["column"] or "", "reason": p["reason"]} for p in problems]}


def availability(space_id: str, slots) -> dict:
    return {"space_id": space_id, "slots": [{"starts_at": _moment(s.starts), "ends_at": _moment(s.ends)}
                                            for s in slots]}


def items(rows, shape) -> dict:
    return {"items": [shape(row) for row in rows]}


def page(rows, shape, token: str) -> dict:
    return {**items(rows, shape), "next_page_token": token}
