"""What the mediation use cases share: scope, the case's visibility, audit."""
from __future__ import annotations


from services.common.db import UnitOfWork
from services.common.errors import InvalidArgument, NotFound
from services.common.tables import audit  # noqa: F401 - the use cases' audit trail
from services.common.values import aware  # noqa: F401 - shared by the use cases
from services.mediation import models as m
from services.mediation.permissions import SUPERVISORS


def district_of(uow: UnitOfWork) -> str:
    if not uow.ctx.district:
        raise InvalidArgument("a city-wide caller cannot write here; use a district token", "district")
    return uow.ctx.district


def on_team(uow: UnitOfWork, case: m.Case) -> bool:
    actor = uow.ctx.actor
    return actor in (case.judge_id, case.mediator_id) or any(v.get("person_id") == actor for v in case.volunteers or [])


def is_party(uow: UnitOfWork, case: m.Case) -> bool:
    from sqlalchemy import select
    return bool(uow.session.scalar(select(m.CaseParty.id).where(m.CaseParty.case_id == case.id,
                                                                m.CaseParty.person_id == uow.ctx.actor)))


def may_see_confidential(uow: UnitOfWork, case: m.Case) -> bool:
    """Confidential cases: their team and the supervisors of their district only (not city staff)."""
    return (uow.ctx.has_any(*SUPERVISORS) and uow.ctx.district == case.district) or on_team(uow, case)


def get_case(uow: UnitOfWork, case_id: str, field: str = "case_id", write: bool = False) -> m.Case:
    """A case the caller may see; a confidential one is not found for anyone outside its team."""
    case = uow.session.get(m.Case, case_id) if case_id else None
    if case is None or not uow.ctx.can_see_district(case.district) or not uow.ctx.can_see_division(case.community):
        raise NotFound(f"no case {case_id!r}", field)
    if case.confidential and not may_see_confidential(uow, case) and not is_party(uow, case):
        raise NotFound(f"no case {case_id!r}", field)
    if write:
        uow.ctx.check_scope(case.community, field, write=True)
    return case
