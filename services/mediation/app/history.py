"""A case read back: its full history (GetCaseHistory) and the audit trail of its outcome
(GetCaseOutcomeAudit). Both are seen by exactly those who may read the case (``cases.readable_case``)."""
from __future__ import annotations

from services.common.db import UnitOfWork
from services.mediation import models as m
from services.mediation import serializers
from services.mediation.app.cases import readable_case
from services.mediation.repository import Repository

#: the audit actions that make or unmake a case's outcome
OUTCOME_ACTIONS = ("resolve case", "rate case", "reopen case", "close case")


def get_case_history(uow: UnitOfWork, *, case_id: str) -> dict:
    """Every step of the case in order: opening, team, sessions, escalations and send-backs with their
    reasons, outcome, rating, reopenings, closing."""
    r = Repository(uow)
    c, _ = readable_case(r, case_id)
    # the case was checked above: its events and sessions are keyed follow-ups of it, scoped all the same
    events = r.all(m.CaseEvent, m.CaseEvent.case_id == c.id, order_by=m.CaseEvent.id)
    sessions = r.all(m.Session, m.Session.case_id == c.id, order_by=m.Session.held_at)
    return serializers.case_history(c, events, sessions)


def get_case_outcome_audit(uow: UnitOfWork, *, case_id: str) -> dict:
    """Who resolved, rated, reopened and closed the case, when and why, with the before and after."""
    r = Repository(uow)
    c, _ = readable_case(r, case_id)
    entries = r.all(m.AuditEntry, m.AuditEntry.subject == c.id, m.AuditEntry.action.in_(OUTCOME_ACTIONS),
                    order_by=m.AuditEntry.id)
    return serializers.outcome_audit(c.id, entries)
