"""Territory: district > sub-district > community > grid > second-level grid > compound > building > unit.

Code formats and the chain of ancestors live in the shared kernel (services.common.divisions)
because every service reads them; this module adds the registry's tree rules.
"""
from __future__ import annotations

from services.common.divisions import check_code_format, level_of, parent_code
from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import text

PARENT_LEVELS = {
    "district": (),
    "subdistrict": ("district",),
    "community": ("subdistrict",),
    "grid": ("community",),
    "subgrid": ("grid",),                           # 二级网格: a second-level grid splits a grid
    "compound": ("subgrid", "grid", "community"),  # a compound may sit in either grid or directly in the community
    "building": ("compound",),                      # 楼栋
    "unit": ("building",),                          # 单元
}


def check_name(name: str | None, field: str = "name") -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidArgument("is required", field)
    if len(name) > 100:
        raise InvalidArgument("must be at most 100 characters", field)
    return text(name, field, 100)


def validate_division(code: str, level: str, name: str, parent: str | None) -> str:
    """Check a new division; returns the parent code it must hang under (None for a district)."""
    check_name(name)
    code = check_code_format(code, level, "code")
    implied = parent_code(code, level)
    if parent is not None and parent != implied:
        raise InvalidArgument(f"{code!r} does not extend its parent {parent!r}", "parent_code")
    if implied is not None and level_of(implied) not in PARENT_LEVELS[level]:
        raise InvalidArgument(f"a {level} cannot sit under {implied!r}", "parent_code")
    return implied


def check_rename(current_name: str, name: str | None, on: date, last_change_on: date | None) -> str:
    """A rename (更名) takes a new name, effective no earlier than the division's last change."""
    name = check_name(name)
    if name == current_name:
        raise InvalidArgument("is the current name", "name")
    if last_change_on is not None and on < last_change_on:
        raise InvalidArgument(f"must not be before the last change, on {last_change_on}", "effective_on")
    return name


def check_retirement(code: str, reason: str | None, on: date, last_change_on: date | None,
                     attached: dict[str, list[str]]) -> str:
    """A division is retired (撤销) with a reason, and only once nothing active hangs on it:
    ``attached`` maps what (active child divisions, organisations, people...) to their ids. Retiring
    one with records still attached would leave them placed nowhere, so the refusal names them."""
    if not reason or not reason.strip():
        raise InvalidArgument("is required to retire a division", "reason")
    if last_change_on is not None and on < last_change_on:
        raise InvalidArgument(f"must not be before the last change, on {last_change_on}", "effective_on")
    blocking = [f"{len(ids)} {what} ({', '.join(ids[:3])}{', ...' if len(ids) > 3 else ''})"
                for what, ids in attached.items() if ids]
    if blocking:
        raise FailedPrecondition(f"{code} still has {'; '.join(blocking)}: move, end or retire them first", "code")
    return reason.strip()
