"""nameko entrypoint of the registry: the same use cases over AMQP RPC, plus timers and the outbox relay.

RPC methods are the gRPC methods in snake case (``registry.found_organisation(...)``) and take the
caller's token from nameko context data (``authorization``). Run with ``cityplat-worker registry``.
"""
from __future__ import annotations


from nameko.timer import timer

from services.common.nameko_support import DatabaseProvider, WorkerPlumbing, add_use_case_rpcs
from services.registry import metrics, models
from services.registry.app import API, organisations, people, ratings


class RegistryService(WorkerPlumbing):
    name = "registry"

    db = DatabaseProvider(models.Base.metadata)

    @timer(interval=3600)
    def notify_terms_ending(self):
        """Once an hour: a ``term.ending`` event for each post whose term ends within 90 days."""
        self.system_task("terms", people.notify_terms_ending, "term-ending notices emitted")

    @timer(interval=60)
    def update_gauges(self):
        """Business gauges per district for the dashboards."""
        for district, kind, count in self.system_read("gauges", organisations.count_active_by_kind):
            metrics.ORGANISATIONS.labels(district, kind).set(count)
        for district, count in self.system_read("gauges", ratings.rectification_counts):
            metrics.RECTIFICATION.labels(district).set(count)
        for district, count in self.system_read("gauges", people.reserve_shortfall_counts):
            metrics.RESERVE_SHORTFALL.labels(district).set(count)


add_use_case_rpcs(RegistryService, API)

SERVICE = RegistryService
