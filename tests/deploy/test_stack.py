"""deploy/stack.json: the one place that names the resources, checked before use."""

import json

import pytest

from deploy import stack


def _write(tmp_path, **changes):
    data = {**json.loads(stack.STACK_FILE.read_text()), **changes}
    path = tmp_path / "stack.json"
    path.write_text(json.dumps(data))
    return path


def test_names_derive_from_the_stack_file(names):
    assert names.web_function == f"{names.project}-web"
    assert names.processor_function == f"{names.project}-processor"
    assert names.table_arn == (
        f"arn:aws:dynamodb:{names.aws_region}:{names.aws_account_id}:table/{names.table}"
    )
    assert names.render_queue_url.endswith(f"/{names.aws_account_id}/{names.render_queue}")
    assert names.outcome_queue_url.endswith(f"/{names.aws_account_id}/{names.outcome_queue}")
    assert names.outcome_queue_arn.endswith(f":{names.aws_account_id}:{names.outcome_queue}")
    assert names.function_arn("web") == (
        f"arn:aws:lambda:{names.aws_region}:{names.aws_account_id}:function:{names.project}-web"
    )
    assert names.origin == f"https://{names.domain}"
    assert names.renditions_bucket == names.bucket  # no output bucket: one bucket for both


def test_a_separate_output_bucket_takes_the_renditions(tmp_path):
    names = stack.load(_write(tmp_path, output_bucket="proofsheet-renditions-example"))
    assert names.renditions_bucket == "proofsheet-renditions-example"
    assert names.buckets == sorted([names.bucket, "proofsheet-renditions-example"])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("aws_account_id", "12345", "12 digits"),
        ("aws_region", "Ireland", "region"),
        ("bucket", "Not_A_Bucket", "S3 bucket name"),
        ("table", "photos table", "letters, digits"),
        ("outcome_queue", "outcomes/queue", "letters, digits"),
        ("site_origin", "http://proofs.example.com", "https://"),
        ("ingest_queue", "ingest queue", "letters, digits"),
        ("operator_email", "the operator", "the address the alarms are sent to"),
        ("lambda_concurrency", {"web": 10, "processor": 5}, "for each of"),  # no worker
        ("lambda_concurrency", {"web": 10, "processor": 0, "worker": 1}, "at least 1"),
    ],
)
def test_a_name_aws_would_refuse_is_refused_with_the_reason(tmp_path, field, value, message):
    with pytest.raises(stack.StackError, match=message):
        stack.load(_write(tmp_path, **{field: value}))


def test_the_site_needs_a_domain_or_an_origin(tmp_path):
    with pytest.raises(stack.StackError, match="domain or site_origin"):
        stack.load(_write(tmp_path, domain="", site_origin=""))


def test_unknown_and_missing_names_are_refused(tmp_path):
    with pytest.raises(stack.StackError, match="unknown names"):
        stack.load(_write(tmp_path, buckett="typo"))
    data = json.loads(stack.STACK_FILE.read_text())
    del data["table"]
    path = tmp_path / "partial.json"
    path.write_text(json.dumps(data))
    with pytest.raises(stack.StackError, match="missing"):
        stack.load(path)


def test_bootstrap_reads_the_database_url_from_the_deployers_environment():
    from deploy.bootstrap.__main__ import web_database_url

    assert web_database_url({"PROOFSHEET_WEB_DATABASE_URL": "postgres://h/db"}) == "postgres://h/db"
    assert web_database_url({"PROOFSHEET_WEB_DATABASE_URL": ""}) is None
    assert web_database_url({}) is None
