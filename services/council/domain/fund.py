"""The co-building fund (共建基金) of a council: one per council, its cash kept in fen (分), never a float.

- Contributions (捐赠) come from a registry unit (a partner unit or a social organisation), a registry
  person, or a donor named in free text. Money raises the cash balance; a contribution in kind (实物) is
  a description and an estimated value in fen, listed apart: it is not cash and never spendable.
- Disbursements (拨付) go to a project of the council: requested, approved (or rejected) by the leader
  group (staff record it acting for the group, with the group's decision: a joint meeting of the
  council or a free reference), then paid. A payment never takes the balance below zero.
- Double-entry style: every movement of cash is an entry, numbered 1, 2, ... per fund, with the
  balance after it; the entries sum to the balance. Entries are never edited: a mistake is reversed
  by a new entry (with a reason) that undoes exactly one earlier entry, once.
- A statement per quarter: the opening balance, the contributions, the disbursements per project,
  the reversals, the closing balance, and what came in kind. It is public to the community's residents,
  so a person who gave is shown by the name he chose, or as 个人捐赠, never by his person id.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

#: one movement's ceiling: 1 亿元 (10^10 fen); a larger sum is a typing slip
MAX_AMOUNT_FEN = 10_000_000_000
KINDS = ("money", "in_kind")
DONOR_KINDS = ("unit", "person", "named")
#: the registry's organisation kinds that give as units
UNIT_KINDS = ("partner_unit", "social_organisation")
#: how a person who gave is shown in public when he chose no name
ANONYMOUS = "个人捐赠"
#: a project of these statuses may receive money (a closed one is finished with)
FUNDABLE_PROJECT_STATUSES = ("ledger", "claimed", "escalated", "done")
DISBURSEMENT_STATUSES = ("requested", "approved", "rejected", "paid", "reversed")


def check_amount(value, field: str = "amount_fen") -> int:
    """A sum of money in fen: a whole number above zero (not 0, not negative, not a float like 12.5 or
    12.0, not a bool), at most MAX_AMOUNT_FEN."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument("must be a whole number of fen (分), not a fraction", field)
    if value <= 0:
        raise InvalidArgument("must be more than 0 fen", field)
    if value > MAX_AMOUNT_FEN:
        raise InvalidArgument(f"must be at most {MAX_AMOUNT_FEN} fen (1 亿元) at once", field)
    return value


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidArgument("must be money or in_kind", "kind")
    return kind


def donor_kind(organisation_id: str | None, person_id: str | None, name: str | None) -> str:
    """Who gave: exactly one of a registry unit, a registry person, or a name in free text."""
    given = [k for k, v in (("unit", organisation_id), ("person", person_id), ("named", name)) if v]
    if not given:
        raise InvalidArgument("is required: the unit that gave, or donor_person_id, or donor_name",
                              "donor_organisation_id")
    if len(given) > 1:  # named by the second given: the one that should not be there
        field = {"person": "donor_person_id", "named": "donor_name"}[given[1]]
        raise InvalidArgument("give exactly one donor: a unit, a person or a name", field)
    return given[0]


def check_unit_kind(kind: str | None, name: str) -> None:
    if kind not in UNIT_KINDS:
        raise FailedPrecondition(f"{name} is a {kind}: units that give are partner units and social organisations",
                                 "donor_organisation_id")


def check_in_kind(kind: str, description: str | None) -> None:
    """In kind: what was given is described; money has no description of items."""
    if kind == "in_kind" and not description:
        raise InvalidArgument("describe what was given in kind", "description")
    if kind == "money" and description:
        raise InvalidArgument("is for contributions in kind (what was given): money has none", "description")


def check_received(received_on: date, today: date) -> None:
    if received_on > today:
        raise InvalidArgument("must not be in the future: a contribution is recorded once received", "received_on")


def public_donor(donor_kind: str, donor_name: str, display_name: str | None) -> str:
    """The donor as a public statement names him: a unit by its name; a person (of the registry or named
    in free text) by the name he chose, else 个人捐赠."""
    if donor_kind == "unit":
        return donor_name
    return display_name or ANONYMOUS


def post(balance: int, amount: int, field: str = "amount_fen") -> int:
    """The balance after a movement of ``amount`` fen (signed): never below zero."""
    after = balance + amount
    if after < 0:
        raise FailedPrecondition(f"the fund holds {balance} fen: {-amount} fen would take it below zero", field)
    return after


def check_fundable(project_status: str, project_title: str) -> None:
    if project_status not in FUNDABLE_PROJECT_STATUSES:
        raise FailedPrecondition(f"the project {project_title} is {project_status}: it receives no more money",
                                 "project_id")


def check_decidable(status: str) -> None:
    if status != "requested":
        raise FailedPrecondition(f"the disbursement is {status} already: a requested one is decided",
                                 "disbursement_id")


def check_decision(approve: bool, meeting_id: str | None, reference: str | None, note: str | None) -> None:
    """An approval names the leader group's decision (a joint meeting, or a free reference); a rejection
    says why."""
    if approve and not meeting_id and not reference:
        raise InvalidArgument("is required: the leader group's decision (its joint meeting, or a reference)",
                              "decision_meeting_id")
    if not approve and not note:
        raise InvalidArgument("is required: why the leader group rejects it", "note")


def check_payable(status: str) -> None:
    if status != "approved":
        raise FailedPrecondition(f"the disbursement is {status}: only an approved one is paid", "disbursement_id")


def check_paid_on(paid_on: date, approved_on: date, today: date) -> None:
    if paid_on > today:
        raise InvalidArgument("must not be in the future", "paid_on")
    if paid_on < approved_on:
        raise InvalidArgument(f"must not be before the approval ({approved_on})", "paid_on")


def check_reversible(kind: str, reversed_already: bool) -> None:
    if kind == "reversal":
        raise FailedPrecondition("a reversal is not reversed: record the movement again", "entry_id")
    if reversed_already:
        raise FailedPrecondition("the entry is reversed already", "entry_id")


def balanced(entries: list[tuple[int, int]], balance: int) -> bool:
    """Do the entries ``(amount, balance_after)``, in order, run from zero to ``balance``, each balance
    the one before plus its amount, none below zero?"""
    running = 0
    for amount, after in entries:
        running += amount
        if after != running or after < 0:
            return False
    return running == balance


def statement(opening: int, entries: list[dict]) -> dict:
    """A quarter's totals from its opening balance and its entries ``{kind, amount, project_id?,
    project_title?}`` (in order): contributions in, disbursements out per project, reversals (net), and
    the closing balance (the opening plus every entry)."""
    contributed = sum(e["amount"] for e in entries if e["kind"] == "contribution")
    per_project: dict[str, dict] = {}
    for e in entries:
        if e["kind"] == "disbursement":
            line = per_project.setdefault(e["project_id"], {"project_id": e["project_id"],
                                                            "project_title": e["project_title"],
                                                            "amount_fen": 0, "payments": 0})
            line["amount_fen"] += -e["amount"]
            line["payments"] += 1
    disbursed = sum(line["amount_fen"] for line in per_project.values())
    reversed_net = sum(e["amount"] for e in entries if e["kind"] == "reversal")
    closing = opening + contributed - disbursed + reversed_net
    return {"opening_balance_fen": opening, "contributions_fen": contributed, "disbursed_fen": disbursed,
            "reversals_fen": reversed_net, "closing_balance_fen": closing,
            "projects": sorted(per_project.values(), key=lambda x: (-x["amount_fen"], x["project_title"]))}
