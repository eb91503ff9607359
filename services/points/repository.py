"""Where the points service's records lie, for scope (services.common.repository).

An account lies in its community; its transactions, lots and reservations lie where it does. A
member cycle lies in its branch's community, with its members, objections and exemptions; a
station in its community, with its items. Rules and expiry policies are the whole district's.
"""
from __future__ import annotations

from services.common.errors import NotFound, PermissionDenied
from services.common.repository import Place, ScopedRepository
from services.points import models as m


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
    }

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
