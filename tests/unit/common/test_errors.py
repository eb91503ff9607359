"""The error model: classes map to gRPC status codes, str() is "field: reason"."""
from __future__ import annotations

import grpc
import pytest

from services.common import errors
from services.common.errors import (AlreadyExists, DomainError, FailedPrecondition, InvalidArgument,
                                    NotFound, PermissionDenied, Unauthenticated, ValidationFailed, require)
from services.common.grpc_support import BY_GRPC_CODE, raise_for_status, status_code

MAPPING = [
    (InvalidArgument, grpc.StatusCode.INVALID_ARGUMENT),
    (NotFound, grpc.StatusCode.NOT_FOUND),
    (AlreadyExists, grpc.StatusCode.ALREADY_EXISTS),
    (FailedPrecondition, grpc.StatusCode.FAILED_PRECONDITION),
    (PermissionDenied, grpc.StatusCode.PERMISSION_DENIED),
    (Unauthenticated, grpc.StatusCode.UNAUTHENTICATED),
    (ValidationFailed, grpc.StatusCode.INVALID_ARGUMENT),
]


@pytest.mark.parametrize("cls,code", MAPPING)
def test_each_error_maps_to_its_status_code(cls, code):
    assert status_code(cls("x")) == code
    assert issubclass(cls, DomainError)


@pytest.mark.parametrize("cls,code", MAPPING[:6])
def test_status_codes_map_back_to_the_class(cls, code):
    assert BY_GRPC_CODE[code] is cls


def test_str_is_field_colon_reason():
    exc = InvalidArgument("must be 9 digits", "code")
    assert str(exc) == "code: must be 9 digits"
    assert exc.field == "code" and exc.message == "must be 9 digits"


def test_str_without_field_is_the_reason():
    assert str(NotFound("nothing here")) == "nothing here"


def test_validation_failed_carries_problems():
    problems = [{"row": 3, "column": "code", "reason": "bad"}]
    exc = ValidationFailed("2 rows are bad", problems)
    assert isinstance(exc, InvalidArgument)
    assert exc.problems == problems and exc.field is None
    assert str(exc) == "2 rows are bad"


def test_errors_survive_nameko_serialisation():
    from nameko.exceptions import deserialize, serialize

    import services.common.nameko_support  # noqa: F401 - registers the classes with nameko

    data = serialize(AlreadyExists("division 310101 already exists", "code"))
    back = deserialize(data)
    assert isinstance(back, AlreadyExists)


def test_require():
    assert require("x", "name") == "x"
    assert require(0, "count") == 0
    for value in (None, "", "  "):
        with pytest.raises(InvalidArgument) as err:
            require(value, "name")
        assert str(err.value) == "name: is required"
    with pytest.raises(InvalidArgument, match="give one"):
        require(None, "name", "give one")


class _FakeRpcError(grpc.RpcError):
    def __init__(self, code, details):
        self._code, self._details = code, details

    def code(self):
        return self._code

    def details(self):
        return self._details


def test_client_side_status_turns_back_into_the_domain_error():
    with pytest.raises(NotFound) as err:
        raise_for_status(_FakeRpcError(grpc.StatusCode.NOT_FOUND, "id: no organisation 'x'"))
    assert err.value.field == "id" and err.value.message == "no organisation 'x'"
    with pytest.raises(PermissionDenied) as err:
        raise_for_status(_FakeRpcError(grpc.StatusCode.PERMISSION_DENIED, "denied"))
    assert err.value.field is None


def test_unmapped_status_is_reraised():
    original = _FakeRpcError(grpc.StatusCode.INTERNAL, "boom")
    with pytest.raises(_FakeRpcError):
        raise_for_status(original)


def test_module_exports_every_mapped_class():
    assert {c.__name__ for c in BY_GRPC_CODE.values()} <= set(vars(errors))


def test_the_error_model_imports_no_io_library():
    """The domain raises these, and the domain is pure: errors.py imports neither grpc nor nameko."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(errors))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in (node.names if isinstance(node, ast.Import) else [type("N", (), {"name": node.module or ""})])}
    assert imported <= {"__future__"}
