"""Benchmark: JPEG, WebP and AVIF for the grid's thumbnail widths, and what the widths cost.

    .venv/bin/python bench/bench_formats.py [--repeats N]

On the bench's photos (bench/images.py, made deterministically) and the real sample photo:
each is prepared as the processor does (upright sRGB at the proof's size), resized to
each srcset width (lambda_processor.options: 400, 800, 1200 px long edge), then encoded
as JPEG (q82, progressive), WebP (q80, method 2: what the processor writes) and AVIF (q60,
speed 8, one thread). Per width and format: bytes, median CPU ms of one encode, and PSNR
against the unencoded thumbnail; WebP's methods 0-6 side by side (bytes, CPU, PSNR). Then
the processor's CPU time per photo with the srcset
widths and without them (issue 12: what the extra renditions cost).
"""

from __future__ import annotations

import argparse
import functools
import io
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import images  # noqa: E402
from PIL import Image  # noqa: E402
from quality import compare  # noqa: E402

from lambda_processor import encode, transforms  # noqa: E402
from lambda_processor.options import Options  # noqa: E402
from lambda_processor.pipeline import prepare, process  # noqa: E402

FORMATS = {
    "JPEG": lambda image: encode.encode_jpeg(image, quality=82),
    "WebP": encode.encode_webp,
    "AVIF": encode.encode_avif,
}


def cpu_ms(function, *args, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.process_time()
        result = function(*args)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times), result


def inputs() -> list[tuple[str, bytes]]:
    found = [(case.name, data) for case, data in images.made()]
    if images.SAMPLE.exists():
        found.append(("real photo (sample, 1800 px)", images.SAMPLE.read_bytes()))
    return found


def webp_methods(photos, options: Options, widths: list[int], *, repeats: int) -> None:
    """WebP's ``method`` (0-6, speed against size) at the project's quality, on every
    input and srcset width, against the method the processor uses."""
    thumbs = []
    for _, data in photos:
        base, _ = prepare(data, options)
        thumbs += [transforms.fit(base, size=width, reducing_gap=1.5) for width in widths]
    totals = {}
    for method in range(7):
        size = ms = psnr = 0.0
        for thumb in thumbs:
            took, encoded = cpu_ms(
                functools.partial(encode.encode_webp, method=method), thumb, repeats=repeats
            )
            size, ms = size + len(encoded), ms + took
            psnr += compare(Image.open(io.BytesIO(encoded)).convert("RGB"), thumb)[0]
        totals[method] = (size, ms, psnr / len(thumbs))
    chosen_size, chosen_ms, _ = totals[encode.WEBP_METHOD]
    print()
    print(
        f"WebP q{encode.WEBP_QUALITY} by method, all inputs and widths together "
        f"(the processor uses method {encode.WEBP_METHOD}):"
    )
    for method, (size, ms, psnr) in totals.items():
        print(
            f"  method {method}: {size / 1024:8.0f} KB ({size / chosen_size:5.0%}), "
            f"{ms:7.1f} CPU ms ({ms / chosen_ms:4.2f}x), mean PSNR {psnr:5.2f} dB"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    options = Options(watermark_text="")
    widths = sorted(options.thumb_widths)
    totals = {(name, width): [0, 0.0] for name in FORMATS for width in widths}
    print(f"Pillow {Image.__version__}; median CPU ms of {args.repeats} encodes; KB; PSNR dB")
    header = f"{'input':30} {'px':>5}" + "".join(
        f" | {name:>4} KB {'ms':>6} {'dB':>5}" for name in FORMATS
    )
    print(header)
    print("-" * len(header))
    photos = inputs()
    for label, data in photos:
        base, _ = prepare(data, options)
        for width in widths:
            thumb = transforms.fit(base, size=width, reducing_gap=1.5)
            row = f"{label:30} {width:>5}"
            for name, encoder in FORMATS.items():
                ms, encoded = cpu_ms(encoder, thumb, repeats=args.repeats)
                psnr, _ = compare(Image.open(io.BytesIO(encoded)).convert("RGB"), thumb)
                totals[(name, width)][0] += len(encoded)
                totals[(name, width)][1] += ms
                row += f" | {len(encoded) / 1024:7.1f} {ms:6.1f} {psnr:5.1f}"
            print(row)
    print()
    print("All inputs together, against JPEG:")
    for width in widths:
        jpeg_bytes, jpeg_ms = totals[("JPEG", width)]
        row = f"  {width:>5} px"
        for name in FORMATS:
            size, ms = totals[(name, width)]
            row += f" | {name} {size / jpeg_bytes:5.0%} bytes, {ms / jpeg_ms:5.1f}x CPU"
        print(row)

    webp_methods(photos, options, widths, repeats=args.repeats)

    print()
    print("Processor CPU ms per photo (process(), watermark on, median), srcset widths or not:")
    for label, data in photos[:3] + photos[-1:]:
        before, _ = cpu_ms(process, data, Options(thumb_widths=()), repeats=args.repeats)
        after, result = cpu_ms(process, data, Options(), repeats=args.repeats)
        names = sorted(result.renditions)
        print(
            f"  {label:30} thumb+proof {before:6.1f} | +{len(names) - 2} widths {after:6.1f}"
            f" ({after / before - 1:+.0%})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
