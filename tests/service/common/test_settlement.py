"""Settling a message once the broker's connection is gone: logged, never fatal to the worker.

nameko 2.14 catches only amqp's ConnectionError around ack and requeue; a socket's BrokenPipeError
or ConnectionResetError (a handler finishing just after a broker restart) escaped, stopped the
container and ended the worker (seen in tests/fault/test_broker_cut.py: 79 of 150 check-ins
credited, the worker gone). The broker redelivers what was not settled; the inbox applies it once.
"""
from __future__ import annotations

import pytest
from nameko.messaging import QueueConsumer

import services.common.nameko_support  # noqa: F401 - makes settlement safe


class _Message:
    def __init__(self, error):
        self.error = error
        self.channel = type("Channel", (), {"connection": object()})()

    def ack(self):
        raise self.error

    def requeue(self):
        raise self.error


@pytest.mark.parametrize("error", [BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset"),
                                   OSError("Server unexpectedly closed connection")])
@pytest.mark.parametrize("settle", ["ack_message", "requeue_message"])
def test_a_lost_connection_while_settling_is_logged_not_raised(error, settle, caplog):
    getattr(QueueConsumer, settle)(None, _Message(error))
    assert "it will be redelivered" in caplog.text


def test_other_failures_while_settling_still_raise():
    with pytest.raises(ValueError):
        QueueConsumer.ack_message(None, _Message(ValueError("a bug")))
