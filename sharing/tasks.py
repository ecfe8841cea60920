"""Work that runs off the request path on AWS, called through the dispatcher's `run_task`.
Zappa's `task` invokes the web Lambda again asynchronously inside Lambda and otherwise
(a shell, tests) runs the function in place. Arguments must be JSON: pass ids, not objects.
Importing Zappa (and its boto3 clients) happens only here, where ZIPs are built."""

from zappa.asynchronous import task

from .exports import export_build


@task
def build_export(export_id: str) -> None:
    export_build(export_id=export_id)
