"""What a bootstrap run did to each setting, and the one rule every step follows:
read the current value, compare it with the wanted one, write only when they differ."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

CREATED = "created"
CHANGED = "changed"
UNCHANGED = "no change"
WAITING = "waiting"


@dataclass(frozen=True)
class Change:
    resource: str
    setting: str
    outcome: str
    detail: str = ""

    def line(self) -> str:
        text = f"{self.resource:<44} {self.setting:<28} {self.outcome}"
        return f"{text}: {self.detail}" if self.detail else text


def converge(
    resource: str,
    setting: str,
    *,
    current: Any,
    wanted: Any,
    apply: Callable[[], Any],
    describe: Callable[[Any], str] = str,
) -> Change:
    """Applies `wanted` unless `current` already is it; `current` None means never set."""
    if current == wanted:
        return Change(resource, setting, UNCHANGED)
    apply()
    if current is None:
        return Change(resource, setting, CREATED, describe(wanted))
    return Change(resource, setting, CHANGED, f"{describe(current)} -> {describe(wanted)}")


def error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


def read_or_none(call: Callable[[], Any], *, missing: set[str]) -> Any:
    """The answer of a describing call, or None when AWS answers with one of the
    `missing` error codes (the resource or setting does not exist yet)."""
    try:
        return call()
    except ClientError as error:
        if error_code(error) in missing:
            return None
        raise


def summary(changes: list[Change]) -> str:
    counts = {outcome: 0 for outcome in (CREATED, CHANGED, UNCHANGED, WAITING)}
    for change in changes:
        counts[change.outcome] += 1
    return ", ".join(f"{count} {outcome}" for outcome, count in counts.items())
