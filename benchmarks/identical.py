"""Check that the working tree cleans exactly as a given git revision does.

    python benchmarks/identical.py --rev REV [--new REV2] [--mb 10] [--seed 1] [--src DIR ...] [--jobs 1]

Runs ``cleaner run`` of revision REV (exported with ``git archive``, see
benchmarks/revision.py) and of the working tree (or of revision REV2, to
check a commit after the fact) on the same inputs, into two
output trees, and compares every output file byte for byte, ``audit.jsonl``
included (the ``.cleaner/`` state is left out: it holds mtimes).  The
inputs are each ``--src`` directory (default: the dev corpus, when present)
and a seeded synthetic corpus of ``--mb`` MB (benchmarks/synth.py; 0 for
none).  A speed change must leave every byte as it was: exits 1 and names the
first differences when anything differs.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.revision import ROOT, env_for, export, resolve
from benchmarks.synth import make_corpus

DEV = Path("/work/shared/eval/corpus/raw")
STATE = ".cleaner"


def run(tree: Path, src: Path, out: Path, jobs: int) -> tuple[int, float]:
    """``cleaner run`` of the code in ``tree``: its exit code and seconds."""
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "cleaner", "run", str(src), "--out", str(out), "-q", "--jobs", str(jobs)]
    done = subprocess.run(cmd, cwd=tree, env=env_for(tree), capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tree}: cleaner run failed ({done.returncode}):\n{done.stderr}")
    return done.returncode, time.perf_counter() - started


def differences(a: Path, b: Path) -> list[str]:
    """Relative paths whose bytes differ or that exist on one side only."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file() and STATE not in p.relative_to(a).parts}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file() and STATE not in p.relative_to(b).parts}
    out = [f"only in base: {p}" for p in sorted(files_a - files_b)]
    out += [f"only in working tree: {p}" for p in sorted(files_b - files_a)]
    out += [f"differs: {p}" for p in sorted(files_a & files_b) if not filecmp.cmp(a / p, b / p, shallow=False)]
    return out


def compare(base: Path, new: Path, src: Path, work: Path, jobs: int) -> list[str]:
    """Run both contenders on ``src``; print one line; return the differences."""
    rc_a, sec_a = run(base, src, work / "base", jobs)
    rc_b, sec_b = run(new, src, work / "new", jobs)
    diff = differences(work / "base", work / "new")
    if rc_a != rc_b:
        diff.insert(0, f"exit code {rc_a} (base) != {rc_b} (working tree)")
    count = sum(1 for p in (work / "base").rglob("*") if p.is_file() and STATE not in p.parts)
    verdict = "identical" if not diff else f"{len(diff)} DIFFERENCES"
    print(f"{src}: {count} output files, base {sec_a:.1f}s, new {sec_b:.1f}s: {verdict}", flush=True)
    return diff


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", required=True, help="the git revision to compare with (e.g. the branch point)")
    ap.add_argument("--new", help="compare this git revision instead of the working tree")
    ap.add_argument("--src", type=Path, action="append", help="an input tree (repeatable; default: the dev corpus)")
    ap.add_argument("--mb", type=float, default=10.0, help="size of the synthetic corpus (0: none)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    sources = args.src if args.src is not None else [DEV] if DEV.is_dir() else []
    new_name = f"{args.new} = {resolve(args.new)[:12]}" if args.new else f"working tree {ROOT}"
    print(f"base {args.rev} = {resolve(args.rev)[:12]}; {new_name}")
    found: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cleaner-identical-") as tmp:
        root = Path(tmp)
        base = export(args.rev, root / "rev")
        new = export(args.new, root / "new") if args.new else ROOT
        if args.mb > 0:
            synth = root / "synth"
            big = tuple(b for b in (5, 10, 20) if b <= args.mb / 8)
            make_corpus(synth, args.mb, seed=args.seed, big=big)
            sources.append(synth)
        for n, src in enumerate(sources):
            found += [f"{src}: {d}" for d in compare(base, new, src, root / f"run{n}", args.jobs)]
    for line in found[:20]:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
