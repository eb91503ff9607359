"""Mediation tables (SQLAlchemy 2.x). Every table carries ``district``, the tenant key."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from services.common.tables import BIGINT, AuditColumns, new_id, service_base
from services.common.messaging_tables import idempotency_table, inbox_table, outbox_table

Base = service_base()
outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)
idempotency = idempotency_table(Base.metadata)


class Category(Base):
    """A district's case category (纠纷类别) with its deadline per tier, in days."""

    __tablename__ = "categories"
    district: Mapped[str] = mapped_column(String(6), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    deadline_days: Mapped[dict] = mapped_column(JSON)  # {"community": 7, "subdistrict": 10, "district": 15}
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DistrictSettings(Base):
    """Voting rules of a district's resident representatives' meetings, and its own 12345 file headers."""

    __tablename__ = "district_settings"
    district: Mapped[str] = mapped_column(String(6), primary_key=True)
    quorum: Mapped[float] = mapped_column(Float)
    majority: Mapped[float] = mapped_column(Float)
    # {header: field} added to (or overriding) domain.hotline.DEFAULT_HEADERS; None: the defaults only
    hotline_headers: Mapped[dict | None] = mapped_column(JSON)


class Case(Base):
    """一件矛盾纠纷: one neighbour dispute or resident request."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    subdistrict: Mapped[str] = mapped_column(String(9), index=True)
    community: Mapped[str] = mapped_column(String(12), index=True)
    grid: Mapped[str | None] = mapped_column(String(20))
    compound: Mapped[str | None] = mapped_column(String(40))
    building: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))
    hotline_order_no: Mapped[str | None] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open")
    tier: Mapped[str] = mapped_column(String(12), default="community")
    tier_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deadline_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    judge_id: Mapped[str | None] = mapped_column(String(32))
    mediator_id: Mapped[str | None] = mapped_column(String(32))
    volunteers: Mapped[list] = mapped_column(JSON, default=list)  # [{"person_id", "name", "community"}]
    # the volunteers already credited in points for this case (as in ``volunteers``): once per case, not per
    # resolution, however often it is reopened
    credited_volunteers: Mapped[list | None] = mapped_column(JSON)
    agreement: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(30))
    resolved_tier: Mapped[str | None] = mapped_column(String(12))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[str | None] = mapped_column(Text)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("district", "hotline_order_no", name="uq_cases_hotline_order"),
                      Index("ix_cases_open_deadline", "status", "deadline_at"))


class CaseParty(Base):
    """A party to a case; the phone is personal data, shown masked outside the team."""

    __tablename__ = "case_parties"
    id: Mapped[int] = mapped_column(BIGINT, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(20))
    person_id: Mapped[str | None] = mapped_column(String(32))


class CaseEvent(Base):
    """The case's history: escalations, send-backs, reopenings, with who and why."""

    __tablename__ = "case_history"
    id: Mapped[int] = mapped_column(BIGINT, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    kind: Mapped[str] = mapped_column(String(20))  # opened|assigned|escalated|sent_back|resolved|rated|reopened
    from_tier: Mapped[str | None] = mapped_column(String(12))
    to_tier: Mapped[str | None] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Session(Base):
    """A mediation session (调解会): notes and who attended."""

    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    held_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    notes: Mapped[str] = mapped_column(Text)
    attendance: Mapped[list] = mapped_column(JSON)
    recorded_by: Mapped[str] = mapped_column(String(100))


class Meeting(Base):
    """议事会: the monthly residents' hall or an ad hoc party-and-residents meeting."""

    __tablename__ = "meetings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[date] = mapped_column(Date)
    agenda: Mapped[list] = mapped_column(JSON)  # [{"title", "case_id"}]
    attendance: Mapped[list] = mapped_column(JSON)
    representatives_eligible: Mapped[int] = mapped_column(Integer)


class Matter(Base):
    """A contested matter going through "four deliberations, two disclosures" (四议两公开)."""

    __tablename__ = "matters"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    proposal: Mapped[str] = mapped_column(Text)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id"))
    stage: Mapped[str] = mapped_column(String(24), default="proposed")
    history: Mapped[list] = mapped_column(JSON, default=list)
    vote: Mapped[dict | None] = mapped_column(JSON)
    decision: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)


class Action(Base):
    """One action of a resolution, with its owner and deadline, tracked to completion."""

    __tablename__ = "actions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(100))
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class AuditEntry(AuditColumns, Base):
    """Who changed what, when, why, with the before and after."""
