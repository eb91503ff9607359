"""nameko entrypoint of the mediation service: RPC, the escalation timer, figures, the outbox relay.

RPC methods are the gRPC methods in snake case (``mediation.open_case(...)``). Run with
``cityplat-worker mediation``.
"""
from __future__ import annotations

import logging

from nameko.timer import timer

from services.common.context import system_context
from services.common.nameko_support import DatabaseProvider, WorkerPlumbing, add_use_case_rpcs
from services.mediation import metrics, models
from services.mediation.app import API, cases, figures

log = logging.getLogger(__name__)
NAN = float("nan")


class MediationService(WorkerPlumbing):
    name = "mediation"

    db = DatabaseProvider(models.Base.metadata)

    @timer(interval=60)
    def escalate_overdue(self):
        """Every minute: cases past their tier's deadline climb the ladder (events emitted)."""
        with self.db.uow(system_context("mediation:ladder")) as uow:
            n = cases.escalate_overdue(uow)
            uow.commit()
        if n:
            log.info("cases escalated or marked overdue", extra={"count": n})

    @timer(interval=60)
    def update_gauges(self):
        """The figures per district as Prometheus gauges."""
        with self.db.uow(system_context("mediation:gauges")) as uow:
            per_district = figures.per_district(uow)
        for district, f in per_district.items():
            metrics.CASES_OPEN.labels(district).set(f["open"])
            metrics.CASES_OVERDUE.labels(district).set(f["overdue"])
            # no resolved (or rated) case yet: no figure, rather than a 0 that would raise alerts
            metrics.RESOLVED_IN_COMMUNITY.labels(district).set(f["community_share"] if f["resolved"] else NAN)
            metrics.SATISFACTION.labels(district).set(f["satisfaction_average"] if f["rated"] else NAN)


add_use_case_rpcs(MediationService, API)

SERVICE = MediationService
