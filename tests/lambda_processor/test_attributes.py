"""The processor's DynamoDB conversion gives what boto3's TypeSerializer and
TypeDeserializer give (the processor ships without importing boto3)."""

from decimal import Decimal

import pytest
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from lambda_processor import attributes
from lambda_processor.records import item_to_dynamo

# What records hold (records.item_to_dynamo turns floats into Decimal first), and the rest
# of DynamoDB's types.
VALUES = [
    None,
    True,
    False,
    0,
    -7,
    2**63,
    Decimal("0.8734"),
    Decimal("1E+5"),
    Decimal("-1.50"),
    "",
    "Landscape ü 1.jpg",
    b"\x00\xff",
    {"tags"},
    {Decimal("2.5"), 3},
    {b"a"},
    [],
    [1, "two", None, [Decimal("3.25")]],
    {},
    {"exif": {"exposure": {"f_number": Decimal("2.8")}, "iso": 200}, "widths": [480, 960]},
    item_to_dynamo({"size_reduction": 0.8734, "ratio": 2.0, "nan": float("nan")}),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_values_convert_as_boto3_converts_them(value):
    attribute = attributes.serialize(value)
    assert attribute == TypeSerializer().serialize(value) or (
        # sets have no order: compare their members
        set(*attribute.values()) == set(*TypeSerializer().serialize(value).values())
    )
    assert attributes.deserialize(attribute) == TypeDeserializer().deserialize(attribute)


@pytest.mark.parametrize(
    "value", [1.5, Decimal("1.234567890123456789012345678901234567891"), Decimal("NaN"), object()]
)
def test_what_dynamodb_cannot_hold_is_refused_as_boto3_refuses_it(value):
    with pytest.raises(Exception) as ours:
        attributes.serialize(value)
    with pytest.raises(Exception) as boto3s:
        TypeSerializer().serialize(value)
    assert type(ours.value) is type(boto3s.value)
