"""The service project bank (为民服务项目库) and its five-step method (五步工作法).

1. Residents' demands go into a ledger (台账) by urgency: a project is made from one or more open
   needs of the council's community; it is as urgent as its most urgent need, and the ledger lists
   the most urgent first, then the oldest.
2. Registered members and units claim projects (自主认领): a partner unit or social organisation of
   the district, or an in-service member registered with the community (到社区报到). A member holds
   at most two projects of the bank at a time (he picks "one or two"); a claim is made once.
3. What stalls is escalated: a project past its deadline and not done goes to the responsible
   department named on it (a registry organisation: a party and government organ, the
   sub-district's working committee), once (``project.escalated``).
4. Residents evaluate each project once a year: 1 to 5 stars and a comment, once per person,
   project and year, a project someone has taken on (not one still in the ledger).
5. A quarterly dispatch (调度) and a half-yearly report (半年报告) give the figures.

A project is done once, with a note, from claimed or escalated (``project.done``, with its claimers:
the points credit hangs on it); its needs are then met. A project given up (closed, with a reason)
hands its needs back to the lists, open, for another project to take up.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

from services.council.domain.evaluation import average_stars
from services.council.domain.lists import URGENCIES, URGENCY_RANK

STATUSES = ("ledger", "claimed", "escalated", "done", "closed")
OPEN = ("ledger", "claimed", "escalated")   # a project not yet done nor closed
MAX_MEMBER_PROJECTS = 2    # DOMAIN §1: an in-service member picks one or two projects
MAX_NEEDS = 50
MAX_DEADLINE_DAYS = 2 * 366
MIN_STARS, MAX_STARS = 1, 5


def urgency_of(urgencies: list[str]) -> str:
    """A project is as urgent as its most urgent need."""
    return min(urgencies, key=URGENCY_RANK.__getitem__) if urgencies else URGENCIES[-1]


def check_need_ids(need_ids: list | None) -> list[str]:
    if not need_ids:
        raise InvalidArgument("a project is made from at least one need", "need_ids")
    if len(need_ids) > MAX_NEEDS:
        raise InvalidArgument(f"at most {MAX_NEEDS} needs", "need_ids")
    out: list[str] = []
    for i, need_id in enumerate(need_ids):
        if not isinstance(need_id, str) or not need_id.strip():
            raise InvalidArgument("is required", f"need_ids[{i}]")
        if need_id not in out:
            out.append(need_id)
    return out


def check_needs_open(statuses: list[tuple[str, str, str]], council_id: str) -> None:
    """Each need (id, status, council id) open and of the project's council."""
    for i, (need_id, status, need_council) in enumerate(statuses):
        if need_council != council_id:
            raise FailedPrecondition(f"need {need_id} is of another council", f"need_ids[{i}]")
        if status != "open":
            raise FailedPrecondition(f"need {need_id} is {status}, not open", f"need_ids[{i}]")


def check_deadline(deadline: date | None, today: date) -> None:
    if deadline is None:
        return
    if deadline < today:
        raise InvalidArgument("must not be in the past", "deadline")
    if (deadline - today).days > MAX_DEADLINE_DAYS:
        raise InvalidArgument("a project is due within two years", "deadline")


def check_claim(status: str, organisation_id: str | None, person_id: str | None) -> str:
    """'unit' or 'member': exactly one claimer, on a project still open."""
    if organisation_id and person_id:
        raise InvalidArgument("give exactly one claimer, a unit or a member, not both", "person_id")
    if not organisation_id and not person_id:
        raise InvalidArgument("is required: the unit that claims it, or person_id", "organisation_id")
    if status not in OPEN:
        raise FailedPrecondition(f"the project is {status}: it is claimed while open", "project_id")
    return "unit" if organisation_id else "member"


def check_member_load(held: int) -> None:
    """A member who holds two open projects takes no third."""
    if held >= MAX_MEMBER_PROJECTS:
        raise FailedPrecondition(f"a member holds at most {MAX_MEMBER_PROJECTS} projects at a time", "person_id")


def claimed_status(status: str) -> str:
    """A claim takes a ledger project to claimed; an escalated one stays escalated."""
    return "claimed" if status == "ledger" else status


def stalled(status: str, deadline: date | None, today: date, escalated: bool) -> bool:
    """Past its deadline, not done nor closed, not yet escalated."""
    return status in ("ledger", "claimed") and deadline is not None and deadline < today and not escalated


def overdue(status: str, deadline: date | None, today: date) -> bool:
    return status in OPEN and deadline is not None and deadline < today


def check_progress(status: str) -> None:
    if status not in OPEN:
        raise FailedPrecondition(f"the project is {status}: progress is recorded while it runs", "project_id")


def check_completable(status: str, done_on: date, created_on: date, today: date) -> None:
    if status == "ledger":
        raise FailedPrecondition("no one has claimed the project: a project in the ledger is not done",
                                 "project_id")
    if status not in ("claimed", "escalated"):
        raise FailedPrecondition(f"the project is {status} already", "project_id")
    if done_on > today:
        raise InvalidArgument("must not be in the future", "done_on")
    if done_on < created_on:
        raise InvalidArgument(f"must not be before the project was made ({created_on})", "done_on")


def check_closable(status: str) -> None:
    if status not in OPEN:
        raise FailedPrecondition(f"the project is {status} already", "project_id")


def check_evaluation(status: str, stars, year, created_year: int, this_year: int) -> None:
    if status in ("ledger", "closed"):
        raise FailedPrecondition(f"the project is {status}: residents evaluate a project someone took on",
                                 "project_id")
    if isinstance(stars, bool) or not isinstance(stars, int) or not MIN_STARS <= stars <= MAX_STARS:
        raise InvalidArgument(f"must be a whole number from {MIN_STARS} to {MAX_STARS}", "stars")
    if isinstance(year, bool) or not isinstance(year, int) or not created_year <= year <= this_year:
        raise InvalidArgument(f"must be a year from {created_year} (the project's) to {this_year}", "year")


def tally(stars: list[int]) -> dict:
    """How many evaluated, and their average."""
    return {"evaluations": len(stars), "average": average_stars(stars)}

