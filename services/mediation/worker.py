"""nameko entrypoint of the mediation service: RPC, the escalation timer, figures, the outbox relay.

RPC methods are the gRPC methods in snake case (``mediation.open_case(...)``). Run with
``cityplat-worker mediation``.
"""
from __future__ import annotations

import base64
import logging

from nameko.rpc import rpc
from nameko.timer import timer

from services.common.context import system_context
from services.common.errors import DomainError
from services.common.nameko_support import (Caller, DatabaseProvider, DeadLetterMonitor, Health, OutboxRelayRunner,
                                            WorkerMetrics)
from services.common.usecase import rpc_name, run
from services.mediation import metrics, models
from services.mediation.app import READS, USE_CASES, cases, figures

log = logging.getLogger(__name__)
NAN = float("nan")


class MediationService:
    name = "mediation"

    db = DatabaseProvider(models.Base.metadata)
    caller = Caller()
    metrics = WorkerMetrics()
    health = Health("db")
    outbox = OutboxRelayRunner("db")
    dead_letters = DeadLetterMonitor()

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


def _rpc_method(name: str):
    fn = USE_CASES[name]
    write = name not in READS

    def method(self, **params):
        if isinstance(params.get("content"), str):  # bytes travel over JSON as base64
            params["content"] = base64.b64decode(params["content"])
        result = run(self.db, self.caller(), fn, params, write)
        if isinstance(result, dict) and isinstance(result.get("content"), bytes):
            result = {**result, "content": base64.b64encode(result["content"]).decode("ascii")}
        return result

    method.__name__ = rpc_name(name)
    method.__doc__ = fn.__doc__
    return rpc(expected_exceptions=DomainError)(method)


for _name in USE_CASES:
    setattr(MediationService, rpc_name(_name), _rpc_method(_name))

SERVICE = MediationService
