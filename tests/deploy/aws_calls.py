"""Which IAM actions the code needs, found by reading it.

A function's code is its entry packages plus every `lambda_processor` module they import.
Of those, AWS is called in the modules that import boto3 or botocore, and in the modules
that import one of those (the project's client helpers, `gallery.aws` and
`lambda_processor.aws`: `aws.client("sqs").send_message(...)`). In them, each boto3
operation named (a client method called, one of boto3's S3 transfer methods, or an
operation passed by name to `generate_presigned_url` / `get_paginator`) maps to IAM
actions through the explicit table below. Calls made inside a library, which the scan
cannot see, are listed in LIBRARY_OPERATIONS by the name the code imports. An operation
missing from the table fails the test that uses it, so a new call cannot slip past the
policy check.
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
    # boto3's managed transfers: above 8 MB a file goes up in parts (Create/UploadPart/
    # Complete are authorised as PutObject), and a failed transfer aborts its upload.
    "upload_fileobj": {"s3:PutObject", "s3:AbortMultipartUpload"},
    # A multipart upload's steps are all s3:PutObject, but for giving it up.
    "create_multipart_upload": {"s3:PutObject"},
    "upload_part": {"s3:PutObject"},
    "complete_multipart_upload": {"s3:PutObject"},
    "abort_multipart_upload": {"s3:AbortMultipartUpload"},
    "upload_file": {"s3:PutObject", "s3:AbortMultipartUpload"},
    "download_fileobj": {"s3:GetObject"},
    "download_file": {"s3:GetObject"},
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
# Not operations of a service model, but AWS checks the signer's permissions on use
# (presigned POST) or boto3 makes operations of them (managed transfers).
SIGNING_AND_TRANSFERS = {
    "generate_presigned_post",
    "upload_fileobj",
    "upload_file",
    "download_fileobj",
    "download_file",
}
BY_NAME = {"generate_presigned_url", "get_paginator"}  # the operation is the first argument
# A name the code imports from a library -> the boto3 operations the library makes with it.
LIBRARY_OPERATIONS = {
    # Zappa's @task (zappa/asynchronous.py, service "lambda", no capture_response): inside
    # Lambda, LambdaAsyncResponse._send calls the `lambda` client's invoke(FunctionName=
    # remote_aws_lambda_function_name or AWS_LAMBDA_FUNCTION_NAME, InvocationType="Event");
    # gallery.dispatch.tasks.worker_task names the worker (call_targets.py says so).
    # Nothing else: no SNS (that is `service="sns"`), no DynamoDB (`capture_response`).
    # tests/deploy/test_zappa_tasks.py runs every task of the code against stubs to prove it.
    "zappa.asynchronous.task": {"invoke"},
}

WEB_PACKAGES = ["config", "gallery", "sharing", "proofs_api"]
PROCESSOR_PACKAGES = ["lambda_processor"]


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


@functools.cache  # read once per run: code_of and operations both walk the same files
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _package_of(path: Path) -> str | None:
    """The dotted package a repository module belongs to, for its relative imports."""
    if not path.is_relative_to(REPO):
        return None
    return ".".join(path.relative_to(REPO).parent.parts)


def _from_module(node: ast.ImportFrom, package: str | None) -> str | None:
    """The absolute module of `from ... import`; None for a relative one outside the repo."""
    if node.level == 0:
        return node.module
    if package is None:
        return None
    parts = package.split(".")
    parts = parts[: len(parts) - node.level + 1]
    return ".".join([*parts, node.module] if node.module else parts)


def _imported_modules(tree: ast.Module, package: str | None = None) -> set[str]:
    """Absolute names imported (`from x import y` gives x and x.y), relative imports
    resolved against `package`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (module := _from_module(node, package)):
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
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


def _project_module_names(tree: ast.Module, package: str | None) -> set[str]:
    """Local names bound to the project's own modules (`from . import aws`): a call on one
    (`aws.list_keys(...)`) is a call of our own function, whatever its name."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound |= {
                alias.asname or alias.name.split(".")[0]
                for alias in node.names
                if _module_path(alias.name)
            }
        elif isinstance(node, ast.ImportFrom) and (module := _from_module(node, package)):
            bound |= {
                alias.asname or alias.name
                for alias in node.names
                if _module_path(f"{module}.{alias.name}")
            }
    return bound


def _own_call(node: ast.Call, own_names: set[str]) -> bool:
    """A method of the calling class (`self.query(...)`) or a function of a project module."""
    receiver = node.func.value
    return isinstance(receiver, ast.Name) and receiver.id in own_names | {"self", "cls"}


def _imports_boto(imported: set[str]) -> bool:
    return any(name.split(".")[0] in {"boto3", "botocore"} for name in imported)


@functools.cache
def _is_client_helper(name: str) -> bool:
    """A project module that imports boto3 or botocore, such as gallery.aws."""
    path = _module_path(name)
    return path is not None and _imports_boto(_imported_modules(_tree(path), _package_of(path)))


def _calls_aws(imported: set[str]) -> bool:
    return _imports_boto(imported) or any(_is_client_helper(name) for name in imported)


def _where(path: Path) -> str:
    return str(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def operations(paths: list[Path]) -> dict[str, set[str]]:
    """Operation name -> the files (relative to the repo) that use it."""
    found: dict[str, set[str]] = {}
    for path in paths:
        tree = _tree(path)
        imported = _imported_modules(tree, _package_of(path))
        for name in imported & LIBRARY_OPERATIONS.keys():
            for operation in LIBRARY_OPERATIONS[name]:
                found.setdefault(operation, set()).add(_where(path))
        if not _calls_aws(imported):
            continue
        own_names = _project_module_names(tree, _package_of(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if _own_call(node, own_names):
                continue
            method = node.func.attr
            if method in BY_NAME and node.args and isinstance(node.args[0], ast.Constant):
                method = node.args[0].value
            elif method not in boto3_operations() | SIGNING_AND_TRANSFERS:
                continue
            found.setdefault(method, set()).add(_where(path))
    return found


def actions_for(found: dict[str, set[str]]) -> set[str]:
    unknown = {name: files for name, files in found.items() if name not in OPERATION_ACTIONS}
    assert not unknown, f"add these calls to OPERATION_ACTIONS (tests/deploy): {unknown}"
    return set().union(*(OPERATION_ACTIONS[name] for name in found)) if found else set()
