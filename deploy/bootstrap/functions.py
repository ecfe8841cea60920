"""What only exists once Zappa has deployed the functions: the processor's retry
settings and the Django functions' (web and worker) secrets. Before that these steps wait,
saying why.

The processor's retry settings and Zappa's `dead_letter_arn` (the dead-letter queue) only
govern Lambda's asynchronous invocations. Uploads and render requests come from SQS, whose
redrive dead-letters them instead; what remains asynchronous is the lost-uploads sweep's
schedule. They are kept for it: a sweep that fails every try lands in the dead-letter
queue, so the dead-letters alarm says the sweep is failing (moved back to the render
queue, the scheduled event is ignored; the next schedule runs anyway). An on-failure
destination on the same queue would add a second, differently shaped copy of each.
"""

import secrets

from .report import CHANGED, CREATED, UNCHANGED, WAITING, Change, converge, read_or_none

PROCESSOR_RETRIES = 2  # Lambda's most: three tries in all for a transient S3/DynamoDB fault
PROCESSOR_MAX_EVENT_AGE_S = 6 * 3600  # an upload not processed within 6 hours goes to the DLQ
SECRET_KEY_MIN_LENGTH = 32  # what config/settings/production.py demands
NOT_FOUND = {"ResourceNotFoundException"}  # Lambda's answer for a function or setting not there


def function_configuration(lambda_, name: str) -> dict | None:
    return read_or_none(
        lambda: lambda_.get_function_configuration(FunctionName=name), missing=NOT_FOUND
    )


def _not_deployed(resource: str, setting: str, stage: str) -> Change:
    return Change(
        resource,
        setting,
        WAITING,
        f"not deployed yet: run `zappa deploy {stage}`, then this command again",
    )


def ensure_processor_retries(lambda_, *, function: str, stage: str) -> list[Change]:
    resource = f"function {function}"
    if function_configuration(lambda_, function) is None:
        return [_not_deployed(resource, "async retries", stage)]
    wanted = {
        "MaximumRetryAttempts": PROCESSOR_RETRIES,
        "MaximumEventAgeInSeconds": PROCESSOR_MAX_EVENT_AGE_S,
    }
    answer = read_or_none(
        lambda: lambda_.get_function_event_invoke_config(FunctionName=function),
        missing=NOT_FOUND,
    )
    current = {key: answer.get(key) for key in wanted} if answer is not None else None
    return [
        converge(
            resource,
            "async retries",
            current=current,
            wanted=wanted,
            apply=lambda: lambda_.put_function_event_invoke_config(FunctionName=function, **wanted),
            describe=lambda value: (
                f"{value['MaximumRetryAttempts']} retries, events kept "
                f"{value['MaximumEventAgeInSeconds'] // 3600} h, then the dead-letter queue"
            ),
        )
    ]


def _variables(configuration: dict) -> dict:
    return dict((configuration.get("Environment") or {}).get("Variables") or {})


def ensure_django_secrets(
    lambda_, *, functions: dict[str, str], database_url: str | None
) -> list[Change]:
    """DJANGO_SECRET_KEY (made here once) and DATABASE_URL, as Lambda environment variables
    of each Django function (stage -> name): encrypted at rest, never in the repository or
    the package. The functions share one key and one database (the worker verifies what the
    web signed). `zappa update` keeps variables that zappa_settings.json does not name."""
    configurations = {
        stage: function_configuration(lambda_, name) for stage, name in functions.items()
    }
    deployed = {
        stage: _variables(configuration)
        for stage, configuration in configurations.items()
        if configuration is not None
    }
    keys = [
        variables["DJANGO_SECRET_KEY"]
        for variables in deployed.values()
        if len(variables.get("DJANGO_SECRET_KEY", "")) >= SECRET_KEY_MIN_LENGTH
    ]
    secret_key = keys[0] if keys else secrets.token_urlsafe(50)
    urls = [
        variables["DATABASE_URL"] for variables in deployed.values() if "DATABASE_URL" in variables
    ]
    url = database_url or (urls[0] if urls else None)
    changes = []
    for stage, name in functions.items():
        resource = f"function {name}"
        if stage not in deployed:
            changes.append(_not_deployed(resource, "secrets", stage))
            continue
        variables, updates = deployed[stage], {}
        current_key = variables.get("DJANGO_SECRET_KEY")
        if current_key == secret_key:
            changes.append(Change(resource, "DJANGO_SECRET_KEY", UNCHANGED))
        else:
            updates["DJANGO_SECRET_KEY"] = secret_key
            detail = "the other function's key" if keys else "a new random key"
            outcome = CREATED if not current_key else CHANGED
            changes.append(Change(resource, "DJANGO_SECRET_KEY", outcome, detail))
        current_url = variables.get("DATABASE_URL")
        if url and url != current_url:
            updates["DATABASE_URL"] = url
            source = "from PROOFSHEET_WEB_DATABASE_URL" if database_url else "the other function's"
            outcome = CREATED if current_url is None else CHANGED
            changes.append(Change(resource, "DATABASE_URL", outcome, source))
        elif current_url:
            changes.append(Change(resource, "DATABASE_URL", UNCHANGED))
        else:
            changes.append(
                Change(
                    resource,
                    "DATABASE_URL",
                    WAITING,
                    "run again with PROOFSHEET_WEB_DATABASE_URL=postgres://user:password@host/db",
                )
            )
        if updates:
            # A function Zappa has just created or updated refuses changes until it settles.
            lambda_.get_waiter("function_updated_v2").wait(FunctionName=name)
            lambda_.update_function_configuration(
                FunctionName=name, Environment={"Variables": {**variables, **updates}}
            )
    return changes
