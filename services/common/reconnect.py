"""Keep a consumer of the broker going: connect, consume until the connection is lost, connect again.

Both long-lived consumers of the kernel use it, the event handlers' batch consumer
(services.common.event_batches) and every process's rollout listener (services.common.rollout_broadcast):
a broker restart must not end them (issue 10). The pause between tries starts at half a second and
doubles to ten; a try that consumed resets it.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

log = logging.getLogger(__name__)


def keep_consuming(consume: Callable[[], None], running: Callable[[], bool], what: str,
                   on_lost: Callable[[], None] | None = None) -> None:
    """Call ``consume()`` (which returns when ``running()`` turns false, or raises when the broker goes)
    again and again while ``running()``; ``on_lost`` runs after each loss."""
    pause = 0.5
    while running():
        try:
            consume()
            pause = 0.5
        except Exception as exc:  # noqa: BLE001 - a broker away, a channel closed: connect again
            if on_lost is not None:
                on_lost()
            if not running():
                break
            log.warning("%s lost its broker connection; reconnecting", what,
                        extra={"error": repr(exc)[:300], "pause_seconds": pause})
            deadline = time.monotonic() + pause
            while running() and time.monotonic() < deadline:
                time.sleep(min(0.1, deadline - time.monotonic()))
            pause = min(pause * 2, 10.0)
