"""A community worker's desk (ListCycleWork): the cycles still running in the community, each with the
objections to answer and the exemptions waiting for the caller's step; paged by cursor, in scope."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.points.app import cycle
from tests.service.points.conftest import COMM_A, COMM_A2, call, read, resident, sub_staff, worker
from tests.service.points.test_cycle import open_cycle, to_step


def _all_pages(db, ctx, size: int, **filters) -> list[str]:
    seen, token = [], ""
    while True:
        page = read(db, ctx, cycle.list_cycle_work, page_size=size, page_token=token, **filters)
        seen += [c["cycle_id"] for c in page["items"]]
        token = page["next_page_token"]
        if not token:
            return seen


def test_the_desk_shows_the_objection_to_answer_and_the_exemption_to_apply_for(seeded, fixed_clock):
    c = to_step(seeded, open_cycle(seeded), "public_notice")
    obj = call(seeded, resident("neighbour"), cycle.raise_objection, cycle_id=c["id"], person_id="p2",
               objection="p2 was absent")
    exe = call(seeded, worker(), cycle.request_exemption, cycle_id=c["id"], person_id="p4", reason="abroad")
    (desk,) = read(seeded, worker(), cycle.list_cycle_work)["items"]
    assert (desk["cycle_id"], desk["branch_id"], desk["community"], desk["step"]) == (
        c["id"], "branch-1", COMM_A, "public_notice")
    assert [o["id"] for o in desk["objections_to_answer"]] == [obj["id"]]
    assert [e["id"] for e in desk["exemptions_to_decide"]] == [exe["id"]]
    # the sub-district approves after the community's application: not its step yet
    (sub_desk,) = read(seeded, sub_staff(), cycle.list_cycle_work)["items"]
    assert sub_desk["exemptions_to_decide"] == []
    # answered and applied for, both leave the worker's desk; the application reaches the sub-district's
    call(seeded, worker(), cycle.answer_objection, objection_id=obj["id"], answer="he was ill, excused")
    call(seeded, worker(), cycle.decide_exemption, exemption_id=exe["id"], approve=True)
    (desk,) = read(seeded, worker(), cycle.list_cycle_work)["items"]
    assert desk["objections_to_answer"] == [] and desk["exemptions_to_decide"] == []
    (sub_desk,) = read(seeded, sub_staff(), cycle.list_cycle_work)["items"]
    assert [e["id"] for e in sub_desk["exemptions_to_decide"]] == [exe["id"]]


def test_pages_give_every_cycle_once_and_a_token_with_other_filters_is_refused(seeded):
    opened = [call(seeded, sub_staff(), cycle.open_cycle, branch_id=b, community=COMM_A, year=2026,
                   members=[{"person_id": "p1"}])["id"] for b in ("b", "b3", "b-9", "branch-1", "branch-2")]
    everything = [c["cycle_id"] for c in read(seeded, worker(), cycle.list_cycle_work)["items"]]
    assert sorted(everything) == sorted(opened)
    assert _all_pages(seeded, worker(), 2) == everything
    page = read(seeded, sub_staff(), cycle.list_cycle_work, page_size=2)
    with pytest.raises(InvalidArgument) as err:
        read(seeded, sub_staff(), cycle.list_cycle_work, community=COMM_A, page_token=page["next_page_token"])
    assert err.value.field == "page_token"
    with pytest.raises(InvalidArgument) as err:
        read(seeded, worker(), cycle.list_cycle_work, page_size=1000)
    assert err.value.field == "page_size"


def test_a_sibling_communitys_worker_sees_none_of_ours(seeded, fixed_clock):
    c = to_step(seeded, open_cycle(seeded), "public_notice")
    call(seeded, resident("neighbour"), cycle.raise_objection, cycle_id=c["id"], person_id="p2", objection="x")
    sibling = worker("sibling", community=COMM_A2)
    assert read(seeded, sibling, cycle.list_cycle_work)["items"] == []
    with pytest.raises((NotFound, PermissionDenied)) as err:
        read(seeded, sibling, cycle.list_cycle_work, community=COMM_A)
    assert err.value.field == "community"


def test_members_do_not_read_the_desk(seeded):
    open_cycle(seeded)
    with pytest.raises(PermissionDenied):
        read(seeded, resident("p1"), cycle.list_cycle_work)
