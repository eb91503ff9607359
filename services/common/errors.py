"""One error model for every service.

Application code raises these. They are pure Python, so the domain modules that raise them stay
free of I/O libraries: the gRPC plumbing maps them to status codes
(``services.common.grpc_support.STATUS_CODES``) and the nameko plumbing ships them to RPC callers
as the same classes (``services.common.nameko_support``). Messages name the field and the reason,
e.g. ``code: must be 9 digits starting with district 310101``.
"""
from __future__ import annotations


MESSAGE_LIMIT = 400
FIELD_LIMIT = 120


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class DomainError(Exception):
    """Base of every expected error. ``field`` names the offending input where there is one."""

    def __init__(self, message: str, field: str | None = None):
        # a reason quoting the caller's input is cut short: a 30 KB value echoed back in the details
        # would be refused by default gRPC clients (RESOURCE_EXHAUSTED) and swamp the logs
        message, field = _cut(str(message), MESSAGE_LIMIT), (_cut(str(field), FIELD_LIMIT) if field else field)
        super().__init__(message, field)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InvalidArgument(DomainError):
    """The input is malformed or breaks a rule of its own (INVALID_ARGUMENT)."""


class NotFound(DomainError):
    """No such record in the caller's scope: another district's or community's is not found either (NOT_FOUND)."""


class AlreadyExists(DomainError):
    """The record, or the idempotency key, is taken (ALREADY_EXISTS)."""


class FailedPrecondition(DomainError):
    """The request is well formed but the state does not allow it now (FAILED_PRECONDITION)."""


class PermissionDenied(DomainError):
    """The caller's roles or scope do not allow it (PERMISSION_DENIED)."""


class Unauthenticated(DomainError):
    """No valid token (UNAUTHENTICATED)."""


class StorageBusy(DomainError):
    """The database could not take the write in time (SQLite locked by another process for long):
    nothing was changed, and the same call may be made again (UNAVAILABLE)."""


class ValidationFailed(InvalidArgument):
    """Several inputs are bad at once (e.g. an import file); ``problems`` lists each."""

    def __init__(self, message: str, problems: list | None = None):
        DomainError.__init__(self, message, None)
        self.args = (message, problems or [])
        self.problems = list(problems or [])


#: every class an entrypoint may raise to a caller (the nameko plumbing registers each)
ALL = (InvalidArgument, NotFound, AlreadyExists, FailedPrecondition, PermissionDenied, Unauthenticated,
       StorageBusy, ValidationFailed)


def require(value, field: str, reason: str = "is required"):
    """Return ``value`` or raise InvalidArgument naming ``field``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidArgument(reason, field)
    return value
