"""Check the minimum supported Rust version (MSRV) declared in Cargo.toml (`rust-version`).

    python scripts/msrv.py

1. The floor: `rust-version` must be at least the `rust-version` of every package the crates
   build with (normal and build dependencies, as resolved in Cargo.lock, from `cargo metadata`).
   A lower value would promise a toolchain the dependencies refuse.
2. The build: when that toolchain is installed (`rustup toolchain install 1.89`), the workspace is
   checked with it (`cargo +1.89 check --workspace --lib`); otherwise this step says so and the
   floor check stands alone. Between the two, `clippy::incompatible_msrv` (on in CI) flags standard
   library APIs newer than `rust-version` in our own code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def version(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main() -> int:
    manifest = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    declared = re.search(r'^rust-version\s*=\s*"([^"]+)"', manifest, re.M)
    if not declared:
        print("Cargo.toml declares no rust-version")
        return 1
    msrv = declared.group(1)
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked"], cwd=ROOT, check=True, capture_output=True
        ).stdout
    )
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    seen, todo = set(), list(meta["workspace_members"])
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            if any(k["kind"] in (None, "build") for k in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    floor = max(
        ((packages[p].get("rust_version") or "0", packages[p]["name"], packages[p]["version"]) for p in seen - set(meta["workspace_members"])),
        key=lambda t: version(t[0]),
    )
    print(f"rust-version {msrv}; the dependencies need at least {floor[0]} ({floor[1]} {floor[2]})")
    if version(msrv) < version(floor[0]):
        print(f"MSRV too low: raise rust-version to {floor[0]}")
        return 1
    toolchains = subprocess.run(["rustup", "toolchain", "list"], capture_output=True, text=True).stdout if shutil.which("rustup") else ""
    if not re.search(rf"^{re.escape(msrv)}(\.0)?-", toolchains, re.M):
        print(f"toolchain {msrv} not installed: build check skipped (rustup toolchain install {msrv})")
        return 0
    print(f"cargo +{msrv} check --workspace --lib")
    return subprocess.run(["cargo", f"+{msrv}", "check", "--workspace", "--lib", "--locked"], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
