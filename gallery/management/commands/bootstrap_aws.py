"""`python manage.py bootstrap_aws`: sets up the AWS resources named in deploy/stack.json.

A thin wrapper: the work is in `deploy.bootstrap`, which runs on the deployer's machine
and is never packaged for Lambda.
"""

import os

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create or update the bucket, table, queues and function settings named in "
        "deploy/stack.json. Safe to run again: unchanged settings are left alone. Give "
        "PROOFSHEET_WEB_DATABASE_URL in the environment to set the web function's database."
    )

    def handle(self, *args, **options):
        from deploy import bootstrap, stack
        from deploy.bootstrap.bucket import BucketTaken
        from deploy.bootstrap.table import TableMismatch

        try:
            names = stack.load()
            self.stdout.write(
                f"Bootstrapping {names.project} in account {names.aws_account_id}, "
                f"region {names.aws_region}"
            )
            # A deployer-side secret, not a setting of the site: never in config/env.py.
            database_url = os.environ.get("PROOFSHEET_WEB_DATABASE_URL") or None
            changes = bootstrap.run(names, web_database_url=database_url)
        except (stack.StackError, bootstrap.WrongAccount, BucketTaken, TableMismatch) as error:
            raise CommandError(str(error)) from error
        for change in changes:
            self.stdout.write(change.line())
        self.stdout.write(bootstrap.summary(changes))
