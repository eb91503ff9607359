"""nameko entrypoint of the mediation service: RPC, the escalation and closing timers, figures, the outbox relay.

RPC methods are the gRPC methods in snake case (``mediation.open_case(...)``). Run with
``cityplat-worker mediation``.
"""
from __future__ import annotations


from nameko.timer import timer

from services.common.nameko_support import DatabaseProvider, WorkerPlumbing, add_use_case_rpcs
from services.mediation import metrics, models
from services.mediation.app import API, cases, figures

NAN = float("nan")


class MediationService(WorkerPlumbing):
    name = "mediation"

    db = DatabaseProvider(models.Base.metadata)

    @timer(interval=60)
    def escalate_overdue(self):
        """Every minute: cases past their tier's deadline climb the ladder (events emitted)."""
        self.system_task("ladder", cases.escalate_overdue, "cases escalated or marked overdue")

    @timer(interval=600)
    def close_resolved(self):
        """Every ten minutes: resolved cases whose reopen window has passed close (结案)."""
        self.system_task("closing", cases.close_resolved, "cases closed")

    @timer(interval=60)
    def update_gauges(self):
        """The figures per district as Prometheus gauges."""
        for district, f in self.system_read("gauges", figures.per_district).items():
            metrics.CASES_OPEN.labels(district).set(f["open"])
            metrics.CASES_OVERDUE.labels(district).set(f["overdue"])
            # no resolved (or rated) case yet: no figure, rather than a 0 that would raise alerts
            metrics.RESOLVED_IN_COMMUNITY.labels(district).set(f["community_share"] if f["resolved"] else NAN)
            metrics.SATISFACTION.labels(district).set(f["satisfaction_average"] if f["rated"] else NAN)


add_use_case_rpcs(MediationService, API)

SERVICE = MediationService
