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
