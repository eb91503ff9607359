"""The rules of service teams (skills, teams, activities) and of mutual evaluation (stars, years, targets)."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.council.domain import evaluation, teams


def test_skills_are_named_once_each_and_bounded():
    assert teams.check_skills([" 电工 ", "电工", "木工"]) == ["电工", "木工"]
    for skills, field in (([], "skills"), (["x"] * 21, "skills"), (["ok", "x" * 41], "skills[1]"), ([3], "skills[0]")):
        with pytest.raises(InvalidArgument) as err:
            teams.check_skills(skills)
        assert err.value.field == field


def test_a_team_has_a_basis_and_a_kind():
    teams.check_team("interest", "performance")
    for basis, kind, field in (("money", "repair", "basis"), ("skill", "party", "kind")):
        with pytest.raises(InvalidArgument) as err:
            teams.check_team(basis, kind)
        assert err.value.field == field


def test_an_activity_is_held_served_by_team_members():
    today = date(2026, 6, 1)
    assert teams.check_activity(today, today, 0, ["a", "b", "a"], {"a", "b"}) == ["a", "b"]
    for on, served, volunteers, error, field in (
            (date(2026, 6, 2), 1, ["a"], InvalidArgument, "served_on"),
            (today, True, ["a"], InvalidArgument, "people_served"),
            (today, 1, [], InvalidArgument, "volunteer_ids"),
            (today, 1, ["a", "z"], FailedPrecondition, "volunteer_ids[1]")):
        with pytest.raises(error) as err:
            teams.check_activity(on, today, served, volunteers, {"a", "b"})
        assert err.value.field == field


def test_stars_years_targets_and_the_tally():
    assert evaluation.check_stars(5) == 5 and evaluation.check_year(2025, 2026) == 2025
    for check, value, field in ((evaluation.check_stars, 0, "stars"), (evaluation.check_stars, True, "stars"),
                                (lambda v: evaluation.check_year(v, 2026), 2027, "year"),
                                (evaluation.check_target, "district", "target")):
        with pytest.raises(InvalidArgument) as err:
            check(value)
        assert err.value.field == field
    assert evaluation.tally([5, 4, 4]) == {"ratings": 3, "average": 4.3}
    assert evaluation.tally([]) == {"ratings": 0, "average": 0.0}
