"""What waits to be handed over at a station (ListPendingHandovers): reservations and approved honours,
oldest first, paged by cursor, scoped by the repository, never with the pick-up code."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.points.app import stations
from tests.service.points.conftest import (COMM_A, COMM_A2, acc_id, admin, call, fund, read, res_ref, resident,
                                           sub_staff, worker)

R1 = acc_id("resident", "r1")


def _reserve(db, station, n: int) -> list[str]:
    fund(db, res_ref("r1"), 10 * n)
    return [call(db, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])["id"]
            for _ in range(n)]


def _all_pages(db, ctx, size: int, **filters) -> list[str]:
    seen, token = [], ""
    while True:
        page = read(db, ctx, stations.list_pending_handovers, page_size=size, page_token=token, **filters)
        seen += [r["id"] for r in page["items"]]
        token = page["next_page_token"]
        if not token:
            return seen


def test_the_counter_lists_what_waits_without_codes_and_drops_it_once_picked_up(seeded, station):
    fund(seeded, res_ref("r1"), 10)
    res = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    out = read(seeded, worker("counter"), stations.list_pending_handovers, station_id=station["id"])
    assert [r["id"] for r in out["items"]] == [res["id"]] and out["next_page_token"] == ""
    assert "pick_up_code" not in out["items"][0]
    call(seeded, worker("counter"), stations.pick_up, reservation_id=res["id"], pick_up_code=res["pick_up_code"])
    assert read(seeded, worker("counter"), stations.list_pending_handovers, station_id=station["id"])["items"] == []


def test_an_honour_is_listed_once_approved_and_not_before(seeded, station):
    fund(seeded, res_ref("r1"), 500)
    honour = call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["honour"])
    assert read(seeded, sub_staff(), stations.list_pending_handovers)["items"] == []
    call(seeded, sub_staff(), stations.decide_honour, reservation_id=honour["id"], approve=True)
    listed = read(seeded, sub_staff(), stations.list_pending_handovers)["items"]
    assert [r["id"] for r in listed] == [honour["id"]] and "pick_up_code" not in listed[0]


def test_pages_give_every_item_once_oldest_first(seeded, station):
    ids = _reserve(seeded, station, 7)
    expected = read(seeded, worker(), stations.list_pending_handovers, community=COMM_A)["items"]
    assert sorted(r["id"] for r in expected) == sorted(ids)
    assert _all_pages(seeded, worker(), 3, community=COMM_A) == [r["id"] for r in expected]
    assert _all_pages(seeded, admin(), 2, station_id=station["id"]) == [r["id"] for r in expected]


def test_a_token_with_other_filters_or_a_bad_size_is_refused_naming_the_field(seeded, station):
    _reserve(seeded, station, 3)
    page = read(seeded, worker(), stations.list_pending_handovers, page_size=1)
    with pytest.raises(InvalidArgument) as err:
        read(seeded, worker(), stations.list_pending_handovers, page_size=1, page_token=page["next_page_token"],
             station_id=station["id"])
    assert err.value.field == "page_token"
    with pytest.raises(InvalidArgument) as err:
        read(seeded, worker(), stations.list_pending_handovers, page_size=501)
    assert err.value.field == "page_size"


def test_a_sibling_communitys_worker_sees_none_of_ours(seeded, station):
    _reserve(seeded, station, 2)
    sibling = worker("sibling", community=COMM_A2)
    assert read(seeded, sibling, stations.list_pending_handovers)["items"] == []
    with pytest.raises(NotFound) as err:
        read(seeded, sibling, stations.list_pending_handovers, station_id=station["id"])
    assert err.value.field == "station_id"
    with pytest.raises((NotFound, PermissionDenied)) as err:
        read(seeded, sibling, stations.list_pending_handovers, community=COMM_A)
    assert err.value.field == "community"


def test_residents_do_not_list_the_counter(seeded, station):
    with pytest.raises(PermissionDenied):
        read(seeded, resident("r1"), stations.list_pending_handovers, station_id=station["id"])
