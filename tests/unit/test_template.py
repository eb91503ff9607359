"""The service template (docs/adding-a-service.md), checked on every service's code.

- the domain is pure: importing it loads no I/O library, not even indirectly, and of the kernel only
  the modules the template names;
- use cases write no tenancy filter of their own: scope lives in the repository;
- every table is placed (where its records lie) or named as lying in no division;
- every service has the template's modules, and its tests the same layout.
"""
from __future__ import annotations

import ast
import importlib
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir()
                  if p.is_dir() and (p / "app" / "__init__.py").exists())
IO_LIBRARIES = ("grpc", "nameko", "sqlalchemy", "kombu", "amqp", "eventlet", "psycopg2", "alembic", "jwt",
                "prometheus_client", "yaml", "openpyxl", "google")
#: the kernel modules a domain may import (docs/adding-a-service.md): pure, importing no I/O library either
DOMAIN_KERNEL = {"errors", "divisions", "values", "context"}
TEMPLATE = ("domain/__init__.py", "models.py", "repository.py", "permissions.py", "serializers.py", "metrics.py",
            "app/__init__.py", "grpc_server.py", "worker.py", "seed.py", "migrations/env.py")
#: scope checks and filters that belong to the repository (services.common.repository), not to use cases
SCOPE_CALLS = {"can_see_district", "can_see_division", "can_change_division", "check_scope", "check_district"}
#: a name (variable, attribute, key) that holds a division code: ``X.startswith(Y)`` where X or Y mentions one
#: is a hand-written "lies within" (services.common.divisions.within says it once, for every service)
DIVISION_NAME = re.compile(r"district|community|division|narrowest|grid|compound|code|scope|place|parent")


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
def test_the_domain_imports_only_the_kernel_modules_the_template_names(service):
    found = set()
    for path in sorted((ROOT / "services" / service / "domain").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module == "services.common":
                modules = [f"services.common.{a.name}" for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for mod in modules:
                parts = mod.split(".")
                if parts[:2] == ["services", "common"] and len(parts) > 2 and parts[2] not in DOMAIN_KERNEL:
                    found.add((path.name, mod))
    assert sorted(found) == []


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_has_every_module_of_the_template(service):
    folder = ROOT / "services" / service
    assert [f for f in TEMPLATE if not (folder / f).exists()] == []
    for kind in ("unit", "service"):
        assert (ROOT / "tests" / kind / service).is_dir(), f"tests/{kind}/{service}/ is missing"
    app = importlib.import_module(f"services.{service}.app")
    from services.common.usecase import UseCases
    assert isinstance(app.API, UseCases)


def _mentions_a_division(*expressions: ast.AST) -> bool:
    """Any name, attribute or string key in these expressions that holds a division code: on any expression
    (``(branch.get("division_code") or "").startswith(community)``, ``subdistrict.startswith(district)``)."""
    names = [n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else n.value
             for e in expressions for n in ast.walk(e)
             if isinstance(n, (ast.Name, ast.Attribute)) or (isinstance(n, ast.Constant) and isinstance(n.value, str))]
    return any(DIVISION_NAME.search(name) for name in names)


def _scope_filters(path: pathlib.Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in SCOPE_CALLS:
                found.append(f"{path.name}:{node.lineno} {node.func.attr}()")
            elif node.func.attr == "startswith" and _mentions_a_division(node.func.value, *node.args):
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
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
