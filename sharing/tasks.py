"""Work that runs off the request path: on AWS in the worker function
(`gallery.tasks.worker_task`), elsewhere in place. Arguments must be JSON: pass ids."""

from gallery.tasks import worker_task


@worker_task
def build_export(export_id: str) -> None:
    from .exports import export_build

    export_build(export_id=export_id)
