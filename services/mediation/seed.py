"""The demo district's mediation set-up: case categories with their deadlines, voting rules. Idempotent."""
from __future__ import annotations

from services.common.context import RequestContext, Role
from services.common.db import Database
from services.mediation import models as m
from services.mediation.app import cases, deliberation
from services.mediation.repository import Repository

DISTRICT = "310101"
CATEGORIES = [
    ("neighbour_noise", "邻里噪音 noise between neighbours", {"community": 5, "subdistrict": 7, "district": 10}),
    ("shared_space", "占用公共空间 occupying shared space", {"community": 7, "subdistrict": 10, "district": 15}),
    ("property_management", "物业纠纷 property management", {"community": 7, "subdistrict": 10, "district": 15}),
    ("family", "家庭纠纷 family", {"community": 10, "subdistrict": 15, "district": 20}),
    ("building_safety", "房屋安全 building safety", {"community": 3, "subdistrict": 5, "district": 7}),
    ("other", "其他 other", {"community": 7, "subdistrict": 10, "district": 15}),
]


def seed_demo(db: Database) -> bool:
    ctx = RequestContext(actor="seed", roles=frozenset({Role.DISTRICT_ADMIN}), district=DISTRICT)
    with db.uow(ctx) as uow:
        if Repository(uow).find(m.Category, (DISTRICT, "neighbour_noise")) is not None:
            return False
        for code, name, days in CATEGORIES:
            cases.configure_category(uow, code=code, name=name, deadline_days=days)
        deliberation.set_voting_rules(uow, quorum=2 / 3, majority=0.5)
        uow.commit()
    return True
