"""The events' contracts: one JSON Schema per (source service, event type) that crosses services,
in this folder as ``<source>.<event type>.json``, checked by the producer's tests against what it
emits and by the consumer's tests against what it is fed, so the two cannot drift apart.

A schema describes the event's ``payload`` (the envelope around it, ``event_id``, ``occurred_at``,
``district``..., is the kernel's own, services.common.inbox.check_envelope).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import jsonschema

FOLDER = Path(__file__).parent


@functools.lru_cache(maxsize=None)
def schema(source: str, event_type: str) -> dict:
    return json.loads((FOLDER / f"{source}.{event_type}.json").read_text(encoding="utf-8"))


def problems(source: str, event_type: str, payload) -> list[str]:
    """What is wrong with ``payload`` against the event's contract, as ``payload.<path>: <reason>`` lines."""
    validator = jsonschema.Draft202012Validator(schema(source, event_type))
    found = []
    for error in sorted(validator.iter_errors(payload), key=lambda e: list(e.absolute_path)):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        found.append(f"payload{path}: {error.message}")
    return found


def known() -> list[tuple[str, str]]:
    """(source, event type) of every contract kept here."""
    return sorted(tuple(p.stem.split(".", 1)) for p in FOLDER.glob("*.json"))
