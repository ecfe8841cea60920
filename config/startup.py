"""A Django process's start, made without the cyclic garbage collector: the Lambda
functions' init (`config.lambda_web`, `config.lambda_worker`) and local mode's web
processes (`config.wsgi`).

Django's start (settings, apps, the URLconf, the middleware) creates a few hundred thousand
objects and next to no garbage, yet the collector's thresholds make it scan them again and
again while they accumulate: about a tenth of the web's first response on Lambda (`make
bench-deploy`, docs/benchmarks.md). `init_started()` pauses it; `init_finished()` turns it
back on and moves everything made so far into the permanent generation (`gc.freeze`), so no
later collection scans the start-up objects either: a 500-photo page allocates enough to
start a full collection every request or two. Requests run with the collector as usual.
"""

import gc


def init_started() -> None:
    gc.disable()


def init_finished() -> None:
    gc.freeze()
    gc.enable()
