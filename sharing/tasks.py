"""Work that runs off the request path on AWS. Zappa's `task` invokes the web Lambda
again asynchronously when AWS_LAMBDA_FUNCTION_NAME is set, and otherwise (locally, in
tests) runs the function in place. Arguments must be JSON: pass ids, not objects."""

from zappa.asynchronous import task


@task
def build_export(export_id: str) -> None:
    from .exports import export_build

    export_build(export_id=export_id)
