"""The demo district's points set-up: earning rules, a station with its catalogue. Idempotent."""
from __future__ import annotations

from sqlalchemy import select

from services.common.context import RequestContext, Role
from services.common.db import Database
from services.common.registry_client import KnownDivisions, replaced
from services.points import models as m
from services.points.app import rules, stations

DISTRICT = "310101"
COMMUNITY = "310101002001"

RULES = [
    # moral bank (道德银行)
    dict(action_type="garbage_sorting", points=2, applies_to=["household"], daily_cap=2,
         description="垃圾分类 correctly sorted waste, per record"),
    dict(action_type="centre_checkin", points=1, applies_to=["resident"], daily_cap=1,
         description="邻里中心签到 a check-in at the neighbourhood centre"),
    dict(action_type="mediation_volunteer", points=10, applies_to=["resident"], monthly_cap=50,
         description="调解志愿 volunteering in a resolved mediation"),
    dict(action_type="cobuilding_service", points=20, applies_to=["unit"], monthly_cap=200,
         description="共建服务 a co-building service delivered"),
    dict(action_type="volunteer_service", points=5, applies_to=["resident", "household"], daily_cap=10,
         description="志愿服务 volunteer service"),
    dict(action_type="idea_suggestion", points=3, applies_to=["resident"], needs_approval=True,
         description="献智献策 an idea or suggestion taken up"),
    # member points (党员积分)
    dict(action_type="political_study", points=5, applies_to=["organ", "community", "new_org"], monthly_cap=20,
         description="政治学习 political study session"),
    dict(action_type="exemplary_role", points=10, applies_to=["organ", "community", "new_org"],
         needs_approval=True, description="先锋模范作用 playing an exemplary role"),
    dict(action_type="organisational_life", points=2, applies_to=["organ", "community", "new_org"],
         monthly_cap=20, description="参加组织生活 attending the branch's organisational life (三会一课, 主题党日)"),
    dict(action_type="missed_meeting", points=-5, applies_to=["organ", "community", "new_org"],
         description="缺席组织生活 missing organisational life without leave"),
]

ITEMS = [("goods", "大米 5kg rice", 50, 20), ("service", "理发 haircut", 20, None),
         ("produce", "青菜 greens", 5, 30), ("honour", "最美家庭 most beautiful family", 500, None)]


def seed_demo(db: Database) -> bool:
    ctx = RequestContext(actor="seed", roles=frozenset({Role.DISTRICT_ADMIN}), district=DISTRICT)
    with db.uow(ctx) as uow:
        if uow.session.scalar(select(m.Rule.id).where(m.Rule.district == DISTRICT).limit(1)):
            return False
        for rule in RULES:
            rules.define_rule(uow, effective_from="2026-01-01", **rule)
        # seeded before any registry serves: the community is the registry seed's
        with replaced(KnownDivisions({COMMUNITY})):
            station = stations.create_station(uow, community=COMMUNITY, name="幸福社区积分驿站")
        for kind, name, cost, stock in ITEMS:
            stations.add_item(uow, station_id=station["id"], kind=kind, name=name, points_cost=cost, stock=stock,
                              unlimited=stock is None)
        uow.commit()
    return True
