"""Tenancy: a district's staff never touch another district's points; a resident only their own account."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.points.app import cycle, ledger, rules, stations
from tests.conftest import DISTRICT_B, ctx_for
from tests.service.points.conftest import (COMM_A, COMM_A2, COMM_B, acc_id, admin, balance, call, fund, read,
                                           res_ref, resident, snapshot, stock, sub_staff, worker)

R1 = acc_id("resident", "r1")
B_ADMIN = admin("b-admin", district=DISTRICT_B)


@pytest.fixture
def funded(seeded, station):
    fund(seeded, res_ref("r1"), 100)
    return seeded


def test_a_district_b_token_cannot_read_district_a_accounts(funded):
    for fn, params in ((ledger.get_account, {"account_id": R1}), (ledger.statement, {"account_id": R1})):
        with pytest.raises(NotFound) as err:
            read(funded, B_ADMIN, fn, **params)
        assert err.value.field == "account_id"
    with pytest.raises(PermissionDenied):
        read(funded, B_ADMIN, ledger.leaderboard, community=COMM_A)
    with pytest.raises(PermissionDenied):
        read(funded, B_ADMIN, ledger.totals, district="310101")
    assert read(funded, B_ADMIN, rules.list_pending)["items"] == []


def test_a_district_b_token_cannot_change_district_a_points(funded, station):
    award = call(funded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    pending = call(funded, worker(), rules.award_manually, account=res_ref("r1"), points=5, reason="r", evidence="e")
    res = call(funded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    before = snapshot(funded)
    refused = [
        (ledger.reverse, {"transaction_id": award["id"], "reason": "x"}),
        (rules.decide_pending, {"transaction_id": pending["id"], "approve": True}),
        (stations.redeem, {"account_id": R1, "item_id": station["goods"]}),
        (stations.cancel, {"reservation_id": res["id"]}),
        (stations.decide_honour, {"reservation_id": res["id"], "approve": True}),
        (stations.restock, {"item_id": station["goods"], "quantity": 5}),
        (stations.add_item, {"station_id": station["id"], "kind": "goods", "name": "x", "points_cost": 1}),
    ]
    for fn, params in refused:
        with pytest.raises((NotFound, PermissionDenied)):
            call(funded, B_ADMIN, fn, **params)
    with pytest.raises(PermissionDenied):     # opening an account in A's community from B
        call(funded, B_ADMIN, ledger.open_account_case, account=res_ref("r1"))
    with pytest.raises(PermissionDenied):
        call(funded, B_ADMIN, rules.award_manually, account=res_ref("r9"), points=5, reason="r", evidence="e")
    with pytest.raises(NotFound):
        read(funded, B_ADMIN, stations.list_catalogue, station_id=station["id"])
    assert snapshot(funded) == before
    assert balance(funded, R1) == 100 and stock(funded, station["goods"]) == 20


def test_the_same_owner_in_district_b_is_another_account(funded, registry):
    registry.move("r1", COMM_B)  # r1 now lives in district B: an account there too, beside the one in A
    call(funded, B_ADMIN, rules.define_rule, action_type="volunteer_service", points=7, applies_to=["resident"])
    out = call(funded, B_ADMIN, rules.earn, account=res_ref("r1", community=COMM_B), action_type="volunteer_service")
    assert out["account_id"] == "310104:resident:r1"
    assert balance(funded, R1) == 100 and balance(funded, "310104:resident:r1") == 7
    assert balance(funded, "310104:pool:moral_bank") == -7


def test_a_resident_sees_only_their_own_account(funded):
    assert read(funded, resident("r1"), ledger.get_account, account_id=R1)["balance"] == 100
    assert read(funded, resident("r1"), ledger.statement, account_id=R1)["earned"] == 100
    with pytest.raises(PermissionDenied) as err:
        read(funded, resident("r2"), ledger.get_account, account_id=R1)
    assert err.value.field == "account_id"
    with pytest.raises(PermissionDenied):
        read(funded, resident("r2"), ledger.statement, account_id=R1)
    with pytest.raises(PermissionDenied):
        read(funded, resident("r2"), stations.list_reservations, account_id=R1)


def test_a_resident_redeems_only_from_their_own_account(funded, station):
    before = snapshot(funded)
    with pytest.raises(PermissionDenied) as err:
        call(funded, resident("r2"), stations.redeem, account_id=R1, item_id=station["produce"])
    assert err.value.field == "account_id"
    assert snapshot(funded) == before
    res = call(funded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    with pytest.raises(PermissionDenied):
        call(funded, resident("r2"), stations.cancel, reservation_id=res["id"])
    assert balance(funded, R1) == 95


def test_a_partner_unit_sees_its_own_unit_account_only(funded):
    fund(funded, {"kind": "unit", "owner": "org-7", "community": COMM_A}, 30)
    unit = ctx_for("partner_unit", actor="org-7")
    assert read(funded, unit, ledger.get_account, account_id=acc_id("unit", "org-7"))["balance"] == 30
    with pytest.raises(PermissionDenied):
        read(funded, unit, ledger.get_account, account_id=R1)


def test_residents_cannot_earn_award_or_reverse(funded):
    for fn, params in ((rules.earn, {"account": res_ref("r1"), "action_type": "volunteer_service"}),
                       (rules.award_manually, {"account": res_ref("r1"), "points": 5, "reason": "r",
                                               "evidence": "e"}),
                       (ledger.set_expiry_policy, {"expiry_policy": "never"})):
        with pytest.raises(PermissionDenied):
            call(funded, resident("r1"), fn, **params)


def test_a_community_worker_writes_only_in_their_community(funded):
    with pytest.raises(PermissionDenied):
        call(funded, worker(community=COMM_A2), rules.earn, account=res_ref("new", community=COMM_A),
             action_type="volunteer_service")


def test_a_community_worker_cannot_credit_an_existing_account_of_another_community(funded):
    """The scope check must not depend on whether the account already exists."""
    before = balance(funded, R1)
    with pytest.raises(NotFound):  # the existing account lies in another community: not found from here
        call(funded, worker(community=COMM_A2), rules.earn, account=res_ref("r1", community=COMM_A2),
             action_type="volunteer_service")
    assert balance(funded, R1) == before


def test_a_city_wide_caller_cannot_write_to_the_ledger(funded):
    city = ctx_for("city_admin", district=None, actor="city")
    svc = ctx_for("service", district=None, actor="svc")
    with pytest.raises(InvalidArgument) as err:
        call(funded, svc, rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    assert err.value.field == "account"
    with pytest.raises(PermissionDenied):
        call(funded, city, cycle.open_cycle, branch_id="b", community=COMM_A, year=2026, members=[{"person_id": "p"}])


def test_a_subdistrict_staff_of_another_subdistrict_cannot_approve(funded):
    pending = call(funded, worker(), rules.award_manually, account=res_ref("r1"), points=5, reason="r", evidence="e")
    with pytest.raises(NotFound):  # another sub-district's request is not found from there
        call(funded, sub_staff(subdistrict="310101003"), rules.decide_pending, transaction_id=pending["id"],
             approve=True)
    call(funded, sub_staff(subdistrict="310101002"), rules.decide_pending, transaction_id=pending["id"],
         approve=True)


# ---- finer scopes inside a district: a sibling community's or sub-district's records

SIBLING_WORKER = dict(community=COMM_A2)            # 310101002002, beside the records' 310101002001
OTHER_SUB = dict(subdistrict="310101003")


def _all_roles(**scope):
    """Every district role at once, so that only the scope can refuse."""
    sub = scope.get("subdistrict") or (scope["community"][:9] if scope.get("community") else None)
    return ctx_for("district_admin", "subdistrict_staff", "community_worker", "resident", "partner_unit",
                   actor="intruder", subdistrict=sub, community=scope.get("community"))


@pytest.fixture
def records(funded, station, fixed_clock):
    """A's records in community 310101002001: an award, a pending award, a reservation, a pending honour,
    a member cycle at its public notice with an objection, and an exemption request."""
    from tests.service.points.test_cycle import open_cycle, to_step

    award = call(funded, worker(), rules.earn, account=res_ref("r1"), action_type="volunteer_service")
    pending = call(funded, worker(), rules.award_manually, account=res_ref("r1"), points=5, reason="r",
                   evidence="e")
    res = call(funded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    c = to_step(funded, open_cycle(funded), "public_notice")
    objection = call(funded, worker(), cycle.raise_objection, cycle_id=c["id"], person_id="p1",
                     objection="absent all year")
    return {"award": award, "pending": pending, "reservation": res, "cycle": c, "objection": objection,
            "station": station}


@pytest.mark.parametrize("scope", [SIBLING_WORKER, OTHER_SUB], ids=["sibling community", "other sub-district"])
def test_a_sibling_scope_reads_none_of_the_records(funded, records, scope):
    ctx = _all_roles(**scope)
    station = records["station"]
    for fn, params in ((ledger.get_account, {"account_id": R1}), (ledger.statement, {"account_id": R1}),
                       (cycle.get_cycle, {"cycle_id": records["cycle"]["id"]}),
                       (stations.list_reservations, {"account_id": R1}),
                       (stations.list_reservations, {"station_id": station["id"]}),
                       (stations.list_catalogue, {"station_id": station["id"]})):
        with pytest.raises(NotFound):
            read(funded, ctx, fn, **params)
    for fn, params in ((rules.list_pending, {"community": COMM_A}), (stations.list_stations, {"community": COMM_A}),
                       (ledger.leaderboard, {"community": COMM_A})):
        with pytest.raises(PermissionDenied):
            read(funded, ctx, fn, **params)
    assert read(funded, ctx, rules.list_pending)["items"] == []  # its own scope holds none of them


@pytest.mark.parametrize("scope", [SIBLING_WORKER, OTHER_SUB], ids=["sibling community", "other sub-district"])
def test_a_sibling_scope_changes_none_of_the_records(funded, records, scope):
    ctx = _all_roles(**scope)
    station, c = records["station"], records["cycle"]
    before, r1_balance = snapshot(funded), balance(funded, R1)
    refused = [
        (stations.redeem, {"account_id": R1, "item_id": station["goods"]}),
        (ledger.reverse, {"transaction_id": records["award"]["id"], "reason": "x"}),
        (rules.decide_pending, {"transaction_id": records["pending"]["id"], "approve": True}),
        (cycle.raise_objection, {"cycle_id": c["id"], "person_id": "p2", "objection": "x"}),
        (cycle.request_exemption, {"cycle_id": c["id"], "person_id": "p2", "reason": "abroad"}),
        (cycle.answer_objection, {"objection_id": records["objection"]["id"], "answer": "x"}),
        (cycle.advance_cycle, {"cycle_id": c["id"]}),
        (stations.cancel, {"reservation_id": records["reservation"]["id"]}),
        (stations.pick_up, {"reservation_id": records["reservation"]["id"],
                            "pick_up_code": records["reservation"]["pick_up_code"]}),
        (stations.restock, {"item_id": station["goods"], "quantity": 5}),
        (rules.earn, {"account": res_ref("r1"), "action_type": "volunteer_service"}),
    ]
    for fn, params in refused:
        with pytest.raises((NotFound, PermissionDenied)):
            call(funded, ctx, fn, **params)
    assert snapshot(funded) == before and balance(funded, R1) == r1_balance


def test_district_wide_settings_are_changed_by_the_whole_district_only(funded):
    """A district admin's role with a community claim changes nothing that applies to the whole district."""
    ctx = _all_roles(community=COMM_A)
    before = snapshot(funded)
    with pytest.raises(PermissionDenied):
        call(funded, ctx, ledger.set_expiry_policy, expiry_policy="never")
    with pytest.raises(PermissionDenied):
        call(funded, ctx, rules.define_rule, action_type="new_action", points=1, applies_to=["resident"])
    assert snapshot(funded) == before
    call(funded, admin(), ledger.set_expiry_policy, expiry_policy="never")


def test_a_branch_of_another_district_opens_no_cycle_and_blocks_none(funded, registry):
    """OpenCycle by district 310104 with 310101's branch id: not found in 310104's registry, and 310101's
    own cycle for that branch and year opens afterwards (the unique key carries the district)."""
    with pytest.raises(NotFound) as err:
        call(funded, admin(district=DISTRICT_B), cycle.open_cycle, branch_id="branch-1", community=COMM_B,
             year=2026, members=[{"person_id": "pb"}])
    assert err.value.field == "branch_id"
    opened = call(funded, sub_staff(), cycle.open_cycle, branch_id="branch-1", community=COMM_A, year=2026,
                  members=[{"person_id": "p1"}])
    assert opened["branch_id"] == "branch-1"
    with pytest.raises(InvalidArgument) as err:  # a branch of 310101 lies in another community
        call(funded, sub_staff(), cycle.open_cycle, branch_id="branch-2", community=COMM_A2, year=2026,
             members=[{"person_id": "p1"}])
    assert err.value.field == "branch_id"


def test_members_of_another_district_are_refused_naming_the_member(funded):
    before = snapshot(funded)
    with pytest.raises(NotFound) as err:
        call(funded, sub_staff(), cycle.open_cycle, branch_id="branch-1", community=COMM_A, year=2026,
             members=[{"person_id": "p1"}, {"person_id": "pb"}])
    assert err.value.field == "members[1].person_id"
    assert snapshot(funded) == before


def test_the_one_cycle_per_branch_and_year_is_kept_by_the_database_per_district(seeded):
    """Two districts may use the same branch id (ids are the registry's, per district)."""
    from services.points import models as m

    with seeded.uow(admin()) as uow:
        for district in ("310101", "310104"):
            uow.session.add(m.Cycle(district=district, branch_id="same", community=district + "001001", year=2026,
                                    step="announced", base_score=100, thresholds={}, objection_days=5, history=[]))
        uow.commit()


def test_a_station_opens_only_in_a_community_the_registry_holds(seeded, registry):
    registry.divisions = {COMM_A, COMM_A2}
    before = snapshot(seeded)
    with pytest.raises(NotFound) as err:
        call(seeded, sub_staff(), stations.create_station, community="310101002099", name="新驿站")
    assert err.value.field == "community"
    assert snapshot(seeded) == before
    assert call(seeded, sub_staff(), stations.create_station, community=COMM_A2, name="新驿站")["community"] == COMM_A2
