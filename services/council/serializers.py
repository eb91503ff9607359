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


def skilled(x: m.SkilledPerson) -> dict:
    return {"id": x.id, "council_id": x.council_id, "person_id": x.person_id, "name": x.name,
            "skills": list(x.skills), "trade": x.trade or "", "interests": x.interests or ""}


def team(t: m.ServiceTeam, members: list[m.TeamMember] = ()) -> dict:
    return {"id": t.id, "council_id": t.council_id, "community": t.community, "name": t.name, "basis": t.basis,
            "kind": t.kind, "unit_id": t.unit_id or "", "unit_name": t.unit_name or "",
            "members": [{"person_id": x.person_id, "name": x.name, "joined_on": _day(x.joined_on)} for x in members]}


def activity(a: m.ServiceActivity) -> dict:
    return {"id": a.id, "team_id": a.team_id, "council_id": a.council_id, "title": a.title,
            "served_on": _day(a.served_on), "people_served": a.people_served,
            "volunteers": [dict(v) for v in a.volunteers], "unit_id": a.unit_id or "", "project_id": a.project_id or "",
            "recorded_by": a.recorded_by}


def delivered_event(a: m.ServiceActivity, t: m.ServiceTeam) -> dict:
    """``service.delivered``'s payload (its contract: services/common/contracts/council.service.delivered.json):
    the team's leading unit (if any) and each volunteer, whom the points service credits once each."""
    payload = {"activity_id": a.id, "team_id": t.id, "team_name": t.name, "council_id": a.council_id,
               "community": a.community, "title": a.title, "served_on": _day(a.served_on),
               "people_served": a.people_served,
               "volunteers": [{"person_id": v["person_id"], "name": v["name"], "community": a.community}
                              for v in a.volunteers]}
    if t.unit_id:
        payload.update(unit_id=t.unit_id, unit_name=t.unit_name or "")
    if a.project_id:
        payload["project_id"] = a.project_id
    return payload


def representative(x: m.Representative) -> dict:
    return {"id": x.id, "council_id": x.council_id, "person_id": x.person_id, "name": x.name,
            "named_on": _day(x.named_on)}


def unit_rating(x: m.UnitRating) -> dict:
    return {"id": x.id, "council_id": x.council_id, "unit_id": x.unit_id, "unit_name": x.unit_name,
            "superior_id": x.superior_id or "", "year": x.year, "representative_id": x.representative_id,
            "stars": x.stars, "comment": x.comment or ""}


def service_rating(x: m.ServiceRating) -> dict:
    return {"id": x.id, "council_id": x.council_id, "unit_id": x.unit_id, "target": x.target,
            "target_code": x.target_code, "year": x.year, "stars": x.stars, "comment": x.comment or ""}


def items(rows, shape) -> dict:
    return {"items": [shape(r) for r in rows]}


def page(rows, shape, token: str) -> dict:
    return {"items": [shape(r) for r in rows], "next_page_token": token}


# ---- the co-building fund (共建基金) and commitments (承诺、践诺、评诺)

def fund(f, in_kind_fen: int = 0, is_balanced: bool = True) -> dict:
    return {"council_id": f.council_id, "community": f.community, "balance_fen": f.balance, "entries": f.entries,
            "in_kind_fen": in_kind_fen, "balanced": is_balanced}


def fund_entry(e: m.FundEntry) -> dict:
    return {"id": e.id, "council_id": e.council_id, "seq": e.seq, "kind": e.kind, "amount_fen": e.amount,
            "balance_after_fen": e.balance_after, "contribution_id": e.contribution_id or "",
            "disbursement_id": e.disbursement_id or "", "reverses_id": e.reverses_id or "", "reason": e.reason or "",
            "booked_on": _day(e.booked_on), "recorded_by": e.recorded_by}


def contribution(c: m.Contribution) -> dict:
    """For staff and the unit that gave: who gave, in full."""
    return {"id": c.id, "council_id": c.council_id, "kind": c.kind, "amount_fen": c.amount,
            "description": c.description or "", "donor_kind": c.donor_kind,
            "donor_organisation_id": c.donor_organisation_id or "", "donor_person_id": c.donor_person_id or "",
            "donor_name": c.donor_name, "display_name": c.display_name or "", "received_on": _day(c.received_on),
            "status": c.status, "recorded_by": c.recorded_by}


def contribution_event(c: m.Contribution) -> dict:
    """``fund.contribution_received``'s payload: plain, and naming a person who gave as the public does."""
    from services.council.domain.fund import public_donor

    return {"contribution_id": c.id, "council_id": c.council_id, "community": c.community, "kind": c.kind,
            "amount_fen": c.amount, "donor": public_donor(c.donor_kind, c.donor_name, c.display_name),
            "donor_organisation_id": c.donor_organisation_id or "", "received_on": _day(c.received_on)}


def disbursement(d: m.Disbursement) -> dict:
    return {"id": d.id, "council_id": d.council_id, "project_id": d.project_id, "project_title": d.project_title,
            "amount_fen": d.amount, "purpose": d.purpose, "status": d.status, "requested_by": d.requested_by,
            "requested_on": _day(d.requested_on), "decided_by": d.decided_by or "", "decided_on": _day(d.decided_on),
            "decision_meeting_id": d.decision_meeting_id or "", "decision_reference": d.decision_reference or "",
            "note": d.decision_note or "", "paid_by": d.paid_by or "", "paid_on": _day(d.paid_on)}


def commitment(c: m.Commitment, records: list[m.CommitmentRecord] = (), tally: dict | None = None) -> dict:
    shaped = {"id": c.id, "council_id": c.council_id, "community": c.community, "year": c.year,
              "maker_kind": c.maker_kind, "organisation_id": c.organisation_id or "", "person_id": c.person_id or "",
              "maker_name": c.maker_name, "what": c.what, "due_on": _day(c.due_on), "status": c.status,
              "kept_on": _day(c.kept_on), "made_by": c.made_by,
              "records": [{"id": x.id, "done_on": _day(x.done_on), "note": x.note, "marks_kept": x.marks_kept,
                           "recorded_by": x.recorded_by} for x in records]}
    if tally is not None:
        shaped["tally"] = tally
    return shaped


def commitment_evaluation(x: m.CommitmentEvaluation) -> dict:
    return {"id": x.id, "commitment_id": x.commitment_id, "person_id": x.person_id, "rating": x.rating,
            "comment": x.comment or ""}


# ---- the three lists and the project bank

def _at(value) -> str:
    return value.isoformat() if value else ""


def need(x: m.Need) -> dict:
    return {"id": x.id, "council_id": x.council_id, "community": x.community, "visited_on": _day(x.visited_on),
            "visited_by": x.visited_by, "building": x.building or "", "grid": x.grid or "",
            "resident_id": x.resident_id or "", "description": x.description, "kind": x.kind,
            "skills": list(x.skills), "urgency": x.urgency, "status": x.status, "project_id": x.project_id or "",
            "recorded_by": x.recorded_by}


def resource(x: m.Resource) -> dict:
    return {"id": x.id, "council_id": x.council_id, "community": x.community, "kind": x.kind, "name": x.name,
            "skills": list(x.skills), "place": x.place or "", "organisation_id": x.offered_by_organisation_id or "",
            "person_id": x.offered_by_person_id or "", "offered_by_name": x.offered_by_name,
            "availability": x.availability or "", "recorded_by": x.recorded_by}


def claimer(x: m.ProjectClaim) -> dict:
    return {"kind": x.claimer_kind, "id": x.claimer_id, "name": x.claimer_name, "claimed_at": _at(x.claimed_at)}


def progress_note(x: m.ProjectProgress) -> dict:
    return {"note": x.note, "recorded_by": x.recorded_by, "recorded_at": _at(x.recorded_at)}


def project(p: m.Project, claims=(), notes=(), overdue: bool = False) -> dict:
    return {"id": p.id, "council_id": p.council_id, "community": p.community, "title": p.title,
            "description": p.description or "", "kind": p.kind, "skills": list(p.skills), "urgency": p.urgency,
            "need_ids": list(p.need_ids), "status": p.status, "deadline": _day(p.deadline),
            "department_id": p.department_id or "", "department_name": p.department_name or "",
            "escalated_at": _at(p.escalated_at), "done_on": _day(p.done_on), "done_note": p.done_note or "",
            "claimers": [claimer(c) for c in claims], "progress": [progress_note(n) for n in notes],
            "overdue": overdue, "created_at": _at(p.created_at), "closed_reason": p.closed_reason or ""}


def project_event(p: m.Project, claims=()) -> dict:
    """``project.claimed`` / ``project.escalated`` / ``project.done``'s payload: the project and its
    claimers (units and members), whom a points credit may name later."""
    return {"project_id": p.id, "council_id": p.council_id, "community": p.community, "title": p.title,
            "status": p.status, "deadline": _day(p.deadline), "department_id": p.department_id or "",
            "department_name": p.department_name or "", "done_on": _day(p.done_on),
            "units": [{"organisation_id": c.claimer_id, "name": c.claimer_name} for c in claims
                      if c.claimer_kind == "unit"],
            "members": [{"person_id": c.claimer_id, "name": c.claimer_name} for c in claims
                        if c.claimer_kind == "member"]}


def project_evaluation(x: m.ProjectEvaluation) -> dict:
    return {"id": x.id, "project_id": x.project_id, "person_id": x.person_id, "year": x.year, "stars": x.stars,
            "comment": x.comment or ""}


def lists_import_report(kind: str, rows: int, written: int, dry_run: bool, lines: list[dict],
                        problems: list[dict]) -> dict:
    """ImportLists' report: a line per row (what became of it), and each problem by row and column."""
    return {"list": kind, "rows": rows, "written": written, "dry_run": dry_run,
            "lines": [{"id": "", **line} for line in lines],
            "problems": [{"row": p["row"], "column": p["column"] or "", "reason": p["reason"]} for p in problems]}


def _public_donor(c: m.Contribution) -> dict:
    """A donor as the public statement shows him: a unit by its name; an individual (a registry person or a
    donor named in free text) by his chosen name or as 个人捐赠, never by his person id or his own name."""
    from services.council.domain.fund import public_donor

    return {"donor": public_donor(c.donor_kind, c.donor_name, c.display_name),
            "donor_kind": "unit" if c.donor_kind == "unit" else "individual"}


def fund_statement(council: m.Council, quarter: str, totals: dict, entries: list[m.FundEntry],
                   gifts: dict[str, m.Contribution], in_kind: list[m.Contribution]) -> dict:
    """A quarter's public statement (公示): the totals (services/council/domain/fund.py statement), each
    contribution booked, each reversal, and what came in kind."""
    return {"council_id": council.id, "community": council.community, "council_name": council.name,
            "quarter": quarter, **totals,
            "contributions": [{**_public_donor(gifts[e.contribution_id]), "amount_fen": e.amount,
                               "received_on": _day(gifts[e.contribution_id].received_on),
                               "booked_on": _day(e.booked_on)} for e in entries if e.kind == "contribution"],
            "reversals": [{"amount_fen": e.amount, "reason": e.reason or "", "booked_on": _day(e.booked_on),
                           "of": "contribution" if e.contribution_id else "disbursement"}
                          for e in entries if e.kind == "reversal"],
            "in_kind": [{**_public_donor(c), "description": c.description or "", "estimated_value_fen": c.amount,
                         "received_on": _day(c.received_on)} for c in in_kind],
            "in_kind_fen": sum(c.amount for c in in_kind)}
