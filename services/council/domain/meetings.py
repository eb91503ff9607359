"""Joint meetings (共建联席会) of a council and their decisions.

- A council meets at least once a quarter (``regular``), and before major events (``extraordinary``).
  A meeting is recorded once it is held (not in the future): its agenda (1 to 30 items), which member
  units attended (at least one), its minutes, and its decisions.
- A decision has an owner (a member unit, or a person of the registry) and a deadline on or after the
  meeting; it is followed to completion once, with a note. Open past its deadline, it is overdue.
- A council that held no meeting in a quarter that has ended is flagged once for that quarter
  (``council.meeting_missed``); a decision overdue, once (``decision.overdue``).
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

KINDS = ("regular", "extraordinary")
MAX_AGENDA = 30
MAX_DECISIONS = 30
MAX_DEADLINE_DAYS = 2 * 366


def check_held(kind: str, held_on: date, today: date) -> None:
    if kind not in KINDS:
        raise InvalidArgument(f"must be one of {', '.join(KINDS)}", "kind")
    if held_on > today:
        raise InvalidArgument("must not be in the future: a meeting is recorded once it is held", "held_on")


def check_agenda(agenda: list | None) -> list[str]:
    if not agenda:
        raise InvalidArgument("a joint meeting has at least one agenda item", "agenda")
    if len(agenda) > MAX_AGENDA:
        raise InvalidArgument(f"at most {MAX_AGENDA} agenda items", "agenda")
    out = []
    for i, item in enumerate(agenda):
        item = item.strip() if isinstance(item, str) else ""
        if not item or len(item) > 300:
            raise InvalidArgument("is 1 to 300 characters", f"agenda[{i}]")
        out.append(item)
    return out


def check_attendance(attending: list | None, members: set[str]) -> list[str]:
    """The member units that attended: at least one, each a member of the council."""
    if not attending:
        raise InvalidArgument("name the member units that attended (at least one)", "attendance")
    out = []
    for i, unit in enumerate(attending):
        if unit not in members:
            raise FailedPrecondition(f"{unit!r} is not a member unit of the council", f"attendance[{i}]")
        if unit not in out:
            out.append(unit)
    return out


def check_decision(i: int, decision, held_on: date) -> dict:
    """``{text, owner_organisation_id | owner_person_id, due_on}`` of decision ``i``, its due date parsed."""
    field = f"decisions[{i}]"
    if not isinstance(decision, dict):
        raise InvalidArgument("must be a decision {text, owner_organisation_id or owner_person_id, due_on}", field)
    words = (decision.get("text") or "").strip()
    if not words or len(words) > 500:
        raise InvalidArgument("is 1 to 500 characters", f"{field}.text")
    unit, person = decision.get("owner_organisation_id") or "", decision.get("owner_person_id") or ""
    if unit and person:  # named by the second: the one that should not be there
        raise InvalidArgument("give exactly one owner, a unit or a person, not both", f"{field}.owner_person_id")
    if not unit and not person:
        raise InvalidArgument("is required: the member unit that owns it, or owner_person_id",
                              f"{field}.owner_organisation_id")
    due = decision.get("due_on")
    if not isinstance(due, date):
        raise InvalidArgument("is required (YYYY-MM-DD)", f"{field}.due_on")
    if due < held_on:
        raise InvalidArgument("must not be before the meeting", f"{field}.due_on")
    if (due - held_on).days > MAX_DEADLINE_DAYS:
        raise InvalidArgument("a decision is due within two years", f"{field}.due_on")
    return {"text": words, "owner_organisation_id": unit or None, "owner_person_id": person or None, "due_on": due}


def check_completable(status: str) -> None:
    if status != "open":
        raise FailedPrecondition("the decision is done already", "decision_id")


def overdue(status: str, due_on: date, today: date) -> bool:
    return status == "open" and due_on < today
