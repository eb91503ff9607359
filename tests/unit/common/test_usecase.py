"""usecase.check_params: unknown and missing parameters are refused naming the field."""
from __future__ import annotations

import pytest

from services.common.errors import InvalidArgument
from services.common.usecase import check_params
from services.registry.app import USE_CASES, organisations


def found(uow, *, kind: str, name: str, parent_id: str | None = None, dry_run: bool = False) -> dict:
    return {}


def nothing(uow) -> dict:
    return {}


def test_accepted_params_are_returned_unchanged():
    params = {"kind": "branch", "name": "x", "parent_id": "p"}
    assert check_params(found, params) is params


def test_optional_params_may_be_absent():
    assert check_params(found, {"kind": "branch", "name": "x"}) == {"kind": "branch", "name": "x"}


def test_an_unknown_parameter_is_named_and_the_accepted_ones_listed():
    with pytest.raises(InvalidArgument) as err:
        check_params(found, {"kind": "branch", "name": "x", "colour": "red"})
    assert err.value.field == "colour"
    assert "found takes kind, name, parent_id, dry_run" in err.value.message


def test_the_first_unknown_parameter_in_order_is_named():
    with pytest.raises(InvalidArgument) as err:
        check_params(found, {"kind": "branch", "name": "x", "zeta": 1, "alpha": 2})
    assert err.value.field == "alpha"


def test_a_function_without_parameters_says_so():
    with pytest.raises(InvalidArgument) as err:
        check_params(nothing, {"x": 1})
    assert "takes nothing" in err.value.message


@pytest.mark.parametrize("params,missing", [
    ({"name": "x"}, "kind"),
    ({"kind": "branch"}, "name"),
    ({"kind": "", "name": "x"}, "kind"),
    ({"kind": "branch", "name": None}, "name"),
])
def test_a_missing_required_parameter_is_named(params, missing):
    with pytest.raises(InvalidArgument) as err:
        check_params(found, params)
    assert err.value.field == missing
    assert err.value.message == "is required"


def test_falsy_but_present_values_count_as_given():
    def fn(uow, *, count: int, flag: bool) -> dict:
        return {}

    assert check_params(fn, {"count": 0, "flag": False}) == {"count": 0, "flag": False}


def test_a_real_use_case_names_its_missing_field():
    with pytest.raises(InvalidArgument) as err:
        check_params(organisations.found_organisation, {"kind": "branch", "name": "x"})
    assert err.value.field == "division_code"


def test_every_registry_use_case_takes_keyword_only_parameters():
    import inspect

    for name, fn in USE_CASES.items():
        params = list(inspect.signature(fn).parameters.values())
        assert params[0].name == "uow", name
        assert all(p.kind == p.KEYWORD_ONLY for p in params[1:]), name


def test_a_nul_byte_anywhere_in_the_parameters_is_refused_naming_its_field():
    """PostgreSQL refuses a NUL in text (the call crashed as INTERNAL), SQLite cut the text there."""
    from services.common.usecase import check_params

    def use_case(uow, *, name: str, parts: list | None = None):
        return None

    for params, field in (({"name": "a\x00b"}, "name"),
                          ({"name": "ok", "parts": [{"name": "x"}, {"name": "y\x00"}]}, "parts[1].name")):
        with pytest.raises(InvalidArgument) as err:
            check_params(use_case, params)
        assert (err.value.field, err.value.message) == (field, "must not contain a NUL byte")


def test_an_idempotency_key_with_control_characters_is_refused():
    from services.common.context import RequestContext
    from services.common.usecase import _idempotent_request

    def use_case(uow, *, name: str):
        return None

    ctx = RequestContext(actor="a", roles=frozenset({"district_admin"}), district="310101")
    with pytest.raises(InvalidArgument) as err:
        _idempotent_request(ctx, use_case, {"name": "x", "idempotency_key": "k\x07"}, "Op")
    assert err.value.field == "idempotency_key"


def test_an_error_quoting_a_huge_value_is_cut_short():
    """A 30 KB value echoed in the details was refused by default gRPC clients (RESOURCE_EXHAUSTED)."""
    err = InvalidArgument(f"must be a code, got {'x' * 30_000!r}", "code")
    assert len(err.message) <= 400 and err.message.endswith("…") and len(str(err)) < 420
