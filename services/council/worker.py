"""nameko entrypoint of the council service: RPC, the daily agreements' reminders and lapses, the
flags (a quarter without a joint meeting, a decision past its deadline), the gauges, the outbox relay.

RPC methods are the gRPC methods in snake case (``council.record_joint_meeting(...)``). Run with
``cityplat-worker council``.
"""
from __future__ import annotations

from nameko.timer import timer

from services.common.metrics import set_per_district
from services.common.nameko_support import DatabaseProvider, WorkerPlumbing, add_use_case_rpcs
from services.council import metrics, models
from services.council.app import API, agreements, meetings
from services.council.app import projects


class CouncilService(WorkerPlumbing):
    name = "council"

    db = DatabaseProvider(models.Base.metadata)

    @timer(interval=3600)
    def agreements_ending(self):
        """Agreements whose reminder window opened (announced once) or whose term ended (lapsed): hourly,
        so a day's change is seen within the hour."""
        self.system_task("agreements", agreements.remind_and_lapse, "agreements reminded or lapsed")

    @timer(interval=3600)
    def flags(self):
        """A council that held no joint meeting last quarter, a decision past its deadline: flagged once each."""
        self.system_task("flags", meetings.notice_flags, "councils and decisions flagged")

    @timer(interval=3600)
    def escalate_projects(self):
        """A project of the bank past its deadline and not done: escalated once to its responsible
        department (project.escalated); hourly, so a day's stall is seen within the hour."""
        self.system_task("projects", projects.escalate_stalled, "projects escalated")

    @timer(interval=60)
    def update_gauges(self):
        """The flags' and the agreements' gauges per district, counted in the database (true across replicas)."""
        without, overdue = self.system_read("gauges", meetings.gauge_counts)
        set_per_district(metrics.WITHOUT_MEETING, without)
        set_per_district(metrics.DECISIONS_OVERDUE, overdue)
        set_per_district(metrics.AGREEMENTS_EXPIRING, self.system_read("gauges", agreements.expiring_counts))
        set_per_district(metrics.PROJECTS_OVERDUE, self.system_read("gauges", projects.stalled_counts))


add_use_case_rpcs(CouncilService, API)

SERVICE = CouncilService
