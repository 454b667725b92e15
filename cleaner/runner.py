"""Batch mode: clean a source tree into an output tree, with an audit.

The runner owns everything the rules do not: walking the tree, reading and
writing files, worker processes, incremental state, the audit file, the
summary line and the exit code.  Inputs are never modified; outputs are
written atomically; one bad file never stops the others.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.audit import dumps, record
from cleaner.config import RuleSet, load_rule_set
from cleaner.errors import UsageError
from cleaner.fsutil import LockHeld, atomic_write, lock, sweep_temporaries
from cleaner.kinds.repeated_lines import CorpusCounts, file_keys
from cleaner.pipeline import Pipeline, split_lines
from cleaner.progress import Progress
from cleaner.state import STATE_DIR, State
from cleaner.walk import Entry, walk
from cleaner.work import Cleaned, clean_bytes, error_record

AUDIT_NAME = "audit.jsonl"


@dataclass
class RunOptions:
    src: Path
    out: Path
    rules: str | None = None
    jobs: int = 0  # 0: all cores
    force: bool = False
    quiet: bool = False
    verbose: bool = False
    executor: str = "local"
    ray_address: str | None = None


@dataclass
class Task:
    rel: str
    path: str
    out: str
    size: int
    mtime_ns: int


# --- worker side: one pipeline per process, built once --------------------
_WORKER: dict[str, Any] = {}


def init_worker(rules: str | None, corpus: CorpusCounts | None) -> None:
    _WORKER["pipeline"] = Pipeline(load_rule_set(rules), corpus=corpus)


def clean_task(task: Task) -> dict[str, Any]:
    """Clean one file into its output path; return its audit record."""
    pipeline: Pipeline = _WORKER["pipeline"]
    return process_file(task, pipeline).record


def process_file(task: Task, pipeline: Pipeline) -> Cleaned:
    try:
        with open(task.path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return error_record(task.rel, pipeline, f"cannot read: {exc.strerror or exc}")
    done = clean_bytes(task.rel, data, pipeline)
    out = Path(task.out)
    try:
        if done.output is not None:
            atomic_write(out, done.output)
        else:
            out.unlink(missing_ok=True)  # a stale output of an earlier run
    except OSError as exc:
        return error_record(task.rel, pipeline, f"cannot write output: {exc.strerror or exc}", data)
    return done


def count_task(paths: list[str]) -> CorpusCounts:
    """Corpus line counts of a batch of files (first pass of repeated-lines)."""
    from cleaner.decode import Undecodable, decode

    counts = CorpusCounts()
    for path in paths:
        try:
            with open(path, "rb") as fh:
                text = decode(fh.read()).text
        except (OSError, Undecodable):
            continue
        counts.add(file_keys(split_lines(text)[0]))
    return counts


# --- orchestration ----------------------------------------------------------
def check_paths(src: Path, out: Path) -> None:
    if not src.is_dir():
        raise UsageError(f"source is not a directory: {src}")
    rsrc, rout = src.resolve(), out.resolve()
    if rout == rsrc or rout.is_relative_to(rsrc):
        raise UsageError(f"output directory {out} is inside the source tree {src}; choose a directory outside it")
    if out.exists() and not out.is_dir():
        raise UsageError(f"output path exists and is not a directory: {out}")


def run(opts: RunOptions, rule_set: RuleSet) -> int:
    check_paths(opts.src, opts.out)
    opts.out.mkdir(parents=True, exist_ok=True)
    try:
        held = lock(opts.out / STATE_DIR / "lock")
    except LockHeld:
        raise UsageError(f"another cleaner run is writing to {opts.out} (lock {STATE_DIR}/lock is held)") from None
    try:
        return _run_locked(opts, rule_set)
    finally:
        held.close()


def _run_locked(opts: RunOptions, rule_set: RuleSet) -> int:
    started = time.perf_counter()
    sweep_temporaries(opts.out)
    entries = list(walk(opts.src))
    files = [e for e in entries if e.skip is None]
    jobs = opts.jobs or os.cpu_count() or 1
    corpus = None
    key = f"{rule_set.sha256}:{__version__}"
    if any(r.impl.needs_corpus for r in rule_set.active):
        corpus = corpus_counts(files, jobs)
        key += ":" + corpus_digest(corpus)
    state = State(opts.out)
    records: dict[str, dict[str, Any]] = {}
    todo: list[Task] = []
    for e in entries:
        if e.skip is not None:
            records[e.rel] = record(e.rel, "skipped", rule_set, reason=e.skip)
            continue
        done = None if opts.force else state.lookup(e.rel, e.size, e.mtime_ns, key)
        if done is not None and _output_present(opts.out, e.rel, done.record):
            records[e.rel] = done.record
        else:
            todo.append(Task(e.rel, str(e.path), str(opts.out / e.rel), e.size, e.mtime_ns))
    progress = Progress(len(todo), sum(t.size for t in todo), quiet=opts.quiet, verbose=opts.verbose)
    by_rel = {t.rel: t for t in todo}
    for rec in execute(todo, opts, corpus, jobs):
        task = by_rel[rec["path"]]
        records[task.rel] = rec
        state.add(task.rel, task.size, task.mtime_ns, key, rec)
        progress.advance(task.rel, task.size, rec["status"], rec.get("reason"))
    progress.close()
    _remove_vanished(opts.out, state, records)
    audit = "".join(dumps(records[rel]) + "\n" for rel in sorted(records))
    atomic_write(opts.out / AUDIT_NAME, audit.encode("utf-8"))
    state.commit({e.rel for e in files})
    return summarize(records, time.perf_counter() - started, opts.quiet, len(todo))


def execute(todo: list[Task], opts: RunOptions, corpus: CorpusCounts | None, jobs: int) -> Iterator[dict[str, Any]]:
    """Records of the cleaned tasks, in completion order (largest files first)."""
    ordered = sorted(todo, key=lambda t: (-t.size, t.rel))
    if opts.executor == "ray":
        from cleaner.ray_executor import execute_ray

        yield from execute_ray(ordered, opts.rules, corpus, opts.ray_address)
        return
    if jobs <= 1 or len(ordered) <= 1:
        init_worker(opts.rules, corpus)
        for task in ordered:
            yield clean_task(task)
        return
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    chunk = max(1, min(32, len(ordered) // (jobs * 8)))
    with ctx.Pool(jobs, initializer=init_worker, initargs=(opts.rules, corpus)) as pool:
        yield from pool.imap_unordered(clean_task, ordered, chunksize=chunk)


def corpus_counts(files: list[Entry], jobs: int) -> CorpusCounts:
    paths = [str(e.path) for e in files]
    batches = [paths[i : i + 64] for i in range(0, len(paths), 64)]
    total = CorpusCounts()
    if jobs <= 1 or len(batches) <= 1:
        for b in batches:
            total.merge(count_task(b))
    else:
        ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        with ctx.Pool(jobs) as pool:
            for part in pool.imap(count_task, batches):
                total.merge(part)
    # keys seen in one file only can never be "repeated": drop them early
    total.counts = +type(total.counts)({k: n for k, n in total.counts.items() if n >= 2})
    return total


def corpus_digest(corpus: CorpusCounts) -> str:
    h = hashlib.sha256(str(corpus.files).encode())
    for k in sorted(corpus.counts):
        h.update(k + corpus.counts[k].to_bytes(4, "little"))
    return h.hexdigest()[:16]


def _output_present(out: Path, rel: str, rec: dict[str, Any]) -> bool:
    if rec.get("output") is None:
        return True
    try:
        return bool((out / rel).stat().st_size == rec["output"]["bytes"])
    except OSError:
        return False


def _remove_vanished(out: Path, state: State, records: dict[str, dict[str, Any]]) -> None:
    """Outputs of inputs that no longer exist are stale: remove them."""
    for rel in list(state.done):
        if rel not in records:
            (out / rel).unlink(missing_ok=True)
            del state.done[rel]


def summarize(records: dict[str, dict[str, Any]], seconds: float, quiet: bool, processed: int) -> int:
    counts = {s: 0 for s in ("cleaned", "unchanged", "dropped", "skipped", "error")}
    size = 0
    for rec in records.values():
        counts[rec["status"]] = counts.get(rec["status"], 0) + 1
        size += (rec.get("input") or {}).get("bytes", 0)
    failed = counts["error"]
    for rel in sorted(records):
        rec = records[rel]
        if rec["status"] in ("error", "skipped") and not quiet:
            print(f"{rel}: {rec['status']}: {rec['reason']}", file=sys.stderr)
    reused = len(records) - processed
    line = (
        f"cleaner: {counts['cleaned']} cleaned, {counts['unchanged']} unchanged, {counts['dropped']} dropped, "
        f"{counts['skipped']} skipped, {failed} failed; {len(records)} files, {size / 1e6:.1f} MB in {seconds:.2f}s"
    )
    if reused:
        line += f" ({reused} up to date)"
    print(line, file=sys.stderr)
    return 1 if failed else 0
