"""Writing ledger transactions: stock, balances, lots, rows and audit, in a few statements.

``ledger.post`` describes one balanced transaction as an ``Entry``; ``write`` writes it. In a
plain unit of work that happens at once. In a group commit (a deferred unit of work, see
services.common.batching) every caller's entries wait until just before the commit and are
written together, with the same statements whatever their number: lock the rows, check them,
set the new values, insert the rows.

Locks are always taken in one order, so transactions do not deadlock on each other: the account
rows of capped earnings (ledger.lock_for_caps, while the use case runs), then items' stock (by item
id), balances (by account and shard) and lots (by account; an account's lots are only locked by
whoever holds its balance row, so their own order does not matter). The checks that keep a
balance or a stock from going below zero run on the locked rows, entry by entry in the batch's
order: each caller gets the answer it would have had alone.
"""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ARRAY, Integer, String, bindparam, func, select, true, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.common import clock
from services.common import bulk
from services.common.db import UnitOfWork
from services.common.errors import FailedPrecondition
from services.points import models as m
from services.points.domain import ledger as rules
from services.points.domain.ledger import Posting

BAL = m.Balance.__table__
LOTS = m.Lot.__table__
TX = m.Transaction.__table__
POSTINGS = m.PostingRow.__table__
LOT_USES = m.LotUse.__table__
ITEMS = m.Item.__table__
AUDIT = m.AuditEntry.__table__

# built once: these run on every write
_LOCK_BALANCES = (select(BAL.c.account_id, BAL.c.shard, BAL.c.balance)
                  .where(tuple_(BAL.c.account_id, BAL.c.shard).in_(bindparam("keys", expanding=True)))
                  .order_by(BAL.c.account_id, BAL.c.shard).with_for_update())
# PostgreSQL: each (account, shard) pair looked up through the key's index, locked in the arrays'
# order (the keys come sorted). A plain join to the arrays is planned, for a table of a few thousand
# rows, as a scan of the whole table on every batch.
_PG_KEYS = func.unnest(bindparam("accounts", type_=ARRAY(String)), bindparam("shards", type_=ARRAY(Integer))
                       ).table_valued("account_id", "shard").render_derived(name="k")
_PG_ONE_BALANCE = (select(BAL.c.account_id, BAL.c.shard, BAL.c.balance)
                   .where(BAL.c.account_id == _PG_KEYS.c.account_id, BAL.c.shard == _PG_KEYS.c.shard)
                   .limit(1).with_for_update().lateral("b"))
_PG_LOCK_BALANCES = select(_PG_ONE_BALANCE.c.account_id, _PG_ONE_BALANCE.c.shard, _PG_ONE_BALANCE.c.balance
                           ).select_from(_PG_KEYS).join(_PG_ONE_BALANCE, true())

# A lot pays while it has points left and has not lapsed (``rules.lapsed``: past its expiry date).
# Lapsed lots are left to the sweep (ledger.expire_lots), which returns them to the pool: before, they
# paid for redemptions until the hourly sweep came, points the account no longer had.
_PAYS = (LOTS.c.remaining > 0) & (LOTS.c.expires_on.is_(None) | (LOTS.c.expires_on >= bindparam("today")))


def lapsed_lots(today):
    """The lots lapsed that still hold points: the sweep has not written them off yet. They are still
    on the balance row, and are left out of every balance a reply reports (ledger.spendable_of)."""
    return (LOTS.c.remaining > 0) & (LOTS.c.expires_on < today)


_LAPSED_BY_ACCOUNT = (select(LOTS.c.account_id, func.sum(LOTS.c.remaining).label("points"))
                      .where(LOTS.c.account_id.in_(bindparam("accounts", expanding=True)),
                             lapsed_lots(bindparam("today")))
                      .group_by(LOTS.c.account_id))
_LOCK_OPEN_LOTS = (select(LOTS.c.id, LOTS.c.account_id, LOTS.c.expires_on, LOTS.c.remaining)
                   .where(LOTS.c.account_id.in_(bindparam("accounts", expanding=True)), _PAYS)
                   .order_by(LOTS.c.account_id, LOTS.c.id).with_for_update())
# PostgreSQL: only the lots that can pay, soonest to expire first. An open lot holds at least one
# point, so an account's first n lots pay for n points; an account earning a point per check-in
# would otherwise have hundreds of lots read and locked by every redemption.
_PG_TAKES = func.unnest(bindparam("lot_accounts", type_=ARRAY(String)), bindparam("lot_points", type_=ARRAY(Integer))
                        ).table_valued("account_id", "points").render_derived(name="k")
_PG_PAYING_LOTS = (select(LOTS.c.id, LOTS.c.account_id, LOTS.c.expires_on, LOTS.c.remaining)
                   .where(LOTS.c.account_id == _PG_TAKES.c.account_id, _PAYS)
                   .order_by(LOTS.c.expires_on, LOTS.c.id).limit(_PG_TAKES.c.points).with_for_update().lateral("l"))
_PG_LOCK_PAYING_LOTS = select(*_PG_PAYING_LOTS.c).select_from(_PG_TAKES).join(_PG_PAYING_LOTS, true())
_LOCK_ITEMS = (select(ITEMS.c.id, ITEMS.c.stock).where(ITEMS.c.id.in_(bindparam("ids", expanding=True)))
               .order_by(ITEMS.c.id).with_for_update())


def _lock_balances(conn, keys: list[tuple[str, int]]):
    """Lock the balance rows of ``keys`` (sorted: every writer locks in the same order)."""
    if conn.dialect.name == "postgresql":
        return conn.execute(_PG_LOCK_BALANCES, {"accounts": [a for a, _ in keys], "shards": [s for _, s in keys]})
    return conn.execute(_LOCK_BALANCES, {"keys": keys})


@dataclass
class Entry:
    """One balanced transaction waiting to be written."""

    tx: dict                      # the transactions row
    postings: list[Posting]
    account: str                  # whose transaction: its balance before and after go to the answer
    kinds: dict[str, str]         # account id → kind (hot kinds are sharded and unchecked)
    audit: dict                   # the audit entry; its before and after balances are filled in
    result: dict                  # the answer; its balance is filled in
    credit_lot: dict | None = None  # the lot an award to a depositor opens
    debit_lots: int = 0           # points to take from the account's lots, soonest to expire first


@dataclass
class _Pending:
    entries: list[Entry] = field(default_factory=list)
    stock: list[tuple[str, int]] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # (table, row) referring to a transaction


def _pending(uow: UnitOfWork) -> _Pending:
    pending = uow.extras.get("ledger")
    if pending is None:
        pending = uow.extras["ledger"] = _Pending()
        uow.before_commit(lambda: _write(uow, pending.entries, pending.stock, pending.rows))
    return pending


def waiting(uow: UnitOfWork) -> list[dict]:
    """The transactions rows of this group commit still waiting for the commit (none outside one): a cap
    counts them with the written ones, or two capped earnings of one account in one batch would both pass."""
    pending = uow.extras.get("ledger")
    return [e.tx for e in pending.entries] if pending is not None else []


def write(uow: UnitOfWork, entry: Entry) -> None:
    if uow.deferred:
        _pending(uow).entries.append(entry)
    else:
        _write(uow, [entry], [], [])


def take_stock(uow: UnitOfWork, item_id: str, quantity: int) -> None:
    """Take ``quantity`` from an item's stock; refused (FailedPrecondition) when fewer are left."""
    if uow.deferred:
        _pending(uow).stock.append((item_id, quantity))
    else:
        conn = uow.session.connection()
        bulk.execute(conn, _take_stock(conn, [(item_id, quantity)]))


def insert_with_transactions(uow: UnitOfWork, table, row: dict) -> None:
    """Insert a row that refers to a transaction (a reservation), once the transaction is written."""
    if uow.deferred:
        _pending(uow).rows.append((table, row))
    else:
        bulk.execute(uow.session.connection(), [bulk.Insert(table, [row])])


def take_from_lots_now(uow: UnitOfWork, tx_id: str, account: str, points: int) -> None:
    """For a transaction already written (a reversal): take ``points`` from the account's lots."""
    conn = uow.session.connection()
    lot_changes, uses = _take_from_lots(conn, [(tx_id, account, points)])
    bulk.execute(conn, [*lot_changes, bulk.Insert(LOT_USES, uses)])


def dialect_insert(uow: UnitOfWork):
    """The INSERT construct of the unit of work's database (for ON CONFLICT DO NOTHING)."""
    return pg_insert if uow.db.engine.dialect.name == "postgresql" else sqlite_insert


def ensure_pool(uow: UnitOfWork, district: str, programme: str) -> str:
    """A district's issuing pool, opened (with its balance shards) by its first use."""
    pid = rules.pool_id(district, programme)
    if uow.session.get(m.Account, pid) is None:
        ins = dialect_insert(uow)
        uow.session.execute(ins(m.Account.__table__).values(
            id=pid, district=district, kind="pool", owner=programme, programme=programme,
            created_at=clock.now()).on_conflict_do_nothing())
        uow.session.execute(ins(BAL).values([{"account_id": pid, "shard": s, "balance": 0}
                                             for s in range(rules.POOL_SHARDS)]).on_conflict_do_nothing())
    return pid


# ---- the writing itself

def _write(uow: UnitOfWork, entries: list[Entry], stock: list[tuple[str, int]], rows: list[tuple]) -> None:
    """Lock and check what the entries change, then write it: at once, or (deferred) at the commit."""
    conn = uow.session.connection()
    writes = _take_stock(conn, stock)
    if entries:
        writes += _move_balances(uow, conn, entries)
        _report_spendable(conn, entries)
        lot_changes, uses = _take_from_lots(conn, [(e.tx["id"], e.account, e.debit_lots)
                                                   for e in entries if e.debit_lots])
        writes += [
            *lot_changes,
            bulk.Insert(TX, [e.tx for e in entries]),
            bulk.Insert(POSTINGS, [{"transaction_id": e.tx["id"], "account_id": p.account, "amount": p.amount}
                                   for e in entries for p in e.postings]),
            bulk.Insert(LOTS, [e.credit_lot for e in entries if e.credit_lot]),
            bulk.Insert(LOT_USES, uses),
            bulk.Insert(AUDIT, [e.audit for e in entries])]
    by_table = defaultdict(list)
    for table, row in rows:
        by_table[table].append(row)
    writes += [bulk.Insert(table, table_rows) for table, table_rows in by_table.items()]
    if uow.deferred:
        uow.write_at_commit(*writes)
    else:
        bulk.execute(conn, writes)


def _take_stock(conn, takes: list[tuple[str, int]]) -> list[bulk.SetColumn]:
    if not takes:
        return []
    wanted: dict[str, int] = defaultdict(int)
    for item_id, quantity in takes:
        wanted[item_id] += quantity
    stock = {row.id: row.stock for row in conn.execute(_LOCK_ITEMS, {"ids": sorted(wanted)})}
    for item_id, quantity in takes:  # in order: the first takes come first
        if stock[item_id] is None:
            continue  # unlimited
        if stock[item_id] < quantity:
            raise FailedPrecondition(f"only {stock[item_id]} left", "quantity")
        stock[item_id] -= quantity
    return [bulk.SetColumn(ITEMS, ("id",), "stock", [{"id": i, "stock": s} for i, s in stock.items() if s is not None])]


def _move_balances(uow: UnitOfWork, conn, entries: list[Entry]) -> list[bulk.SetColumn]:
    """Lock every balance row the entries touch, check and move them, set the new balances."""
    shard_of: dict[str, int] = {}  # a hot account takes this write's postings on one random shard

    def key(entry: Entry, account: str) -> tuple[str, int]:
        if entry.kinds[account] in rules.HOT_KINDS:
            return account, shard_of.setdefault(account, random.randrange(rules.POOL_SHARDS))
        return account, 0

    keys = sorted({key(e, p.account) for e in entries for p in e.postings})
    balance = {(r.account_id, r.shard): r.balance for r in _lock_balances(conn, keys)}
    if missing := [k for k in keys if k not in balance]:
        for account, _ in missing:  # a district's pool is opened by its first award
            district, kind, programme = account.split(":")
            if kind != "pool":
                raise FailedPrecondition(f"no account {account}", "account_id")
            ensure_pool(uow, district, programme)
        balance.update({(r.account_id, r.shard): r.balance for r in _lock_balances(conn, missing)})
    for entry in entries:
        before = after = 0  # a hot account's own balance is not reported (it is spread over shards)
        for p in sorted(entry.postings, key=lambda p: p.account):
            k = key(entry, p.account)
            was = balance[k]
            if entry.kinds[p.account] not in rules.HOT_KINDS:
                if was + p.amount < 0:
                    raise FailedPrecondition(f"balance {was} is less than {-p.amount}", "points")
                if p.account == entry.account:
                    before, after = was, was + p.amount
            balance[k] = was + p.amount
        entry.result["balance"] = after
        entry.audit["before"]["balance"], entry.audit["after"]["balance"] = before, after
    return [bulk.SetColumn(BAL, ("account_id", "shard"), "balance",
                           [{"account_id": a, "shard": s, "balance": balance[(a, s)]} for a, s in keys])]


def _report_spendable(conn, entries: list[Entry]) -> None:
    """Each answer's balance less its account's lapsed points not swept yet, in one statement: a reader
    is told what can be spent (ledger.spendable_of), not the balance row, which counts them until the
    sweep. This write changes no lapsed lot: a debit takes from paying lots only, and an award's new
    lot has not lapsed (rules.check_award_day). The audit entry keeps the row's balance: the books."""
    accounts = sorted({e.account for e in entries if e.kinds.get(e.account) not in rules.HOT_KINDS})
    if not accounts:
        return
    lapsed = {r.account_id: int(r.points)
              for r in conn.execute(_LAPSED_BY_ACCOUNT, {"accounts": accounts, "today": clock.today()})}
    for entry in entries:
        if entry.account in lapsed:
            entry.result["balance"] -= lapsed[entry.account]


def _take_from_lots(conn, takes: list[tuple[str, str, int]]) -> tuple[list[bulk.SetColumn], list[dict]]:
    """Spend lots soonest-to-expire first for each (transaction, account, points): (the lots' new
    remaining points to set, the lot uses to insert). Only the lots that have not lapsed pay: a debit
    for more than they hold is refused (``spend_oldest_first``), even where the balance row, which
    still counts the lapsed points until the sweep, would cover it."""
    if not takes:
        return [], []
    needed: dict[str, int] = defaultdict(int)
    for _, account, points in takes:
        needed[account] += points
    accounts = sorted(needed)
    today = clock.today()
    if conn.dialect.name == "postgresql":
        rows = conn.execute(_PG_LOCK_PAYING_LOTS, {"lot_accounts": accounts, "today": today,
                                                   "lot_points": [needed[a] for a in accounts]})
    else:
        rows = conn.execute(_LOCK_OPEN_LOTS, {"accounts": accounts, "today": today})
    lots: dict[str, list[rules.Lot]] = defaultdict(list)
    for r in rows:
        lots[r.account_id].append(rules.Lot(r.id, r.expires_on, r.remaining))
    uses, changed = [], {}
    for tx_id, account, points in takes:
        by_id = {lot.id: lot for lot in lots[account]}
        for lot_id, n in rules.spend_oldest_first(lots[account], points):
            by_id[lot_id].remaining -= n
            changed[lot_id] = by_id[lot_id]
            uses.append({"transaction_id": tx_id, "lot_id": lot_id, "points": n})
    return [bulk.SetColumn(LOTS, ("id",), "remaining", [{"id": lot.id, "remaining": lot.remaining}
                                                        for lot in changed.values()])], uses
