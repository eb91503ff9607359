"""Council rows → plain dicts shaped like the proto messages (the only place that shapes replies)."""
from __future__ import annotations

from services.council import models as m


def _day(value) -> str:
    return value.isoformat() if value else ""


def member(x: m.CouncilMember) -> dict:
    return {"id": x.id, "council_id": x.council_id, "organisation_id": x.organisation_id,
            "organisation_name": x.organisation_name, "organisation_kind": x.organisation_kind,
            "leader_group": x.leader_group, "joined_on": _day(x.joined_on), "left_on": _day(x.left_on),
            "left_reason": x.left_reason or ""}


def chair(x: m.ChairTerm | None) -> dict | None:
    if x is None:
        return None
    return {"id": x.id, "organisation_id": x.organisation_id, "organisation_name": x.organisation_name,
            "starts_on": _day(x.starts_on), "ends_on": _day(x.ends_on)}


def council(c: m.Council, members: list[m.CouncilMember] = (), current_chair: m.ChairTerm | None = None) -> dict:
    shaped = {"id": c.id, "district": c.district, "community": c.community, "name": c.name, "leader_id": c.leader_id,
              "leader_name": c.leader_name, "rotating_chair": c.rotating_chair, "founded_on": _day(c.founded_on),
              "members": [member(x) for x in members]}
    if current_chair is not None:
        shaped["chair"] = chair(current_chair)
    return shaped


def work_plan(p: m.WorkPlan) -> dict:
    return {"council_id": p.council_id, "year": p.year, "items": list(p.items), "set_by": p.set_by}


def agreement(a: m.Agreement) -> dict:
    return {"id": a.id, "council_id": a.council_id, "community": a.community, "organisation_id": a.organisation_id,
            "organisation_name": a.organisation_name, "term_start": _day(a.term_start), "term_end": _day(a.term_end),
            "commitments": list(a.commitments), "status": a.status, "renews_id": a.renews_id or "",
            "signed_by": a.signed_by, "ended_reason": a.ended_reason or ""}


def decision(d: m.Decision) -> dict:
    return {"id": d.id, "council_id": d.council_id, "meeting_id": d.meeting_id, "text": d.text,
            "owner_organisation_id": d.owner_organisation_id or "", "owner_person_id": d.owner_person_id or "",
            "owner_name": d.owner_name, "due_on": _day(d.due_on), "status": d.status, "done_on": _day(d.done_on),
            "done_note": d.done_note or "", "done_by": d.done_by or ""}


def meeting(x: m.JointMeeting, decisions: list[m.Decision] = ()) -> dict:
    return {"id": x.id, "council_id": x.council_id, "community": x.community, "kind": x.kind,
            "held_on": _day(x.held_on), "agenda": list(x.agenda), "attendance": list(x.attendance),
            "minutes": x.minutes, "recorded_by": x.recorded_by, "decisions": [decision(d) for d in decisions]}


def items(rows, shape) -> dict:
    return {"items": [shape(r) for r in rows]}


def page(rows, shape, token: str) -> dict:
    return {"items": [shape(r) for r in rows], "next_page_token": token}
