"""Benchmark: lambda_processor.pipeline.process() against a naive tutorial-style baseline.

    .venv/bin/python bench/bench_pipeline.py [--repeats N]

Builds deterministic camera-like test images (a sample photo upscaled, plus
seeded noise for sensor-like detail), then times every (image, method) pair N
times, interleaved, each call in a fresh child process warmed up on a tiny
image. Reports the median time and the most resident memory one call added
(VmHWM after resetting it through /proc/self/clear_refs; ``ru_maxrss`` where
that is unavailable): RSS, unlike tracemalloc, sees Pillow's C allocations.
Exits 1 when the 24 MP JPEG misses the bar (3x faster, under 120 MB).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFont, ImageOps

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere: make lambda_processor importable
SAMPLE = REPO / ".." / "shared" / "samples" / "orientation" / "Landscape_1.jpg"
SEED = 20240504

CASES = [
    # name, file, size, format
    ("24 MP JPEG", "camera-24mp.jpg", (6000, 4000), "JPEG"),
    ("45 MP JPEG", "camera-45mp.jpg", (8192, 5464), "JPEG"),
    ("12 MP PNG", "export-12mp.png", (4000, 3000), "PNG"),
    ("12 MP CMYK JPEG", "print-cmyk.jpg", (4000, 3000), "CMYK"),
]
BAR_CASE, BAR_SPEEDUP, BAR_PEAK_MB = "24 MP JPEG", 3.0, 120.0


# Test images ------------------------------------------------------------------------


def make_image(size: tuple[int, int], kind: str, seed: int) -> bytes:
    """A photo upscaled to ``size`` with seeded noise, encoded like a camera would."""
    if SAMPLE.exists():
        base = Image.open(SAMPLE).convert("RGB")
    else:  # a clean clone without the shared samples: a synthetic scene
        base = Image.merge(
            "RGB",
            [Image.linear_gradient("L"), Image.radial_gradient("L"), Image.linear_gradient("L")],
        ).rotate(30)
    photo = base.resize(size, Image.Resampling.BICUBIC)
    noise = Image.frombytes("L", size, random.Random(seed).randbytes(size[0] * size[1]))
    strength = 20 if kind != "PNG" else 8  # exports are cleaner than raw sensor data
    grain = Image.merge("RGB", [noise] * 3)
    photo = Image.blend(photo, grain, strength / 255)
    buffer = io.BytesIO()
    if kind == "JPEG":
        exif = Image.Exif()
        exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Canon", "Canon EOS R6"
        photo.save(buffer, "JPEG", quality=92, exif=exif)
    elif kind == "CMYK":
        photo.convert("CMYK").save(buffer, "JPEG", quality=90)
    else:
        photo.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


# The two methods --------------------------------------------------------------------


def naive(data: bytes) -> dict[str, bytes]:
    """How the usual tutorials do it: full decode, each output resized from it."""
    image = Image.open(io.BytesIO(data))
    image.load()
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGB")
    outputs = {}
    for name, long_edge in (("thumb", 600), ("proof", 2048)):
        ratio = long_edge / max(image.size)
        size = (round(image.width * ratio), round(image.height * ratio))
        resized = image.resize(size, Image.Resampling.LANCZOS)
        if name == "proof":
            overlay = Image.new("RGBA", resized.size, (255, 255, 255, 0))
            draw = ImageDraw.Draw(overlay)
            font = ImageFont.load_default(size=resized.width // 16)
            for y in range(0, resized.height, resized.height // 5):
                for x in range(0, resized.width, resized.width // 4):
                    draw.text((x, y), "PROOF", font=font, fill=(255, 255, 255, 90))
            resized = Image.alpha_composite(resized.convert("RGBA"), overlay).convert("RGB")
        buffer = io.BytesIO()
        resized.save(buffer, "JPEG", quality=85)
        outputs[name] = buffer.getvalue()
    return outputs


def ours(data: bytes):
    from lambda_processor.pipeline import process

    return process(data)


# Child process: one timed call of one method on one file ------------------------------


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def child(method: str, path: str) -> None:
    function = ours if method == "ours" else naive
    # Warm up on a tiny image: imports, fonts and colour engines are loaded once
    # per Lambda container, not per photo.
    tiny = io.BytesIO()
    Image.new("RGB", (64, 48), "grey").save(tiny, "JPEG")
    function(tiny.getvalue())
    data = Path(path).read_bytes()
    baseline = _status_mb("VmRSS") or 0.0
    precise = _reset_peak()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    function(data)
    elapsed = time.perf_counter() - started
    if precise:
        peak = (_status_mb("VmHWM") or 0.0) - baseline
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - maxrss_before
    print(json.dumps({"seconds": elapsed, "peak_mb": peak}))


def run_child(method: str, path: Path) -> dict:
    command = [sys.executable, __file__, "--child", method, str(path)]
    result = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(result.stdout.strip().splitlines()[-1])


# Report -------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    print(f"Pillow {Image.__version__}, Python {sys.version.split()[0]}, {args.repeats} runs each")
    rows = []
    with tempfile.TemporaryDirectory(prefix="proofsheet-bench-") as folder:
        paths = []
        for index, (_name, filename, size, kind) in enumerate(CASES):
            paths.append(Path(folder) / filename)
            paths[-1].write_bytes(make_image(size, kind, SEED + index))
        results = {(case[0], method): [] for case in CASES for method in ("ours", "naive")}
        # Interleaved, one call per fresh process: a busy neighbour slows both
        # methods alike, and every call starts from a clean heap.
        for repeat in range(args.repeats):
            for (name, *_), path in zip(CASES, paths, strict=True):
                methods = ("ours", "naive") if repeat % 2 == 0 else ("naive", "ours")
                for method in methods:
                    results[(name, method)].append(run_child(method, path))
            print(f"  run {repeat + 1}/{args.repeats} done", file=sys.stderr)
        for (name, _filename, size, _kind), path in zip(CASES, paths, strict=True):
            rows.append(
                (name, size, path.stat().st_size, results[(name, "ours")], results[(name, "naive")])
            )

    header = (
        f"{'image':<17}{'pixels':>12}{'file':>9}{'ours ms':>10}{'naive ms':>10}"
        f"{'speed-up':>10}{'ours MB':>9}{'naive MB':>10}"
    )
    print()
    print(header)
    print("-" * len(header))
    verdict = True
    for name, size, file_bytes, our_runs, naive_runs in rows:
        ours_ms = statistics.median(run["seconds"] for run in our_runs) * 1000
        naive_ms = statistics.median(run["seconds"] for run in naive_runs) * 1000
        speedup = naive_ms / ours_ms
        # the worst run: memory is a limit, not an average
        ours_mb = max(run["peak_mb"] for run in our_runs)
        naive_mb = max(run["peak_mb"] for run in naive_runs)
        print(
            f"{name:<17}{f'{size[0]}x{size[1]}':>12}{file_bytes / 1e6:>7.1f}MB"
            f"{ours_ms:>10.0f}{naive_ms:>10.0f}{speedup:>9.1f}x{ours_mb:>9.0f}{naive_mb:>10.0f}"
        )
        if name == BAR_CASE:
            bar = (speedup, ours_mb)
            verdict = speedup >= BAR_SPEEDUP and ours_mb < BAR_PEAK_MB
    print()
    print("ms: median wall time of one call (each in a fresh, warmed-up process);")
    print("MB: most resident memory one call added (VmHWM over the process's baseline).")
    print(
        f"Bar, {BAR_CASE}: >= {BAR_SPEEDUP:.0f}x faster and < {BAR_PEAK_MB:.0f} MB peak: "
        f"{bar[0]:.1f}x, {bar[1]:.0f} MB -> {'PASS' if verdict else 'FAIL'}"
    )
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
