"""`python -m deploy.bootstrap`: sets up the AWS resources named in deploy/stack.json, then,
once `zappa deploy` has made the functions, checks the wiring.

Safe to run again: unchanged settings are left alone. Give PROOFSHEET_WEB_DATABASE_URL in
the environment to set the web function's database. Runs on the deployer's machine, without
Django; never packaged for Lambda.
"""

import argparse
import os
import sys
from collections.abc import Mapping

from deploy import bootstrap, stack
from deploy.bootstrap.bucket import BucketTaken
from deploy.bootstrap.table import TableMismatch

DATABASE_URL_VARIABLE = "PROOFSHEET_WEB_DATABASE_URL"


def web_database_url(environ: Mapping[str, str] = os.environ) -> str | None:
    """The deployer's one setting from the environment: a secret of the deployment, not a
    setting of the site, so it is read here and not in config/env.py."""
    return environ.get(DATABASE_URL_VARIABLE) or None


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    try:
        names = stack.load()
        print(
            f"Bootstrapping {names.project} in account {names.aws_account_id}, "
            f"region {names.aws_region}"
        )
        changes = bootstrap.run(names, web_database_url=web_database_url())
    except (stack.StackError, bootstrap.WrongAccount, BucketTaken, TableMismatch) as error:
        print(error, file=sys.stderr)
        return 2
    for change in changes:
        print(change.line())
    print(bootstrap.summary(changes))
    if not bootstrap.deployed(names):
        print("Wiring: not checked until `zappa deploy` ran for web, processor and worker")
        return 0
    try:
        bootstrap.check_wiring(names)
    except bootstrap.WiringIncomplete as error:
        print(error, file=sys.stderr)
        return 1
    print("Wiring: bucket -> ingest queue, every queue -> its function, dead-letter redrives: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
