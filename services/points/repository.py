"""Where the points service's records lie, for scope (services.common.repository).

An account lies in its community; its transactions, lots and reservations lie where it does. A
member cycle lies in its branch's community, with its members, objections and exemptions; a
station in its community, with its items. Rules and expiry policies are the whole district's.
"""
from __future__ import annotations

import cachetools
from sqlalchemy import bindparam, select

from services.common.caching import ProcessCopies
from services.common.errors import NotFound, PermissionDenied
from services.common.repository import Place, ScopedRepository
from services.points import models as m

ACCOUNTS, POLICIES, RULES = m.Account.__table__, m.DistrictPolicy.__table__, m.Rule.__table__
ITEMS, STATIONS = m.Item.__table__, m.Station.__table__

# The hot path (every award and redemption) reads its account, its district's expiry policy, its
# rule and its catalogue entry: keyed reads, built once, of which each process keeps copies.
# Accounts never change once opened (kept until evicted); a policy, a rule or an item may change in
# another process, so their copies live a few seconds. The caller's scope is checked on the copy.
_ACCOUNT_BY_ID = select(ACCOUNTS).where(ACCOUNTS.c.id == bindparam("id"))
_ACCOUNTS_BY_ID = select(ACCOUNTS).where(ACCOUNTS.c.id.in_(bindparam("ids", expanding=True)))
_POLICY_OF = select(POLICIES.c.expiry_policy).where(POLICIES.c.district == bindparam("d"))
_RULE_VERSIONS = select(RULES).where(RULES.c.district == bindparam("d"), RULES.c.action_type == bindparam("a"))
_CATALOGUE_ENTRY = select(ITEMS.c.id, ITEMS.c.district, ITEMS.c.station_id, ITEMS.c.kind, ITEMS.c.name,
                          ITEMS.c.points_cost, ITEMS.c.active, ITEMS.c.stock.is_(None).label("unlimited"),
                          STATIONS.c.community).join(STATIONS, STATIONS.c.id == ITEMS.c.station_id
                                                     ).where(ITEMS.c.id == bindparam("id"))
_accounts = ProcessCopies(cachetools.LRUCache(maxsize=100_000))
_policies = ProcessCopies(cachetools.TTLCache(maxsize=1_000, ttl=5))
_rules = ProcessCopies(cachetools.TTLCache(maxsize=10_000, ttl=5))
_catalogue = ProcessCopies(cachetools.TTLCache(maxsize=10_000, ttl=30))


class Repository(ScopedRepository):
    PLACES = {
        m.Account: Place(m.Account.community),
        m.Transaction: Place(m.Account.community, via=m.Transaction.account_id),
        m.Lot: Place(m.Account.community, via=m.Lot.account_id),
        m.Reservation: Place(m.Account.community, via=m.Reservation.account_id),
        m.Cycle: Place(m.Cycle.community),
        m.CycleMember: Place(m.Cycle.community, via=m.CycleMember.cycle_id),
        m.Objection: Place(m.Cycle.community, via=m.Objection.cycle_id),
        m.Exemption: Place(m.Cycle.community, via=m.Exemption.cycle_id),
        m.Station: Place(m.Station.community),
        m.Item: Place(m.Station.community, via=m.Item.station_id),
        m.PostingRow: Place(m.Account.community, via=m.PostingRow.account_id),
        m.Balance: Place(m.Account.community, via=m.Balance.account_id),
    }
    # a lot use (which lots a debit took) is only ever read with its transaction, already in scope
    DISTRICT_WIDE = frozenset({m.DistrictPolicy, m.Rule, m.AuditEntry, m.LotUse})

    def check_account(self, account, account_id: str, field: str = "account_id", write: bool = False):
        """An account row (an ORM object, or a cached row: the hot path reads copies) in the caller's
        scope, else NotFound; with ``write``, inside the caller's narrowest scope. Issuing pools and
        stations' accounts of no community are seen by whole-district callers only."""
        if account is None or not self.sees(account.district, account.community):
            raise NotFound(f"no account {account_id!r}", field)
        if write and not self.may_change(account.district, account.community):
            raise PermissionDenied(f"the account lies in {account.community}, above the caller's scope "
                                   f"{self.narrowest}", field)
        return account

    # ---- the hot path's copies (the caller checks the scope of what they return)

    def account_row(self, account_id: str):
        """An account row (attributes as on ``m.Account``), or None."""
        conn = self.session.connection
        return _accounts.get(self.uow, account_id, lambda: conn().execute(_ACCOUNT_BY_ID, {"id": account_id}).first())

    def account_rows(self, account_ids: list[str]) -> dict:
        """The rows of those of ``account_ids`` that exist, by id, in one statement for those not kept;
        held for the rest of the unit of work, where ``account_row`` finds them."""
        conn = self.session.connection
        return _accounts.get_many(self.uow, account_ids, lambda ids: {
            row.id: row for row in conn().execute(_ACCOUNTS_BY_ID, {"ids": ids})})

    def expiry_policy(self, district: str) -> str:
        """The district's expiry policy (the default until one is set)."""
        conn = self.session.connection
        return _policies.get(self.uow, district, lambda: conn().execute(
            _POLICY_OF, {"d": district}).scalar() or "end_of_following_year")

    def rule_versions(self, district: str, action_type: str) -> list:
        """Every version of a district's rule for an action (rows as on ``m.Rule``)."""
        conn = self.session.connection
        return _rules.get(self.uow, (district, action_type), lambda: conn().execute(
            _RULE_VERSIONS, {"d": district, "a": action_type}).all())

    def catalogue_entry(self, item_id: str):
        """An item as the catalogue shows it, with its station's community (see app.stations)."""
        conn = self.session.connection
        return _catalogue.get(self.uow, item_id, lambda: conn().execute(_CATALOGUE_ENTRY, {"id": item_id}).first())

    @staticmethod
    def forget_policies() -> None:
        _policies.clear()

    @staticmethod
    def forget_rules() -> None:
        _rules.clear()
