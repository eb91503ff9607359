"""Star ratings (星级评定) from quarterly inspection score sheets (观摩评分表), and their consequences.

Consequences are rules, not advice:
- two stars or fewer: no honours for the branch or its people, and the branch is listed as
  weak and lax (软弱涣散) for rectification (整顿);
- one star: the sub-district working committee takes it over directly: from then on only its
  sub-district (or the district) changes the branch and its people's records there, until the
  rectification closes (enforced where every write is checked: services/registry/repository.py);
- one star two years running: the secretary is replaced: flagged, with a by-election task for the
  sub-district (services/registry/app/followups.py);
- a branch under rectification may get a dispatched first secretary (第一书记);
- funding tiers follow stars.
"""
from __future__ import annotations

from dataclasses import dataclass

from services.common.errors import InvalidArgument

#: minimum total score (out of 100) for each star count, highest first
STAR_THRESHOLDS = ((90, 5), (80, 4), (70, 3), (60, 2), (0, 1))
FIVE_GOOD_MIN_STARS = 5
FUNDING_TIERS = {5: "A", 4: "B", 3: "C", 2: "D", 1: "D"}

#: the inspection sheet's items and their maximum scores (adds up to 100)
SCORE_SHEET = {
    "political_study": 20,        # 政治学习
    "organisational_life": 20,    # 组织生活 (三会一课)
    "team_building": 15,          # 班子建设
    "member_management": 15,      # 党员管理
    "service_to_residents": 20,   # 服务群众
    "records": 10,                # 台账资料
}


class Consequence:
    RECTIFICATION = "listed_for_rectification"
    HONOURS_BARRED = "honours_barred"
    TAKEN_OVER = "taken_over_by_working_committee"
    REPLACE_SECRETARY = "secretary_to_be_replaced"


@dataclass(frozen=True)
class Rating:
    score: float
    stars: int
    five_good: bool
    funding_tier: str
    consequences: tuple[str, ...]


def check_quarter(year: int, quarter: int) -> None:
    if not 2000 <= int(year) <= 2100:
        raise InvalidArgument(f"must be a year between 2000 and 2100, got {year!r}", "year")
    if int(quarter) not in (1, 2, 3, 4):
        raise InvalidArgument(f"must be 1, 2, 3 or 4, got {quarter!r}", "quarter")


def score_sheet_total(items: dict[str, float]) -> float:
    """Validate each item against its maximum; returns the total."""
    if not items:
        raise InvalidArgument("the score sheet is empty", "items")
    unknown = sorted(set(items) - set(SCORE_SHEET))
    if unknown:
        raise InvalidArgument(f"unknown item(s) {', '.join(unknown)}; the sheet has {', '.join(SCORE_SHEET)}",
                              "items")
    missing = [item for item in SCORE_SHEET if item not in items]
    if missing:  # named by the first one (items.team_building), as a bad score is: "items" did not say which
        raise InvalidArgument(f"is required: the sheet scores every item (missing {', '.join(missing)})",
                              f"items.{missing[0]}")
    total = 0.0
    for item, value in items.items():
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise InvalidArgument(f"must be a number, got {value!r}", f"items.{item}")
        if not 0 <= value <= SCORE_SHEET[item]:
            raise InvalidArgument(f"must be between 0 and {SCORE_SHEET[item]}, got {value:g}", f"items.{item}")
        total += value
    return round(total, 2)


def stars_for(score: float) -> int:
    for minimum, stars in STAR_THRESHOLDS:
        if score >= minimum:
            return stars
    return 1


def rate(score: float, previous_year_stars: int | None) -> Rating:
    """The rating of a score, with the consequences that follow from it.

    ``previous_year_stars`` is the branch's standing at the end of last year (its latest
    rating that year), used for the "one star two years running" rule.
    """
    stars = stars_for(score)
    consequences: list[str] = []
    if stars <= 2:
        consequences += [Consequence.RECTIFICATION, Consequence.HONOURS_BARRED]
    if stars == 1:
        consequences.append(Consequence.TAKEN_OVER)
        if previous_year_stars == 1:
            consequences.append(Consequence.REPLACE_SECRETARY)
    return Rating(score=score, stars=stars, five_good=stars >= FIVE_GOOD_MIN_STARS,
                  funding_tier=FUNDING_TIERS[stars], consequences=tuple(consequences))


def may_receive_honours(latest_stars: int | None, under_rectification: bool) -> bool:
    return not under_rectification and (latest_stars is None or latest_stars > 2)
