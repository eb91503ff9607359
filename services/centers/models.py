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


class LifeMeeting(Base):
    """A meeting of a branch's organisational life (三会一课, 主题党日): a booking with its kind and topic,
    held once its minutes are recorded. Attendance is the check-ins at its booking."""

    __tablename__ = "life_meetings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))  # the centre's, where the meeting is held
    booking_id: Mapped[str] = mapped_column(ForeignKey("bookings.id"), unique=True)
    branch_id: Mapped[str] = mapped_column(String(32))  # the registry's organisation
    branch_name: Mapped[str] = mapped_column(String(200))
    branch_kind: Mapped[str] = mapped_column(String(30))
    branch_community: Mapped[str] = mapped_column(String(12))  # where the branch lies (its figures' community)
    kind: Mapped[str] = mapped_column(String(30))
    topic: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)  # the booking's day, Beijing's: the period it counts in
    minutes: Mapped[str | None] = mapped_column(Text)
    minutes_by: Mapped[str | None] = mapped_column(String(100))
    minutes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_life_meetings_branch", "district", "branch_id", "held_on"),)


class LifeRhythm(Base):
    """A district's own rhythm for one kind of meeting (how many every month or quarter); a kind without
    one keeps the default (services/centers/domain/organisational_life.py)."""

    __tablename__ = "life_rhythms"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    kind: Mapped[str] = mapped_column(String(30))
    every: Mapped[str] = mapped_column(String(10))
    count: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("district", "kind", name="uq_life_rhythms_kind"),)


class LifeShortfall(Base):
    """A branch that ended a period with fewer meetings of a kind than it owed: noticed once, announced
    once as ``life.fell_behind``."""

    __tablename__ = "life_shortfalls"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))  # the branch's
    branch_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(30))
    period: Mapped[str] = mapped_column(String(7))  # 2026-05 or 2026-Q2
    required: Mapped[int] = mapped_column(Integer)
    held: Mapped[int] = mapped_column(Integer)
    noticed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("branch_id", "kind", "period", name="uq_life_shortfalls_once"),)


class Feed(Base):
    """An iCalendar feed (日历订阅) of a space's or an organisation's bookings, which a phone's calendar
    polls at ``/feeds/<token>.ics``. Only the token's SHA-256 is kept: the token is shown once, and a
    copy of this table gives no one a working URL. Revoked, it answers 404 at once on every replica."""

    __tablename__ = "feeds"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    # where it lies and whose bookings it shows: a space's community; for an organisation, the scope of
    # whoever made it (what ListBookings showed them), so a feed never shows more than its maker saw
    division: Mapped[str] = mapped_column(String(40))
    space_id: Mapped[str | None] = mapped_column(ForeignKey("spaces.id"))
    organisation_id: Mapped[str | None] = mapped_column(String(32))  # the registry's organisation
    organisation_name: Mapped[str | None] = mapped_column(String(200))  # the calendar's name (no registry call per poll)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # hex SHA-256 of the URL's token
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String(100))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class Course(Base):
    """A placed course (社区下单): the community's order, merged from residents' orders of one course type,
    waiting for a team (团队接单), then booked session by session, held, attended and rated."""

    __tablename__ = "courses"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))  # the centre's
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"), index=True)
    course_type: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(100))
    sessions_wanted: Mapped[int] = mapped_column(Integer)
    teams_by: Mapped[date] = mapped_column(Date)  # the day a team must accept it by
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))  # placed | accepted | scheduled | held | cancelled
    placed_by: Mapped[str] = mapped_column(String(100))
    team_id: Mapped[str | None] = mapped_column(String(32), index=True)  # the registry's organisation
    team_name: Mapped[str | None] = mapped_column(String(200))
    team_stationed: Mapped[bool] = mapped_column(Boolean, default=False)  # stationed at the centre when it accepted
    accepted_by: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)  # a cancellation's, or the note of staff marking it held
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CourseOrder(Base):
    """居民点单: a resident's order of a course type at a centre, which neighbours join; ``wanted`` counts
    whoever ordered or joined it (its joins), the most wanted placed first."""

    __tablename__ = "course_orders"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6), index=True)
    community: Mapped[str] = mapped_column(String(12))  # the centre's
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"))
    course_type: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    ordered_by: Mapped[str] = mapped_column(String(32))  # the registry's person
    wanted: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))  # ordered | placed | withdrawn
    course_id: Mapped[str | None] = mapped_column(ForeignKey("courses.id"), index=True)  # once placed
    reason: Mapped[str | None] = mapped_column(Text)  # a withdrawal's
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_course_orders_centre_wanted", "centre_id", "wanted", "id"),)


class CourseOrderJoin(Base):
    """A person who wants an ordered course: whoever ordered it, and each neighbour who joined, once."""

    __tablename__ = "course_order_joins"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    order_id: Mapped[str] = mapped_column(ForeignKey("course_orders.id"))
    person_id: Mapped[str] = mapped_column(String(32))
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("order_id", "person_id", name="uq_course_order_joins_once"),)


class CourseSession(Base):
    """A session of a course: a booking of a space of its centre, made for its team."""

    __tablename__ = "course_sessions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    booking_id: Mapped[str] = mapped_column(ForeignKey("bookings.id"), unique=True)


class CourseRating(Base):
    """A rating of a course by a person who came (checked in at one of its sessions), once."""

    __tablename__ = "course_ratings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    district: Mapped[str] = mapped_column(String(6))
    community: Mapped[str] = mapped_column(String(12))
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"))
    person_id: Mapped[str] = mapped_column(String(32))
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    rated_by: Mapped[str] = mapped_column(String(100))
    rated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("course_id", "person_id", name="uq_course_ratings_once"),)


class AuditEntry(AuditColumns, Base):
    """Who changed what, when, why, with the before and after."""
