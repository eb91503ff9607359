"""The reporting periods every service counts in (services/common/values.py): months, quarters, halves."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import InvalidArgument
from services.common.values import period_days, period_of


def test_a_day_falls_in_one_month_quarter_and_half():
    day = date(2026, 8, 31)
    assert (period_of(day, "month"), period_of(day), period_of(day, "half")) == ("2026-08", "2026-Q3", "2026-H2")


@pytest.mark.parametrize("period, days", [
    ("2026-02", (date(2026, 2, 1), date(2026, 2, 28))),
    ("2026-12", (date(2026, 12, 1), date(2026, 12, 31))),
    ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
    ("2026-H1", (date(2026, 1, 1), date(2026, 6, 30))),
])
def test_a_period_has_its_first_and_last_day(period, days):
    assert period_days(period) == days


@pytest.mark.parametrize("period, every", [("2026-13", None), ("2026-Q5", None), ("26-Q1", None), ("", None),
                                           (None, None), ("2026-05", "quarter"), ("1999-Q1", None)])
def test_a_malformed_period_is_refused_naming_the_field(period, every):
    with pytest.raises(InvalidArgument) as err:
        period_days(period, "quarter", every)
    assert err.value.field == "quarter"
