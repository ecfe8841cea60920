"""DynamoDB's typed attribute values to plain values and back, as boto3's TypeSerializer
and TypeDeserializer (boto3.dynamodb.types) convert them.

The processor's clients are bare botocore ones (`aws`): importing boto3 for these two
classes would load boto3, s3transfer and multiprocessing in every new instance. Binary
values come back as bytes (boto3 wraps them in its `Binary`); the records hold none.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow
from typing import Any

# DynamoDB's numbers: 38 significant digits; one that does not fit is refused, not rounded.
NUMBERS = Context(
    Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow]
)


def serialize(value: Any) -> dict[str, Any]:
    """A plain value -> `{type: value}` (floats refused: DynamoDB wants Decimal)."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if _is_number(value):
        return {"N": _number(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bytes | bytearray):
        return {"B": bytes(value)}
    if isinstance(value, set | frozenset) and value:
        if all(_is_number(each) for each in value):
            return {"NS": [_number(each) for each in value]}
        if all(isinstance(each, str) for each in value):
            return {"SS": list(value)}
        if all(isinstance(each, bytes | bytearray) for each in value):
            return {"BS": [bytes(each) for each in value]}
    if isinstance(value, Mapping):
        return {"M": {key: serialize(each) for key, each in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [serialize(each) for each in value]}
    raise TypeError(f'Unsupported type "{type(value)}" for value "{value}"')


def deserialize(attribute: dict[str, Any]) -> Any:
    """`{type: value}` -> a plain value (numbers as Decimal)."""
    if len(attribute) != 1:
        raise TypeError(f"Not a DynamoDB attribute value: {attribute!r}")
    [(kind, value)] = attribute.items()
    if kind == "NULL":
        return None
    if kind in ("BOOL", "S"):
        return value
    if kind == "N":
        return NUMBERS.create_decimal(value)
    if kind == "B":
        return bytes(value)
    if kind == "SS":
        return set(value)
    if kind == "NS":
        return {NUMBERS.create_decimal(each) for each in value}
    if kind == "BS":
        return {bytes(each) for each in value}
    if kind == "L":
        return [deserialize(each) for each in value]
    if kind == "M":
        return {key: deserialize(each) for key, each in value.items()}
    raise TypeError(f"DynamoDB type {kind} is not supported")


def _is_number(value: Any) -> bool:
    if isinstance(value, float):
        raise TypeError("Float types are not supported. Use Decimal types instead.")
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _number(value: int | Decimal) -> str:
    number = str(NUMBERS.create_decimal(value))
    if number in ("Infinity", "NaN"):
        raise TypeError("Infinity and NaN not supported")
    return number
