"""The figures: the share resolved inside the community against the 80% target, time to resolve, satisfaction."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from services.mediation.domain import figures as rules

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


def case(status="open", tier=None, hours=None, rating=None, overdue=False, category="neighbour_noise",
         outcome=None):
    return SimpleNamespace(status=status, category=category, overdue=overdue, opened_at=T0, rating=rating,
                           resolved_tier=tier, resolved_at=T0 + timedelta(hours=hours) if hours is not None else None,
                           outcome=outcome or ("agreement" if hours is not None else None))


def test_no_case_no_share():
    f = rules.compute([])
    assert (f["cases"], f["community_share"], f["satisfaction_average"], f["time_to_resolve"]) == (0, 0.0, 0.0, [])
    assert f["community_target"] == 0.8


def test_the_share_resolved_in_the_community_and_the_times():
    f = rules.compute([case("resolved", "community", 24, 5), case("resolved", "community", 48),
                       case("resolved", "subdistrict", 96, 3), case("in_mediation", overdue=True), case()])
    assert (f["cases"], f["open"], f["resolved"], f["resolved_in_community"]) == (5, 2, 3, 2)
    assert f["community_share"] == 0.6667 and f["overdue"] == 1
    assert (f["rated"], f["satisfaction_average"]) == (2, 4.0)
    assert f["time_to_resolve"] == [
        {"tier": "community", "category": "neighbour_noise", "cases": 2, "average_hours": 36.0},
        {"tier": "subdistrict", "category": "neighbour_noise", "cases": 1, "average_hours": 96.0}]


def test_a_withdrawn_case_is_not_resolved_in_the_community():
    """Withdrawn complaints ended the case but settled nothing: counted apart, they do not lift the 80% share."""
    f = rules.compute([case("resolved", "community", 24), case("resolved", "subdistrict", 48),
                       case("resolved", "community", 2, outcome="withdrawn"),
                       case("closed", "community", 3, outcome="withdrawn")])
    assert (f["resolved"], f["resolved_in_community"], f["withdrawn"]) == (2, 1, 2)
    assert f["community_share"] == 0.5
    assert f["time_to_resolve"] == [
        {"tier": "community", "category": "neighbour_noise", "cases": 1, "average_hours": 24.0},
        {"tier": "subdistrict", "category": "neighbour_noise", "cases": 1, "average_hours": 48.0}]
