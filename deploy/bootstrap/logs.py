"""Each function's log group, made here with a retention period before Lambda would make
one that keeps everything for ever. The functions' roles may not create log groups
(deploy/iam.py), so a group deleted by hand comes back only with its retention, here."""

from .report import CREATED, Change, converge

RETENTION_DAYS = 90  # CloudWatch Logs accepts only some values; 90 is one


def ensure(logs, *, group: str) -> list[Change]:
    resource = f"log group {group}"
    found = [
        existing
        for existing in logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
        if existing["logGroupName"] == group
    ]
    changes = []
    if not found:
        logs.create_log_group(logGroupName=group)
        changes.append(Change(resource, "log group", CREATED))
    changes.append(
        converge(
            resource,
            "retention",
            current=found[0].get("retentionInDays") if found else None,
            wanted=RETENTION_DAYS,
            apply=lambda: logs.put_retention_policy(
                logGroupName=group, retentionInDays=RETENTION_DAYS
            ),
            describe=lambda days: f"{days} days" if days else "for ever",
        )
    )
    return changes
