#!/usr/bin/env python3
"""Scale run: N documents (distinct copies of the seed texts, the DOCX, XLSX, XLS and HTML fixtures and
the corpus PDFs, in turn, ``benches/replicas.py``) through ``cnbudget.read_dir``,
``cnbudget.parse_to_parquet`` and the pure-Python pipeline of ``benches/pure_python.py``.

For each N it generates the files in a temporary directory (not timed), then runs each mode in a fresh
subprocess and reports docs/s, MB/s and the subprocess's peak RSS:

* ``read_dir``: every frame in memory (the size of the frames it returns is shown too), so one can see
  what memory is output (grows with N) and what is overhead (should not);
* ``stream``: ``parse_to_parquet`` into a temporary directory (writing included in the time), chunk by
  chunk; its peak RSS should not grow with N;
* ``python``: the pure-Python pipeline over the first ``--python-cycles`` rounds of the same files (it
  is slow: about a second per PDF), with the ratio of cnbudget's ``stream`` rate to its rate.

    python benches/scale.py                     # N = 1,000 and 10,000, every format
    python benches/scale.py 500 2000 --threads 2 --chunk-size 128
    python benches/scale.py 10000 --formats text,docx,xlsx,xls,html    # without the PDFs

Every copy is distinct (amounts shifted by the copy number, in cents; a PDF marked after ``%%EOF``), so
nothing is deduplicated.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from replicas import sample_files, write_replicas

READ_DIR = r"""
import json, resource, sys, time
import cnbudget
start = time.perf_counter()
corpus = cnbudget.read_dir(sys.argv[1], progress=False, n_threads=int(sys.argv[2]) or None)
seconds = time.perf_counter() - start
frames = sum(corpus._frames[name].estimated_size() for name in corpus.frame_names)
print(json.dumps({
    "files": corpus.totals["files"], "parsed": corpus.totals["parsed"], "failed": corpus.totals["failed"],
    "bytes": corpus.totals["bytes"], "seconds": seconds, "line_items": corpus.line_items.height,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "frames_mb": frames / 1e6,
}))
"""

STREAM = r"""
import json, resource, sys, tempfile, time
import cnbudget
with tempfile.TemporaryDirectory(prefix="cnbudget-scale-out-") as out:
    start = time.perf_counter()
    s = cnbudget.parse_to_parquet(
        sys.argv[1], out, progress=False, n_threads=int(sys.argv[2]) or None, chunk_size=int(sys.argv[3])
    )
    seconds = time.perf_counter() - start
print(json.dumps({
    "files": s["files"], "parsed": s["parsed"], "failed": s["failed"], "bytes": s["bytes"], "seconds": seconds,
    "line_items": s["line_items"], "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "frames_mb": None,
}))
"""


PYTHON = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import pure_python
paths = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.is_file())[: int(sys.argv[2])]
assert len(paths) == int(sys.argv[2]), "fewer files than the sample"
start = time.perf_counter()
rows = pure_python.run(paths)
seconds = time.perf_counter() - start
print(json.dumps({
    "files": len(paths), "parsed": len(paths), "failed": 0, "bytes": sum(p.stat().st_size for p in paths),
    "seconds": seconds, "line_items": len(rows), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "frames_mb": None,
}))
"""


def generate(directory: Path, n: int, files: list[Path]) -> int:
    """Write ``n`` distinct documents, copies of ``files`` in turn; their total size in bytes."""
    return sum(p.stat().st_size for p in write_replicas(files, n, directory))


def run(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter and return the JSON it prints."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000], help="numbers of documents")
    parser.add_argument("--threads", type=int, default=0, help="worker threads (default: all CPUs)")
    parser.add_argument("--chunk-size", type=int, default=256, help="files per chunk in stream mode (default 256)")
    parser.add_argument(
        "--python-cycles", type=int, default=2, help="rounds of the file set the pure-Python mode reads (default 2)"
    )
    parser.add_argument("--formats", default="", help="comma-separated formats of replicas.sample_files (default: all)")
    args = parser.parse_args()
    groups = sample_files()
    chosen = [f for f in args.formats.split(",") if f] or list(groups)
    files = [f for name in chosen for f in groups[name]]
    print("files:", ", ".join(f"{len(groups[name])} {name}" for name in chosen))
    print(
        f"{'mode':<9} {'docs':>7} {'MB':>7} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'peak RSS MB':>12} "
        f"{'frames MB':>10} {'line items':>11}"
    )
    for n in args.counts:
        with tempfile.TemporaryDirectory(prefix="cnbudget-scale-") as tmp:
            size = generate(Path(tmp), n, files)
            modes = [("read_dir", READ_DIR, ()), ("stream", STREAM, (str(args.chunk_size),))]
            rates = {}
            for mode, code, extra in modes:
                r = run(code, tmp, str(args.threads), *extra)
                assert r["parsed"] == n and r["failed"] == 0, r
                rates[mode] = n / r["seconds"]
                report(mode, n, size, r)
            sample = min(n, args.python_cycles * len(files))
            r = run(PYTHON, tmp, str(sample), str(Path(__file__).resolve().parent))
            report("python", r["files"], r["bytes"], r)
            ratio = rates["stream"] / (r["files"] / r["seconds"])
            print(f"{'':<9} cnbudget stream / pure Python: {ratio:.1f}x (docs/s, same files)", flush=True)


def report(mode: str, n: int, size: int, r: dict[str, Any]) -> None:
    frames = "-" if r["frames_mb"] is None else f"{r['frames_mb']:.1f}"
    print(
        f"{mode:<9} {n:>7} {size / 1e6:>7.1f} {r['seconds']:>8.2f} {n / r['seconds']:>8.1f} "
        f"{size / 1e6 / r['seconds']:>7.2f} {r['peak_rss_mb']:>12.0f} {frames:>10} {r['line_items']:>11}",
        flush=True,
    )

if __name__ == "__main__":
    main()
