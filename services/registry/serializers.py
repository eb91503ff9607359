"""Rows to plain dicts shaped like the proto messages (None and empty values left out)."""
from __future__ import annotations

from datetime import date, datetime

from services.common.logs import mask_phone
from services.registry import models as m


def _clean(d: dict) -> dict:
    out = {}
    for key, value in d.items():
        if value is None:
            continue
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        out[key] = value
    return out


def division(d: m.Division) -> dict:
    return _clean({"code": d.code, "level": d.level, "name": d.name, "parent_code": d.parent_code,
                   "district": d.district, "status": d.status, "retired_on": d.retired_on})


def organisation(o: m.Organisation, under_rectification: bool = False, latest_stars: int | None = None) -> dict:
    return _clean({"id": o.id, "district": o.district, "division_code": o.division_code, "kind": o.kind,
                   "partner_kind": o.partner_kind, "name": o.name, "parent_id": o.parent_id,
                   "host_unit_id": o.host_unit_id, "status": o.status, "founded_on": o.founded_on,
                   "dissolved_on": o.dissolved_on, "merged_into_id": o.merged_into_id,
                   "split_from_id": o.split_from_id, "supervised_by_id": o.supervised_by_id,
                   "version": o.version, "under_rectification": under_rectification,
                   "latest_stars": latest_stars, "external_ref": o.external_ref})


def phone(p: m.Person, show_contact: bool = False) -> str | None:
    """A person's phone as every read and export shows it: in full, or masked (138****1111)."""
    return p.phone if show_contact else mask_phone(p.phone)


def person(p: m.Person, show_contact: bool = False) -> dict:
    return _clean({"id": p.id, "district": p.district, "name": p.name, "phone": phone(p, show_contact),
                   "home_community": p.home_community, "is_member": p.is_member,
                   "member_category": p.member_category, "status": p.status, "home_study": p.home_study,
                   "external_ref": p.external_ref})


def membership(x: m.Membership) -> dict:
    return _clean({"id": x.id, "person_id": x.person_id, "organisation_id": x.organisation_id,
                   "started_on": x.started_on, "ended_on": x.ended_on, "end_reason": x.end_reason})


def post(p: m.Post) -> dict:
    return _clean({"id": p.id, "organisation_id": p.organisation_id, "person_id": p.person_id,
                   "title": p.title, "how": p.how, "term_start": p.term_start, "term_end": p.term_end,
                   "ended_on": p.ended_on, "end_reason": p.end_reason, "dispatched_from": p.dispatched_from,
                   "flagged_for_replacement": p.flagged_for_replacement})


def pairing(p: m.Pairing) -> dict:
    return _clean({"id": p.id, "department_id": p.department_id, "community_code": p.community_code,
                   "started_on": p.started_on, "ended_on": p.ended_on, "end_reason": p.end_reason})


def rating(i: m.Inspection, rectification_id: str | None = None) -> dict:
    return _clean({"id": i.id, "organisation_id": i.organisation_id, "year": i.year, "quarter": i.quarter,
                   "score": i.score, "stars": i.stars, "five_good": i.five_good,
                   "funding_tier": i.funding_tier, "consequences": list(i.consequences),
                   "rectification_id": rectification_id})


def in_service(r: m.InServiceRegistration) -> dict:
    return _clean({"id": r.id, "person_id": r.person_id, "community_code": r.community_code,
                   "employer_id": r.employer_id, "published_contact": r.published_contact,
                   "volunteer_projects": list(r.volunteer_projects), "registered_on": r.registered_on})


def volunteer(v: m.VolunteerRecord) -> dict:
    return _clean({"id": v.id, "person_id": v.person_id, "project": v.project, "served_on": v.served_on,
                   "hours": v.hours, "note": v.note})


def floating(f: m.FloatingRecord, report_due_on: date | None = None, today: date | None = None) -> dict:
    """A floating record; with ``report_due_on`` (an open record's next report), how late it is on ``today``."""
    overdue = max((today - report_due_on).days, 0) if report_due_on and today else None
    return _clean({"id": f.id, "person_id": f.person_id, "branch_id": f.branch_id, "whereabouts": f.whereabouts,
                   "left_on": f.left_on, "returned_on": f.returned_on, "last_report_on": f.last_report_on,
                   "report_due_on": report_due_on, "days_overdue": overdue})


def in_service_member(reg: m.InServiceRegistration, person, employer_name: str, times: int, hours: float) -> dict:
    """One in-service member registered with the community, and the service done in the period."""
    return {**in_service(reg), "name": person.name, "employer_name": employer_name, "times": int(times),
            "hours": float(hours)}


def in_service_page(community_code: str, start: date, end: date, lines: list[dict], token: str) -> dict:
    return {"community_code": community_code, "from_date": start.isoformat(), "to_date": end.isoformat(),
            "items": lines, "next_page_token": token}


def weak_branch(org: m.Organisation, rect: m.Rectification, latest: m.Inspection | None,
                committee: m.Organisation | None, first_secretary_id: str | None, flagged: bool) -> dict:
    """A branch listed as weak and lax (软弱涣散), with where its rectification stands."""
    return _clean({"organisation_id": org.id, "name": org.name, "division_code": org.division_code,
                   "stars": latest.stars if latest else None, "year": latest.year if latest else None,
                   "quarter": latest.quarter if latest else None, "rectification_id": rect.id,
                   "listed_on": rect.listed_on, "reason": rect.reason,
                   "taken_over_by_id": committee.id if committee else None,
                   "taken_over_by_name": committee.name if committee else None,
                   "first_secretary_id": first_secretary_id, "secretary_flagged": flagged})


def follow_up(t: m.FollowUp) -> dict:
    return _clean({"id": t.id, "kind": t.kind, "division_code": t.division_code,
                   "organisation_id": t.organisation_id, "subject_id": t.subject_id, "reason": t.reason,
                   "opened_on": t.opened_on, "opened_by": t.opened_by, "closed_on": t.closed_on,
                   "closed_how": t.closed_how})


def ring(r: m.RingAssignment) -> dict:
    return {"subdistrict_code": r.subdistrict_code, "district": r.district, "ring": r.ring}


def flag(f: m.FeatureFlag) -> dict:
    return _clean({"flag": f.name, "stage": f.stage, "description": f.description})


def items(rows, shape=None) -> dict:
    """A list reply: ``{"items": [...]}``, each row shaped by ``shape`` (rows already shaped without one)."""
    return {"items": [shape(row) for row in rows] if shape else list(rows)}


def page(rows, shape, token: str) -> dict:
    """One page of a listing by cursor (services.common.paging): the items and the next page's token."""
    return {**items(rows, shape), "next_page_token": token}


def name_history(org: m.Organisation, names: list[m.OrganisationName]) -> dict:
    return {"organisation_id": org.id, "names": [
        _clean({"name": n.name, "valid_from": n.valid_from, "valid_to": n.valid_to, "changed_by": n.changed_by,
                "reason": n.reason}) for n in names]}


def division_history(d: m.Division, changes: list[m.DivisionChange]) -> dict:
    return {"division": division(d), "changes": [
        _clean({"change": c.change, "name": c.name, "previous_name": c.previous_name, "effective_on": c.effective_on,
                "reason": c.reason, "changed_by": c.changed_by}) for c in changes]}


def reserve_status(community_code: str, person_ids: list[str], status: dict) -> dict:
    """A community's reserve cadre bench; ``status`` is the rule's verdict (count, warning, message)."""
    return {"community_code": community_code, **status, "person_ids": list(person_ids)}


def feedback_line(person: m.Person, reg: m.InServiceRegistration, times: int, hours: float) -> dict:
    return {"person_id": person.id, "name": person.name, "community_code": reg.community_code,
            "volunteer_projects": list(reg.volunteer_projects), "times": int(times), "hours": float(hours)}


def employer_feedback(employer: m.Organisation, start: date, end: date, lines: list[dict]) -> dict:
    return {"employer_id": employer.id, "from_date": start.isoformat(), "to_date": end.isoformat(),
            "members": sorted(lines, key=lambda x: x["name"])}


def honours(eligible: bool, reason: str) -> dict:
    return {"eligible": eligible, "reason": reason}


def rollout(rings: list[m.RingAssignment], flags: list[m.FeatureFlag], default_ring: str) -> dict:
    return {"rings": [ring(x) for x in rings], "flags": [flag(f) for f in flags], "default_ring": default_ring}


def problem(row: int, column: str, reason: str) -> dict:
    return {"row": row, "column": column, "reason": reason}


def import_report(kind: str, rows: int, written: int, dry_run: bool, problems: list[dict], unchanged: int = 0) -> dict:
    return {"kind": kind, "rows": rows, "written": written, "dry_run": bool(dry_run), "problems": problems,
            "unchanged": unchanged}
