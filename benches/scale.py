#!/usr/bin/env python3
"""Scale run: N documents (copies of the seeds with perturbed amounts) through ``cnbudget.read_dir``.

For each N it generates the files in a temporary directory (not timed), then runs ``read_dir`` in a
fresh subprocess and reports docs/s, MB/s and the subprocess's peak RSS, plus the size of the frames it
returns, so one can see what memory is output (grows with N) and what is overhead (should not).

    python benches/scale.py                     # N = 1,000 and 10,000
    python benches/scale.py 500 2000 --threads 2

Every copy is distinct (amounts shifted by the copy number, in cents), so nothing is deduplicated.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
AMOUNT = re.compile(r"(?<![\d.])(\d{1,9})\.(\d{2})(?![\d.])")

CHILD = r"""
import json, resource, sys, time
import cnbudget
start = time.perf_counter()
corpus = cnbudget.read_dir(sys.argv[1], progress=False, n_threads=int(sys.argv[2]) or None)
seconds = time.perf_counter() - start
frames = sum(corpus._frames[name].estimated_size() for name in corpus.frame_names)
print(json.dumps({
    "files": corpus.summary["files"], "parsed": corpus.summary["parsed"], "failed": corpus.summary["failed"],
    "bytes": corpus.summary["bytes"], "seconds": seconds, "line_items": corpus.line_items.height,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "frames_mb": frames / 1e6,
}))
"""


def perturb(text: str, k: int) -> str:
    """Shift every 2-decimal amount by k cents (keeps the layout; makes each copy distinct)."""

    def shift(m: re.Match[str]) -> str:
        cents = int(m.group(1)) * 100 + int(m.group(2)) + k
        return f"{cents // 100}.{cents % 100:02d}"

    return AMOUNT.sub(shift, text)


def generate(directory: Path, n: int) -> int:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    total = 0
    for k in range(n):
        sub = directory / f"{k // 1000:03d}"  # 1,000 files per folder, as a crawl would store them
        sub.mkdir(exist_ok=True)
        data = perturb(seeds[k % len(seeds)], k // len(seeds) + 1).encode("utf-8")
        (sub / f"doc_{k:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000], help="numbers of documents")
    parser.add_argument("--threads", type=int, default=0, help="worker threads (default: all CPUs)")
    args = parser.parse_args()
    print(f"{'docs':>7} {'MB':>7} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'peak RSS MB':>12} {'frames MB':>10} {'line items':>11}")
    for n in args.counts:
        with tempfile.TemporaryDirectory(prefix="cnbudget-scale-") as tmp:
            size = generate(Path(tmp), n)
            run = subprocess.run(
                [sys.executable, "-c", CHILD, tmp, str(args.threads)], capture_output=True, text=True, check=True
            )
            r = json.loads(run.stdout)
            assert r["parsed"] == n and r["failed"] == 0, r
            print(
                f"{n:>7} {size / 1e6:>7.1f} {r['seconds']:>8.2f} {n / r['seconds']:>8.1f} "
                f"{size / 1e6 / r['seconds']:>7.2f} {r['peak_rss_mb']:>12.0f} {r['frames_mb']:>10.1f} {r['line_items']:>11}"
            )


if __name__ == "__main__":
    main()
