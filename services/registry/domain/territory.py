"""Territory: district > sub-district > community > grid > compound.

Code formats and the chain of ancestors live in the shared kernel (services.common.divisions)
because every service reads them; this module adds the registry's tree rules.
"""
from __future__ import annotations

from services.common.divisions import check_code_format, level_of, parent_code
from services.common.errors import InvalidArgument

PARENT_LEVELS = {
    "district": (),
    "subdistrict": ("district",),
    "community": ("subdistrict",),
    "grid": ("community",),
    "compound": ("grid", "community"),  # a compound may sit in a grid or directly in the community
}


def validate_division(code: str, level: str, name: str, parent: str | None) -> str:
    """Check a new division; returns the parent code it must hang under (None for a district)."""
    if not name or not name.strip():
        raise InvalidArgument("is required", "name")
    if len(name) > 100:
        raise InvalidArgument("must be at most 100 characters", "name")
    code = check_code_format(code, level, "code")
    implied = parent_code(code, level)
    if parent is not None and parent != implied:
        raise InvalidArgument(f"{code!r} does not extend its parent {parent!r}", "parent_code")
    if implied is not None and level_of(implied) not in PARENT_LEVELS[level]:
        raise InvalidArgument(f"a {level} cannot sit under {implied!r}", "parent_code")
    return implied
