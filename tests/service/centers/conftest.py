"""Centers application-layer fixtures: a centers SQLite database with a centre and its spaces in
community 310101002001, a fixed registry (tests.fakes.FakeRegistry), the platform clock pinned to
2026-06-01 12:00 UTC (a Monday; 20:00 in Beijing)."""
from __future__ import annotations

import pytest

from services.common.db import Database
from services.common.usecase import run
from services.centers import models as m
from services.centers.app import centres
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for
from tests.conftest import clear_outbox as clear_events  # noqa: F401 - the tests import these from here
from tests.conftest import count_rows as count  # noqa: F401
from tests.conftest import outbox_events as events  # noqa: F401
from tests.fakes import FakeRegistry, registry_replaced

SUB_A = "310101002"
COMM_A = "310101002001"
COMM_A2 = "310101002002"
COMM_B = "310104001001"
WEEKDAYS = [{"weekday": d, "opens": "09:00", "closes": "17:30"} for d in range(1, 6)]

PEOPLE = {"r1": ("张三", COMM_A), "r2": ("李四", COMM_A), "x1": ("外社区", COMM_A2), "rb": ("B居民", COMM_B)}
ORGANISATIONS = {
    "b1": {"kind": "branch", "name": "第一党支部", "division_code": COMM_A},
    "b2": {"kind": "branch", "name": "第二党支部", "division_code": COMM_A},
    "u1": {"kind": "partner_unit", "name": "区供电公司", "division_code": COMM_A},
    "so1": {"kind": "social_organisation", "name": "阳光社工服务中心", "division_code": COMM_A},
    "ob": {"kind": "branch", "name": "B支部", "division_code": COMM_B},
}


def admin(district: str = DISTRICT_A):
    return ctx_for("district_admin", district=district, actor="admin")


def worker(community: str = COMM_A):
    return ctx_for("community_worker", subdistrict=community[:9], community=community, actor="cw")


def resident(person: str = "r1", community: str = COMM_A):
    return ctx_for("resident", subdistrict=community[:9], community=community, actor=person)


def call(db: Database, ctx, fn, **params):
    return run(db, ctx, fn, params, write=True)


def read(db: Database, ctx, fn, **params):
    return run(db, ctx, fn, params, write=False)


@pytest.fixture(autouse=True)
def directory():
    with registry_replaced(FakeRegistry(PEOPLE, ORGANISATIONS)) as fake:
        yield fake


@pytest.fixture
def cdb(tmp_path, fixed_clock):
    db = Database("centers", f"sqlite:///{tmp_path / 'centers.db'}", m.Base.metadata)
    m.Base.metadata.create_all(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def centre(cdb):
    """幸福社区邻里中心 with a room organisations book (weekdays 09:00-17:30, 20 seats), a hall that needs
    approval, and a reading room residents book (every day 08:30-21:00)."""
    c = call(cdb, admin(), centres.create_centre, community=COMM_A, name="幸福社区邻里中心", monthly_quota_hours=4)
    room = call(cdb, admin(), centres.add_space, centre_id=c["id"], name="党员活动室", kind="party_activity_room",
                capacity=20, hours=WEEKDAYS)
    hall = call(cdb, admin(), centres.add_space, centre_id=c["id"], name="多功能厅", kind="multi_purpose_hall",
                capacity=100, hours=WEEKDAYS, needs_approval=True)
    reading = call(cdb, admin(), centres.add_space, centre_id=c["id"], name="阅览室", kind="reading_room",
                   capacity=10, residents_may_book=True,
                   hours=[{"weekday": d, "opens": "08:30", "closes": "21:00"} for d in range(1, 8)])
    return {"centre": c, "room": room, "hall": hall, "reading": reading}


__all__ = ["DISTRICT_A", "DISTRICT_B"]
