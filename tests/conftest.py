"""Fixtures shared by every kind of test.

Integration and end-to-end tests need the real RabbitMQ and PostgreSQL on localhost. When one
is missing they FAIL with a message saying how to start it: CI must never pass by skipping.
"""
from __future__ import annotations

import contextlib
import os
import socket
import uuid
from datetime import datetime, timezone

import pytest

from services.common import clock as clock_module
from services.common.config import build_settings
from services.common.context import RequestContext, Role

PG_ADMIN_URL = os.environ.get("CITYPLAT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BROKER_URL = os.environ.get("CITYPLAT_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DISTRICT_A = "310101"
DISTRICT_B = "310104"


def ctx_for(*roles: str, district: str | None = DISTRICT_A, subdistrict: str | None = None,
            community: str | None = None, actor: str = "tester") -> RequestContext:
    return RequestContext(actor=actor, roles=frozenset(roles or (Role.DISTRICT_ADMIN,)), district=district,
                          subdistrict=subdistrict, community=community)


@pytest.fixture
def settings():
    return build_settings({})


@pytest.fixture
def fixed_clock():
    """The platform clock pinned to 2026-06-01 12:00 UTC; tests may advance it."""
    fixed = clock_module.FixedClock(datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc))
    previous = clock_module.set_clock(fixed)
    yield fixed
    clock_module.set_clock(previous)


def _reachable(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex((host, port)) == 0


@pytest.fixture(scope="session")
def broker_url():
    """The broker, on a virtual host of this test run's own (made now, deleted at the end): the run
    never consumes another stack's messages, nor leaves a queue behind, whatever it names them."""
    if not _reachable("127.0.0.1", 5672):
        pytest.fail("RabbitMQ is not reachable on 127.0.0.1:5672. Start it (`rabbitmq-server -detached`) "
                    "or set CITYPLAT_TEST_BROKER_URL. Integration tests do not skip.", pytrace=False)
    from tests.brokers import VhostError, own_vhost

    try:
        with own_vhost(BROKER_URL, "cityplat-test") as url:
            yield url
    except VhostError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def pg_admin_url():
    if not _reachable("127.0.0.1", 5432):
        pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432. Start it "
                    "(`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) "
                    "or set CITYPLAT_TEST_PG_URL. Integration tests do not skip.", pytrace=False)
    return PG_ADMIN_URL


@contextlib.contextmanager
def fresh_database(pg_admin_url: str, prefix: str = "cityplat_test"):
    """A new, empty PostgreSQL database (its URL), dropped afterwards."""
    from sqlalchemy import create_engine, pool, text
    from sqlalchemy.engine import make_url

    from services.common.db import normalise_url

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(pg_admin_url), isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_admin_url):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with fresh_database(pg_admin_url) as url:
        yield url


def throwaway_sqlite(service: str, path, metadata):
    """A service's database on a SQLite file a test throws away: schema from the models, no fsyncs."""
    from sqlalchemy import event

    from services.common.db import Database

    db = Database(service, f"sqlite:///{path}", metadata)

    @event.listens_for(db.engine, "connect")
    def _fast(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA synchronous=OFF")

    metadata.create_all(db.engine)
    return db


def count_rows(db, model, *where) -> int:
    """Rows of a model or table (optionally only those matching ``where``)."""
    from sqlalchemy import func, select

    table = model.__table__ if hasattr(model, "__table__") else model
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def row_counts(db, metadata) -> dict[str, int]:
    """Row counts of every table of ``metadata`` (compare before and after a refused call)."""
    return {t.name: count_rows(db, t) for t in metadata.sorted_tables}


def outbox_events(db, event_type: str | None = None) -> list[dict]:
    """Envelopes a service wrote to its outbox, oldest first, optionally of one type."""
    import json

    from sqlalchemy import select

    with db.engine.connect() as conn:
        rows = conn.execute(select(db.outbox.c.event_type, db.outbox.c.body).order_by(db.outbox.c.id)).all()
    return [json.loads(body) for kind, body in rows if event_type is None or kind == event_type]


def clear_outbox(db) -> None:
    with db.engine.begin() as conn:
        conn.execute(db.outbox.delete())


def detached(db, model, key):
    """The object of ``model`` with primary key ``key``, detached from its session (or None)."""
    with db.session_factory() as session:
        obj = session.get(model, key)
        if obj is not None:
            session.expunge(obj)
        return obj


def scans(conn, table: str) -> tuple[int, int]:
    """(sequential, index) scans of a PostgreSQL table counted so far by this connection's session
    and not yet reported: compare two readings within one transaction."""
    return tuple(conn.exec_driver_sql(
        "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = %(t)s", {"t": table}).one())


@pytest.fixture
def registry_db(tmp_path):
    """The registry's database on a SQLite file, schema created from the models."""
    from services.common.db import Database
    from services.registry.models import Base

    db = Database("registry", f"sqlite:///{tmp_path / 'registry.db'}", Base.metadata)
    Base.metadata.create_all(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def registry_pg(pg_url):
    """The registry's database on a fresh PostgreSQL database, migrated with Alembic."""
    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.registry.models import Base

    upgrade("registry", pg_url)
    db = Database("registry", pg_url, Base.metadata)
    yield db
    db.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def points_pg(pg_url):
    """The points service's database on a fresh PostgreSQL database, migrated with Alembic."""
    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.points.models import Base

    upgrade("points", pg_url)
    db = Database("points", pg_url, Base.metadata, pool_size=20)
    yield db
    db.dispose()


@pytest.fixture
def mediation_pg(pg_admin_url):
    """The mediation service's database on its own fresh PostgreSQL database (a test may need the
    points one too), migrated."""
    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.mediation.models import Base

    with fresh_database(pg_admin_url, "cityplat_test_m") as url:
        upgrade("mediation", url)
        db = Database("mediation", url, Base.metadata)
        yield db
        db.dispose()


@pytest.fixture
def centers_pg(pg_url):
    """The centers service's database on a fresh PostgreSQL database, migrated with Alembic."""
    from services.centers.models import Base
    from services.common.db import Database
    from services.common.migrate import upgrade

    upgrade("centers", pg_url)
    db = Database("centers", pg_url, Base.metadata)
    yield db
    db.dispose()


@pytest.fixture
def council_pg(pg_url):
    """The council service's database on a fresh PostgreSQL database, migrated with Alembic."""
    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.council.models import Base

    upgrade("council", pg_url)
    db = Database("council", pg_url, Base.metadata)
    yield db
    db.dispose()


@contextlib.contextmanager
def running_points_worker(db_url: str, broker_url: str, folder):
    """A real ``cityplat-worker points`` process on ``db_url`` and ``broker_url`` (its log in ``folder``),
    yielding (the process, its HTTP port, the log's path); stopped (SIGTERM, then SIGKILL) afterwards."""
    import subprocess
    import sys

    from services.processes import wait_ready

    port = free_port()
    env = {**os.environ, "CITYPLAT_SERVICES__POINTS__DATABASE_URL": db_url, "CITYPLAT_BROKER_URL": broker_url,
           "CITYPLAT_SERVICES__POINTS__WORKER_HTTP_PORT": str(port), "CITYPLAT_VAR_DIR": str(folder),
           "CITYPLAT_LOG_FORMAT": "text"}
    log_path = folder / "points-worker.log"
    log = open(log_path, "w")  # a file, not a pipe nobody reads: the worker never blocks
    proc = subprocess.Popen([sys.executable, "-W", "ignore", "-c",
                             "from services.common.entry import worker_main; worker_main(['w', 'points'])"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        if not wait_ready(port, 30):
            raise AssertionError(f"points worker did not start:\n{log_path.read_text()[-4000:]}")
        yield proc, port, log_path
    finally:
        stop_process(proc)
        log.close()


def stop_process(proc) -> None:
    """SIGTERM (a graceful stop), then SIGKILL if it is still there after 30 s."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def assert_credited_once(db, residents: list[str], proc, log, timeout: float) -> None:
    """Every resident's check-in credited exactly once (waiting up to ``timeout``), the worker ``proc``
    still alive; its ``log`` shown otherwise."""
    from sqlalchemy import func, select

    from services.points import models as m
    from tests.integration.test_points_worker import wait_for

    accounts = [f"310101:resident:{r}" for r in residents]

    def credited() -> int:
        with db.engine.connect() as conn:
            return conn.scalar(select(func.count(func.distinct(m.Transaction.account_id))).where(
                m.Transaction.account_id.in_(accounts)))

    assert wait_for(lambda: credited() == len(residents), timeout=timeout), \
        f"{credited()} of {len(residents)} credited; worker alive: {proc.poll() is None}\n{log.read_text()[-3000:]}"
    assert proc.poll() is None, "the worker process exited:\n" + log.read_text()[-3000:]
    with db.engine.connect() as conn:
        every = conn.scalar(select(func.count()).select_from(m.Transaction.__table__).where(
            m.Transaction.account_id.in_(accounts)))
    assert every == len(residents)  # each once (the inbox keeps redeliveries out)


@pytest.fixture
def points_worker(points_pg, broker_url, tmp_path):
    """A real ``cityplat-worker points`` process on the test run's broker and a fresh PostgreSQL
    database with the demo seed: (the database, the worker's HTTP port)."""
    from services.points.seed import seed_demo

    seed_demo(points_pg)
    with running_points_worker(points_pg.url, broker_url, tmp_path) as (_, port, _log):
        yield points_pg, port
