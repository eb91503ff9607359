"""The centre's eco-garden: plots, and harvests sent to the points station as ``produce.harvested``
(its contract: services/common/contracts/centers.produce.harvested.json), where residents redeem them."""
from __future__ import annotations

from datetime import date

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.tables import audit
from services.common.values import date_or_today, text
from services.centers import models as m
from services.centers import serializers as out
from services.centers.domain import garden as rules
from services.centers.permissions import POLICY
from services.centers.repository import Repository


def add_plot(uow: UnitOfWork, *, centre_id: str, name: str, station_id: str, tended_by: str | None = None) -> dict:
    """A plot of the centre's garden, sending its produce to the points station ``station_id`` (the
    points service checks the station when the first harvest arrives)."""
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    centre = r.centre(centre_id, write=True)
    plot = r.add(m.Plot(district=centre.district, community=centre.community, centre_id=centre.id,
                        name=text(name, "name", 100, required=True),
                        station_id=text(station_id, "station_id", 32, required=True),
                        tended_by=text(tended_by, "tended_by", 200)))
    uow.flush()
    shaped = out.plot(plot)
    audit(uow, plot.district, "add plot", plot.id, after=shaped)
    return shaped


def list_plots(uow: UnitOfWork, *, centre_id: str) -> dict:
    POLICY.check(uow.ctx, "read centres")
    r = Repository(uow)
    centre = r.centre(centre_id)
    return out.items(r.all(m.Plot, m.Plot.centre_id == centre.id, order_by=m.Plot.name), out.plot)


def record_harvest(uow: UnitOfWork, *, plot_id: str, produce: str, quantity: int, points_cost: int = 0,
                   harvested_on: str | None = None) -> dict:
    """A harvest (采收): stock at the plot's points station, once (the event's inbox there)."""
    POLICY.check(uow.ctx, "manage centres")
    r = Repository(uow)
    plot = r.get(m.Plot, plot_id, "plot_id", "plot", write=True)
    harvest = r.add(m.Harvest(district=plot.district, community=plot.community, plot_id=plot.id,
                              produce=text(produce, "produce", 100, required=True),
                              quantity=rules.check_quantity(quantity),
                              points_cost=rules.check_points_cost(points_cost),
                              harvested_on=rules.check_harvest_day(date_or_today(harvested_on, "harvested_on"),
                                                                   clock.today()),
                              recorded_by=uow.ctx.actor))
    uow.flush()
    shaped = out.harvest(harvest)
    audit(uow, harvest.district, "record harvest", harvest.id, after=shaped)
    uow.emit("produce.harvested", harvest.district, out.harvest_event(harvest, plot), subdistrict_of(plot.community))
    return shaped


def list_harvests(uow: UnitOfWork, *, centre_id: str, from_date: str | None = None, to_date: str | None = None,
                  page_size: int = 0, page_token: str | None = None) -> dict:
    """A centre's harvests, newest first, by cursor."""
    POLICY.check(uow.ctx, "read centres")
    r = Repository(uow)
    centre = r.centre(centre_id)
    size = paging.page_size(page_size)
    q = r.select(m.Harvest).where(m.Harvest.plot_id.in_(
        r.select(m.Plot, m.Plot.id).where(m.Plot.centre_id == centre.id)))
    start = date_or_today(from_date, "from_date") if from_date else None
    end = date_or_today(to_date, "to_date") if to_date else None
    if start:
        q = q.where(m.Harvest.harvested_on >= start)
    if end:
        q = q.where(m.Harvest.harvested_on <= end)
    found, token = paging.page(uow.session, q, (m.Harvest.harvested_on, m.Harvest.id), size=size, token=page_token,
                               filters={"centre_id": centre.id, "from": start, "to": end}, descending=True,
                               converters=(date.fromisoformat, None))
    return out.page(found, out.harvest, token)
