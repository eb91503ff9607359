"""Co-building councils (共建理事团): one per community.

- The leader group is headed by the community's party secretary: the person holding the running
  ``secretary`` post of the community's own party organisation (社区党委 or 党总支, the registry's).
- Members are units: registry partner units (of the four kinds: party and government organs, public
  institutions, state-owned and private enterprises) and social organisations of the district. Some
  sit in the leader group (their heads).
- Where a district uses one, a rotating chair (轮值主席): a member unit chairs for a term, then
  another; a chair's term does not overlap the one before.
- A yearly work plan: its items, each with what is to be done and, optionally, the unit leading it
  and the month it is due.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

#: the registry's organisation kinds that may be members of a council
MEMBER_KINDS = ("partner_unit", "social_organisation")
#: the community's own party organisation, whose secretary heads the leader group
LEADING_KINDS = ("community_committee", "general_branch")
MAX_PLAN_ITEMS = 50
MAX_CHAIR_DAYS = 366


def check_member_kind(kind: str | None, name: str) -> None:
    if kind not in MEMBER_KINDS:
        raise FailedPrecondition(f"{name} is a {kind}: a council's members are partner units and social "
                                 "organisations", "organisation_id")


def check_leading_organisation(kind: str | None, name: str) -> None:
    if kind not in LEADING_KINDS:
        raise FailedPrecondition(f"the secretary post is held in {name}, a {kind}: the leader group is headed "
                                 "by the secretary of the community's party committee", "leader_id")


def check_chair_term(starts_on: date, ends_on: date, previous_end: date | None) -> None:
    if ends_on < starts_on:
        raise InvalidArgument("must not be before starts_on", "ends_on")
    if (ends_on - starts_on).days > MAX_CHAIR_DAYS:
        raise InvalidArgument("a rotating chair's term is at most a year", "ends_on")
    if previous_end is not None and starts_on <= previous_end:
        raise FailedPrecondition(f"the chair before serves until {previous_end}: a term starts after it", "starts_on")


def check_plan(year: int, items: list | None, this_year: int) -> list[dict]:
    """A year's work plan: 1 to 50 items ``{title, lead_organisation_id?, due_month?}``."""
    if isinstance(year, bool) or not isinstance(year, int) or not this_year - 1 <= year <= this_year + 1:
        raise InvalidArgument(f"must be {this_year - 1}, {this_year} or {this_year + 1}", "year")
    if not items:
        raise InvalidArgument("a work plan has at least one item", "items")
    if len(items) > MAX_PLAN_ITEMS:
        raise InvalidArgument(f"a work plan has at most {MAX_PLAN_ITEMS} items", "items")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InvalidArgument("must be an item {title, lead_organisation_id, due_month}", f"items[{i}]")
        title = (item.get("title") or "").strip()
        if not title or len(title) > 200:
            raise InvalidArgument("is 1 to 200 characters", f"items[{i}].title")
        month = item.get("due_month") or 0
        if isinstance(month, bool) or not isinstance(month, int) or not 0 <= month <= 12:
            raise InvalidArgument("must be a month from 1 to 12 (0: none)", f"items[{i}].due_month")
        out.append({"title": title, "lead_organisation_id": item.get("lead_organisation_id") or "",
                    "due_month": month})
    return out
