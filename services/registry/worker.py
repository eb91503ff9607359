"""nameko entrypoint of the registry: the same use cases over AMQP RPC, plus timers and the outbox relay.

RPC methods are the gRPC methods in snake case (``registry.found_organisation(...)``) and take the
caller's token from nameko context data (``authorization``). Run with ``cityplat-worker registry``.
"""
from __future__ import annotations

import logging

from nameko.timer import timer

from services.common.context import system_context
from services.common.nameko_support import DatabaseProvider, WorkerPlumbing, add_use_case_rpcs
from services.registry import metrics, models
from services.registry.app import API, organisations, people, ratings

log = logging.getLogger(__name__)


class RegistryService(WorkerPlumbing):
    name = "registry"

    db = DatabaseProvider(models.Base.metadata)

    @timer(interval=3600)
    def notify_terms_ending(self):
        """Once an hour: a ``term.ending`` event for each post whose term ends within 90 days."""
        with self.db.uow(system_context("registry:terms")) as uow:
            sent = people.notify_terms_ending(uow)
            uow.commit()
        if sent:
            log.info("term-ending notices emitted", extra={"count": sent})

    @timer(interval=60)
    def update_gauges(self):
        """Business gauges per district for the dashboards."""
        with self.db.uow(system_context("registry:gauges")) as uow:
            for district, kind, count in organisations.count_active_by_kind(uow):
                metrics.ORGANISATIONS.labels(district, kind).set(count)
            for district, count in ratings.rectification_counts(uow):
                metrics.RECTIFICATION.labels(district).set(count)
            for district, count in people.reserve_shortfall_counts(uow):
                metrics.RESERVE_SHORTFALL.labels(district).set(count)


add_use_case_rpcs(RegistryService, API)

SERVICE = RegistryService
