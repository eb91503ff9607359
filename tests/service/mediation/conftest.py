"""Mediation application-layer fixtures: a mediation SQLite database seeded with the demo categories,
a fixed registry (tests.fakes.FakeRegistry), contexts for every role, and readers for rows and outbox events.

District A (310101): sub-district 310101002 with communities 310101002001 and 310101002002,
sub-district 310101003 with community 310101003001. District B (310104) has 310104001001.
The seed gives district A its categories (neighbour_noise 5/7/10 days, shared_space 7/10/15,
building_safety 3/5/7, ...) and voting rules quorum 2/3, majority 0.5.
"""
from __future__ import annotations


import pytest
from sqlalchemy import select

from services.common.context import system_context
from services.common.divisions import subdistrict_of
from services.common.db import Database
from services.common.usecase import run
from services.mediation import models as m
from services.mediation.app import cases
from services.mediation.seed import seed_demo
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for, row_counts, throwaway_sqlite
from tests.fakes import FakeRegistry, registry_replaced
from tests.conftest import clear_outbox as clear_events  # noqa: F401 - the tests import these from here
from tests.conftest import count_rows as count  # noqa: F401
from tests.conftest import detached as row  # noqa: F401
from tests.conftest import outbox_events as events  # noqa: F401

SUB_A = "310101002"
COMM_A = "310101002001"
COMM_A2 = "310101002002"
GRID_A = COMM_A + "-G01"
SUB_A3 = "310101003"
COMM_A3 = "310101003001"
SUB_B = "310104001"
COMM_B = "310104001001"

PHONE = "13812345678"
MASKED_PHONE = "138****5678"

# ---- the registry as mediation sees it

PEOPLE = {
    # community 310101002001
    "j1": ("王法官", COMM_A), "med1": ("李调解", COMM_A), "v1": ("志愿者一", COMM_A), "v2": ("志愿者二", COMM_A),
    "v3": ("志愿者三", COMM_A), "r1": ("张三丰", COMM_A), "r2": ("李四", COMM_A),
    # another community of the same sub-district, another sub-district, another district
    "x1": ("外社区", COMM_A2), "y1": ("南苑人", COMM_A3), "y2": ("南苑调解", COMM_A3),
    "jb": ("B法官", COMM_B), "mb": ("B调解", COMM_B),
}


#: each community's residents' committee (居委会): where its community judge's post is held
ORGANISATIONS = {
    "rc-a": {"kind": "community_committee", "name": "幸福社区居委会", "division_code": COMM_A},
    "rc-a2": {"kind": "community_committee", "name": "和平社区居委会", "division_code": COMM_A2},
    "rc-a3": {"kind": "community_committee", "name": "南苑社区居委会", "division_code": COMM_A3},
    "rc-b": {"kind": "community_committee", "name": "B社区居委会", "division_code": COMM_B},
}
#: the judges the tests name hold a running community_judge post (社区法官) in their own community;
#: nobody else holds one (a test gives one with ``directory.appoint``)
POSTS = {
    "post-j1": {"person_id": "j1", "organisation_id": "rc-a", "title": "community_judge"},
    "post-y1": {"person_id": "y1", "organisation_id": "rc-a3", "title": "community_judge"},
    "post-jb": {"person_id": "jb", "organisation_id": "rc-b", "title": "community_judge"},
}


@pytest.fixture(autouse=True)
def directory():
    """The registry as mediation sees it (services.common.registry_client), over PEOPLE, ORGANISATIONS and
    POSTS; records the calls."""
    with registry_replaced(FakeRegistry(PEOPLE, ORGANISATIONS, posts=POSTS)) as fake:
        yield fake


# ---- contexts

def admin(district: str = DISTRICT_A, actor: str = "admin"):
    return ctx_for("district_admin", district=district, actor=actor)


def sub_staff(subdistrict: str | None = SUB_A, district: str = DISTRICT_A, actor: str = "sub-staff"):
    return ctx_for("subdistrict_staff", district=district, subdistrict=subdistrict, actor=actor)


def worker(community: str | None = COMM_A, district: str = DISTRICT_A, actor: str = "worker"):
    return ctx_for("community_worker", district=district, subdistrict=subdistrict_of(community),
                   community=community, actor=actor)


def mediator(actor: str = "med1", district: str = DISTRICT_A):
    return ctx_for("mediator", district=district, actor=actor)


def resident(actor: str = "r1", district: str = DISTRICT_A):
    return ctx_for("resident", district=district, actor=actor)


def city_admin():
    return ctx_for("city_admin", district=None, actor="city")


def ladder_ctx():
    return system_context("mediation:ladder")


# ---- running use cases as the entrypoints do

def call(db: Database, ctx, fn, **params):
    """A write through the kernel (parameters checked, committed)."""
    return run(db, ctx, fn, params, write=True)


def read(db: Database, ctx, fn, **params):
    return run(db, ctx, fn, params, write=False)


def tick(db: Database, now=None) -> int:
    """The ladder timer, as the worker runs it."""
    with db.uow(ladder_ctx()) as uow:
        n = cases.escalate_overdue(uow, now)
        uow.commit()
    return n


# ---- reading rows back

def snapshot(db: Database) -> dict[str, int]:
    """Row counts of every mediation table (compare before and after a refused call)."""
    return row_counts(db, m.Base.metadata)


def history(db: Database, case_id: str) -> list:
    with db.engine.connect() as conn:
        return conn.execute(select(m.CaseEvent.__table__).where(m.CaseEvent.case_id == case_id)
                            .order_by(m.CaseEvent.id)).all()


def audit_rows(db: Database, *where) -> list:
    with db.engine.connect() as conn:
        return conn.execute(select(m.AuditEntry.__table__).where(*where).order_by(m.AuditEntry.id)).all()


# ---- building cases

def parties(complainant="r1", respondent="r2", phone=PHONE):
    return [{"name": "张三丰", "role": "complainant", "phone": phone, "person_id": complainant},
            {"name": "李四", "role": "respondent", "phone": "13900001111", "person_id": respondent}]


def open_case(db, ctx=None, **overrides) -> dict:
    params = {"channel": "walk_in", "category": "neighbour_noise", "community": COMM_A,
              "summary": "楼上装修噪音 renovation noise upstairs", "parties": parties()}
    params.update(overrides)
    return call(db, ctx or worker(), cases.open_case, **params)


def assign(db, case_id, ctx=None, volunteers=("v1", "v2")) -> dict:
    return call(db, ctx or worker(), cases.assign_team, case_id=case_id, judge_id="j1", mediator_id="med1",
                volunteer_ids=list(volunteers))


def resolve(db, case_id, outcome="agreement", agreement="双方约定晚十点后停工 no work after 10pm", ctx=None):
    params = {"case_id": case_id, "outcome": outcome}
    if agreement is not None:
        params["agreement"] = agreement
    return call(db, ctx or mediator(), cases.resolve_case, **params)


def make_db(path) -> Database:
    return throwaway_sqlite("mediation", path, m.Base.metadata)


@pytest.fixture
def mdb(tmp_path, fixed_clock):
    """The mediation database, seeded (district 310101), the clock at 2026-06-01 12:00 UTC."""
    db = make_db(tmp_path / "m.db")
    assert seed_demo(db) is True
    clear_events(db)
    yield db
    db.dispose()


@pytest.fixture
def with_b(mdb):
    """District B with one category of its own."""
    call(mdb, admin(DISTRICT_B), cases.configure_category, code="neighbour_noise", name="噪音",
         deadline_days={"community": 3, "subdistrict": 3, "district": 3})
    return mdb
