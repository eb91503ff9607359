"""The registry's service tests: a small two-district world on SQLite, event and row readers.

District A (310101): sub-district 310101002 with communities 310101002001 (grid G01) and
310101002002, sub-district 310101003 with community 310101003001. District B (310104) has one
sub-district and one community. Organisations in A: a working committee, a community
committee under it, two branches, a grid branch, a party-government-organ partner unit and a
state-owned enterprise; in B a working committee, a community committee and a branch.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from services.common.db import Database
from services.common.usecase import run
from services.registry import models as m
from services.registry.app import organisations as orgs
from services.registry.app import people, territory
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for, row_counts
from tests.conftest import clear_outbox as clear_events  # noqa: F401 - the tests import these from here
from tests.conftest import count_rows as count  # noqa: F401
from tests.conftest import detached as get  # noqa: F401
from tests.conftest import outbox_events as events  # noqa: F401

SUB_A = "310101002"
COMM_A = "310101002001"
COMM_A2 = "310101002002"
GRID_A = "310101002001-G01"
SUB_A3 = "310101003"
COMM_A3 = "310101003001"
SUB_B = "310104001"
COMM_B = "310104001001"


def admin(district: str = DISTRICT_A):
    return ctx_for("district_admin", district=district)


def call(db: Database, ctx, fn, **params):
    """Run a writing use case as an entrypoint does (parameters checked, committed)."""
    return run(db, ctx, fn, params, write=True)


def read(db: Database, ctx, fn, **params):
    return run(db, ctx, fn, params, write=False)


def join(world: "World", org_key: str, *person_keys: str) -> None:
    """The world's members join one of its organisations (a party organisation's posts go to its members)."""
    for key in person_keys:
        call(world.db, admin(), people.join_organisation, person_id=world.person(key),
             organisation_id=world.org(org_key), transfer=True)


def snapshot(db: Database) -> dict[str, int]:
    """Row counts of every registry table: compare before and after a refused call."""
    return row_counts(db, m.Base.metadata)


def contents(db: Database) -> dict[str, list[tuple]]:
    """Every row of every registry table: a refused call that updated a row in place shows here."""
    with db.engine.connect() as conn:
        return {t.name: sorted(tuple(str(v) for v in row) for row in conn.execute(select(t)))
                for t in m.Base.metadata.sorted_tables}


@dataclass
class World:
    db: Database
    orgs: dict[str, dict] = field(default_factory=dict)
    people: dict[str, dict] = field(default_factory=dict)

    def org(self, key: str) -> str:
        return self.orgs[key]["id"]

    def person(self, key: str) -> str:
        return self.people[key]["id"]


def _divisions(uow, district, rows):
    for code, level, name in rows:
        territory.create_division(uow, code=code, level=level, name=name)


def build_world(db: Database) -> World:
    w = World(db)
    with db.uow(admin()) as uow:
        _divisions(uow, DISTRICT_A, [
            (DISTRICT_A, "district", "示范区"), (SUB_A, "subdistrict", "东湖街道"),
            (COMM_A, "community", "幸福社区"), (COMM_A2, "community", "和谐社区"), (GRID_A, "grid", "第1网格"),
            (SUB_A3, "subdistrict", "南苑街道"), (COMM_A3, "community", "南苑社区"),
        ])
        o = w.orgs
        o["wc"] = orgs.found_organisation(uow, kind="working_committee", name="东湖街道党工委", division_code=SUB_A)
        o["cc"] = orgs.found_organisation(uow, kind="community_committee", name="幸福社区党委",
                                          division_code=COMM_A, parent_id=o["wc"]["id"])
        o["b1"] = orgs.found_organisation(uow, kind="branch", name="第一党支部", division_code=COMM_A,
                                          parent_id=o["cc"]["id"])
        o["b2"] = orgs.found_organisation(uow, kind="branch", name="第二党支部", division_code=COMM_A,
                                          parent_id=o["cc"]["id"])
        o["grid"] = orgs.found_organisation(uow, kind="grid_branch", name="第1网格党支部", division_code=GRID_A,
                                            parent_id=o["cc"]["id"])
        o["organ"] = orgs.found_organisation(uow, kind="partner_unit", name="市教育局", division_code=COMM_A,
                                             partner_kind="party_government_organ")
        o["soe"] = orgs.found_organisation(uow, kind="partner_unit", name="区供电公司", division_code=COMM_A,
                                           partner_kind="state_owned_enterprise")
        p = w.people
        for i, key in enumerate(("p1", "p2", "p3", "p4", "p5")):
            p[key] = people.register_person(uow, name=f"党员{i + 1}", phone=f"1380000{i:04d}",
                                            home_community=COMM_A, is_member=True, member_category="community")
        p["resident"] = people.register_person(uow, name="居民甲", home_community=COMM_A)
        uow.commit()
    with db.uow(admin(DISTRICT_B)) as uow:
        _divisions(uow, DISTRICT_B, [(DISTRICT_B, "district", "B区"), (SUB_B, "subdistrict", "B街道"),
                                     (COMM_B, "community", "B社区")])
        o = w.orgs
        o["wc_b"] = orgs.found_organisation(uow, kind="working_committee", name="B党工委", division_code=SUB_B)
        o["cc_b"] = orgs.found_organisation(uow, kind="community_committee", name="B社区党委",
                                            division_code=COMM_B, parent_id=o["wc_b"]["id"])
        o["b_b"] = orgs.found_organisation(uow, kind="branch", name="B支部", division_code=COMM_B,
                                           parent_id=o["cc_b"]["id"])
        w.people["pb"] = people.register_person(uow, name="B党员", home_community=COMM_B, is_member=True,
                                                member_category="organ")
        uow.commit()
    clear_events(db)
    return w


@pytest.fixture
def world(registry_db, fixed_clock) -> World:
    return build_world(registry_db)


@pytest.fixture
def db(world) -> Database:
    return world.db
