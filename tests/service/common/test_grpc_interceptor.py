"""The gRPC server's interceptor, for blocking methods (thread pool) and async ones (event loop) alike:
domain errors become their status code, anything unexpected INTERNAL with the request id, an abort
on purpose keeps its code, and every call is counted and answered with its request id."""
from __future__ import annotations

import time

import grpc
import pytest
from prometheus_client import REGISTRY

from services.common.errors import FailedPrecondition
from services.common.grpc_support import GrpcServer

SERVICE = "cityplat.test.v1.Probe"


async def _async_echo(request: bytes, context) -> bytes:
    return request


def _sync_echo(request: bytes, context) -> bytes:
    return request


def _raising(exc: Exception, run_async: bool):
    if run_async:
        async def method(request, context):
            raise exc
    else:
        def method(request, context):
            raise exc
    return method


def _aborting(run_async: bool):
    if run_async:
        async def method(request, context):
            await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "slow down")
    else:
        def method(request, context):
            context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "slow down")
    return method


def _handlers() -> dict:
    handlers = {"AsyncEcho": _async_echo, "SyncEcho": _sync_echo}
    for run_async, prefix in ((True, "Async"), (False, "Sync")):
        handlers[f"{prefix}Domain"] = _raising(FailedPrecondition("the item is no longer offered", "item_id"),
                                               run_async)
        handlers[f"{prefix}Bug"] = _raising(RuntimeError("a bug"), run_async)
        handlers[f"{prefix}Abort"] = _aborting(run_async)
    return {name: grpc.unary_unary_rpc_method_handler(fn) for name, fn in handlers.items()}


@pytest.fixture(scope="module")
def channel():
    server = GrpcServer("probe", SERVICE, lambda s: s.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(SERVICE, _handlers()),)), port=0, http_port=None,
        host="127.0.0.1").start()
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as ch:
        grpc.channel_ready_future(ch).result(timeout=10)
        yield ch
    server.stop(grace=0)


def call(channel, method: str, request_id: str = "req-1"):
    return channel.unary_unary(f"/{SERVICE}/{method}").with_call(
        b"ping", metadata=(("x-request-id", request_id),), timeout=10)


def counted(method: str, code: str, at_least: float = 0.0) -> float:
    """The calls counted; waits (up to 5 s) for ``at_least``: a status can reach the client just
    before the server's interceptor has counted the call."""
    deadline = time.monotonic() + 5
    while True:
        value = REGISTRY.get_sample_value("cityplat_grpc_requests_total",
                                          {"service": "probe", "method": method, "code": code}) or 0.0
        if value >= at_least or time.monotonic() > deadline:
            return value
        time.sleep(0.01)


@pytest.mark.parametrize("kind", ["Async", "Sync"])
def test_an_answer_carries_the_request_id_and_is_counted(channel, kind):
    before = counted(f"{kind}Echo", "OK")
    reply, call_info = call(channel, f"{kind}Echo", "req-echo")
    assert reply == b"ping"
    assert ("x-request-id", "req-echo") in call_info.trailing_metadata()
    assert counted(f"{kind}Echo", "OK", before + 1) == before + 1


@pytest.mark.parametrize("kind", ["Async", "Sync"])
def test_a_domain_error_becomes_its_status_with_field_and_reason(channel, kind):
    with pytest.raises(grpc.RpcError) as err:
        call(channel, f"{kind}Domain")
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert err.value.details() == "item_id: the item is no longer offered"
    assert counted(f"{kind}Domain", "FAILED_PRECONDITION", 1) >= 1


@pytest.mark.parametrize("kind", ["Async", "Sync"])
def test_an_unexpected_error_is_internal_and_names_the_request(channel, kind):
    with pytest.raises(grpc.RpcError) as err:
        call(channel, f"{kind}Bug", "req-bug")
    assert err.value.code() == grpc.StatusCode.INTERNAL
    assert err.value.details() == "internal error (request id req-bug)"  # not the exception's text
    assert counted(f"{kind}Bug", "INTERNAL", 1) >= 1


@pytest.mark.parametrize("kind", ["Async", "Sync"])
def test_an_abort_on_purpose_keeps_its_code(channel, kind):
    with pytest.raises(grpc.RpcError) as err:
        call(channel, f"{kind}Abort")
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert err.value.details() == "slow down"
    assert counted(f"{kind}Abort", "RESOURCE_EXHAUSTED", 1) >= 1


class _AccessLines(__import__("logging").Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.mark.parametrize("kind", ["Async", "Sync"])
def test_every_call_leaves_one_access_log_line_with_its_request_id_code_and_place(channel, kind):
    """A request id echoed to a client must be found in the log: one line per call, success or not, with the
    method, the status code, the duration and the caller's district and sub-district (none were written for a
    successful call before)."""
    import logging

    from services.common.auth import mint_token
    from services.common.logs import ACCESS

    lines = _AccessLines()
    ACCESS.addHandler(lines)
    ACCESS.setLevel(logging.INFO)
    try:
        token = mint_token("probe-worker", ["community_worker"], "310101", "310101002", "310101002001")
        channel.unary_unary(f"/{SERVICE}/{kind}Echo").with_call(
            b"ping", metadata=(("x-request-id", f"req-log-{kind}"), ("authorization", f"Bearer {token}")), timeout=10)
        with pytest.raises(grpc.RpcError):
            call(channel, f"{kind}Domain", f"req-log-refused-{kind}")
        deadline = time.monotonic() + 5
        while len(lines.records) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        ACCESS.removeHandler(lines)
    ok = next(r for r in lines.records if r.method == f"{kind}Echo")
    assert (ok.kind, ok.code, ok.district, ok.subdistrict) == ("grpc", "OK", "310101", "310101002")
    assert ok.duration_ms >= 0
    refused = next(r for r in lines.records if r.method == f"{kind}Domain")
    assert (refused.code, refused.district) == ("FAILED_PRECONDITION", "-")  # no token: no place
    from services.common.logs import JsonFormatter

    shown = __import__("json").loads(JsonFormatter("probe", "grpc").format(ok))
    assert shown["request_id"] == f"req-log-{kind}" and shown["method"] == f"{kind}Echo"
