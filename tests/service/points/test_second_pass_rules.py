"""Issue 11, points: rules that were hollow, each seen from the roles it concerns.

- the year's member points reach the grade (the branch secretary's view, the member's own);
- a member's scores are theirs: residents read their own line of a cycle only;
- the honours bar is the registry's, asked at the approval (a barred member, a barred unit);
- lapsed points pay for nothing before the sweep, and an award is not backdated past its expiry;
- the pick-up code reaches the redeemer only; the counter hands over with the code shown to it.
"""
from __future__ import annotations

import json

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.points.app import cycle, ledger, rules, stations
from tests.conftest import DISTRICT_A, ctx_for
from tests.service.points.conftest import (COMM_A, acc_id, admin, balance, call, events, fund, lots_remaining,
                                           member_ref, read, res_ref, resident, snapshot, stock, sub_staff,
                                           unit_ref, worker)
from tests.service.points.test_cycle import member, open_cycle, past_notice, to_step

R1 = acc_id("resident", "r1")


# ---- the member cycle: earned points reach the grade

def test_a_years_points_reach_the_grade_the_branch_secretary_sees(seeded, fixed_clock):
    fund(seeded, member_ref("p1"), 12)                                   # bonus items
    fund(seeded, member_ref("p2"), 13)
    for _ in range(2):                                                   # deductions: -5 each
        call(seeded, worker(), rules.earn, account=member_ref("p2"), action_type="missed_meeting")
    fund(seeded, member_ref("p3"), 30)
    c = to_step(seeded, open_cycle(seeded), "members_meeting", {"p3": 95})
    call(seeded, worker(), cycle.record_assessment, cycle_id=c["id"], person_id="p3", score=95, violation=True,
         note="disciplinary sanction")
    c = to_step(seeded, c, "public_notice", {"p1": 82, "p2": 62, "p3": 95, "p4": 75})
    to_step(seeded, past_notice(seeded, c, fixed_clock), "published")

    secretary = read(seeded, worker(), cycle.get_cycle, cycle_id=c["id"])   # the branch's community worker
    assert {x["person_id"]: (x["final_score"], x["grade"]) for x in secretary["members"]} == {
        "p1": (94, "excellent"),              # meeting 82 + 12 earned (82 alone: qualified)
        "p2": (65, "basically_qualified"),    # meeting 62 + 13 - 10
        "p3": (125, "unqualified"),           # a violation, whatever the points
        "p4": (75, "qualified")}              # nothing earned: the meeting's score
    (published,) = events(seeded, "member_cycle.published")
    assert published["payload"]["grades"]["p1"] == "excellent"
    own = read(seeded, resident("p1"), cycle.get_cycle, cycle_id=c["id"])   # the member, their own line
    assert [(x["person_id"], x["grade"]) for x in own["members"]] == [("p1", "excellent")]


# ---- who reads a cycle's scores

def test_a_resident_reads_only_their_own_scores_and_staff_every_members(seeded):
    c = to_step(seeded, open_cycle(seeded), "members_meeting")
    call(seeded, worker(), cycle.record_assessment, cycle_id=c["id"], person_id="p2", score=80, violation=True)
    own = read(seeded, resident("p1"), cycle.get_cycle, cycle_id=c["id"])
    assert [x["person_id"] for x in own["members"]] == ["p1"]
    assert not any(x.get("violation") for x in own["members"])
    neighbour = read(seeded, resident("r9"), cycle.get_cycle, cycle_id=c["id"])   # not a member of it
    assert neighbour["members"] == [] and neighbour["step"] == "members_meeting"
    both = ctx_for("resident", "partner_unit", actor="p2")                          # no staff role: own line
    assert [x["person_id"] for x in read(seeded, both, cycle.get_cycle, cycle_id=c["id"])["members"]] == ["p2"]
    for staff in (worker(), sub_staff(), admin()):
        lines = read(seeded, staff, cycle.get_cycle, cycle_id=c["id"])["members"]
        assert [x["person_id"] for x in lines] == ["p1", "p2", "p3", "p4"]
        assert member({"members": lines}, "p2")["violation"] is True


# ---- the honours bar, asked of the registry at the decision

BAR = "支部b is rated 1 star(s): no honours for the branch or its people"


def _honour_requested(db, station, account_id=R1, ref=None, ctx=None):
    fund(db, ref or res_ref("r1"), 600)
    return call(db, ctx or resident("r1"), stations.redeem, account_id=account_id, item_id=station["honour"])


def test_an_honour_is_refused_to_a_member_of_a_barred_branch_with_the_registrys_reason(seeded, station,
                                                                                      registry):
    res = _honour_requested(seeded, station)
    registry.bar_honours(BAR, "r1")               # the branch was rated one star after the request
    before = snapshot(seeded)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, sub_staff(), stations.decide_honour, reservation_id=res["id"], approve=True)
    assert err.value.field == "reservation_id" and BAR in err.value.message
    assert ("honours_eligibility", DISTRICT_A, "r1", None) in registry.calls     # asked, at the decision
    assert snapshot(seeded) == before and balance(seeded, R1) == 600
    (still,) = read(seeded, resident("r1"), stations.list_reservations, account_id=R1)["items"]
    assert still["status"] == "pending_approval"
    registry.lift_honours_bar("r1")               # rectified, rated again: the bar is lifted
    out = call(seeded, sub_staff(), stations.decide_honour, reservation_id=res["id"], approve=True)
    assert out["status"] == "reserved" and balance(seeded, R1) == 100


def test_a_barred_honour_can_still_be_rejected_and_an_unreachable_registry_grants_nothing(seeded, station,
                                                                                         registry):
    first = _honour_requested(seeded, station)
    registry.down = True
    before = snapshot(seeded)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, sub_staff(), stations.decide_honour, reservation_id=first["id"], approve=True)
    assert err.value.field == "registry" and snapshot(seeded) == before
    registry.down = False
    registry.people.pop("r1")                     # no longer in the registry: not granted unchecked
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, sub_staff(), stations.decide_honour, reservation_id=first["id"], approve=True)
    assert err.value.field == "reservation_id" and "does not know 'r1'" in err.value.message
    assert snapshot(seeded) == before
    out = call(seeded, sub_staff(), stations.decide_honour, reservation_id=first["id"], approve=False)
    assert out["status"] == "rejected" and balance(seeded, R1) == 600


def test_the_station_refuses_an_honour_to_a_barred_partner_unit(seeded, station, registry):
    unit = acc_id("unit", "u1")
    res = _honour_requested(seeded, station, account_id=unit, ref=unit_ref("u1"), ctx=worker("counter"))
    registry.bar_honours("共建单位u1 is listed for rectification: no honours for the branch or its people", "u1")
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, admin("approver-2"), stations.decide_honour, reservation_id=res["id"], approve=True)
    assert "listed for rectification" in err.value.message
    assert ("honours_eligibility", DISTRICT_A, None, "u1") in registry.calls
    assert balance(seeded, unit) == 600


# ---- lapsed points

def test_lapsed_points_pay_for_nothing_before_the_sweep(seeded, fixed_clock, station):
    call(seeded, admin(), ledger.set_expiry_policy, expiry_policy="end_of_year")
    fund(seeded, res_ref("r1"), 600)                        # 2026-06-01: lapses after 2026-12-31
    fixed_clock.at = fixed_clock.at.replace(year=2027, month=1, day=5)     # the hourly sweep has not run
    fund(seeded, res_ref("r1"), 30)                         # lapses after 2027-12-31
    assert balance(seeded, R1) == 630                       # the balance row still counts the lapsed 600
    before = snapshot(seeded)
    with pytest.raises(FailedPrecondition) as err:          # rice, 50
        call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"])
    assert err.value.field == "points" and "balance 30 is less than 50" in err.value.message
    with pytest.raises(FailedPrecondition) as err:          # the honour, 500: not even requested
        call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    assert err.value.field == "points" and "balance 30 is less than 500" in err.value.message
    assert snapshot(seeded) == before and stock(seeded, station["goods"]) == 20
    out = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"], quantity=6)
    assert out["status"] == "reserved" and balance(seeded, R1) == 600   # the 30 that had not lapsed
    with seeded.uow(admin()) as uow:
        assert ledger.expire_lots(uow) == 1
        uow.commit()
    assert balance(seeded, R1) == 0 == lots_remaining(seeded, R1)       # the sweep took the 600, untouched


def test_an_award_backdated_past_its_own_expiry_is_refused_naming_occurred_on(seeded, fixed_clock):
    call(seeded, admin(), ledger.set_expiry_policy, expiry_policy="end_of_year")
    fixed_clock.at = fixed_clock.at.replace(year=2027, month=2, day=1)
    before = snapshot(seeded)
    for action in ("volunteer_service", "idea_suggestion"):  # posted at once; waiting for approval
        with pytest.raises(InvalidArgument) as err:
            call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type=action, occurred_on="2026-12-20")
        assert err.value.field == "occurred_on" and "lapsed on 2026-12-31" in err.value.message
    assert snapshot(seeded) == before
    out = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service",
               occurred_on="2027-01-15")                     # backdated within its expiry: credited
    assert out["status"] == "posted" and balance(seeded, R1) == 5


def test_an_award_approved_after_its_points_would_have_lapsed_is_refused(seeded, fixed_clock):
    call(seeded, admin(), ledger.set_expiry_policy, expiry_policy="end_of_year")
    fixed_clock.at = fixed_clock.at.replace(month=12, day=20)
    pending = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="idea_suggestion")
    fixed_clock.at = fixed_clock.at.replace(year=2027, month=1, day=2)
    with pytest.raises(InvalidArgument) as err:
        call(seeded, admin("approver"), rules.decide_pending, transaction_id=pending["id"], approve=True)
    assert err.value.field == "occurred_on" and balance(seeded, R1) == 0
    out = call(seeded, admin("approver"), rules.decide_pending, transaction_id=pending["id"], approve=False)
    assert out["status"] == "rejected"


# ---- the pick-up code

def test_the_code_reaches_the_redeemer_only_and_the_counter_hands_over_with_the_code_shown(seeded, station):
    fund(seeded, res_ref("r1"), 700)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"])
    code = res["pick_up_code"]
    counter = worker("counter")
    both = ctx_for("resident", "community_worker", subdistrict=COMM_A[:9], community=COMM_A, actor="counter-2")
    for ctx, params in ((counter, {"station_id": station["id"]}), (counter, {"account_id": R1}),
                        (both, {"station_id": station["id"]})):
        items = read(seeded, ctx, stations.list_reservations, **params)["items"]
        assert items and all("pick_up_code" not in x for x in items), (ctx.actor, params)
    (own,) = read(seeded, resident("r1"), stations.list_reservations, account_id=R1)["items"]
    assert own["pick_up_code"] == code
    done = call(seeded, counter, stations.pick_up, reservation_id=res["id"], pick_up_code=code)  # shown to it
    assert done["status"] == "picked_up" and "pick_up_code" not in done

    honour = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    approved = call(seeded, sub_staff(), stations.decide_honour, reservation_id=honour["id"], approve=True)
    assert approved["status"] == "reserved" and "pick_up_code" not in approved
    mine = {x["id"]: x for x in read(seeded, resident("r1"), stations.list_reservations, account_id=R1)["items"]}
    assert mine[honour["id"]]["pick_up_code"] == honour["pick_up_code"]
    for e in events(seeded, "points.redeemed") + events(seeded, "honour.requested"):
        assert code not in json.dumps(e, ensure_ascii=False) and honour["pick_up_code"] not in json.dumps(e)
