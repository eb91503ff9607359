"""The demo district's council: the agreements' reminder window, and the demo community's council.

A council names registry records (its secretary, its member units) by the ids the registry gave them,
which only the registry's API tells (no service reads another's tables). So the seed comes in two
steps: ``seed_demo`` before any service runs (the district's settings), and ``seed_demo_served`` once
the registry serves (``cityplat up`` runs it after the processes are ready; ``cityplat seed demo``
when the registry answers): the council of 幸福社区, headed by its party committee's secretary, with
the community's partner units and social organisations as members and this year's work plan. Both
are idempotent."""
from __future__ import annotations

from services.common import clock
from services.common.context import RequestContext, Role
from services.common.db import Database
from services.common.registry_client import registry
from services.council import models as m
from services.council.app import agreements, councils
from services.council.domain.councils import LEADING_KINDS, MEMBER_KINDS
from services.council.repository import Repository

DISTRICT = "310101"
COMMUNITY = "310101002001"
REMINDER_DAYS = 45  # the demo district reminds its councils six weeks before an agreement ends
PLAN = [{"title": "每季度召开共建联席会", "due_month": 3}, {"title": "独居老人水电维修", "due_month": 6},
        {"title": "四点半课堂志愿辅导", "due_month": 9}]


def _ctx() -> RequestContext:
    return RequestContext(actor="seed", roles=frozenset({Role.DISTRICT_ADMIN}), district=DISTRICT)


def seed_demo(db: Database) -> bool:
    with db.uow(_ctx()) as uow:
        if Repository(uow).first(m.CouncilSettings) is not None:
            return False
        agreements.set_council_settings(uow, reminder_days=REMINDER_DAYS)
        uow.commit()
    return True


def seed_demo_served(db: Database) -> bool:
    """The demo community's council, from the registry's answers (False: there is one already)."""
    with db.uow(_ctx()) as uow:
        if Repository(uow).first(m.Council, m.Council.community == COMMUNITY) is not None:
            return False
        client = registry()
        organisations = client.organisations_in(DISTRICT, COMMUNITY)
        leading = {o["id"] for o in organisations if o["kind"] in LEADING_KINDS and o["division_code"] == COMMUNITY}
        secretary = next((p["id"] for p in client.people_of(DISTRICT, COMMUNITY)
                          if any(post["title"] == "secretary" and post["organisation_id"] in leading
                                 for post in client.posts_of(DISTRICT, p["id"]))), None)
        if secretary is None:  # the registry's demo is not seeded: nothing to head a council
            return False
        council = councils.create_council(uow, community=COMMUNITY, name="幸福社区共建理事团", leader_id=secretary)
        units = sorted((o for o in organisations if o["kind"] in MEMBER_KINDS), key=lambda o: (o["kind"], o["name"]))
        for n, unit in enumerate(units):
            councils.add_member(uow, council_id=council["id"], organisation_id=unit["id"], leader_group=n < 2)
        councils.set_work_plan(uow, council_id=council["id"], year=clock.today().year, items=PLAN)
        uow.commit()
    return True
