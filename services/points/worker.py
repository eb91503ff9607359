"""nameko entrypoint of the points service: RPC, the events it earns from, timers, the outbox relay.

- RPC methods are the gRPC methods in snake case (``points.get_statement(...)``); writes need
  ``idempotency_key``.
- Events from centers, mediation and council are credited once each (inbox), with a retry budget
  and a dead-letter queue; produce harvested at a centre arrives as station stock.
- Timers expire lapsed points and reservations not picked up.
Run with ``cityplat-worker points``.
"""
from __future__ import annotations

import time
from datetime import datetime

from nameko.timer import timer

from services.common.metrics import set_per_district
from services.common.nameko_support import (DatabaseProvider, WorkerPlumbing, add_use_case_rpcs, idempotent,
                                            reliable_event_handler)
from services.points import metrics, models
from services.points.app import API, earning, ledger, stations


def credit_latency(envelope: dict) -> None:
    """Record how long an event took from its occurrence to its credit being committed (called for an event
    newly credited, not for a redelivered duplicate: it was credited the first time)."""
    try:
        occurred = datetime.fromisoformat(envelope["occurred_at"]).timestamp()
    except (KeyError, TypeError, ValueError):
        return
    metrics.EVENT_CREDIT_SECONDS.observe(max(time.time() - occurred, 0))


def beneficiaries(envelope: dict):
    """What an earning event credits (its batch key): two events crediting the same accounts are not
    written in one batch, they run one after the other, in the order they came."""
    payload = envelope.get("payload") if isinstance(envelope.get("payload"), dict) else {}
    volunteers = payload.get("volunteers") if isinstance(payload.get("volunteers"), list) else []
    people = [payload.get("resident_id"), payload.get("unit_id"),
              *(v.get("person_id") for v in volunteers if isinstance(v, dict))]
    return (envelope.get("district"), tuple(sorted(str(p) for p in people if p is not None)))


class PointsService(WorkerPlumbing):
    name = "points"

    db = DatabaseProvider(models.Base.metadata)

    @reliable_event_handler("centers", "checkin.recorded")
    @idempotent("points.centre_checkin", batch_key=beneficiaries, on_done=credit_latency,
                prepare=earning.prepare_credits("centers", "checkin.recorded"))
    def on_centre_checkin(self, uow, envelope):
        """A check-in at a neighbourhood centre earns the resident points; a member's attendance at his branch's
        meeting (organisational life) his member points."""
        return earning.credit_event(uow, "centers", "checkin.recorded", envelope)

    @reliable_event_handler("mediation", "case.resolved")
    @idempotent("points.mediation_volunteer", batch_key=beneficiaries, on_done=credit_latency,
                prepare=earning.prepare_credits("mediation", "case.resolved"))
    def on_case_resolved(self, uow, envelope):
        """Each volunteer of a resolved mediation earns points, once."""
        return earning.credit_event(uow, "mediation", "case.resolved", envelope)

    @reliable_event_handler("council", "service.delivered")
    @idempotent("points.cobuilding_service", batch_key=beneficiaries, on_done=credit_latency,
                prepare=earning.prepare_credits("council", "service.delivered"))
    def on_service_delivered(self, uow, envelope):
        """A co-building service delivered earns the team's unit and each volunteer who served points, once each."""
        return earning.credit_event(uow, "council", "service.delivered", envelope)

    @reliable_event_handler("centers", "produce.harvested")
    @idempotent("points.produce")
    def on_produce_harvested(self, uow, envelope):
        """Garden produce arrives as station stock."""
        return earning.produce_harvested(uow, envelope)

    @timer(interval=3600)
    def expire_points(self):
        """Once an hour: points past their expiry go back to the pool."""
        self.system_task("expiry", ledger.expire_lots, "points lapsed (accounts)")

    @timer(interval=30)
    def update_gauges(self):
        """Pending approvals per district, counted in the database (true across replicas and restarts)."""
        set_per_district(metrics.PENDING_APPROVALS, self.system_read("gauges", ledger.pending_counts))

    @timer(interval=300)
    def expire_reservations(self):
        """Every five minutes: reservations not picked up in time are released."""
        self.system_task("reservations", stations.expire_reservations, "reservations released")


add_use_case_rpcs(PointsService, API)

SERVICE = PointsService
