"""Clean a batch on a Ray cluster (``cleaner run --executor ray``); docs/ray.md.

Files are sent in batches (BATCH_FILES files or BATCH_BYTES bytes, largest
first): a Ray task costs ~0.5 ms against ~14 us for a process-pool task, so
one task per file would cost more than a small page takes to clean.  Each
worker process builds the pipeline once (rule set, word lists, OpenCC) and
keeps it for every later batch of the run; the corpus counts of
repeated-lines go to the object store once.  Workers read the inputs and
write the outputs at the paths the driver gives, so every node must see
SRC and OUT at the same paths (shared storage); the records come back to
the driver, which writes the audit and the state as for a local run.

Without an address a local Ray instance is started, bound to 127.0.0.1 and
without a dashboard, and stopped at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from cleaner.errors import UsageError
from cleaner.kinds.repeated_lines import CorpusCounts
from cleaner.runner import Task
from cleaner.state import Finished

BATCH_FILES = 64
BATCH_BYTES = 16 << 20
INSTALL_HINT = "the ray executor needs Ray: pip install 'cleaner[ray]' (or pip install ray)"

# per worker process: the pipeline of the current run, keyed by rules and corpus
_PIPELINES: dict[tuple[str | None, str], Any] = {}


def require_ray() -> None:
    """Raise UsageError (exit 2) when Ray cannot be imported."""
    try:
        import ray  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None


def batches(tasks: list[Task], files: int = BATCH_FILES, size: int = BATCH_BYTES) -> list[list[Task]]:
    """Consecutive tasks grouped until a batch has ``files`` files or ``size`` bytes."""
    out: list[list[Task]] = []
    batch: list[Task] = []
    total = 0
    for task in tasks:
        if batch and (len(batch) >= files or total + task.size > size):
            out.append(batch)
            batch, total = [], 0
        batch.append(task)
        total += task.size
    if batch:
        out.append(batch)
    return out


def clean_batch(rules: str | None, corpus_ref: list[Any], tasks: list[Task]) -> list[Finished]:
    """Runs on a worker: clean ``tasks`` with this process's pipeline (built on first use)."""
    from cleaner.runner import process_file

    key = (rules, corpus_ref[0].hex() if corpus_ref else "")
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = _build(rules, corpus_ref)
    return [Finished.of(process_file(task, pipeline).record) for task in tasks]


def _build(rules: str | None, corpus_ref: list[Any]) -> Any:
    import ray

    from cleaner.config import load_rule_set
    from cleaner.pipeline import Pipeline

    _PIPELINES.clear()  # an earlier run's pipeline is not needed again
    corpus = ray.get(corpus_ref[0]) if corpus_ref else None
    return Pipeline(load_rule_set(rules), corpus=corpus)


def execute_ray(
    ordered: list[Task],
    rules: str | None,
    corpus: CorpusCounts | None,
    address: str | None,
    num_cpus: int | None = None,
) -> Iterator[Finished]:
    """Audit records of ``ordered``, as the batches finish."""
    require_ray()
    import ray

    if rules and os.path.isfile(rules):
        rules = os.path.abspath(rules)  # workers may run in another directory
    started_here = not ray.is_initialized()
    if started_here:
        _connect(address, num_cpus)
    try:
        corpus_ref = [ray.put(corpus)] if corpus is not None else []
        remote = ray.remote(num_cpus=1, max_retries=1)(clean_batch)
        pending = {remote.remote(rules, corpus_ref, b): b for b in batches(ordered)}
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            batch = pending.pop(done[0])
            try:
                records = ray.get(done[0])
            except Exception as exc:  # a worker died or the batch raised: its files failed
                records = _failed(batch, rules, f"ray task failed: {type(exc).__name__}: {exc}".splitlines()[0])
            yield from records
    finally:
        if started_here:
            ray.shutdown()


def _connect(address: str | None, num_cpus: int | None) -> None:
    import logging

    import ray

    try:
        if address:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        else:
            ray.init(
                num_cpus=num_cpus or os.cpu_count() or 1,
                include_dashboard=False,
                _node_ip_address="127.0.0.1",
                logging_level=logging.WARNING,
                log_to_driver=False,
            )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise UsageError(f"cannot start or reach Ray{f' at {address}' if address else ''}: {exc}") from None


def _failed(batch: list[Task], rules: str | None, reason: str) -> list[Finished]:
    from cleaner.audit import record
    from cleaner.config import load_rule_set

    rule_set = load_rule_set(rules)
    return [Finished.of(record(t.rel, "error", rule_set, reason=reason)) for t in batch]
