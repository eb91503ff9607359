"""The moral bank: residents, households and units earn from the other services' events and from
garbage-sorting records; each credits once."""
from __future__ import annotations

import pytest

from services.common.inbox import Unusable

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.points import models as m
from services.points.app import earning
from tests.service.points.conftest import (COMM_A, COMM_A2, COMM_B, acc_id, balance, call, count, resident,
                                           service_ctx, snapshot, sub_staff, worker)


def envelope(event_id, payload, occurred_at="2026-06-01T09:30:00.000000Z", district="310101"):
    return {"event_id": event_id, "occurred_at": occurred_at, "district": district, "payload": payload}


def credit(db, source, event_type, env, ctx=None):
    with db.uow(ctx or service_ctx()) as uow:
        out = earning.credit_event(uow, source, event_type, env)
        uow.commit()
    return out


def test_a_checkin_at_the_centre_earns_the_resident_a_point_once_a_day(seeded, fixed_clock):
    env = envelope("e1", {"resident_id": "r1", "community": COMM_A, "name": "王五"})
    (out,) = credit(seeded, "centers", "checkin.recorded", env)
    assert out["action_type"] == "centre_checkin" and out["points"] == 1
    assert balance(seeded, acc_id("resident", "r1")) == 1
    with seeded.session_factory() as s:
        tx = s.get(m.Transaction, out["id"])
        assert (tx.source, tx.actor, tx.occurred_on.isoformat()) == ("e1#0", "svc", "2026-06-01")
    # a second check-in the same day: the daily cap, not credited, not an error
    assert credit(seeded, "centers", "checkin.recorded", envelope("e2", {"resident_id": "r1",
                                                                         "community": COMM_A})) == []
    assert balance(seeded, acc_id("resident", "r1")) == 1


def test_each_volunteer_of_a_resolved_mediation_earns(seeded):
    env = envelope("case-9", {"volunteers": [{"person_id": "v1", "community": COMM_A},
                                             {"person_id": "v2", "community": COMM_A2, "name": "志愿者二"}]})
    out = credit(seeded, "mediation", "case.resolved", env)
    assert [c["account_id"] for c in out] == [acc_id("resident", "v1"), acc_id("resident", "v2")]
    assert balance(seeded, acc_id("resident", "v1")) == 10 == balance(seeded, acc_id("resident", "v2"))
    with seeded.session_factory() as s:
        assert sorted(t.source for t in s.query(m.Transaction)) == ["case-9#0", "case-9#1"]


def test_a_volunteer_without_an_id_makes_the_event_unusable_and_credits_no_one(seeded):
    """It used to be skipped with a warning, the others credited and the event recorded as consumed: a
    broken event was half applied and lost. Now none of it is applied and it is dead-lettered."""
    env = envelope("case-10", {"volunteers": [{"person_id": "v3", "community": COMM_A},
                                              {"person_id": "", "community": COMM_A}]})
    before = snapshot(seeded)
    with pytest.raises(Unusable) as err:
        credit(seeded, "mediation", "case.resolved", env)
    assert str(err.value).startswith("payload.volunteers[1].person_id: is required")
    assert snapshot(seeded) == before


@pytest.mark.parametrize("payload,field", [
    ({"volunteers": "v1,v2"}, "payload.volunteers"),
    ({"volunteers": [{"person_id": "v1", "community": "nowhere"}]}, "payload.volunteers[0].community"),
])
def test_an_ill_typed_payload_is_unusable(seeded, payload, field):
    with pytest.raises(Unusable) as err:
        credit(seeded, "mediation", "case.resolved", envelope("case-11", payload))
    assert str(err.value).startswith(field)


DELIVERED = {"activity_id": "act-1", "team_id": "t-1", "team_name": "水电维修队", "council_id": "k-1",
             "community": COMM_A, "title": "上门维修", "served_on": "2026-06-01", "people_served": 12,
             "unit_id": "org-7", "unit_name": "区供电公司",
             "volunteers": [{"person_id": "v7", "name": "志愿者甲", "community": COMM_A},
                            {"person_id": "v8", "name": "志愿者乙", "community": COMM_A}]}


def test_a_cobuilding_service_earns_the_unit_and_each_volunteer_who_served(seeded):
    """The consumer's side of council's service.delivered contract: the team's unit by the
    cobuilding_service rule, each volunteer by the volunteer_service rule, once each."""
    from services.common import contracts

    assert contracts.problems("council", "service.delivered", DELIVERED) == []
    out = credit(seeded, "council", "service.delivered", envelope("svc-1", DELIVERED))
    assert {(c["account_id"], c["action_type"], c["points"]) for c in out} == {
        (acc_id("unit", "org-7"), "cobuilding_service", 20), (acc_id("resident", "v7"), "volunteer_service", 5),
        (acc_id("resident", "v8"), "volunteer_service", 5)}
    # a team no unit leads: its volunteers alone
    alone = {k: v for k, v in DELIVERED.items() if k not in ("unit_id", "unit_name")}
    assert contracts.problems("council", "service.delivered", alone) == []
    assert [c["account_id"] for c in credit(seeded, "council", "service.delivered", envelope("svc-2", alone))] == [
        acc_id("resident", "v7"), acc_id("resident", "v8")]


def test_a_delivered_service_breaking_its_contract_is_unusable_naming_the_payload_field(seeded):
    from services.common import contracts

    bad = {**DELIVERED, "volunteers": [{"person_id": "v9", "community": "310104001001"}]}  # another district's
    assert contracts.problems("council", "service.delivered", {**DELIVERED, "volunteers": "v9"}) != []
    with pytest.raises(Unusable) as err:
        credit(seeded, "council", "service.delivered", envelope("svc-3", bad))
    assert str(err.value).startswith("payload.volunteers[0].community")
    assert count(seeded, m.Transaction) == 0


def test_an_event_where_no_rule_is_in_force_credits_nothing(seeded):
    env = envelope("b-1", {"resident_id": "rb", "community": COMM_B}, district="310104")
    assert credit(seeded, "centers", "checkin.recorded", env, ctx=service_ctx("310104")) == []
    assert count(seeded, m.Transaction) == 0


# ---- garbage-sorting records

CSV = ("record_id,household_id,community,sorted_on\n"
       "G-1,h1,310101002001,2026-05-30\n"
       "G-2,h2,310101002001,2026-05-31\n"
       "G-3,h1,310101002001,2026-05-31\n")


def import_csv(db, station_id, content, ctx=None):
    return call(db, ctx or worker(), earning.import_garbage_records, station_id=station_id,
                content=content.encode() if isinstance(content, str) else content)


def test_garbage_records_credit_households_and_a_reimport_credits_nothing_new(seeded, station):
    report = import_csv(seeded, station["id"], CSV)
    assert report == {"rows": 3, "credited": 3, "duplicates": 0, "problems": []}
    assert balance(seeded, acc_id("household", "h1")) == 4 and balance(seeded, acc_id("household", "h2")) == 2
    again = import_csv(seeded, station["id"], CSV + "G-4,h3,310101002001,2026-05-31\n")
    assert again == {"rows": 4, "credited": 1, "duplicates": 3, "problems": []}
    assert balance(seeded, acc_id("household", "h1")) == 4
    assert count(seeded, m.Transaction) == 4


def test_bad_garbage_rows_are_reported_and_the_good_ones_credited(seeded, station):
    content = ("\ufeffrecord_id,household_id,community,sorted_on\n"
               "G-1,h1,310101002001,2026-05-30\n"
               ",h1,310101002001,2026-05-30\n"
               "G-3,h2,310101002001,30/05/2026\n"
               "G-4,,310101002001,2026-05-30\n"
               "G-5,h3,31010100200X,2026-05-30\n"
               "G-6,h4,310101002001,2026-07-01\n"
               "G-7,h1,310101002001,2026-05-30\n")   # h1 already has today's capped 2 points
    report = import_csv(seeded, station["id"], content)
    assert report["credited"] == 1 and report["rows"] == 7
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (3, "record_id"), (4, "sorted_on"), (5, "household_id"), (6, "community"), (7, "sorted_on"),
        (8, "action_type")]
    assert all(p["reason"] for p in report["problems"])


def test_a_short_garbage_row_is_reported_not_a_crash(seeded, station):
    content = ("record_id,household_id,community,sorted_on\n"
               "G-1,h1,310101002001,2026-05-30\n"
               "G-2,h2\n")
    report = import_csv(seeded, station["id"], content)
    assert report["credited"] == 1
    assert [p["row"] for p in report["problems"]] == [3]


def test_a_garbage_file_with_missing_columns_or_not_utf8_is_refused(seeded, station):
    before = snapshot(seeded)
    with pytest.raises(InvalidArgument) as err:
        import_csv(seeded, station["id"], "record_id,household\nG-1,h1\n")
    assert err.value.field == "content" and "community" in err.value.message
    with pytest.raises(InvalidArgument) as err:
        import_csv(seeded, station["id"], "record_id,household_id,community,sorted_on\n".encode("utf-16"))
    assert err.value.field == "content"
    assert snapshot(seeded) == before


def test_garbage_records_are_imported_by_the_stations_community(seeded, station):
    with pytest.raises(NotFound):  # another community's station is not found from there
        import_csv(seeded, station["id"], CSV, ctx=worker(community=COMM_A2))
    with pytest.raises(PermissionDenied):
        import_csv(seeded, station["id"], CSV, ctx=resident("h1"))
    assert import_csv(seeded, station["id"], CSV, ctx=sub_staff())["credited"] == 3


def test_a_garbage_file_of_unknown_columns_is_refused_not_answered_empty(seeded, station):
    """A header of 50,001 unknown columns and no rows was answered {} (nothing said, nothing done)."""
    header = ",".join(f"col{i}" for i in range(50_001)) + "\n"
    with pytest.raises(InvalidArgument) as err:
        import_csv(seeded, station["id"], header)
    assert err.value.field == "content" and "unknown column(s)" in err.value.message


@pytest.mark.parametrize("payload", [
    {"resident_id": "r1", "community": COMM_A, "name": "王五"},
    {"resident_id": "r1", "community": COMM_A},
    {"resident_id": "r9", "community": COMM_A2, "account_kind": "resident", "booking_id": "b-1", "centre_id": "c-1",
     "space_id": "s-1", "checkin_id": "ci-1", "purpose": "主题党日", "name": None},
])
def test_the_checkins_credited_here_keep_the_centers_contract_and_credit_the_resident(seeded, payload):
    """The consumer's side of centers' checkin.recorded contract (services/common/contracts/): what this
    service is fed in its tests is what the contract allows, and each such payload credits."""
    from services.common import contracts

    assert contracts.problems("centers", "checkin.recorded", payload) == []
    (out,) = credit(seeded, "centers", "checkin.recorded", envelope(f"contract-{payload['resident_id']}", payload))
    assert out["account_id"] == acc_id("resident", payload["resident_id"])


def test_a_checkin_breaking_the_contract_is_unusable_here_too():
    from services.common import contracts

    assert contracts.problems("centers", "checkin.recorded", {"resident_id": ["x"], "community": COMM_A}) == [
        "payload.resident_id: ['x'] is not of type 'string'"]
    assert ("centers", "checkin.recorded") in contracts.known()


def test_the_resolved_cases_credited_here_keep_the_mediation_contract():
    """The consumer's side of mediation's case.resolved contract: the payloads this module feeds."""
    from services.common import contracts

    for payload in ({"case_id": "case-9", "community": COMM_A, "volunteers": [
                        {"person_id": "v1", "community": COMM_A}, {"person_id": "v2", "community": COMM_A2,
                                                                   "name": "志愿者二"}]},
                    {"case_id": "case-10", "community": COMM_A, "volunteers": []}):
        assert contracts.problems("mediation", "case.resolved", payload) == []
    assert contracts.problems("mediation", "case.resolved", {"case_id": "c", "community": COMM_A}) == [
        "payload: 'volunteers' is a required property"]


MEMBER_ATTENDANCE = {"resident_id": "m1", "community": COMM_A, "account_kind": "member", "category": "community",
                     "activity": "organisational_life", "meeting_kind": "themed_party_day", "branch_id": "b-1",
                     "booking_id": "b-9", "centre_id": "c-1", "space_id": "s-1", "checkin_id": "ci-9",
                     "purpose": "主题党日: 重温入党誓词", "name": "党员甲"}


def test_a_members_attendance_at_organisational_life_earns_his_member_points_by_its_own_rule(seeded):
    """The consumer's side of a member's check-in at his branch's meeting (centers' contract): credited to
    his member points account (category from the branch) as participation, the organisational_life rule,
    not the residents' centre_checkin; its monthly cap holds."""
    from services.common import contracts

    assert contracts.problems("centers", "checkin.recorded", MEMBER_ATTENDANCE) == []
    (out,) = credit(seeded, "centers", "checkin.recorded", envelope("life-1", MEMBER_ATTENDANCE))
    assert (out["account_id"], out["action_type"], out["points"]) == (acc_id("member", "m1"), "organisational_life", 2)
    assert balance(seeded, acc_id("member", "m1")) == 2 and balance(seeded, acc_id("resident", "m1")) == 0
    with seeded.session_factory() as s:
        assert s.get(m.Account, acc_id("member", "m1")).category == "community"
    for n in range(12):  # 20 a month at most: ten meetings' worth
        credit(seeded, "centers", "checkin.recorded", envelope(f"life-{n + 2}", {**MEMBER_ATTENDANCE,
                                                                               "checkin_id": f"ci-{n}"}))
    assert balance(seeded, acc_id("member", "m1")) == 20
