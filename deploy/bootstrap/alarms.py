"""What pages the operator: an SNS topic with the operator's e-mail (deploy/stack.json), and
CloudWatch alarms on the dead-letter queue's depth, the processor's errors and throttles,
the worker's errors and the web's 5xx answers, each sent to the topic when it fires and
when it clears."""

from deploy.stack import WEB_STAGE, Stack

from .report import CREATED, UNCHANGED, WAITING, Change, converge

FIVE_MINUTES = 300
# Thresholds per five minutes. Anything in the dead-letter queue needs a look (a message
# there is a photo, render or outcome that failed every retry). A bad image is recorded as
# failed, not raised, so processor errors are S3/DynamoDB faults: a few are retried away,
# more mean something is down. Throttles mean the reserved concurrency is too small for
# the uploads arriving. The web's 5xx count API Gateway's answers, timeouts included. The
# worker errs when an outcome message, the webhook sweep (every minute) or a Zappa task
# fails or times out, each retried by SQS or Lambda: one is a blip, three in five minutes
# is the sweep failing on most of its runs or the database down.
DEAD_LETTERS_AT_LEAST = 1
PROCESSOR_ERRORS_AT_LEAST = 5
PROCESSOR_THROTTLES_AT_LEAST = 10
WORKER_ERRORS_AT_LEAST = 3
WEB_5XX_AT_LEAST = 5


def ensure_topic(sns, *, stack: Stack) -> list[Change]:
    resource = f"topic {stack.alarm_topic}"
    existing = {topic["TopicArn"] for topic in _topics(sns)}
    changes = []
    if stack.alarm_topic_arn in existing:
        changes.append(Change(resource, "topic", UNCHANGED))
    else:
        sns.create_topic(Name=stack.alarm_topic)
        changes.append(Change(resource, "topic", CREATED, "for the alarms"))
    endpoints = {
        subscription["Endpoint"]: subscription["SubscriptionArn"]
        for subscription in _subscriptions(sns, stack.alarm_topic_arn)
        if subscription["Protocol"] == "email"
    }
    if stack.operator_email not in endpoints:
        sns.subscribe(
            TopicArn=stack.alarm_topic_arn, Protocol="email", Endpoint=stack.operator_email
        )
        changes.append(
            Change(
                resource,
                "e-mail subscription",
                CREATED,
                f"{stack.operator_email}: confirm from the mail AWS sends",
            )
        )
    elif endpoints[stack.operator_email] == "PendingConfirmation":
        changes.append(
            Change(
                resource,
                "e-mail subscription",
                WAITING,
                f"{stack.operator_email} has not confirmed AWS's mail yet: no alarm reaches it",
            )
        )
    else:
        changes.append(Change(resource, "e-mail subscription", UNCHANGED))
    return changes


def _topics(sns) -> list[dict]:
    return [
        topic for page in sns.get_paginator("list_topics").paginate() for topic in page["Topics"]
    ]


def _subscriptions(sns, topic_arn: str) -> list[dict]:
    pages = sns.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=topic_arn)
    return [subscription for page in pages for subscription in page["Subscriptions"]]


def alarm_definitions(stack: Stack) -> list[dict]:
    """put_metric_alarm's arguments for each alarm."""

    def alarm(name: str, description: str, namespace: str, metric: str, statistic: str,
              dimensions: list[dict], threshold: int) -> dict:  # fmt: skip
        return {
            "AlarmName": f"{stack.project}-{name}",
            "AlarmDescription": description,
            "Namespace": namespace,
            "MetricName": metric,
            "Dimensions": dimensions,
            "Statistic": statistic,
            "Period": FIVE_MINUTES,
            "EvaluationPeriods": 1,
            "Threshold": float(threshold),
            "ComparisonOperator": "GreaterThanOrEqualToThreshold",
            "TreatMissingData": "notBreaching",
            "ActionsEnabled": True,
            "AlarmActions": [stack.alarm_topic_arn],
            "OKActions": [stack.alarm_topic_arn],
        }

    def function_alarm(name: str, description: str, metric: str, function: str,
                       threshold: int) -> dict:  # fmt: skip
        dimensions = [{"Name": "FunctionName", "Value": function}]
        return alarm(name, description, "AWS/Lambda", metric, "Sum", dimensions, threshold)

    return [
        alarm(
            "dead-letters",
            "Messages in the dead-letter queue: uploads, renders or outcomes that failed "
            "every retry (docs/deploy-guardrails.md says how to look and redrive).",
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
            "Maximum",
            [{"Name": "QueueName", "Value": stack.dead_letter_queue}],
            DEAD_LETTERS_AT_LEAST,
        ),
        function_alarm(
            "processor-errors",
            "The processor raised (S3 or DynamoDB faults); its events are retried.",
            "Errors",
            stack.processor_function,
            PROCESSOR_ERRORS_AT_LEAST,
        ),
        function_alarm(
            "processor-throttles",
            "The processor was throttled: uploads wait (raise lambda_concurrency).",
            "Throttles",
            stack.processor_function,
            PROCESSOR_THROTTLES_AT_LEAST,
        ),
        function_alarm(
            "worker-errors",
            "The worker raised or timed out: an outcome message, the webhook sweep or a task "
            "(a webhook delivery, a ZIP export past 15 minutes); see its log group.",
            "Errors",
            stack.worker_function,
            WORKER_ERRORS_AT_LEAST,
        ),
        alarm(
            "web-5xx",
            "The website answered 5xx (errors or timeouts) through API Gateway.",
            "AWS/ApiGateway",
            "5XXError",
            "Sum",
            # Zappa names the REST API after the function and deploys it as the stage.
            [
                {"Name": "ApiName", "Value": stack.web_function},
                {"Name": "Stage", "Value": WEB_STAGE},
            ],
            WEB_5XX_AT_LEAST,
        ),
    ]


def _comparable(alarm: dict, keys) -> dict:
    return {
        key: sorted(alarm.get(key, []), key=str)
        if isinstance(alarm.get(key), list)
        else alarm.get(key)
        for key in keys
    }


def ensure_alarms(cloudwatch, *, stack: Stack) -> list[Change]:
    wanted = alarm_definitions(stack)
    names = [alarm["AlarmName"] for alarm in wanted]
    current = {
        alarm["AlarmName"]: alarm
        for alarm in cloudwatch.describe_alarms(AlarmNames=names)["MetricAlarms"]
    }
    changes = []
    for alarm in wanted:
        found = current.get(alarm["AlarmName"])
        changes.append(
            converge(
                f"alarm {alarm['AlarmName']}",
                "alarm",
                current=_comparable(found, alarm) if found else None,
                wanted=_comparable(alarm, alarm),
                apply=lambda alarm=alarm: cloudwatch.put_metric_alarm(**alarm),
                describe=lambda value: (
                    f"{value['MetricName']} {value['Statistic']} >= {value['Threshold']:g} "
                    f"in {value['Period'] // 60} min -> topic"
                ),
            )
        )
    return changes
