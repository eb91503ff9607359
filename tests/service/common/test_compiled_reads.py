"""Compiled reads (services.common.reads): the same scope, the same records, as the ORM's queries.

- every service's scope, as bound parameters (``scope_shape``/``scope_where``), renders to exactly
  the SQL ``scoped`` adds, for every table and every kind of caller, on SQLite and PostgreSQL;
- on the demo district, for callers of every scope, a record read by key and a listing come back
  with the ORM's values (types included), and are seen by exactly the same callers;
- a read unit opens nothing until asked, refuses an ORM session after compiled reads (it would read
  another snapshot) and gives its connection back however it ends.
"""
from __future__ import annotations

import importlib
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from services.common.context import RequestContext, Role
from services.common.reads import ReadUnit, model_of, row_class
from tests.conftest import ctx_for

SERVICES = ("registry", "points", "mediation")

CALLERS = {
    "city": RequestContext(actor="t", roles=frozenset({Role.OPERATOR}), district=None),
    "district": ctx_for(Role.DISTRICT_ADMIN, district="310101"),
    "subdistrict": ctx_for(Role.SUBDISTRICT_STAFF, district="310101", subdistrict="310101002"),
    "community": ctx_for(Role.COMMUNITY_WORKER, district="310101", subdistrict="310101002",
                         community="310101002001"),
    "grid community": ctx_for(Role.COMMUNITY_WORKER, district="310101", community="310101003002"),
    # not city-wide, yet no district: what ``scoped`` compares with ``IS NULL`` or refuses
    "no district": RequestContext(actor="t", roles=frozenset({Role.RESIDENT}), district=None),
}


def _models(service: str):
    repo = importlib.import_module(f"services.{service}.repository").Repository
    return [(repo, model) for model in sorted({*repo.PLACES, *repo.DISTRICT_WIDE}, key=lambda c: c.__name__)]


def _sql(stmt, dialect) -> str:
    return str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.psycopg2.dialect()], ids=["sqlite", "postgresql"])
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("repo,model", [pytest.param(repo, model, id=f"{service}.{model.__name__}")
                                        for service in SERVICES for repo, model in _models(service)])
def test_a_compiled_scope_renders_as_the_orm_scope(repo, model, caller, dialect):
    r = repo(SimpleNamespace(ctx=CALLERS[caller]))
    columns = [attr.columns[0] for attr in model.__mapper__.column_attrs]
    orm = r.scoped(select(*columns), model)
    shape, params = r.scope_shape(model)
    compiled = select(*columns).where(*repo.scope_where(model, shape)).params(**params)
    assert _sql(compiled, dialect) == _sql(orm, dialect)


# ---- the records themselves, on the demo district

DEMO_CALLERS = {k: v for k, v in CALLERS.items() if k != "grid community"} | {
    "other district": ctx_for(Role.DISTRICT_ADMIN, district="310104"),
    "sibling community": ctx_for(Role.COMMUNITY_WORKER, district="310101", community="310101002002"),
    "other subdistrict": ctx_for(Role.SUBDISTRICT_STAFF, district="310101", subdistrict="310101003"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from services.common.db import Database
    from services.registry import models as m
    from services.registry.seed import seed_demo

    db = Database("registry", f"sqlite:///{tmp_path_factory.mktemp('reads') / 'registry.db'}", m.Base.metadata)
    m.Base.metadata.create_all(db.engine)
    seed_demo(db)
    yield db
    db.dispose()


def _registry_models():
    from services.registry import models as m
    return [m.Division, m.Organisation, m.Person, m.Membership, m.Post, m.Inspection, m.ReserveCadre,
            m.InServiceRegistration, m.RingAssignment, m.FeatureFlag]


def _attributes(obj, model) -> dict:
    return {attr.key: getattr(obj, attr.key) for attr in model.__mapper__.column_attrs}


@pytest.mark.parametrize("caller", DEMO_CALLERS)
@pytest.mark.parametrize("model", _registry_models(), ids=lambda m: m.__name__)
def test_a_record_by_key_is_the_orm_record_for_the_same_callers(demo, model, caller):
    from services.registry.repository import Repository

    with demo.uow(None, write=False) as uow:
        keys = [row[0] for row in uow.session.execute(select(model.__mapper__.primary_key[0]))]
    assert keys
    with demo.uow(DEMO_CALLERS[caller], write=False) as uow:
        r = Repository(uow)
        for key in keys:
            obj, row = r.find(model, key), r.find_row(model, key)
            assert (obj is None) == (row is None), f"{model.__name__} {key}: seen by one read, not the other"
            if obj is not None:
                assert model_of(row) is model
                assert row._asdict() == _attributes(obj, model)
                assert {k: type(v) for k, v in row._asdict().items()} == \
                       {k: type(v) for k, v in _attributes(obj, model).items()}
                assert r.changeable(row) == r.changeable(obj)
                assert r.place_of(row) == r.place_of(obj)


@pytest.mark.parametrize("caller", DEMO_CALLERS)
@pytest.mark.parametrize("model", _registry_models(), ids=lambda m: m.__name__)
def test_a_listing_is_the_orm_listing(demo, model, caller):
    from services.registry.repository import Repository

    key = model.__mapper__.primary_key[0]
    query = Repository.query(model, order_by=key)
    with demo.uow(DEMO_CALLERS[caller], write=False) as uow:
        r = Repository(uow)
        assert [row._asdict() for row in r.rows(query)] == [_attributes(o, model) for o in r.all(model, order_by=key)]


def test_rows_carry_the_types_the_orm_loads(demo):
    from services.registry import models as m
    from services.registry.repository import Repository

    with demo.uow(CALLERS["district"], write=False) as uow:
        person = Repository(uow).rows(Repository.query(m.Person, order_by=m.Person.name))[0]
        org = Repository(uow).rows(Repository.query(m.Organisation, order_by=m.Organisation.name))[0]
    assert isinstance(person.is_member, bool) and isinstance(person.home_study, bool)
    assert isinstance(person.created_at, datetime)
    assert isinstance(org.founded_on, date)
    assert type(person) is row_class(m.Person)


# ---- the read unit

def _checked_out(db) -> int:
    return db.engine.pool.checkedout()


def test_a_read_unit_opens_nothing_until_it_reads(demo):
    from services.registry import models as m
    from services.registry.repository import Repository

    before = _checked_out(demo)
    with ReadUnit(demo, CALLERS["district"]) as uow:
        assert _checked_out(demo) == before
        assert Repository(uow).find_row(m.Division, "310101").name
        assert _checked_out(demo) == before + 1
    assert _checked_out(demo) == before


def test_a_read_unit_refuses_a_session_after_compiled_reads(demo):
    from services.registry import models as m
    from services.registry.repository import Repository

    with ReadUnit(demo, CALLERS["district"]) as uow:
        Repository(uow).find_row(m.Division, "310101")
        with pytest.raises(RuntimeError, match="another snapshot"):
            Repository(uow).all(m.Division)
    assert _checked_out(demo) == 0


def test_compiled_reads_after_the_session_share_its_transaction(demo):
    from services.registry import models as m
    from services.registry.repository import Repository

    with ReadUnit(demo, CALLERS["district"]) as uow:
        r = Repository(uow)
        assert {d.code for d in r.all(m.Division)} >= {"310101"}
        assert uow.dbapi() is uow.session.connection().connection.dbapi_connection
        assert r.find_row(m.Division, "310101").code == "310101"
    assert _checked_out(demo) == 0


def test_a_read_unit_gives_its_connection_back_when_the_read_fails(demo):
    from services.registry import models as m
    from services.registry.repository import Repository

    with pytest.raises(ZeroDivisionError):
        with ReadUnit(demo, CALLERS["district"]) as uow:
            Repository(uow).find_row(m.Division, "310101")
            1 / 0
    assert _checked_out(demo) == 0
    with pytest.raises(RuntimeError):
        with ReadUnit(demo, CALLERS["district"]) as uow:
            uow.commit()
