"""Batch mode: clean a source tree into an output tree, with an audit.

The runner owns everything the rules do not: walking the tree, reading and
writing files, worker processes, incremental state, the audit file, the
summary line and the exit code.  Inputs are never modified; outputs are
written atomically; one bad file never stops the others.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from cleaner import __version__, stream
from cleaner.api import Cleaner
from cleaner.audit import record
from cleaner.config import RuleSet, load_rule_set
from cleaner.corpus import CountsCache, counts_digest, document_key_runs, key_runs, merge_runs
from cleaner.errors import UsageError
from cleaner.fsutil import LockHeld, atomic_write, lock, sweep_temporaries, write_lines
from cleaner.kinds.repeated_lines import CorpusCounts, file_keys, site_of
from cleaner.ordered import local_map
from cleaner.pipeline import MAX_LINE_CHARS, split_lines
from cleaner.progress import Progress
from cleaner.recordfile import Mapper, RecordFile, audit_lines, clean_files, record_texts
from cleaner.recordio import Format, record_format
from cleaner.records import RecordOptions
from cleaner.state import STATE_DIR, Done, Finished, State
from cleaner.walk import Entry, walk
from cleaner.work import Cleaned, error_record

AUDIT_NAME = "audit.jsonl"
WORKER_DIED = "its worker process died while cleaning it (killed, or out of memory?); run again to retry"


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
    records: RecordOptions = dataclasses.field(default_factory=RecordOptions)


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
    # A forked worker inherits the rule set the run validated: loading the file
    # again could see it edited or deleted (and a pool whose initializer raises
    # respawns workers forever).  Spawned workers (macOS, Ray) must load it.
    rule_set = _WORKER.get("rule_set") or load_rule_set(rules)
    _WORKER["cleaner"] = Cleaner(rule_set, corpus=corpus)


def die_with_parent(parent: int) -> None:
    """Linux: a pool worker is killed when the run dies (a `kill -9` leaves no orphans)."""
    if sys.platform == "linux":
        import ctypes
        import signal

        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # the run died before prctl took effect
            os._exit(1)


def _pool_worker(parent: int, rules: str | None, corpus: CorpusCounts | None) -> None:
    die_with_parent(parent)
    init_worker(rules, corpus)


def clean_task(task: Task) -> Finished:
    """Clean one file into its output path; return its audit record, serialised."""
    cleaner: Cleaner = _WORKER["cleaner"]
    return Finished.of(process_file(task, cleaner).record)


def process_file(task: Task, cleaner: Cleaner) -> Cleaned:
    """Clean one file into its output path (every document goes through :class:`Cleaner`)."""
    pipeline = cleaner.pipeline
    if task.size > stream.threshold():  # bounded memory: cleaned in line-aligned chunks
        return stream.clean_file(task.rel, Path(task.path), Path(task.out), pipeline)
    try:
        with open(task.path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return error_record(task.rel, pipeline, f"cannot read: {exc.strerror or exc}")
    done = cleaner.cleaned(task.rel, data)
    out = Path(task.out)
    try:
        if done.output is not None:
            atomic_write(out, done.output)
        else:
            out.unlink(missing_ok=True)  # a stale output of an earlier run
    except OSError as exc:
        return error_record(task.rel, pipeline, f"cannot write output: {exc.strerror or exc}", data)
    return done


def count_task(paths: list[tuple[str, str]]) -> CorpusCounts:
    """Corpus line counts of a batch of (path, site) files (first pass of repeated-lines)."""
    from cleaner.decode import Undecodable, decode

    counts = CorpusCounts()
    for path, site in paths:
        try:
            with open(path, "rb") as fh:
                text = decode(fh.read()).text
        except (OSError, Undecodable):
            continue
        counts.add(file_keys([ln for ln in split_lines(text)[0] if len(ln) <= MAX_LINE_CHARS], site))
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
    if opts.executor == "ray":
        from cleaner.ray_executor import require_ray

        require_ray()  # before anything is counted or written
    try:
        opts.out.mkdir(parents=True, exist_ok=True)
        held = lock(opts.out / STATE_DIR / "lock")
    except LockHeld:
        raise UsageError(f"another cleaner run is writing to {opts.out} (lock {STATE_DIR}/lock is held)") from None
    except OSError as exc:
        raise UsageError(f"cannot write to the output directory {opts.out}: {exc.strerror or exc}") from None
    try:
        with executor_session(opts, opts.jobs or os.cpu_count() or 1):  # Ray: connect before any work
            return _run_locked(opts, rule_set)
    except OSError as exc:  # the audit or the state could not be written (disk full, ...)
        where = exc.filename or opts.out
        print(f"cleaner: cannot write {where}: {exc.strerror or exc}; run again to resume", file=sys.stderr)
        return 1
    finally:
        held.close()


def _run_locked(opts: RunOptions, rule_set: RuleSet) -> int:
    started = time.perf_counter()
    sweep_temporaries(opts.out)
    entries = [_reserved(e) for e in walk(opts.src)]
    files = [e for e in entries if e.skip is None]
    jobs = opts.jobs or os.cpu_count() or 1
    corpus = None
    key = f"{rule_set.sha256}:{__version__}"
    needs_corpus = any(r.impl.needs_corpus for r in rule_set.active)
    formats = {e.rel: f for e in files if (f := record_format(e.path)) is not None}
    # the texts counted in a record file depend on --text-field
    cache = CountsCache(opts.out / STATE_DIR, files, key + (f":{opts.records.text_field}" if formats else ""))
    if needs_corpus:
        digest = cache.digest()  # an unchanged tree is not counted again
        if digest is None:
            corpus = corpus_counts(files, jobs, opts.out / STATE_DIR, formats, opts.records.text_field)
            digest = corpus_digest(corpus)
            cache.save(corpus, digest)
        key += ":" + digest
    state = State(opts.out)
    todo_keys: dict[str, str] = {}
    records: dict[str, Done] = {}  # audit lines and what the summary needs, not parsed records
    todo: list[Task] = []
    for e in entries:
        if e.skip is not None:
            records[e.rel] = Done.of(0, 0, "", record(e.rel, "skipped", rule_set, reason=e.skip))
            continue
        fkey = key + _record_key(e.rel, formats, opts)
        done = None if opts.force else state.lookup(e.rel, e.size, e.mtime_ns, fkey) or _touched(state, e, fkey)
        if done is not None and done.status != "error" and _outputs_present(opts.out, e.rel, done, formats):
            records[e.rel] = done
        else:
            todo.append(Task(e.rel, str(e.path), str(opts.out / e.rel), e.size, e.mtime_ns))
            todo_keys[e.rel] = fkey
    if needs_corpus and todo and corpus is None:
        corpus = cache.load() or corpus_counts(files, jobs, opts.out / STATE_DIR, formats, opts.records.text_field)
    progress = Progress(len(todo), sum(t.size for t in todo), quiet=opts.quiet, verbose=opts.verbose)
    by_rel = {t.rel: t for t in todo}
    _WORKER["rule_set"] = rule_set
    texts = [t for t in todo if t.rel not in formats]
    for fin in chain(execute(texts, opts, corpus, jobs), execute_records(todo, formats, opts, corpus, jobs)):
        task = by_rel[fin.path]
        records[task.rel] = state.add(task.rel, task.size, task.mtime_ns, todo_keys[task.rel], fin)
        progress.advance(task.rel, task.size, fin.status, fin.reason)
    progress.close()
    _remove_vanished(opts.out, state, records)
    _write_audit(opts.out / AUDIT_NAME, lambda: _audit_lines(opts.out, records, formats))
    state.commit({e.rel for e in files})
    walked_skips = sum(e.skip is not None for e in entries)  # never "up to date": not files to clean
    return summarize(records, time.perf_counter() - started, opts.quiet, len(todo) + walked_skips)


def execute(todo: list[Task], opts: RunOptions, corpus: CorpusCounts | None, jobs: int) -> Iterator[Finished]:
    """Records of the cleaned tasks, in completion order (largest files first)."""
    ordered = sorted(todo, key=lambda t: (-t.size, t.rel))
    if opts.executor == "ray":
        from cleaner.ray_executor import execute_ray

        yield from execute_ray(ordered, opts.rules, corpus, opts.ray_address, num_cpus=jobs)
        return
    if jobs <= 1 or len(ordered) <= 1:
        init_worker(opts.rules, corpus)
        for task in ordered:
            yield clean_task(task)
        return
    yield from _in_pool(ordered, jobs, (os.getpid(), opts.rules, corpus))


def execute_records(
    todo: list[Task], formats: dict[str, Format], opts: RunOptions, corpus: CorpusCounts | None, jobs: int
) -> Iterator[Finished]:
    """Records of the record files of ``todo`` (in path order), cleaned in batches of records."""
    files = [
        RecordFile(t.rel, Path(t.path), Path(t.out), formats[t.rel], record_audit(opts.out, t.rel))
        for t in sorted(todo, key=lambda t: t.rel)
        if t.rel in formats
    ]
    if not files:
        return
    cleaner = Cleaner(_WORKER["rule_set"], corpus=corpus)
    mapper: Mapper
    if opts.executor == "ray":
        from cleaner.ray_executor import ray_map

        mapper = partial(ray_map, opts.rules, corpus, num_cpus=jobs)
    elif jobs > 1:
        mapper = partial(_pool_map, cleaner, jobs)
    else:
        mapper = partial(_inline_map, cleaner)
    for written in clean_files(files, opts.records, cleaner.rule_set, mapper):
        if not opts.quiet:
            for problem in written.problems:
                print(problem, file=sys.stderr)
        yield Finished.of(written.record)


def _inline_map(cleaner: Cleaner, fn: Callable[[Cleaner, Any], Any], items: Iterator[Any]) -> Iterator[Any]:
    return (fn(cleaner, item) for item in items)


def _pool_map(cleaner: Cleaner, jobs: int, fn: Callable[[Cleaner, Any], Any], items: Iterator[Any]) -> Iterator[Any]:
    return local_map(fn, items, jobs, cleaner)


def record_audit(out: Path, rel: str) -> Path:
    """Where a record file's per-record audit lines are kept between runs."""
    return out / STATE_DIR / "records" / (rel + ".audit.jsonl")


def _record_key(rel: str, formats: dict[str, Format], opts: RunOptions) -> str:
    """The record options that shape a record file's output are part of its run key."""
    if rel not in formats:
        return ""
    r = opts.records
    return f":records={r.text_field}/{r.id_field}/{int(r.keep_dropped)}"


def _audit_lines(out: Path, records: dict[str, Done], formats: dict[str, Format]) -> Iterator[bytes]:
    """The run's audit: a line per file in path order, a record file's records after it."""
    for rel in sorted(records):
        yield records[rel].line
        if rel in formats and records[rel].status != "error":
            yield from audit_lines(record_audit(out, rel))


@contextmanager
def executor_session(opts: RunOptions, jobs: int) -> Iterator[None]:
    """Ray: connect (or start a local instance) once for the whole run."""
    if opts.executor != "ray":
        yield
        return
    from cleaner.ray_executor import session

    with session(opts.ray_address, jobs, quiet=opts.quiet):
        yield


def clean_tasks(tasks: list[Task]) -> list[Finished]:
    return [clean_task(t) for t in tasks]


def _in_pool(ordered: list[Task], jobs: int, initargs: tuple[Any, ...]) -> Iterator[Finished]:
    """Clean in worker processes.  When a worker dies (the OOM killer, kill -9)
    the files it had not finished are retried in a new pool; a round in which
    nothing finishes is retried one file at a time, and the file that kills
    that lone worker gets an error record: the run always ends."""
    size = max(1, min(32, len(ordered) // (jobs * 8)))
    chunks = [ordered[i : i + size] for i in range(0, len(ordered), size)]
    while chunks:
        lost: list[Task] = []
        done = 0
        for rec in _one_pool(chunks, jobs, initargs, lost):
            done += 1
            yield rec
        if lost and jobs == 1:  # one worker, files in order: the first lost one killed it
            yield Finished.of(record(lost[0].rel, "error", _WORKER["rule_set"], reason=WORKER_DIED))
            lost = lost[1:]
        elif lost and not done:
            jobs = 1
        chunks = [[t] for t in lost]


def _one_pool(chunks: list[list[Task]], jobs: int, initargs: tuple[Any, ...], lost: list[Task]) -> Iterator[Finished]:
    """Records of one pool's chunks; tasks of a broken pool are added to ``lost`` (in order)."""
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_pool_worker, initargs=initargs)
    try:
        # a future is dropped once its records are out: holding every result to
        # the end of the pool held every record of the run in memory at once
        pending = {pool.submit(clean_tasks, chunk): n for n, chunk in enumerate(chunks)}
        broken: list[int] = []
        for future in as_completed(list(pending)):
            n = pending.pop(future)
            exc = future.exception()
            if exc is None:
                yield from future.result()
            elif isinstance(exc, BrokenProcessPool):
                broken.append(n)
            else:  # a bug: fail these files, not the run
                reason = f"internal error: {type(exc).__name__}: {exc}"
                yield from (Finished.of(record(t.rel, "error", _WORKER["rule_set"], reason=reason)) for t in chunks[n])
            del future
        for n in sorted(broken):  # in submission order: the retry logic relies on it
            lost.extend(chunks[n])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def corpus_counts(
    files: list[Entry],
    jobs: int,
    spill_dir: Path | None = None,
    formats: dict[str, Format] | None = None,
    text_field: str = "text",
) -> CorpusCounts:
    """Line counts of the tree; large files are read as lines, their keys spilled
    to ``spill_dir``; each record of a record file (``formats``) counts as a document."""
    limit = stream.threshold()
    formats = formats or {}
    texts = [e for e in files if e.rel not in formats]
    paths = [(str(e.path), site_of(e.rel)) for e in texts if e.size <= limit]
    batches = [paths[i : i + 64] for i in range(0, len(paths), 64)]
    large = [(str(e.path), site_of(e.rel)) for e in texts if e.size > limit]
    total = CorpusCounts()
    with tempfile.TemporaryDirectory(prefix="counts-", dir=spill_dir) as spill:
        large_tasks = [(path, spill, site) for path, site in large]
        record_tasks = [
            (str(e.path), formats[e.rel], text_field, spill, site_of(e.rel)) for e in files if e.rel in formats
        ]
        if jobs <= 1 or len(batches) + len(large) + len(record_tasks) <= 1:
            for b in batches:
                total.merge(count_task(b))
            runs = [key_runs(*t) for t in large_tasks]
            docs = [count_records_task(*t) for t in record_tasks]
        else:
            ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
            with ctx.Pool(jobs, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
                pending = pool.starmap_async(key_runs, large_tasks, chunksize=1)
                pending_docs = pool.starmap_async(count_records_task, record_tasks, chunksize=1)
                for part in pool.imap(count_task, batches):
                    total.merge(part)
                runs, docs = pending.get(), pending_docs.get()
        merge_runs(total, [r for r in runs if r is not None], [d for d in docs if d is not None])
    # keys seen in one file only can never be "repeated": drop them early
    total.counts = +type(total.counts)({k: n for k, n in total.counts.items() if n >= 2})
    return total


def count_records_task(
    path: str, fmt: Format, text_field: str, spill_dir: str, site: str = ""
) -> tuple[list[str], int] | None:
    """Key runs of a record file's texts, one document per record (None: unreadable)."""
    texts = record_texts(Path(path), fmt, text_field)
    try:
        return document_key_runs((split_lines(t)[0] for t in texts), spill_dir, site)
    except Exception:  # unreadable, corrupt, or a missing extra: the cleaning pass reports it
        return None


def corpus_digest(corpus: CorpusCounts) -> str:
    return counts_digest(corpus)


def _reserved(e: Entry) -> Entry:
    """An input whose output would be overwritten by the audit is skipped, not lost."""
    if e.skip is None and e.rel == AUDIT_NAME:
        return dataclasses.replace(e, skip=f"its output would overwrite the run's {AUDIT_NAME} (rename the file)")
    return e


def _touched(state: State, e: Entry, key: str) -> Done | None:
    """Up to date although its mtime changed: same size and the same bytes (hashed, not cleaned)."""
    done = state.done.get(e.rel)
    if done is None or done.key != key or done.size != e.size or done.sha256 is None:
        return None
    h = hashlib.sha256()
    try:
        with open(e.path, "rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    except OSError:
        return None
    if h.hexdigest() != done.sha256:
        return None
    return state.put(e.rel, dataclasses.replace(done, mtime_ns=e.mtime_ns))


def _outputs_present(out: Path, rel: str, done: Done, formats: dict[str, Format]) -> bool:
    if rel in formats and not record_audit(out, rel).exists():
        return False
    if done.out_bytes is None:
        return True
    try:
        return (out / rel).stat().st_size == done.out_bytes
    except OSError:
        return False


def _write_audit(path: Path, lines: Callable[[], Iterable[bytes]]) -> None:
    """Write the audit unless the file already holds exactly these lines (a re-run rewrites nothing)."""
    digest, size = hashlib.sha256(), 0
    for line in lines():
        digest.update(line + b"\n")
        size += len(line) + 1
    try:
        if path.stat().st_size == size:
            old = hashlib.sha256()
            with open(path, "rb") as fh:
                while block := fh.read(1 << 20):
                    old.update(block)
            if old.digest() == digest.digest():
                return
    except OSError:
        pass
    write_lines(path, lines())


def _remove_vanished(out: Path, state: State, records: dict[str, Done]) -> None:
    """Outputs of inputs that no longer exist are stale: remove them."""
    for rel in list(state.done):
        if rel not in records:
            (out / rel).unlink(missing_ok=True)
            record_audit(out, rel).unlink(missing_ok=True)
            del state.done[rel]


def summarize(records: dict[str, Done], seconds: float, quiet: bool, processed: int) -> int:
    counts = {s: 0 for s in ("cleaned", "unchanged", "dropped", "skipped", "error")}
    size = 0
    for rec in records.values():
        counts[rec.status] = counts.get(rec.status, 0) + 1
        size += rec.in_bytes
    failed = counts["error"]
    invalid = 0  # record files with records that could not be cleaned (copied as they were)
    for rel in sorted(records):
        rec = records[rel]
        invalid += rec.status in ("cleaned", "unchanged") and rec.reason is not None
        if rec.reason is not None and rec.status != "dropped" and not quiet:
            print(f"{rel}: {rec.status}: {rec.reason}", file=sys.stderr)
    reused = len(records) - processed
    line = (
        f"cleaner: {counts['cleaned']} cleaned, {counts['unchanged']} unchanged, {counts['dropped']} dropped, "
        f"{counts['skipped']} skipped, {failed} failed; {len(records)} files, {size / 1e6:.1f} MB in {seconds:.2f}s"
    )
    if reused:
        line += f" ({reused} up to date)"
    print(line, file=sys.stderr)
    return 1 if failed or invalid else 0
