"""Points stations: catalogue, stock, reservations with pick-up codes and expiry, honours with approval.
A redemption is atomic: stock and points move together or not at all."""
from __future__ import annotations

import pytest

from services.common.inbox import Unusable

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.points import models as m
from services.points.app import earning, stations
from tests.service.points.conftest import (COMM_A, COMM_A2, acc_id, admin, audit_rows, balance, call, count, events,
                                           fund, lots_remaining, read, res_ref, resident, snapshot, stock,
                                           sub_staff, worker)

R1 = acc_id("resident", "r1")


def test_the_catalogue_lists_goods_services_produce_and_honours(seeded, station):
    cat = read(seeded, resident("r1"), stations.list_catalogue, station_id=station["id"])
    assert cat["station"]["community"] == COMM_A and cat["station"]["account_id"] == station["account_id"]
    by_kind = {i["kind"]: i for i in cat["items"]}
    assert set(by_kind) == {"goods", "service", "produce", "honour"}
    assert by_kind["goods"]["stock"] == 20 and not by_kind["goods"]["unlimited"]
    assert by_kind["service"]["unlimited"] and "stock" not in by_kind["service"]


def test_adding_items_and_restocking(seeded, station):
    item = call(seeded, worker(), stations.add_item, station_id=station["id"], kind="goods", name="毛巾 towel",
                points_cost=15, stock=3)
    assert item["stock"] == 3
    with pytest.raises(AlreadyExists) as err:
        call(seeded, worker(), stations.add_item, station_id=station["id"], kind="goods", name="毛巾 towel",
             points_cost=15, stock=3)
    assert err.value.field == "name"
    out = call(seeded, worker(), stations.restock, item_id=item["id"], quantity=7, reason="donation")
    assert out["stock"] == 10
    entry = audit_rows(seeded, m.AuditEntry.action == "restock")[-1]
    assert (entry.before, entry.after, entry.reason) == ({"stock": 3}, {"stock": 10}, "donation")
    with pytest.raises(FailedPrecondition):
        call(seeded, worker(), stations.restock, item_id=station["service"], quantity=1)
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker(), stations.add_item, station_id=station["id"], kind="service", name="修鞋",
             points_cost=5, stock=4, unlimited=True)
    assert err.value.field == "stock"


def test_a_redemption_reserves_moves_points_and_stock_and_is_picked_up_with_its_code(seeded, station):
    fund(seeded, res_ref("r1"), 120)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"], quantity=2)
    assert res["status"] == "reserved" and res["points"] == 100 and len(res["pick_up_code"]) == 8
    assert balance(seeded, R1) == 20 and stock(seeded, station["goods"]) == 18
    assert balance(seeded, station["account_id"]) == 100
    assert res["expires_at"].startswith("2026-06-04T12:00")
    (event,) = events(seeded, "points.redeemed")
    assert event["payload"]["reservation_id"] == res["id"]
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker("counter"), stations.pick_up, reservation_id=res["id"], pick_up_code="WRONG234")
    assert err.value.field == "pick_up_code"
    out = call(seeded, worker("counter"), stations.pick_up, reservation_id=res["id"],
               pick_up_code=res["pick_up_code"].lower())
    assert out["status"] == "picked_up"
    with pytest.raises(FailedPrecondition):
        call(seeded, worker("counter"), stations.pick_up, reservation_id=res["id"], pick_up_code=res["pick_up_code"])
    with pytest.raises(FailedPrecondition):
        call(seeded, resident("r1"), stations.cancel, reservation_id=res["id"])
    assert balance(seeded, R1) == 20 and stock(seeded, station["goods"]) == 18


def test_the_counter_sees_reservations_without_codes_the_holder_with(seeded, station):
    fund(seeded, res_ref("r1"), 10)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    mine = read(seeded, resident("r1"), stations.list_reservations, account_id=R1)["items"]
    assert [r["pick_up_code"] for r in mine] == [res["pick_up_code"]]
    counter = read(seeded, worker(), stations.list_reservations, station_id=station["id"], status="reserved")
    assert [r["id"] for r in counter["items"]] == [res["id"]] and "pick_up_code" not in counter["items"][0]
    with pytest.raises(InvalidArgument):
        read(seeded, worker(), stations.list_reservations)


def test_insufficient_points_leave_the_stock_unchanged(seeded, station):
    fund(seeded, res_ref("r1"), 49)
    before = snapshot(seeded)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"])
    assert err.value.field == "points"
    assert stock(seeded, station["goods"]) == 20 and balance(seeded, R1) == 49
    assert snapshot(seeded) == before


def test_out_of_stock_leaves_the_points_unchanged(seeded, station):
    fund(seeded, res_ref("r1"), 1000)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"], quantity=21)
    assert err.value.field == "quantity" and "only 20 left" in err.value.message
    assert balance(seeded, R1) == 1000 and stock(seeded, station["goods"]) == 20
    assert count(seeded, m.Reservation) == 0


def test_cancelling_returns_points_and_stock_together(seeded, station):
    fund(seeded, res_ref("r1"), 60)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"])
    out = call(seeded, resident("r1"), stations.cancel, reservation_id=res["id"], reason="changed my mind")
    assert out["status"] == "cancelled" and "pick_up_code" not in out
    assert balance(seeded, R1) == 60 == lots_remaining(seeded, R1)
    assert stock(seeded, station["goods"]) == 20 and balance(seeded, station["account_id"]) == 0
    with pytest.raises(FailedPrecondition):
        call(seeded, resident("r1"), stations.cancel, reservation_id=res["id"])


def test_a_reservation_not_picked_up_in_time_is_released(seeded, station, fixed_clock):
    fund(seeded, res_ref("r1"), 60)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["goods"])
    fixed_clock.advance(hours=71)
    with seeded.uow(admin()) as uow:
        assert stations.expire_reservations(uow) == 0
        uow.commit()
    fixed_clock.advance(hours=2)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, worker(), stations.pick_up, reservation_id=res["id"], pick_up_code=res["pick_up_code"])
    assert "expired" in err.value.message
    with seeded.uow(admin()) as uow:
        assert stations.expire_reservations(uow) == 1
        uow.commit()
    assert balance(seeded, R1) == 60 and stock(seeded, station["goods"]) == 20
    with seeded.session_factory() as s:
        assert s.get(m.Reservation, res["id"]).status == "expired"
    (entry,) = audit_rows(seeded, m.AuditEntry.subject == res["id"], m.AuditEntry.action == "expired")
    assert entry.reason == "not picked up in time"


def test_an_unlimited_service_needs_no_stock(seeded, station):
    fund(seeded, res_ref("r1"), 40)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["service"], quantity=2)
    assert res["status"] == "reserved" and balance(seeded, R1) == 0
    assert stock(seeded, station["service"]) is None


def test_an_honour_waits_for_approval_before_points_move(seeded, station):
    fund(seeded, res_ref("r1"), 600)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    assert res["status"] == "pending_approval" and res["transaction_id"] == ""
    assert balance(seeded, R1) == 600
    assert events(seeded, "honour.requested")[0]["payload"]["reservation_id"] == res["id"]
    with pytest.raises(PermissionDenied):
        call(seeded, worker(), stations.decide_honour, reservation_id=res["id"], approve=True)
    out = call(seeded, sub_staff(), stations.decide_honour, reservation_id=res["id"], approve=True, note="voted")
    assert out["status"] == "reserved" and out["transaction_id"]
    assert balance(seeded, R1) == 100
    call(seeded, worker(), stations.pick_up, reservation_id=res["id"], pick_up_code=res["pick_up_code"])


def test_a_rejected_honour_moves_nothing(seeded, station):
    fund(seeded, res_ref("r1"), 600)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    out = call(seeded, sub_staff(), stations.decide_honour, reservation_id=res["id"], approve=False)
    assert out["status"] == "rejected" and balance(seeded, R1) == 600
    with pytest.raises(FailedPrecondition):
        call(seeded, sub_staff(), stations.decide_honour, reservation_id=res["id"], approve=True)


def test_an_honour_is_requested_only_with_enough_points_and_once(seeded, station):
    fund(seeded, res_ref("r1"), 499)
    with pytest.raises(FailedPrecondition) as err:
        call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    assert err.value.field == "points"
    with pytest.raises(InvalidArgument) as err:
        call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"], quantity=2)
    assert err.value.field == "quantity"


def test_an_honour_approved_after_the_points_were_spent_is_refused(seeded, station):
    fund(seeded, res_ref("r1"), 500)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    with pytest.raises(FailedPrecondition):
        call(seeded, sub_staff(), stations.decide_honour, reservation_id=res["id"], approve=True)
    assert balance(seeded, R1) == 495


def test_only_depositors_redeem(seeded, station):
    from tests.service.points.conftest import member_ref

    fund(seeded, member_ref("p1"), 100)
    with pytest.raises(InvalidArgument) as err:
        call(seeded, worker(), stations.redeem, account_id=acc_id("member", "p1"), item_id=station["goods"])
    assert err.value.field == "account_id"


def test_produce_arrives_as_stock_from_the_garden(seeded, station):
    with seeded.uow(admin()) as uow:
        out = earning.produce_harvested(uow, {"event_id": "h1", "payload": {
            "station_id": station["id"], "name": "青菜 greens", "quantity": 12}})
        uow.commit()
    assert out["stock"] == 42 and stock(seeded, station["produce"]) == 42
    with seeded.uow(admin()) as uow:
        new = earning.produce_harvested(uow, {"event_id": "h2", "payload": {
            "station_id": station["id"], "name": "月季 roses", "quantity": 5, "points_cost": 8}})
        uow.commit()
    assert new["kind"] == "produce" and new["stock"] == 5 and new["points_cost"] == 8
    # a harvest that cannot be stocked is no business outcome to swallow: it goes to the dead-letter queue
    for payload, reason in (({"station_id": station["id"], "name": "萝卜 radish", "quantity": 5},
                             "payload.points_cost: '萝卜 radish' is new at this station"),
                            ({"station_id": "nope", "name": "x", "quantity": 5, "points_cost": 3},
                             "payload.station_id: no station 'nope'")):
        with seeded.uow(admin()) as uow, pytest.raises(Unusable) as err:
            earning.produce_harvested(uow, {"event_id": "h3", "payload": payload})
        assert str(err.value).startswith(reason)
    assert count(seeded, m.Item, m.Item.station_id == station["id"]) == 5


def test_the_harvests_stocked_here_keep_the_centers_contract():
    """The consumer's side of centers' produce.harvested contract (services/common/contracts/): the
    payloads these tests feed the station, and a bad one the contract refuses too."""
    from services.common import contracts

    for payload in ({"station_id": "st", "name": "青菜 greens", "quantity": 12},
                    {"station_id": "st", "name": "月季 roses", "quantity": 5, "points_cost": 8},
                    {"station_id": "st", "name": "萝卜", "quantity": 5, "points_cost": None, "harvest_id": "h",
                     "plot_id": "p", "centre_id": "c", "community": "310101002001", "harvested_on": "2026-06-01"}):
        assert contracts.problems("centers", "produce.harvested", payload) == []
    assert contracts.problems("centers", "produce.harvested", {"station_id": "st", "name": "x", "quantity": 0}) == [
        "payload.quantity: 0 is less than the minimum of 1"]


def test_a_bad_harvest_changes_nothing(seeded, station):
    """A harvest of a new produce with a bad quantity is not stocked: no empty item is left behind."""
    before = snapshot(seeded)
    with seeded.uow(admin()) as uow, pytest.raises(Unusable, match="payload.quantity: must be a whole number"):
        earning.produce_harvested(uow, {"event_id": "h5", "payload": {
            "station_id": station["id"], "name": "黄瓜 cucumbers", "quantity": 0, "points_cost": 4}})
    assert snapshot(seeded) == before


def test_the_counter_of_another_community_cannot_hand_out(seeded, station):
    fund(seeded, res_ref("r1"), 5)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    with pytest.raises(NotFound):  # another community's reservation is not found at this counter
        call(seeded, worker(community=COMM_A2), stations.pick_up, reservation_id=res["id"],
             pick_up_code=res["pick_up_code"])


def test_a_reservation_expiry_window_is_72_hours(seeded, station, fixed_clock):
    fund(seeded, res_ref("r1"), 5)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    fixed_clock.advance(hours=72)
    out = call(seeded, worker(), stations.pick_up, reservation_id=res["id"], pick_up_code=res["pick_up_code"])
    assert out["status"] == "picked_up"


def test_a_pick_up_code_of_any_text_is_a_mismatch_not_a_crash(seeded, station):
    """A non-ASCII code crashed the comparison (INTERNAL)."""
    fund(seeded, res_ref("r1"), 5)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    for code in ("取货码", "ÄBC123", " "):
        with pytest.raises(InvalidArgument) as err:
            call(seeded, worker(), stations.pick_up, reservation_id=res["id"], pick_up_code=code)
        assert err.value.field == "pick_up_code"
