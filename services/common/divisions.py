"""National statistical division codes (统计用区划代码), shared by every service.

district (区) 6 digits, sub-district (街道) 9, community (社区) 12; each extends its parent.
Grids (网格), compounds (小区), buildings (楼栋) and units (单元) hang below a community with their
own ids, each extending its parent after a dash: ``<community>-G<nn>`` for a grid,
``<grid>-G<nn>`` for a second-level grid (二级网格, level ``subgrid``), ``<community or either
grid>-C<nn>`` for a compound, ``<compound>-B<nn>`` for a building and ``<building>-U<nn>`` for a
unit (a building or unit number has 2-3 digits, so that the longest id fits the 40 characters the
services store).
"""
from __future__ import annotations

import re

from services.common.errors import InvalidArgument

LEVELS = ("district", "subdistrict", "community", "grid", "subgrid", "compound", "building", "unit")
DIGITS = {"district": 6, "subdistrict": 9, "community": 12}
_GRID = re.compile(r"^(\d{12})-G(\d{2,4})$")
_SUBGRID = re.compile(r"^(\d{12}-G\d{2,4})-G(\d{2,4})$")
_COMPOUND = re.compile(r"^(\d{12}(?:-G\d{2,4}){0,2})-C(\d{2,4})$")
_BUILDING = re.compile(r"^(\d{12}(?:-G\d{2,4}){0,2}-C\d{2,4})-B(\d{2,3})$")
_UNIT = re.compile(r"^(\d{12}(?:-G\d{2,4}){0,2}-C\d{2,4}-B\d{2,3})-U(\d{2,3})$")
#: the id shapes below a community, and the reason a code not of that shape is refused
_SHAPES = {
    "grid": (_GRID, "a grid id must look like <12-digit community>-G01"),
    "subgrid": (_SUBGRID, "a second-level grid id must look like <grid>-G01"),
    "compound": (_COMPOUND, "a compound id must look like <community>-C01 or <grid>-C01"),
    "building": (_BUILDING, "a building id must look like <compound>-B01"),
    "unit": (_UNIT, "a unit id must look like <building>-U01"),
}
#: the shape of a division code of any level, as the gRPC contracts declare it (protovalidate, RE2):
#: proto/cityplat/registry/v1/registry.proto repeats it, and tests/unit/common checks both agree
CODE_PATTERN = (r"^\s*(?:\d{4}(?:0[1-9]|[1-9]\d)|\d{6}(?:00[1-9]|0[1-9]\d|[1-9]\d{2})"
                r"|\d{9}(?:00[1-9]|0[1-9]\d|[1-9]\d{2})|\d{12}(?:-G\d{2,4}){1,2}"
                r"|\d{12}(?:-G\d{2,4}){0,2}-C\d{2,4}(?:-B\d{2,3}(?:-U\d{2,3})?)?)\s*$")
#: the one-letter mark each of those levels adds to its parent's id
_MARKS = {"grid": "-G", "subgrid": "-G", "compound": "-C", "building": "-B", "unit": "-U"}


def level_of(code: str) -> str | None:
    if code.isdigit():
        return {6: "district", 9: "subdistrict", 12: "community"}.get(len(code))
    for level, (shape, _) in _SHAPES.items():
        if shape.match(code):
            return level
    return None


def district_of(code: str) -> str:
    return code[:6]


def within(code: str | None, division: str | None) -> bool:
    """Does ``code`` lie within ``division`` (or is it)? 310101002001 lies within 310101 and 310101002;
    <community>-G01-C02 within <community>-G01. The one place that says it: codes nest by prefix, but
    a grid or compound id is extended only after a dash (<community>-G010 is not in <community>-G01)."""
    if not code or not division or not code.startswith(division):
        return False
    rest = code[len(division):]
    return not rest or rest.startswith("-") or division.isdigit()


def check_code_format(code: str | None, level: str, field: str = "code", parent: str | None = None) -> str:
    """Validate a division code for ``level``; with ``parent``, check that it extends it."""
    if level not in LEVELS:
        raise InvalidArgument(f"must be one of {', '.join(LEVELS)}", "level")
    if not code or not isinstance(code, str):
        raise InvalidArgument("is required", field)
    code = code.strip()
    if level in DIGITS:
        n = DIGITS[level]
        if not (code.isdigit() and len(code) == n):
            raise InvalidArgument(f"a {level} code must be {n} digits, got {code!r}", field)
        if level == "district" and code.endswith("00"):
            # 310100 is the city's own code: districts are 01-99 under it
            raise InvalidArgument(f"{code!r} is a city code; a district code does not end in 00", field)
        if level != "district" and code[-3:] == "000":
            raise InvalidArgument(f"{code!r}: the last three digits of a {level} code cannot be 000", field)
    else:
        shape, reason = _SHAPES[level]
        if not shape.match(code):
            raise InvalidArgument(f"{reason}, got {code!r}", field)
    if parent is not None:
        expected_parent = parent_code(code, level)
        if expected_parent != parent:
            raise InvalidArgument(f"{code!r} does not extend its parent {parent!r}", field)
    return code


def parent_code(code: str, level: str) -> str | None:
    """The parent a code implies: 310101002001 -> 310101002; <community>-G01-C02 -> <community>-G01;
    <compound>-B01-U02 -> <compound>-B01 (the last mark and its number dropped)."""
    if level == "district":
        return None
    if level == "subdistrict":
        return code[:6]
    if level == "community":
        return code[:9]
    return code.rsplit(_MARKS[level], 1)[0]


def ancestors(code: str) -> list[str]:
    """The divisions above a code, outermost first: 310101002001 -> [310101, 310101002]."""
    chain = []
    level = level_of(code)
    while level is not None:
        code = parent_code(code, level)
        if code is None:
            break
        level = level_of(code)
        chain.append(code)
    return chain[::-1]


def subdistrict_of(code: str | None) -> str | None:
    """The sub-district a code lies in (None for a district code or none)."""
    if not code or len(code) < DIGITS["subdistrict"] or level_of(code) in (None, "district"):
        return None
    return code[:DIGITS["subdistrict"]]
