"""nameko entrypoint of the centers service: RPC, the pending-bookings gauge, the notice of branches behind
their organisational life, the outbox relay.

RPC methods are the gRPC methods in snake case (``centers.book_space(...)``). Run with
``cityplat-worker centers``.
"""
from __future__ import annotations

from nameko.timer import timer

from services.common.metrics import set_per_district
from services.common.nameko_support import DatabaseProvider, WorkerPlumbing, add_use_case_rpcs
from services.centers import metrics, models
from services.centers.app import API, bookings, organisational_life


class CentersService(WorkerPlumbing):
    name = "centers"

    db = DatabaseProvider(models.Base.metadata)

    @timer(interval=60)
    def update_gauges(self):
        """Bookings awaiting approval per district, counted in the database (true across replicas)."""
        set_per_district(metrics.BOOKINGS_PENDING, self.system_read("gauges", bookings.pending_counts))

    @timer(interval=3600)
    def notice_life_shortfalls(self):
        """Branches that ended the last month or quarter short of their organisational life's rhythm:
        noticed once each, announced as life.fell_behind (hourly: a period's end is seen within the hour)."""
        self.system_task("life shortfalls", organisational_life.notice_shortfalls,
                         "branches behind their organisational life noticed")


add_use_case_rpcs(CentersService, API)

SERVICE = CentersService
