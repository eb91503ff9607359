"""Rows to plain dicts shaped like the proto messages of ``cityplat.points.v1`` (None left out)."""
from __future__ import annotations

from datetime import date

from services.common.values import aware
from services.points import models as m
from services.points.domain import cycle as cycle_rules
from services.points.domain import ledger as ledger_rules


def _set(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def account(a: m.Account, balance: int) -> dict:
    return _set({"id": a.id, "district": a.district, "kind": a.kind, "owner": a.owner, "programme": a.programme,
                 "category": a.category, "name": a.display_name, "community": a.community, "grid": a.grid,
                 "balance": balance})


def transaction(t: m.Transaction, balance: int | None = None) -> dict:
    """A transaction as a ledger write answers it (a pending or rejected request too)."""
    return _set({"id": t.id, "kind": t.kind, "status": t.status, "account_id": t.account_id, "points": t.points,
                 "balance": balance, "occurred_on": t.occurred_on.isoformat(), "action_type": t.action_type or "",
                 "reverses_id": t.reverses_id or ""})


def statement(account_id: str, start: date, end: date, balance: int, totals: dict[str, int], lines) -> dict:
    """对账单: the period's totals per statement line, then its latest lines (rows of transaction and amount)."""
    return {"account_id": account_id, "from_date": start.isoformat(), "to_date": end.isoformat(),
            "balance": balance, **totals,
            "lines": [_set({"transaction_id": r.id, "kind": r.kind, "occurred_on": r.occurred_on.isoformat(),
                            "action_type": r.action_type, "reason": r.reason, "amount": int(r.amount)})
                      for r in lines]}


def leaderboard(community: str, grid: str | None, programme: str, rows) -> dict:
    """Rows of (id, display_name, kind, balance), best first: their rank is their place."""
    return {"community": community, "grid": grid or "", "programme": programme,
            "entries": [{"rank": i + 1, "account_id": r.id, "name": r.display_name or "", "kind": r.kind,
                         "balance": int(r.balance)} for i, r in enumerate(rows)]}


def totals(district: str, subdistrict: str | None, year: int, by_kind: dict[str, int], outstanding: int) -> dict:
    """The postings of depositors' accounts summed by transaction kind (debits negative), as the reply's lines."""
    return {"district": district, "subdistrict": subdistrict or "", "year": year,
            "issued": by_kind.get("award", 0), "spent": -by_kind.get("redemption", 0),
            "expired": -by_kind.get("expiry", 0), "deducted": -by_kind.get("deduction", 0),
            "reversed": by_kind.get("reversal", 0), "refunded": by_kind.get("refund", 0),
            "outstanding": outstanding}


def city_totals(year: int, per_district: dict[str, dict]) -> dict:
    """The city's roll-up: each district's totals (as ``totals``), in district order, and their sum."""
    districts = [per_district[d] for d in sorted(per_district)]
    lines = ("issued", "spent", "expired", "deducted", "reversed", "refunded", "outstanding")
    return {"year": year, "districts": districts,
            "city": {"district": "", "subdistrict": "", "year": year,
                     **{line: sum(d[line] for d in districts) for line in lines}}}


def rule(r: m.Rule) -> dict:
    return _set({
        "id": r.id, "district": r.district, "action_type": r.action_type, "version": r.version, "points": r.points,
        "applies_to": list(r.applies_to), "daily_cap": r.daily_cap, "monthly_cap": r.monthly_cap,
        "needs_approval": r.needs_approval, "feature_flag": r.feature_flag,
        "effective_from": r.effective_from.isoformat(),
        "effective_to": r.effective_to.isoformat() if r.effective_to else None,
        "description": r.description})


def cycle(c: m.Cycle, members: list[m.CycleMember], unanswered_objections: int) -> dict:
    out = {"id": c.id, "district": c.district, "branch_id": c.branch_id, "community": c.community, "year": c.year,
           "step": c.step, "step_number": cycle_rules.STEPS.index(c.step) + 1, "base_score": c.base_score,
           "thresholds": c.thresholds, "objection_days": c.objection_days,
           "unanswered_objections": unanswered_objections, "members": [cycle_member(x) for x in members]}
    if c.notice_opened_on:
        out["notice_closes_on"] = cycle_rules.NoticeWindow(c.notice_opened_on, c.objection_days).closes_on.isoformat()
    return out


def cycle_member(x: m.CycleMember) -> dict:
    return _set({"person_id": x.person_id, "account_id": x.account_id, "self_score": x.self_score,
                 "initial_score": x.initial_score, "meeting_score": x.meeting_score, "final_score": x.final_score,
                 "violation": x.violation, "exempt": x.exempt, "grade": x.grade, "verified": x.verified})


def objection(o: m.Objection) -> dict:
    return _set({"id": o.id, "person_id": o.person_id, "objection": o.text, "answer": o.answer})


def exemption(e: m.Exemption) -> dict:
    return {"id": e.id, "person_id": e.person_id, "state": e.state}


def cycle_work(c: m.Cycle, objections: list[m.Objection], exemptions: list[m.Exemption]) -> dict:
    """One cycle on a worker's desk: where it stands, and what waits for an answer or a decision."""
    return {"cycle_id": c.id, "branch_id": c.branch_id, "community": c.community, "year": c.year, "step": c.step,
            "objections_to_answer": [objection(o) for o in objections],
            "exemptions_to_decide": [exemption(e) for e in exemptions]}


def station(s: m.Station) -> dict:
    return {"id": s.id, "district": s.district, "community": s.community, "name": s.name,
            "account_id": ledger_rules.account_id(s.district, "station", s.id)}


def item(i: m.Item) -> dict:
    out = {"id": i.id, "station_id": i.station_id, "kind": i.kind, "name": i.name, "points_cost": i.points_cost,
           "active": i.active, "unlimited": i.stock is None}
    if i.stock is not None:
        out["stock"] = i.stock
    return out


def reservation(r: m.Reservation, show_code: bool = False) -> dict:
    """``show_code``: the caller is the redeemer (app.stations._holds), the only one who sees the pick-up
    code; left out by default."""
    out = {"id": r.id, "item_id": r.item_id, "account_id": r.account_id, "quantity": r.quantity,
           "points": r.points, "status": r.status, "transaction_id": r.transaction_id or "",
           "expires_at": aware(r.expires_at).isoformat() if r.expires_at else ""}
    if show_code:
        out["pick_up_code"] = r.code
    return out
