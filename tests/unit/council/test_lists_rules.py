"""The three lists and the project bank's rules (三张清单, 为民服务项目库): pure, no I/O."""
from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.council.domain import lists, projects

TODAY = date(2026, 6, 1)
COMM = "310101002001"


@pytest.mark.parametrize("tags, field", [([""], "skills[0]"), (["x" * 41], "skills[0]"),
                                         ([f"t{i}" for i in range(21)], "skills")])
def test_tags_are_short_and_few(tags, field):
    with pytest.raises(InvalidArgument) as err:
        lists.check_tags(tags)
    assert err.value.field == field


def test_tags_are_stripped_and_repeats_dropped():
    assert lists.check_tags([" 水电 ", "水电", "助老"]) == ["水电", "助老"]
    assert lists.check_tags(None) == []


@pytest.mark.parametrize("kind, urgency, visited, field", [
    ("cooking", "urgent", TODAY, "kind"), ("repair", "asap", TODAY, "urgency"),
    ("repair", "high", date(2026, 6, 2), "visited_on"), ("repair", "high", date(2025, 5, 1), "visited_on")])
def test_a_need_has_a_kind_an_urgency_and_a_visit_made(kind, urgency, visited, field):
    with pytest.raises(InvalidArgument) as err:
        lists.check_need(kind, urgency, visited, TODAY)
    assert err.value.field == field


@pytest.mark.parametrize("org, person, field", [("u1", "p1", "person_id"), (None, None, "organisation_id")])
def test_a_resource_has_exactly_one_offerer(org, person, field):
    with pytest.raises(InvalidArgument) as err:
        lists.check_resource("talent", org, person)
    assert err.value.field == field
    with pytest.raises(InvalidArgument) as err:
        lists.check_resource("money", "u1", None)
    assert err.value.field == "kind"


def test_a_resource_fits_by_a_shared_tag_and_scores_by_place():
    tags = lists.need_tags("repair", ["水电维修"])
    assert lists.match_resource(tags, COMM, None, ["文艺"], COMM) is None
    grid, _ = lists.match_resource(tags, COMM, COMM + "-G01", ["水电维修"], COMM + "-G01")
    here, reasons = lists.match_resource(tags, COMM, COMM + "-G01", ["水电维修", "Repair"], COMM)
    near, _ = lists.match_resource(tags, COMM, None, ["水电维修"], "310101002002")
    far, _ = lists.match_resource(tags, COMM, None, ["水电维修"], "310101003001")
    assert grid == 13 and here == 22 and near == 11 and far == 10
    assert reasons == ["offers 水电维修", "offers Repair", "in the need's community"]


def test_a_volunteer_fits_by_a_picked_project_while_he_holds_fewer_than_two():
    tags = lists.need_tags("elderly_care", ["助老"])
    assert lists.match_volunteer(tags, COMM, ["助老服务队"], 0, 2)[0] == 12
    assert lists.match_volunteer(tags, COMM, ["助老服务队"], 2, 2) is None   # he holds two already
    assert lists.match_volunteer(tags, COMM, ["环境整治"], 0, 2) is None


def test_matches_rank_by_score_then_resources_first():
    found = lists.ranked([{"kind": "volunteer", "id": "p", "name": "a", "score": 12},
                          {"kind": "resource", "id": "r", "name": "b", "score": 12},
                          {"kind": "resource", "id": "s", "name": "c", "score": 20}])
    assert [x["id"] for x in found] == ["s", "r", "p"]


def test_a_project_is_as_urgent_as_its_most_urgent_need():
    assert projects.urgency_of(["low", "high", "normal"]) == "high"
    assert projects.urgency_of(["urgent", "low"]) == "urgent"


def test_a_project_is_made_from_open_needs_of_its_council():
    with pytest.raises(InvalidArgument) as err:
        projects.check_need_ids([])
    assert err.value.field == "need_ids"
    assert projects.check_need_ids(["a", "b", "a"]) == ["a", "b"]
    with pytest.raises(FailedPrecondition) as err:
        projects.check_needs_open([("a", "open", "c1"), ("b", "in_project", "c1")], "c1")
    assert err.value.field == "need_ids[1]"
    with pytest.raises(FailedPrecondition) as err:
        projects.check_needs_open([("a", "open", "c2")], "c1")
    assert err.value.field == "need_ids[0]"


def test_a_deadline_is_ahead_and_within_two_years():
    projects.check_deadline(None, TODAY)
    for bad in (date(2026, 5, 31), date(2028, 7, 1)):
        with pytest.raises(InvalidArgument) as err:
            projects.check_deadline(bad, TODAY)
        assert err.value.field == "deadline"


def test_a_claim_names_one_claimer_on_an_open_project_and_a_member_takes_at_most_two():
    assert projects.check_claim("ledger", "u1", None) == "unit"
    assert projects.check_claim("escalated", None, "p1") == "member"
    with pytest.raises(FailedPrecondition) as err:
        projects.check_claim("done", "u1", None)
    assert err.value.field == "project_id"
    with pytest.raises(InvalidArgument) as err:
        projects.check_claim("ledger", "u1", "p1")
    assert err.value.field == "person_id"
    projects.check_member_load(1)
    with pytest.raises(FailedPrecondition) as err:
        projects.check_member_load(2)
    assert err.value.field == "person_id"
    assert projects.claimed_status("ledger") == "claimed" and projects.claimed_status("escalated") == "escalated"


def test_a_project_stalls_past_its_deadline_once():
    late = date(2026, 5, 31)
    assert projects.stalled("claimed", late, TODAY, escalated=False)
    assert projects.stalled("ledger", late, TODAY, escalated=False)
    assert not projects.stalled("claimed", late, TODAY, escalated=True)
    assert not projects.stalled("done", late, TODAY, escalated=False)
    assert not projects.stalled("claimed", TODAY, TODAY, escalated=False)
    assert not projects.stalled("claimed", None, TODAY, escalated=False)
    assert projects.overdue("escalated", late, TODAY) and not projects.overdue("done", late, TODAY)


def test_a_project_is_done_once_from_claimed_or_escalated():
    projects.check_completable("claimed", TODAY, TODAY, TODAY)
    projects.check_completable("escalated", TODAY, TODAY, TODAY)
    for status in ("ledger", "done", "closed"):
        with pytest.raises(FailedPrecondition) as err:
            projects.check_completable(status, TODAY, TODAY, TODAY)
        assert err.value.field == "project_id"
    with pytest.raises(InvalidArgument) as err:
        projects.check_completable("claimed", date(2026, 6, 2), TODAY, TODAY)
    assert err.value.field == "done_on"


@pytest.mark.parametrize("status, stars, year, field", [
    ("ledger", 5, 2026, "project_id"), ("claimed", 0, 2026, "stars"), ("claimed", 6, 2026, "stars"),
    ("claimed", True, 2026, "stars"), ("claimed", 4, 2027, "year"), ("claimed", 4, 2025, "year")])
def test_an_evaluation_is_of_a_project_taken_on_with_stars_and_a_year(status, stars, year, field):
    with pytest.raises((InvalidArgument, FailedPrecondition)) as err:
        projects.check_evaluation(status, stars, year, 2026, 2026)
    assert err.value.field == field


def test_the_tally_of_evaluations():
    assert projects.tally([5, 4, 4]) == {"evaluations": 3, "average": 4.3}
    assert projects.tally([]) == {"evaluations": 0, "average": 0.0}
