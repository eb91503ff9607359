"""Bad input, over every method of every service: refused naming the field, no crash, no flood, no change.

The methods come from server reflection (as in the tenancy matrix, whose world and request builder
this reuses), and the test checks that they are exactly the methods of the generated service
descriptors: a new RPC is fuzzed without a line written. For each method the matrix's valid
request (aimed at existing records) is the baseline, and it must break none of the constraints the
contract declares. Then one field at a time, at any depth (a message's fields, a repeated field's
first item, a map's values and keys), gets hostile values:

    derived from the field's protovalidate constraints (``buf.validate.field``, read from the
    reflected descriptor, so the values follow the contract as the server states it):
      text      one past max_len, one short of min_len, outside ``in``, breaking the pattern,
                holding what ``not_contains`` forbids, empty when required
      numbers   just outside gte/gt/lte/lt; NaN and the infinities where bounded or finite
      repeated  none under min_items, one past max_items, a duplicate where unique
      maps      none under min_pairs, a key outside ``keys``, values breaking ``values``
      messages  absent where required
    derived from the field's type, for every field (constrained or not):
      text      a NUL byte, 30,000 characters, 5,000 CJK characters, control characters, blank, SQL
      integers  -1, the type's largest and smallest values
      floats    infinity, -infinity, NaN, 1e308
      bytes     invalid UTF-8 with a NUL, 70,000 NUL bytes

Each call is made with an all-roles token of the records' own scope. Every failure is collected
and reported at once:

- the answer is a status a client can act on, never INTERNAL or UNKNOWN (a crash), and its details
  are at most a few hundred characters (a 30 KB echo is refused by default gRPC clients);
- a value breaking a declared constraint is refused INVALID_ARGUMENT naming the field's path
  (``parts[0].name: ...``), as the edge check (services.common.proto_rules) does;
- any INVALID_ARGUMENT names the hostile field (or a field inside it), unless NAMED_OTHERWISE says
  why another field is the right one to name, or MISNAMED_BY_THE_SERVICE lists it as a known fault
  of the service (an entry no longer needed fails too);
- a refused request changes no row of the three databases (every row compared before and after);
  an accepted one is undone, so that every call meets the pristine world.

The edge check is services.common.grpc_support's, on every method. ``CITYPLAT_FUZZ_SERVICES_ALONE=1``
runs the same requests without it: what the services say by themselves (the nameko callers' view).
Runs on PostgreSQL, whose driver refuses what SQLite lets through.
"""
from __future__ import annotations

import importlib
import json
import math
import os
import re
from dataclasses import dataclass
from typing import Any, Callable

import pytest
from buf.validate import validate_pb2
from google.protobuf.descriptor import FieldDescriptor as F

from services.common import proto_rules
from tests.integration import tenancy_world as tw
from tests.integration.test_tenancy_matrix import (CONTROL_LEVEL, CONTROLS, OVERRIDES, _drop_process_copies,
                                                   _reset_process_clients)

pytestmark = pytest.mark.integration

SERVICES_ALONE = os.environ.get("CITYPLAT_FUZZ_SERVICES_ALONE", "") not in ("", "0")
DETAILS_LIMIT = 600
CRASHES = ("INTERNAL", "UNKNOWN", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED", "UNAVAILABLE")
#: how deep into nested messages the fuzz goes (a request's fields are depth 0)
MAX_DEPTH = 3
#: a bytes value past this is not sent (gRPC refuses messages over 4 MB before any service sees them)
MAX_SENT_BYTES = 3 * 1024 * 1024

TEXT = ["nul\x00inside", "x" * 30_000, "名" * 5_000, "bell\x07esc\x1b[0m", " ", "' OR '1'='1"]
INTS = {F.TYPE_INT32: (-1, 2**31 - 1, -2**31), F.TYPE_SINT32: (-1, 2**31 - 1, -2**31),
        F.TYPE_INT64: (-1, 2**63 - 1, -2**63), F.TYPE_SINT64: (-1, 2**63 - 1, -2**63),
        F.TYPE_UINT32: (2**32 - 1,), F.TYPE_UINT64: (2**64 - 1,)}
RANGES = {F.TYPE_INT32: (-2**31, 2**31 - 1), F.TYPE_SINT32: (-2**31, 2**31 - 1), F.TYPE_INT64: (-2**63, 2**63 - 1),
          F.TYPE_SINT64: (-2**63, 2**63 - 1), F.TYPE_UINT32: (0, 2**32 - 1), F.TYPE_UINT64: (0, 2**64 - 1)}
FLOATS = (float("inf"), float("-inf"), float("nan"), 1e308)
BYTES = (b"\xff\xfe\x00not utf-8", b"\x00" * 70_000)
#: candidates tried against a field's pattern: those it refuses are sent
PATTERN_PROBES = ("bell\x07", "x", "X", "0", "名", "-", "!", "  ", "trailing\n")

#: (method, hostile field) → why the service names another field for that value: a rule between
#: fields, said where it is checked. Every other INVALID_ARGUMENT must name the hostile field.
NAMED_OTHERWISE: dict[tuple[str, str], str] = {
    ("Registry/GetHonoursEligibility", "person_id"):
        "exactly one of organisation_id or person_id: the request names both, and the rule is said at the first",
    ("Registry/RegisterInService", "volunteer_projects[0]"):
        "a blank project is dropped, and the list then holds none: the count is the list's",
    ("Mediation/RecordVote", "no"): "yes + no + abstain must not exceed eligible: said at yes",
    ("Mediation/RecordVote", "abstain"): "yes + no + abstain must not exceed eligible: said at yes",
}
#: (method, hostile field) → where the service names the wrong field (or only the parent) for a value
#: that passes the declared constraints: to be fixed there (then the entry fails, and goes)
MISNAMED_BY_THE_SERVICE: dict[tuple[str, str], str] = {}


# ---- the edge check

def _without_edge_check(mp: pytest.MonkeyPatch) -> None:
    """What the services say by themselves (the nameko callers' view): grpc_support's check made a no-op."""
    mp.setattr(proto_rules, "check", lambda message, authenticate=None: None)


# ---- hostile values from the descriptors

def rules_of(field) -> validate_pb2.FieldRules | None:
    """The field's declared constraints (``(buf.validate.field)``), None if it declares none."""
    options = field.GetOptions()
    return options.Extensions[validate_pb2.field] if options.HasExtension(validate_pb2.field) else None


def _sub(rules, kind: str):
    """The type-specific part of FieldRules (``rules.string``), None if absent."""
    return getattr(rules, kind) if rules is not None and rules.HasField(kind) else None


_KIND = {F.TYPE_STRING: "string", F.TYPE_BYTES: "bytes", F.TYPE_DOUBLE: "double", F.TYPE_FLOAT: "float",
         F.TYPE_INT32: "int32", F.TYPE_INT64: "int64", F.TYPE_UINT32: "uint32", F.TYPE_UINT64: "uint64",
         F.TYPE_SINT32: "sint32", F.TYPE_SINT64: "sint64", F.TYPE_BOOL: "bool"}


def generic_values(field) -> list:
    """Hostile values of a scalar field's type."""
    if field.type == F.TYPE_STRING:
        return list(TEXT)
    if field.type in INTS:
        return list(INTS[field.type])
    if field.type == F.TYPE_DOUBLE:
        return list(FLOATS)
    if field.type == F.TYPE_FLOAT:
        return [float("inf"), float("nan")]
    if field.type == F.TYPE_BYTES:
        return list(BYTES)
    return []


def derived_values(field, rules, current) -> list:
    """Values breaking the scalar constraints ``rules`` (a FieldRules) of ``field``; ``current`` is
    the baseline's value (a pattern is also probed with it spoilt)."""
    out: list = []
    if rules is None:
        return out
    if rules.required:
        out.append(b"" if field.type == F.TYPE_BYTES else "" if field.type == F.TYPE_STRING else
                   False if field.type == F.TYPE_BOOL else 0)
    text = _sub(rules, "string")
    if text is not None:
        if text.HasField("max_len"):
            out.append("x" * (text.max_len + 1))
        if text.HasField("min_len") and text.min_len > 0:
            out.append("x" * (text.min_len - 1))
        if len(getattr(text, "in")):
            allowed = list(getattr(text, "in"))
            out += ["not_one_of_them", allowed[0].upper(), f"{allowed[0]} "]
        if text.HasField("not_contains"):
            out.append(f"a{text.not_contains}b")
        if text.HasField("pattern"):
            spoilt = [f"{current}!", f"!{current}", f"{current}\n"] if current else []
            out += [("pattern", probe) for probe in (*PATTERN_PROBES, *spoilt)]
    data = _sub(rules, "bytes")
    if data is not None and data.HasField("max_len") and data.max_len + 1 <= MAX_SENT_BYTES:
        out.append(b"x" * (data.max_len + 1))
    kind = _KIND.get(field.type)
    numbers = _sub(rules, kind) if kind and kind not in ("string", "bytes", "bool") else None
    if numbers is not None:
        floating = field.type in (F.TYPE_DOUBLE, F.TYPE_FLOAT)
        low, high = RANGES.get(field.type, (-math.inf, math.inf))

        def below(v):
            return math.nextafter(v, -math.inf) if floating else v - 1

        def above(v):
            return math.nextafter(v, math.inf) if floating else v + 1

        bounds = [(numbers.HasField("gte"), lambda: below(numbers.gte)), (numbers.HasField("gt"), lambda: numbers.gt),
                  (numbers.HasField("lte"), lambda: above(numbers.lte)), (numbers.HasField("lt"), lambda: numbers.lt)]
        for present, value in bounds:
            if present and low <= value() <= high:
                out.append(value())
        if floating and (any(present for present, _ in bounds) or getattr(numbers, "finite", False)):
            out += [float("nan"), float("inf"), float("-inf")]
    return out


@dataclass
class Hostile:
    path: str                         # the field as the services name it: parts[0].name, items.records
    value: Any                        # what is shown in a failure
    apply: Callable[[Any], None]      # puts the value into a copy of the baseline request
    probe: bool = False               # a pattern probe: sent only if the pattern refuses it


def _holder(message, steps):
    """The message inside ``message`` that ``steps`` ((field, index or None) pairs) lead to; absent
    sub-messages and items are made on the way."""
    for name, index in steps:
        child = getattr(message, name)
        if index is None:
            message = child
        else:
            while len(child) <= index:
                child.add()
            message = child[index]
    return message


def _setter(steps, name, value, field):
    def apply(request):
        holder = _holder(request, steps)
        if field.is_repeated:
            del getattr(holder, name)[:]
            getattr(holder, name).append(value)
        else:
            setattr(holder, name, value)
    return apply


def hostile_values(descriptor, baseline) -> list[Hostile]:
    """Every hostile value of every field of a request type, at any depth up to MAX_DEPTH."""
    out: list[Hostile] = []

    def walk(descriptor, current, prefix: str, steps: tuple, depth: int):
        for field in descriptor.fields:
            name, path = field.name, f"{prefix}{field.name}"
            rules = rules_of(field)
            value = getattr(current, name) if current is not None else None
            is_map = field.type == F.TYPE_MESSAGE and field.message_type.GetOptions().map_entry
            if is_map:
                map_values(field, rules, value, path, steps)
            elif field.is_repeated:
                repeated_values(field, rules, value, path, steps, depth)
            elif field.type == F.TYPE_MESSAGE:
                if rules is not None and rules.required:
                    out.append(Hostile(path, "<absent>", lambda r, s=steps, n=name: _holder(r, s).ClearField(n)))
                if depth < MAX_DEPTH:
                    present = current is not None and current.HasField(name)
                    walk(field.message_type, value if present else None, f"{path}.", steps + ((name, None),),
                         depth + 1)
            else:
                for v in derived_values(field, rules, value) + generic_values(field):
                    probe, v = (True, v[1]) if isinstance(v, tuple) else (False, v)
                    out.append(Hostile(path, v, _setter(steps, name, v, field), probe))

    def repeated_values(field, rules, items, path, steps, depth):
        name = field.name
        listed = _sub(rules, "repeated")
        count = len(items) if items is not None else 0

        def put(values):
            def apply(request):
                target = getattr(_holder(request, steps), name)
                del target[:]
                if field.type == F.TYPE_MESSAGE:
                    for v in values:
                        target.add().CopyFrom(v)
                else:
                    target.extend(values)
            return apply

        if listed is not None:
            if listed.min_items and count:
                out.append(Hostile(path, "[]", put([])))
            if listed.HasField("max_items"):
                many = ([items[0]] * (listed.max_items + 1) if field.type == F.TYPE_MESSAGE and count else
                        [f"item{i}" for i in range(listed.max_items + 1)] if field.type == F.TYPE_STRING else None)
                if many is not None:
                    out.append(Hostile(path, f"{listed.max_items + 1} items", put(many)))
            if listed.unique and field.type == F.TYPE_STRING:
                twice = [items[0]] * 2 if count else ["same", "same"]
                out.append(Hostile(path, twice, put(twice)))
        if field.type == F.TYPE_MESSAGE:
            if depth < MAX_DEPTH:
                walk(field.message_type, items[0] if count else None, f"{path}[0].", steps + ((name, 0),),
                     depth + 1)
            return
        item_rules = listed.items if listed is not None and listed.HasField("items") else None
        first = items[0] if count else None
        for v in derived_values(field, item_rules, first) + generic_values(field):
            probe, v = (True, v[1]) if isinstance(v, tuple) else (False, v)

            def apply(request, v=v):
                target = getattr(_holder(request, steps), name)
                rest = list(target)[1:]
                del target[:]
                target.extend([v, *rest])
            out.append(Hostile(f"{path}[0]", v, apply, probe))

    def map_values(field, rules, entries, path, steps):
        name = field.name
        key_field, value_field = field.message_type.fields_by_name["key"], field.message_type.fields_by_name["value"]
        mapped = _sub(rules, "map")
        keys = sorted(entries) if entries is not None else []
        if value_field.type == F.TYPE_MESSAGE:
            return  # no request holds a map of messages yet
        if mapped is not None and mapped.min_pairs and keys:
            out.append(Hostile(path, "{}", lambda r, s=steps: _holder(r, s).ClearField(name)))
        if mapped is not None and mapped.HasField("keys") and key_field.type == F.TYPE_STRING:
            some = entries[keys[0]] if keys else 0
            for k in derived_values(key_field, mapped.keys, keys[0] if keys else None):
                probe, k = (True, k[1]) if isinstance(k, tuple) else (False, k)
                out.append(Hostile(_keyed(path, k), k, _map_setter(steps, name, k, some), probe))
        value_rules = mapped.values if mapped is not None and mapped.HasField("values") else None
        key = keys[0] if keys else ("x" if key_field.type == F.TYPE_STRING else 0)
        for v in derived_values(value_field, value_rules, entries[key] if keys else None) + \
                generic_values(value_field):
            probe, v = (True, v[1]) if isinstance(v, tuple) else (False, v)
            out.append(Hostile(_keyed(path, key), v, _map_setter(steps, name, key, v), probe))

    walk(descriptor, baseline, "", (), 0)
    return out


def _keyed(path: str, key) -> str:
    """A map's value by its key, as proto_rules.field_path names it: ``items.records``, ``items["a b"]``."""
    if isinstance(key, str):
        return f"{path}.{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else \
            f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}[{str(key).lower()}]"


def _map_setter(steps, name, key, value):
    def apply(request):
        getattr(_holder(request, steps), name)[key] = value
    return apply


# ---- the run

@pytest.fixture(scope="module")
def world(pg_admin_url, tmp_path_factory):
    previous_clock = tw.pin_clock()
    with pytest.MonkeyPatch.context() as mp:
        if SERVICES_ALONE:
            _without_edge_check(mp)

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


def fingerprints(stack: tw.Stack) -> dict[str, str]:
    """One digest of every row of every table per database, in one query each (PostgreSQL): a full
    snapshot (Stack.snapshot) is read only when a digest moved."""
    out = {}
    for service, db in stack.dbs.items():
        quote = db.engine.dialect.identifier_preparer.quote
        digests = [f"(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {quote(t.name)} t)"
                   for t in stack.tables[service]]
        with db.engine.connect() as conn:
            out[service] = conn.exec_driver_sql("SELECT " + " || ".join(digests)).scalar()
    return out


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _names(path: str, named: str) -> bool:
    """Does an answer naming ``named`` name the hostile field ``path`` (it, or a field inside it)?"""
    return named == path or named.startswith((f"{path}.", f"{path}["))


def generated_methods() -> set[str]:
    """Every method of the generated service descriptors of the three services."""
    keys = set()
    for service in tw.SERVICES:
        pb = importlib.import_module(f"cityplat.{service}.v1.{service}_pb2")
        for descriptor in pb.DESCRIPTOR.services_by_name.values():
            keys |= {f"{descriptor.name}/{m.name}" for m in descriptor.methods}
    return keys


def test_no_method_crashes_floods_or_misnames_on_hostile_values(world):
    stack = world.stack
    builder = tw.RequestBuilder(world, tw.FIELDS, OVERRIDES)
    tokens = {level: tw.all_roles_token("fuzzer", *scope) for level, scope in CONTROLS.items()}
    methods = [m for service in tw.SERVICES for m in tw.reflect(stack.channel(service))]
    failures, findings, used_exceptions = [], [], set()
    calls, declared, fuzzed = 0, 0, {}
    baseline, pristine = stack.snapshot(), fingerprints(stack)
    tolerated = {**NAMED_OTHERWISE, **MISNAMED_BY_THE_SERVICE}

    def fail(method, hostile, what):
        failures.append(f"{method.key} {hostile.path}={_shown(hostile.value)}: {what}")

    for method in methods:
        built = builder.build(method)
        request = built.request
        token = tokens[CONTROL_LEVEL.get(method.key) or built.level]
        if broken := proto_rules.violations(request):
            failures.append(f"{method.key}: the valid request breaks a declared constraint (too strict?): "
                            f"{broken[0][0]}: {broken[0][1][:120]}")
            continue
        fuzzed[method.key] = 0
        for hostile in hostile_values(request.DESCRIPTOR, request):
            copy = type(request)()
            copy.CopyFrom(request)
            try:
                hostile.apply(copy)
            except (TypeError, ValueError) as exc:  # the type cannot hold the value: nothing to send
                if not hostile.probe:
                    fail(method, hostile, f"the fuzz could not set the value ({exc})")
                continue
            broken = proto_rules.violations(copy)
            if hostile.probe and not any(p == hostile.path for p, _ in broken):
                continue  # the pattern accepts this probe
            mark = stack.write_mark()
            outcome = tw.invoke(method, copy, token)
            calls += 1
            fuzzed[method.key] += 1
            changes = {}
            # nothing committed (the mark stood still): no need to digest every table
            if stack.write_mark() != mark and fingerprints(stack) != pristine:
                after = stack.snapshot()
                changes = stack.changes(baseline, after)
                stack.restore(baseline, after)
                _drop_process_copies()
                assert stack.snapshot() == baseline, f"{method.key}: the databases could not be put back"
                pristine = fingerprints(stack)  # the same rows; a JSON column may read back spelt otherwise
            code, details = outcome.code.name, outcome.details
            named = details.partition(": ")[0] if ": " in details else ""
            if code in CRASHES:
                fail(method, hostile, f"{code} {details[:160]}")
            elif len(details) > DETAILS_LIMIT:
                fail(method, hostile, f"{code} details of {len(details)} characters")
            if changes and not outcome.ok:
                fail(method, hostile, f"answered {code} but changed rows: " + ", ".join(
                    f"{s}.{t}" for s, t in sorted(changes)))
            if broken:
                declared += 1
                if broken[0][0] != hostile.path:
                    fail(method, hostile, f"the fuzz broke another field's constraint ({broken[0][0]})")
                elif not SERVICES_ALONE and (code != "INVALID_ARGUMENT" or named != hostile.path):
                    fail(method, hostile, f"breaks a declared constraint but was answered {code} {details[:120]}")
                elif SERVICES_ALONE and code == "OK":
                    findings.append(f"{method.key} {hostile.path}={_shown(hostile.value)}: breaks a declared "
                                    "constraint, accepted by the service")
            if code == "INVALID_ARGUMENT" and not _names(hostile.path, named):
                reason = tolerated.get((method.key, hostile.path))
                if reason is not None:
                    used_exceptions.add((method.key, hostile.path))
                else:
                    findings.append(f"{method.key} {hostile.path}={_shown(hostile.value)}: "
                                    f"INVALID_ARGUMENT names {named or 'no field'!r}: {details[:120]}")
    generated, reflected = generated_methods(), {m.key for m in methods}
    unused = sorted(set(tolerated) - used_exceptions)
    print(f"fuzzed {len(fuzzed)} methods with {calls} hostile requests ({declared} breaking a declared "
          f"constraint){' against the services alone' if SERVICES_ALONE else ''}; {len(findings)} finding(s)")
    for finding in findings:
        print(f"  finding: {finding}")
    assert reflected == generated, (f"reflected but not generated: {sorted(reflected - generated)}; "
                                    f"generated but not reflected: {sorted(generated - reflected)}")
    assert set(fuzzed) == generated, f"not fuzzed: {sorted(generated - set(fuzzed))}"
    fieldless = {m.key for m in methods if not m.request_cls.DESCRIPTOR.fields}
    failures += [f"{key}: no hostile request" for key, n in sorted(fuzzed.items()) if not n and key not in fieldless]
    failures += [f"{key} {path}: the field is named now; remove its entry (NAMED_OTHERWISE or "
                 "MISNAMED_BY_THE_SERVICE)" for key, path in unused]
    for (key, path), where in sorted(MISNAMED_BY_THE_SERVICE.items()):
        print(f"  misnamed by the service (listed): {key} {path}: {where}")
    if not SERVICES_ALONE:
        failures += [f"misnamed: {finding}" for finding in findings]
    if failures:
        pytest.fail(f"{len(failures)} of {calls} hostile requests failed:\n" + "\n".join(failures), pytrace=False)
