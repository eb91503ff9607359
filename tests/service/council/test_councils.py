"""Councils (共建理事团): one per community, headed by its party secretary; member units; the rotating
chair; the yearly work plan."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import API, councils
from tests.service.council.conftest import COMM_A, COMM_A2, admin, call, count, read, unit, worker


def test_a_council_is_headed_by_the_communitys_party_secretary(kdb, council):
    got = read(kdb, worker(), councils.get_council, id=council["id"])
    assert (got["leader_id"], got["leader_name"], got["community"], got["founded_on"]) == ("s1", "书记甲", COMM_A,
                                                                                            "2026-06-01")
    assert [(x["organisation_id"], x["leader_group"]) for x in got["members"]] == [
        ("u1", True), ("u2", False), ("so1", False)]
    assert read(kdb, unit("u1"), councils.get_council, id=council["id"])["id"] == council["id"]  # a member unit reads it


@pytest.mark.parametrize("leader, words", [
    ("r1", "holds no secretary post"),          # a resident
    ("bs", "community's party committee"),      # a branch's secretary, not the community's
    ("x2", "holds no secretary post"),          # the neighbouring community's secretary
    ("nobody", "no person"),
])
def test_anyone_else_heading_it_is_refused_naming_the_leader(kdb, leader, words):
    with pytest.raises((FailedPrecondition, NotFound)) as err:
        call(kdb, worker(), councils.create_council, community=COMM_A, name="理事团", leader_id=leader)
    assert err.value.field == "leader_id" and words in err.value.message
    assert count(kdb, m.Council) == 0


def test_one_council_per_community_and_only_within_the_callers_scope(kdb, council):
    err = pytest.raises(AlreadyExists, call, kdb, admin(), councils.create_council, community=COMM_A, name="又一个",
                        leader_id="s1").value
    assert err.field == "community"
    err = pytest.raises(PermissionDenied, call, kdb, worker(COMM_A2), councils.create_council, community=COMM_A,
                        name="越权", leader_id="s1").value
    assert err.field == "community"
    with pytest.raises(PermissionDenied):
        call(kdb, unit(), councils.create_council, community=COMM_A, name="单位自建", leader_id="s1")
    assert count(kdb, m.Council) == 1
    # the neighbouring community's staff and another district see nothing of it
    assert read(kdb, worker(COMM_A2), councils.list_councils)["items"] == []
    assert pytest.raises(NotFound, read, kdb, worker(COMM_A2), councils.get_council, id=council["id"]).value.field == "id"
    assert pytest.raises(NotFound, read, kdb, admin("310104"), councils.get_council, id=council["id"]).value.field == "id"
    assert [c["id"] for c in read(kdb, admin(), councils.list_councils, division_code=COMM_A[:9])["items"]] == [
        council["id"]]


@pytest.mark.parametrize("organisation, error, words", [
    ("b1", FailedPrecondition, "partner units and social organisations"),
    ("ub", NotFound, "no organisation"),
    ("u1", AlreadyExists, "already"),
])
def test_members_are_the_districts_units_once(kdb, council, organisation, error, words):
    before = count(kdb, m.CouncilMember)
    err = pytest.raises(error, call, kdb, worker(), councils.add_member, council_id=council["id"],
                        organisation_id=organisation).value
    assert err.field == "organisation_id" and words in err.message
    assert count(kdb, m.CouncilMember) == before


def test_a_member_leaves_with_a_reason_and_may_join_again(kdb, council):
    [u2] = [x for x in council_members(kdb, council) if x["organisation_id"] == "u2"]
    left = call(kdb, worker(), councils.remove_member, member_id=u2["id"], reason="单位搬迁")
    assert (left["left_on"], left["left_reason"]) == ("2026-06-01", "单位搬迁")
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), councils.remove_member, member_id=u2["id"],
                        reason="再次").value
    assert err.field == "member_id"
    assert "u2" not in {x["organisation_id"] for x in council_members(kdb, council)}
    call(kdb, worker(), councils.add_member, council_id=council["id"], organisation_id="u2")
    assert "u2" in {x["organisation_id"] for x in council_members(kdb, council)}


def council_members(kdb, council):
    return read(kdb, worker(), councils.get_council, id=council["id"])["members"]


def test_the_rotating_chair_passes_from_unit_to_unit(kdb, council):
    first = call(kdb, worker(), councils.set_chair, council_id=council["id"], organisation_id="u1",
                 starts_on="2026-01-01", ends_on="2026-06-30")
    assert read(kdb, worker(), councils.get_council, id=council["id"])["chair"]["organisation_id"] == "u1"
    for starts, ends, org, field in (("2026-06-30", "2026-12-31", "u2", "starts_on"),   # overlaps the one before
                                     ("2026-07-01", "2027-12-31", "u2", "ends_on"),     # longer than a year
                                     ("2026-07-01", "2026-12-31", "b1", "organisation_id")):  # not a member
        with pytest.raises((FailedPrecondition, InvalidArgument)) as err:
            call(kdb, worker(), councils.set_chair, council_id=council["id"], organisation_id=org, starts_on=starts,
                 ends_on=ends)
        assert err.value.field == field
    second = call(kdb, worker(), councils.set_chair, council_id=council["id"], organisation_id="u2",
                  starts_on="2026-07-01", ends_on="2026-12-31")
    assert (first["organisation_name"], second["organisation_name"]) == ("区供电公司", "区教育局")


def test_a_council_without_a_rotating_chair_refuses_one(kdb):
    c = call(kdb, worker(), councils.create_council, community=COMM_A, name="理事团", leader_id="s1")
    call(kdb, worker(), councils.add_member, council_id=c["id"], organisation_id="u1")
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), councils.set_chair, council_id=c["id"],
                        organisation_id="u1", starts_on="2026-06-01", ends_on="2026-12-31").value
    assert err.field == "council_id" and "no rotating chair" in err.message


def test_the_work_plan_of_a_year_is_set_and_replaced(kdb, council):
    items = [{"title": "共建联席会每季度一次", "due_month": 3}, {"title": "助老服务", "lead_organisation_id": "u1"}]
    plan = call(kdb, worker(), councils.set_work_plan, council_id=council["id"], year=2026, items=items)
    assert [i["title"] for i in plan["items"]] == ["共建联席会每季度一次", "助老服务"]
    call(kdb, worker(), councils.set_work_plan, council_id=council["id"], year=2026, items=items[:1])
    assert len(read(kdb, worker(), councils.get_work_plan, council_id=council["id"])["items"]) == 1
    assert read(kdb, worker(), councils.get_work_plan, council_id=council["id"], year=2027)["items"] == []
    for params, field in (({"year": 2030}, "year"), ({"items": []}, "items"),
                          ({"items": [{"title": ""}]}, "items[0].title"),
                          ({"items": [{"title": "x", "due_month": 13}]}, "items[0].due_month"),
                          ({"items": [{"title": "x", "lead_organisation_id": "b1"}]}, "items[0].lead_organisation_id")):
        with pytest.raises((InvalidArgument, FailedPrecondition)) as err:
            call(kdb, worker(), councils.set_work_plan, **{"council_id": council["id"], "year": 2026, "items": items,
                                                           **params})
        assert err.value.field == field
    assert count(kdb, m.WorkPlan) == 1


def test_a_new_secretary_heads_the_leader_group(kdb, council, directory):
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), councils.change_leader, council_id=council["id"],
                        leader_id="s2").value
    assert err.field == "leader_id"
    directory.appoint("s2", "cc", "secretary")
    assert call(kdb, worker(), councils.change_leader, council_id=council["id"], leader_id="s2")["leader_name"] == "书记乙"


def test_a_retried_create_makes_one_council(kdb):
    params = {"community": COMM_A, "name": "理事团", "leader_id": "s1", "idempotency_key": "k1"}
    first = API.call(kdb, worker(), "CreateCouncil", params)
    assert API.call(kdb, worker(), "CreateCouncil", params) == first and count(kdb, m.Council) == 1
