"""The demo district's council set-up: the agreements' reminder window. Idempotent.

The demo community's council itself names registry records (its secretary, its member units) by the
ids the registry gave them, so it is founded through the API once the registry serves (the e2e journey
does): a seed runs before any service does."""
from __future__ import annotations

from services.common.context import RequestContext, Role
from services.common.db import Database
from services.council import models as m
from services.council.app import agreements
from services.council.repository import Repository

DISTRICT = "310101"
REMINDER_DAYS = 45  # the demo district reminds its councils six weeks before an agreement ends


def seed_demo(db: Database) -> bool:
    ctx = RequestContext(actor="seed", roles=frozenset({Role.DISTRICT_ADMIN}), district=DISTRICT)
    with db.uow(ctx) as uow:
        if Repository(uow).first(m.CouncilSettings) is not None:
            return False
        agreements.set_council_settings(uow, reminder_days=REMINDER_DAYS)
        uow.commit()
    return True
