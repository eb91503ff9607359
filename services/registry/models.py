"""Registry tables (SQLAlchemy 2.x). Every table carries ``district``, the tenant key."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String,
                        Text, UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column

from services.common.tables import AuditColumns, new_id, service_base, utcnow
from services.common.messaging_tables import inbox_table, outbox_table

Base = service_base()
outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class Division(Base):
    """区 / 街道 / 社区 / 网格 / 二级网格 / 小区 / 楼栋 / 单元"""

    __tablename__ = "divisions"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    level: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("divisions.code"), index=True)
    district: Mapped[str] = mapped_column(String(6), index=True)
    status: Mapped[str] = mapped_column(String(12), default="active", server_default="active")  # active | retired
    retired_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DivisionChange(Base):
    """A division's history: created, renamed (更名) or retired (撤销), effective from ``effective_on``."""

    __tablename__ = "division_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    division_code: Mapped[str] = mapped_column(ForeignKey("divisions.code"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    change: Mapped[str] = mapped_column(String(12))  # created | renamed | retired
    name: Mapped[str] = mapped_column(String(100))   # the name from then on (the last name, once retired)
    previous_name: Mapped[str | None] = mapped_column(String(100))
    effective_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Organisation(Base):
    """组织: party organisations, residents' committees, partner units, social organisations."""

    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    division_code: Mapped[str] = mapped_column(ForeignKey("divisions.code"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    partner_kind: Mapped[str | None] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    host_unit_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))  # branch of a unit
    status: Mapped[str] = mapped_column(String(12), default="active")  # active | dissolved
    founded_on: Mapped[date] = mapped_column(Date)
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    dissolution_reason: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    split_from_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    supervised_by_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))  # 一星: 党工委直管
    external_ref: Mapped[str | None] = mapped_column(String(64))  # key in an imported file
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_organisations_district_kind", "district", "kind"),
                      UniqueConstraint("district", "external_ref", name="uq_organisations_district_ref"),
                      # two active organisations of one kind and name in one division are a duplicate,
                      # even when two requests found them at the same moment
                      Index("uq_organisations_active_name", "division_code", "kind", "name", unique=True,
                            postgresql_where=text("status = 'active'"), sqlite_where=text("status = 'active'")))


class OrganisationName(Base):
    """Rename history: a name holds from ``valid_from`` until the next one."""

    __tablename__ = "organisation_names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    district: Mapped[str] = mapped_column(String(6))
    name: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)


class Pairing(Base):
    """市直机关联系社区: a city department paired with a community."""

    __tablename__ = "pairings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    community_code: Mapped[str] = mapped_column(ForeignKey("divisions.code"))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)


class Person(Base):
    """A person known to the registry: residents, members, cadres."""

    __tablename__ = "people"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20))  # personal data: masked in listings
    home_community: Mapped[str | None] = mapped_column(ForeignKey("divisions.code"), index=True)
    is_member: Mapped[bool] = mapped_column(Boolean, default=False)  # 党员
    member_category: Mapped[str | None] = mapped_column(String(12))  # organ | community | new_org
    status: Mapped[str] = mapped_column(String(12), default="regular")  # regular | in_service | floating
    home_study: Mapped[bool] = mapped_column(Boolean, default=False)  # 送学上门: elderly or infirm
    external_ref: Mapped[str | None] = mapped_column(String(64))  # key in an imported file
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("district", "external_ref", name="uq_people_district_ref"),)


class Membership(Base):
    """A person's membership of an organisation, from ``started_on`` to ``ended_on``."""

    __tablename__ = "memberships"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)


class Post(Base):
    """A post held for a term: secretary, deputy, committee member, grid head, first secretary."""

    __tablename__ = "posts"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    title: Mapped[str] = mapped_column(String(30))
    how: Mapped[str] = mapped_column(String(20))  # election | by_election | appointment | dispatch
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)
    dispatched_from: Mapped[str | None] = mapped_column(String(200))  # first secretary's unit
    flagged_for_replacement: Mapped[bool] = mapped_column(Boolean, default=False)
    term_ending_notified: Mapped[bool] = mapped_column(Boolean, default=False)


class ReserveCadre(Base):
    """后备干部: a person kept in reserve for a community's secretary post."""

    __tablename__ = "reserve_cadres"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community_code: Mapped[str] = mapped_column(ForeignKey("divisions.code"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    since: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)


class InServiceRegistration(Base):
    """在职党员到社区报到: an in-service member registered with the home community."""

    __tablename__ = "in_service_registrations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), unique=True)
    community_code: Mapped[str] = mapped_column(ForeignKey("divisions.code"))
    employer_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    published_contact: Mapped[str | None] = mapped_column(String(20))
    volunteer_projects: Mapped[list] = mapped_column(JSON)
    registered_on: Mapped[date] = mapped_column(Date)


class VolunteerRecord(Base):
    """One piece of volunteer service by an in-service member, reported back to the employer."""

    __tablename__ = "volunteer_records"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    project: Mapped[str] = mapped_column(String(100))
    served_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)


class FloatingRecord(Base):
    """流动党员: a member away from the home branch, who reports regularly."""

    __tablename__ = "floating_records"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    branch_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    whereabouts: Mapped[str] = mapped_column(String(200))
    left_on: Mapped[date] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    last_report_on: Mapped[date | None] = mapped_column(Date)


class Inspection(Base):
    """观摩评分表: one quarterly inspection score sheet and the rating it gave."""

    __tablename__ = "inspections"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    items: Mapped[dict] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    stars: Mapped[int] = mapped_column(Integer)
    five_good: Mapped[bool] = mapped_column(Boolean)
    funding_tier: Mapped[str] = mapped_column(String(2))
    consequences: Mapped[list] = mapped_column(JSON)
    inspector: Mapped[str] = mapped_column(String(100))
    rated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("organisation_id", "year", "quarter", name="uq_inspections_quarter"),)


class Rectification(Base):
    """软弱涣散整顿: a branch listed for rectification until closed."""

    __tablename__ = "rectifications"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    listed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closing_note: Mapped[str | None] = mapped_column(Text)


class FollowUp(Base):
    """A task a rule opened for the sub-district (a by-election for a secretary flagged for replacement,
    a community short of reserve cadres), closed when what it asks for is done."""

    __tablename__ = "follow_ups"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # by_election | reserve_shortfall
    division_code: Mapped[str] = mapped_column(ForeignKey("divisions.code"), index=True)  # where it lies
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[str] = mapped_column(String(40))  # the flagged post, or the community's code
    reason: Mapped[str] = mapped_column(Text)
    opened_on: Mapped[date] = mapped_column(Date)
    opened_by: Mapped[str | None] = mapped_column(String(40))  # the inspection (or other record) that opened it
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_how: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_follow_ups_open", "kind", "subject_id", "closed_on"),)


class RingAssignment(Base):
    """The rollout ring of a sub-district (pilot | early | general)."""

    __tablename__ = "ring_assignments"
    subdistrict_code: Mapped[str] = mapped_column(ForeignKey("divisions.code"), primary_key=True)
    district: Mapped[str] = mapped_column(String(6), index=True)
    ring: Mapped[str] = mapped_column(String(10))
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeatureFlag(Base):
    """A feature and the ring it is rolled out to (off | pilot | early | general), city-wide."""

    __tablename__ = "feature_flags"
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    stage: Mapped[str] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(AuditColumns, Base):
    """Who changed what, when, why, with the before and after."""
