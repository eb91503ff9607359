"""The demo district's centre: 幸福社区邻里中心 with its spaces and their hours. Idempotent."""
from __future__ import annotations

from sqlalchemy import select

from services.common.context import RequestContext, Role
from services.common.db import Database
from services.common.registry_client import KnownDivisions, replaced
from services.centers import models as m
from services.centers.app import centres

DISTRICT = "310101"
COMMUNITY = "310101002001"
WEEKDAYS = [{"weekday": d, "opens": "09:00", "closes": "17:30"} for d in range(1, 6)]
EVERY_DAY = [{"weekday": d, "opens": "08:30", "closes": "21:00"} for d in range(1, 8)]
SPACES = [
    dict(name="党员活动室", kind="party_activity_room", capacity=40, hours=WEEKDAYS),
    dict(name="两代表一委员工作室", kind="representatives_workstation", capacity=12, hours=WEEKDAYS,
         needs_approval=True),
    dict(name="四点半课堂", kind="half_past_four_classroom", capacity=30,
         hours=[{"weekday": d, "opens": "16:00", "closes": "19:00"} for d in range(1, 6)], residents_may_book=True),
    dict(name="阅览室", kind="reading_room", capacity=20, hours=EVERY_DAY, residents_may_book=True),
    dict(name="多功能厅", kind="multi_purpose_hall", capacity=120, hours=EVERY_DAY, needs_approval=True),
]


def seed_demo(db: Database) -> bool:
    ctx = RequestContext(actor="seed", roles=frozenset({Role.DISTRICT_ADMIN}), district=DISTRICT)
    with db.uow(ctx) as uow:
        if uow.session.scalar(select(m.Centre.id).where(m.Centre.district == DISTRICT).limit(1)):
            return False
        # seeded before any registry serves: the community is the registry seed's
        with replaced(KnownDivisions({COMMUNITY})):
            centre = centres.create_centre(uow, community=COMMUNITY, name="幸福社区邻里中心",
                                           address="幸福路 88 号")
        for space in SPACES:
            centres.add_space(uow, centre_id=centre["id"], **space)
        uow.commit()
    return True
