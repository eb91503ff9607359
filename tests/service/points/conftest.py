"""Points application-layer fixtures: a points SQLite database, the demo seed, an injected rollout.

The seed (services.points.seed) gives district 310101 its earning rules (effective 2026-01-01)
and a station in community 310101002001 with rice (goods, 50 points, stock 20), a haircut
(service, 20, unlimited), greens (produce, 5, stock 30) and an honour (500, needs approval).
"""
from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select

from services.common.db import Database
from services.common.rollout import RolloutCache
from services.common.usecase import run, run_idempotent
from services.points import models as m
from services.common.rollout import set_rollout_cache
from tests.conftest import DISTRICT_A, ctx_for, row_counts, throwaway_sqlite
from tests.fakes import FakeRegistry, registry_replaced
from tests.conftest import count_rows as count  # noqa: F401 - the tests import these from here
from tests.conftest import outbox_events as events  # noqa: F401

SUB_A = "310101002"          # a pilot sub-district in the injected rollout
COMM_A = "310101002001"      # the seeded station's community
COMM_A2 = "310101002002"
GRID_A = COMM_A + "-G01"
GRID_A2 = COMM_A + "-G02"
SUB_A3 = "310101003"         # general ring
COMM_A3 = "310101003001"
SUB_B = "310104001"
COMM_B = "310104001001"

PILOT_FLAG = "green_points"


# ---- contexts

def admin(actor: str = "admin", district: str = DISTRICT_A):
    return ctx_for("district_admin", district=district, actor=actor)


def sub_staff(actor: str = "sub-staff", district: str = DISTRICT_A, subdistrict: str | None = None):
    return ctx_for("subdistrict_staff", district=district, subdistrict=subdistrict, actor=actor)


def worker(actor: str = "worker", community: str | None = COMM_A, district: str = DISTRICT_A):
    return ctx_for("community_worker", district=district, subdistrict=community[:9] if community else None,
                   community=community, actor=actor)


def resident(actor: str, district: str = DISTRICT_A):
    return ctx_for("resident", district=district, actor=actor)


def service_ctx(district: str = DISTRICT_A):
    return ctx_for("service", district=district, actor="svc")


# ---- account references

def res_ref(owner: str, community: str = COMM_A, grid: str | None = None, name: str | None = None) -> dict:
    ref = {"kind": "resident", "owner": owner, "community": community}
    if grid:
        ref["grid"] = grid
    if name:
        ref["name"] = name
    return ref


def hh_ref(owner: str, community: str = COMM_A) -> dict:
    return {"kind": "household", "owner": owner, "community": community}


def unit_ref(owner: str, community: str = COMM_A) -> dict:
    return {"kind": "unit", "owner": owner, "community": community}


def member_ref(owner: str, category: str = "community", community: str = COMM_A) -> dict:
    return {"kind": "member", "owner": owner, "community": community, "category": category}


def acc_id(kind: str, owner: str, district: str = DISTRICT_A) -> str:
    return f"{district}:{kind}:{owner}"


# ---- running use cases as the entrypoints do

_keys = itertools.count(1)


def new_key() -> str:
    return f"key-{next(_keys)}"


def call(db: Database, ctx, fn, key: str | None = None, **params):
    """A write through the kernel: run_idempotent with a fresh idempotency key (or the given one)."""
    params["idempotency_key"] = key or new_key()
    return run_idempotent(db, ctx, fn, params, operation=fn.__name__)


def read(db: Database, ctx, fn, **params):
    return run(db, ctx, fn, params, write=False)


# ---- reading rows back

def snapshot(db: Database) -> dict[str, int]:
    """Row counts of every points table (compare before and after a refused call)."""
    return row_counts(db, m.Base.metadata)


def balance(db: Database, account_id: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.sum(m.Balance.balance), 0))
                                .where(m.Balance.account_id == account_id)).scalar_one())


def stock(db: Database, item_id: str) -> int | None:
    with db.engine.connect() as conn:
        return conn.execute(select(m.Item.stock).where(m.Item.id == item_id)).scalar_one()


def audit_rows(db: Database, *where) -> list:
    with db.engine.connect() as conn:
        return conn.execute(select(m.AuditEntry.__table__).where(*where).order_by(m.AuditEntry.id)).all()


def lots_remaining(db: Database, account_id: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.sum(m.Lot.remaining), 0))
                                .where(m.Lot.account_id == account_id)).scalar_one())


# ---- fixtures

def fake_rollout(rings=None, flags=None):
    """A RolloutCache over a fixed registry reply: sub-district 310101002 is a pilot, the flag at pilot stage."""
    reply = {"rings": rings if rings is not None else [{"subdistrict_code": SUB_A, "district": DISTRICT_A,
                                                          "ring": "pilot"}],
             "flags": flags if flags is not None else [{"flag": PILOT_FLAG, "stage": "pilot"}],
             "default_ring": "general"}
    fetched = []

    def fetch(district):
        fetched.append(district)
        return reply

    cache = RolloutCache(fetch, ttl=3600)
    cache.fetched = fetched
    return cache


#: the registry's people, branches and partner units as the points service sees them (district 310101
#: unless named). A new account's owner is looked up there (app.ledger.check_owner): every owner the
#: tests open an account for is one of these (households are not: the registry keeps none).
MEMBERS = ("p", "p1", "p2", "p3", "p4", "p5", "p9", "q1", "m1", "m9")
RESIDENTS = ("r1", "r2", "r3", "r4", "r9", "a", "b", "c", "x1", "new", "g-test")
REGISTRY_PEOPLE = {**{pid: (f"党员{pid}", COMM_A) for pid in MEMBERS},
                   **{pid: (f"居民{pid}", COMM_A) for pid in RESIDENTS},
                   "pb": ("B党员", COMM_B), "rb": ("B居民", COMM_B)}
REGISTRY_BRANCHES = {bid: {"name": f"支部{bid}", "kind": "branch", "division_code": COMM_A}
                     for bid in ("b", "b3", "b-9", "branch-1", "branch-2")}
REGISTRY_BRANCHES["branch-b"] = {"name": "B支部", "kind": "branch", "division_code": COMM_B}


def _partner_unit(uid: str) -> dict:
    return {"name": f"共建单位{uid}", "kind": "partner_unit", "division_code": COMM_A}


PARTNER_UNITS = {uid: _partner_unit(uid) for uid in ("u1", "org-7")}


def points_registry(residents=(), units=()) -> FakeRegistry:
    """A fake registry of the records above, and of ``residents`` and partner ``units`` of community
    COMM_A besides (the integration tests' own owners)."""
    people = {**REGISTRY_PEOPLE, **{pid: (f"居民{pid}", COMM_A) for pid in residents}}
    organisations = {**REGISTRY_BRANCHES, **PARTNER_UNITS, **{uid: _partner_unit(uid) for uid in units}}
    return FakeRegistry(people, organisations)


@pytest.fixture(autouse=True)
def registry():
    """The registry's records the points tests refer to (account owners; member cycles: branches and members)."""
    with registry_replaced(points_registry()) as fake:
        yield fake


@pytest.fixture(autouse=True)
def rollout():
    """Every points test runs against an injected rollout, never the real registry."""
    cache = fake_rollout()
    set_rollout_cache(cache)
    yield cache
    set_rollout_cache(None)


def make_points_db(path) -> Database:
    return throwaway_sqlite("points", path, m.Base.metadata)


@pytest.fixture
def points_db(tmp_path):
    db = make_points_db(tmp_path / "points.db")
    yield db
    db.dispose()


@pytest.fixture
def seeded(points_db, fixed_clock):
    """The demo rules and station (district 310101), the clock at 2026-06-01 12:00 UTC."""
    from services.points.seed import seed_demo

    assert seed_demo(points_db) is True
    return points_db


@pytest.fixture
def station(seeded) -> dict:
    """The seeded station and its items by kind: {"id", "account_id", "goods", "service", "produce", "honour"}."""
    with seeded.session_factory() as s:
        st = s.scalars(select(m.Station)).one()
        out = {"id": st.id, "account_id": acc_id("station", st.id)}
        for item in s.scalars(select(m.Item).where(m.Item.station_id == st.id)):
            out[item.kind] = item.id
    return out


def fund(db: Database, ref: dict, points: int, requester=None, approver=None) -> dict:
    """Give an account points: a manual award, approved by someone else."""
    from services.points.app import rules

    pending = call(db, requester or worker(), rules.award_manually, account=ref, points=points,
                   reason="test funding", evidence="photo.jpg")
    return call(db, approver or admin("approver"), rules.decide_pending, transaction_id=pending["id"], approve=True)


@pytest.fixture
def served(tmp_path, fixed_clock):
    """The points gRPC server on a seeded SQLite file: (a stub, its database)."""
    import grpc
    from cityplat.points.v1 import points_pb2_grpc as pb_grpc

    from services.common.config import build_settings
    from services.points.grpc_server import build_server
    from services.points.seed import seed_demo

    path = tmp_path / "points.db"
    db = make_points_db(path)
    seed_demo(db)
    settings = build_settings({"CITYPLAT_SERVICES__POINTS__DATABASE_URL": f"sqlite:///{path}"})
    server = build_server(settings, port=0, http_port=None).start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=10)
            yield pb_grpc.PointsStub(channel), db
    finally:
        server.stop(grace=0)
        db.dispose()
