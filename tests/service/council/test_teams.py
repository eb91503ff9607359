"""Service teams (服务小队): the skills register, teams by interest, trade or skill, and the activities they
deliver, announced as service.delivered in the shape of its contract (points credits the unit and each
volunteer once)."""
from __future__ import annotations

import pytest

from services.common import contracts
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.council import models as m
from services.council.app import teams
from tests.service.council.conftest import COMM_A2, call, count, events, read, worker


@pytest.fixture
def team(kdb, council):
    for person, skills in (("r1", ["水电维修", "电工"]), ("s2", ["水电维修"])):
        call(kdb, worker(), teams.register_skills, council_id=council["id"], person_id=person, skills=skills,
             trade="电工")
    t = call(kdb, worker(), teams.form_team, council_id=council["id"], name="水电维修队", basis="skill", kind="repair",
             unit_id="u1")
    for person in ("r1", "s2"):
        t = call(kdb, worker(), teams.add_team_member, team_id=t["id"], person_id=person)
    return t


def test_a_team_of_the_skills_register_led_by_a_member_unit(kdb, council, team):
    assert (team["unit_name"], sorted(x["person_id"] for x in team["members"])) == ("区供电公司", ["r1", "s2"])
    assert [x["person_id"] for x in read(kdb, worker(), teams.list_skills, council_id=council["id"],
                                         skill="电工")["items"]] == ["r1"]
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), teams.add_team_member, team_id=team["id"],
                        person_id="bs").value
    assert err.field == "person_id" and "skills register" in err.message
    err = pytest.raises(AlreadyExists, call, kdb, worker(), teams.add_team_member, team_id=team["id"],
                        person_id="r1").value
    assert err.field == "person_id"


@pytest.mark.parametrize("params, field", [
    ({"basis": "money"}, "basis"), ({"kind": "party"}, "kind"), ({"unit_id": "b1"}, "unit_id"), ({"name": ""}, "name"),
])
def test_a_bad_team_is_refused_naming_the_field(kdb, council, params, field):
    with pytest.raises((InvalidArgument, FailedPrecondition)) as err:
        call(kdb, worker(), teams.form_team, **{"council_id": council["id"], "name": "队", "basis": "skill",
                                                "kind": "repair", **params})
    assert err.value.field == field
    assert count(kdb, m.ServiceTeam) == 0


def test_only_people_of_the_community_are_on_its_skills_register(kdb, council):
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), teams.register_skills, council_id=council["id"],
                        person_id="x2", skills=["讲课"]).value
    assert err.field == "person_id" and "lives in" in err.message
    err = pytest.raises(InvalidArgument, call, kdb, worker(), teams.register_skills, council_id=council["id"],
                        person_id="r1", skills=["ok", ""]).value
    assert err.field == "skills[1]"
    assert count(kdb, m.SkilledPerson) == 0


def test_an_activity_is_announced_for_the_unit_and_each_volunteer_in_the_contracts_shape(kdb, team):
    done = call(kdb, worker(), teams.record_activity, team_id=team["id"], title="上门维修水管", served_on="2026-05-30",
                people_served=12, volunteer_ids=["r1", "s2", "r1"])
    assert [v["person_id"] for v in done["volunteers"]] == ["r1", "s2"]
    [event] = events(kdb, "service.delivered")
    payload = event["payload"]
    assert contracts.problems("council", "service.delivered", payload) == []  # the producer's side
    assert (payload["unit_id"], payload["people_served"], [v["person_id"] for v in payload["volunteers"]]) == (
        "u1", 12, ["r1", "s2"])
    listed = read(kdb, worker(), teams.list_activities, team_id=team["id"])
    assert listed["people_served"] == 12 and [a["id"] for a in listed["items"]] == [done["id"]]


@pytest.mark.parametrize("params, field", [
    ({"served_on": "2026-06-02"}, "served_on"),
    ({"people_served": -1}, "people_served"),
    ({"volunteer_ids": []}, "volunteer_ids"),
    ({"volunteer_ids": ["r1", "bs"]}, "volunteer_ids[1]"),   # not of the team
    ({"project_id": "no-such-project"}, "project_id"),
])
def test_a_bad_activity_names_the_field_and_announces_nothing(kdb, team, params, field):
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound)) as err:
        call(kdb, worker(), teams.record_activity, **{"team_id": team["id"], "title": "维修", "served_on": "2026-05-30",
                                                      "people_served": 3, "volunteer_ids": ["r1"], **params})
    assert err.value.field == field
    assert count(kdb, m.ServiceActivity) == 0 and events(kdb, "service.delivered") == []


def test_a_team_no_unit_leads_announces_its_volunteers_alone(kdb, council, team):
    t = call(kdb, worker(), teams.form_team, council_id=council["id"], name="文艺演出队", basis="interest",
             kind="performance")
    call(kdb, worker(), teams.add_team_member, team_id=t["id"], person_id="r1")
    call(kdb, worker(), teams.record_activity, team_id=t["id"], title="广场演出", served_on="2026-05-31",
         people_served=80, volunteer_ids=["r1"])
    [event] = events(kdb, "service.delivered")
    assert "unit_id" not in event["payload"] and contracts.problems("council", "service.delivered",
                                                                    event["payload"]) == []


def test_the_neighbouring_community_sees_no_team(kdb, team):
    assert pytest.raises(NotFound, read, kdb, worker(COMM_A2), teams.get_team, id=team["id"]).value.field == "id"
    with pytest.raises(NotFound):
        call(kdb, worker(COMM_A2), teams.record_activity, team_id=team["id"], title="x", served_on="2026-05-30",
             people_served=1, volunteer_ids=["r1"])
