"""Intake: channels, categories per district, parties masked in listings, the place, confidential cases."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.common.errors import AlreadyExists, InvalidArgument, NotFound, PermissionDenied
from services.mediation import models as m
from services.mediation.app import cases
from tests.conftest import DISTRICT_A, DISTRICT_B
from tests.service.mediation.conftest import (COMM_A, COMM_A2, GRID_A, MASKED_PHONE, PHONE, SUB_A, admin, assign,
                                              audit_rows, call, city_admin, count, events, history, mediator,
                                              open_case, read, resident, row, sub_staff, worker)

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("channel", ["walk_in", "grid_worker", "residents_meeting"])
def test_a_case_is_opened_from_each_channel(mdb, channel):
    out = open_case(mdb, channel=channel)
    assert (out["channel"], out["status"], out["tier"], out["category"]) == (channel, "open", "community",
                                                                            "neighbour_noise")
    assert out["district"] == DISTRICT_A and out["subdistrict"] == SUB_A and out["community"] == COMM_A
    # neighbour_noise: five days at the community tier
    assert out["deadline_at"] == (T0 + timedelta(days=5)).isoformat()
    assert out["opened_at"] == T0.isoformat()
    assert [k.kind for k in history(mdb, out["id"])] == ["opened"]


def test_a_hotline_case_carries_its_order_number_once(mdb):
    out = open_case(mdb, channel="hotline_12345", hotline_order_no="GD2026060100001")
    assert out["hotline_order_no"] == "GD2026060100001"
    with pytest.raises(AlreadyExists) as err:
        open_case(mdb, channel="hotline_12345", hotline_order_no="GD2026060100001")
    assert err.value.field == "hotline_order_no"
    with pytest.raises(InvalidArgument) as err:
        open_case(mdb, channel="hotline_12345")
    assert err.value.field == "hotline_order_no"
    with pytest.raises(InvalidArgument) as err:
        open_case(mdb, channel="walk_in", hotline_order_no="GD1")
    assert err.value.field == "hotline_order_no"
    assert count(mdb, m.Case) == 1


def test_the_place_is_kept(mdb):
    out = open_case(mdb, grid=GRID_A, compound="阳光小区", building="3号楼")
    got = read(mdb, admin(), cases.get_case_view, case_id=out["id"])
    assert (got["community"], got["grid"], got["compound"], got["building"]) == (COMM_A, GRID_A, "阳光小区", "3号楼")


def test_a_grid_of_another_community_is_refused(mdb):
    with pytest.raises(InvalidArgument) as err:
        open_case(mdb, grid=COMM_A2 + "-G01")
    assert err.value.field == "grid"
    assert count(mdb, m.Case) == 0


def test_a_case_received_earlier_counts_its_deadline_from_then(mdb):
    out = open_case(mdb, received_at="2026-05-30T09:00:00+08:00")
    assert out["opened_at"] == "2026-05-30T01:00:00+00:00"
    assert out["deadline_at"] == "2026-06-04T01:00:00+00:00"
    with pytest.raises(InvalidArgument) as err:
        open_case(mdb, received_at="2026-05-30T09:00:00")
    assert err.value.field == "received_at"
    with pytest.raises(InvalidArgument) as err:
        open_case(mdb, received_at="2026-06-02T09:00:00+08:00")
    assert err.value.field == "received_at"


def test_case_opened_event(mdb):
    out = open_case(mdb, channel="grid_worker")
    [ev] = events(mdb, "case.opened")
    assert ev["district"] == DISTRICT_A and ev["subdistrict"] == SUB_A and ev["source"] == "mediation"
    assert ev["payload"] == {"case_id": out["id"], "community": COMM_A, "category": "neighbour_noise",
                             "tier": "community", "status": "open", "channel": "grid_worker"}


# ---- categories per district

def test_categories_are_configured_per_district(mdb):
    codes = [c["code"] for c in read(mdb, worker(), cases.list_categories)["items"]]
    assert codes == sorted(["neighbour_noise", "shared_space", "property_management", "family", "building_safety",
                            "other"])
    assert read(mdb, admin(DISTRICT_B), cases.list_categories)["items"] == []
    with pytest.raises(InvalidArgument) as err:   # district B has no categories yet
        call(mdb, admin(DISTRICT_B), cases.open_case, channel="walk_in", category="neighbour_noise",
             community="310104001001", summary="x", parties=[{"name": "甲"}])
    assert err.value.field == "category" and "none yet" in err.value.message
    call(mdb, admin(DISTRICT_B), cases.configure_category, code="parking", name="停车",
         deadline_days={"community": 2, "subdistrict": 4, "district": 6})
    assert [c["code"] for c in read(mdb, admin(DISTRICT_B), cases.list_categories)["items"]] == ["parking"]
    assert "parking" not in [c["code"] for c in read(mdb, admin(), cases.list_categories)["items"]]


def test_a_category_deadline_change_applies_to_new_cases(mdb):
    out = call(mdb, admin(), cases.configure_category, code="neighbour_noise", name="噪音",
               deadline_days={"community": 2, "subdistrict": 3, "district": 4})
    assert out["deadline_days"] == {"community": 2, "subdistrict": 3, "district": 4}
    assert open_case(mdb)["deadline_at"] == (T0 + timedelta(days=2)).isoformat()
    [entry] = [a for a in audit_rows(mdb) if a.action == "configure category" and a.before]
    assert entry.before["deadline_days"] == {"community": 5, "subdistrict": 7, "district": 10}


def test_only_a_district_admin_configures(mdb):
    for ctx in (worker(), sub_staff(), mediator()):
        with pytest.raises(PermissionDenied):
            call(mdb, ctx, cases.configure_category, code="parking", name="停车")


def test_an_unknown_category_is_refused_listing_the_known(mdb):
    with pytest.raises(InvalidArgument) as err:
        open_case(mdb, category="parking")
    assert err.value.field == "category" and "neighbour_noise" in err.value.message


# ---- parties masked

def test_listings_mask_names_and_phones(mdb):
    out = open_case(mdb)
    assert out["parties"][0]["phone"] == PHONE            # the opener sees what was typed
    for ctx in (admin(), worker(), mediator("someone-else")):
        [item] = read(mdb, ctx, cases.list_cases)["items"]
        assert [p["phone"] for p in item["parties"]] == [MASKED_PHONE, "139****1111"]
        assert [p["name"] for p in item["parties"]] == ["张**", "李*"]


def test_the_team_and_supervisors_see_contacts_in_full_others_masked(mdb):
    out = open_case(mdb)
    assign(mdb, out["id"])
    for ctx in (admin(), sub_staff(), mediator("med1"), mediator("v1")):
        assert read(mdb, ctx, cases.get_case_view, case_id=out["id"])["parties"][0]["phone"] == PHONE
    for ctx in (worker(), mediator("other-mediator")):
        got = read(mdb, ctx, cases.get_case_view, case_id=out["id"])
        assert got["parties"][0] == {"name": "张**", "role": "complainant", "phone": MASKED_PHONE,
                                     "person_id": "r1"}


def test_contacts_never_reach_events_or_the_audit_log(mdb):
    out = open_case(mdb)
    assign(mdb, out["id"])
    call(mdb, mediator(), cases.record_session, case_id=out["id"], notes="双方到场", attendance=["张三丰", "李四"])
    call(mdb, mediator(), cases.resolve_case, case_id=out["id"], outcome="agreement", agreement="晚十点后停工")
    bodies = [str(e) for e in events(mdb)]
    assert bodies and not any(PHONE in b or "13900001111" in b for b in bodies)
    assert not any(PHONE in str(a.before) + str(a.after) + str(a.reason) for a in audit_rows(mdb))


# ---- confidential

def test_a_confidential_case_is_seen_by_its_team_and_supervisors_only(mdb):
    secret = open_case(mdb, confidential=True, category="family", summary="家庭纠纷 family matter")
    plain = open_case(mdb)
    assign(mdb, secret["id"], ctx=sub_staff())
    for ctx in (admin(), sub_staff(), mediator("med1"), mediator("j1"), mediator("v2")):
        assert read(mdb, ctx, cases.get_case_view, case_id=secret["id"])["confidential"] is True
        assert {c["id"] for c in read(mdb, ctx, cases.list_cases)["items"]} == {secret["id"], plain["id"]}
    for ctx in (worker(), mediator("other-mediator")):
        with pytest.raises(NotFound) as err:
            read(mdb, ctx, cases.get_case_view, case_id=secret["id"])
        assert err.value.field == "case_id"
        assert [c["id"] for c in read(mdb, ctx, cases.list_cases)["items"]] == [plain["id"]]
    # a party to the case sees it, masked
    got = read(mdb, resident("r1"), cases.get_case_view, case_id=secret["id"])
    assert got["parties"][0]["phone"] == MASKED_PHONE


def test_outsiders_cannot_act_on_a_confidential_case(mdb):
    secret = open_case(mdb, confidential=True)
    with pytest.raises(NotFound):
        assign(mdb, secret["id"], ctx=worker())
    assert row(mdb, m.Case, secret["id"]).status == "open"
    assign(mdb, secret["id"], ctx=admin())
    with pytest.raises(NotFound):
        call(mdb, mediator("other-mediator"), cases.record_session, case_id=secret["id"], notes="x",
             attendance=["x"])
    call(mdb, mediator("med1"), cases.record_session, case_id=secret["id"], notes="x", attendance=["张三丰"])


def test_city_staff_read_every_district(mdb, with_b):
    a = open_case(mdb)
    b = call(mdb, admin(DISTRICT_B), cases.open_case, channel="walk_in", category="neighbour_noise",
             community="310104001001", summary="B", parties=[{"name": "甲"}])
    assert {c["id"] for c in read(mdb, city_admin(), cases.list_cases)["items"]} == {a["id"], b["id"]}
    with pytest.raises(PermissionDenied):  # city staff read, they do not open cases
        call(mdb, city_admin(), cases.open_case, channel="walk_in", category="neighbour_noise", community=COMM_A,
             summary="x", parties=[{"name": "甲"}])


def test_list_filters(mdb):
    a = open_case(mdb)
    b = open_case(mdb, ctx=admin(), community=COMM_A2)
    assign(mdb, a["id"])
    assert [c["id"] for c in read(mdb, admin(), cases.list_cases, status="assigned")["items"]] == [a["id"]]
    assert [c["id"] for c in read(mdb, admin(), cases.list_cases, community=COMM_A2)["items"]] == [b["id"]]
    assert [c["id"] for c in read(mdb, worker(COMM_A2), cases.list_cases)["items"]] == [b["id"]]
    assert read(mdb, admin(), cases.list_cases, overdue_only=True)["items"] == []
    with pytest.raises(InvalidArgument) as err:
        read(mdb, admin(), cases.list_cases, status="lost")
    assert err.value.field == "status"
    with pytest.raises(InvalidArgument) as err:
        read(mdb, admin(), cases.list_cases, limit=501)
    assert err.value.field == "limit"
