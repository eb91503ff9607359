"""Bad input, over every method of every service: nothing crashes, and no error echoes a flood.

The methods come from server reflection (as in the tenancy matrix, whose world and request builder
this reuses), so a new RPC is fuzzed without a line written. For each method the matrix's valid
request (aimed at existing records) is taken, and one field at a time, top-level and one level
down, gets hostile values derived from the field's type in the descriptor:

    text      a NUL byte, 30,000 characters, 5,000 CJK characters, control characters, blank
    integers  -1, the type's largest and smallest values
    floats    infinity, -infinity, NaN, 1e308
    bytes     invalid UTF-8 with a NUL

Each call is made with an all-roles token of the records' own scope. The answer must be a status a
client can act on, never INTERNAL or UNKNOWN (a crash), and its details at most a few hundred
characters (a 30 KB echo is refused by default gRPC clients as RESOURCE_EXHAUSTED). Every failure is
collected and reported at once. Runs on PostgreSQL, whose driver refuses what SQLite lets through.
"""
from __future__ import annotations

import pytest
from google.protobuf.descriptor import FieldDescriptor as F

from tests.integration import tenancy_world as tw
from tests.integration.test_tenancy_matrix import CONTROL_LEVEL, CONTROLS, OVERRIDES, _reset_process_clients

pytestmark = pytest.mark.integration

DETAILS_LIMIT = 600
CRASHES = ("INTERNAL", "UNKNOWN", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED", "UNAVAILABLE")

TEXT = ["nul\x00inside", "x" * 30_000, "名" * 5_000, "bell\x07esc\x1b[0m", " ", "' OR '1'='1"]
INTS = {F.TYPE_INT32: (-1, 2**31 - 1, -2**31), F.TYPE_SINT32: (-1, 2**31 - 1, -2**31),
        F.TYPE_INT64: (-1, 2**63 - 1, -2**63), F.TYPE_SINT64: (-1, 2**63 - 1, -2**63),
        F.TYPE_UINT32: (2**32 - 1,), F.TYPE_UINT64: (2**64 - 1,)}
FLOATS = (float("inf"), float("-inf"), float("nan"), 1e308)
BYTES = (b"\xff\xfe\x00not utf-8", b"\x00" * 70_000)


def hostile(field) -> list:
    """The hostile values of a scalar field's type (a repeated field gets each as its one element)."""
    if field.type == F.TYPE_STRING:
        return list(TEXT)
    if field.type in INTS:
        return list(INTS[field.type])
    if field.type in (F.TYPE_DOUBLE, F.TYPE_FLOAT):
        return list(FLOATS) if field.type == F.TYPE_DOUBLE else [float("inf"), float("nan")]
    if field.type == F.TYPE_BYTES:
        return list(BYTES)
    return []


def variants(request):
    """(field path, request with that field hostile): top-level fields and those of nested messages."""
    def walk(message, path, depth):
        for field in message.DESCRIPTOR.fields:
            name = f"{path}{field.name}"
            if field.type == F.TYPE_MESSAGE:
                if depth or field.message_type.GetOptions().map_entry:
                    continue
                if field.is_repeated:
                    items = getattr(message, field.name)
                    if len(items):
                        yield from walk_into(items[0], f"{name}[0].", depth + 1)
                elif message.HasField(field.name):
                    yield from walk_into(getattr(message, field.name), f"{name}.", depth + 1)
                continue
            for value in hostile(field):
                yield name, field, value

    def walk_into(sub, path, depth):
        yield from walk(sub, path, depth)

    for name, field, value in walk(request, "", 0):
        copy = type(request)()
        copy.CopyFrom(request)
        target, parts = copy, name.split(".")
        for part in parts[:-1]:
            target = getattr(target, part[:-3])[0] if part.endswith("[0]") else getattr(target, part)
        leaf = parts[-1]
        if field.is_repeated:
            del getattr(target, leaf)[:]
            getattr(target, leaf).append(value)
        else:
            setattr(target, leaf, value)
        yield name, value, copy


@pytest.fixture(scope="module")
def world(pg_admin_url, tmp_path_factory):
    previous_clock = tw.pin_clock()
    with pytest.MonkeyPatch.context() as mp:
        def point_clients_at(target: str) -> None:
            mp.setenv("CITYPLAT_REGISTRY_TARGET", target)
            _reset_process_clients()

        try:
            with tw.running_stack("postgresql", tmp_path_factory.mktemp("fuzz"), pg_admin_url,
                                  point_clients_at) as stack:
                yield tw.build_world(stack)
        finally:
            tw.clock.set_clock(previous_clock)
            _reset_process_clients()
    _reset_process_clients()


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def test_no_method_crashes_or_floods_on_hostile_values(world):
    stack = world.stack
    builder = tw.RequestBuilder(world, tw.FIELDS, OVERRIDES)
    tokens = {level: tw.all_roles_token("fuzzer", *scope) for level, scope in CONTROLS.items()}
    methods = [m for service in tw.SERVICES for m in tw.reflect(stack.channel(service))]
    failures, calls = [], 0
    for method in methods:
        built = builder.build(method)
        token = tokens[CONTROL_LEVEL.get(method.key) or built.level]
        for field, value, request in variants(built.request):
            outcome = tw.invoke(method, request, token)
            calls += 1
            if outcome.code.name in CRASHES:
                failures.append(f"{method.key} {field}={_shown(value)}: {outcome.code.name} {outcome.details[:160]}")
            elif len(outcome.details) > DETAILS_LIMIT:
                failures.append(f"{method.key} {field}={_shown(value)}: {outcome.code.name} details of "
                                f"{len(outcome.details)} characters")
    print(f"fuzzed {len(methods)} methods with {calls} hostile requests")
    assert len(methods) >= 107
    if failures:
        pytest.fail(f"{len(failures)} of {calls} hostile requests crashed or flooded:\n" + "\n".join(failures),
                    pytrace=False)
