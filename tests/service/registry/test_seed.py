"""The demo district: built through the application layer, and idempotent."""
from __future__ import annotations

from services.registry import models as m
from services.registry.app import organisations as orgs
from services.registry.app import people, ratings, rollout, territory
from services.registry.seed import DISTRICT, seed_demo
from tests.conftest import ctx_for
from tests.service.registry.conftest import admin, read, snapshot


def test_seed_builds_the_demo_district(registry_db, fixed_clock):
    db = registry_db
    assert seed_demo(db) is True
    counts = snapshot(db)
    assert counts["divisions"] == 1 + 2 + 4 + 8 + 4
    assert counts["organisations"] == 11 and counts["people"] == 9 and counts["memberships"] == 8
    assert counts["posts"] == 5 and counts["inspections"] == 2 and counts["rectifications"] == 1
    assert counts["ring_assignments"] == 2 and counts["feature_flags"] == 1
    assert counts["outbox"] > 0    # the seed emitted events like any other caller

    # a 1+3+N tree: one committee, three standing branches, a grid branch, a functional group, ...
    committee = read(db, admin(), orgs.list_organisations, kind="community_committee")["items"][0]
    tree = read(db, admin(), orgs.list_organisation_tree, id=committee["id"])["items"]
    kinds = [o["kind"] for o in tree[1:]]
    assert kinds.count("branch") == 3 and "functional_group" in kinds and "grid_branch" in kinds
    assert read(db, admin(), territory.list_ancestors, code=f"{DISTRICT}002001-G01-C01")["items"][-1]["code"] \
        == f"{DISTRICT}002001-G01"

    posts = read(db, admin(), people.list_posts, organisation_id=committee["id"])["items"]
    assert {p["title"] for p in posts} == {"secretary", "deputy_secretary", "committee_member"}
    assert {p["term_end"] for p in posts} == {"2026-06-14"}
    # the 1+1+N team's judge (no party member) and mediator hold posts of the residents' committee
    residents = read(db, admin(), orgs.list_organisations, kind="residents_committee")["items"][0]
    team = read(db, admin(), people.list_posts, organisation_id=residents["id"])["items"]
    assert {p["title"] for p in team} == {"community_judge", "mediator"}
    assert read(db, admin(), people.get_reserve_status, code=f"{DISTRICT}002001")["warning"] is True

    branches = {o["name"]: o for o in read(db, admin(), orgs.list_organisations, kind="branch")["items"]}
    assert branches["离退休党支部"]["under_rectification"] is True
    assert branches["第一党支部"]["latest_stars"] == 4
    assert read(db, admin(), ratings.get_honours_eligibility,
                organisation_id=branches["离退休党支部"]["id"])["eligible"] is False

    state = read(db, ctx_for("operator", district=None), rollout.get_rollout, district=DISTRICT)
    assert {r["subdistrict_code"]: r["ring"] for r in state["rings"]} == {f"{DISTRICT}002": "pilot",
                                                                         f"{DISTRICT}003": "early"}
    assert state["flags"] == [{"flag": "points.moral-bank", "stage": "pilot",
                               "description": "Residents' moral bank (道德银行) in the points service"}]


def test_seed_is_idempotent(registry_db, fixed_clock):
    assert seed_demo(registry_db) is True
    before = snapshot(registry_db)
    with registry_db.session_factory() as session:
        names_before = sorted(o.name for o in session.query(m.Organisation))
    fixed_clock.advance(days=3)
    assert seed_demo(registry_db) is False
    assert snapshot(registry_db) == before
    with registry_db.session_factory() as session:
        assert sorted(o.name for o in session.query(m.Organisation)) == names_before
