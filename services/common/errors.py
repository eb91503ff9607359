"""One error model for every service, mapped to gRPC status codes.

Application code raises these; the gRPC interceptor turns them into status codes
and the nameko worker ships them to RPC callers as the same classes. Messages name
the field and the reason, e.g. ``code: must be 9 digits starting with district 310101``.
"""
from __future__ import annotations

import grpc
from nameko.exceptions import deserialize_to_instance


class DomainError(Exception):
    """Base of every expected error. ``field`` names the offending input where there is one."""

    grpc_code = grpc.StatusCode.UNKNOWN

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message, field)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


@deserialize_to_instance
class InvalidArgument(DomainError):
    grpc_code = grpc.StatusCode.INVALID_ARGUMENT


@deserialize_to_instance
class NotFound(DomainError):
    grpc_code = grpc.StatusCode.NOT_FOUND


@deserialize_to_instance
class AlreadyExists(DomainError):
    grpc_code = grpc.StatusCode.ALREADY_EXISTS


@deserialize_to_instance
class FailedPrecondition(DomainError):
    grpc_code = grpc.StatusCode.FAILED_PRECONDITION


@deserialize_to_instance
class PermissionDenied(DomainError):
    grpc_code = grpc.StatusCode.PERMISSION_DENIED


@deserialize_to_instance
class Unauthenticated(DomainError):
    grpc_code = grpc.StatusCode.UNAUTHENTICATED


@deserialize_to_instance
class ValidationFailed(InvalidArgument):
    """Several inputs are bad at once (e.g. an import file); ``problems`` lists each."""

    def __init__(self, message: str, problems: list | None = None):
        DomainError.__init__(self, message, None)
        self.args = (message, problems or [])
        self.problems = list(problems or [])


BY_GRPC_CODE = {cls.grpc_code: cls for cls in
                (InvalidArgument, NotFound, AlreadyExists, FailedPrecondition, PermissionDenied, Unauthenticated)}


def require(value, field: str, reason: str = "is required"):
    """Return ``value`` or raise InvalidArgument naming ``field``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidArgument(reason, field)
    return value
