"""Points tables (SQLAlchemy 2.x). Every table carries ``district``, the tenant key."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer,
                        String, Text, UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column

from services.common.tables import BIGINT, AuditColumns, new_id, service_base, utcnow
from services.common.messaging_tables import idempotency_table, inbox_table, outbox_table

Base = service_base()
outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)
idempotency = idempotency_table(Base.metadata)


class DistrictPolicy(Base):
    """A district's points policy: when points lapse."""

    __tablename__ = "district_policies"
    district: Mapped[str] = mapped_column(String(6), primary_key=True)
    expiry_policy: Mapped[str] = mapped_column(String(30), default="end_of_following_year")
    changed_by: Mapped[str] = mapped_column(String(100))


class Account(Base):
    """账户: member, resident, household, unit, a district's issuing pool, a station."""

    __tablename__ = "accounts"
    id: Mapped[str] = mapped_column(String(120), primary_key=True)  # 310101:resident:<owner>
    district: Mapped[str] = mapped_column(String(6), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    owner: Mapped[str] = mapped_column(String(64))
    programme: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(12))  # member category (organ|community|new_org)
    display_name: Mapped[str | None] = mapped_column(String(100))
    subdistrict: Mapped[str | None] = mapped_column(String(9), index=True)
    community: Mapped[str | None] = mapped_column(String(12), index=True)
    grid: Mapped[str | None] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Balance(Base):
    """An account's balance; a hot account (an issuing pool) is split into several shards."""

    __tablename__ = "balances"
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    shard: Mapped[int] = mapped_column(Integer, primary_key=True, default=0)
    balance: Mapped[int] = mapped_column(BIGINT, default=0)


class Transaction(Base):
    """One ledger transaction; its postings sum to zero. Pending ones have no postings yet."""

    __tablename__ = "transactions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # award|deduction|redemption|reversal|expiry|refund
    status: Mapped[str] = mapped_column(String(10), default="posted")  # posted|pending|rejected
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)  # whose points
    points: Mapped[int] = mapped_column(Integer)  # always positive; postings carry the direction
    rule_id: Mapped[str | None] = mapped_column(String(32))
    action_type: Mapped[str | None] = mapped_column(String(60))
    occurred_on: Mapped[date] = mapped_column(Date)
    reverses_id: Mapped[str | None] = mapped_column(ForeignKey("transactions.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(120))  # event id, import row, reservation
    actor: Mapped[str] = mapped_column(String(100))
    approved_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_transactions_caps", "account_id", "rule_id", "occurred_on"),)


class PostingRow(Base):
    __tablename__ = "postings"
    id: Mapped[int] = mapped_column(BIGINT, primary_key=True, autoincrement=True)
    transaction_id: Mapped[str] = mapped_column(ForeignKey("transactions.id"), index=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)


class Lot(Base):
    """Points earned together, with their expiry; spending takes the soonest-expiring first."""

    __tablename__ = "lots"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"))
    transaction_id: Mapped[str] = mapped_column(ForeignKey("transactions.id"))
    earned_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    remaining: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_lots_open", "account_id", "expires_on", postgresql_where=text("remaining > 0"),
                            sqlite_where=text("remaining > 0")),)


class LotUse(Base):
    """Which lots a debit took from, so a reversal can put the points back where they came from."""

    __tablename__ = "lot_uses"
    id: Mapped[int] = mapped_column(BIGINT, primary_key=True, autoincrement=True)
    transaction_id: Mapped[str] = mapped_column(ForeignKey("transactions.id"), index=True)
    lot_id: Mapped[str] = mapped_column(ForeignKey("lots.id"))
    points: Mapped[int] = mapped_column(Integer)


class Rule(Base):
    """积分规则: one version of an earning (or deduction) rule of a district."""

    __tablename__ = "rules"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    action_type: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    applies_to: Mapped[list] = mapped_column(JSON)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    monthly_cap: Mapped[int | None] = mapped_column(Integer)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    feature_flag: Mapped[str | None] = mapped_column(String(80))  # only where this flag is rolled out
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("district", "action_type", "version", name="uq_rules_version"),)


class Cycle(Base):
    """One branch's member points cycle for one year."""

    __tablename__ = "cycles"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    branch_id: Mapped[str] = mapped_column(String(32))
    community: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(20))
    base_score: Mapped[float] = mapped_column(Float)
    thresholds: Mapped[dict] = mapped_column(JSON)
    objection_days: Mapped[int] = mapped_column(Integer)
    notice_opened_on: Mapped[date | None] = mapped_column(Date)
    history: Mapped[list] = mapped_column(JSON, default=list)  # [{step, closed_by, at}]

    __table_args__ = (UniqueConstraint("district", "branch_id", "year", name="uq_cycles_branch_year"),)


class CycleMember(Base):
    __tablename__ = "cycle_members"
    id: Mapped[int] = mapped_column(BIGINT, primary_key=True, autoincrement=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycles.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    person_id: Mapped[str] = mapped_column(String(32))
    account_id: Mapped[str] = mapped_column(String(120))
    self_score: Mapped[float | None] = mapped_column(Float)
    self_note: Mapped[str | None] = mapped_column(Text)
    initial_score: Mapped[float | None] = mapped_column(Float)
    meeting_score: Mapped[float | None] = mapped_column(Float)
    review_note: Mapped[str | None] = mapped_column(Text)
    violation: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    final_score: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(20))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("cycle_id", "person_id", name="uq_cycle_members_person"),)


class Objection(Base):
    """An objection raised during the public notice (公示), answered before the step can close."""

    __tablename__ = "objections"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycles.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    person_id: Mapped[str] = mapped_column(String(32))  # about whom
    raised_by: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(100))
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Exemption(Base):
    """免于评定: own request → community application → working-committee approval."""

    __tablename__ = "exemptions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycles.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    person_id: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="requested")
    trail: Mapped[list] = mapped_column(JSON, default=list)


class Station(Base):
    """积分驿站: a points station in a community, with its own redemption account."""

    __tablename__ = "stations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))


class Item(Base):
    """What a station offers for points; ``stock`` None means unlimited (a service, an honour)."""

    __tablename__ = "items"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100))
    points_cost: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (UniqueConstraint("station_id", "name", name="uq_items_station_name"),)


class Reservation(Base):
    """A redemption waiting to be picked up with its code (or an honour waiting for approval)."""

    __tablename__ = "reservations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"))
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # pending_approval|reserved|picked_up|cancelled|expired|rejected
    code: Mapped[str] = mapped_column(String(8))
    transaction_id: Mapped[str | None] = mapped_column(ForeignKey("transactions.id"))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(AuditColumns, Base):
    """Who changed what, when, why, with the before and after."""
