"""The dispatcher names the tasks it runs by path (Zappa routes them by that path): each
name must lead to a Zappa task, and locally to the loop that drains its rows."""

from django.utils.module_loading import import_string

from core import background
from gallery.dispatch import dispatcher
from proofs_api import services as api_services
from proofs_api import worker as api_worker
from sharing import exports


def test_the_named_tasks_are_zappa_tasks():
    for path in (api_services.DELIVERY_TASK, exports.BUILD_TASK):
        task = import_string(path)
        assert hasattr(task, "sync") and task.service == "lambda", path


def test_locally_a_task_wakes_the_loop_that_drains_its_rows(settings, monkeypatch):
    settings.PROOFSHEET_LOCAL_WORKER = True
    started = []
    loop = api_worker.get_worker()
    assert background.loop_for(api_services.DELIVERY_TASK) is loop
    monkeypatch.setattr(loop, "start", lambda: started.append("start"))
    monkeypatch.setattr(loop, "wake", lambda: started.append("wake"))

    dispatcher().run_task(api_services.DELIVERY_TASK, ["a-delivery"])

    assert started == ["start", "wake"]
