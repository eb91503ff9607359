"""Rows → plain dicts shaped like the proto messages of cityplat.mediation.v1: the only place that shapes replies."""
from __future__ import annotations

import json

from services.common.logs import mask_phone
from services.common.values import aware
from services.mediation import models as m
from services.mediation.domain import cases as case_rules
from services.mediation.domain import deliberation as deliberation_rules


def category(c: m.Category) -> dict:
    return {"code": c.code, "name": c.name, "deadline_days": dict(c.deadline_days)}


def categories(rows) -> dict:
    return {"items": [category(c) for c in rows]}


def voting_rules(district: str, rules: deliberation_rules.VotingRules) -> dict:
    return {"district": district, "quorum": rules.quorum, "majority": rules.majority}


def party(p: m.CaseParty, full: bool) -> dict:
    """Contacts in full only for the case's team and supervisors: others see the surname and a masked phone."""
    return {"name": p.name if full else case_rules.mask_name(p.name), "role": p.role,
            "phone": (p.phone if full else mask_phone(p.phone)) or "", "person_id": p.person_id or ""}


def case(c: m.Case, parties: list[m.CaseParty], full: bool) -> dict:
    return {
        "id": c.id, "district": c.district, "subdistrict": c.subdistrict, "community": c.community,
        "grid": c.grid or "", "compound": c.compound or "", "building": c.building or "", "channel": c.channel,
        "hotline_order_no": c.hotline_order_no or "", "category": c.category, "summary": c.summary,
        "confidential": c.confidential, "status": c.status, "tier": c.tier,
        "deadline_at": aware(c.deadline_at).isoformat(), "overdue": c.overdue, "judge_id": c.judge_id or "",
        "mediator_id": c.mediator_id or "", "volunteers": list(c.volunteers or []), "agreement": c.agreement or "",
        "outcome": c.outcome or "", "resolved_tier": c.resolved_tier or "",
        "resolved_at": aware(c.resolved_at).isoformat() if c.resolved_at else "", "rating": c.rating or 0,
        "rating_comment": c.rating_comment or "", "reopen_count": c.reopen_count,
        "opened_at": aware(c.opened_at).isoformat(),
        "parties": [party(p, full) for p in parties],
    }


def case_list(rows: list[tuple[m.Case, list[m.CaseParty]]]) -> dict:
    """A listing: every case with its contacts masked."""
    return {"items": [case(c, parties, full=False) for c, parties in rows]}


def case_page(rows: list[tuple[m.Case, list[m.CaseParty]]], next_page_token: str) -> dict:
    """A page of a listing, contacts masked, with the token of the next page ("" after the last)."""
    return {**case_list(rows), "next_page_token": next_page_token}


def workload(community: str, people: list[dict], load: dict[str, int]) -> dict:
    """The community's people with their open cases, the least loaded first."""
    return {"community": community, "items": sorted(
        ({"person_id": p["id"], "name": p.get("name", ""), "open_cases": load.get(p["id"], 0)} for p in people),
        key=lambda x: (x["open_cases"], x["name"]))}


def session(s: m.Session) -> dict:
    return {"id": s.id, "case_id": s.case_id, "held_at": aware(s.held_at).isoformat(), "notes": s.notes,
            "attendance": list(s.attendance)}


def hotline_import(rows: int, imported: int, duplicates: int, problems: list[dict], case_ids: list[str]) -> dict:
    return {"rows": rows, "imported": imported, "duplicates": duplicates, "problems": problems, "case_ids": case_ids}


def hotline_export(fmt: str, orders: int, content: bytes) -> dict:
    return {"format": fmt, "orders": orders, "content": content}


def meeting(mt: m.Meeting) -> dict:
    return {"id": mt.id, "community": mt.community, "kind": mt.kind, "held_on": mt.held_on.isoformat(),
            "agenda": list(mt.agenda), "attendance": list(mt.attendance),
            "representatives_eligible": mt.representatives_eligible}


def action(a: m.Action) -> dict:
    return {"id": a.id, "description": a.description, "owner": a.owner, "due_on": a.due_on.isoformat(),
            "done_on": a.done_on.isoformat() if a.done_on else "", "note": a.note or ""}


def matter(x: m.Matter, actions: list[m.Action]) -> dict:
    stages = deliberation_rules.STAGES
    return {"id": x.id, "community": x.community, "title": x.title, "proposal": x.proposal,
            "case_id": x.case_id or "", "meeting_id": x.meeting_id or "", "stage": x.stage,
            "stage_number": (stages.index(x.stage) + 1) if x.stage in stages else 0,
            "vote": x.vote or {}, "decision": x.decision or "", "result": x.result or "",
            "history": list(x.history or []), "actions": [action(a) for a in actions]}


def figures(scope: str, numbers: dict) -> dict:
    return {"scope": scope, **numbers}


def district_figures(rows) -> dict[str, dict]:
    """The gauges' figures per district, from rows of (district, open, overdue, resolved, resolved in the
    community, rated, average rating) as the database sums them (a sum over no row is NULL)."""
    return {d: {"open": int(o or 0), "overdue": int(ov or 0), "resolved": int(r or 0),
                "community_share": round(int(rc or 0) / int(r), 4) if r else 0.0,
                "rated": int(n or 0), "satisfaction_average": round(float(avg), 2) if avg is not None else 0.0}
            for d, o, ov, r, rc, n, avg in rows}


def case_history(c: m.Case, events: list[m.CaseEvent], sessions: list[m.Session]) -> dict:
    """The case's events and sessions merged in time order (an event before a session at the same moment)."""
    steps = [(aware(e.at), 0, e.id, {"at": aware(e.at).isoformat(), "kind": e.kind, "actor": e.actor,
                                      "from_tier": e.from_tier or "", "to_tier": e.to_tier or "",
                                      "reason": e.reason or ""}) for e in events]
    steps += [(aware(s.held_at), 1, i, {"at": aware(s.held_at).isoformat(), "kind": "session", "actor": s.recorded_by,
                                         "session": session(s)}) for i, s in enumerate(sessions)]
    return {"case_id": c.id, "status": c.status, "tier": c.tier, "outcome": c.outcome or "",
            "agreement": c.agreement or "", "rating": c.rating or 0, "rating_comment": c.rating_comment or "",
            "reopen_count": c.reopen_count, "entries": [step for *_, step in sorted(steps, key=lambda x: x[:3])]}


def audit_entry(a: m.AuditEntry) -> dict:
    return {"at": aware(a.at).isoformat(), "actor": a.actor, "action": a.action, "reason": a.reason or "",
            # as JSON text: the fields differ by action
            "before": json.dumps(a.before, ensure_ascii=False, sort_keys=True) if a.before is not None else "",
            "after": json.dumps(a.after, ensure_ascii=False, sort_keys=True) if a.after is not None else ""}


def outcome_audit(case_id: str, entries: list[m.AuditEntry]) -> dict:
    return {"case_id": case_id, "entries": [audit_entry(a) for a in entries]}


def city_figures(per_district: dict[str, dict]) -> dict:
    """The city-wide roll-up: one row per district, in code order."""
    return {"items": [{"district": d, **per_district[d]} for d in sorted(per_district)]}
