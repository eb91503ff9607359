"""The eco-garden (生态菜园) of a centre: plots, and harvests that become produce at a points station.

- A plot belongs to a centre and sends its produce to one points station (积分驿站), where residents
  redeem it with points; whoever tends it (an organisation, or residents) is named with it.
- A harvest is a kind of produce and a whole quantity (1 to 100,000 pieces or bundles); the first
  harvest of a kind at a station names its points cost (the station lists it from then on).
- A harvest is recorded on the day it is picked, not in the future.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import InvalidArgument

MAX_QUANTITY = 100_000
MAX_POINTS_COST = 10_000


def check_quantity(quantity) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidArgument(f"must be a whole number from 1 to {MAX_QUANTITY}", "quantity")
    return quantity


def check_points_cost(points_cost) -> int | None:
    """The points a piece costs at the station, if this harvest names one (0: none named)."""
    if points_cost in (None, 0):
        return None
    if isinstance(points_cost, bool) or not isinstance(points_cost, int) or not 1 <= points_cost <= MAX_POINTS_COST:
        raise InvalidArgument(f"must be a whole number of points from 1 to {MAX_POINTS_COST} (0: none)", "points_cost")
    return points_cost


def check_harvest_day(day: date, today: date) -> date:
    if day > today:
        raise InvalidArgument("must not be in the future", "harvested_on")
    return day
