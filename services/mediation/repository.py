"""Where the mediation records lie, and the one rule on top of scope: confidential cases.

Every query of a use case goes through ``Repository(uow)`` (services.common.repository): a record
outside the caller's district, sub-district or community is not found. A case's parties, history
and sessions lie where the case does; a resolution's actions where its matter does. Categories and
voting rules (``Category``, ``DistrictSettings``) lie in no division: they are the district's
settings, read by all of it and changed only by a caller of the whole district
(``district_setting()``); so is the audit log.
"""
from __future__ import annotations


from services.common.errors import NotFound
from services.common.repository import Place, ScopedRepository
from services.mediation import models as m
from services.mediation.domain import cases as rules
from services.mediation.permissions import SUPERVISORS


class Repository(ScopedRepository):
    PLACES = {
        m.Case: Place(m.Case.community),
        m.CaseParty: Place(m.Case.community, via=m.CaseParty.case_id),
        m.CaseEvent: Place(m.Case.community, via=m.CaseEvent.case_id),
        m.Session: Place(m.Case.community, via=m.Session.case_id),
        m.Meeting: Place(m.Meeting.community),
        m.Matter: Place(m.Matter.community),
        m.Action: Place(m.Matter.community, via=m.Action.matter_id),
    }
    DISTRICT_WIDE = frozenset({m.Category, m.DistrictSettings, m.AuditEntry})

    # ---- cases: scope, then confidentiality

    def case(self, case_id: str, field: str = "case_id", write: bool = False, inside: str | None = None) -> m.Case:
        """A case the caller may see (and, with ``write``, change); a confidential one is not found for anyone
        but its team, the supervisors of its district and its parties. With ``inside``: lying in that division."""
        c = self.get(m.Case, case_id, field, "case", write, inside=inside)
        if not self.may_read(c):
            raise NotFound(f"no case {case_id!r}", field)
        return c

    def may_read(self, c: m.Case) -> bool:
        """The one visibility rule on top of scope, for every read of a case (one by id, a listing, an
        export): a confidential case only for its team, the supervisors of its district and its parties."""
        return not c.confidential or rules.visible_case(c.confidential, self.sees_in_full(c), self.is_party(c))

    def sees_in_full(self, c: m.Case) -> bool:
        """The case's team, or a supervisor of its district (``get`` has kept other districts' cases out;
        city staff are no supervisors of any district)."""
        supervisor = self.ctx.has_any(*SUPERVISORS) and not self.ctx.city_wide
        return rules.sees_in_full(self.ctx.actor, supervisor, self.team(c))

    @staticmethod
    def team(c: m.Case) -> set[str]:
        return rules.team_of(c.judge_id, c.mediator_id, c.volunteers)

    def is_party(self, c: m.Case) -> bool:
        return self.exists(m.CaseParty, m.CaseParty.case_id == c.id, m.CaseParty.person_id == self.ctx.actor)

    def parties(self, c: m.Case) -> list[m.CaseParty]:
        return self.all(m.CaseParty, m.CaseParty.case_id == c.id, order_by=m.CaseParty.id)

    def hotline_order_taken(self, order_no: str) -> bool:
        """A 12345 order number is a case once per district (the table's unique key): taken when any case of
        the caller's district carries it, inside the caller's scope or not. The answer says only that."""
        self.district_for_write("hotline_order_no")
        return self.whole_district().exists(m.Case, m.Case.hotline_order_no == order_no)
