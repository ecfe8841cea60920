"""Benchmark: lambda_processor.pipeline.process() beside a naive baseline and libvips.

    .venv/bin/python bench/bench_pipeline.py [--repeats N] [--jobs N] [--strict]

Makes the inputs deterministically (bench/images.py), then times every
(image, method) pair N times, interleaved, each call in a fresh child process
warmed up on a tiny image (a busy neighbour slows all methods alike, and every
call starts from a clean heap, as a Lambda container's first photo does). Per
image: the median CPU time of one call (all its threads: libvips and the
project may use more than one), the most resident memory one call added
(VmHWM after resetting it through /proc/self/clear_refs), the two ratios, and
the quality of each proof (bench/quality.py). Then images per second with two
worker processes on the camera JPEGs. ``--strict`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere: lambda_processor importable
sys.path.insert(0, str(REPO / "bench"))

import images  # noqa: E402
import methods  # noqa: E402
from machine import load  # noqa: E402

ORDER = ("project", "naive", "libvips")
# Targets of issue 10: CPU time against libvips's one-decode pipeline.
CAMERA_TARGET, OTHER_TARGET, THROUGHPUT_TARGET = 0.9, 1.0, 1.05


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


def child(method: str, path: str, proof_path: str) -> None:
    methods.warm_up(method)
    data = Path(path).read_bytes()
    baseline = _status_mb("VmRSS") or 0.0
    precise = _reset_peak()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu, wall = time.process_time(), time.perf_counter()
    outputs = methods.METHODS[method](data)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if precise:
        peak = (_status_mb("VmHWM") or 0.0) - baseline
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - maxrss_before
    if proof_path:
        Path(proof_path).write_bytes(outputs["proof"])
    print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": peak}))


def run_child(method: str, path: Path, proof_path: Path | None) -> dict:
    command = [sys.executable, __file__, "--child", method, str(path), str(proof_path or "")]
    result = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(result.stdout.strip().splitlines()[-1])


# Throughput: two worker processes ---------------------------------------------------


def _work(method: str, path: str) -> None:
    methods.METHODS[method](Path(path).read_bytes())


def throughput(method: str, paths: list[Path], workers: int) -> tuple[float, float]:
    """Images per second, and the CPU ms per image the workers used (warm-up included):
    on a shared machine a method with more threads gets a larger share of the CPUs, so
    the wall-clock rate alone can mislead."""
    context = multiprocessing.get_context("spawn")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=methods.warm_up, initargs=(method,)
    ) as pool:
        list(pool.map(time.sleep, [0.2] * workers))  # every worker started and warmed up
        started = time.perf_counter()
        list(pool.map(_work, [method] * len(paths), map(str, paths)))
        rate = len(paths) / (time.perf_counter() - started)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers have been joined
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
    return rate, cpu * 1000 / len(paths)


# Report -------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=16, help="camera JPEGs per throughput round")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    import pyvips
    from PIL import Image
    from quality import Reference

    print(
        f"Pillow {Image.__version__}, libvips {pyvips.version(0)}.{pyvips.version(1)}."
        f"{pyvips.version(2)} (pyvips {pyvips.__version__}), Python {sys.version.split()[0]}; "
        f"{os.cpu_count()} CPUs, load {load()}; "
        f"{args.repeats} runs each"
    )
    with tempfile.TemporaryDirectory(prefix="proofsheet-bench-") as tmp:
        folder = Path(tmp)
        paths = {}
        for case, data in images.made():
            paths[case.name] = folder / case.filename
            paths[case.name].write_bytes(data)
        print("  inputs made", file=sys.stderr)

        runs = {(case.name, method): [] for case in images.CASES for method in ORDER}
        for repeat in range(args.repeats):
            for case in images.CASES:
                # rotate the order so no method always runs first
                for method in ORDER[repeat % 3 :] + ORDER[: repeat % 3]:
                    proof = folder / f"{method}-{case.filename}.jpg" if repeat == 0 else None
                    runs[(case.name, method)].append(run_child(method, paths[case.name], proof))
            print(f"  run {repeat + 1}/{args.repeats} done", file=sys.stderr)

        scores, ceilings, sizes = {}, {}, {}
        for case in images.CASES:
            reference = Reference(paths[case.name].read_bytes())
            for method in ORDER:
                proof = (folder / f"{method}-{case.filename}.jpg").read_bytes()
                scores[(case.name, method)] = reference.score(proof)
                if method == "project":
                    sizes[case.name] = Image.open(folder / f"{method}-{case.filename}.jpg").size
            ceilings[case.name] = reference.ceiling(sizes[case.name])
        print("  quality measured", file=sys.stderr)

        camera = [paths[case.name] for case in images.CASES if case.camera]
        jobs = [camera[index % len(camera)] for index in range(args.jobs)]
        rates = {"project": [], "libvips": []}
        for round_ in range(3):
            for method in ("project", "libvips") if round_ % 2 == 0 else ("libvips", "project"):
                rates[method].append(throughput(method, jobs, workers=2))
        file_sizes = {case.name: paths[case.name].stat().st_size for case in images.CASES}

    return report(args, runs, scores, ceilings, sizes, file_sizes, rates)


def report(args, runs, scores, ceilings, sizes, file_sizes, rates) -> int:
    def cpu(name, method):
        return statistics.median(run["cpu"] for run in runs[(name, method)]) * 1000

    def peak(name, method):  # the worst run: memory is a limit, not an average
        return max(run["peak_mb"] for run in runs[(name, method)])

    print()
    header = (
        f"{'image':<21}{'stored':>11}{'file':>8} |{'CPU ms: project':>16}{'naive':>7}"
        f"{'libvips':>8} |{'/naive':>7}{'/libvips':>9} |{'peak MB: project':>17}"
        f"{'naive':>6}{'libvips':>8} |{'project wall ms':>16}"
    )
    print(header)
    print("-" * len(header))
    verdicts = []
    for case in images.CASES:
        ours, naive, vips = (cpu(case.name, method) for method in ORDER)
        ratio = ours / vips
        target = CAMERA_TARGET if case.camera else OTHER_TARGET
        verdicts.append((f"{case.name} CPU / libvips <= {target}", ratio, ratio <= target))
        wall = statistics.median(run["wall"] for run in runs[(case.name, "project")]) * 1000
        print(
            f"{case.name:<21}{f'{case.size[0]}x{case.size[1]}':>11}"
            f"{file_sizes[case.name] / 1e6:>6.1f}MB |{ours:>16.0f}{naive:>7.0f}{vips:>8.0f}"
            f" |{ours / naive:>7.2f}{ratio:>9.2f} |{peak(case.name, 'project'):>17.0f}"
            f"{peak(case.name, 'naive'):>6.0f}{peak(case.name, 'libvips'):>8.0f} |{wall:>16.0f}"
        )

    print()
    header = (
        f"{'image':<21}{'proof':>11} |{'PSNR dB: project':>17}{'naive':>7}{'libvips':>8}"
        f"{'ceiling':>8} |{'dE00: project':>14}{'naive':>7}{'libvips':>8}{'ceiling':>8}"
    )
    print(header)
    print("-" * len(header))
    for case in images.CASES:
        (psnrs, des) = zip(*(scores[(case.name, m)] for m in ORDER), strict=True)
        ceiling = ceilings[case.name]
        size = sizes[case.name]
        print(
            f"{case.name:<21}{f'{size[0]}x{size[1]}':>11} |"
            + "".join(f"{value:>{w}.2f}" for value, w in zip(psnrs, (17, 7, 8), strict=True))
            + f"{ceiling[0]:>8.2f} |"
            + "".join(f"{value:>{w}.2f}" for value, w in zip(des, (14, 7, 8), strict=True))
            + f"{ceiling[1]:>8.2f}"
        )

    ours, vips = (statistics.median(rate for rate, _ in rates[m]) for m in ("project", "libvips"))
    cpu_ours, cpu_vips = (
        statistics.median(ms for _, ms in rates[m]) for m in ("project", "libvips")
    )
    verdicts.append(
        (
            f"throughput / libvips >= {THROUGHPUT_TARGET}",
            ours / vips,
            ours / vips >= THROUGHPUT_TARGET,
        )
    )
    print()
    print(
        f"Throughput, 2 worker processes, {args.jobs} camera JPEGs (24 and 45 MP), median of 3: "
        f"project {ours:.2f} images/s, libvips {vips:.2f} images/s ({ours / vips:.2f}x); "
        f"worker CPU per image: project {cpu_ours:.0f} ms, libvips {cpu_vips:.0f} ms"
    )
    print()
    job = methods.JOB
    widths = ", ".join(str(width) for width in sorted(job.thumb_widths))
    print("CPU ms: median CPU time (all threads) of one call, each in a fresh, warmed-up process;")
    print(
        "peak MB: most resident memory one call added. Same job for all three (bench/methods.py):"
    )
    print(
        f"{job.proof_size} px proof, {job.thumb_size} px thumb (JPEG q{job.jpeg_quality}), srcset"
    )
    print(
        f"{widths} px ({job.srcset_format} q{methods.WEBP['quality']}, method "
        f"{methods.WEBP['method']}), 16 px placeholder; no watermark."
    )
    print("PSNR/dE00 (CIEDE2000, mean) of the proof against a full-resolution LANCZOS reference;")
    print("ceiling: that reference saved at q82.")
    print()
    for label, value, ok in verdicts:
        print(f"  {'PASS' if ok else 'MISS'}  {label}: {value:.2f}")
    return 1 if args.strict and not all(ok for *_, ok in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
