"""Co-building agreements (共驻共建协议) between a council and its units: signed, renewed, ended, the
reminder before the end and the lapse at it (the worker's daily timer). The rules are
services/council/domain/agreements.py."""
from __future__ import annotations

from datetime import date, timedelta

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.common.tables import audit
from services.common.values import parse_date, text
from services.council import models as m
from services.council import serializers as out
from services.council.app.councils import members_of
from services.council.domain import agreements as rules
from services.council.permissions import POLICY, STAFF
from services.council.repository import Repository


def _reminder_days(uow: UnitOfWork) -> dict[str, int]:
    """Each district's reminder window (district-wide rows: a caller sees its own district's, a system
    task every district's); a district without one has the default."""
    rows = Repository(uow).all(m.CouncilSettings)
    return {row.district: row.reminder_days for row in rows}


def sign_agreement(uow: UnitOfWork, *, council_id: str, organisation_id: str, term_start: str, term_end: str,
                   commitments: list[str]) -> dict:
    """共驻共建协议: the council and one of its member units agree a term and the unit's commitments."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    member = next((x for x in members_of(r, council) if x.organisation_id == organisation_id), None)
    if member is None:
        raise FailedPrecondition("is not a member unit of the council: it joins first", "organisation_id")
    start, end = parse_date(term_start, "term_start"), parse_date(term_end, "term_end")
    rules.check_term(start, end)
    lines = rules.check_commitments(commitments)
    if r.exists(m.Agreement, m.Agreement.council_id == council.id, m.Agreement.organisation_id == organisation_id,
                m.Agreement.status == "running"):
        raise AlreadyExists("has a running agreement with this council: renew it", "organisation_id")
    row = r.add(m.Agreement(district=council.district, community=council.community, council_id=council.id,
                            organisation_id=organisation_id, organisation_name=member.organisation_name,
                            term_start=start, term_end=end, commitments=lines, status="running",
                            signed_by=uow.ctx.actor))
    uow.flush()
    shaped = out.agreement(row)
    audit(uow, row.district, "sign agreement", row.id, after=shaped)
    uow.emit("agreement.signed", row.district, shaped, subdistrict_of(row.community))
    return shaped


def renew_agreement(uow: UnitOfWork, *, agreement_id: str, term_end: str, commitments: list[str] | None = None) -> dict:
    """A running agreement renewed: a new term from the day after it ends, its commitments carried over
    unless new ones are given; the old one is then ``renewed``."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    old = r.get(m.Agreement, agreement_id, "agreement_id", "agreement", write=True)
    start = rules.check_renewable(old.status, old.term_end, clock.today())
    end = parse_date(term_end, "term_end")
    rules.check_term(start, end)
    lines = rules.check_commitments(commitments) if commitments else list(old.commitments)
    before = out.agreement(old)
    old.status = "renewed"
    row = r.add(m.Agreement(district=old.district, community=old.community, council_id=old.council_id,
                            organisation_id=old.organisation_id, organisation_name=old.organisation_name,
                            term_start=start, term_end=end, commitments=lines, status="running", renews_id=old.id,
                            signed_by=uow.ctx.actor))
    uow.flush()
    shaped = out.agreement(row)
    audit(uow, old.district, "renew agreement", old.id, before, shaped)
    uow.emit("agreement.renewed", row.district, shaped, subdistrict_of(row.community))
    return shaped


def end_agreement(uow: UnitOfWork, *, agreement_id: str, reason: str) -> dict:
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    row = r.get(m.Agreement, agreement_id, "agreement_id", "agreement", write=True)
    rules.check_endable(row.status)
    before = out.agreement(row)
    row.status, row.ended_reason = "ended", text(reason, "reason", 500, required=True)
    shaped = out.agreement(row)
    audit(uow, row.district, "end agreement", row.id, before, shaped, reason=row.ended_reason)
    uow.emit("agreement.ended", row.district, shaped, subdistrict_of(row.community))
    return shaped


def get_agreement(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read councils")
    row = Repository(uow).get(m.Agreement, id, "id", "agreement")
    if not uow.ctx.has_any(*STAFF) and row.organisation_id != uow.ctx.actor:  # a unit: its own agreements
        raise NotFound(f"no agreement {id!r}", "id")
    return out.agreement(row)


def list_agreements(uow: UnitOfWork, *, council_id: str | None = None, division_code: str | None = None,
                    status: str | None = None, ending_by: str | None = None, page_size: int = 0,
                    page_token: str | None = None) -> dict:
    """The agreements of a council, or of a sub-district's or community's councils (default: the caller's
    scope), soonest ending first, by cursor; ``ending_by``: those ending on or before that day. A unit sees
    its own."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Agreement)
    if council_id:
        q = q.where(m.Agreement.council_id == r.council(council_id).id)
    if division_code:
        q = q.where(r.under(m.Agreement.community, r.scope_code(division_code, "division_code")))
    if status:
        if status not in rules.STATUSES:
            raise InvalidArgument(f"must be one of {', '.join(rules.STATUSES)}", "status")
        q = q.where(m.Agreement.status == status)
    by = parse_date(ending_by, "ending_by") if ending_by else None
    if by:
        q = q.where(m.Agreement.term_end <= by)
    if not uow.ctx.has_any(*STAFF):
        q = q.where(m.Agreement.organisation_id == uow.ctx.actor)
    filters = {"council_id": council_id, "division": division_code, "status": status, "by": by}
    found, token = paging.page(uow.session, q, (m.Agreement.term_end, m.Agreement.id), size=size, token=page_token,
                               filters=filters, converters=(date.fromisoformat, None))
    return out.page(found, out.agreement, token)


def get_council_settings(uow: UnitOfWork) -> dict:
    POLICY.check(uow.ctx, "read councils")
    return {"district": uow.ctx.district or "",
            "reminder_days": _reminder_days(uow).get(uow.ctx.district, rules.DEFAULT_REMINDER_DAYS)}


def set_council_settings(uow: UnitOfWork, *, reminder_days: int) -> dict:
    """How many days before an agreement's end its council is reminded, for the whole district."""
    POLICY.check(uow.ctx, "set council settings")
    r = Repository(uow)
    district = r.district_setting("reminder_days")
    days = rules.check_reminder_days(reminder_days)
    row = r.first(m.CouncilSettings)
    before = get_council_settings(uow)
    if row is None:
        r.add(m.CouncilSettings(district=district, reminder_days=days, set_by=uow.ctx.actor))
    else:
        row.reminder_days, row.set_by, row.set_at = days, uow.ctx.actor, clock.now()
    uow.flush()
    after = {"district": district, "reminder_days": days}
    audit(uow, district, "set council settings", district, before, after)
    return after


# ---- the worker's timers (system tasks over every district)

def remind_and_lapse(uow: UnitOfWork) -> int:
    """Each running agreement whose district's reminder window has opened is announced once as
    ``agreement.ending``; one past its end lapses (``agreement.lapsed``). Returns how many changed."""
    r = Repository(uow)
    today = clock.today()
    windows = _reminder_days(uow)
    widest = max([rules.MAX_REMINDER_DAYS, *windows.values()])
    changed = 0
    for row in r.all(m.Agreement, m.Agreement.status == "running",
                     m.Agreement.term_end <= today + timedelta(days=widest),
                     order_by=(m.Agreement.term_end, m.Agreement.id)):
        if rules.lapses(row.status, row.term_end, today):
            before = out.agreement(row)
            row.status = "lapsed"
            audit(uow, row.district, "lapse agreement", row.id, before, out.agreement(row))
            uow.emit("agreement.lapsed", row.district, out.agreement(row), subdistrict_of(row.community))
            changed += 1
        elif rules.reminder_due(row.status, row.term_end, row.reminded_at is not None,
                                windows.get(row.district, rules.DEFAULT_REMINDER_DAYS), today):
            row.reminded_at = clock.now()
            uow.emit("agreement.ending", row.district,
                     {**out.agreement(row), "days_left": (row.term_end - today).days}, subdistrict_of(row.community))
            changed += 1
    uow.flush()
    return changed


def expiring_counts(uow: UnitOfWork) -> dict[str, int]:
    """Running agreements within their district's reminder window, per district (a gauge's system task)."""
    today = clock.today()
    windows = _reminder_days(uow)
    counts: dict[str, int] = {}
    for row in Repository(uow).all(m.Agreement, m.Agreement.status == "running", m.Agreement.term_end >= today,
                                   m.Agreement.term_end <= today + timedelta(days=rules.MAX_REMINDER_DAYS)):
        if row.term_end <= today + timedelta(days=windows.get(row.district, rules.DEFAULT_REMINDER_DAYS)):
            counts[row.district] = counts.get(row.district, 0) + 1
    return counts
