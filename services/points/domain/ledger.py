"""Double-entry ledger rules. Amounts are whole points; a transaction's postings sum to zero.

Accounts (账户): a member's (党员积分), a resident's, a household's or a unit's (道德银行 depositors),
a district's issuing pool (发放池, the source every award is drawn from: its balance is minus
what it has issued, so it alone may go below zero) and a station's redemption account (积分驿站).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

ACCOUNT_KINDS = ("member", "resident", "household", "unit", "pool", "station")
DEPOSITOR_KINDS = ("resident", "household", "unit")   # moral bank (道德银行)
PROGRAMMES = ("member_points", "moral_bank")
TX_KINDS = ("award", "deduction", "redemption", "reversal", "expiry", "refund")
#: accounts every transaction of a district touches: an issuing pool (all awards), a station (all its
#: redemptions). Each is split into this many balance rows so concurrent postings don't queue on one row.
HOT_KINDS = ("pool", "station")
POOL_SHARDS = 16
MAX_POINTS = 100_000


def programme_of(kind: str) -> str:
    return "member_points" if kind == "member" else "moral_bank"


def account_id(district: str, kind: str, owner: str) -> str:
    """Accounts are named, not numbered: ``310101:resident:<person id>``; pools ``310101:pool:moral_bank``."""
    return f"{district}:{kind}:{owner}"


def pool_id(district: str, programme: str) -> str:
    return account_id(district, "pool", programme)


def check_account_kind(kind: str, field: str = "account_kind") -> None:
    if kind not in ACCOUNT_KINDS or kind == "pool":
        raise InvalidArgument(f"must be one of {', '.join(k for k in ACCOUNT_KINDS if k != 'pool')}", field)


#: a household's number as stations and door plates write it (3-2-501, 3#502, 幸福里12号), at most 64
#: characters (the owner's column): letters, digits, CJK, and - _ . # /, beginning with a letter or digit
HOUSEHOLD_ID = re.compile(r"[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff_.#/-]{0,63}")


def check_household_id(owner: str, field: str = "account.owner") -> str:
    """A household's id, by its shape alone: no registry keeps households (see app.ledger.check_owner)."""
    if not isinstance(owner, str) or not HOUSEHOLD_ID.fullmatch(owner):
        raise InvalidArgument("a household id is letters, digits, Chinese characters and - _ . # / "
                              "(at most 64, beginning with a letter or digit)", field)
    return owner


def check_amount(points, field: str = "points") -> int:
    if isinstance(points, bool) or not isinstance(points, (int, float)) or int(points) != points:
        raise InvalidArgument(f"must be a whole number of points, got {points!r}", field)
    points = int(points)
    if not 0 < points <= MAX_POINTS:
        raise InvalidArgument(f"must be between 1 and {MAX_POINTS}", field)
    return points


@dataclass(frozen=True)
class Posting:
    account: str
    amount: int  # + credit, - debit


def balanced(postings: list[Posting]) -> list[Posting]:
    """The one invariant of double entry: every transaction's postings sum to zero."""
    if len(postings) < 2:
        raise InvalidArgument("a transaction needs at least two postings", "postings")
    if sum(p.amount for p in postings) != 0:
        raise InvalidArgument("postings do not balance", "postings")
    if any(p.amount == 0 for p in postings):
        raise InvalidArgument("a posting of zero points", "postings")
    return postings


def transfer(source: str, target: str, points: int) -> list[Posting]:
    return balanced([Posting(source, -points), Posting(target, points)])


def reversal_of(postings: list[Posting]) -> list[Posting]:
    """A reversal is a new transaction with every posting negated (the original stays on record)."""
    return balanced([Posting(p.account, -p.amount) for p in postings])


EXPIRY_POLICIES = ("end_of_following_year", "end_of_year", "never")


def expires_on(earned: date, policy: str) -> date | None:
    """When points earned on ``earned`` lapse under a district's policy (e.g. end of the following year)."""
    if policy == "never":
        return None
    if policy == "end_of_year":
        return date(earned.year, 12, 31)
    if policy == "end_of_following_year":
        return date(earned.year + 1, 12, 31)
    raise InvalidArgument(f"must be one of {', '.join(EXPIRY_POLICIES)}", "expiry_policy")


def lapsed(expires: date | None, today: date) -> bool:
    """Points lapse the day after their expiry date (the sweep, app.ledger.expire_lots, takes them then);
    from that day they pay for nothing, whether or not the sweep has run yet."""
    return expires is not None and expires < today


def check_award_day(occurred: date, policy: str, today: date) -> date | None:
    """The expiry of points earned on ``occurred``; an award backdated past its own expiry is refused:
    its points would lapse at once (and, until the sweep, be spendable)."""
    expires = expires_on(occurred, policy)
    if lapsed(expires, today):
        raise InvalidArgument(f"points earned on {occurred.isoformat()} lapsed on {expires.isoformat()} under the "
                              f"district's expiry policy ({policy})", "occurred_on")
    return expires


@dataclass
class Lot:
    """Points earned together, spent oldest first (先到期先使用)."""

    id: str
    expires_on: date | None
    remaining: int


def spend_oldest_first(lots: list[Lot], points: int) -> list[tuple[str, int]]:
    """Which lots pay for ``points``: the soonest to expire first; refuses to overdraw."""
    available = sum(lot.remaining for lot in lots)
    if available < points:
        raise FailedPrecondition(f"balance {available} is less than {points}", "points")
    order = sorted(lots, key=lambda lot: (lot.expires_on is None, lot.expires_on or date.max, lot.id))
    taken, left = [], points
    for lot in order:
        if left == 0:
            break
        take = min(lot.remaining, left)
        if take:
            taken.append((lot.id, take))
            left -= take
    return taken


STATEMENT_LINES = ("earned", "spent", "expired", "reversed", "deducted", "refunded")


def statement_line(tx_kind: str) -> str:
    """Where a posting to a depositor's account belongs on its statement."""
    if tx_kind == "award":
        return "earned"
    if tx_kind == "redemption":
        return "spent"
    if tx_kind == "expiry":
        return "expired"
    if tx_kind == "deduction":
        return "deducted"
    if tx_kind == "refund":
        return "refunded"
    return "reversed"
