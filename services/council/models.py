"""Council tables (SQLAlchemy 2.x). Every table carries ``district``, the tenant key, and the community
its records lie in (the council's)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer,
                        String, Text, UniqueConstraint)
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


class SkilledPerson(Base):
    """技能登记: a person of the community on the council's skills register, with skills, trade and interests."""

    __tablename__ = "skilled_people"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    person_id: Mapped[str] = mapped_column(String(32))  # the registry's
    name: Mapped[str] = mapped_column(String(100))
    skills: Mapped[list] = mapped_column(JSON)
    trade: Mapped[str | None] = mapped_column(String(100))
    interests: Mapped[str | None] = mapped_column(String(200))
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("council_id", "person_id", name="uq_skilled_people_once"),)


class ServiceTeam(Base):
    """服务小队: a team formed by interest, trade or skill, perhaps led by a member unit."""

    __tablename__ = "service_teams"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    basis: Mapped[str] = mapped_column(String(10))  # interest | trade | skill
    kind: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[str | None] = mapped_column(String(32))  # the member unit leading it
    unit_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TeamMember(Base):
    """A person of the skills register serving in a team."""

    __tablename__ = "team_members"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    team_id: Mapped[str] = mapped_column(ForeignKey("service_teams.id"), index=True)
    person_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


class ServiceActivity(Base):
    """An activity a team delivered: who served, how many people were served (announced as service.delivered)."""

    __tablename__ = "service_activities"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    team_id: Mapped[str] = mapped_column(ForeignKey("service_teams.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    served_on: Mapped[date] = mapped_column(Date)
    people_served: Mapped[int] = mapped_column(Integer)
    volunteers: Mapped[list] = mapped_column(JSON)  # [{person_id, name}]
    unit_id: Mapped[str | None] = mapped_column(String(32))
    project_id: Mapped[str | None] = mapped_column(String(32))  # the project of the bank it served, if any
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Representative(Base):
    """居民代表: a resident of the community who rates the member units' social responsibility."""

    __tablename__ = "representatives"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    person_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    named_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class UnitRating(Base):
    """A representative's rating of a member unit's social responsibility for a year."""

    __tablename__ = "unit_ratings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    unit_id: Mapped[str] = mapped_column(String(32))
    unit_name: Mapped[str] = mapped_column(String(200))
    superior_id: Mapped[str | None] = mapped_column(String(32))  # the unit's parent organisation (the registry's)
    year: Mapped[int] = mapped_column(Integer)
    representative_id: Mapped[str] = mapped_column(String(32))
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("unit_id", "year", "representative_id", "council_id",
                                       name="uq_unit_ratings_once"),)


class ServiceRating(Base):
    """A member unit's rating of the community's or the sub-district's service for a year."""

    __tablename__ = "service_ratings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    unit_id: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(12))  # community | subdistrict
    target_code: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("unit_id", "target", "year", "council_id", name="uq_service_ratings_once"),)


class Need(Base):
    """需求清单: a resident's need gathered on a door-to-door visit (入户走访), with its urgency."""

    __tablename__ = "needs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    visited_on: Mapped[date] = mapped_column(Date)
    visited_by: Mapped[str] = mapped_column(String(100))  # who knocked on the door (a name, as recorded)
    building: Mapped[str | None] = mapped_column(String(100))
    grid: Mapped[str | None] = mapped_column(String(40))
    resident_id: Mapped[str | None] = mapped_column(String(32))  # the registry person, when known
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    skills: Mapped[list] = mapped_column(JSON)
    urgency: Mapped[str] = mapped_column(String(8))  # urgent | high | normal | low
    status: Mapped[str] = mapped_column(String(12))  # open | in_project | met | closed
    project_id: Mapped[str | None] = mapped_column(String(32))  # the project that took it up
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_needs_council_status", "council_id", "status"),)


class Resource(Base):
    """资源清单: what a unit or a person offers the community: technical help, a venue or a talent."""

    __tablename__ = "resources"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # technical | venue | talent
    name: Mapped[str] = mapped_column(String(200))
    skills: Mapped[list] = mapped_column(JSON)
    place: Mapped[str | None] = mapped_column(String(40))  # a division code (community, grid) where it is
    offered_by_organisation_id: Mapped[str | None] = mapped_column(String(32))
    offered_by_person_id: Mapped[str | None] = mapped_column(String(32))
    offered_by_name: Mapped[str] = mapped_column(String(200))
    availability: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Project(Base):
    """项目清单 / 为民服务项目库: a service project made from needs, run by the five-step method."""

    __tablename__ = "projects"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    skills: Mapped[list] = mapped_column(JSON)
    urgency: Mapped[str] = mapped_column(String(8))  # its most urgent need's: the ledger's order
    urgency_rank: Mapped[int] = mapped_column(Integer)  # 0 urgent .. 3 low, so the ledger sorts in SQL
    need_ids: Mapped[list] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12))  # ledger | claimed | escalated | done | closed
    deadline: Mapped[date | None] = mapped_column(Date)
    department_id: Mapped[str | None] = mapped_column(String(32))  # the registry organisation it escalates to
    department_name: Mapped[str | None] = mapped_column(String(200))
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_on: Mapped[date | None] = mapped_column(Date)
    done_note: Mapped[str | None] = mapped_column(Text)
    closed_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_projects_status_deadline", "status", "deadline"),)


class ProjectClaim(Base):
    """自主认领: a unit or an in-service member taking on a project."""

    __tablename__ = "project_claims"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    claimer_kind: Mapped[str] = mapped_column(String(6))  # unit | member
    claimer_id: Mapped[str] = mapped_column(String(32), index=True)  # registry organisation or person
    claimer_name: Mapped[str] = mapped_column(String(200))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("project_id", "claimer_id", name="uq_project_claims_once"),)


class ProjectProgress(Base):
    """A progress note on a project (进展), for the quarterly dispatch."""

    __tablename__ = "project_progress"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    note: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProjectEvaluation(Base):
    """群众评议: a resident's yearly evaluation of a project, 1-5 stars, once per person, project and year."""

    __tablename__ = "project_evaluations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    person_id: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("project_id", "person_id", "year", name="uq_project_evaluations_year"),)


# ---- the co-building fund (共建基金) and commitments (承诺、践诺、评诺): helper "fund"

class Fund(Base):
    """共建基金: a council's co-building fund (one per council), its cash balance in fen (分, never a float).

    The balance moves only by entries (FundEntry), each carrying the balance after it; in-kind
    contributions are listed apart and never counted in it."""

    __tablename__ = "funds"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    entries: Mapped[int] = mapped_column(Integer, default=0)  # how many entries: the next one's sequence number
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("council_id", name="uq_funds_council"),
                      CheckConstraint("balance >= 0", name="balance_not_negative"))


class FundEntry(Base):
    """A movement of a fund's cash (记账): in (+) or out (-), in fen, with the balance after it. Never edited:
    a mistake is put right by a reversal, a new entry naming the one it reverses and why."""

    __tablename__ = "fund_entries"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"))
    fund_id: Mapped[str] = mapped_column(ForeignKey("funds.id"))
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per fund: two racing writers cannot both be n
    kind: Mapped[str] = mapped_column(String(12))  # contribution | disbursement | reversal
    amount: Mapped[int] = mapped_column(BigInteger)  # fen, signed: + into the fund, - out of it
    balance_after: Mapped[int] = mapped_column(BigInteger)
    contribution_id: Mapped[str | None] = mapped_column(String(32))
    disbursement_id: Mapped[str | None] = mapped_column(String(32))
    reverses_id: Mapped[str | None] = mapped_column(String(32))  # the entry a reversal undoes (once)
    reason: Mapped[str | None] = mapped_column(Text)
    booked_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("fund_id", "seq", name="uq_fund_entries_seq"),
                      UniqueConstraint("reverses_id", name="uq_fund_entries_reversed_once"),
                      CheckConstraint("balance_after >= 0", name="not_negative"),
                      Index("ix_fund_entries_council_booked", "council_id", "booked_on"))


class Contribution(Base):
    """A contribution to a council's fund (捐赠): money in fen, or in kind (a description and its estimated
    value in fen, not cash); from a registry unit, a registry person or a donor named in free text."""

    __tablename__ = "fund_contributions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # money | in_kind
    amount: Mapped[int] = mapped_column(BigInteger)  # fen: the money, or the in-kind items' estimated value
    description: Mapped[str | None] = mapped_column(Text)  # in kind: what was given
    donor_kind: Mapped[str] = mapped_column(String(8))  # unit | person | named
    donor_organisation_id: Mapped[str | None] = mapped_column(String(32))
    donor_person_id: Mapped[str | None] = mapped_column(String(32))  # private: never in a public statement
    donor_name: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str | None] = mapped_column(String(100))  # an individual's chosen public name
    received_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))  # received | reversed
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Disbursement(Base):
    """A payment from the fund to a project of the council (拨付): requested, approved by the leader group
    (staff acting for it, with its decision's reference), then paid; or rejected."""

    __tablename__ = "fund_disbursements"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    project_id: Mapped[str] = mapped_column(String(32))
    project_title: Mapped[str] = mapped_column(String(200))
    amount: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # requested | approved | rejected | paid | reversed
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_on: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_meeting_id: Mapped[str | None] = mapped_column(String(32))  # the joint meeting that decided it
    decision_reference: Mapped[str | None] = mapped_column(String(200))  # or a free reference (a document no.)
    decision_note: Mapped[str | None] = mapped_column(Text)
    paid_by: Mapped[str | None] = mapped_column(String(100))
    paid_on: Mapped[date | None] = mapped_column(Date)


class Commitment(Base):
    """承诺: a member unit or a party member promises something for a year, by a day."""

    __tablename__ = "commitments"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    maker_kind: Mapped[str] = mapped_column(String(6))  # unit | member
    organisation_id: Mapped[str | None] = mapped_column(String(32))
    person_id: Mapped[str | None] = mapped_column(String(32))
    maker_name: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8))  # open | kept
    kept_on: Mapped[date | None] = mapped_column(Date)
    made_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CommitmentRecord(Base):
    """践诺: a dated note of keeping a commitment, perhaps marking it kept."""

    __tablename__ = "commitment_records"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    commitment_id: Mapped[str] = mapped_column(ForeignKey("commitments.id"), index=True)
    done_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    marks_kept: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CommitmentEvaluation(Base):
    """评诺: a resident of the community evaluates a commitment, once."""

    __tablename__ = "commitment_evaluations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    commitment_id: Mapped[str] = mapped_column(ForeignKey("commitments.id"), index=True)
    person_id: Mapped[str] = mapped_column(String(32))
    rating: Mapped[str] = mapped_column(String(20))  # satisfied | basically_satisfied | dissatisfied
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("commitment_id", "person_id", name="uq_commitment_evaluations_once"),)


class AuditEntry(AuditColumns, Base):
    """Who changed what, when, why, with the before and after."""
