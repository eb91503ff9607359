"""The three lists (三张清单) gathered by door-to-door visits (入户走访): needs and resources, and what
fits what.

- A need (需求清单) is recorded from a visit (the day, who visited, the building or grid if known),
  with a description, a kind (elderly_care, repair, childcare, environment, health, employment,
  culture, other), the skills it wants (tags), an urgency (urgent | high | normal | low) and the
  resident it is for (a registry person, optional). It is open until a project takes it up
  (in_project), then met when that project is done.
- A resource (资源清单) is technical help, a venue or a talent, with skills (tags) and a place (a
  community or a grid), offered by a unit (a partner unit or a social organisation) or a person.
- Matching (GetMatches): a resource or an in-service member fits a need when one of the need's tags
  (its kind and its skills) is among the resource's skills, or names one of the projects the member
  picked when registering with the community (到社区报到). What fits is ranked by a score: the tags
  shared, then the place (the need's grid, its community, its sub-district), each with its reason.
- A gap (GetGaps): an open need that nothing fits.
"""
from __future__ import annotations

from datetime import date

from services.common.divisions import within
from services.common.errors import InvalidArgument
from services.common.values import distinct_labels

NEED_KINDS = ("elderly_care", "repair", "childcare", "environment", "health", "employment", "culture", "other")
URGENCIES = ("urgent", "high", "normal", "low")
URGENCY_RANK = {u: i for i, u in enumerate(URGENCIES)}   # the ledger's order: most urgent first
NEED_STATUSES = ("open", "in_project", "met", "closed")
RESOURCE_KINDS = ("technical", "venue", "talent")
MAX_TAGS = 20
MAX_VISIT_AGE_DAYS = 366   # a visit is recorded within the year it was made

#: the score of a match: each shared tag, then where the resource or member is
SCORE_TAG = 10
SCORE_GRID = 3
SCORE_COMMUNITY = 2
SCORE_SUBDISTRICT = 1


def check_tags(tags: list | None, field: str = "skills") -> list[str]:
    """0 to 20 tags, each 1 to 40 characters, without repeats (kept in the order given)."""
    return distinct_labels(tags, field, MAX_TAGS, "tag")


def check_need(kind: str, urgency: str, visited_on: date, today: date) -> None:
    if kind not in NEED_KINDS:
        raise InvalidArgument(f"must be one of {', '.join(NEED_KINDS)}", "kind")
    if urgency not in URGENCIES:
        raise InvalidArgument(f"must be one of {', '.join(URGENCIES)}", "urgency")
    if visited_on > today:
        raise InvalidArgument("must not be in the future: a need is recorded from a visit made", "visited_on")
    if (today - visited_on).days > MAX_VISIT_AGE_DAYS:
        raise InvalidArgument("a visit is recorded within a year of it", "visited_on")


def check_resource(kind: str, organisation_id: str | None, person_id: str | None) -> None:
    """A kind, and exactly one offerer: a unit or a person."""
    if kind not in RESOURCE_KINDS:
        raise InvalidArgument(f"must be one of {', '.join(RESOURCE_KINDS)}", "kind")
    if organisation_id and person_id:  # named by the second: the one that should not be there
        raise InvalidArgument("give exactly one offerer, a unit or a person, not both", "person_id")
    if not organisation_id and not person_id:
        raise InvalidArgument("is required: the unit that offers it, or person_id", "organisation_id")


def need_tags(kind: str, skills: list[str]) -> set[str]:
    return {t.casefold() for t in [kind, *skills]}


def place_score(need_community: str, need_grid: str | None, place: str | None) -> tuple[int, str | None]:
    """(score, reason) of where a resource or member is, seen from the need's grid and community."""
    if not place:
        return 0, None
    if need_grid and within(place, need_grid):
        return SCORE_GRID, "in the need's grid"
    if within(place, need_community):
        return SCORE_COMMUNITY, "in the need's community"
    if within(place, need_community[:9]):
        return SCORE_SUBDISTRICT, "in the need's sub-district"
    return 0, None


def match_resource(tags: set[str], need_community: str, need_grid: str | None, skills: list[str],
                   place: str | None) -> tuple[int, list[str]] | None:
    """(score, reasons) of a resource for a need with ``tags``; None when it does not fit (no tag shared)."""
    shared = [s for s in skills if s.casefold() in tags]
    if not shared:
        return None
    score, where = place_score(need_community, need_grid, place)
    reasons = [f"offers {s}" for s in shared] + ([where] if where else [])
    return SCORE_TAG * len(shared) + score, reasons


def match_volunteer(tags: set[str], need_community: str, projects: list[str],
                    held: int, most: int) -> tuple[int, list[str]] | None:
    """(score, reasons) of an in-service member registered with ``need_community`` who picked
    ``projects`` and holds ``held`` projects of the bank; None when no tag names one of his picks or
    he holds as many as he may (``most``)."""
    if held >= most:
        return None
    shared = sorted({t for t in tags for p in projects if t and t in p.casefold()})
    if not shared:
        return None
    reasons = [f"picked a project of {t}" for t in shared] + ["registered with the need's community"]
    return SCORE_TAG * len(shared) + SCORE_COMMUNITY, reasons


def ranked(matches: list[dict]) -> list[dict]:
    """Best first: the score, then resources before volunteers, then the name (a stable order)."""
    return sorted(matches, key=lambda x: (-x["score"], x["kind"] != "resource", x["name"], x["id"]))
