"""Checks that keep the code honest about its own rules."""
from __future__ import annotations

import filecmp
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.helpers import services_with_code

ROOT = Path(__file__).resolve().parents[2]


def test_generated_proto_code_is_current(tmp_path):
    protos = sorted(str(p.relative_to(ROOT / "proto")) for p in (ROOT / "proto").rglob("*.proto"))
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "-Iproto", f"--python_out={tmp_path}",
                    f"--grpc_python_out={tmp_path}", f"--pyi_out={tmp_path}", *protos], cwd=ROOT, check=True)
    generated = sorted(tmp_path.rglob("*.py*"))
    assert generated
    for path in generated:
        committed = ROOT / "proto" / path.relative_to(tmp_path)
        assert committed.exists() and filecmp.cmp(path, committed, shallow=False), \
            f"{committed.relative_to(ROOT)} is stale: run `make proto`"


@pytest.mark.parametrize("service", services_with_code())
def test_the_grpc_process_never_imports_eventlet(service):
    # grpcio does not work under eventlet's monkey patching; the gRPC entrypoint must stay clear of it
    code = (f"import sys; import services.{service}.grpc_server, services.common.entry;"
            "print('eventlet' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert out.stdout.strip() == "False"


def test_no_service_reads_another_services_tables():
    """Each service owns its database: no module of one service imports another service's models."""
    services = [p.name for p in (ROOT / "services").iterdir() if p.is_dir() and (p / "__init__.py").exists()
                and p.name != "common"]
    for name in services:
        for path in (ROOT / "services" / name).rglob("*.py"):
            text = path.read_text()
            for other in services:
                if other != name:
                    assert f"services.{other}." not in text, f"{path.relative_to(ROOT)} reaches into {other}"


@pytest.mark.parametrize("service", services_with_code())
def test_every_grpc_method_has_a_use_case(service):
    """services/<service>/app maps each unary gRPC method to its use case (USE_CASES); the
    streaming ones (the registry's ExportRecords) are handled by the servicer itself."""
    USE_CASES = importlib.import_module(f"services.{service}.app").USE_CASES
    SERVICE = importlib.import_module(f"services.{service}.grpc_server").SERVICE

    methods = {m.name for m in SERVICE.methods}
    streaming = {m.name for m in SERVICE.methods if m.client_streaming or m.server_streaming}
    assert methods - set(USE_CASES) <= streaming, (
        f"unary methods without a use case: {sorted(methods - set(USE_CASES) - streaming)}")
    assert set(USE_CASES) <= methods, f"use cases that are no gRPC method: {sorted(set(USE_CASES) - methods)}"
