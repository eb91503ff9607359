"""Pure double-entry rules: balanced postings, reversals, expiry dates, oldest-first spending, statements."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.common.errors import FailedPrecondition, InvalidArgument
from services.points.domain import ledger as L
from services.points.domain.ledger import Lot, Posting


def test_accounts_are_named_by_district_kind_and_owner():
    assert L.account_id("310101", "resident", "p1") == "310101:resident:p1"
    assert L.pool_id("310101", "moral_bank") == "310101:pool:moral_bank"
    assert L.programme_of("member") == "member_points"
    assert {L.programme_of(k) for k in ("resident", "household", "unit", "station")} == {"moral_bank"}


@pytest.mark.parametrize("kind", ["member", "resident", "household", "unit", "station"])
def test_account_kinds_that_may_be_opened(kind):
    L.check_account_kind(kind)


@pytest.mark.parametrize("kind", ["pool", "", "person", None])
def test_a_pool_or_unknown_kind_cannot_be_opened(kind):
    with pytest.raises(InvalidArgument) as err:
        L.check_account_kind(kind, "account.kind")
    assert err.value.field == "account.kind"


@pytest.mark.parametrize("household", ["h1", "3-2-501", "3#502", "幸福里12号", "A/12_b.3", "x" * 64])
def test_household_ids_of_the_usual_shapes(household):
    assert L.check_household_id(household) == household


@pytest.mark.parametrize("household", ["' OR '1'='1", "", " h1", "h 1", "-h1", "h1;drop", "310101:resident:r1",
                                       "bell\x07", "x" * 65, None])
def test_other_household_ids_are_refused_naming_the_field(household):
    with pytest.raises(InvalidArgument) as err:
        L.check_household_id(household, "account.owner")
    assert err.value.field == "account.owner"


@pytest.mark.parametrize("points", [1, 5, 100_000, 7.0])
def test_whole_amounts_are_accepted(points):
    assert L.check_amount(points) == int(points)


@pytest.mark.parametrize("points", [0, -1, 100_001, 2.5, "5", None, True])
def test_bad_amounts_are_refused_naming_the_field(points):
    with pytest.raises(InvalidArgument) as err:
        L.check_amount(points, "points")
    assert err.value.field == "points"


def test_a_transfer_is_two_balanced_postings():
    postings = L.transfer("pool", "acc", 7)
    assert postings == [Posting("pool", -7), Posting("acc", 7)]
    assert sum(p.amount for p in postings) == 0


@pytest.mark.parametrize("postings", [
    [Posting("a", 5)],
    [Posting("a", 5), Posting("b", -4)],
    [Posting("a", 0), Posting("b", 0)],
    [Posting("a", 5), Posting("b", -5), Posting("c", 0)],
])
def test_unbalanced_or_degenerate_transactions_are_refused(postings):
    with pytest.raises(InvalidArgument) as err:
        L.balanced(postings)
    assert err.value.field == "postings"


def test_a_reversal_negates_every_posting():
    original = [Posting("pool", -10), Posting("acc", 6), Posting("other", 4)]
    assert L.reversal_of(original) == [Posting("pool", 10), Posting("acc", -6), Posting("other", -4)]


@given(st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=6))
def test_a_multi_leg_transaction_and_its_reversal_both_balance(amounts):
    postings = [Posting("pool", -sum(amounts))] + [Posting(f"a{i}", n) for i, n in enumerate(amounts)]
    L.balanced(postings)
    undone = L.reversal_of(postings)
    assert sum(p.amount for p in undone) == 0
    assert {p.account: p.amount for p in postings} == {p.account: -p.amount for p in undone}


@pytest.mark.parametrize("policy,earned,expected", [
    ("end_of_following_year", date(2026, 6, 1), date(2027, 12, 31)),
    ("end_of_following_year", date(2026, 12, 31), date(2027, 12, 31)),
    ("end_of_following_year", date(2026, 1, 1), date(2027, 12, 31)),
    ("end_of_year", date(2026, 6, 1), date(2026, 12, 31)),
    ("never", date(2026, 6, 1), None),
])
def test_expiry_dates_by_policy(policy, earned, expected):
    assert L.expires_on(earned, policy) == expected


def test_an_unknown_expiry_policy_is_refused():
    with pytest.raises(InvalidArgument) as err:
        L.expires_on(date(2026, 1, 1), "end_of_decade")
    assert err.value.field == "expiry_policy"


def test_points_lapse_the_day_after_their_expiry_date():
    assert not L.lapsed(None, date(2099, 1, 1))                          # "never"
    assert not L.lapsed(date(2026, 12, 31), date(2026, 12, 31))          # still spendable on the day
    assert L.lapsed(date(2026, 12, 31), date(2027, 1, 1))                # lapsed, swept or not


def test_an_award_backdated_past_its_own_expiry_is_refused_naming_occurred_on():
    assert L.check_award_day(date(2026, 12, 20), "end_of_year", date(2026, 12, 31)) == date(2026, 12, 31)
    assert L.check_award_day(date(2026, 12, 20), "end_of_following_year", date(2027, 2, 1)) == date(2027, 12, 31)
    assert L.check_award_day(date(2020, 1, 1), "never", date(2027, 2, 1)) is None
    with pytest.raises(InvalidArgument) as err:
        L.check_award_day(date(2026, 12, 20), "end_of_year", date(2027, 1, 1))
    assert err.value.field == "occurred_on" and "lapsed on 2026-12-31" in err.value.message


def test_spending_takes_the_soonest_to_expire_first():
    lots = [Lot("late", date(2028, 12, 31), 10), Lot("never", None, 10), Lot("early", date(2027, 12, 31), 4)]
    assert L.spend_oldest_first(lots, 12) == [("early", 4), ("late", 8)]
    assert L.spend_oldest_first(lots, 24) == [("early", 4), ("late", 10), ("never", 10)]


def test_spending_skips_empty_lots_and_refuses_to_overdraw():
    lots = [Lot("a", date(2027, 1, 1), 0), Lot("b", date(2027, 6, 1), 3)]
    assert L.spend_oldest_first(lots, 3) == [("b", 3)]
    with pytest.raises(FailedPrecondition) as err:
        L.spend_oldest_first(lots, 4)
    assert err.value.field == "points" and "balance 3 is less than 4" in err.value.message


lot_strategy = st.lists(st.tuples(st.one_of(st.none(), st.dates(min_value=date(2026, 1, 1),
                                                                  max_value=date(2030, 12, 31))),
                                  st.integers(min_value=0, max_value=50)), max_size=8)


@settings(max_examples=100)
@given(lot_strategy, st.integers(min_value=1, max_value=300))
def test_oldest_first_spends_exactly_and_never_a_later_lot_before_an_earlier_one(raw, points):
    lots = [Lot(f"l{i}", d, n) for i, (d, n) in enumerate(raw)]
    available = sum(lot.remaining for lot in lots)
    if points > available:
        with pytest.raises(FailedPrecondition):
            L.spend_oldest_first(lots, points)
        return
    taken = L.spend_oldest_first(lots, points)
    assert sum(n for _, n in taken) == points
    by_id = {lot.id: lot for lot in lots}
    assert all(0 < n <= by_id[lid].remaining for lid, n in taken)
    used = {lid for lid, _ in taken}
    key = lambda lot: (lot.expires_on is None, lot.expires_on or date.max)  # noqa: E731
    # a lot left with points is never sooner to expire than a lot that was drawn on
    for lid in used:
        for other in lots:
            if other.id not in used and other.remaining > 0:
                assert key(other) >= key(by_id[lid])


@pytest.mark.parametrize("kind,line", [("award", "earned"), ("redemption", "spent"), ("expiry", "expired"),
                                       ("deduction", "deducted"), ("refund", "refunded"),
                                       ("reversal", "reversed")])
def test_statement_lines(kind, line):
    assert L.statement_line(kind) == line
    assert line in L.STATEMENT_LINES
