"""The co-building fund's rules (共建基金): money in whole fen, donors, in kind apart, a balance that never
goes below zero, the books' check, the leader group's decision, reversals, the quarter's statement."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.council.domain import fund as rules


@pytest.mark.parametrize("value", [0, -1, -500, 12.5, 12.0, "100", None, True, rules.MAX_AMOUNT_FEN + 1])
def test_an_amount_is_whole_fen_above_zero(value):
    with pytest.raises(InvalidArgument) as err:
        rules.check_amount(value)
    assert err.value.field == "amount_fen"


def test_a_good_amount_is_kept_as_it_is():
    assert rules.check_amount(1) == 1 and rules.check_amount(rules.MAX_AMOUNT_FEN) == rules.MAX_AMOUNT_FEN


@pytest.mark.parametrize("given, field", [
    ((None, None, None), "donor_organisation_id"),
    (("u1", "p1", None), "donor_person_id"),
    (("u1", None, "王先生"), "donor_name"),
    ((None, "p1", "王先生"), "donor_name"),
])
def test_exactly_one_donor(given, field):
    with pytest.raises(InvalidArgument) as err:
        rules.donor_kind(*given)
    assert err.value.field == field


def test_the_donor_kinds():
    assert [rules.donor_kind("u1", None, None), rules.donor_kind(None, "p1", None),
            rules.donor_kind(None, None, "王先生")] == ["unit", "person", "named"]


def test_only_partner_units_and_social_organisations_give_as_units():
    rules.check_unit_kind("partner_unit", "区供电公司")
    with pytest.raises(FailedPrecondition) as err:
        rules.check_unit_kind("branch", "第一党支部")
    assert err.value.field == "donor_organisation_id"


def test_in_kind_is_described_and_money_is_not():
    rules.check_in_kind("in_kind", "大米 50 袋")
    rules.check_in_kind("money", None)
    assert pytest.raises(InvalidArgument, rules.check_in_kind, "in_kind", None).value.field == "description"
    assert pytest.raises(InvalidArgument, rules.check_in_kind, "money", "大米").value.field == "description"
    assert pytest.raises(InvalidArgument, rules.check_kind, "cash").value.field == "kind"


def test_a_person_is_never_named_in_public_but_by_the_name_he_chose():
    assert rules.public_donor("unit", "区供电公司", None) == "区供电公司"
    assert rules.public_donor("person", "张三", None) == "个人捐赠"
    assert rules.public_donor("person", "张三", "热心居民") == "热心居民"
    assert rules.public_donor("named", "李四", None) == "个人捐赠"


def test_the_balance_never_goes_below_zero():
    assert rules.post(1000, -1000) == 0 and rules.post(0, 500) == 500
    with pytest.raises(FailedPrecondition) as err:
        rules.post(999, -1000, "disbursement_id")
    assert err.value.field == "disbursement_id"


def test_the_books_balance_when_each_entry_runs_from_the_one_before():
    assert rules.balanced([(1000, 1000), (-300, 700), (300, 1000)], 1000)
    assert rules.balanced([], 0)
    assert not rules.balanced([(1000, 1000), (-300, 600)], 600)      # a running balance that does not add up
    assert not rules.balanced([(1000, 1000)], 900)                   # the fund's balance is not the entries' sum
    assert not rules.balanced([(-5, -5)], -5)                        # never below zero


def test_a_disbursement_is_requested_then_decided_then_paid():
    rules.check_decidable("requested")
    assert pytest.raises(FailedPrecondition, rules.check_decidable, "approved").value.field == "disbursement_id"
    rules.check_payable("approved")
    for status in ("requested", "rejected", "paid", "reversed"):
        assert pytest.raises(FailedPrecondition, rules.check_payable, status).value.field == "disbursement_id"


def test_an_approval_names_the_leader_groups_decision_and_a_rejection_says_why():
    rules.check_decision(True, "jm1", None, None)
    rules.check_decision(True, None, "理事会〔2026〕3号", None)
    rules.check_decision(False, None, None, "预算不足")
    assert pytest.raises(InvalidArgument, rules.check_decision, True, None, None, None).value.field == \
        "decision_meeting_id"
    assert pytest.raises(InvalidArgument, rules.check_decision, False, None, None, None).value.field == "note"


def test_a_payment_day_is_not_in_the_future_nor_before_the_approval():
    rules.check_paid_on(date(2026, 6, 1), date(2026, 5, 30), date(2026, 6, 1))
    assert pytest.raises(InvalidArgument, rules.check_paid_on, date(2026, 6, 2), date(2026, 5, 30),
                         date(2026, 6, 1)).value.field == "paid_on"
    assert pytest.raises(InvalidArgument, rules.check_paid_on, date(2026, 5, 29), date(2026, 5, 30),
                         date(2026, 6, 1)).value.field == "paid_on"


def test_an_entry_is_reversed_once_and_a_reversal_never():
    rules.check_reversible("contribution", False)
    assert pytest.raises(FailedPrecondition, rules.check_reversible, "disbursement", True).value.field == "entry_id"
    assert pytest.raises(FailedPrecondition, rules.check_reversible, "reversal", False).value.field == "entry_id"


def test_a_closed_project_receives_no_money():
    rules.check_fundable("claimed", "路灯")
    assert pytest.raises(FailedPrecondition, rules.check_fundable, "closed", "路灯").value.field == "project_id"


def test_the_quarters_statement_adds_up():
    entries = [{"kind": "contribution", "amount": 50_000},
               {"kind": "disbursement", "amount": -20_000, "project_id": "p1", "project_title": "路灯"},
               {"kind": "disbursement", "amount": -5_000, "project_id": "p2", "project_title": "助老"},
               {"kind": "disbursement", "amount": -1_000, "project_id": "p1", "project_title": "路灯"},
               {"kind": "reversal", "amount": 1_000}]
    s = rules.statement(10_000, entries)
    assert (s["opening_balance_fen"], s["contributions_fen"], s["disbursed_fen"], s["reversals_fen"],
            s["closing_balance_fen"]) == (10_000, 50_000, 26_000, 1_000, 35_000)
    assert s["projects"] == [{"project_id": "p1", "project_title": "路灯", "amount_fen": 21_000, "payments": 2},
                             {"project_id": "p2", "project_title": "助老", "amount_fen": 5_000, "payments": 1}]
    assert all(isinstance(v, int) for k, v in s.items() if k.endswith("_fen"))  # fen stay whole numbers
    assert rules.statement(0, [])["closing_balance_fen"] == 0
