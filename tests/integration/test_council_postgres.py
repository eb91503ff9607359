"""The council on the real PostgreSQL: the migrations build the models' schema, and one council per
community holds however two staff race to found it."""
from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from services.common.errors import AlreadyExists
from services.common.usecase import run
from services.council import models as m
from services.council.app import councils
from tests.conftest import count_rows, ctx_for
from tests.fakes import FakeRegistry, registry_replaced

pytestmark = pytest.mark.integration
COMM = "310101002001"
PEOPLE = {"s1": ("书记", COMM)}
ORGS = {"cc": {"kind": "community_committee", "name": "社区党委", "division_code": COMM}}
POSTS = {"p1": {"person_id": "s1", "organisation_id": "cc", "title": "secretary"}}


def test_the_migrations_build_exactly_the_models_schema(council_pg):
    with council_pg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), m.Base.metadata)
    assert diff == []


def test_two_councils_founded_at_once_for_one_community_leave_one(council_pg, fixed_clock):
    barrier, outcomes = threading.Barrier(6), []

    def found(i):
        barrier.wait()
        try:
            outcomes.append(run(council_pg, ctx_for("district_admin"), councils.create_council,
                                {"community": COMM, "name": f"理事团{i}", "leader_id": "s1"}, write=True))
        except Exception as exc:  # noqa: BLE001 - checked below
            outcomes.append(exc)

    threads = [threading.Thread(target=found, args=(i,)) for i in range(6)]
    # one fake for all the threads: the process has one registry client, which a thread's own `with`
    # would put back under the others still racing
    with registry_replaced(FakeRegistry(PEOPLE, ORGS, posts=POSTS)):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sum(isinstance(o, dict) for o in outcomes) == 1
    assert all(isinstance(o, dict) or (isinstance(o, AlreadyExists) and o.field == "community") for o in outcomes), \
        [o for o in outcomes if not isinstance(o, dict)][:3]
    assert count_rows(council_pg, m.Council) == 1
