"""Find import cycles between the modules of the Rust crates (exit 1 when there is one).

    python scripts/import_cycles.py [--verbose] [crate_src_dir ...]   # default: crates/*/src

Each `.rs` file is a module (`lib.rs` the crate, `a/mod.rs` and `a.rs` the module `a`). An edge
A → B is a path in A's code that names an item of B: `use crate::…`, `use super::…`,
`use self::…` (brace groups expanded) and such paths inline in the code. Comments, doc comments
and `#[cfg(test)]` sections are left out (tests may import anything). A path resolves to the
longest module prefix it names (`crate::read::pdf::Char` → `read::pdf`).

Two checks, both must find nothing:

1. **Files**: strongly connected components of the file graph, without the edges between a module
   and its own ancestors (a child uses the types its parent module declares, a parent hands work
   to its children: that is what nesting means).
2. **Layers**: at every level of the tree, siblings taken as whole subtrees (`read::pdf` with
   everything below it): A → B when any file under A uses any file under B. A cycle here is two
   parts of one folder that need each other (e.g. `read::pdf` ↔ `read::layout`).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Cycles accepted on purpose, by crate folder name → sets of module names, each with its reason.
ALLOWED: dict[str, dict[frozenset[str], str]] = {
    "budget-py": {
        frozenset({"document", "picture", "table"}): (
            "the Python object graph: a Table and a Finding keep their Document to draw themselves, "
            "a Document hands out Tables and Pictures (pyclasses referring to each other)"
        ),
    },
}


def module_of(src: Path, file: Path) -> tuple[str, ...]:
    rel = file.relative_to(src).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts.pop()
    return tuple(parts)


def strip(text: str) -> str:
    """Code without comments, string literals' contents and the `#[cfg(test)]` sections."""
    cut = re.search(r"^\s*#\[cfg\(test\)\]\s*\n\s*(pub(\(\w+\))?\s+)?mod\s+\w+", text, re.M)
    if cut:
        text = text[: cut.start()]
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r'"(\\.|[^"\\])*"', '""', text)
    return text


def expand(tree: str) -> list[str]:
    """`a::{b, c::{d, e}}` → [`a::b`, `a::c::d`, `a::c::e`]."""
    tree = re.sub(r"\s+", "", tree)
    i = tree.find("{")
    if i < 0:
        return [tree]
    prefix, body = tree[:i], tree[i + 1 : tree.rfind("}")]
    items, depth, start = [], 0, 0
    for j, ch in enumerate(body):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(body[start:j])
            start = j + 1
    items.append(body[start:])
    out = []
    for item in items:
        if item:
            out.extend(expand(prefix + item))
    return out


def paths_in(code: str) -> list[str]:
    paths = []
    for m in re.finditer(r"\buse\s+([^;]+);", code):
        for p in expand(m.group(1)):
            paths.append(re.sub(r"\bas\s*\w+$|as\w+$", "", p.split(" as ")[0]))
    without_use = re.sub(r"\buse\s+[^;]+;", "", code)
    paths += re.findall(r"\b(?:crate|super|self)(?:::\w+)+", without_use)
    return paths


def resolve(path: str, here: tuple[str, ...], is_dir_module: bool, modules: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    segs = [s for s in path.split("::") if s]
    if not segs or segs[0] not in ("crate", "super", "self"):
        return None
    if segs[0] == "crate":
        base: list[str] = []
        segs = segs[1:]
    else:
        base = list(here)
        while segs and segs[0] in ("self", "super"):
            if segs[0] == "super":
                base = base[:-1]
            segs = segs[1:]
    target = tuple(base)
    for s in segs:
        if tuple([*target, s]) in modules:
            target = (*target, s)
        else:
            break
    return target if target in modules else None


def tarjan(nodes: list, edges: dict) -> list[list]:
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):  # noqa: ANN001
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def name(m: tuple[str, ...]) -> str:
    return "::".join(m) or "crate"


def check(src: Path, verbose: bool) -> int:
    files = sorted(src.rglob("*.rs"))
    modules = {module_of(src, f) for f in files}
    edges: dict[tuple, set] = defaultdict(set)
    why: dict[tuple, str] = {}
    for f in files:
        here = module_of(src, f)
        code = strip(f.read_text(encoding="utf-8"))
        for p in paths_in(code):
            t = resolve(p, here, f.name == "mod.rs", modules)
            if t is None or t == here:
                continue
            edges[here].add(t)
            why.setdefault((here, t), p)
    n_edges = sum(len(v) for v in edges.values())
    problems = 0
    # 1. files, without ancestor/descendant edges
    flat = {a: {b for b in bs if b[: len(a)] != a and a[: len(b)] != b} for a, bs in edges.items()}
    allowed = ALLOWED.get(src.parent.name, {})
    for comp in tarjan(sorted(modules), flat):
        if frozenset(name(m) for m in comp) in allowed:
            print(f"{src}: allowed cycle: {' ↔ '.join(name(m) for m in comp)}: {allowed[frozenset(name(m) for m in comp)]}")
            continue
        problems += 1
        print(f"{src}: file cycle: {' ↔ '.join(name(m) for m in comp)}")
        for a in comp:
            for b in sorted(flat.get(a, ())):
                if b in comp:
                    print(f"    {name(a)} → {name(b)}  ({why[(a, b)]})")
    # 2. layers: siblings as subtrees
    parents = {m[:-1] for m in modules if m}
    for parent in sorted(parents):
        kids = sorted({m[: len(parent) + 1] for m in modules if len(m) > len(parent) and m[: len(parent)] == parent})
        layer: dict[tuple, set] = defaultdict(set)
        example: dict[tuple, str] = {}
        for a, bs in edges.items():
            for b in bs:
                if len(a) > len(parent) and len(b) > len(parent) and a[: len(parent)] == parent == b[: len(parent)]:
                    ka, kb = a[: len(parent) + 1], b[: len(parent) + 1]
                    if ka != kb:
                        layer[ka].add(kb)
                        example.setdefault((ka, kb), f"{name(a)} uses {why[(a, b)]}")
        for comp in tarjan(kids, layer):
            if frozenset(name(m) for m in comp) in allowed:
                continue
            problems += 1
            print(f"{src}: layer cycle under {name(parent)}: {' ↔ '.join(name(m) for m in comp)}")
            for a in comp:
                for b in sorted(layer.get(a, ())):
                    if b in comp:
                        print(f"    {name(a)} → {name(b)}  ({example[(a, b)]})")
    if verbose or problems == 0:
        print(f"{src}: {len(files)} files, {n_edges} module edges, {problems} cycles")
    return problems


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")] or sorted(ROOT.glob("crates/*/src"))
    total = sum(check(d, verbose) for d in dirs)
    print(f"import cycles: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
