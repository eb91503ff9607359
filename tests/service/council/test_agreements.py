"""Co-building agreements (共驻共建协议): signed with a member unit, renewed, ended; the council reminded
once before the end (the district's window) and the agreement lapsing at it."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.common.context import system_context
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import agreements
from tests.service.council.conftest import COMM_A2, admin, call, clear_events, count, events, read, unit, worker


def sign(kdb, council, org="u1", start="2026-01-01", end="2026-06-30", **extra):
    return call(kdb, worker(), agreements.sign_agreement, council_id=council["id"], organisation_id=org,
                term_start=start, term_end=end, commitments=["每季度开展一次志愿服务", "开放会议室"], **extra)


def tick(kdb):
    with kdb.uow(system_context("council:agreements")) as uow:
        n = agreements.remind_and_lapse(uow)
        uow.commit()
    return n


def test_an_agreement_is_signed_with_a_member_unit_once(kdb, council):
    a = sign(kdb, council)
    assert (a["status"], a["organisation_name"], a["commitments"][0]) == ("running", "区供电公司", "每季度开展一次志愿服务")
    assert [e["payload"]["id"] for e in events(kdb, "agreement.signed")] == [a["id"]]
    err = pytest.raises(AlreadyExists, sign, kdb, council).value
    assert err.field == "organisation_id" and "renew" in err.message
    err = pytest.raises(FailedPrecondition, sign, kdb, council, org="b1").value
    assert err.field == "organisation_id" and "not a member unit" in err.message


@pytest.mark.parametrize("params, field", [
    ({"start": "2026-06-30", "end": "2026-06-01"}, "term_end"),
    ({"start": "2026-01-01", "end": "2032-01-01"}, "term_end"),
    ({"start": "2026-13-01"}, "term_start"),
    ({"commitments": []}, "commitments"),
    ({"commitments": ["ok", " "]}, "commitments[1]"),
])
def test_a_bad_agreement_is_refused_naming_the_field_and_nothing_is_written(kdb, council, params, field):
    fields = {"council_id": council["id"], "organisation_id": "u1", "term_start": params.get("start", "2026-01-01"),
              "term_end": params.get("end", "2026-12-31"), "commitments": params.get("commitments", ["志愿服务"])}
    with pytest.raises(InvalidArgument) as err:
        call(kdb, worker(), agreements.sign_agreement, **fields)
    assert err.value.field == field
    assert count(kdb, m.Agreement) == 0


def test_renewed_from_the_day_after_with_its_commitments_carried_over(kdb, council):
    a = sign(kdb, council)
    b = call(kdb, worker(), agreements.renew_agreement, agreement_id=a["id"], term_end="2027-06-30")
    assert (b["term_start"], b["renews_id"], b["commitments"], b["status"]) == ("2026-07-01", a["id"],
                                                                                a["commitments"], "running")
    assert read(kdb, worker(), agreements.get_agreement, id=a["id"])["status"] == "renewed"
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), agreements.renew_agreement, agreement_id=a["id"],
                        term_end="2027-06-30").value
    assert err.field == "agreement_id" and "renewed" in err.message
    ended = call(kdb, worker(), agreements.end_agreement, agreement_id=b["id"], reason="单位撤并")
    assert (ended["status"], ended["ended_reason"]) == ("ended", "单位撤并")


def test_the_council_is_reminded_once_within_the_window_and_the_agreement_lapses_at_its_end(kdb, council, fixed_clock):
    a = sign(kdb, council, end="2026-07-15")  # 44 days after 2026-06-01: outside the 30-day default
    later = sign(kdb, council, org="u2", end="2026-12-31")
    clear_events(kdb)
    assert tick(kdb) == 0
    call(kdb, admin(), agreements.set_council_settings, reminder_days=45)  # the district widens its window
    assert tick(kdb) == 1 and tick(kdb) == 0                               # once
    [ending] = events(kdb, "agreement.ending")
    assert (ending["payload"]["id"], ending["payload"]["days_left"]) == (a["id"], 44)
    fixed_clock.at = datetime(2026, 7, 16, 1, 0, tzinfo=timezone.utc)
    assert tick(kdb) == 1
    [lapsed] = events(kdb, "agreement.lapsed")
    assert lapsed["payload"]["id"] == a["id"] and lapsed["payload"]["status"] == "lapsed"
    assert read(kdb, worker(), agreements.get_agreement, id=later["id"])["status"] == "running"
    # a lapsed agreement is not renewed: a new one is signed
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), agreements.renew_agreement, agreement_id=a["id"],
                        term_end="2027-07-15").value
    assert err.field == "agreement_id"
    assert sign(kdb, council, start="2026-07-16", end="2027-07-15")["status"] == "running"


def test_the_reminder_window_is_the_districts_setting(kdb, council):
    assert read(kdb, worker(), agreements.get_council_settings)["reminder_days"] == 30
    for ctx in (worker(), unit()):
        with pytest.raises(PermissionDenied):
            call(kdb, ctx, agreements.set_council_settings, reminder_days=10)
    err = pytest.raises(InvalidArgument, call, kdb, admin(), agreements.set_council_settings, reminder_days=0).value
    assert err.field == "reminder_days"
    call(kdb, admin(), agreements.set_council_settings, reminder_days=60)
    assert read(kdb, worker(), agreements.get_council_settings)["reminder_days"] == 60
    assert read(kdb, admin("310104"), agreements.get_council_settings)["reminder_days"] == 30


def test_a_unit_sees_its_own_agreements_and_staff_those_of_their_scope(kdb, council):
    mine, theirs = sign(kdb, council), sign(kdb, council, org="u2")
    assert [a["id"] for a in read(kdb, unit("u1"), agreements.list_agreements)["items"]] == [mine["id"]]
    assert pytest.raises(NotFound, read, kdb, unit("u1"), agreements.get_agreement, id=theirs["id"]).value.field == "id"
    assert len(read(kdb, worker(), agreements.list_agreements, council_id=council["id"])["items"]) == 2
    assert read(kdb, worker(COMM_A2), agreements.list_agreements)["items"] == []
    ending = read(kdb, worker(), agreements.list_agreements, ending_by="2026-06-30", status="running")["items"]
    assert sorted(a["organisation_id"] for a in ending) == ["u1", "u2"]  # both end on 2026-06-30
    err = pytest.raises(InvalidArgument, read, kdb, worker(), agreements.list_agreements, status="old").value
    assert err.field == "status"


def test_the_expiring_gauge_counts_each_districts_window(kdb, council):
    sign(kdb, council, end="2026-06-20")
    sign(kdb, council, org="u2", end="2026-09-30")
    with kdb.uow(system_context("council:gauges"), write=False) as uow:
        assert agreements.expiring_counts(uow) == {"310101": 1}
