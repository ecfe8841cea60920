"""Which queue each SQS send, and which function each Lambda invoke, of the code reaches.

The scan (`aws_calls`) finds *that* a file calls SendMessage or Invoke; what it reaches
comes from the stage's configuration at run time. So each such call site is declared here
with the environment variable that names its target, and the policy test grants those
actions on exactly the targets so named in the stage's `aws_environment_variables`. An
undeclared call site, or a stage that runs one without setting its variable, fails the
test: a new queue cannot be used without a grant on it, nor granted without a use.
"""

from urllib.parse import urlparse

# The variable Lambda sets to the running function's name (Zappa's task invokes that).
ITSELF = "AWS_LAMBDA_FUNCTION_NAME"

# (file, operation) -> the environment variable holding the URL of the queue it sends to.
QUEUE_URL_VARIABLE = {
    # send_render_request: settings.PROOFSHEET_RENDER_QUEUE_URL (config/env.py reads it).
    ("gallery/aws.py", "send_message"): "PROOFSHEET_RENDER_QUEUE_URL",
    # publish(queue_url=...): handler.Runtime.from_env reads it; unset means no message.
    ("lambda_processor/outcomes.py", "send_message"): "PROOFSHEET_OUTCOME_QUEUE_URL",
    # The lost-uploads sweep's render requests: requeue_lost reads it.
    ("lambda_processor/sweep.py", "send_message"): "PROOFSHEET_RENDER_QUEUE_URL",
}
# (file, operation) -> the environment variable naming the function it invokes.
INVOKED_FUNCTION_VARIABLE = {
    # worker_task (build_export, deliver_in_background): Zappa's task with the worker's name.
    ("gallery/dispatch/tasks.py", "invoke"): "PROOFSHEET_WORKER_FUNCTION",
}
SEND_OPERATIONS = {"send_message", "send_message_batch"}


class UndeclaredTarget(AssertionError):
    """A call site whose target is not declared, or not configured in the stage."""


def queue_arn_from_url(url: str) -> str:
    """https://sqs.<region>.amazonaws.com/<account>/<name> -> the queue's ARN."""
    parsed = urlparse(url)
    region = parsed.hostname.split(".")[1]
    account, name = parsed.path.strip("/").split("/")
    return f"arn:aws:sqs:{region}:{account}:{name}"


def function_arn(*, region: str, account: str, name: str) -> str:
    return f"arn:aws:lambda:{region}:{account}:function:{name}"


def _variable(table: dict, site: tuple[str, str], stage: str, environment: dict) -> str:
    if site not in table:
        raise UndeclaredTarget(f"{site}: declare what it reaches in tests/deploy/call_targets.py")
    variable = table[site]
    if variable not in environment:
        raise UndeclaredTarget(
            f"{site[0]} runs in the {stage} stage and reaches what {variable} names, "
            f"but the stage's environment does not set {variable}"
        )
    return environment[variable]


def needs(
    found: dict[str, set[str]], *, stage: str, environment: dict, region: str, account: str
) -> set[tuple[str, str]]:
    """(IAM action, resource ARN) for every queue send and function invoke in `found`.

    `environment`: the stage's Lambda environment (its `aws_environment_variables` plus
    the variables Lambda sets itself, ITSELF among them).
    """
    uses = set()
    for operation, files in found.items():
        for file in files:
            site = (file, operation)
            if operation in SEND_OPERATIONS:
                url = _variable(QUEUE_URL_VARIABLE, site, stage, environment)
                uses.add(("sqs:SendMessage", queue_arn_from_url(url)))
            elif operation == "invoke":
                name = _variable(INVOKED_FUNCTION_VARIABLE, site, stage, environment)
                uses.add(
                    (
                        "lambda:InvokeFunction",
                        function_arn(region=region, account=account, name=name),
                    )
                )
    return uses
