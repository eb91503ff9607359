"""Commitments: promise, keep, be evaluated (承诺、践诺、评诺).

- A member unit of the council, or a party member of the district (the registry's), makes a commitment
  for a year (last year's is no longer made; this year's or next): what it will do, and by when (a day
  of that year).
- Keeping it (践诺) is recorded in dated notes, not in the future nor before the year; a note may mark it
  kept, once (``commitment.kept``); after that, notes still may follow.
- The community's residents evaluate it (评诺), each once: satisfied, basically satisfied or
  dissatisfied (满意、基本满意、不满意), with a comment. A listing shows each commitment's tally.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

MAKER_KINDS = ("unit", "member")
RATINGS = ("satisfied", "basically_satisfied", "dissatisfied")
STATUSES = ("open", "kept")


def check_year(year, this_year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in (this_year, this_year + 1):
        raise InvalidArgument(f"must be {this_year} or {this_year + 1}", "year")
    return year


def maker_kind(organisation_id: str | None, person_id: str | None) -> str:
    """Who promises: exactly one of a member unit or a party member."""
    if organisation_id and person_id:
        raise InvalidArgument("give exactly one maker, a unit or a party member, not both", "person_id")
    if not organisation_id and not person_id:
        raise InvalidArgument("is required: the member unit that promises, or person_id (a party member)",
                              "organisation_id")
    return "unit" if organisation_id else "member"


def check_party_member(person: dict, field: str = "person_id") -> None:
    if not person.get("is_member"):
        raise FailedPrecondition(f"{person.get('name') or person.get('id')} is not a party member: a person's "
                                 "commitment is a party member's (党员承诺)", field)


def check_what(what, field: str = "what") -> str:
    what = what.strip() if isinstance(what, str) else ""
    if not what or len(what) > 500:
        raise InvalidArgument("is 1 to 500 characters: what is promised", field)
    return what


def check_due(due_on: date, year: int, today: date) -> None:
    if due_on.year != year:
        raise InvalidArgument(f"must be a day of {year}, the commitment's year", "due_on")
    if due_on < today:
        raise InvalidArgument("must not be in the past: a promise is made ahead", "due_on")


def check_record(done_on: date, year: int, today: date) -> None:
    if done_on > today:
        raise InvalidArgument("must not be in the future: what was done is recorded", "done_on")
    if done_on.year < year:
        raise InvalidArgument(f"must not be before {year}, the commitment's year", "done_on")


def check_markable(status: str, marks_kept: bool) -> None:
    if marks_kept and status == "kept":
        raise FailedPrecondition("the commitment is marked kept already", "kept")


def check_rating(rating: str) -> str:
    if rating not in RATINGS:
        raise InvalidArgument("must be satisfied, basically_satisfied or dissatisfied", "rating")
    return rating


def tally(ratings: list[str]) -> dict:
    """How many evaluated, how many of each rating, and the satisfied share (满意率: satisfied and basically
    satisfied, in whole percent, 0 when none evaluated)."""
    counts = {r: sum(x == r for x in ratings) for r in RATINGS}
    total = len(ratings)
    content = counts["satisfied"] + counts["basically_satisfied"]
    return {"evaluations": total, **counts, "satisfied_percent": (200 * content + total) // (2 * total) if total else 0}
