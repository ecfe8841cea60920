"""The web side of a 500-photo gallery in local mode, against `manage.py run_local` on
127.0.0.1: the client gallery page, its state JSON and the API's 100-photo page; per
address the median response time one request at a time, the bytes on the wire (gzip, as
browsers ask) and p50/p95/p99 under 8 concurrent requests, beside issue 10's targets.

    .venv/bin/python bench/bench_web.py [--photos 500] [--serial 30] [--concurrent 8]

The photos are records inserted directly: one real photo is processed, and its item is
copied for the rest (every tile then carries real rendition sizes, placeholder and EXIF).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import re
import statistics
import sys
import time
import urllib.parse
from dataclasses import dataclass

import local_server
import machine
from machine import load

SAMPLE = local_server.REPO.parent / "shared" / "samples" / "orientation" / "Landscape_1.jpg"


@dataclass(frozen=True)
class Target:
    label: str
    path: str
    headers: dict
    server_ms: float  # median, one at a time
    kb: float | None  # on the wire; None: no target
    # False: measured for comparison only, no target (what no page asks for any more).
    checked: bool = True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--serial", type=int, default=30, help="requests one at a time")
    parser.add_argument("--concurrent", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=25, help="requests per concurrent client")
    parser.add_argument(
        "--runserver", action="store_true", help="Django's runserver instead, to compare"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()

    with local_server.data_folder() as folder:
        local_server.setup_django(folder)
        from django.conf import settings

        gallery_id, token, key = _gallery(args.photos)
        further = _further_ids(gallery_id)
        with local_server.running_server(runserver=args.runserver) as base:
            host, port = urllib.parse.urlsplit(base).netloc.split(":")
            client = {"Cookie": _visitor_cookie(host, int(port), token)}
            api = {"Authorization": f"Bearer {key}"}
            targets = [
                Target("client gallery page", f"/p/{token}/", client, 30, 150),
                # What grid.js asks for as the client scrolls: the next page of photos.
                Target(
                    f"client state, {len(further)} more",
                    f"/p/{token}/api/state/?ids={','.join(further)}",
                    client,
                    30,
                    150,
                ),
                # The whole state, every photo signed: no page asks for it any more (the
                # page carries the state, and grid.js asks for 60 photos at a time), so
                # it is printed beside the others without a target.
                Target(
                    "client state, all", f"/p/{token}/api/state/", client, 30, 150, checked=False
                ),
                Target(
                    "API 100-photo page",
                    f"/api/galleries/{gallery_id}/photos/?page_size=100",
                    api,
                    25,
                    None,
                ),
            ]
            rows = [_measure(host, int(port), target, args) for target in targets]

    server = (
        "runserver"
        if args.runserver
        else f"gunicorn {settings.PROOFSHEET_WEB_PROCESSES} process(es) x "
        f"{settings.PROOFSHEET_WEB_THREADS} threads"
    )
    print(
        f"Local mode, {args.photos}-photo gallery; {os.cpu_count()} CPUs, {server}, "
        f"DEBUG={settings.DEBUG}; load {load(load_before)} before, "
        f"{load()} after"
    )
    print(
        f"\n{'address':22} | {'ms one at a time':>16} {'ref ms':>9} | {'KB gzip':>7} "
        f"{'KB raw':>7} | {args.concurrent} at once: {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'req/s':>6} {'failed':>6}"
    )
    print("-" * 108)
    for target, row in zip(targets, rows, strict=True):
        before, after = row["reference"]
        print(
            f"{target.label:22} | {row['serial']:16.1f} {f'{before:.1f}/{after:.1f}':>9} | "
            f"{row['wire'] / 1024:7.1f} "
            f"{row['raw'] / 1024:7.1f} | {'':10}{row['p50']:6.0f} {row['p95']:6.0f} "
            f"{row['p99']:6.0f} {row['rate']:6.1f} {row['failed']:6d}"
        )
    print(
        "\nms one at a time: median round trip on 127.0.0.1 of sequential requests on one "
        "kept-alive connection (the server's time; loopback adds well under 1 ms). ref ms: "
        "the machine's speed just before and after them (bench/machine.py reference_ms: "
        "about 1.3 at full speed, 2.3 slowed; the pages slow by about the same factor). "
        "KB gzip: "
        "the body as sent to a browser that accepts gzip; raw: uncompressed. Concurrent "
        f"figures in ms, {args.concurrent} clients x {args.rounds} requests each; failed: no "
        "answer within 60 s.\n"
    )
    for target, row in zip(targets, rows, strict=True):
        if not target.checked:
            print(f"  ----  {target.label}: no target (no page asks for it)")
            continue
        checks = [
            (f"{target.label} server ms < {target.server_ms:g}", row["serial"], target.server_ms)
        ]
        if target.kb is not None:
            checks.append(
                (f"{target.label} KB on the wire < {target.kb:g}", row["wire"] / 1024, target.kb)
            )
        # A request that got no answer counts as slower than any that did.
        p95 = row["p95"] if not row["failed"] else float("inf")
        checks.append((f"{target.label} p95 at {args.concurrent} at once < 300 ms", p95, 300))
        for label, value, limit in checks:
            print(f"  {'PASS' if value < limit else 'MISS'}  {label}: {value:.1f}")
    return 0


def _gallery(count: int) -> tuple[str, str, str]:
    """A gallery of `count` processed photos, a share link's token and an API key."""
    from django.contrib.auth import get_user_model

    from gallery import services
    from gallery.models import LocalRecord, Photo
    from gallery.records import stored_columns
    from gallery.worker import LocalWorker
    from lambda_processor import records as schema
    from proofs_api import services as api_services
    from sharing import services as sharing_services
    from sharing import tokens

    owner = get_user_model().objects.create_user("bench", password="bench-only-password")
    gallery = services.gallery_create(owner=owner, title="Bench wedding")
    with SAMPLE.open("rb") as handle:
        model = services.photo_import(gallery=gallery, filename="IMG_0000.jpg", file=handle)
    LocalWorker().run_pending()
    item = LocalRecord.objects.get(gallery_id=gallery.pk, photo_id=model.pk).item
    assert item["status"] == "processed", item
    photos, records = [], []
    for index in range(1, count):
        photo = Photo(
            gallery=gallery,
            filename=f"IMG_{index:04d}.jpg",
            content_type="image/jpeg",
            size_bytes=model.size_bytes,
            position=index + 1,
            upload_state=Photo.UploadState.UPLOADED,
            uploaded_at=model.uploaded_at,
            last_outcome=model.last_outcome,
        )
        photo.original_key = schema.original_key(gallery.pk, photo.pk, photo.filename)
        copy = json.loads(
            json.dumps(item).replace(model.pk, photo.pk).replace("IMG_0000", f"IMG_{index:04d}")
        )
        photos.append(photo)
        records.append(
            LocalRecord(gallery_id=gallery.pk, photo_id=photo.pk, **stored_columns(copy))
        )
    Photo.objects.bulk_create(photos)
    LocalRecord.objects.bulk_create(records)
    services.gallery_publish(gallery=gallery)  # a new gallery is a draft until then
    link = sharing_services.share_link_create(gallery=gallery, label="Bench")
    _token, key = api_services.token_create(owner=owner, name="bench")
    return gallery.pk, tokens.derive(link.token_salt), key


def _further_ids(gallery_id: str) -> list[str]:
    """The photos after the page's first screen, as many as one `?ids=` asks for."""
    from django.conf import settings

    from gallery.models import Gallery
    from sharing import selectors
    from sharing.views.client import STATE_PAGE_IDS

    views = selectors.client_photos(gallery=Gallery.objects.get(pk=gallery_id))
    first = settings.PROOFSHEET_CLIENT_FIRST_TILES
    return [view.photo.pk for view in views[first : first + STATE_PAGE_IDS]]


def _visitor_cookie(host: str, port: int, token: str) -> str:
    """Joins the link by its form as a client does, and returns the session's cookies."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", f"/p/{token}/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = _cookies(response)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "name": "Bench Client", "email": "client@example.com"}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    }
    connection.request("POST", f"/p/{token}/join/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    if response.status != 302:
        raise RuntimeError(f"joining the link answered {response.status}")
    cookies.update(_cookies(response))
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response) -> dict[str, str]:
    found = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            found[name] = rest.split(";", 1)[0]
    return found


def _get(connection: http.client.HTTPConnection, target: Target, *, gzip: bool = True):
    headers = {**target.headers, "Accept-Encoding": "gzip" if gzip else "identity"}
    started = time.perf_counter()
    connection.request("GET", target.path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{target.label}: {response.status} {body[:200]!r}")
    return elapsed, body


def _measure(host: str, port: int, target: Target, args) -> dict:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    _get(connection, target)  # warm: templates, code paths, connections
    _elapsed, raw = _get(connection, target, gzip=False)
    serial, wire = [], 0
    reference = [machine.reference_ms()]  # the machine's speed, before and after
    for _ in range(args.serial):
        elapsed, body = _get(connection, target)
        serial.append(elapsed)
        wire = len(body)
    reference.append(machine.reference_ms())
    connection.close()

    def client(_index: int) -> list[float | None]:
        own = http.client.HTTPConnection(host, port, timeout=60)
        times = []
        for _ in range(args.rounds):
            try:
                times.append(_get(own, target)[0])
            except OSError:  # no answer in 60 s, or the connection dropped: a failure
                times.append(None)
                own.close()
                own = http.client.HTTPConnection(host, port, timeout=60)
        own.close()
        return times

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.concurrent) as pool:
        answers = [t for times in pool.map(client, range(args.concurrent)) for t in times]
    wall = time.perf_counter() - started
    latencies = sorted(t for t in answers if t is not None)
    if len(latencies) < 2:
        raise RuntimeError(f"{target.label}: {len(answers) - len(latencies)} requests failed")
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "serial": statistics.median(serial),
        "reference": reference,
        "wire": wire,
        "raw": len(raw),
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "rate": len(latencies) / wall,
        "failed": len(answers) - len(latencies),
    }


if __name__ == "__main__":
    sys.exit(main())
