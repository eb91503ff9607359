"""Mutual evaluation (互学互评).

- The community's resident representatives (居民代表, named to the council from the community's
  residents) rate each member unit's social responsibility once a year (1 to 5 stars, a comment); the
  year's result per unit is reported to the unit's superior (the registry's parent organisation).
- Member units rate the service of the community and of its sub-district once a year.
"""
from __future__ import annotations

from services.common.errors import InvalidArgument

TARGETS = ("community", "subdistrict")


def check_stars(stars) -> int:
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
        raise InvalidArgument("must be a whole number of stars from 1 to 5", "stars")
    return stars


def check_year(year, this_year: int) -> int:
    """A year's evaluation is given in that year or in the first months after it (the year-end review)."""
    if isinstance(year, bool) or not isinstance(year, int) or year not in (this_year - 1, this_year):
        raise InvalidArgument(f"must be {this_year - 1} or {this_year}", "year")
    return year


def check_target(target: str) -> str:
    if target not in TARGETS:
        raise InvalidArgument("must be community or subdistrict", "target")
    return target


def average_stars(stars: list[int]) -> float:
    """Stars' average to one decimal (0 when none): the one way every rating in the council is averaged."""
    return round(sum(stars) / len(stars), 1) if stars else 0.0


def tally(stars: list[int]) -> dict:
    """The year's result: how many rated, and their average."""
    return {"ratings": len(stars), "average": average_stars(stars)}
