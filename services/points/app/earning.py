"""Earning from the other services' events and from garbage-sorting records (垃圾分类).

The loop is closed here: a check-in at a centre, a mediation volunteered, a co-building service
delivered are credited by the district's rules. Each event is consumed once (the worker's inbox);
a cap reached or a rule missing is recorded and not retried, since retrying would not help.
"""
from __future__ import annotations

import logging
from datetime import datetime

from services.common import clock
from services.common.db import UnitOfWork
from services.common.inbox import Unusable
from services.common.values import csv_rows, parse_date
from services.common.errors import DomainError, FailedPrecondition, InvalidArgument, PermissionDenied
from services.points import models as m
from services.points.app import ledger, rules, stations
from services.points.permissions import POLICY
from services.points.repository import Repository

log = logging.getLogger(__name__)

#: event (source service, event type) → the rule action it earns
EVENT_ACTIONS = {
    ("centers", "checkin.recorded"): "centre_checkin",
    ("mediation", "case.resolved"): "mediation_volunteer",
    ("council", "service.delivered"): "cobuilding_service",
}
#: an event's ``activity`` that earns by another rule than its type's: a member's attendance at his
#: branch's meeting (三会一课, 主题党日) is participation in organisational life (member points)
ACTIVITY_ACTIONS = {("centers", "checkin.recorded", "organisational_life"): "organisational_life"}


#: a beneficiary of an event who earns by another rule than the event's: the volunteers who served in a
#: council's service team earn as volunteers (志愿服务), the team's unit for the co-building service
BENEFICIARY_ACTIONS = {("council", "service.delivered", "resident"): "volunteer_service"}


def action_of(source: str, event_type: str, payload: dict, account: dict | None = None) -> str:
    """The rule action an event earns by (for ``account``, one of its beneficiaries)."""
    if account is not None:
        special = BENEFICIARY_ACTIONS.get((source, event_type, account.get("kind")))
        if special:
            return special
    return ACTIVITY_ACTIONS.get((source, event_type, payload.get("activity")), EVENT_ACTIONS[(source, event_type)])


def credit_event(uow: UnitOfWork, source: str, event_type: str, envelope: dict) -> list[dict]:
    """Credit what an event earns; returns the credits (empty when nothing was due).

    Runs under the consumer's context: the ``service`` role in the event's district."""
    payload = envelope.get("payload") or {}
    occurred = envelope.get("occurred_at")
    occurred = occurred[:10] if isinstance(occurred, str) and occurred else None
    if event_type in ("case.resolved", "service.delivered") and not _volunteers_listed(payload):
        raise Unusable("payload.volunteers: must be a list of {person_id, community}")
    credits = []
    # in one order, whatever the event's: the accounts' rows are locked (caps, new accounts) as they
    # are credited, so two events crediting the same people must take them in the same order
    ordered = sorted(enumerate(_beneficiaries(event_type, payload)),
                     key=lambda item: (str(item[1]["kind"]), str(item[1]["owner"])))
    # No savepoint per beneficiary: the consumer's unit of work is deferred, so every refusal below
    # comes before the earning writes anything (its ledger rows wait for the commit); at most an
    # account was opened, which the next earning would open anyway.
    for i, account in ordered:
        try:
            # opened here if new (a single event; a batch's are, by prepare_credits): the producer
            # checked the owner in the registry, which is not asked again (ledger.check_owner says why)
            ledger.open_account(uow, account, owner_vouched=True)
            credits.append(rules.earn(uow, account=account, action_type=action_of(source, event_type, payload, account),
                                      occurred_on=occurred, source=f"{envelope.get('event_id')}#{i}"))
        except FailedPrecondition as exc:  # the district's rules say no (a cap, no rule in force): consumed
            log.warning("event not credited", extra={"event_id": envelope.get("event_id"),
                                                     "action": action_of(source, event_type, payload, account),
                                                     "reason": str(exc)})
        except (InvalidArgument, PermissionDenied) as exc:  # the event breaks its contract (a community outside
            # its district, say): none of it is applied, and retrying would not help
            raise Unusable(f"{_payload_field(event_type, i, exc.field, payload)}: {exc.message}")
    return credits


def prepare_credits(source: str, event_type: str):
    """The consumer's ``prepare`` for a batch of earning events (services.common.nameko_support.idempotent):
    the accounts they credit are opened together, and those under a capped rule locked and counted
    together, not one event at a time."""
    def prepare(batch: list[tuple[UnitOfWork, dict]]) -> None:
        wanted = [(uow, envelope, account) for uow, envelope in batch
                  for account in _beneficiaries(event_type, envelope.get("payload") or {})]
        ids = ledger.open_accounts([(uow, account) for uow, _, account in wanted])
        rules.count_caps_together([(uow, account_id, action_of(source, event_type, envelope.get("payload") or {},
                                                               account), day)
                                   for (uow, envelope, account), account_id in zip(wanted, ids)
                                   if account_id is not None and (day := _day_of(envelope)) is not None])

    return prepare


def _day_of(envelope: dict):
    """The day an event earns on (its occurrence), or None if it is not one ``rules.earn`` would take."""
    try:
        day = parse_date(envelope.get("occurred_at")[:10], "occurred_at")
    except (DomainError, TypeError):
        return None
    return day if day <= clock.today() else None


def _volunteers_listed(payload: dict) -> bool:
    volunteers = payload.get("volunteers", [])
    return isinstance(volunteers, list) and all(isinstance(v, dict) for v in volunteers)


def _beneficiaries(event_type: str, payload: dict) -> list[dict]:
    """The accounts an earning event credits, as ``ledger.open_account`` takes them."""
    if event_type == "checkin.recorded":
        return [{"kind": payload.get("account_kind", "resident"), "owner": payload.get("resident_id"),
                 "community": payload.get("community"), "grid": payload.get("grid"), "name": payload.get("name"),
                 "category": payload.get("category")}]
    if event_type == "case.resolved":
        if not _volunteers_listed(payload):
            return []
        return [{"kind": "resident", "owner": v.get("person_id"), "community": v.get("community"),
                 "name": v.get("name")} for v in payload.get("volunteers") or []]
    # service.delivered: the team's unit, when a unit leads it (the event's first contract named only the
    # unit), and each volunteer who served, in the council's community
    unit = [{"kind": "unit", "owner": payload.get("unit_id"), "community": payload.get("community"),
             "name": payload.get("unit_name")}] if payload.get("unit_id") is not None else []
    volunteers = (payload.get("volunteers") or []) if _volunteers_listed(payload) else []
    return unit + [{"kind": "resident", "owner": v.get("person_id"), "community": v.get("community"),
                    "name": v.get("name")} for v in volunteers]


#: where a beneficiary's account field comes from in each event's payload
_PAYLOAD_FIELDS = {
    "checkin.recorded": {"owner": "resident_id", "kind": "account_kind", "community": "community", "grid": "grid",
                         "name": "name", "category": "category"},
    "case.resolved": {"owner": "person_id", "community": "community", "name": "name"},
    "service.delivered": {"owner": "unit_id", "community": "community", "name": "unit_name"},
}
_VOLUNTEER_FIELDS = {"owner": "person_id", "community": "community", "name": "name"}


def _payload_field(event_type: str, i: int, field: str | None, payload: dict) -> str:
    """The payload field behind an account field the ledger refused (``account.owner`` → ``payload.resident_id``)."""
    name = (field or "").removeprefix("account.")
    if event_type == "service.delivered" and payload.get("unit_id") is not None and i == 0:
        mapped, path = _PAYLOAD_FIELDS[event_type].get(name), "payload.{}"
    elif event_type in ("case.resolved", "service.delivered"):
        # a volunteer: the i-th beneficiary, after the unit when there is one
        n = i - (1 if event_type == "service.delivered" and payload.get("unit_id") is not None else 0)
        mapped = (_PAYLOAD_FIELDS[event_type] if event_type == "case.resolved" else _VOLUNTEER_FIELDS).get(name)
        path = f"payload.volunteers[{n}].{{}}"
    else:
        mapped, path = _PAYLOAD_FIELDS[event_type].get(name), "payload.{}"
    if mapped is None:
        return f"payload ({field})" if field else "payload"
    return path.format(mapped)


def produce_harvested(uow: UnitOfWork, envelope: dict) -> dict | None:
    payload = envelope.get("payload") or {}
    try:
        return stations.produce_arrived(uow, station_id=payload.get("station_id"), name=payload.get("name"),
                                        quantity=payload.get("quantity"), points_cost=payload.get("points_cost"))
    except DomainError as exc:  # a station unknown here, a quantity out of range: a person must look at it
        raise Unusable(f"payload.{exc.field}: {exc.message}" if exc.field else exc.message)


GARBAGE_COLUMNS = ("record_id", "household_id", "community", "sorted_on")


def import_garbage_records(uow: UnitOfWork, *, station_id: str, content: bytes) -> dict:
    """Garbage-sorting records from a station's scale or app export (CSV). Each record credits once:
    a re-import of the same file credits nothing new. Bad rows are reported and skipped."""
    POLICY.check(uow.ctx, "import garbage records")
    station = stations._station(uow, station_id, write=True)
    rows = csv_rows(content, GARBAGE_COLUMNS, required=GARBAGE_COLUMNS)
    credited, duplicates, problems = 0, 0, []
    for number, row in enumerate(rows, start=2):
        source = f"garbage:{station.id}:{row.get('record_id', '')}"
        if not row.get("record_id"):
            problems.append({"row": number, "column": "record_id", "reason": "is required"})
            continue
        if Repository(uow).exists(m.Transaction, m.Transaction.source == source):
            duplicates += 1
            continue
        savepoint = uow.session.begin_nested()
        try:
            sorted_on = datetime.fromisoformat(row.get("sorted_on", "")).date().isoformat()
            rules.earn(uow, account={"kind": "household", "owner": row.get("household_id", ""),
                                     "community": row.get("community", "")},
                       action_type="garbage_sorting", occurred_on=sorted_on, source=source)
            savepoint.commit()
            credited += 1
        except ValueError:
            savepoint.rollback()
            problems.append({"row": number, "column": "sorted_on", "reason": "must be a date YYYY-MM-DD"})
        except DomainError as exc:
            savepoint.rollback()
            column = {"account.owner": "household_id", "account.community": "community",
                      "occurred_on": "sorted_on"}.get(exc.field, exc.field or "")
            problems.append({"row": number, "column": column, "reason": exc.message})
    return {"rows": len(rows), "credited": credited, "duplicates": duplicates, "problems": problems}
