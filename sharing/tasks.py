"""Work that runs off the request path on AWS, called through the dispatcher's `run_task`:
in the worker function (`gallery.dispatch.tasks.worker_task`) inside Lambda, in place elsewhere (a
shell, tests). Arguments must be JSON: pass ids, not objects."""

from gallery.dispatch.tasks import worker_task

from .exports import export_build


@worker_task
def build_export(export_id: str) -> None:
    export_build(export_id=export_id)


def send_due_reminders(event=None, context=None) -> int:  # noqa: ARG001 (Zappa's signature)
    """Zappa's scheduled entry point (`events` of the worker stage): one reminder run."""
    from .invitations import link_reminders_send_due

    return link_reminders_send_due()
