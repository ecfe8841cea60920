"""Local mode end to end: camera JPEGs through the real upload endpoints of a running
`manage.py run_local` (the API's upload form, then the file to the form's URL) until every
one is processed; images per second printed beside the target (issue 10: >= 6 on two cores).

    .venv/bin/python bench/bench_local.py [--count 100] [--workers N] [--uploaders 4]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import sys
import threading
import time

import images
import local_server
import requests
from machine import load, tree_cpu_seconds

TARGET = 6.0  # images per second on two cores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="photos to upload")
    parser.add_argument("--workers", type=int, help="processing processes (default: the cores)")
    parser.add_argument("--uploaders", type=int, default=4, help="uploads at once, as a browser")
    args = parser.parse_args()
    load_before = os.getloadavg()

    with local_server.data_folder() as folder:
        local_server.setup_django(folder)
        from django.conf import settings

        workers = args.workers if args.workers is not None else settings.PROOFSHEET_LOCAL_WORKERS
        # The 24 and 45 MP camera JPEGs of `make bench`, made the same way.
        camera = images.made(camera_only=True)
        print(f"  inputs made: {', '.join(case.name for case, _ in camera)}", file=sys.stderr)
        key = _api_key()
        with local_server.running_server(workers=workers) as base:
            api = requests.Session()
            api.headers["Authorization"] = f"Bearer {key}"
            created = api.post(f"{base}/api/galleries/", json={"title": "Bench"}, timeout=30)
            created.raise_for_status()
            gallery_id = created.json()["id"]
            jobs = [camera[index % len(camera)] for index in range(args.count)]
            sent = sum(len(data) for _, data in jobs)

            started = time.perf_counter()
            upload = _uploader(base, key, gallery_id)
            with concurrent.futures.ThreadPoolExecutor(args.uploaders) as pool:
                list(pool.map(upload, range(args.count), jobs))
            uploaded = time.perf_counter() - started
            outcomes = _wait_until_processed(args.count)
            finished = time.perf_counter() - started
            # Read before the server stops: an exited process's time is gone from /proc.
            cpu = tree_cpu_seconds(os.getpid())

    rate = args.count / finished
    print(
        f"Local mode, {os.cpu_count()} CPUs, {workers} processing worker process(es), "
        f"{settings.PROOFSHEET_WEB_PROCESSES} gunicorn process(es) x "
        f"{settings.PROOFSHEET_WEB_THREADS} threads; load {load(load_before)} before, "
        f"{load()} after"
    )
    print(
        f"{args.count} camera JPEGs (24 and 45 MP, {sent / 1e6:.0f} MB), {args.uploaders} "
        f"uploads at once through /api/galleries/<id>/uploads/ and the upload form:"
    )
    print(f"  uploaded in {uploaded:.1f} s, every one processed after {finished:.1f} s")
    print(
        "  CPU seconds by process (this benchmark's own uploads included): "
        + ", ".join(f"{role} {seconds:.1f}" for role, seconds in sorted(cpu.items()))
    )
    print(f"  outcomes: {', '.join(f'{n} {name}' for name, n in sorted(outcomes.items()))}")
    verdict = "PASS" if rate >= TARGET and outcomes.get("processed") == args.count else "MISS"
    print(f"  {verdict}  {rate:.2f} images/s end to end (target >= {TARGET:g} on two cores)")
    return 0


def _api_key() -> str:
    from django.contrib.auth import get_user_model

    from proofs_api import services

    owner = get_user_model().objects.create_user("bench", password="bench-only-password")
    _token, key = services.token_create(owner=owner, name="bench")
    return key


def _uploader(base: str, key: str, gallery_id: str):
    local = threading.local()

    def upload(index: int, job) -> None:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["Authorization"] = f"Bearer {key}"
        case, data = job
        asked = local.session.post(
            f"{base}/api/galleries/{gallery_id}/uploads/",
            json={
                "filename": f"{index:04d}-{case.filename}",
                "size": len(data),
                "content_type": "image/jpeg",
            },
            timeout=60,
        )
        asked.raise_for_status()
        target = asked.json()["target"]
        # The form as a browser sends it: no API token, the fields, then the file.
        sent = requests.post(
            target["url"],
            data=target["fields"],
            files={"file": (case.filename, data, "image/jpeg")},
            timeout=300,
        )
        sent.raise_for_status()

    return upload


def _wait_until_processed(count: int, timeout: float = 1800) -> dict[str, int]:
    from django.db.models import Count

    from gallery.models import LocalJob

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = LocalJob.objects.filter(finished_at__isnull=False)
        if done.count() >= count:
            rows = done.values("outcome").annotate(n=Count("id"))
            return {row["outcome"]: row["n"] for row in rows}
        time.sleep(0.1)
    raise RuntimeError("gave up waiting for the photos to be processed")


if __name__ == "__main__":
    raise SystemExit(main())
