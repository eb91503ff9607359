"""Council tables (SQLAlchemy 2.x). Every table carries ``district``, the tenant key, and the community
its records lie in (the council's)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.common.messaging_tables import idempotency_table, inbox_table, outbox_table
from services.common.tables import AuditColumns, new_id, service_base, utcnow

Base = service_base()
outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)
idempotency = idempotency_table(Base.metadata)


class Council(Base):
    """共建理事团: a community's co-building council, its leader group headed by the community's secretary."""

    __tablename__ = "councils"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12), unique=True)  # one council per community
    name: Mapped[str] = mapped_column(String(100))
    leader_id: Mapped[str] = mapped_column(String(32))  # the registry person: the community's party secretary
    leader_name: Mapped[str] = mapped_column(String(100))
    rotating_chair: Mapped[bool] = mapped_column(Boolean, default=False)
    founded_on: Mapped[date] = mapped_column(Date)  # a quarter ended before it is not one it missed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CouncilMember(Base):
    """A member unit of a council (a partner unit or a social organisation), in the leader group or not."""

    __tablename__ = "council_members"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    organisation_id: Mapped[str] = mapped_column(String(32))  # the registry's
    organisation_name: Mapped[str] = mapped_column(String(200))
    organisation_kind: Mapped[str] = mapped_column(String(30))
    leader_group: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    left_reason: Mapped[str | None] = mapped_column(Text)


class ChairTerm(Base):
    """轮值主席: a member unit chairing the council from one day to another."""

    __tablename__ = "chair_terms"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    organisation_id: Mapped[str] = mapped_column(String(32))
    organisation_name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class WorkPlan(Base):
    """A council's work plan for a year (年度工作计划): its items."""

    __tablename__ = "work_plans"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    year: Mapped[int] = mapped_column(Integer)
    items: Mapped[list] = mapped_column(JSON)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("council_id", "year", name="uq_work_plans_year"),)


class Agreement(Base):
    """共驻共建协议: a co-building agreement between the council and a unit, for a term."""

    __tablename__ = "agreements"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    organisation_id: Mapped[str] = mapped_column(String(32))
    organisation_name: Mapped[str] = mapped_column(String(200))
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date)
    commitments: Mapped[list] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10))  # running | renewed | lapsed | ended
    renews_id: Mapped[str | None] = mapped_column(String(32))  # the agreement this one renews
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_by: Mapped[str] = mapped_column(String(100))
    ended_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_agreements_status_end", "status", "term_end"),)


class CouncilSettings(Base):
    """A district's council settings: how many days before an agreement's end the council is reminded."""

    __tablename__ = "council_settings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), unique=True)
    reminder_days: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class JointMeeting(Base):
    """共建联席会: a council's joint meeting as held: agenda, attending units, minutes."""

    __tablename__ = "joint_meetings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    kind: Mapped[str] = mapped_column(String(15))  # regular | extraordinary
    held_on: Mapped[date] = mapped_column(Date)
    agenda: Mapped[list] = mapped_column(JSON)
    attendance: Mapped[list] = mapped_column(JSON)  # member units' organisation ids
    minutes: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_joint_meetings_council_held", "council_id", "held_on"),)


class Decision(Base):
    """A joint meeting's decision: an owner (a unit or a person), a deadline, followed to completion."""

    __tablename__ = "decisions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    meeting_id: Mapped[str] = mapped_column(ForeignKey("joint_meetings.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner_organisation_id: Mapped[str | None] = mapped_column(String(32))
    owner_person_id: Mapped[str | None] = mapped_column(String(32))
    owner_name: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))  # open | done
    done_on: Mapped[date | None] = mapped_column(Date)
    done_note: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[str | None] = mapped_column(String(100))
    overdue_noticed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_decisions_status_due", "status", "due_on"),)


class MissedQuarter(Base):
    """A council that held no joint meeting in a quarter that ended: flagged once."""

    __tablename__ = "missed_quarters"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    quarter: Mapped[str] = mapped_column(String(7))
    noticed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("council_id", "quarter", name="uq_missed_quarters_once"),)


class AuditEntry(AuditColumns, Base):
    """Who changed what, when, why, with the before and after."""
