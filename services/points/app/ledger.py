"""The ledger engine: accounts, balanced postings, lots, reversals, expiry, statements, leaderboards.

Balances are kept per account (per shard for an issuing pool) and changed with one guarded
UPDATE: ``balance + amount >= 0``. That row lock is what makes concurrent debits of one account
safe: the second waits for the first and then sees its result, so nothing is overdrawn.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import bindparam, func, insert, literal, select, union_all, update

from services.common import bulk, clock, paging
from services.common.db import UnitOfWork
from services.common.errors import DomainError, FailedPrecondition, InvalidArgument, PermissionDenied
from services.common.divisions import check_code_format, subdistrict_of, within
from services.common.registry_client import organisation_in, person_in
from services.common.tables import audit, audit_entry, audit_line
from services.common.values import parse_date, text, whole_number
from services.points import metrics, serializers
from services.points import models as m
from services.points.app import posting
from services.points.repository import Repository
from services.points.domain import ledger as rules
from services.points.domain.ledger import Posting
from services.points.permissions import POLICY

BAL = m.Balance.__table__
LOTS = m.Lot.__table__
TX = m.Transaction.__table__
ACC = m.Account.__table__
POSTINGS = m.PostingRow.__table__


# ---- accounts

def open_account(uow: UnitOfWork, ref: dict, field: str = "account", owner_vouched: bool = False) -> m.Account:
    """The account named by ``ref`` ({kind, owner, community, grid, category, name}); opened on first use,
    once its owner is found (``check_owner``; ``owner_vouched``: an event consumer's, see there)."""
    account_id = _account_id(uow, ref, field)
    account = load_account(uow, account_id)
    if account is not None:  # an open account is not looked up again: no registry call on the hot path
        return Repository(uow).check_account(account, account_id, f"{field}.owner", write=True)
    values = _new_account(uow, ref, field, account_id)
    if not owner_vouched:
        check_owner(uow, values["kind"], values["owner"], f"{field}.owner")
    _insert_accounts(uow, [values])
    return load_account(uow, account_id)


def open_accounts(wanted: list[tuple[UnitOfWork, dict]], field: str = "account") -> list[str | None]:
    """Open together the accounts that a batch of earnings names and that are not open yet, each under
    its earning's own view of the batch's transaction, so that each earning then finds its account at
    hand (``open_account``) instead of paying three round trips for it. A reference that would be
    refused is left alone here: its own earning refuses it, with the reason. Returns each reference's
    account id (None where refused).

    Only the event consumers open accounts this way, and their owners are vouched for by the events'
    producers: they are not looked up in the registry (``check_owner`` says why)."""
    if not wanted:
        return []
    named: dict[str, tuple[UnitOfWork, dict]] = {}
    ids: list[str | None] = []
    for uow, ref in wanted:
        try:
            ids.append(_account_id(uow, ref, field))
        except DomainError:
            ids.append(None)
            continue
        named.setdefault(ids[-1], (uow, ref))
    repo = Repository(wanted[0][0])
    found = repo.account_rows(list(named))
    new = []
    for account_id, (uow, ref) in named.items():
        if account_id not in found:
            try:
                new.append(_new_account(uow, ref, field, account_id))
            except DomainError:
                continue
    if new:  # in the accounts' order, as every transaction takes its locks (two workers may open the same)
        _insert_accounts(wanted[0][0], sorted(new, key=lambda values: values["id"]))
        found.update(repo.account_rows([values["id"] for values in new]))
    return [account_id if account_id in found else None for account_id in ids]


def _account_id(uow: UnitOfWork, ref: dict, field: str) -> str:
    if not isinstance(ref, dict):
        raise InvalidArgument("is required", field)
    kind, owner = ref.get("kind"), ref.get("owner")
    rules.check_account_kind(kind, f"{field}.kind")
    if not owner or not isinstance(owner, str) or len(owner) > 64:
        raise InvalidArgument("is required, at most 64 characters", f"{field}.owner")
    return rules.account_id(Repository(uow).district_for_write(field), kind, owner)


def _new_account(uow: UnitOfWork, ref: dict, field: str, account_id: str) -> dict:
    """The row of an account to open, checked: its community in the caller's scope, its grid and category."""
    kind = ref["kind"]
    community = Repository(uow).code(ref.get("community") or "", f"{field}.community", "community", write=True)
    grid = ref.get("grid") or None
    if grid:  # the national shape, <community>-G<2-4 digits>, of this community (310101002001-Gxx was kept)
        grid = check_code_format(grid, "grid", f"{field}.grid", parent=community)
    category = ref.get("category") or None
    if kind == "member" and category not in ("organ", "community", "new_org"):
        raise InvalidArgument("a member account needs organ, community or new_org", f"{field}.category")
    if kind != "member" and category:
        raise InvalidArgument("only member accounts have a category", f"{field}.category")
    return dict(id=account_id, district=uow.ctx.district, kind=kind, owner=ref["owner"],
                programme=rules.programme_of(kind), category=category,
                display_name=text(ref.get("name"), f"{field}.name", 100), subdistrict=subdistrict_of(community),
                community=community, grid=grid, created_at=clock.now())


def check_owner(uow: UnitOfWork, kind: str, owner: str, field: str) -> None:
    """The one rule for who may own a new account: someone who exists in the caller's district.

    - member, resident: a person of the registry in the district;
    - unit: an organisation of the registry in the district that is a partner unit (共建单位);
    - household: the registry keeps no households (nor does any other service), so there is nothing
      to look up; the id's shape is checked (``domain.ledger.check_household_id``), which at least
      refuses quotes, spaces and the like;
    - station: the service's own record, a station of this district (opened with the station).

    Checked only when the account is new (an open account is found first), before anything is
    written, on every API path that opens one (OpenAccount, Earn, AwardManually, ImportGarbageRecords).

    Not checked for the accounts that earning events name (app.earning: ``open_accounts`` and
    ``open_account(owner_vouched=True)``): the producer checked them in the registry already, in the
    transaction that emitted the event (mediation each volunteer, with ``resident_of``; the centres
    and the council, to be built, are to check their residents and units so too). Checking again
    would cost a registry round trip per new account inside the consumer's batch (the registry
    client has no batch call), and a registry outage would answer FailedPrecondition, which the
    consumer takes for "the rules say no": good credits would be dropped for good."""
    district = uow.ctx.district
    if kind in ("member", "resident"):
        person_in(district, owner, field)
    elif kind == "unit":
        unit = organisation_in(district, owner, field)
        if unit.get("kind") != "partner_unit":
            raise FailedPrecondition(f"{unit.get('name') or owner} is a {unit.get('kind')}, not a partner unit",
                                     field)
    elif kind == "household":
        rules.check_household_id(owner, field)
    elif kind == "station":
        Repository(uow).get(m.Station, owner, field, "station")
    else:  # pools are opened by the ledger itself (posting.ensure_pool); a new kind says here who owns it
        raise InvalidArgument(f"no {kind} account is opened here", field)


def _insert_accounts(uow: UnitOfWork, accounts: list[dict]) -> None:
    """One round trip for the accounts and their balance rows; a concurrent opening of the same account wins."""
    balances = [{"account_id": a["id"], "shard": s, "balance": 0} for a in accounts
                for s in range(rules.POOL_SHARDS if a["kind"] in rules.HOT_KINDS else 1)]
    bulk.execute(uow.session.connection(), [bulk.Insert(m.Account.__table__, accounts, on_conflict_do_nothing=True),
                                            bulk.Insert(BAL, balances, on_conflict_do_nothing=True)])


ACCOUNTS = m.Account.__table__


def load_account(uow: UnitOfWork, account_id: str):
    """An account row (attributes as on ``m.Account``), or None: the process's copy (repository)."""
    return Repository(uow).account_row(account_id)


def policy_of(uow: UnitOfWork, district: str) -> str:
    return Repository(uow).expiry_policy(district)


_LOCK_FOR_CAPS = select(ACCOUNTS.c.id).where(ACCOUNTS.c.id == bindparam("id")).with_for_update(key_share=True)
_LOCK_MANY_FOR_CAPS = (select(ACCOUNTS.c.id).where(ACCOUNTS.c.id.in_(bindparam("ids", expanding=True)))
                       .order_by(ACCOUNTS.c.id).with_for_update(key_share=True))


def lock_for_caps(uow: UnitOfWork, account_id: str) -> None:
    """Capped earnings of one account are counted one transaction at a time: without this, two
    concurrent check-ins would both see the day's total before either and both be credited.

    It locks the account's row (FOR NO KEY UPDATE: rows referring to the account are still
    written), before any balance row, so every transaction takes its locks in the same order."""
    if account_id not in uow.extras.get(CAPS_LOCKED, ()):
        uow.session.connection().execute(_LOCK_FOR_CAPS, {"id": account_id})


#: uow.extras: the accounts whose rows this transaction has locked for their caps (lock_many_for_caps)
CAPS_LOCKED = "caps locked"


def lock_many_for_caps(uow: UnitOfWork, account_ids: list[str]) -> None:
    """``lock_for_caps`` for a batch's accounts in one statement, in id order (as every transaction locks)."""
    ids = sorted(set(account_ids) - uow.extras.get(CAPS_LOCKED, set()))
    if ids:
        uow.session.connection().execute(_LOCK_MANY_FOR_CAPS, {"ids": ids})
        uow.extras.setdefault(CAPS_LOCKED, set()).update(ids)


def account_by_id(uow: UnitOfWork, account_id: str, field: str = "account_id", write: bool = False):
    """An account in the caller's scope (NotFound outside it); ``write``: inside its narrowest scope."""
    account = load_account(uow, account_id) if account_id and isinstance(account_id, str) else None
    return Repository(uow).check_account(account, account_id, field, write)


def balance_of(uow: UnitOfWork, account_id: str) -> int:
    """The ledger's balance row: it counts lapsed points until the sweep writes them off. What a
    reader is told is ``spendable_of``; this is for the books (an audit entry's balance)."""
    return int(uow.session.scalar(select(func.coalesce(func.sum(BAL.c.balance), 0))
                                  .where(BAL.c.account_id == account_id)))


def lapsed_of(account_id, today: date):
    """The points of ``account_id``'s lapsed lots not swept yet (a column or a value), as a scalar subquery."""
    return (select(func.coalesce(func.sum(LOTS.c.remaining), 0))
            .where(LOTS.c.account_id == account_id, posting.lapsed_lots(today)).scalar_subquery())


def spendable_of(uow: UnitOfWork, account_id: str) -> int:
    """The balance less the points lapsed but not swept yet: what a redemption may spend (the lots
    that pay for one are taken the same way, app.posting), and so the balance every reply reports.
    Computed, not swept here: a read writes nothing, and the number is the same after the sweep."""
    balance = select(func.coalesce(func.sum(BAL.c.balance), 0)).where(BAL.c.account_id == account_id)
    return int(uow.session.scalar(select(balance.scalar_subquery() - lapsed_of(account_id, clock.today()))))


# ---- posting

def post(uow: UnitOfWork, *, kind: str, district: str, account: m.Account, points: int, postings: list[Posting],
         occurred_on: date | None = None, rule_id: str | None = None, action_type: str | None = None,
         reason: str | None = None, evidence: str | None = None, source: str | None = None,
         reverses_id: str | None = None, approved_by: str | None = None, expiry_policy: str | None = None,
         lots: str = "auto", kinds: dict[str, str] | None = None) -> dict:
    """One balanced transaction: the row, its postings, the balances, the lots, the audit entry.

    ``lots``: "auto" credits a new lot to a depositor credited by an award and takes from lots on a
    depositor's debit; "none" leaves lots alone (the caller handles them, e.g. a reversal).
    Written at once, or with the other callers' at the commit of a group commit (app.posting);
    the answer's balance is filled in when it is written.
    """
    rules.balanced(postings)
    occurred = occurred_on or clock.today()
    tx_id = m.new_id()
    tx = dict(id=tx_id, district=district, kind=kind, status="posted", account_id=account.id, points=points,
              rule_id=rule_id, action_type=action_type, occurred_on=occurred, reverses_id=reverses_id, reason=reason,
              evidence=evidence, source=source, actor=uow.ctx.actor, approved_by=approved_by, created_at=clock.now())
    entry = posting.Entry(
        tx=tx, postings=postings, account=account.id,
        kinds=kinds or {p.account: p.account.split(":")[1] for p in postings},
        audit=audit_entry(uow, district, f"post {kind}", tx_id, {"account": account.id, "balance": None},
                          {"account": account.id, "balance": None}, reason),
        result={"id": tx_id, "kind": kind, "status": "posted", "account_id": account.id, "points": points,
                "balance": 0, "occurred_on": occurred.isoformat(), "action_type": action_type or "",
                "reverses_id": reverses_id or ""})
    if lots == "auto" and account.kind != "pool":
        own = next(p for p in postings if p.account == account.id)
        if own.amount > 0 and kind == "award":
            policy = expiry_policy or policy_of(uow, district)
            # every way to an award comes here (an earning, an approval of an old request, an event)
            expires = rules.check_award_day(occurred, policy, clock.today())
            entry.credit_lot = dict(id=m.new_id(), account_id=account.id, transaction_id=tx_id, earned_on=occurred,
                                    expires_on=expires, amount=own.amount, remaining=own.amount)
        elif own.amount < 0:
            entry.debit_lots = -own.amount
    posting.write(uow, entry)
    uow.after_commit(metrics.TRANSACTIONS.labels(district, kind).inc)
    return entry.result


def award_points(uow: UnitOfWork, account: m.Account, points: int, **kw) -> dict:
    """Issue ``points`` from the district's pool to ``account``."""
    pool = rules.pool_id(account.district, account.programme)
    result = post(uow, kind="award", district=account.district, account=account, points=points,
                  postings=rules.transfer(pool, account.id, points),
                  kinds={pool: "pool", account.id: account.kind}, **kw)
    uow.after_commit(lambda: metrics.ISSUED.labels(account.district).inc(points))
    uow.emit("points.awarded", account.district,
             {"transaction_id": result["id"], "account_id": account.id, "account_kind": account.kind,
              "owner": account.owner, "points": points, "action_type": kw.get("action_type"),
              "community": account.community}, account.subdistrict)
    return result


def deduct_points(uow: UnitOfWork, account: m.Account, points: int, **kw) -> dict:
    """Take member points back to the pool (a deduction rule, 扣分); never below zero."""
    pool = posting.ensure_pool(uow, account.district, account.programme)
    return post(uow, kind="deduction", district=account.district, account=account, points=points,
                postings=rules.transfer(account.id, pool, points), kinds={pool: "pool", account.id: account.kind},
                **kw)


# ---- use cases

def set_expiry_policy(uow: UnitOfWork, *, expiry_policy: str) -> dict:
    POLICY.check(uow.ctx, "set district policy")
    if expiry_policy not in rules.EXPIRY_POLICIES:
        raise InvalidArgument(f"must be one of {', '.join(rules.EXPIRY_POLICIES)}", "expiry_policy")
    district = Repository(uow).district_setting()
    row = uow.session.get(m.DistrictPolicy, district)
    before = row.expiry_policy if row else None
    if row is None:
        row = m.DistrictPolicy(district=district, expiry_policy=expiry_policy, changed_by=uow.ctx.actor)
        uow.session.add(row)
    else:
        row.expiry_policy, row.changed_by = expiry_policy, uow.ctx.actor
    audit(uow, district, "set expiry policy", district, {"expiry_policy": before}, {"expiry_policy": expiry_policy})
    uow.after_commit(Repository.forget_policies)  # this process's copy of the policy is the old one
    return {"district": district, "expiry_policy": expiry_policy}


def open_account_case(uow: UnitOfWork, *, account: dict) -> dict:
    POLICY.check(uow.ctx, "open accounts")
    opened = open_account(uow, account)
    out = serializers.account(opened, spendable_of(uow, opened.id))
    audit(uow, out["district"], "open account", out["id"], after=out)
    return out


def get_account(uow: UnitOfWork, *, account_id: str) -> dict:
    POLICY.check(uow.ctx, "read accounts")
    account = account_by_id(uow, account_id)
    _check_own(uow, account)
    return serializers.account(account, spendable_of(uow, account.id))  # lapsed points left out, swept or not


def _check_own(uow: UnitOfWork, account: m.Account) -> None:
    """Residents see their own accounts only; staff see their scope."""
    from services.common.context import Role

    if uow.ctx.roles <= {Role.RESIDENT, Role.PARTNER_UNIT} and account.owner != uow.ctx.actor:
        raise PermissionDenied("residents and units see their own accounts only", "account_id")


def reverse(uow: UnitOfWork, *, transaction_id: str, reason: str) -> dict:
    """冲正: a new transaction that undoes ``transaction_id``, with the reason and who did it."""
    POLICY.check(uow.ctx, "reverse transactions")
    reason = text(reason, "reason", required=True)
    r = Repository(uow)
    original = r.get(m.Transaction, transaction_id, "transaction_id", "transaction", write=True)
    if original.status != "posted":
        raise FailedPrecondition(f"the transaction is {original.status}", "transaction_id")
    if original.kind in ("reversal", "expiry"):
        raise FailedPrecondition(f"a {original.kind} cannot be reversed", "transaction_id")
    if r.exists(m.Transaction, m.Transaction.reverses_id == original.id):
        raise FailedPrecondition("the transaction is already reversed", "transaction_id")
    if original.kind == "redemption":
        raise FailedPrecondition("cancel the reservation instead: its stock comes back with the points",
                                 "transaction_id")
    if original.kind == "refund":  # the station holds exactly the points of its open reservations
        raise FailedPrecondition("a refund ends its reservation and is not reversed: redeem again instead",
                                 "transaction_id")
    account = uow.session.get(m.Account, original.account_id)
    postings = [Posting(r.account_id, r.amount) for r in
                uow.session.execute(select(POSTINGS.c.account_id, POSTINGS.c.amount)
                                    .where(POSTINGS.c.transaction_id == original.id))]
    kinds = {a.id: a.kind for a in uow.session.scalars(select(m.Account).where(
        m.Account.id.in_([p.account for p in postings])))}
    result = post(uow, kind="reversal", district=original.district, account=account, points=original.points,
                  postings=rules.reversal_of(postings), reason=reason, reverses_id=original.id,
                  source=original.id, lots="none", kinds=kinds)
    _reverse_lots(uow, original, account, result["id"])
    # the answer's balance was taken before the lots changed: reversing a lapsed award takes points that
    # were left out of it already
    uow.session.flush()
    result = {**result, "balance": spendable_of(uow, account.id)}
    uow.emit("points.reversed", original.district, {"transaction_id": result["id"], "reverses_id": original.id,
                                                    "account_id": account.id, "points": original.points,
                                                    "reason": reason}, account.subdistrict)
    return result


def _reverse_lots(uow: UnitOfWork, original: m.Transaction, account: m.Account, reversal_id: str) -> None:
    if original.kind == "award":
        lot = uow.session.scalars(select(m.Lot).where(m.Lot.transaction_id == original.id)).first()
        from_lot = min(lot.remaining, original.points) if lot else 0
        if from_lot:
            lot.remaining -= from_lot
        if original.points - from_lot:  # the awarded lot is partly spent: take the rest oldest first
            uow.session.flush()
            posting.take_from_lots_now(uow, reversal_id, account.id, original.points - from_lot)
    else:  # a deduction: put the points back into the lots it took from
        for use in uow.session.scalars(select(m.LotUse).where(m.LotUse.transaction_id == original.id)):
            uow.session.execute(update(LOTS).where(LOTS.c.id == use.lot_id)
                                .values(remaining=LOTS.c.remaining + use.points))


def expire_lots(uow: UnitOfWork, today: date | None = None) -> int:
    """Timer: points past their expiry go back to the pool, one expiry transaction per account."""
    today = today or clock.today()
    due = uow.session.execute(select(LOTS.c.account_id, func.sum(LOTS.c.remaining))
                              .where(LOTS.c.remaining > 0, LOTS.c.expires_on < today)
                              .group_by(LOTS.c.account_id)).all()
    for account_id, points in due:
        account = uow.session.get(m.Account, account_id)
        pool = posting.ensure_pool(uow, account.district, account.programme)
        result = post(uow, kind="expiry", district=account.district, account=account, points=int(points),
                      postings=rules.transfer(account.id, pool, int(points)), reason="points lapsed",
                      lots="none", kinds={pool: "pool", account.id: account.kind})
        lots = uow.session.execute(select(LOTS.c.id, LOTS.c.remaining).where(
            LOTS.c.account_id == account_id, LOTS.c.remaining > 0, LOTS.c.expires_on < today).with_for_update()).all()
        if sum(n for _, n in lots) != points:
            # a redemption spent from these lots after they were summed and before this
            # transaction locked the balance: nothing of this run is kept, the next run retries
            raise FailedPrecondition(f"the lapsed lots of {account_id} changed while lapsing", "lots")
        uow.session.execute(insert(m.LotUse.__table__), [{"transaction_id": result["id"], "lot_id": lid,
                                                          "points": n} for lid, n in lots])
        uow.session.execute(update(LOTS).where(LOTS.c.id.in_([lid for lid, _ in lots])).values(remaining=0))
        uow.emit("points.expired", account.district, {"account_id": account.id, "points": int(points),
                                                      "transaction_id": result["id"]}, account.subdistrict)
    return len(due)


def statement(uow: UnitOfWork, *, account_id: str, from_date: str | None = None, to_date: str | None = None) -> dict:
    """对账单: earned, spent, expired, reversed, deducted, refunded in a period, and the latest lines."""
    POLICY.check(uow.ctx, "read accounts")
    account = account_by_id(uow, account_id)
    _check_own(uow, account)
    start = parse_date(from_date, "from_date") if from_date else date(clock.today().year, 1, 1)
    end = parse_date(to_date, "to_date") if to_date else clock.today()
    if end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    rows = uow.session.execute(
        select(TX.c.kind, func.sum(POSTINGS.c.amount))
        .join(POSTINGS, POSTINGS.c.transaction_id == TX.c.id)
        .where(POSTINGS.c.account_id == account.id, TX.c.occurred_on >= start, TX.c.occurred_on <= end)
        .group_by(TX.c.kind)).all()
    totals = {line: 0 for line in rules.STATEMENT_LINES}
    for kind, amount in rows:
        totals[rules.statement_line(kind)] += abs(int(amount)) if kind != "reversal" else int(amount)
    today = clock.today()
    lapsed = int(uow.session.scalar(select(lapsed_of(account.id, today))))
    if start <= today <= end:
        # points lapsed but not swept yet are expired already: the sweep's expiry, dated the day it runs,
        # will fall in this period, and the statement reads the same before and after it
        totals["expired"] += lapsed
    lines = uow.session.execute(
        select(TX.c.id, TX.c.kind, TX.c.occurred_on, TX.c.action_type, TX.c.reason, POSTINGS.c.amount)
        .join(POSTINGS, POSTINGS.c.transaction_id == TX.c.id)
        .where(POSTINGS.c.account_id == account.id, TX.c.occurred_on >= start, TX.c.occurred_on <= end)
        .order_by(TX.c.created_at.desc()).limit(200)).all()
    return serializers.statement(account.id, start, end, balance_of(uow, account.id) - lapsed, totals, lines)


def account_audit(uow: UnitOfWork, *, account_id: str, page_size: int = 0, page_token: str | None = None) -> dict:
    """The audit trail of an account (留痕): the entries about the account itself and about each of its
    transactions (its own, and those with a posting on it: a station's redemptions), newest first.

    Residents and units read their own account's only; staff their scope (the account is checked by the
    repository; the entries are then a keyed follow-up of that account)."""
    POLICY.check(uow.ctx, "read account audit")
    account = account_by_id(uow, account_id)
    _check_own(uow, account)
    size = paging.page_size(page_size)
    its_transactions = select(TX.c.id).where(TX.c.account_id == account.id).union(
        select(POSTINGS.c.transaction_id).where(POSTINGS.c.account_id == account.id))
    q = Repository(uow).select(m.AuditEntry).where(
        (m.AuditEntry.subject == account.id) | m.AuditEntry.subject.in_(its_transactions))
    found, token = paging.page(uow.session, q, [m.AuditEntry.at, m.AuditEntry.id], size=size, token=page_token,
                               filters={"account_id": account.id}, descending=True,
                               converters=[datetime.fromisoformat, None])
    return {"account_id": account.id, "items": [audit_line(e) for e in found],
            "next_page_token": token}


def leaderboard(uow: UnitOfWork, *, community: str, grid: str | None = None, programme: str = "moral_bank",
                limit: int = 20) -> dict:
    """排行榜 of a community (or one of its grids) by balance."""
    POLICY.check(uow.ctx, "read leaderboards")
    r = Repository(uow)
    community = r.code(community, "community", "community")
    if programme not in rules.PROGRAMMES:
        raise InvalidArgument(f"must be one of {', '.join(rules.PROGRAMMES)}", "programme")
    if not 1 <= int(limit or 20) <= 100:
        raise InvalidArgument("must be from 1 to 100", "limit")
    where = [m.Account.community == community, m.Account.programme == programme,
             m.Account.kind.notin_(("pool", "station"))]
    if grid:
        where.append(m.Account.grid == grid)
    # ranked by what each can spend: the points lapsed but not swept yet left out
    total = (func.sum(BAL.c.balance) - lapsed_of(m.Account.id, clock.today()).correlate(m.Account)).label("balance")
    rows = uow.session.execute(r.scoped(select(m.Account.id, m.Account.display_name, m.Account.kind, total), m.Account)
                               .join(BAL, BAL.c.account_id == m.Account.id).where(*where)
                               .group_by(m.Account.id, m.Account.display_name, m.Account.kind)
                               .order_by(total.desc(), m.Account.id).limit(int(limit or 20))).all()
    return serializers.leaderboard(community, grid, programme, rows)


def totals(uow: UnitOfWork, *, district: str | None = None, subdistrict: str | None = None,
           year: int | None = None) -> dict:
    """Totals per district or sub-district: issued, spent, expired, reversed, deducted, outstanding.

    By default the caller's own: its sub-district, or its district; never wider than its scope."""
    POLICY.check(uow.ctx, "read totals")
    r = Repository(uow)
    if uow.ctx.community:
        raise PermissionDenied("totals cover a district or a sub-district; a community reads its leaderboard",
                               "subdistrict")
    district = r.code(district or uow.ctx.district or "", "district", "district")
    subdistrict = subdistrict or uow.ctx.subdistrict
    if subdistrict:
        subdistrict = r.code(subdistrict, "subdistrict", "subdistrict", write=True)
        if not within(subdistrict, district):
            raise InvalidArgument(f"{subdistrict} is not in district {district}", "subdistrict")
    elif r.narrowest:
        raise PermissionDenied(f"outside the caller's scope {r.narrowest}", "district")
    year = whole_number(year, "year", 2000, 2100) if year else clock.today().year
    # the depositors' accounts under the division totalled (pools and stations lie in none), and, as
    # for any listing the caller names, in the caller's scope (the repository's)
    under = r.under(ACC.c.community, subdistrict or district)
    by_kind: dict[str, int] = {}
    for _, kind, points in uow.session.execute(_totals_statement(r, year, under)):
        by_kind[kind] = by_kind.get(kind, 0) + int(points)
    outstanding = by_kind.pop(OUTSTANDING, 0)
    return serializers.totals(district, subdistrict, year, by_kind, outstanding)


OUTSTANDING = "(outstanding)"  # the balances' line of _totals_statement, beside the transaction kinds


def _totals_statement(r: Repository, year: int, *where):
    """One grouped statement of (district, line, points) over the depositors' accounts the caller sees:
    a line per transaction kind of ``year`` (their postings summed, debits negative), and
    OUTSTANDING: the balances now. ``where``: a narrower division (GetTotals). A district may have
    several rows of one line (the caller sums them).

    Points lapsed but not swept yet are not outstanding: they are spendable no more (spendable_of).
    In this year's totals they are expired already (the sweep's expiry is dated the day it runs), so
    the totals read the same before and after the sweep."""
    flows = r.scoped(select(ACC.c.district, TX.c.kind, func.sum(POSTINGS.c.amount))
                     .join(POSTINGS, POSTINGS.c.transaction_id == TX.c.id)
                     .join(ACC, ACC.c.id == POSTINGS.c.account_id)
                     .where(*where, ACC.c.kind.notin_(("pool", "station")),
                            TX.c.occurred_on >= date(year, 1, 1), TX.c.occurred_on <= date(year, 12, 31))
                     .group_by(ACC.c.district, TX.c.kind), m.Account)
    balances = r.scoped(select(ACC.c.district, literal(OUTSTANDING), func.coalesce(func.sum(BAL.c.balance), 0))
                        .join(ACC, ACC.c.id == BAL.c.account_id)
                        .where(*where, ACC.c.kind.notin_(("pool", "station"))).group_by(ACC.c.district), m.Account)
    today = clock.today()
    lapsed = [r.scoped(select(ACC.c.district, literal(line), -func.sum(LOTS.c.remaining))
                       .join(ACC, ACC.c.id == LOTS.c.account_id)
                       .where(*where, ACC.c.kind.notin_(("pool", "station")), posting.lapsed_lots(today))
                       .group_by(ACC.c.district), m.Account)
              for line in (OUTSTANDING, "expiry") if line == OUTSTANDING or year == today.year]
    return union_all(flows, balances, *lapsed)


def city_totals(uow: UnitOfWork, *, year: int | None = None) -> dict:
    """The city's roll-up (全市汇总): GetTotals' lines for every district, in one grouped statement.

    City staff only; a token naming a district is kept to that district by the repository."""
    POLICY.check(uow.ctx, "read city totals")
    r = Repository(uow)
    year = whole_number(year, "year", 2000, 2100) if year else clock.today().year
    lines: dict[str, dict[str, int]] = {}
    for district, kind, points in uow.session.execute(_totals_statement(r, year)):
        by_kind = lines.setdefault(district, {})
        by_kind[kind] = by_kind.get(kind, 0) + int(points)
    return serializers.city_totals(year, {district: serializers.totals(
        district, None, year, by_kind, by_kind.pop(OUTSTANDING, 0)) for district, by_kind in lines.items()})




def pending_counts(uow: UnitOfWork) -> dict[str, int]:
    """Awards and honours waiting for approval, per district (for the gauge)."""
    counts: dict[str, int] = {}
    for district, n in uow.session.execute(select(TX.c.district, func.count()).where(TX.c.status == "pending")
                                           .group_by(TX.c.district)):
        counts[district] = counts.get(district, 0) + n
    res = m.Reservation.__table__
    for district, n in uow.session.execute(select(res.c.district, func.count())
                                           .where(res.c.status == "pending_approval").group_by(res.c.district)):
        counts[district] = counts.get(district, 0) + n
    return counts
