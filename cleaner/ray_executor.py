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
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cleaner.errors import UsageError
from cleaner.kinds.repeated_lines import CorpusCounts
from cleaner.runner import Task
from cleaner.state import Finished

BATCH_FILES = 64
BATCH_BYTES = 16 << 20
INSTALL_HINT = "the ray executor needs Ray: pip install 'cleaner[ray]' (or pip install ray)"

AUTH_HINT = (
    "the cluster requires an authentication token: set RAY_AUTH_TOKEN (or RAY_AUTH_TOKEN_PATH) to the token "
    "the cluster was started with (`ray get-auth-token` on the head node prints it), or copy it to ~/.ray/auth_token"
)

# per worker process: the Cleaner of the current run, keyed by rules and corpus
_PIPELINES: dict[tuple[str | None, str], Any] = {}
# driver: the Ray tasks of this run per node id, for the closing line
NODES: Counter[str] = Counter()


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


def clean_batch(rules: str | None, corpus_ref: list[Any], tasks: list[Task]) -> tuple[str, list[Finished]]:
    """Runs on a worker: clean ``tasks`` with this process's Cleaner (built on first use)."""
    from cleaner.runner import process_file

    cleaner = _cleaner(rules, corpus_ref)
    return _node(), [Finished.of(process_file(task, cleaner).record) for task in tasks]


def _call(rules: str | None, corpus_ref: list[Any], fn: Callable[[Any, Any], Any], item: Any) -> tuple[str, Any]:
    """Runs on a worker: ``fn(cleaner, item)`` (a batch of records, see cleaner.recordfile)."""
    return _node(), fn(_cleaner(rules, corpus_ref), item)


def _cleaner(rules: str | None, corpus_ref: list[Any]) -> Any:
    key = (rules, corpus_ref[0].hex() if corpus_ref else "")
    cleaner = _PIPELINES.get(key)
    if cleaner is None:
        cleaner = _PIPELINES[key] = _build(rules, corpus_ref)
    return cleaner


def _node() -> str:
    import ray

    return str(ray.get_runtime_context().get_node_id())


def _build(rules: str | None, corpus_ref: list[Any]) -> Any:
    import ray

    from cleaner.api import Cleaner

    _PIPELINES.clear()  # an earlier run's pipeline is not needed again
    corpus = ray.get(corpus_ref[0]) if corpus_ref else None
    return Cleaner(rules, corpus=corpus)


def execute_ray(
    ordered: list[Task],
    rules: str | None,
    corpus: CorpusCounts | None,
    address: str | None,
    num_cpus: int | None = None,
) -> Iterator[Finished]:
    """Audit records of ``ordered``, as the batches finish."""
    import ray

    rules = _absolute(rules)
    with session(address, num_cpus):
        corpus_ref = [ray.put(corpus)] if corpus is not None else []
        remote = ray.remote(num_cpus=1, max_retries=1)(clean_batch)
        pending = {remote.remote(rules, corpus_ref, b): b for b in batches(ordered)}
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            batch = pending.pop(done[0])
            try:
                node, records = ray.get(done[0])
                NODES[node] += 1
            except Exception as exc:  # a worker died or the batch raised: its files failed
                records = _failed(batch, rules, f"ray task failed: {type(exc).__name__}: {exc}".splitlines()[0])
            yield from records


def ray_map(
    rules: str | None,
    corpus: CorpusCounts | None,
    fn: Callable[[Any, Any], Any],
    items: Iterator[Any],
    num_cpus: int | None = None,
) -> Iterator[Any]:
    """``fn(cleaner, item)`` for each item in Ray tasks, in order, a bounded number in flight.

    A task that fails raises :class:`RayTaskFailed` from this iterator.
    """
    import ray

    rules = _absolute(rules)
    with session(None, num_cpus):
        corpus_ref = [ray.put(corpus)] if corpus is not None else []
        remote = ray.remote(num_cpus=1, max_retries=1)(_call)
        limit = 2 * max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
        pending: deque[Any] = deque()

        def take() -> Any:
            try:
                node, result = ray.get(pending.popleft())
            except Exception as exc:
                raise RayTaskFailed(f"ray task failed: {type(exc).__name__}: {exc}".splitlines()[0]) from None
            NODES[node] += 1
            return result

        for item in items:
            pending.append(remote.remote(rules, corpus_ref, fn, item))
            if len(pending) >= limit:
                yield take()
        while pending:
            yield take()


class RayTaskFailed(Exception):
    """A Ray task cleaning a batch of records failed (its worker died, or it raised)."""


def _absolute(rules: str | None) -> str | None:
    if rules and os.path.isfile(rules):
        return os.path.abspath(rules)  # workers may run in another directory
    return rules


@contextmanager
def session(address: str | None, num_cpus: int | None, quiet: bool = True) -> Iterator[None]:
    """Connect to ``address`` (or start a local instance) unless Ray is already
    connected; disconnect at the end only what was connected here."""
    require_ray()
    import ray

    started_here = not ray.is_initialized()
    if started_here:
        NODES.clear()
        _connect(address, num_cpus)
    try:
        yield
    finally:
        if started_here:
            if not quiet and NODES:
                where = ", ".join(f"{node[:12]}…: {n}" for node, n in sorted(NODES.items()))
                print(f"cleaner: ray: {sum(NODES.values())} tasks on {len(NODES)} node(s) ({where})", file=sys.stderr)
            ray.shutdown()


def _connect(address: str | None, num_cpus: int | None) -> None:
    import logging

    import ray

    noise = ""
    try:
        if address:
            use_token_if_available()
            with _stderr_held() as held:  # Ray's core logs a warning a second while it retries
                try:
                    ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
                finally:
                    noise = held()
        else:
            ray.init(
                num_cpus=num_cpus or os.cpu_count() or 1,
                include_dashboard=False,
                _node_ip_address="127.0.0.1",
                logging_level=logging.WARNING,
                log_to_driver=False,
            )
    except Exception as exc:  # ray raises ConnectionError, RuntimeError, ValueError, AuthenticationError ...
        raise UsageError(connect_error(address, exc, noise)) from None


@contextmanager
def _stderr_held() -> Iterator[Callable[[], str]]:
    """Hold what is written to file descriptor 2 (Ray's C++ core writes there
    directly); the callable gives the text held so far."""
    import tempfile

    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield lambda: _tail(held)
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _tail(fh: Any) -> str:
    fh.flush()
    fh.seek(0)
    return str(fh.read()[-20_000:].decode("utf-8", "replace"))


def token_available() -> bool:
    """A token where Ray's tools look for one: RAY_AUTH_TOKEN, RAY_AUTH_TOKEN_PATH, ~/.ray/auth_token."""
    if os.environ.get("RAY_AUTH_TOKEN", "").strip():
        return True
    path = os.environ.get("RAY_AUTH_TOKEN_PATH")
    return Path(path).is_file() if path else (Path.home() / ".ray" / "auth_token").is_file()


def use_token_if_available() -> None:
    """Send a token to the cluster when one is available, as `ray start` and the
    `ray` CLI do: ``ray.init(address=...)`` alone never does, so a cluster that
    enforces tokens rejects every call.  An explicit RAY_AUTH_MODE is respected."""
    if os.environ.get("RAY_AUTH_MODE") is not None or not token_available():
        return
    os.environ["RAY_AUTH_MODE"] = "token"
    try:  # Ray caches its config at import: refresh it, as Ray's own helper does
        from ray._raylet import Config  # type: ignore[attr-defined]

        Config.initialize("")
    except (ImportError, AttributeError):
        pass


def connect_error(address: str | None, exc: BaseException, noise: str = "") -> str:
    """One line: what failed and what to do about it (``noise``: what Ray's core logged meanwhile)."""
    text = " ".join(str(exc).split())
    if not address:
        return f"cannot start a local Ray instance: {text[:300]}"
    said = (text + " " + noise).lower()
    auth = "auth" in type(exc).__name__.lower() or "invalidauthtoken" in said or "unauthenticated" in said
    if auth:
        if os.environ.get("RAY_AUTH_MODE", "").lower() == "disabled":
            return (
                f"cannot connect to the Ray cluster at {address}: it requires an authentication token and "
                "RAY_AUTH_MODE=disabled here keeps it from being sent; unset RAY_AUTH_MODE (or set it to token)"
            )
        if token_available():
            return f"cannot connect to the Ray cluster at {address}: its token was rejected; {AUTH_HINT}"
        return f"cannot connect to the Ray cluster at {address}: {AUTH_HINT}"
    return (
        f"cannot connect to the Ray cluster at {address}: {text[:300]} "
        "(is `ray start --head` running there, and is the address HEAD_IP:PORT as it printed?)"
    )


def _failed(batch: list[Task], rules: str | None, reason: str) -> list[Finished]:
    from cleaner.audit import record
    from cleaner.config import load_rule_set

    rule_set = load_rule_set(rules)
    return [Finished.of(record(t.rel, "error", rule_set, reason=reason)) for t in batch]
