"""Bad input is refused with an error naming the field, and nothing changes."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument, NotFound
from services.points.app import cycle, earning, ledger, rules, stations
from tests.service.points.conftest import (COMM_A, acc_id, admin, call, fund, member_ref, res_ref, resident,
                                           snapshot, sub_staff, worker)
from tests.service.points.test_cycle import open_cycle, to_step

R1 = acc_id("resident", "r1")


class World(dict):
    """What the cases refer to; the cycles are built only for the cases that need them."""

    def __missing__(self, key):
        db = self["db"]
        if key == "c_rules":
            self[key] = to_step(db, open_cycle(db), "rules_set")["id"]
        elif key == "c_review":
            self[key] = to_step(db, call(db, sub_staff(), cycle.open_cycle, branch_id="branch-2", community=COMM_A,
                                         year=2026, members=[{"person_id": "q1"}]), "initial_review")["id"]
        else:
            raise KeyError(key)
        return self[key]


@pytest.fixture
def w(seeded, station, fixed_clock):
    fund(seeded, res_ref("r1"), 100)
    award = call(seeded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    return World(db=seeded, station=station["id"], goods=station["goods"], award=award["id"])


def earn_with(**ref):
    return (worker(), rules.earn, lambda w: {"account": {**res_ref("x1"), **ref}, "action_type": "volunteer_service"})


def manual(points):
    return (worker(), rules.award_manually, lambda w: {"account": res_ref("r1"), "points": points, "reason": "r",
                                                       "evidence": "e"})


def rule(**kw):
    base = {"action_type": "tree_planting", "points": 5, "applies_to": ["resident"]}
    return (admin(), rules.define_rule, lambda w: {**base, **kw})


def item(**kw):
    return (worker(), stations.add_item, lambda w: {"station_id": w["station"], "kind": "goods", "name": "皂",
                                                    "points_cost": 3, "stock": 1, **kw})


CASES = {
    "earn without account": ((worker(), rules.earn, lambda w: {"action_type": "volunteer_service"}), "account"),
    "earn account not a dict": ((worker(), rules.earn, lambda w: {"account": "r1", "action_type": "x_y"}), "account"),
    "earn pool account": (earn_with(kind="pool"), "account.kind"),
    "earn unknown kind": (earn_with(kind="person"), "account.kind"),
    "earn no owner": (earn_with(owner=""), "account.owner"),
    "earn long owner": (earn_with(owner="o" * 65), "account.owner"),
    "earn bad community": (earn_with(community="3101010020"), "account.community"),
    "earn bad grid": (earn_with(grid="310101002002-G01"), "account.grid"),
    "earn resident with category": (earn_with(category="organ"), "account.category"),
    "earn long name": (earn_with(name="n" * 101), "account.name"),
    "earn member without category": ((worker(), rules.earn, lambda w: {
        "account": {**member_ref("m9"), "category": ""}, "action_type": "political_study"}), "account.category"),
    "earn bad date": ((worker(), rules.earn, lambda w: {"account": res_ref("r1"), "action_type": "volunteer_service",
                                                        "occurred_on": "yesterday"}), "occurred_on"),
    "earn future date": ((worker(), rules.earn, lambda w: {"account": res_ref("r1"),
                                                           "action_type": "volunteer_service",
                                                           "occurred_on": "2026-06-02"}), "occurred_on"),
    "earn unknown parameter": ((worker(), rules.earn, lambda w: {"account": res_ref("r1"),
                                                                 "action_type": "volunteer_service",
                                                                 "colour": "red"}), "colour"),
    "manual zero": (manual(0), "points"),
    "manual negative": (manual(-5), "points"),
    "manual fraction": (manual(2.5), "points"),
    "manual text": (manual("10"), "points"),
    "manual too many": (manual(100_001), "points"),
    "rule bad action": (rule(action_type="Tree Planting"), "action_type"),
    "rule zero points": (rule(points=0), "points"),
    "rule no audience": (rule(applies_to=[]), "applies_to"),
    "rule unknown audience": (rule(applies_to=["resident", "tourist"]), "applies_to[1]"),
    "rule bad date": (rule(effective_from="2026-13-01"), "effective_from"),
    "rule ends before it starts": (rule(effective_from="2026-07-01", effective_to="2026-06-30"), "effective_to"),
    "rule cap below one award": (rule(daily_cap=2), "daily_cap"),
    "rule monthly below daily": (rule(daily_cap=10, monthly_cap=5), "monthly_cap"),
    "rule resident deduction": (rule(points=-5), "points"),
    "item kind": (item(kind="toy"), "kind"),
    "item no name": (item(name=" "), "name"),
    "item cost": (item(points_cost=0), "points_cost"),
    "item stock": (item(stock=-1), "stock"),
    "restock zero": ((worker(), stations.restock, lambda w: {"item_id": w["goods"], "quantity": 0}), "quantity"),
    "redeem zero": ((resident("r1"), stations.redeem, lambda w: {"account_id": R1, "item_id": w["goods"],
                                                                 "quantity": 0}), "quantity"),
    "redeem too many": ((resident("r1"), stations.redeem, lambda w: {"account_id": R1, "item_id": w["goods"],
                                                                     "quantity": 101}), "quantity"),
    "station no name": ((worker(), stations.create_station, lambda w: {"community": COMM_A, "name": ""}), "name"),
    "station bad community": ((worker(), stations.create_station, lambda w: {"community": "31010100200",
                                                                             "name": "x"}), "community"),
    "expiry policy": ((admin(), ledger.set_expiry_policy, lambda w: {"expiry_policy": "monthly"}), "expiry_policy"),
    "reverse long reason": ((admin(), ledger.reverse, lambda w: {"transaction_id": w["award"],
                                                                 "reason": "r" * 1001}), "reason"),
    "cycle year": ((sub_staff(), cycle.open_cycle, lambda w: {"branch_id": "b3", "community": COMM_A, "year": 1999,
                                                              "members": [{"person_id": "p"}]}), "year"),
    "cycle no members": ((sub_staff(), cycle.open_cycle, lambda w: {"branch_id": "b3", "community": COMM_A,
                                                                    "year": 2026, "members": []}), "members"),
    "cycle duplicate member": ((sub_staff(), cycle.open_cycle, lambda w: {
        "branch_id": "b3", "community": COMM_A, "year": 2026,
        "members": [{"person_id": "p"}, {"person_id": "p"}]}), "members[1].person_id"),
    "cycle no branch": ((sub_staff(), cycle.open_cycle, lambda w: {"branch_id": "", "community": COMM_A,
                                                                   "year": 2026, "members": [{"person_id": "p"}]}),
                        "branch_id"),
    "cycle objection days": ((sub_staff(), cycle.set_cycle_rules, lambda w: {"cycle_id": w["c_rules"],
                                                                             "objection_days": 31}),
                             "objection_days"),
    "cycle base score": ((sub_staff(), cycle.set_cycle_rules, lambda w: {"cycle_id": w["c_rules"],
                                                                         "base_score": -1}), "base_score"),
    "assessment score": ((worker(), cycle.record_assessment, lambda w: {"cycle_id": w["c_review"],
                                                                        "person_id": "q1", "score": 1001}),
                         "score"),
    "garbage columns": ((worker(), earning.import_garbage_records, lambda w: {
        "station_id": w["station"], "content": b"id,household\n1,h\n"}), "content"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_naming_the_field_and_nothing_changes(case, w):
    (ctx, fn, params), field = CASES[case]
    db = w["db"]
    params = params(w)
    before = snapshot(db)
    with pytest.raises(InvalidArgument) as err:
        call(db, ctx, fn, **params)
    assert err.value.field == field, str(err.value)
    assert str(err.value).startswith(f"{field}: ") and err.value.message
    assert snapshot(db) == before


@pytest.mark.parametrize("fn,params,field", [
    (rules.decide_pending, {"transaction_id": "nope", "approve": True}, "transaction_id"),
    (ledger.reverse, {"transaction_id": "nope", "reason": "r"}, "transaction_id"),
    (stations.cancel, {"reservation_id": "nope"}, "reservation_id"),
    (stations.restock, {"item_id": "nope", "quantity": 1}, "item_id"),
    (cycle.advance_cycle, {"cycle_id": "nope"}, "cycle_id"),
])
def test_unknown_ids_are_not_found_naming_the_field(fn, params, field, w):
    before = snapshot(w["db"])
    with pytest.raises(NotFound) as err:
        call(w["db"], worker() if fn is stations.cancel else admin(), fn, **params)
    assert err.value.field == field
    assert snapshot(w["db"]) == before


@pytest.mark.parametrize("grid", ["310101002001-Gxx", "310101002001-G1", "310101002002-G01", "G01"])
def test_an_account_grid_of_the_wrong_shape_or_community_is_refused(seeded, grid):
    from services.points.app import ledger
    from tests.service.points.conftest import COMM_A, snapshot, worker

    before = snapshot(seeded)
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker(), ledger.open_account_case, account={"kind": "resident", "owner": "g-test",
                                                                  "community": COMM_A, "grid": grid})
    assert err.value.field == "account.grid"
    assert snapshot(seeded) == before
