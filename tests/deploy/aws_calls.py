"""Which IAM actions the code needs, found by reading it.

A function's code is its entry packages plus every `lambda_processor` module they import.
Of those, the modules that import boto3 or botocore are where AWS is called; in them,
each boto3 operation named (a client method called, or an operation passed by name to
`generate_presigned_url` / `get_paginator`) maps to IAM actions through the explicit
table below. An operation missing from the table fails the test that uses it, so a new
call cannot slip past the policy check.
"""

import ast
import functools
from pathlib import Path

import botocore.session
from botocore import xform_name

from deploy.stack import REPO_DIR as REPO

# boto3 operation -> the IAM actions it needs.
OPERATION_ACTIONS = {
    # Signing a POST or GET needs no call, but S3 checks the signer's permission on use.
    "generate_presigned_post": {"s3:PutObject"},
    "get_object": {"s3:GetObject"},
    # A HEAD is authorised as GetObject; S3 answers 404 for a missing key (which the code
    # handles) rather than 403 only to a caller that may also list the bucket.
    "head_object": {"s3:GetObject", "s3:ListBucket"},
    "put_object": {"s3:PutObject"},
    "list_objects_v2": {"s3:ListBucket"},
    "delete_object": {"s3:DeleteObject"},
    "delete_objects": {"s3:DeleteObject"},
    "copy_object": {"s3:GetObject", "s3:PutObject"},
    "get_item": {"dynamodb:GetItem"},
    "put_item": {"dynamodb:PutItem"},
    "update_item": {"dynamodb:UpdateItem"},
    "delete_item": {"dynamodb:DeleteItem"},
    "query": {"dynamodb:Query"},
    "scan": {"dynamodb:Scan"},
    "batch_get_item": {"dynamodb:BatchGetItem"},
    "batch_write_item": {"dynamodb:BatchWriteItem"},
    "send_message": {"sqs:SendMessage"},
    "send_message_batch": {"sqs:SendMessage"},
    "invoke": {"lambda:InvokeFunction"},
}
# The services whose operations the code could call; their models come with botocore.
SERVICES = ("s3", "dynamodb", "sqs", "lambda", "sns", "ssm", "secretsmanager", "kms", "sts")
SIGNING = {"generate_presigned_post"}  # not an operation, but S3 checks it on use
BY_NAME = {"generate_presigned_url", "get_paginator"}  # the operation is the first argument

WEB_PACKAGES = ["config", "gallery", "sharing", "proofs_api"]
PROCESSOR_PACKAGES = ["lambda_processor"]


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _imported_modules(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _module_path(name: str) -> Path | None:
    base = REPO.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def code_of(packages: list[str]) -> list[Path]:
    """The packages' modules and the lambda_processor modules they import, transitively."""
    seen: dict[Path, ast.Module] = {}
    todo = [path for package in packages for path in _modules(package)]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen[path] = _tree(path)
        for name in _imported_modules(seen[path]):
            if name.startswith("lambda_processor") and (found := _module_path(name)):
                todo.append(found)
    return sorted(seen)


@functools.cache
def boto3_operations() -> frozenset[str]:
    session = botocore.session.get_session()
    return frozenset(
        xform_name(operation)
        for service in SERVICES
        for operation in session.get_service_model(service).operation_names
    )


def _calls_aws(tree: ast.Module) -> bool:
    return any(name.split(".")[0] in {"boto3", "botocore"} for name in _imported_modules(tree))


def operations(paths: list[Path]) -> dict[str, set[str]]:
    """Operation name -> the files (relative to the repo) that use it."""
    found: dict[str, set[str]] = {}
    for path in paths:
        tree = _tree(path)
        if not _calls_aws(tree):
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            method = node.func.attr
            if method in BY_NAME and node.args and isinstance(node.args[0], ast.Constant):
                method = node.args[0].value
            elif method not in boto3_operations() | SIGNING:
                continue
            where = path.relative_to(REPO) if path.is_relative_to(REPO) else path
            found.setdefault(method, set()).add(str(where))
    return found


def actions_for(found: dict[str, set[str]]) -> set[str]:
    unknown = {name: files for name, files in found.items() if name not in OPERATION_ACTIONS}
    assert not unknown, f"add these calls to OPERATION_ACTIONS (tests/deploy): {unknown}"
    return set().union(*(OPERATION_ACTIONS[name] for name in found)) if found else set()
