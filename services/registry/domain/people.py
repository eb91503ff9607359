"""People, memberships, posts and terms.

- Members (党员) have a category used by points rules: organ (机关), community (社区),
  new organisation (两新).
- Posts are held for a term. A post of a party organisation (secretary, deputy, committee member,
  grid head) is held by one of its members; a first secretary is the exception: dispatched from
  outside to a rectified branch. The two committees (两委) are re-elected every term (换届选举,
  five years); a vacancy is filled by a by-election (补选) for the rest of the running term.
- The community's 1+1+N mediation team draws its community judge (社区法官) and its mediator
  (调解员) from posts held in the community's residents' committee or party committee; these are
  not party posts (a judge from the court needs no party membership).
- In-service members (在职党员) register with their home community (到社区报到) and pick one or
  two volunteer projects; floating members (流动党员) keep their own records and report to their
  branch at least every six months (定期汇报); a report later than that is overdue.
- Each community keeps 2-3 reserve cadres (后备干部) for the secretary post; fewer than two is a
  warning. A reserve cadre could take that post: a party member registered in that community.
"""
from __future__ import annotations

from datetime import date, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument
from services.registry.domain.organisations import Kind

MEMBER_CATEGORIES = ("organ", "community", "new_org")
PERSON_STATUSES = ("regular", "in_service", "floating")
PARTY_POSTS = ("secretary", "deputy_secretary", "committee_member", "grid_head", "first_secretary")
#: the community's mediation posts (社区法官, 调解员): held in its residents' or party committee
COMMUNITY_POSTS = ("community_judge", "mediator")
POST_TITLES = PARTY_POSTS + COMMUNITY_POSTS
COMMUNITY_POST_KINDS = (Kind.RESIDENTS_COMMITTEE, Kind.COMMUNITY_COMMITTEE)
#: posts only one person holds at a time in an organisation
SINGLE_HOLDER_POSTS = ("secretary", "first_secretary", "grid_head")
TERM_YEARS = 5
TERM_ENDING_NOTICE_DAYS = 90
RESERVE_MINIMUM = 2
RESERVE_MAXIMUM = 3
MAX_VOLUNTEER_PROJECTS = 2
#: a floating member reports to the home branch at least every six months
FLOATING_REPORT_EVERY_DAYS = 182


def check_category(category: str | None, is_member: bool) -> None:
    if is_member and category not in MEMBER_CATEGORIES:
        raise InvalidArgument(f"a member needs one of {', '.join(MEMBER_CATEGORIES)}", "member_category")
    if not is_member and category:
        raise InvalidArgument("only party members have a member category", "member_category")


def check_phone(phone: str | None, field: str = "phone") -> str | None:
    if phone in (None, ""):
        return None
    digits = phone.replace(" ", "").replace("-", "") if isinstance(phone, str) else ""
    if not digits.isdigit() or not digits.isascii() or not 7 <= len(digits) <= 15:
        raise InvalidArgument(f"must be 7 to 15 digits, got {phone!r}", field)
    return digits


def term_end(start: date, years: int = TERM_YEARS) -> date:
    try:
        return start.replace(year=start.year + years) - timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28) - timedelta(days=1)


def check_term(start: date, end: date) -> None:
    if end <= start:
        raise InvalidArgument(f"must be after the term's start {start.isoformat()}", "term_end")


def check_title(title: str) -> None:
    if title not in POST_TITLES:
        raise InvalidArgument(f"must be one of {', '.join(POST_TITLES)}", "title")


def check_post_place(title: str, org_kind: str, org_level: str) -> None:
    """A community mediation post sits in a committee of one community (its residents' committee or its
    party committee): the team is drawn from the community."""
    if title in COMMUNITY_POSTS and (org_kind not in COMMUNITY_POST_KINDS or org_level != "community"):
        raise InvalidArgument(f"a {title} post is held in a community's residents' committee or party committee, "
                              f"not in a {org_kind}", "organisation_id")


def check_vacancy(title: str, current_holders: int) -> None:
    if title in SINGLE_HOLDER_POSTS and current_holders:
        raise FailedPrecondition(f"the {title} post is held; end the current term or hold a by-election",
                                 "title")


def check_post_holder(is_member: bool, belongs: bool, field: str = "person_id") -> None:
    """A post of a party organisation is held by one of its members: a party member whose membership
    lies in the organisation or in one beneath it (a community committee's secretary sits in one of
    its branches)."""
    if not is_member:
        raise FailedPrecondition("is not a party member; a party organisation's posts are held by its members",
                                 field)
    if not belongs:
        raise FailedPrecondition("is not a member of this organisation or of one beneath it; join it first", field)


def by_election_term(running_term_end: date | None, on: date) -> date:
    """A by-election fills the vacancy until the running term ends (补选 does not start a new term)."""
    if running_term_end is None:
        raise FailedPrecondition("there is no running term to fill; hold an election first", "organisation_id")
    if running_term_end <= on:
        raise FailedPrecondition(f"the running term ended on {running_term_end.isoformat()}; hold an election",
                                 "held_on")
    return running_term_end


def is_term_ending(end: date, today: date, notice_days: int = TERM_ENDING_NOTICE_DAYS) -> bool:
    return today <= end <= today + timedelta(days=notice_days)


def quarter_end(today: date) -> date:
    """The last day of ``today``'s quarter (terms ending "this quarter")."""
    last_month = (today.month - 1) // 3 * 3 + 3
    after = date(today.year + 1, 1, 1) if last_month == 12 else date(today.year, last_month + 1, 1)
    return after - timedelta(days=1)


def floating_report_due(left_on: date, last_report_on: date | None) -> date:
    """The day by which a floating member's next report is due: six months after the last one (or after
    leaving, before the first)."""
    return (last_report_on or left_on) + timedelta(days=FLOATING_REPORT_EVERY_DAYS)


def floating_overdue_before(today: date) -> date:
    """A floating member whose last report (or leaving) is before this day is overdue on ``today``."""
    return today - timedelta(days=FLOATING_REPORT_EVERY_DAYS)


def reserve_status(count: int) -> dict:
    """How a community's reserve cadre bench stands (2-3 wanted)."""
    return {"count": count, "warning": count < RESERVE_MINIMUM,
            "message": (f"only {count} reserve cadre(s); keep at least {RESERVE_MINIMUM}"
                        if count < RESERVE_MINIMUM else "ok")}


def check_reserve_cadre(is_member: bool, home_community: str | None, community: str) -> None:
    """A reserve cadre is kept for the community's secretary post, so must be able to take it: a party
    member registered in that community."""
    if not is_member:
        raise FailedPrecondition("is not a party member; reserve cadres are kept for the secretary post", "person_id")
    if home_community != community:
        raise FailedPrecondition(f"is registered in {home_community or 'no community'}, not in {community}; "
                                 "reserve cadres are kept by their own community", "person_id")


def check_reserve_room(count: int) -> None:
    if count >= RESERVE_MAXIMUM:
        raise FailedPrecondition(f"a community keeps at most {RESERVE_MAXIMUM} reserve cadres", "community_code")


def check_volunteer_projects(projects: list[str] | None) -> list[str]:
    # blanks are dropped, but each project keeps its place in the list the caller sent, so that a
    # repeated one is named where it repeats (volunteer_projects[1]), not by the list alone
    kept = [(j, p.strip()) for j, p in enumerate(projects or []) if p and p.strip()]
    if not 1 <= len(kept) <= MAX_VOLUNTEER_PROJECTS:
        raise InvalidArgument(f"pick one or two volunteer projects, got {len(kept)}", "volunteer_projects")
    seen = set()
    for j, project in kept:
        if project in seen:
            raise InvalidArgument("the same project is picked twice", f"volunteer_projects[{j}]")
        seen.add(project)
    return [project for _, project in kept]


def check_hours(hours: float) -> float:
    try:
        hours = float(hours)
    except (TypeError, ValueError):
        raise InvalidArgument(f"must be a number, got {hours!r}", "hours")
    if not 0 < hours <= 24:
        raise InvalidArgument("must be more than 0 and at most 24 for one day", "hours")
    return hours
