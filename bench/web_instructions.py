"""Instructions per request of `make bench-web`'s addresses, counted by Valgrind's callgrind:
a figure the machine's load does not move, to compare two versions of the code on a shared
machine. The requests go through Django's WSGI handler with gzip, as gunicorn runs it, in
this process, over the same 500-photo gallery `bench_web.py` makes.

    .venv/bin/python bench/web_instructions.py [page state60 stateall api100] [--requests 2]

Needs `valgrind` (Debian's package). Counting starts after three warm-up requests and stops
after the measured ones, so the gallery's set-up is not counted.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ADDRESSES = ("page", "state60", "stateall", "api100")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addresses", nargs="*", choices=[*ADDRESSES, []], default=[])
    parser.add_argument("--requests", type=int, default=2)
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--target", help=argparse.SUPPRESS)  # the process under valgrind
    args = parser.parse_args()
    if args.target:
        return _serve(args.target, args.requests, args.photos)
    for address in args.addresses or ADDRESSES:
        millions = _count(address, args.requests, args.photos)
        print(f"{address:9} {millions:6.0f} M instructions per request")
    return 0


def _count(address: str, requests: int, photos: int) -> float:
    """Runs this script's target mode under callgrind, counting only the measured requests."""
    with tempfile.TemporaryDirectory() as folder:
        flags = Path(folder) / "flag"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={folder}/callgrind.out",
            sys.executable,
            __file__,
            f"--target={address}",
            f"--requests={requests}",
            f"--photos={photos}",
        ]
        env = {**os.environ, "BENCH_FLAG": str(flags)}
        # Valgrind's report to a file, not a pipe: nobody reads a pipe while the target runs.
        log_path = Path(folder) / "valgrind.log"
        with (
            log_path.open("w") as log_file,
            subprocess.Popen(command, env=env, stderr=log_file) as target,
        ):
            _wait_for(flags.with_suffix(".ready"), target, log_path)
            _instrument("on", target.pid)
            flags.with_suffix(".go").touch()
            _wait_for(flags.with_suffix(".done"), target, log_path)
            _instrument("off", target.pid)
            flags.with_suffix(".exit").touch()
            target.wait()
        log = log_path.read_text()
        found = re.search(r"Collected : (\d+)", log)
        if target.returncode or not found:
            raise SystemExit(f"callgrind run of {address} failed:\n{log[-2000:]}")
        return int(found.group(1)) / requests / 1e6


def _instrument(switch: str, pid: int) -> None:
    subprocess.run(["callgrind_control", "-i", switch, str(pid)], check=True, capture_output=True)


def _wait_for(flag: Path, process: subprocess.Popen, log: Path) -> None:
    while not flag.exists():
        if process.poll() is not None:
            raise SystemExit(f"the measured process ended early:\n{log.read_text()[-2000:]}")
        time.sleep(0.1)


def _serve(address: str, requests: int, photos: int) -> int:
    """Under valgrind: set up, signal ready, send the measured requests between flags."""
    import bench_web
    import local_server

    flags = Path(os.environ["BENCH_FLAG"])
    os.environ["PROOFSHEET_LOCAL_WORKER"] = "false"
    with local_server.data_folder() as folder:
        local_server.setup_django(folder)
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import Client, RequestFactory
        from django.urls import reverse

        gallery_id, token, key = bench_web._gallery(photos)
        visitor = Client(HTTP_HOST="127.0.0.1")
        visitor.post(reverse("sharing:join", args=[token]), {"name": "B", "email": "b@example.com"})
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in visitor.cookies.items())
        further = ",".join(bench_web._further_ids(gallery_id))
        path = {
            "page": f"/p/{token}/",
            "state60": f"/p/{token}/api/state/?ids={further}",
            "stateall": f"/p/{token}/api/state/",
            "api100": f"/api/galleries/{gallery_id}/photos/?page_size=100",
        }[address]
        # As gunicorn loads the site: the objects alive by now are frozen, out of the
        # collector's way, as a web process's start-up objects are.
        import config.wsgi  # noqa: F401

        handler = WSGIHandler()

        def request() -> None:
            environ = RequestFactory().get(path).environ
            environ.update(
                HTTP_HOST="127.0.0.1",
                HTTP_COOKIE=cookie,
                HTTP_ACCEPT_ENCODING="gzip",
                HTTP_AUTHORIZATION=f"Bearer {key}",
            )
            status = []
            b"".join(handler(environ, lambda line, *_: status.append(line)))
            if not status[0].startswith("200"):
                raise SystemExit(f"{path}: {status[0]}")

        for _ in range(3):
            request()
        flags.with_suffix(".ready").touch()
        while not flags.with_suffix(".go").exists():
            time.sleep(0.05)
        for _ in range(requests):
            request()
        flags.with_suffix(".done").touch()
        while not flags.with_suffix(".exit").exists():
            time.sleep(0.05)
    return 0


if __name__ == "__main__":
    sys.exit(main())
