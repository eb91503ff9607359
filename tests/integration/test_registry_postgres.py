"""The registry on the real PostgreSQL: migrations, concurrency, tenancy."""
from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from services.common.errors import AlreadyExists, NotFound, PermissionDenied
from services.common.usecase import run
from services.registry import models as m
from services.registry.app import organisations, people, territory
from services.registry.seed import seed_demo
from tests.conftest import DISTRICT_B, ctx_for

pytestmark = pytest.mark.integration


def test_the_migrations_build_exactly_the_models_schema(registry_pg):
    with registry_pg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), m.Base.metadata)
    assert diff == []


def test_concurrent_founding_of_the_same_organisation_creates_one(registry_pg):
    seed_demo(registry_pg)
    ctx = ctx_for("district_admin")
    with registry_pg.uow(ctx) as uow:
        parent = organisations.list_organisations(uow, kind="community_committee")["items"][0]
    barrier = threading.Barrier(6)
    outcomes = []

    def found():
        barrier.wait()
        try:
            run(registry_pg, ctx, organisations.found_organisation,
                {"kind": "branch", "name": "新成立党支部", "division_code": "310101002001",
                 "parent_id": parent["id"]}, write=True)
            outcomes.append("created")
        except AlreadyExists:
            outcomes.append("duplicate")

    threads = [threading.Thread(target=found) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["created"] + ["duplicate"] * 5
    with registry_pg.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(m.Organisation.__table__)
                           .where(m.Organisation.name == "新成立党支部")) == 1


def test_a_district_b_caller_cannot_read_or_change_district_a_on_postgres(registry_pg):
    seed_demo(registry_pg)
    a, b = ctx_for("district_admin"), ctx_for("district_admin", district=DISTRICT_B)
    with registry_pg.uow(a) as uow:
        org = organisations.list_organisations(uow, kind="branch")["items"][0]
        person = people.list_people(uow)["items"][0]
    with registry_pg.uow(b) as uow:
        assert organisations.list_organisations(uow)["items"] == []
        assert people.list_people(uow)["items"] == []
        with pytest.raises(NotFound):
            organisations.get_organisation(uow, id=org["id"])
        with pytest.raises(NotFound):
            people.get_person(uow, id=person["id"])
        with pytest.raises(PermissionDenied):
            territory.list_children(uow, code="310101")
    with pytest.raises(NotFound):
        run(registry_pg, b, organisations.rename_organisation, {"id": org["id"], "name": "hijacked"}, write=True)
    with registry_pg.uow(a) as uow:
        assert organisations.get_organisation(uow, id=org["id"])["name"] == org["name"]


def test_seed_on_postgres_is_idempotent(registry_pg):
    assert seed_demo(registry_pg) is True
    with registry_pg.engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(m.outbox))
    assert seed_demo(registry_pg) is False
    with registry_pg.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(m.outbox)) == before
