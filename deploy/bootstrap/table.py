"""The photo records' DynamoDB table: on demand, point-in-time recovery, protected from
deletion, with the key schema the processor writes (`lambda_processor.records`)."""

from lambda_processor.records import (
    TABLE_ATTRIBUTE_DEFINITIONS,
    TABLE_BILLING_MODE,
    TABLE_KEY_SCHEMA,
)

from .report import CREATED, UNCHANGED, Change, converge, read_or_none

KEY_NAMES = [key["AttributeName"] for key in TABLE_KEY_SCHEMA]


class TableMismatch(RuntimeError):
    """The table exists with other keys: no setting can fix that, only a new table."""


def ensure(dynamodb, *, table: str) -> list[Change]:
    resource = f"table {table}"
    description, created = _exists(dynamodb, table)
    if description["KeySchema"] != TABLE_KEY_SCHEMA:
        raise TableMismatch(
            f"{resource} has keys {description['KeySchema']}, not {TABLE_KEY_SCHEMA}: "
            "name another table in deploy/stack.json"
        )
    if created:  # created with every setting below except point-in-time recovery
        return [
            Change(resource, "table", CREATED, f"keys {', '.join(KEY_NAMES)}"),
            Change(resource, "billing", CREATED, TABLE_BILLING_MODE),
            Change(resource, "deletion protection", CREATED, "on"),
            _point_in_time_recovery(dynamodb, table, resource),
        ]
    return [
        Change(resource, "table", UNCHANGED),
        converge(
            resource,
            "billing",
            current=(description.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED"),
            wanted=TABLE_BILLING_MODE,
            apply=lambda: _update(dynamodb, table, BillingMode=TABLE_BILLING_MODE),
        ),
        converge(
            resource,
            "deletion protection",
            current=description.get("DeletionProtectionEnabled", False),
            wanted=True,
            apply=lambda: _update(dynamodb, table, DeletionProtectionEnabled=True),
            describe=lambda on: "on" if on else "off",
        ),
        _point_in_time_recovery(dynamodb, table, resource),
    ]


def _exists(dynamodb, table: str) -> tuple[dict, bool]:
    answer = read_or_none(
        lambda: dynamodb.describe_table(TableName=table), missing={"ResourceNotFoundException"}
    )
    if answer is not None:
        return answer["Table"], False
    dynamodb.create_table(
        TableName=table,
        KeySchema=TABLE_KEY_SCHEMA,
        AttributeDefinitions=TABLE_ATTRIBUTE_DEFINITIONS,
        BillingMode=TABLE_BILLING_MODE,
        DeletionProtectionEnabled=True,
    )
    _wait_active(dynamodb, table)
    return dynamodb.describe_table(TableName=table)["Table"], True


def _wait_active(dynamodb, table: str) -> None:
    dynamodb.get_waiter("table_exists").wait(
        TableName=table, WaiterConfig={"Delay": 2, "MaxAttempts": 60}
    )


def _update(dynamodb, table: str, **settings) -> None:
    dynamodb.update_table(TableName=table, **settings)
    _wait_active(dynamodb, table)


def _point_in_time_recovery(dynamodb, table: str, resource: str) -> Change:
    backups = dynamodb.describe_continuous_backups(TableName=table)
    status = backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"][
        "PointInTimeRecoveryStatus"
    ]
    return converge(
        resource,
        "point-in-time recovery",
        current=status,
        wanted="ENABLED",
        apply=lambda: dynamodb.update_continuous_backups(
            TableName=table,
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        ),
    )
