"""Protobuf messages to plain parameter dicts and back.

Only fields that were set are passed (so the use case's defaults apply); bytes stay bytes.
Responses are parsed strictly: a key the message lacks is a programming error caught by tests.
"""
from __future__ import annotations

import base64

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message


def to_params(message: Message) -> dict:
    params = {}
    for field, value in message.ListFields():
        if field.type == FieldDescriptor.TYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:
                value_field = field.message_type.fields_by_name["value"]
                params[field.name] = {k: (to_params(v) if value_field.type == FieldDescriptor.TYPE_MESSAGE else v)
                                      for k, v in value.items()}
            elif field.is_repeated:
                params[field.name] = [to_params(v) for v in value]
            else:
                params[field.name] = to_params(value)
        elif field.is_repeated:
            params[field.name] = list(value)
        else:
            params[field.name] = value
    return params


def _json_ready(value):
    """ParseDict reads bytes fields as base64 text; raw bytes would be decoded into garbage."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    return value


def to_message(data: dict, message_type: type[Message]) -> Message:
    try:  # flat replies (most ledger writes) build directly; ParseDict costs far more per call
        return message_type(**data)
    except (TypeError, ValueError):
        return json_format.ParseDict(_json_ready(data), message_type(), ignore_unknown_fields=False)
