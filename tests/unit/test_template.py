"""The service template (docs/adding-a-service.md), checked on every service's code.

- the domain is pure: importing it loads no I/O library, not even indirectly;
- use cases write no tenancy filter of their own: scope lives in the repository;
- every table is placed (where its records lie) or named as lying in no division;
- every service has the template's modules, and its tests the same layout.
"""
from __future__ import annotations

import ast
import importlib
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir()
                  if p.is_dir() and (p / "app" / "__init__.py").exists())
IO_LIBRARIES = ("grpc", "nameko", "sqlalchemy", "kombu", "amqp", "eventlet", "psycopg2", "alembic", "jwt",
                "prometheus_client", "yaml", "openpyxl", "google")
TEMPLATE = ("domain/__init__.py", "models.py", "repository.py", "permissions.py", "serializers.py", "metrics.py",
            "app/__init__.py", "grpc_server.py", "worker.py", "seed.py", "migrations/env.py")
#: scope checks and filters that belong to the repository (services.common.repository), not to use cases
SCOPE_CALLS = {"can_see_district", "can_see_division", "can_change_division", "check_scope", "check_district"}
SCOPE_ATTRIBUTES = {"district", "subdistrict", "community", "community_code", "home_community", "division_code",
                    "subdistrict_code"}


def test_there_are_services():
    assert {"registry", "points", "mediation"} <= set(SERVICES)


@pytest.mark.parametrize("service", SERVICES)
def test_the_domain_is_pure(service):
    code = (f"import sys, services.{service}.domain as d, pkgutil, importlib\n"
            f"[importlib.import_module(f'services.{service}.domain.' + m.name) for m in pkgutil.iter_modules(d.__path__)]\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                cwd=ROOT).stdout.split())
    assert not loaded & set(IO_LIBRARIES), f"services.{service}.domain loads {sorted(loaded & set(IO_LIBRARIES))}"


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_has_every_module_of_the_template(service):
    folder = ROOT / "services" / service
    assert [f for f in TEMPLATE if not (folder / f).exists()] == []
    for kind in ("unit", "service"):
        assert (ROOT / "tests" / kind / service).is_dir(), f"tests/{kind}/{service}/ is missing"
    app = importlib.import_module(f"services.{service}.app")
    from services.common.usecase import UseCases
    assert isinstance(app.API, UseCases)


def _scope_filters(path: pathlib.Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in SCOPE_CALLS:
                found.append(f"{path.name}:{node.lineno} {node.func.attr}()")
            elif node.func.attr == "startswith" and isinstance(node.func.value, ast.Attribute) \
                    and node.func.value.attr in SCOPE_ATTRIBUTES:
                found.append(f"{path.name}:{node.lineno} .{node.func.value.attr}.startswith()")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "district" for s in sides) \
                    and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
                found.append(f"{path.name}:{node.lineno} a comparison of .district")
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_use_cases_write_no_tenancy_filter(service):
    """Where use cases filtered by hand, the finer scopes leaked: every query goes through the repository."""
    found = [f for path in sorted((ROOT / "services" / service / "app").glob("*.py")) for f in _scope_filters(path)]
    assert found == []


@pytest.mark.parametrize("service", SERVICES)
def test_every_table_is_placed_or_lies_in_no_division(service):
    models = importlib.import_module(f"services.{service}.models")
    repo = importlib.import_module(f"services.{service}.repository").Repository
    mapped = {mapper.class_ for mapper in models.Base.registry.mappers}
    placed, wide = set(repo.PLACES), set(repo.DISTRICT_WIDE)
    assert not placed & wide, f"both placed and district-wide: {sorted(c.__name__ for c in placed & wide)}"
    assert sorted(c.__name__ for c in mapped - placed - wide) == []
    for model, place in repo.PLACES.items():
        if place.via is not None:  # the parent's key is what ``via`` names
            assert place.via.property.columns[0].foreign_keys, f"{model.__name__}: via is not a foreign key"
