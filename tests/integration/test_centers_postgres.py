"""The centers on the real PostgreSQL: the migration builds the models' schema, and the database
itself refuses two overlapping active bookings of one space (the exclusion constraint), whoever
writes them and however they race."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from services.centers import models as m
from services.centers.app import bookings, centres
from services.common.errors import FailedPrecondition
from services.common.usecase import run
from tests.conftest import ctx_for
from tests.fakes import FakeRegistry, registry_replaced

pytestmark = pytest.mark.integration
COMM = "310101002001"
WORKER = ctx_for("community_worker", subdistrict=COMM[:9], community=COMM, actor="cw")
ORGS = {f"o{i}": {"kind": "branch", "name": f"支部{i}", "division_code": COMM} for i in range(8)}
BJ = timezone(timedelta(hours=8))


@pytest.fixture
def space(centers_pg, fixed_clock):
    with registry_replaced(FakeRegistry({}, ORGS)):
        c = run(centers_pg, ctx_for("district_admin"), centres.create_centre,
                {"community": COMM, "name": "中心", "monthly_quota_hours": 100}, write=True)
        s = run(centers_pg, ctx_for("district_admin"), centres.add_space,
                {"centre_id": c["id"], "name": "活动室", "kind": "party_activity_room", "capacity": 50,
                 "hours": [{"weekday": d, "opens": "08:00", "closes": "20:00"} for d in range(1, 8)]}, write=True)
        yield s


def test_the_migrations_build_exactly_the_models_schema(centers_pg):
    with centers_pg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), m.Base.metadata)
    assert diff == []


def _row(space, start: datetime, end: datetime, status="confirmed", org="o1") -> dict:
    return {"id": f"raw-{start:%H%M}-{status}-{org}", "district": "310101", "community": COMM,
            "centre_id": space["centre_id"], "space_id": space["id"], "organisation_id": org, "booked_by": "raw",
            "purpose": "x", "attendees": 1, "starts_at": start, "ends_at": end, "status": status,
            "created_at": datetime.now(timezone.utc)}


def test_the_database_refuses_overlapping_active_bookings_written_behind_the_service(centers_pg, space):
    day = datetime(2026, 6, 2, tzinfo=BJ)
    with centers_pg.engine.begin() as conn:
        conn.execute(insert(m.Booking), [_row(space, day.replace(hour=9), day.replace(hour=10))])
        conn.execute(insert(m.Booking), [_row(space, day.replace(hour=10), day.replace(hour=11), org="o2")])  # adjacent
        conn.execute(insert(m.Booking), [_row(space, day.replace(hour=9, minute=30), day.replace(hour=10, minute=30),
                                              status="cancelled", org="o3")])  # inactive: no slot held
    with pytest.raises(IntegrityError) as err, centers_pg.engine.begin() as conn:
        conn.execute(insert(m.Booking), [_row(space, day.replace(hour=9, minute=30), day.replace(hour=10, minute=30),
                                              status="requested", org="o4")])
    assert "ex_bookings_no_overlap" in str(err.value)


def test_racing_bookings_of_overlapping_slots_leave_no_overlap(centers_pg, space):
    """Eight organisations race for overlapping slots; what is written never overlaps."""
    barrier, outcomes = threading.Barrier(8), []

    def race(i):
        barrier.wait()
        for n in range(6):
            start = datetime(2026, 6, 3, 9, tzinfo=BJ) + timedelta(minutes=20 * ((i + n) % 9))
            try:
                outcomes.append(run(centers_pg, WORKER, bookings.book_space, {
                    "space_id": space["id"], "starts_at": start.isoformat(),
                    "ends_at": (start + timedelta(minutes=45)).isoformat(), "purpose": "x", "attendees": 1,
                    "organisation_id": f"o{i}"}, write=True))
            except Exception as exc:  # noqa: BLE001 - the refusals are counted below
                outcomes.append(exc)

    # one fake for all the threads: the process has one registry client, which a thread's own
    # `with` would put back under the others still racing
    threads = [threading.Thread(target=race, args=(i,)) for i in range(8)]
    with registry_replaced(FakeRegistry({}, ORGS)):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    written = [o for o in outcomes if isinstance(o, dict)]
    # refused for the clash the service saw, or for the one the database saw at the commit: named alike
    assert written and all(isinstance(o, dict) or (isinstance(o, FailedPrecondition) and o.field == "starts_at")
                           for o in outcomes), (len(written), {repr(o) for o in outcomes if not (
                               isinstance(o, dict) or (isinstance(o, FailedPrecondition) and o.field == "starts_at"))})
    b1, b2 = m.Booking.__table__.alias(), m.Booking.__table__.alias()
    with centers_pg.engine.connect() as conn:
        overlapping = conn.scalar(select(func.count()).select_from(b1).join(b2, b1.c.id < b2.c.id).where(
            b1.c.space_id == b2.c.space_id, b1.c.status.in_(("requested", "confirmed")),
            b2.c.status.in_(("requested", "confirmed")), b1.c.starts_at < b2.c.ends_at,
            b2.c.starts_at < b1.c.ends_at))
        total = conn.scalar(select(func.count()).select_from(m.Booking))
    assert overlapping == 0 and total == len(written)


def test_racing_bookings_of_one_organisation_never_pass_its_monthly_quota(centers_pg, fixed_clock):
    """Forty one-hour bookings of one organisation at once, on slots that never overlap, against a quota of
    three hours a month: three are written, whatever the race (each reads the month's sum alone)."""
    with registry_replaced(FakeRegistry({}, ORGS)):
        c = run(centers_pg, ctx_for("district_admin"), centres.create_centre,
                {"community": COMM, "name": "配额中心", "monthly_quota_hours": 3}, write=True)
        rooms = [run(centers_pg, ctx_for("district_admin"), centres.add_space,
                     {"centre_id": c["id"], "name": f"室{i}", "kind": "party_activity_room", "capacity": 50,
                      "hours": [{"weekday": d, "opens": "08:00", "closes": "20:00"} for d in range(1, 8)]},
                     write=True) for i in range(4)]
    barrier, outcomes = threading.Barrier(8), []

    def race(i):
        barrier.wait()
        for n in range(5):
            slot = i * 5 + n  # forty distinct slots: ten hours of four rooms
            start = datetime(2026, 6, 4, 8, tzinfo=BJ) + timedelta(hours=slot // 4)
            try:
                outcomes.append(run(centers_pg, WORKER, bookings.book_space, {
                    "space_id": rooms[slot % 4]["id"], "starts_at": start.isoformat(),
                    "ends_at": (start + timedelta(hours=1)).isoformat(), "purpose": "x", "attendees": 1,
                    "organisation_id": "o1"}, write=True))
            except Exception as exc:  # noqa: BLE001 - the refusals are checked below
                outcomes.append(exc)

    threads = [threading.Thread(target=race, args=(i,)) for i in range(8)]
    with registry_replaced(FakeRegistry({}, ORGS)):  # one fake for all the threads (as above)
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    written = [o for o in outcomes if isinstance(o, dict)]
    refused = [o for o in outcomes if not isinstance(o, dict)]
    assert len(written) == 3, f"{len(written)} bookings of one hour written against a quota of 3 hours"
    assert all(isinstance(o, FailedPrecondition) and o.field == "organisation_id" for o in refused), \
        [o for o in refused if not (isinstance(o, FailedPrecondition) and o.field == "organisation_id")][:3]
