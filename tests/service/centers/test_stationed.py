"""Organisations stationed in a centre (入驻): a term, a quarterly promise, and deliveries read against it."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.centers.app import stationed
from tests.service.centers.conftest import COMM_A2, call, read, resident, worker


@pytest.fixture
def agreement(cdb, centre):
    return call(cdb, worker(), stationed.station_organisation, centre_id=centre["centre"]["id"], organisation_id="so1",
                term_start="2026-01-01", term_end="2027-12-31", promised={"讲座": 3, "义诊": 1})


def test_a_quarter_read_against_the_promise(cdb, centre, agreement):
    assert (agreement["organisation_name"], agreement["promised"]) == ("阳光社工服务中心", {"讲座": 3, "义诊": 1})
    for kind, on, count in (("讲座", "2026-04-10", 2), ("讲座", "2026-05-20", 1), ("义诊", "2026-03-31", 1)):
        call(cdb, worker(), stationed.record_delivery, stationing_id=agreement["id"], kind=kind, count=count,
             delivered_on=on)
    report = read(cdb, resident(), stationed.get_delivery_report, centre_id=centre["centre"]["id"])
    assert report["quarter"] == "2026-Q2"
    [line] = report["organisations"]
    assert line["kinds"] == [{"kind": "讲座", "promised": 3, "delivered": 3, "kept": True},
                             {"kind": "义诊", "promised": 1, "delivered": 0, "kept": False}]
    assert line["kept"] is False
    q1 = read(cdb, worker(), stationed.get_delivery_report, centre_id=centre["centre"]["id"], quarter="2026-Q1")
    assert [k["delivered"] for k in q1["organisations"][0]["kinds"]] == [0, 1]
    assert [s["id"] for s in read(cdb, worker(), stationed.list_stationed,
                                  centre_id=centre["centre"]["id"])["items"]] == [agreement["id"]]


@pytest.mark.parametrize("kw,exc,field", [
    ({"kind": "演出"}, InvalidArgument, "kind"),
    ({"kind": "讲座", "delivered_on": "2026-06-02"}, InvalidArgument, "delivered_on"),
    ({"kind": "讲座", "count": 0}, InvalidArgument, "count"),
])
def test_a_delivery_not_promised_or_in_the_future_is_refused(cdb, agreement, kw, exc, field):
    with pytest.raises(exc) as err:
        call(cdb, worker(), stationed.record_delivery, stationing_id=agreement["id"], **kw)
    assert err.value.field == field


def test_the_agreement_names_a_social_organisation_or_unit_once_per_term(cdb, centre, agreement):
    cid = centre["centre"]["id"]
    with pytest.raises(AlreadyExists):
        call(cdb, worker(), stationed.station_organisation, centre_id=cid, organisation_id="so1",
             term_start="2027-06-01", term_end="2028-05-31", promised={"讲座": 1})
    with pytest.raises(InvalidArgument) as err:
        call(cdb, worker(), stationed.station_organisation, centre_id=cid, organisation_id="b1",
             term_start="2026-01-01", term_end="2026-12-31", promised={"讲座": 1})
    assert err.value.field == "organisation_id" and "branch" in err.value.message
    with pytest.raises(InvalidArgument) as err:
        call(cdb, worker(), stationed.station_organisation, centre_id=cid, organisation_id="u1",
             term_start="2026-01-01", term_end="2032-01-01", promised={"讲座": 1})
    assert err.value.field == "term_end"
    with pytest.raises(InvalidArgument) as err:
        call(cdb, worker(), stationed.station_organisation, centre_id=cid, organisation_id="u1",
             term_start="2026-01-01", term_end="2026-12-31", promised={"讲座": 0})
    assert err.value.field == "promised.讲座"
    with pytest.raises(NotFound):
        call(cdb, worker(COMM_A2), stationed.record_delivery, stationing_id=agreement["id"], kind="讲座")
    with pytest.raises(FailedPrecondition):
        short = call(cdb, worker(), stationed.station_organisation, centre_id=cid, organisation_id="u1",
                     term_start="2026-05-01", term_end="2026-12-31", promised={"巡检": 2})
        call(cdb, worker(), stationed.record_delivery, stationing_id=short["id"], kind="巡检", delivered_on="2026-04-01")
    with pytest.raises(InvalidArgument) as err:
        read(cdb, worker(), stationed.get_delivery_report, centre_id=cid, quarter="2026-Q5")
    assert err.value.field == "quarter"
