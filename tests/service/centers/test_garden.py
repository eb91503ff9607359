"""The eco-garden: a harvest becomes produce at the plot's points station (``produce.harvested``, in
the shape of its contract, which the points service stocks)."""
from __future__ import annotations

import pytest

from services.common import contracts
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.centers import models as m
from services.centers.app import garden
from tests.service.centers.conftest import COMM_A2, admin, call, clear_events, count, events, read, resident, worker


@pytest.fixture
def plot(cdb, centre):
    return call(cdb, worker(), garden.add_plot, centre_id=centre["centre"]["id"], name="一号地", station_id="st-1",
                tended_by="志愿服务队")


def test_a_harvest_is_sent_to_the_plots_station_in_the_shape_of_its_contract(cdb, centre, plot):
    clear_events(cdb)
    h = call(cdb, worker(), garden.record_harvest, plot_id=plot["id"], produce="青菜 greens", quantity=12,
             points_cost=5)
    assert (h["produce"], h["quantity"], h["points_cost"], h["harvested_on"]) == ("青菜 greens", 12, 5, "2026-06-01")
    [event] = events(cdb, "produce.harvested")
    payload = event["payload"]
    assert contracts.problems("centers", "produce.harvested", payload) == []
    assert (payload["station_id"], payload["name"], payload["quantity"], payload["points_cost"]) == (
        "st-1", "青菜 greens", 12, 5)
    later = call(cdb, worker(), garden.record_harvest, plot_id=plot["id"], produce="青菜 greens", quantity=3,
                 harvested_on="2026-05-31")
    assert events(cdb, "produce.harvested")[1]["payload"]["points_cost"] is None
    listed = read(cdb, resident(), garden.list_harvests, centre_id=centre["centre"]["id"])["items"]
    assert [x["id"] for x in listed] == [h["id"], later["id"]]                  # newest first
    assert [p["name"] for p in read(cdb, resident(), garden.list_plots, centre_id=centre["centre"]["id"])["items"]] \
        == ["一号地"]


@pytest.mark.parametrize("field,value", [("quantity", 0), ("quantity", 100_001), ("points_cost", -1),
                                         ("harvested_on", "2026-06-02"), ("produce", "")])
def test_a_bad_harvest_is_refused_naming_the_field_and_sends_nothing(cdb, plot, field, value):
    clear_events(cdb)
    params = {"plot_id": plot["id"], "produce": "萝卜", "quantity": 5, **{field: value}}
    with pytest.raises(InvalidArgument) as err:
        call(cdb, worker(), garden.record_harvest, **params)
    assert err.value.field == field
    assert count(cdb, m.Harvest) == 0 and events(cdb, "produce.harvested") == []


def test_only_the_centres_staff_tend_the_records_of_its_garden(cdb, plot):
    with pytest.raises(PermissionDenied):
        call(cdb, resident(), garden.record_harvest, plot_id=plot["id"], produce="青菜", quantity=1)
    with pytest.raises(NotFound):
        call(cdb, worker(COMM_A2), garden.record_harvest, plot_id=plot["id"], produce="青菜", quantity=1)
    with pytest.raises(NotFound):
        call(cdb, admin("310104"), garden.record_harvest, plot_id=plot["id"], produce="青菜", quantity=1)
