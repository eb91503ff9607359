"""Structured logs: one JSON object per line, carrying the request id of the work in progress."""
from __future__ import annotations

import json
import logging
import sys
import time

from services.common.context import current_request_id

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str, process: str):
        super().__init__()
        self.service, self.process = service, process

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "service": self.service,
            "process": self.process,
            "logger": record.name,
            "request_id": current_request_id.get(),
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


def configure_logging(service: str, process: str, level: str = "INFO", fmt: str = "json") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter(service, process))
    else:
        handler.addFilter(_RequestIdFilter())
        handler.setFormatter(logging.Formatter(
            f"%(asctime)s %(levelname)s {service}/{process} [%(request_id)s] %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("amqp", "kombu", "nameko", "sqlalchemy.engine", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))


#: one line per call served: a gRPC method, an RPC over AMQP, an event consumed (``access``)
ACCESS = logging.getLogger("cityplat.access")


def access(kind: str, method: str, outcome: str, seconds: float, district: str | None,
           subdistrict: str | None, **extra) -> None:
    """The access log's line of one call: ``kind`` (grpc, rpc, event), the method (or event type), its
    outcome (a gRPC status code, ok/error, or an event's fate), how long it took, the caller's district
    and sub-district; the request id is the log's own field. A request id echoed to a client is found here."""
    if ACCESS.isEnabledFor(logging.INFO):
        ACCESS.info("%s %s %s", kind, method, outcome, extra={
            "kind": kind, "method": method, "code": outcome, "duration_ms": round(seconds * 1000, 3),
            "district": district or "-", "subdistrict": subdistrict or "-",
            "request_id": current_request_id.get(), **extra})  # on the record: whenever it is formatted


def mask_phone(phone: str | None) -> str | None:
    """138****5678: personal data is masked in listings and logs."""
    if not phone:
        return phone
    digits = phone.strip()
    return digits[:3] + "*" * max(len(digits) - 7, 1) + digits[-4:] if len(digits) >= 8 else "*" * len(digits)


def mask_id_number(number: str | None) -> str | None:
    if not number:
        return number
    return number[:4] + "*" * max(len(number) - 8, 1) + number[-4:] if len(number) >= 10 else "*" * len(number)
