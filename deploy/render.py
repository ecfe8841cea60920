"""Writes zappa_settings.json and deploy/policies/*.json from deploy/stack.json.

    python -m deploy.render          # after editing stack.json
    python -m deploy.render --check  # fails when a generated file is out of date (make package)

The generated files are committed so they can be reviewed, but never edited by hand.
"""

import argparse
import json
import sys
from pathlib import Path

from . import iam, stack, zappa_config


def outputs(names: stack.Stack) -> dict[Path, str]:
    """Each generated file's path and its exact content."""
    files = {stack.REPO_DIR / "zappa_settings.json": zappa_config.zappa_settings(names)}
    for stage, build in iam.POLICIES.items():
        files[stack.REPO_DIR / iam.policy_path(stage)] = build(names)
    return {path: json.dumps(data, indent=2) + "\n" for path, data in files.items()}


def stale(names: stack.Stack) -> list[Path]:
    return [
        path
        for path, text in outputs(names).items()
        if not path.exists() or path.read_text() != text
    ]


def write(names: stack.Stack) -> list[Path]:
    changed = stale(names)
    for path, text in outputs(names).items():
        if path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report out-of-date files")
    args = parser.parse_args(argv)
    try:
        names = stack.load()
    except stack.StackError as error:
        print(error, file=sys.stderr)
        return 2
    if args.check:
        out_of_date = stale(names)
        for path in out_of_date:
            print(f"{path.relative_to(stack.REPO_DIR)} is out of date with deploy/stack.json")
        if out_of_date:
            print("Run: python -m deploy.render", file=sys.stderr)
        return 1 if out_of_date else 0
    for path in write(names):
        print(f"wrote {path.relative_to(stack.REPO_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
