"""The co-building fund (共建基金) of a council: contributions (money or in kind), disbursements to its
projects approved by the leader group and paid, reversals, the books and the public quarterly
statement. The rules are services/council/domain/fund.py.

Every movement of cash takes the fund's lock first (``uow.serialise``: PostgreSQL's advisory lock per
council), then reads the fund afresh: two payments racing for the last yuan run one after the other,
and the second finds the balance the first left. The database refuses what would slip past anyway: a
balance below zero (``ck_funds_balance_not_negative``) and two entries of one number (``uq_fund_entries_seq``).
"""
from __future__ import annotations

from datetime import date

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.registry_client import organisation_in, person_in
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import parse_date, period_days, period_of, text
from services.council import models as m
from services.council import serializers as out
from services.council.domain import fund as rules
from services.council.permissions import POLICY, STAFF
from services.council.repository import Repository

# what a race would let through, refused by the database at the commit: told as the use case tells it
CONFLICTS["ck_funds_balance_not_negative"] = lambda: FailedPrecondition(
    "the fund's balance would go below zero: nothing was changed", "amount_fen")
CONFLICTS["ck_fund_entries_not_negative"] = CONFLICTS["ck_funds_balance_not_negative"]
CONFLICTS["uq_fund_entries_seq"] = lambda: FailedPrecondition(
    "the fund moved meanwhile: nothing was changed, try again", "council_id")
CONFLICTS["uq_funds_council"] = CONFLICTS["uq_fund_entries_seq"]
CONFLICTS["uq_fund_entries_reversed_once"] = lambda: FailedPrecondition("the entry is reversed already", "entry_id")


def _locked_fund(uow: UnitOfWork, r: Repository, council: m.Council) -> m.Fund:
    """The council's fund (opened on its first movement), read after taking its lock, so its balance is
    the last committed one."""
    uow.serialise("council fund", council.id)
    found = r.session.scalars(r.select(m.Fund).where(m.Fund.council_id == council.id)
                              .execution_options(populate_existing=True)).first()
    if found is None:
        found = r.add(m.Fund(district=council.district, community=council.community, council_id=council.id,
                             balance=0, entries=0))
        uow.flush()
    return found


def _book(uow: UnitOfWork, r: Repository, f: m.Fund, kind: str, amount: int, field: str, **refs) -> m.FundEntry:
    """A new entry of ``amount`` fen (signed) on the locked fund, numbered after the last, with the balance
    after it (never below zero: FailedPrecondition naming ``field``)."""
    after = rules.post(f.balance, amount, field)
    f.entries += 1
    f.balance = after
    entry = r.add(m.FundEntry(district=f.district, community=f.community, council_id=f.council_id, fund_id=f.id,
                              seq=f.entries, kind=kind, amount=amount, balance_after=after, booked_on=clock.today(),
                              recorded_by=uow.ctx.actor, **refs))
    uow.flush()
    return entry


def _fund_of(r: Repository, council: m.Council) -> m.Fund | None:
    return r.first(m.Fund, m.Fund.council_id == council.id)


def record_contribution(uow: UnitOfWork, *, council_id: str, kind: str, amount_fen: int,
                        donor_organisation_id: str | None = None, donor_person_id: str | None = None,
                        donor_name: str | None = None, display_name: str | None = None,
                        description: str | None = None, received_on: str | None = None) -> dict:
    """捐赠: a contribution to the council's fund, money in fen (into the cash balance) or in kind (listed
    apart with its estimated value), from a unit, a person of the registry or a donor named in free text.
    A partner unit records its own contribution."""
    POLICY.check(uow.ctx, "contribute")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    council = r.council(council_id, write=staff)
    if not staff:  # a unit gives for itself only
        donor_organisation_id = donor_organisation_id or uow.ctx.actor
        if donor_organisation_id != uow.ctx.actor or donor_person_id or donor_name:
            raise PermissionDenied("a unit records its own contribution", "donor_organisation_id")
    kind = rules.check_kind(kind)
    amount = rules.check_amount(amount_fen)
    who = rules.donor_kind(donor_organisation_id, donor_person_id, donor_name)
    description = text(description, "description", 1000)
    rules.check_in_kind(kind, description)
    shown = text(display_name, "display_name", 100)
    if who == "unit" and shown:
        raise InvalidArgument("is an individual's chosen public name: a unit is shown by its own", "display_name")
    on = parse_date(received_on, "received_on") if received_on else clock.today()
    rules.check_received(on, clock.today())
    if who == "unit":
        org = organisation_in(council.district, donor_organisation_id, "donor_organisation_id")
        rules.check_unit_kind(org.get("kind"), org.get("name") or donor_organisation_id)
        name = org.get("name") or donor_organisation_id
    elif who == "person":
        name = person_in(council.district, donor_person_id, "donor_person_id").get("name") or donor_person_id
    else:
        name = text(donor_name, "donor_name", 200, required=True)
    f = _locked_fund(uow, r, council)
    row = r.add(m.Contribution(district=council.district, community=council.community, council_id=council.id,
                               kind=kind, amount=amount, description=description, donor_kind=who,
                               donor_organisation_id=donor_organisation_id if who == "unit" else None,
                               donor_person_id=donor_person_id if who == "person" else None, donor_name=name,
                               display_name=shown, received_on=on, status="received", recorded_by=uow.ctx.actor))
    uow.flush()
    if kind == "money":  # in kind is not cash: listed, never booked
        _book(uow, r, f, "contribution", amount, "amount_fen", contribution_id=row.id)
    shaped = out.contribution(row)
    audit(uow, council.district, "record contribution", council.id, after=shaped)
    uow.emit("fund.contribution_received", council.district, out.contribution_event(row),
             subdistrict_of(council.community))
    return shaped


def list_contributions(uow: UnitOfWork, *, council_id: str, kind: str | None = None, page_size: int = 0,
                       page_token: str | None = None) -> dict:
    """A council's contributions, latest first, by cursor; a unit sees its own."""
    POLICY.check(uow.ctx, "read contributions")
    r = Repository(uow)
    council = r.council(council_id)
    size = paging.page_size(page_size)
    q = r.select(m.Contribution).where(m.Contribution.council_id == council.id)
    if kind:
        q = q.where(m.Contribution.kind == rules.check_kind(kind))
    if not uow.ctx.has_any(*STAFF):
        q = q.where(m.Contribution.donor_organisation_id == uow.ctx.actor)
    found, token = paging.page(uow.session, q, (m.Contribution.received_on, m.Contribution.id), size=size,
                               token=page_token, filters={"council_id": council.id, "kind": kind}, descending=True,
                               converters=(date.fromisoformat, None))
    return out.page(found, out.contribution, token)


def request_disbursement(uow: UnitOfWork, *, council_id: str, project_id: str, amount_fen: int,
                         purpose: str) -> dict:
    """拨付申请: money asked from the fund for a project of the council, for the leader group to decide; no
    more than the fund holds now (the payment checks again)."""
    POLICY.check(uow.ctx, "manage fund")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    project = r.get(m.Project, project_id, "project_id", "project")
    if project.council_id != council.id:
        raise FailedPrecondition("is a project of another council", "project_id")
    rules.check_fundable(project.status, project.title)
    amount = rules.check_amount(amount_fen)
    words = text(purpose, "purpose", 1000, required=True)
    f = _fund_of(r, council)
    rules.post(f.balance if f else 0, -amount, "amount_fen")
    row = r.add(m.Disbursement(district=council.district, community=council.community, council_id=council.id,
                               project_id=project.id, project_title=project.title, amount=amount, purpose=words,
                               status="requested", requested_by=uow.ctx.actor, requested_on=clock.today()))
    uow.flush()
    shaped = out.disbursement(row)
    audit(uow, council.district, "request disbursement", row.id, after=shaped)
    return shaped


def decide_disbursement(uow: UnitOfWork, *, disbursement_id: str, approve: bool,
                        decision_meeting_id: str | None = None, decision_reference: str | None = None,
                        note: str | None = None) -> dict:
    """The leader group's decision on a requested disbursement, recorded by staff acting for it: approved
    with the group's decision (a joint meeting of the council, or a reference), or rejected with why."""
    POLICY.check(uow.ctx, "manage fund")
    r = Repository(uow)
    row = r.get(m.Disbursement, disbursement_id, "disbursement_id", "disbursement", write=True)
    rules.check_decidable(row.status)
    reference = text(decision_reference, "decision_reference", 200)
    words = text(note, "note", 1000)
    rules.check_decision(bool(approve), decision_meeting_id, reference, words)
    if decision_meeting_id:
        meeting = r.get(m.JointMeeting, decision_meeting_id, "decision_meeting_id", "joint meeting")
        if meeting.council_id != row.council_id:
            raise FailedPrecondition("is a joint meeting of another council", "decision_meeting_id")
    before = out.disbursement(row)
    row.status = "approved" if approve else "rejected"
    row.decided_by, row.decided_on = uow.ctx.actor, clock.today()
    row.decision_meeting_id, row.decision_reference, row.decision_note = decision_meeting_id or None, reference, words
    shaped = out.disbursement(row)
    audit(uow, row.district, "approve disbursement" if approve else "reject disbursement", row.id, before, shaped,
          reason=words)
    return shaped


def pay_disbursement(uow: UnitOfWork, *, disbursement_id: str, paid_on: str | None = None) -> dict:
    """An approved disbursement paid: an entry out of the fund, never below zero, whoever pays at once."""
    POLICY.check(uow.ctx, "manage fund")
    r = Repository(uow)
    row = r.get(m.Disbursement, disbursement_id, "disbursement_id", "disbursement", write=True)
    rules.check_payable(row.status)
    on = parse_date(paid_on, "paid_on") if paid_on else clock.today()
    rules.check_paid_on(on, row.decided_on, clock.today())
    council = r.council(row.council_id, write=True)
    f = _locked_fund(uow, r, council)
    r.session.refresh(row)  # read again under the lock: a payment racing this one may have paid it
    rules.check_payable(row.status)
    entry = _book(uow, r, f, "disbursement", -row.amount, "disbursement_id", disbursement_id=row.id)
    before = out.disbursement(row)
    row.status, row.paid_by, row.paid_on = "paid", uow.ctx.actor, on
    shaped = out.disbursement(row)
    audit(uow, row.district, "pay disbursement", row.id, before, shaped)
    uow.emit("fund.disbursed", row.district, {"disbursement_id": row.id, "council_id": row.council_id,
                                              "community": row.community, "project_id": row.project_id,
                                              "project_title": row.project_title, "amount_fen": row.amount,
                                              "paid_on": on.isoformat(), "balance_after_fen": entry.balance_after},
             subdistrict_of(row.community))
    return shaped


def list_disbursements(uow: UnitOfWork, *, council_id: str, status: str | None = None, page_size: int = 0,
                       page_token: str | None = None) -> dict:
    """A council's disbursements, latest requested first, by cursor."""
    POLICY.check(uow.ctx, "read fund")
    r = Repository(uow)
    council = r.council(council_id)
    size = paging.page_size(page_size)
    q = r.select(m.Disbursement).where(m.Disbursement.council_id == council.id)
    if status:
        if status not in rules.DISBURSEMENT_STATUSES:
            raise InvalidArgument(f"must be one of {', '.join(rules.DISBURSEMENT_STATUSES)}", "status")
        q = q.where(m.Disbursement.status == status)
    found, token = paging.page(uow.session, q, (m.Disbursement.requested_on, m.Disbursement.id), size=size,
                               token=page_token, filters={"council_id": council.id, "status": status},
                               descending=True, converters=(date.fromisoformat, None))
    return out.page(found, out.disbursement, token)


def reverse_entry(uow: UnitOfWork, *, entry_id: str, reason: str) -> dict:
    """冲正: an entry undone by a new one of the opposite amount, with the reason, once; the entry itself
    stays as it was. A contribution's money already spent cannot be reversed (the balance would go below zero)."""
    POLICY.check(uow.ctx, "manage fund")
    r = Repository(uow)
    entry = r.get(m.FundEntry, entry_id, "entry_id", "fund entry", write=True)
    words = text(reason, "reason", 500, required=True)
    council = r.council(entry.council_id, write=True)
    f = _locked_fund(uow, r, council)
    rules.check_reversible(entry.kind, r.exists(m.FundEntry, m.FundEntry.reverses_id == entry.id))
    undo = _book(uow, r, f, "reversal", -entry.amount, "entry_id", reverses_id=entry.id, reason=words,
                 contribution_id=entry.contribution_id, disbursement_id=entry.disbursement_id)
    if entry.contribution_id:
        r.session.get(m.Contribution, entry.contribution_id).status = "reversed"  # keyed follow-up of the entry
    if entry.disbursement_id:
        r.session.get(m.Disbursement, entry.disbursement_id).status = "reversed"
    shaped = out.fund_entry(undo)
    audit(uow, entry.district, "reverse fund entry", entry.id, out.fund_entry(entry), shaped, reason=words)
    return shaped


def _in_kind_total(r: Repository, council: m.Council) -> int:
    return sum(c.amount for c in r.all(m.Contribution, m.Contribution.council_id == council.id,
                                       m.Contribution.kind == "in_kind", m.Contribution.status == "received"))


def get_fund(uow: UnitOfWork, *, council_id: str) -> dict:
    """The fund's balance in fen, its entries' count, what came in kind (apart), and whether the entries
    sum to the balance, each carrying the one before plus its amount (the books' check)."""
    POLICY.check(uow.ctx, "read fund")
    r = Repository(uow)
    council = r.council(council_id)
    f = _fund_of(r, council)
    if f is None:
        return {"council_id": council.id, "community": council.community, "balance_fen": 0, "entries": 0,
                "in_kind_fen": _in_kind_total(r, council), "balanced": True}
    entries = r.all(m.FundEntry, m.FundEntry.fund_id == f.id, order_by=(m.FundEntry.seq,))
    ok = rules.balanced([(e.amount, e.balance_after) for e in entries], f.balance) and len(entries) == f.entries
    return out.fund(f, _in_kind_total(r, council), ok)


def list_fund_entries(uow: UnitOfWork, *, council_id: str, page_size: int = 0, page_token: str | None = None) -> dict:
    """The fund's entries in order (1, 2, ...), each with the balance after it, by cursor."""
    POLICY.check(uow.ctx, "read fund")
    r = Repository(uow)
    council = r.council(council_id)
    size = paging.page_size(page_size)
    q = r.select(m.FundEntry).where(m.FundEntry.council_id == council.id)
    found, token = paging.page(uow.session, q, (m.FundEntry.seq, m.FundEntry.id), size=size, token=page_token,
                               filters={"council_id": council.id})
    return out.page(found, out.fund_entry, token)


def get_fund_statement(uow: UnitOfWork, *, council_id: str | None = None, community: str | None = None,
                       quarter: str | None = None) -> dict:
    """The fund's public statement (公示) of a quarter (default this one), for a council or the council of a
    community: opening balance, contributions, disbursements per project, reversals, closing balance, and
    what came in kind. Units and projects are named; a person who gave only by his chosen name or as 个人捐赠."""
    POLICY.check(uow.ctx, "read fund statements")
    r = Repository(uow)
    if council_id and community:
        raise InvalidArgument("give the council or its community, not both", "community")
    if council_id:
        council = r.council(council_id)
    elif community:
        code = r.code(community, "community", "community")
        council = r.first(m.Council, m.Council.community == code)
        if council is None:
            raise NotFound(f"community {code} has no council", "community")
    else:
        raise InvalidArgument("is required: the council, or community", "council_id")
    quarter = quarter or period_of(clock.today(), "quarter")
    first, last = period_days(quarter, "quarter", "quarter")
    before = r.session.scalars(r.select(m.FundEntry).where(m.FundEntry.council_id == council.id,
                                                           m.FundEntry.booked_on < first)
                               .order_by(m.FundEntry.seq.desc()).limit(1)).first()
    entries = r.all(m.FundEntry, m.FundEntry.council_id == council.id, m.FundEntry.booked_on >= first,
                    m.FundEntry.booked_on <= last, order_by=(m.FundEntry.seq,))
    # keyed follow-ups of the checked council's entries: who gave, which project was paid
    gifts = {c.id: c for c in r.all(m.Contribution, m.Contribution.council_id == council.id,
                                    m.Contribution.id.in_([e.contribution_id for e in entries if e.contribution_id]))}
    paid = {d.id: d for d in r.all(m.Disbursement, m.Disbursement.council_id == council.id,
                                   m.Disbursement.id.in_([e.disbursement_id for e in entries if e.disbursement_id]))}
    lines = [{"kind": e.kind, "amount": e.amount, "project_id": paid[e.disbursement_id].project_id
              if e.disbursement_id else "", "project_title": paid[e.disbursement_id].project_title
              if e.disbursement_id else ""} for e in entries]
    totals = rules.statement(before.balance_after if before else 0, lines)
    in_kind = r.all(m.Contribution, m.Contribution.council_id == council.id, m.Contribution.kind == "in_kind",
                    m.Contribution.status == "received", m.Contribution.received_on >= first,
                    m.Contribution.received_on <= last, order_by=(m.Contribution.received_on, m.Contribution.id))
    return out.fund_statement(council, quarter, totals, entries, gifts, in_kind)
