"""Points stations (积分驿站): catalogue, reservations with pick-up codes, honours with approval.

A redemption is one transaction: the stock UPDATE (guarded ``stock >= quantity``) and the points
transfer commit together or not at all.
"""
from __future__ import annotations

from datetime import datetime


from sqlalchemy import select, update

from services.common import clock, paging
from services.common.context import Role
from services.common.db import UnitOfWork
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.registry_client import division_in, honours_eligibility
from services.common.tables import audit
from services.common.values import aware, text, whole_number
from services.points import metrics, serializers
from services.points import models as m
from services.points.app import ledger, posting
from services.points.repository import Repository
from services.points.domain import catalogue as rules
from services.points.domain import ledger as ledger_rules
from services.points.permissions import POLICY

ITEMS = m.Item.__table__
RESERVATIONS = m.Reservation.__table__


def create_station(uow: UnitOfWork, *, community: str, name: str) -> dict:
    POLICY.check(uow.ctx, "manage stations")
    r = Repository(uow)
    district = r.district_for_write()
    community = r.code(community, "community", "community", write=True)
    name = text(name, "name", 100, required=True)
    division_in(district, community, "community")  # a real community of the registry
    if r.exists(m.Station, m.Station.community == community, m.Station.name == name):
        raise AlreadyExists(f"a station named {name!r} already exists in {community}", "name")
    station = r.add(m.Station(district=district, community=community, name=name))
    uow.flush()
    ledger.open_account(uow, {"kind": "station", "owner": station.id, "community": community, "name": name})
    audit(uow, district, "create station", station.id, after=serializers.station(station))
    return serializers.station(station)


def _station(uow, station_id, field="station_id", write=False) -> m.Station:
    return Repository(uow).get(m.Station, station_id, field, "station", write=write)


def add_item(uow: UnitOfWork, *, station_id: str, kind: str, name: str, points_cost: int,
             stock: int | None = None, unlimited: bool = False) -> dict:
    POLICY.check(uow.ctx, "manage stations")
    station = _station(uow, station_id, write=True)
    if unlimited and stock:
        raise InvalidArgument("an unlimited item has no stock count", "stock")
    stock = None if unlimited else int(stock or 0)
    rules.check_item(kind, name, points_cost, stock)
    if Repository(uow).exists(m.Item, m.Item.station_id == station.id, m.Item.name == name.strip()):
        raise AlreadyExists(f"{name!r} is already in this station's catalogue", "name")
    item = m.Item(district=station.district, station_id=station.id, kind=kind, name=name.strip(),
                  points_cost=points_cost, stock=stock)
    uow.session.add(item)
    uow.flush()
    audit(uow, station.district, "add item", item.id, after=serializers.item(item))
    return serializers.item(item)


def restock(uow: UnitOfWork, *, item_id: str, quantity: int, reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "manage stations")
    item = Repository(uow).get(m.Item, item_id, "item_id", "item", write=True)
    return _restock(uow, item, quantity, reason or "restocked")


def _restock(uow: UnitOfWork, item: m.Item, quantity: int, reason: str) -> dict:
    whole_number(quantity, "quantity", 1, 100_000)
    if item.stock is None:
        raise FailedPrecondition("the item is unlimited", "item_id")
    before = item.stock
    uow.session.execute(update(ITEMS).where(ITEMS.c.id == item.id).values(stock=ITEMS.c.stock + quantity))
    uow.session.refresh(item)
    audit(uow, item.district, "restock", item.id, {"stock": before}, {"stock": item.stock}, reason)
    return serializers.item(item)


def list_stations(uow: UnitOfWork, *, community: str) -> dict:
    """The points stations of a community (where a resident can redeem)."""
    POLICY.check(uow.ctx, "read catalogue")
    r = Repository(uow)
    community = r.code(community, "community", "community")
    rows = r.all(m.Station, m.Station.community == community, order_by=m.Station.name)
    return {"items": [serializers.station(st) for st in rows]}


def list_catalogue(uow: UnitOfWork, *, station_id: str) -> dict:
    POLICY.check(uow.ctx, "read catalogue")
    station = _station(uow, station_id)
    items = Repository(uow).all(m.Item, m.Item.station_id == station.id, m.Item.active.is_(True),
                                order_by=(m.Item.kind, m.Item.name))
    return {"station": serializers.station(station), "items": [serializers.item(i) for i in items]}


def _redeemer_account(uow: UnitOfWork, account_id: str) -> m.Account:
    acc = ledger.account_by_id(uow, account_id, write=True)
    if acc.kind not in ledger_rules.DEPOSITOR_KINDS:
        raise InvalidArgument("only moral-bank depositors (resident, household, unit) redeem at a station",
                              "account_id")
    if not uow.ctx.has_any(Role.COMMUNITY_WORKER) and acc.owner != uow.ctx.actor:
        raise PermissionDenied("you redeem from your own account only", "account_id")
    return acc


def catalogue_entry(uow: UnitOfWork, item_id: str, field: str = "item_id"):
    """An item as the catalogue shows it (attributes as on ``m.Item`` but ``stock``; ``unlimited``;
    its station's ``community``), in the caller's scope."""
    r = Repository(uow)
    item = r.catalogue_entry(item_id) if item_id and isinstance(item_id, str) else None
    if item is None or not r.sees(item.district, item.community):
        raise NotFound(f"no item {item_id!r}", field)
    return item


def _take_stock(uow: UnitOfWork, item, quantity: int) -> None:
    if item.unlimited:
        return
    try:
        posting.take_stock(uow, item.id, quantity)
    except FailedPrecondition:
        metrics.REDEMPTIONS.labels(item.district, "out_of_stock").inc()
        raise


def _pay(uow: UnitOfWork, acc: m.Account, item, quantity: int, reservation_id: str) -> dict:
    station_account = ledger_rules.account_id(item.district, "station", item.station_id)
    points = item.points_cost * quantity
    try:
        return ledger.post(uow, kind="redemption", district=acc.district, account=acc, points=points,
                           postings=ledger_rules.transfer(acc.id, station_account, points),
                           action_type=f"redeem:{item.kind}", source=reservation_id, reason=item.name,
                           kinds={acc.id: acc.kind, station_account: "station"})
    except FailedPrecondition:
        metrics.REDEMPTIONS.labels(acc.district, "insufficient_points").inc()
        raise


def redeem(uow: UnitOfWork, *, account_id: str, item_id: str, quantity: int = 1) -> dict:
    """Reserve an item for points: points and stock move now, the pick-up code collects it.

    An honour is not paid at once: it waits for approval (荣誉需审批).
    """
    POLICY.check(uow.ctx, "redeem")
    acc = _redeemer_account(uow, account_id)
    item = catalogue_entry(uow, item_id)
    if not item.active:
        raise FailedPrecondition("the item is no longer offered", "item_id")
    quantity = rules.check_quantity(quantity, item.kind)
    now = clock.now()
    reservation = m.Reservation(id=m.new_id(), district=acc.district, item_id=item.id, account_id=acc.id,
                                quantity=quantity, points=item.points_cost * quantity, code=rules.pick_up_code(),
                                created_at=now)
    if item.kind == "honour":
        spendable = ledger.spendable_of(uow, acc.id)  # lapsed points do not count, swept or not
        if spendable < reservation.points:
            metrics.REDEMPTIONS.labels(acc.district, "insufficient_points").inc()
            raise FailedPrecondition(f"balance {spendable} is less than {reservation.points}", "points")
        reservation.status = "pending_approval"
    else:
        _take_stock(uow, item, quantity)
        tx = _pay(uow, acc, item, quantity, reservation.id)
        reservation.status, reservation.transaction_id = "reserved", tx["id"]
        reservation.expires_at = rules.reservation_expiry(now)
        uow.after_commit(metrics.REDEMPTIONS.labels(acc.district, "ok").inc)
    # written after its transaction: in a group commit that is at the commit (app.posting)
    posting.insert_with_transactions(uow, RESERVATIONS, {
        c.name: getattr(reservation, c.name) for c in RESERVATIONS.columns})
    if reservation.status == "pending_approval":
        audit(uow, acc.district, "request honour", reservation.id,
              after={"account": acc.id, "item": item.id, "points": reservation.points})
    uow.emit("points.redeemed" if reservation.status == "reserved" else "honour.requested", acc.district,
             {"reservation_id": reservation.id, "account_id": acc.id, "item_id": item.id, "item_kind": item.kind,
              "quantity": quantity, "points": reservation.points}, acc.subdistrict)
    # the redeemer's own answer: the caller redeemed (a resident, or a worker at the counter with them)
    return serializers.reservation(reservation, show_code=True)


def _holds(uow: UnitOfWork, reservation: m.Reservation) -> bool:
    """Whether the caller, in any reply but the redemption's own, may see the pick-up code (the proto:
    shown to the redeemer only): the owner of the account that paid. Not the approver of an honour, not
    the counter that lists the station's reservations or hands one over: they hand the item over against
    the code the redeemer shows them. An account's id names its owner (domain.ledger.account_id)."""
    return reservation.account_id in {ledger_rules.account_id(reservation.district, kind, uow.ctx.actor)
                                      for kind in ledger_rules.DEPOSITOR_KINDS}


def _check_honours_bar(uow: UnitOfWork, acc, field: str) -> None:
    """Two stars or fewer (or a rectification) bar a branch and its people from honours (DOMAIN.md,
    the registry's ``may_receive_honours``). Asked of the registry at the moment of the decision
    rather than kept from its events: the bar is the registry's current state (the latest rating, an
    open rectification, the person's current memberships), changed by several kinds of record points
    never sees (a membership starting or ending emits nothing points consumes); a copy built from
    events would be late or incomplete, and an honour is a rare decision by a person, for which one
    call is cheap. A registry that cannot answer refuses the approval (nothing is granted unchecked).

    A resident is asked about as a person (their branches), a unit as an organisation. A household has
    no record in the registry (app.ledger.check_owner), so there is no one to ask about."""
    if acc.kind == "household":
        return
    ask = {"person_id": acc.owner} if acc.kind == "resident" else {"organisation_id": acc.owner}
    answer = honours_eligibility(acc.district, **ask)
    if answer is None:
        raise FailedPrecondition(f"the registry does not know {acc.owner!r} in district {acc.district}: "
                                 "the honours bar cannot be checked", field)
    if not answer.get("eligible"):
        raise FailedPrecondition(f"no honour for {acc.owner}: {answer.get('reason') or 'barred by the registry'}",
                                 field)


def decide_honour(uow: UnitOfWork, *, reservation_id: str, approve: bool, note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "approve honours")
    r = Repository(uow).get(m.Reservation, reservation_id, "reservation_id", "reservation", write=True)
    if r.status != "pending_approval":
        raise FailedPrecondition(f"the reservation is {r.status}", "reservation_id")
    item = catalogue_entry(uow, r.item_id, "reservation_id")
    acc = uow.session.get(m.Account, r.account_id)
    if approve:
        _check_honours_bar(uow, acc, "reservation_id")  # before anything moves
        _take_stock(uow, item, r.quantity)
        tx = _pay(uow, acc, item, r.quantity, r.id)
        r.status, r.transaction_id = "reserved", tx["id"]
        r.expires_at = rules.reservation_expiry(clock.now())
        uow.after_commit(metrics.REDEMPTIONS.labels(acc.district, "ok").inc)
    else:
        r.status, r.closed_at = "rejected", clock.now()
    audit(uow, acc.district, "approve honour" if approve else "reject honour", r.id,
          {"status": "pending_approval"}, {"status": r.status}, note)
    return serializers.reservation(r, show_code=_holds(uow, r))


def pick_up(uow: UnitOfWork, *, reservation_id: str, pick_up_code: str) -> dict:
    """At the counter: the code hands the item over."""
    POLICY.check(uow.ctx, "hand out at the station")
    r = Repository(uow).get(m.Reservation, reservation_id, "reservation_id", "reservation")
    station = _station(uow, uow.session.get(m.Item, r.item_id).station_id, "reservation_id", write=True)
    rules.check_pick_up(r.status, r.code, pick_up_code, aware(r.expires_at), clock.now())
    r.status, r.closed_at = "picked_up", clock.now()
    audit(uow, station.district, "pick up", r.id, {"status": "reserved"}, {"status": "picked_up"})
    return serializers.reservation(r, show_code=_holds(uow, r))


def cancel(uow: UnitOfWork, *, reservation_id: str, reason: str | None = None) -> dict:
    """Cancel a reservation: the points and the stock come back together."""
    POLICY.check(uow.ctx, "redeem")
    r = Repository(uow).get(m.Reservation, reservation_id, "reservation_id", "reservation", write=True)
    _redeemer_account(uow, r.account_id)
    return _release(uow, r, "cancelled", text(reason, "reason") or "cancelled")


def _release(uow: UnitOfWork, r: m.Reservation, status: str, reason: str) -> dict:
    if r.status not in ("reserved", "pending_approval"):
        raise FailedPrecondition(f"the reservation is {r.status}", "reservation_id")
    acc = uow.session.get(m.Account, r.account_id)
    if r.status == "reserved":
        item = uow.session.get(m.Item, r.item_id)
        station_account = ledger_rules.account_id(item.district, "station", item.station_id)
        refund = ledger.post(uow, kind="refund", district=acc.district, account=acc, points=r.points,
                             postings=ledger_rules.transfer(station_account, acc.id, r.points), source=r.id,
                             reason=reason, lots="none", kinds={acc.id: acc.kind, station_account: "station"})
        _return_to_lots(uow, r.transaction_id, refund["id"])
        if item.stock is not None:
            uow.session.execute(update(ITEMS).where(ITEMS.c.id == item.id).values(stock=ITEMS.c.stock + r.quantity))
    r.status, r.closed_at = status, clock.now()
    audit(uow, acc.district, status, r.id, after={"status": status}, reason=reason)
    return serializers.reservation(r)  # a closed reservation's code collects nothing: shown to no one


def _return_to_lots(uow: UnitOfWork, redemption_id: str, refund_id: str) -> None:
    lots = m.Lot.__table__
    for use in uow.session.scalars(select(m.LotUse).where(m.LotUse.transaction_id == redemption_id)):
        uow.session.execute(update(lots).where(lots.c.id == use.lot_id).values(remaining=lots.c.remaining + use.points))
        uow.session.add(m.LotUse(transaction_id=refund_id, lot_id=use.lot_id, points=-use.points))


def expire_reservations(uow: UnitOfWork, now: datetime | None = None) -> int:
    """Timer: reservations not picked up in time are released."""
    now = now or clock.now()
    due = list(uow.session.scalars(select(m.Reservation).where(m.Reservation.status == "reserved",
                                                               m.Reservation.expires_at < now)))
    for r in due:
        _release(uow, r, "expired", "not picked up in time")
    return len(due)


def list_reservations(uow: UnitOfWork, *, account_id: str | None = None, station_id: str | None = None,
                      status: str | None = None) -> dict:
    POLICY.check(uow.ctx, "read catalogue")
    q = Repository(uow).select(m.Reservation)
    if account_id:
        acc = ledger.account_by_id(uow, account_id)
        if uow.ctx.roles <= {Role.RESIDENT, Role.PARTNER_UNIT} and acc.owner != uow.ctx.actor:
            raise PermissionDenied("you see your own reservations only", "account_id")
        q = q.where(m.Reservation.account_id == acc.id)
    elif station_id:
        POLICY.check(uow.ctx, "hand out at the station")
        station = _station(uow, station_id)
        q = q.join(m.Item, m.Item.id == m.Reservation.item_id).where(m.Item.station_id == station.id)
    else:
        raise InvalidArgument("give account_id or station_id", "account_id")
    if status:
        q = q.where(m.Reservation.status == status)
    # codes go to their holders, not the counter (nor a caller who is both: the role does not make the holder)
    return {"items": [serializers.reservation(r, show_code=_holds(uow, r))
                      for r in uow.session.scalars(q.order_by(m.Reservation.created_at))]}


def list_pending_handovers(uow: UnitOfWork, *, station_id: str | None = None, community: str | None = None,
                           page_size: int = 0, page_token: str | None = None) -> dict:
    """What waits to be handed over (待领取): reserved items, and honours once approved (they are then
    reserved too), oldest first, at one station or in a community (by default the caller's scope).

    No pick-up code here: the counter hands over against the code the redeemer shows (``_holds``), and an
    approver is not the redeemer either."""
    POLICY.check(uow.ctx, "list handovers")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Reservation).where(m.Reservation.status == "reserved")
    if station_id:
        station = _station(uow, station_id)
        q = q.where(m.Reservation.item_id.in_(select(m.Item.id).where(m.Item.station_id == station.id)))
        filters = {"station_id": station.id}
    else:
        # where the reservation lies: its account's community, as the repository places it
        scope = r.scope_code(community, "community")
        q = q.where(m.Reservation.account_id.in_(r.select(m.Account.id).where(r.under(m.Account.community, scope))))
        filters = {"community": scope}
    found, token = paging.page(uow.session, q, [m.Reservation.created_at, m.Reservation.id], size=size,
                               token=page_token, filters=filters, converters=[datetime.fromisoformat, None])
    return {"items": [serializers.reservation(res) for res in found], "next_page_token": token}


def produce_arrived(uow: UnitOfWork, *, station_id: str, name: str, quantity: int, points_cost: int | None) -> dict:
    """Garden produce (菜园农产品) arriving from the centre: stock in, the item created on first harvest."""
    station = Repository(uow).get(m.Station, station_id, "station_id", "station")  # in the event's district
    whole_number(quantity, "quantity", 1, 100_000)
    item = Repository(uow).first(m.Item, m.Item.station_id == station.id, m.Item.name == name)
    if item is None:
        if not points_cost:
            raise FailedPrecondition(f"{name!r} is new at this station and the harvest names no points cost",
                                     "points_cost")
        rules.check_item("produce", name, points_cost, 0)
        item = m.Item(district=station.district, station_id=station.id, kind="produce", name=name,
                      points_cost=points_cost, stock=0)
        uow.session.add(item)
        uow.flush()
    return _restock(uow, item, quantity, "harvest from the centre's garden")
