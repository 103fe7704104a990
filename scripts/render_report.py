"""Render the HTML report of one document (or a folder) in headless Chromium to PNG, to look at it as a
person would.

    python scripts/render_report.py DOCUMENT|DIR [-o report.png] [--html report.html] [--height 3000]

Writes the report with ``cnbudget report`` (the installed package), then asks a Chromium-family browser
(``chromium``, ``chromium-browser``, ``google-chrome``; or ``$CNBUDGET_BROWSER``) for a screenshot of its
first ``--height`` pixels (identity, key figures with their pictures, …). For a folder the corpus report
is written (``--html`` is then its directory) and its ``index.html`` drawn. Exit status 2 when no browser
is installed. No network is used: the report is self-contained.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """The browser to use: ``$CNBUDGET_BROWSER`` or the first Chromium-family browser on the PATH."""
    chosen = os.environ.get("CNBUDGET_BROWSER")
    if chosen:
        return chosen
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def render(html: Path, png: Path, browser: str, width: int = 1400, height: int = 3000) -> None:
    """Screenshot ``html`` into ``png`` with headless ``browser``."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={png.resolve()}",
            html.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=300)
    if not png.is_file() or png.stat().st_size == 0:
        raise RuntimeError(f"{browser} wrote no screenshot to {png}")


def main(argv: list[str] | None = None) -> int:
    """Write the report of a document and its screenshot; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("document", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=Path("report.png"), help="PNG to write")
    parser.add_argument("--html", type=Path, default=None, help="where to keep the HTML (default: beside the PNG)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=3000)
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("render_report: no Chromium-family browser found (apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 2
    beside = args.out.with_name(args.out.stem + "_report") if args.document.is_dir() else args.out.with_suffix(".html")
    html = args.html or beside
    done = subprocess.run(
        [sys.executable, "-m", "cnbudget", "report", str(args.document), "-o", str(html)], capture_output=True
    )
    if args.document.is_dir():
        html = html / "index.html"  # a file that fails to parse is an error row of the index, not a failure here
    elif done.returncode != 0:
        print(done.stderr.decode(errors="replace"), file=sys.stderr)
        return 1
    render(html, args.out, browser, args.width, args.height)
    print(f"{args.out} ({args.out.stat().st_size} bytes) from {html} ({html.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
