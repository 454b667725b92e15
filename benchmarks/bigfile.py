"""Peak memory of `cleaner run` on one large file (issue 4: 2 GB under 400 MB RSS).

    python benchmarks/bigfile.py --gb 2 [--dir /tmp] [--jobs 2] [--keep]

Writes a seeded synthetic file (benchmarks/synth.py) of the given size under
a fresh directory in ``--dir`` (check the free space first), runs
``cleaner run`` on it in a child process, and prints the wall time, MB/s and
the peak RSS of the child processes (resource.getrusage(RUSAGE_CHILDREN),
the largest single process).  The directory is deleted afterwards unless
``--keep``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import write_big

CLEANER = [sys.executable, "-m", "cleaner"]
LIMIT_MB = 400


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gb", type=float, default=2.0)
    ap.add_argument("--dir", default=tempfile.gettempdir())
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    size = int(args.gb * 1e9)
    free = shutil.disk_usage(args.dir).free
    if free < 2.2 * size:
        print(f"not enough space in {args.dir}: {free / 1e9:.1f} GB free, need {2.2 * size / 1e9:.1f}", file=sys.stderr)
        return 2
    root = Path(tempfile.mkdtemp(prefix="cleaner-bigfile-", dir=args.dir))
    try:
        started = time.perf_counter()
        src = write_big(root / "src" / "dump.txt", size, args.seed)
        print(f"wrote {src.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - started:.0f}s", flush=True)
        out = root / "out"
        started = time.perf_counter()
        done = subprocess.run([*CLEANER, "run", str(src.parent), "--out", str(out), "-j", str(args.jobs), "-q"])
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rec = json.loads((out / "audit.jsonl").read_text(encoding="utf-8").splitlines()[0])
        removed = sum(r["removed_lines"] for r in rec["rules"])
        print(
            f"cleaner run: exit {done.returncode}, {seconds:.0f}s, {size / 1e6 / seconds:.2f} MB/s, "
            f"peak RSS {peak:.0f} MB (limit {LIMIT_MB}); status {rec['status']}, "
            f"output {rec['output']['bytes'] / 1e6:.0f} MB, {removed} lines removed"
        )
        return 0 if done.returncode == 0 and peak < LIMIT_MB else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
