"""The field constraints of the gRPC contracts, declared once in the .proto files, checked at the edge.

Every request field of ``proto/cityplat/*/v1/*.proto`` carries its constraints as protovalidate
annotations (``buf/validate/validate.proto``): lengths, patterns (text without control characters,
division codes, dates), allowed values, ranges, how many items. Clients read them from the
descriptors (reflection serves them too); the gRPC plumbing checks every request against them
before a use case sees it, and a request breaking one is refused INVALID_ARGUMENT naming the field
by its path (``parts[0].name``, ``thresholds.excellent``, ``items.records``) and the reason.

The annotations are the shape of a value only, never stricter than the services: what depends on
the caller's scope or on stored records (a code inside the caller's district, an existing record)
stays the use cases' to check, as does everything for callers that do not come through gRPC.
A caller without a valid token is refused UNAUTHENTICATED first, whatever its request holds.
"""
from __future__ import annotations

import json
import re
import threading
from typing import Callable

import protovalidate
from google.protobuf.message import Message

from services.common.divisions import CODE_PATTERN as DIVISION_CODE
from services.common.errors import InvalidArgument

_local = threading.local()
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

# ---- reasons a person can read, for the patterns the contracts share (the regex itself is no reason)

_CODE = {"district": r"\d{4}(?:0[1-9]|[1-9]\d)", "subdistrict": r"\d{6}(?:00[1-9]|0[1-9]\d|[1-9]\d{2})",
         "community": r"\d{9}(?:00[1-9]|0[1-9]\d|[1-9]\d{2})", "grid": r"\d{12}-G\d{2,4}",
         "compound": r"\d{12}(?:-G\d{2,4})?-C\d{2,4}"}


def _code(*levels: str) -> str:
    body = _CODE[levels[0]] if len(levels) == 1 else "(?:" + "|".join(_CODE[level] for level in levels) + ")"
    return rf"^\s*{body}\s*$"


#: pattern (as declared) → the reason a value not matching it is refused
PATTERN_REASONS = {
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$":
        "must not contain control characters (a NUL byte, say); tabs and new lines may stand",
    r"^[0-9]{4}-?W?[0-9]{2}-?[0-9]{0,2}$": "must be a date YYYY-MM-DD",
    _code("district"): "must be a district code: 6 digits, not ending in 00",
    _code("subdistrict"): "must be a sub-district code: 9 digits, the last three not 000",
    _code("community"): "must be a community code: 12 digits, the last three not 000",
    _code("grid"): "must be a grid id: <12-digit community>-G01",
    _code("district", "subdistrict", "community"):
        "must be a district code (6 digits), a sub-district code (9 digits) or a community code (12 digits)",
    _code("district", "subdistrict", "community", "grid", "compound"):
        "must be a division code: a district's 6 digits, a sub-district's 9 digits, a community's 12 digits, "
        "a grid's <community>-G01 or a compound's <community or grid>-C01",
    DIVISION_CODE:
        "must be a division code: a district's 6 digits, a sub-district's 9 digits, a community's 12 digits, "
        "a grid's <community>-G01, a second-level grid's <grid>-G01, a compound's <community or grid>-C01, "
        "a building's <compound>-B01 or a unit's <building>-U01",
    r"^[ -]*(?:[0-9][ -]*){7,15}$": "must be 7 to 15 digits (spaces and '-' aside)",
    r"^[ -]*(?:(?:\d[ -]*){7,15})?$": "must be 7 to 15 digits (spaces and '-' aside), or none",
    r"^(?:[^\p{C}\p{Z}]| )*$": "must be printable text (no control characters)",
    r"^[^\x00-\x1f\x7f]*$": "must be one line of text (no control characters, tabs or line breaks)",
    r"^[A-Za-z0-9_-]*$": "must be a page token a listing gave (letters, digits, '_' and '-')",
    r"^[0-2][0-9]:[0-5][0-9]$": "must be a time of day HH:MM",
    r"^[A-Za-z0-9 ]*$": "must be letters and digits",
    r"^[0-9]{4}-Q[1-4]$": "must be a quarter like 2026-Q2",
    r"^[0-9]{4}-H[12]$": "must be a half year like 2026-H1",
    r"^[a-z][a-z0-9_]{1,59}$": "must be 2-60 characters: lower-case letters, digits and '_'",
    r"^[a-z][a-z0-9_.-]{1,79}$": "must be 2-80 characters: lower-case letters, digits, '_', '.', '-'",
    r"^[\p{Ll}\p{Lm}\p{Lo}\p{N}_]+$": "must be lower-case letters, digits or '_'",
}
#: rule id → reason, where the services say it so already
RULE_REASONS = {"required": "is required"}


def _reason(violation) -> str:
    proto = violation.proto
    if proto.rule_id == "string.pattern":
        reason = PATTERN_REASONS.get(violation.rule_value)
    else:
        reason = RULE_REASONS.get(proto.rule_id)
    return reason or proto.message or proto.rule_id or "breaks a declared constraint"


def _validator() -> protovalidate.Validator:
    """One validator per thread (it caches the compiled rules of each message type it has seen)."""
    validator = getattr(_local, "validator", None)
    if validator is None:
        validator = _local.validator = protovalidate.Validator()
    return validator


def field_path(path) -> str:
    """A protovalidate ``FieldPath`` as the services name fields: ``parts[0].name``, a map's value
    ``items.records`` (a key that is no identifier quoted: ``items["a b"]``)."""
    out = []
    for element in path.elements:
        name = element.field_name
        out.append(f".{name}" if out else name)
        subscript = element.subscript
        if subscript is None:
            continue
        if subscript.field == "index" or subscript.field in ("int_key", "uint_key"):
            out.append(f"[{subscript.value}]")
        elif subscript.field == "bool_key":
            out.append(f"[{'true' if subscript.value else 'false'}]")
        elif _IDENTIFIER.match(subscript.value):  # a map's key, as the services name it: items.records
            out.append(f".{subscript.value}")
        else:  # a key that is no identifier stays quoted: items["a b"]
            out.append(f"[{json.dumps(subscript.value, ensure_ascii=False)}]")
    return "".join(out)


def violations(message: Message, fail_fast: bool = False) -> list[tuple[str, str]]:
    """(field path, reason) of every declared constraint ``message`` breaks, in the validator's order
    (fields in declaration order, nested messages where they stand)."""
    found = []
    for violation in _validator().collect_violations(message, fail_fast=fail_fast):
        proto = violation.proto
        reason = _reason(violation)
        if proto.for_key:
            reason = f"key {reason}"
        found.append((field_path(proto.field), reason))
    return found


def check(message, authenticate: Callable[[], object] | None = None) -> None:
    """Refuse ``message`` if it breaks a declared constraint: InvalidArgument naming the first one's
    field path and reason (cut short by the error itself, as every reason is). A request that is no
    protobuf message (a method serving raw bytes) declares nothing and passes.

    ``authenticate`` (the gRPC plumbing's ``lambda: caller(context)``) is called before refusing, so
    that a caller without a valid token hears UNAUTHENTICATED, whatever its request holds, as it does
    from every method; a request that passes costs it nothing (its use case authenticates anyway)."""
    if not isinstance(message, Message):
        return
    found = violations(message, fail_fast=True)
    if found:
        if authenticate is not None:
            authenticate()  # raises Unauthenticated for a missing, forged or expired token
        path, reason = found[0]
        raise InvalidArgument(reason, path or None)
