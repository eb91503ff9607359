"""National statistical division codes (统计用区划代码), shared by every service.

district (区) 6 digits, sub-district (街道) 9, community (社区) 12; each extends its parent.
Grids (网格) and compounds (小区) hang below a community with their own ids:
``<community>-G<nn>`` for a grid, ``<grid or community>-C<nn>`` for a compound.
"""
from __future__ import annotations

import re

from services.common.errors import InvalidArgument

LEVELS = ("district", "subdistrict", "community", "grid", "compound")
DIGITS = {"district": 6, "subdistrict": 9, "community": 12}
_GRID = re.compile(r"^(\d{12})-G(\d{2,4})$")
_COMPOUND = re.compile(r"^(\d{12}(?:-G\d{2,4})?)-C(\d{2,4})$")


def level_of(code: str) -> str | None:
    if code.isdigit():
        return {6: "district", 9: "subdistrict", 12: "community"}.get(len(code))
    if _GRID.match(code):
        return "grid"
    if _COMPOUND.match(code):
        return "compound"
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
    elif level == "grid":
        if not _GRID.match(code):
            raise InvalidArgument(f"a grid id must look like <12-digit community>-G01, got {code!r}", field)
    else:
        if not _COMPOUND.match(code):
            raise InvalidArgument(
                f"a compound id must look like <community>-C01 or <grid>-C01, got {code!r}", field)
    if parent is not None:
        expected_parent = parent_code(code, level)
        if expected_parent != parent:
            raise InvalidArgument(f"{code!r} does not extend its parent {parent!r}", field)
    return code


def parent_code(code: str, level: str) -> str | None:
    """The parent a code implies: 310101002001 -> 310101002; <community>-G01-C02 -> <community>-G01."""
    if level == "district":
        return None
    if level == "subdistrict":
        return code[:6]
    if level == "community":
        return code[:9]
    if level == "grid":
        return code.split("-G")[0]
    return code.rsplit("-C", 1)[0]


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
