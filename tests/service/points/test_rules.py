"""Earning rules per district: versions with effective dates, caps, audiences, approval, rollout flags;
manual awards with evidence and approval; deductions of member points."""
from __future__ import annotations

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from services.points import models as m
from services.points.app import rules
from services.common.rollout import set_rollout_cache
from tests.conftest import DISTRICT_B
from tests.service.points.conftest import (COMM_A, COMM_A3, COMM_B, PILOT_FLAG, acc_id, admin, audit_rows, balance,
                                           call, count, fake_rollout, fund, hh_ref, member_ref, read, res_ref,
                                           sub_staff, unit_ref, worker)


def earn(db, ref, action, ctx=None, **kw):
    return call(db, ctx or worker(), rules.earn, account=ref, action_type=action, **kw)


# ---- versions and effective dates

def test_a_new_version_ends_the_previous_one_the_day_before(seeded, fixed_clock):
    v1 = call(seeded, admin(), rules.define_rule, action_type="tree_planting", points=5, applies_to=["resident"],
              effective_from="2026-01-01")
    v2 = call(seeded, admin(), rules.define_rule, action_type="tree_planting", points=8, applies_to=["resident"],
              effective_from="2026-07-01", description="raised")
    assert (v1["version"], v2["version"]) == (1, 2)
    listed = read(seeded, admin(), rules.list_rules, action_type="tree_planting")["items"]
    assert [(r["version"], r["effective_from"], r.get("effective_to")) for r in listed] == [
        (1, "2026-01-01", "2026-06-30"), (2, "2026-07-01", None)]
    assert [r["version"] for r in read(seeded, admin(), rules.list_rules, action_type="tree_planting",
                                       on="2026-06-30")["items"]] == [1]
    assert earn(seeded, res_ref("r1"), "tree_planting")["points"] == 5
    fixed_clock.advance(days=31)                                     # 2026-07-02
    assert earn(seeded, res_ref("r1"), "tree_planting")["points"] == 8
    # an act done in June is still earned under the June version
    back = earn(seeded, res_ref("r2"), "tree_planting", occurred_on="2026-06-15")
    assert back["points"] == 5 and back["occurred_on"] == "2026-06-15"
    assert balance(seeded, acc_id("resident", "r1")) == 13


def test_a_rule_not_yet_in_force_earns_nothing(seeded):
    call(seeded, admin(), rules.define_rule, action_type="tree_planting", points=5, applies_to=["resident"],
         effective_from="2026-09-01")
    with pytest.raises(FailedPrecondition) as err:
        earn(seeded, res_ref("r1"), "tree_planting")
    assert err.value.field == "action_type" and "no tree_planting rule is in force" in err.value.message
    with pytest.raises(FailedPrecondition):
        earn(seeded, res_ref("r1"), "never_defined")


def test_a_new_version_must_start_later_and_stay_in_its_programme(seeded):
    with pytest.raises(InvalidArgument) as err:
        call(seeded, admin(), rules.define_rule, action_type="volunteer_service", points=6,
             applies_to=["resident"], effective_from="2026-01-01")
    assert err.value.field == "effective_from"
    with pytest.raises(InvalidArgument) as err:
        call(seeded, admin(), rules.define_rule, action_type="volunteer_service", points=6,
             applies_to=["organ"], effective_from="2026-08-01")
    assert err.value.field == "applies_to"


def test_rules_are_per_district(seeded):
    # district B has no rules: the seed is district A's
    with pytest.raises(FailedPrecondition):
        call(seeded, ctx := admin(district=DISTRICT_B), rules.earn, account=res_ref("rb", community=COMM_B),
             action_type="volunteer_service")
    assert read(seeded, admin(district=DISTRICT_B), rules.list_rules)["items"] == []
    call(seeded, ctx, rules.define_rule, action_type="volunteer_service", points=9, applies_to=["resident"])
    assert call(seeded, ctx, rules.earn, account=res_ref("rb", community=COMM_B),
                action_type="volunteer_service")["points"] == 9
    assert earn(seeded, res_ref("r1"), "volunteer_service")["points"] == 5     # A unchanged


def test_only_a_district_admin_defines_rules(seeded):
    with pytest.raises(PermissionDenied):
        call(seeded, sub_staff(), rules.define_rule, action_type="x_rule", points=1, applies_to=["resident"])


def test_defining_a_rule_is_audited(seeded):
    out = call(seeded, admin("rule-maker"), rules.define_rule, action_type="tree_planting", points=5,
               applies_to=["resident"])
    (entry,) = audit_rows(seeded, m.AuditEntry.subject == out["id"])
    assert entry.actor == "rule-maker" and entry.action == "define rule" and entry.after["points"] == 5


# ---- caps

def test_a_daily_cap_gives_what_is_left_then_refuses(seeded, fixed_clock):
    # volunteer_service: 5 points, at most 10 a day
    assert [earn(seeded, hh_ref("h1"), "volunteer_service")["points"] for _ in range(2)] == [5, 5]
    with pytest.raises(FailedPrecondition) as err:
        earn(seeded, hh_ref("h1"), "volunteer_service")
    assert "cap is reached" in err.value.message and err.value.field == "action_type"
    assert earn(seeded, hh_ref("h2"), "volunteer_service")["points"] == 5      # per account
    fixed_clock.advance(days=1)
    assert earn(seeded, hh_ref("h1"), "volunteer_service")["points"] == 5      # a new day


def test_a_partial_award_up_to_the_cap(seeded):
    call(seeded, admin(), rules.define_rule, action_type="tree_planting", points=4, applies_to=["resident"],
         daily_cap=6)
    assert [earn(seeded, res_ref("r1"), "tree_planting")["points"] for _ in range(2)] == [4, 2]
    assert balance(seeded, acc_id("resident", "r1")) == 6


def test_a_monthly_cap(seeded, fixed_clock):
    # political_study: 5 points, at most 20 a month
    for _ in range(4):
        earn(seeded, member_ref("p1"), "political_study")
        fixed_clock.advance(days=1)
    with pytest.raises(FailedPrecondition):
        earn(seeded, member_ref("p1"), "political_study")
    fixed_clock.at = fixed_clock.at.replace(month=7, day=1)
    assert earn(seeded, member_ref("p1"), "political_study")["points"] == 5


def test_a_monthly_cap_counts_the_whole_month_even_when_an_earlier_day_is_recorded_late(seeded, fixed_clock):
    """Acts recorded late (occurred_on in the past) must not slip past the month's cap."""
    fixed_clock.at = fixed_clock.at.replace(day=28)
    for day in ("2026-06-20", "2026-06-22", "2026-06-24", "2026-06-26"):   # 4 x 5 = the cap of 20
        earn(seeded, member_ref("p1"), "political_study", occurred_on=day)
    with pytest.raises(FailedPrecondition):
        earn(seeded, member_ref("p1"), "political_study", occurred_on="2026-06-05")
    assert balance(seeded, acc_id("member", "p1")) == 20


def test_pending_awards_count_towards_the_cap(seeded):
    # idea_suggestion needs approval and has no cap; give it one through a new version
    call(seeded, admin(), rules.define_rule, action_type="idea_suggestion", points=3, applies_to=["resident"],
         needs_approval=True, daily_cap=3, effective_from="2026-06-01")
    assert earn(seeded, res_ref("r1"), "idea_suggestion")["status"] == "pending"
    with pytest.raises(FailedPrecondition):
        earn(seeded, res_ref("r1"), "idea_suggestion")


# ---- who a rule applies to

def test_a_rule_applies_only_to_its_member_categories_or_depositor_kinds(seeded):
    call(seeded, admin(), rules.define_rule, action_type="organ_duty", points=4, applies_to=["organ"])
    assert earn(seeded, member_ref("p1", "organ"), "organ_duty")["points"] == 4
    with pytest.raises(FailedPrecondition) as err:
        earn(seeded, member_ref("p2", "community"), "organ_duty")
    assert err.value.field == "account"
    with pytest.raises(FailedPrecondition):
        earn(seeded, res_ref("r1"), "garbage_sorting")              # households only
    with pytest.raises(FailedPrecondition):
        earn(seeded, unit_ref("u1"), "volunteer_service")           # residents and households only
    assert earn(seeded, unit_ref("u1"), "cobuilding_service")["points"] == 20


# ---- approval

def test_a_rule_needing_approval_waits_and_posts_nothing_until_approved(seeded):
    pending = earn(seeded, res_ref("r1"), "idea_suggestion", ctx=worker("w1"))
    assert pending["status"] == "pending" and pending["balance"] == 0
    assert count(seeded, m.PostingRow, m.PostingRow.transaction_id == pending["id"]) == 0
    listed = read(seeded, admin(), rules.list_pending, community=COMM_A)["items"]
    assert [t["id"] for t in listed] == [pending["id"]]
    posted = call(seeded, admin("approver"), rules.decide_pending, transaction_id=pending["id"], approve=True)
    assert posted["status"] == "posted" and posted["points"] == 3 and posted["balance"] == 3
    with seeded.session_factory() as s:
        request = s.get(m.Transaction, pending["id"])
        assert (request.status, request.approved_by) == ("approved", "approver")
        assert s.get(m.Transaction, posted["id"]).approved_by == "approver"
    assert read(seeded, admin(), rules.list_pending)["items"] == []
    with pytest.raises(FailedPrecondition):
        call(seeded, admin("approver"), rules.decide_pending, transaction_id=pending["id"], approve=True)


# ---- manual awards and deductions

def test_a_manual_award_needs_evidence_and_someone_else_to_approve(seeded):
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker(), rules.award_manually, account=res_ref("r1"), points=10, reason="helped", evidence="")
    assert err.value.field == "evidence"
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker(), rules.award_manually, account=res_ref("r1"), points=10, reason="", evidence="x.jpg")
    assert err.value.field == "reason"
    pending = call(seeded, sub_staff("s1"), rules.award_manually, account=res_ref("r1"), points=10,
                   reason="helped an elderly neighbour", evidence="photo-1.jpg")
    assert pending["status"] == "pending" and pending["action_type"] == "manual"
    with pytest.raises(PermissionDenied) as err:
        call(seeded, sub_staff("s1"), rules.decide_pending, transaction_id=pending["id"], approve=True)
    assert err.value.field == "transaction_id"
    with pytest.raises(PermissionDenied):     # community workers do not approve
        call(seeded, worker("w2"), rules.decide_pending, transaction_id=pending["id"], approve=True)
    assert balance(seeded, acc_id("resident", "r1")) == 0
    call(seeded, sub_staff("s2"), rules.decide_pending, transaction_id=pending["id"], approve=True)
    assert balance(seeded, acc_id("resident", "r1")) == 10
    with seeded.session_factory() as s:
        posted = s.query(m.Transaction).filter_by(source=pending["id"]).one()
        assert (posted.evidence, posted.reason, posted.actor, posted.approved_by) == \
            ("photo-1.jpg", "helped an elderly neighbour", "s2", "s2")


def test_a_rejected_award_posts_nothing(seeded):
    pending = call(seeded, worker(), rules.award_manually, account=res_ref("r1"), points=10, reason="r",
                   evidence="e")
    out = call(seeded, admin(), rules.decide_pending, transaction_id=pending["id"], approve=False, note="no proof")
    assert out["status"] == "rejected" and out["balance"] == 0
    assert count(seeded, m.PostingRow, m.PostingRow.transaction_id == pending["id"]) == 0
    (entry,) = audit_rows(seeded, m.AuditEntry.action == "reject award")
    assert entry.reason == "no proof" and entry.before == {"status": "pending"}


def test_a_deduction_by_rule_takes_member_points_but_never_below_zero(seeded):
    member = acc_id("member", "p1")
    with pytest.raises(FailedPrecondition) as err:
        earn(seeded, member_ref("p1"), "missed_meeting")
    assert err.value.field == "points"
    earn(seeded, member_ref("p1"), "political_study")
    earn(seeded, member_ref("p1"), "political_study")
    out = earn(seeded, member_ref("p1"), "missed_meeting")
    assert out["kind"] == "deduction" and out["points"] == 5 and out["balance"] == 5
    assert balance(seeded, member) == 5 and balance(seeded, "310101:pool:member_points") == -5


def test_a_manual_deduction_is_for_member_points_and_is_approved(seeded):
    fund(seeded, member_ref("p1"), 20)
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker(), rules.award_manually, account=res_ref("r1"), points=5, reason="r", evidence="e",
             deduction=True)
    assert err.value.field == "deduction"
    pending = call(seeded, worker(), rules.award_manually, account=member_ref("p1"), points=8,
                   reason="late dues", evidence="minutes.pdf", deduction=True)
    out = call(seeded, admin("approver"), rules.decide_pending, transaction_id=pending["id"], approve=True)
    assert out["kind"] == "deduction" and out["balance"] == 12
    big = call(seeded, worker(), rules.award_manually, account=member_ref("p1"), points=50,
               reason="r", evidence="e", deduction=True)
    with pytest.raises(FailedPrecondition):
        call(seeded, admin("approver"), rules.decide_pending, transaction_id=big["id"], approve=True)
    assert balance(seeded, acc_id("member", "p1")) == 12
    assert read(seeded, admin(), rules.list_pending)["items"][0]["id"] == big["id"]   # still pending


# ---- feature flags: pilot sub-districts first

def test_a_flagged_rule_applies_only_where_the_rollout_has_it(seeded, rollout):
    call(seeded, admin(), rules.define_rule, action_type="green_travel", points=2, applies_to=["resident"],
         feature_flag=PILOT_FLAG)
    assert earn(seeded, res_ref("r1"), "green_travel")["points"] == 2          # 310101002 is a pilot
    with pytest.raises(FailedPrecondition) as err:
        earn(seeded, res_ref("r3", community=COMM_A3), "green_travel", ctx=sub_staff())   # general ring
    assert err.value.field == "action_type" and "not rolled out" in err.value.message
    assert rollout.fetched == ["310101"]
    # the flag reaches general: everyone earns
    set_rollout_cache(fake_rollout(flags=[{"flag": PILOT_FLAG, "stage": "general"}]))
    assert earn(seeded, res_ref("r3", community=COMM_A3), "green_travel", ctx=sub_staff())["points"] == 2
    # switched off: nobody
    set_rollout_cache(fake_rollout(flags=[{"flag": PILOT_FLAG, "stage": "off"}]))
    with pytest.raises(FailedPrecondition):
        earn(seeded, res_ref("r1"), "green_travel")


def test_rules_without_a_flag_do_not_consult_the_rollout(seeded, rollout):
    earn(seeded, res_ref("r1"), "volunteer_service")
    assert rollout.fetched == []


def test_a_bad_flag_name_is_refused(seeded):
    with pytest.raises(InvalidArgument) as err:
        call(seeded, admin(), rules.define_rule, action_type="green_travel", points=2, applies_to=["resident"],
             feature_flag="Bad Flag!")
    assert err.value.field == "feature_flag"  # the request's own field, not the registry's ("flag")
