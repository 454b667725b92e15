"""Record files against text files: speed on the same pages, and memory on one large JSONL file.

    python benchmarks/records.py --mb 200 [--shard-mb 8] [--gzip] [--repeat 1] [--jobs 2]
    python benchmarks/records.py --big-gb 2 [--jobs 2]

The first form generates the seeded corpus of benchmarks/throughput.py
(benchmarks/synth.py), writes the same pages as JSONL shards of about
``--shard-mb`` MB (``{"id", "url", "text"}`` records, gzip-compressed with
``--gzip``), and times ``cleaner run --jobs N`` on each, in child processes,
best of ``--repeat`` interleaved rounds.  Target (issue 14): the shards clean
at >= 0.9x the speed of the text files.

The second form writes one JSONL file of ``--big-gb`` GB and prints the wall
time and the peak RSS of ``cleaner run`` on it.  Target: < 400 MB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import Writer, make_corpus, pages
from benchmarks.throughput import Step, machine, measure
from cleaner.decode import Undecodable, decode

LIMIT_MB = 400


def write_shards(src: Path, dest: Path, shard_bytes: int, compress: bool) -> int:
    """The pages under ``src`` as JSONL shards (decoded as cleaner decodes them); the bytes of text written."""
    dest.mkdir(parents=True)
    total, number, size = 0, 0, 0
    fh: IO[bytes] | None = None
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        try:
            text = decode(path.read_bytes()).text
        except Undecodable:
            continue
        if fh is None or size >= shard_bytes:
            if fh is not None:
                fh.close()
            name = dest / f"shard-{number:05d}.jsonl{'.gz' if compress else ''}"
            fh = gzip.open(name, "wb", compresslevel=6) if compress else open(name, "wb")
            number, size = number + 1, 0
        rel = path.relative_to(src).as_posix()
        line = json.dumps({"id": rel, "url": f"https://example.org/{rel}", "text": text}, ensure_ascii=False) + "\n"
        data = line.encode("utf-8")
        fh.write(data)
        size += len(data)
        total += len(text.encode("utf-8"))
    if fh is not None:
        fh.close()
    return total


def write_big_jsonl(path: Path, size: int, seed: int) -> int:
    """One JSONL file of about ``size`` bytes of records; the number of records."""
    writer = Writer(seed)
    sites = [s for s in (writer.site(i) for i in range(40)) if s.encoding == "utf-8"]
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "wb") as fh:
        batch: list[str] = []
        for site, text in pages(writer, sites, size):
            batch.append(json.dumps({"id": n, "site": site.name, "text": text}, ensure_ascii=False) + "\n")
            n += 1
            if len(batch) >= 256:
                fh.write("".join(batch).encode("utf-8"))
                batch = []
        fh.write("".join(batch).encode("utf-8"))
    return n


def speed(args: argparse.Namespace, root: Path) -> int:
    src = root / "pages"
    files = make_corpus(src, args.mb, seed=args.seed, big=tuple(b for b in (5, 10, 20) if b <= args.mb / 8))
    size = sum(p.stat().st_size for p in files)
    text_bytes = write_shards(src, root / "shards", int(args.shard_mb * 1e6), args.gzip)
    shards = sorted((root / "shards").iterdir())
    print(f"{len(files)} pages, {size / 1e6:.1f} MB; {len(shards)} shards, {text_bytes / 1e6:.1f} MB of text")
    best: dict[str, Step] = {}
    for n in range(args.repeat):
        for name, tree in (("text", src), ("jsonl", root / "shards")):
            out = root / f"out-{name}-{n}"
            step = measure(
                name, [sys.executable, "-m", "cleaner", "run", str(tree), "--out", str(out), "-q", "-j", str(args.jobs)]
            )
            if name not in best or step.seconds < best[name].seconds:
                best[name] = step
    ratio = best["text"].seconds / best["jsonl"].seconds
    print("| corpus | seconds | MB/s | peak RSS (MB) |\n|---|---:|---:|---:|")
    for name, step in best.items():
        print(f"| {name} | {step.seconds:.1f} | {size / 1e6 / step.seconds:.2f} | {step.peak_mb:.0f} |")
    print(f"jsonl speed / text speed: {ratio:.3f} (target >= 0.9: {'met' if ratio >= 0.9 else 'NOT met'})")
    return 0 if ratio >= 0.9 else 1


def memory(args: argparse.Namespace, root: Path) -> int:
    size = int(args.big_gb * 1e9)
    free = shutil.disk_usage(root).free
    if free < 2.2 * size:
        print(f"not enough space in {root}: {free / 1e9:.1f} GB free, need {2.2 * size / 1e9:.1f}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    records = write_big_jsonl(root / "src" / "dump.jsonl", size, args.seed)
    print(f"wrote {records} records, {size / 1e6:.0f} MB in {time.perf_counter() - started:.0f}s", flush=True)
    cmd = [
        sys.executable,
        "-m",
        "cleaner",
        "run",
        str(root / "src"),
        "--out",
        str(root / "out"),
        "-q",
        "-j",
        str(args.jobs),
    ]
    step = measure("bigjsonl", cmd)
    head = json.loads((root / "out" / "audit.jsonl").open(encoding="utf-8").readline())
    print(
        f"one {size / 1e6:.0f} MB JSONL file: {step.seconds:.0f}s, {size / 1e6 / step.seconds:.2f} MB/s, "
        f"peak RSS {step.peak_mb:.0f} MB (limit {LIMIT_MB}); records {head['records']}"
    )
    return 0 if step.peak_mb < LIMIT_MB else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=200.0)
    ap.add_argument("--shard-mb", type=float, default=8.0)
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument("--big-gb", type=float, default=None, help="measure memory on one JSONL file of this size instead")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default=tempfile.gettempdir())
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="cleaner-records-", dir=args.dir))
    print(machine(), flush=True)
    try:
        return memory(args, root) if args.big_gb else speed(args, root)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
