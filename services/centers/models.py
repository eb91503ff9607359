"""Centers tables (SQLAlchemy 2.x). Every table carries ``district``, the tenant key, and the
community its records lie in."""
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


class Centre(Base):
    """A neighbourhood centre (邻里中心, 党群服务中心) of one community."""

    __tablename__ = "centres"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(200))
    monthly_quota_hours: Mapped[int] = mapped_column(Integer)  # per organisation, all its spaces together
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Space(Base):
    """A room of a centre, with its capacity, opening hours and who may book it."""

    __tablename__ = "spaces"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12), index=True)
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    capacity: Mapped[int] = mapped_column(Integer)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    residents_may_book: Mapped[bool] = mapped_column(Boolean, default=False)
    open_on_public_holidays: Mapped[bool] = mapped_column(Boolean, default=False)
    hours: Mapped[dict] = mapped_column(JSON)  # {"1": "09:00-17:30", ...}: ISO weekday -> span
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Closure(Base):
    """Whole days a space is closed (repairs, an election day), with the reason."""

    __tablename__ = "closures"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id"), index=True)
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)


class Booking(Base):
    """A booking of a space by an organisation (a registry organisation) or a resident.

    On PostgreSQL an exclusion constraint (migration 0001) refuses two active bookings of one space
    whose time ranges overlap, whatever the code above it does."""

    __tablename__ = "bookings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"))
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id"))
    organisation_id: Mapped[str | None] = mapped_column(String(32), index=True)
    person_id: Mapped[str | None] = mapped_column(String(32), index=True)
    booked_by: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(String(200))
    attendees: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12))  # requested | confirmed | rejected | cancelled
    decided_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    door_code: Mapped[str | None] = mapped_column(String(8))  # given when confirmed: check-ins at the door
    series_id: Mapped[str | None] = mapped_column(ForeignKey("booking_series.id"))  # a recurring booking's
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_bookings_space_time", "space_id", "starts_at"),
                      Index("ix_bookings_door_code", "district", "door_code"))


class BookingSeries(Base):
    """A recurring booking (周期预约): its RFC 5545 rule and excepted dates; each occurrence is a booking."""

    __tablename__ = "booking_series"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id"))
    rule: Mapped[str] = mapped_column(String(300))
    except_dates: Mapped[list] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CheckIn(Base):
    """签到: a person at an activity (a booking), once."""

    __tablename__ = "check_ins"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))  # the activity's
    booking_id: Mapped[str] = mapped_column(ForeignKey("bookings.id"))
    person_id: Mapped[str] = mapped_column(String(32))
    how: Mapped[str] = mapped_column(String(12))  # by_staff | door_code
    checked_in_by: Mapped[str] = mapped_column(String(100))
    checked_in_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("booking_id", "person_id", name="uq_check_ins_once"),)


class Plot(Base):
    """A plot of the centre's eco-garden (生态菜园), and the points station its produce goes to."""

    __tablename__ = "plots"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    station_id: Mapped[str] = mapped_column(String(32))  # the points service's station (its id, not its table)
    tended_by: Mapped[str | None] = mapped_column(String(200))


class Harvest(Base):
    """What a plot gave: a kind of produce and a quantity, sent to the station as ``produce.harvested``."""

    __tablename__ = "harvests"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    plot_id: Mapped[str] = mapped_column(ForeignKey("plots.id"), index=True)
    produce: Mapped[str] = mapped_column(String(100))
    quantity: Mapped[int] = mapped_column(Integer)
    points_cost: Mapped[int | None] = mapped_column(Integer)
    harvested_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Stationing(Base):
    """入驻: an organisation stationed in a centre under an agreement: its term and its quarterly promise."""

    __tablename__ = "stationings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"), index=True)
    organisation_id: Mapped[str] = mapped_column(String(32))  # the registry's organisation
    organisation_name: Mapped[str] = mapped_column(String(200))
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date)
    promised: Mapped[dict] = mapped_column(JSON)  # each quarter: {kind of delivery: count}


class Delivery(Base):
    """What a stationed organisation delivered (an activity, a session, a service), counted against its promise."""

    __tablename__ = "deliveries"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    stationing_id: Mapped[str] = mapped_column(ForeignKey("stationings.id"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    count: Mapped[int] = mapped_column(Integer)
    delivered_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))


class AuditEntry(AuditColumns, Base):
    """Who changed what, when, why, with the before and after."""
