"""An ordered map over worker processes, with a bounded number of batches in flight.

Each worker gets ``state`` (a :class:`cleaner.api.Cleaner`) once, when it
starts: forked workers inherit it, spawned ones unpickle it.  Results come
back in the order of ``items`` whatever the number of workers, and at most
``window`` items are queued or in flight, so a stream of batches read from a
2 GB file never sits in memory whole.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

_STATE: list[Any] = []


def _init(parent: int, state: Any) -> None:
    from cleaner.runner import die_with_parent

    die_with_parent(parent)
    _STATE[:] = [state]


def _call(fn: Callable[[Any, T], R], item: T) -> R:
    return fn(_STATE[0], item)


def local_map(
    fn: Callable[[S, T], R], items: Iterable[T], jobs: int, state: S, window: int | None = None
) -> Iterator[R]:
    """``fn(state, item)`` for each item, computed in ``jobs`` processes, yielded in order."""
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    limit = window or 2 * jobs
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init, initargs=(os.getpid(), state)) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(_call, fn, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
