"""Council application-layer fixtures: a council SQLite database, a fixed registry (tests.fakes.FakeRegistry)
with the community 310101002001's party committee and its secretary s1, partner units and a social
organisation, the platform clock pinned to 2026-06-01 12:00 UTC."""
from __future__ import annotations

import pytest

from services.common.db import Database
from services.common.usecase import run
from services.council import models as m
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for
from tests.conftest import clear_outbox as clear_events  # noqa: F401 - the tests import these from here
from tests.conftest import count_rows as count  # noqa: F401
from tests.conftest import outbox_events as events  # noqa: F401
from tests.fakes import FakeRegistry, registry_replaced

COMM_A = "310101002001"
COMM_A2 = "310101002002"
PEOPLE = {"s1": ("书记甲", COMM_A), "s2": ("书记乙", COMM_A), "bs": ("支部书记", COMM_A), "r1": ("张三", COMM_A),
          "x2": ("邻社区书记", COMM_A2)}
ORGANISATIONS = {
    "cc": {"kind": "community_committee", "name": "幸福社区党委", "division_code": COMM_A},
    "cc2": {"kind": "community_committee", "name": "和平社区党委", "division_code": COMM_A2},
    "b1": {"kind": "branch", "name": "第一党支部", "division_code": COMM_A},
    "u1": {"kind": "partner_unit", "name": "区供电公司", "division_code": COMM_A},
    "u2": {"kind": "partner_unit", "name": "区教育局", "division_code": COMM_A},
    "so1": {"kind": "social_organisation", "name": "阳光社工服务中心", "division_code": COMM_A},
    "ub": {"kind": "partner_unit", "name": "B区单位", "division_code": "310104001001"},
}
POSTS = {"p1": {"person_id": "s1", "organisation_id": "cc", "title": "secretary"},
         "p2": {"person_id": "bs", "organisation_id": "b1", "title": "secretary"},
         "p3": {"person_id": "x2", "organisation_id": "cc2", "title": "secretary"}}


def admin(district: str = DISTRICT_A):
    return ctx_for("district_admin", district=district, actor="admin")


def worker(community: str = COMM_A):
    return ctx_for("community_worker", subdistrict=community[:9], community=community, actor="cw")


def unit(organisation_id: str = "u1"):
    return ctx_for("partner_unit", subdistrict=COMM_A[:9], community=COMM_A, actor=organisation_id)


def call(db: Database, ctx, fn, **params):
    return run(db, ctx, fn, params, write=True)


def read(db: Database, ctx, fn, **params):
    return run(db, ctx, fn, params, write=False)


@pytest.fixture(autouse=True)
def directory():
    with registry_replaced(FakeRegistry(PEOPLE, ORGANISATIONS, posts=POSTS)) as fake:
        yield fake


@pytest.fixture
def kdb(tmp_path, fixed_clock):
    db = Database("council", f"sqlite:///{tmp_path / 'council.db'}", m.Base.metadata)
    m.Base.metadata.create_all(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def council(kdb):
    """幸福社区共建理事团 with two partner units (u1 in the leader group) and a social organisation."""
    from services.council.app import councils

    c = call(kdb, worker(), councils.create_council, community=COMM_A, name="幸福社区共建理事团", leader_id="s1",
             rotating_chair=True)
    for org, leader in (("u1", True), ("u2", False), ("so1", False)):
        call(kdb, worker(), councils.add_member, council_id=c["id"], organisation_id=org, leader_group=leader)
    return c


__all__ = ["DISTRICT_A", "DISTRICT_B"]
