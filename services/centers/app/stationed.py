"""Organisations stationed in a centre (入驻) and what they deliver against their quarterly promise."""
from __future__ import annotations

from sqlalchemy import func

from services.common import clock
from services.common.db import UnitOfWork
from services.common.errors import AlreadyExists, InvalidArgument
from services.common.registry_client import organisation_in
from services.common.tables import audit
from services.common.values import date_or_today, parse_date, text
from services.centers import models as m
from services.centers import serializers as out
from services.centers.domain import stationed as rules
from services.centers.permissions import POLICY
from services.centers.repository import Repository


def station_organisation(uow: UnitOfWork, *, centre_id: str, organisation_id: str, term_start: str, term_end: str,
                         promised: dict) -> dict:
    """入驻: a social organisation or partner unit of the district stationed in the centre for a term,
    promising each quarter's deliveries."""
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    centre = r.centre(centre_id, write=True)
    org = organisation_in(centre.district, organisation_id, "organisation_id")
    if org.get("kind") not in rules.STATIONED_KINDS:
        raise InvalidArgument(f"must be a social organisation or a partner unit, not a {org.get('kind')}",
                              "organisation_id")
    start, end = parse_date(term_start, "term_start"), parse_date(term_end, "term_end")
    rules.check_term(start, end)
    if r.exists(m.Stationing, m.Stationing.centre_id == centre.id, m.Stationing.organisation_id == organisation_id,
                m.Stationing.term_end >= start, m.Stationing.term_start <= end):
        raise AlreadyExists("has an agreement with this centre running in that term", "organisation_id")
    row = r.add(m.Stationing(district=centre.district, community=centre.community, centre_id=centre.id,
                             organisation_id=organisation_id, organisation_name=org.get("name") or organisation_id,
                             term_start=start, term_end=end, promised=rules.check_promise(promised)))
    uow.flush()
    shaped = out.stationing(row)
    audit(uow, row.district, "station organisation", row.id, after=shaped)
    return shaped


def list_stationed(uow: UnitOfWork, *, centre_id: str) -> dict:
    POLICY.check(uow.ctx, "read centres")
    r = Repository(uow)
    centre = r.centre(centre_id)
    return out.items(r.all(m.Stationing, m.Stationing.centre_id == centre.id,
                           order_by=(m.Stationing.term_start, m.Stationing.id)), out.stationing)


def record_delivery(uow: UnitOfWork, *, stationing_id: str, kind: str, count: int = 1,
                    delivered_on: str | None = None, note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    row = r.get(m.Stationing, stationing_id, "stationing_id", "stationing", write=True)
    on = date_or_today(delivered_on, "delivered_on")
    kind = (kind or "").strip()
    rules.check_delivery(kind, row.promised, on, row.term_start, row.term_end, clock.today())
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= rules.MAX_PROMISED:
        raise InvalidArgument(f"must be a whole number from 1 to {rules.MAX_PROMISED}", "count")
    delivery = r.add(m.Delivery(district=row.district, community=row.community, stationing_id=row.id, kind=kind,
                                count=count, delivered_on=on, note=text(note, "note", 500), recorded_by=uow.ctx.actor))
    uow.flush()
    shaped = out.delivery(delivery)
    audit(uow, row.district, "record delivery", row.id, after=shaped)
    return shaped


def get_delivery_report(uow: UnitOfWork, *, centre_id: str, quarter: str | None = None) -> dict:
    """Each stationed organisation's quarter (default: this one): promised against delivered, by kind."""
    POLICY.check(uow.ctx, "read centres")
    r = Repository(uow)
    centre = r.centre(centre_id)
    quarter = quarter or rules.quarter_of(clock.today())
    first, last = rules.quarter_days(quarter)
    lines = []
    for row in r.all(m.Stationing, m.Stationing.centre_id == centre.id, m.Stationing.term_start <= last,
                     m.Stationing.term_end >= first, order_by=(m.Stationing.organisation_name, m.Stationing.id)):
        delivered = dict(uow.session.execute(
            r.select(m.Delivery, m.Delivery.kind, func.sum(m.Delivery.count)).where(
                m.Delivery.stationing_id == row.id, m.Delivery.delivered_on >= first,
                m.Delivery.delivered_on <= last).group_by(m.Delivery.kind)).all())
        lines.append(out.delivery_line(row, rules.against_promise(row.promised, {k: int(v) for k, v in
                                                                                 delivered.items()})))
    return {"centre_id": centre.id, "quarter": quarter, "organisations": lines}

