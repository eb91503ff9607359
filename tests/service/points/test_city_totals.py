"""The city's roll-up of points totals (GetCityTotals): GetTotals' lines for every district in one call."""
from __future__ import annotations

import pytest

from services.common.context import RequestContext, Role
from services.common.errors import InvalidArgument, PermissionDenied
from services.points.app import ledger, stations
from tests.service.points.conftest import (COMM_B, DISTRICT_A, acc_id, admin, call, fund, read, res_ref, resident,
                                           sub_staff)

R1 = acc_id("resident", "r1")


def city_admin(district: str | None = None):
    return RequestContext(actor="city", roles=frozenset({Role.CITY_ADMIN}), district=district)


def test_the_roll_up_gives_each_districts_totals_as_get_totals_does(seeded, station):
    fund(seeded, res_ref("r1"), 120)
    call(seeded, resident("r1"), stations.redeem, account_id=R1, item_id=station["produce"])
    DISTRICT_B = COMM_B[:6]
    fund(seeded, res_ref("rb", community=COMM_B), 30, requester=admin("w", district=DISTRICT_B),
         approver=admin("approver", district=DISTRICT_B))
    out = read(seeded, city_admin(), ledger.city_totals, year=2026)
    by_district = {d["district"]: d for d in out["districts"]}
    assert set(by_district) == {DISTRICT_A, DISTRICT_B}
    assert by_district[DISTRICT_A] == read(seeded, admin(), ledger.totals, year=2026)
    assert by_district[DISTRICT_B]["issued"] == 30 and by_district[DISTRICT_B]["outstanding"] == 30
    spent = by_district[DISTRICT_A]["spent"]
    assert spent > 0 and out["city"]["spent"] == spent
    assert out["city"]["issued"] == 150 and out["city"]["outstanding"] == 150 - spent


def test_city_staff_only_and_a_district_token_sees_its_own_district(seeded, station):
    fund(seeded, res_ref("r1"), 20)
    for ctx in (admin(), sub_staff(), resident("r1")):
        with pytest.raises(PermissionDenied):
            read(seeded, ctx, ledger.city_totals)
    assert read(seeded, city_admin("110101"), ledger.city_totals)["districts"] == []
    with pytest.raises(InvalidArgument) as err:
        read(seeded, city_admin(), ledger.city_totals, year=1999)
    assert err.value.field == "year"
