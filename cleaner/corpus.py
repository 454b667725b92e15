"""Corpus line counts for repeated-lines: large files in bounded memory, and a cache.

A large file (above the streaming threshold) is read as lines and its
distinct line keys are spilled, sorted, to run files of 8-byte keys every
SPILL_KEYS keys; the runs of all large files are merged with the counts of
the small files at the end, so memory does not grow with the size of one
file.  Only keys seen in two or more files are kept, as for small files.

The counts of a tree are cached in ``OUT/.cleaner/corpus-counts.bin``, keyed
by the tree's signature (every file's path, size and mtime, the tool version
and the rule-set hash): a re-run on an unchanged tree reads only the header
of that file (the digest that goes into the run key), and the counts only
if some file has to be cleaned.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.decode import Undecodable
from cleaner.fsutil import atomic_write
from cleaner.kinds.repeated_lines import CorpusCounts, line_keys, site_keys
from cleaner.linesource import LineSource, detect
from cleaner.pipeline import MAX_LINE_CHARS
from cleaner.walk import Entry

SPILL_KEYS = 250_000
BATCH_LINES = 4096
KEY_BYTES = 8
CACHE_NAME = "corpus-counts.bin"
#: the meaning of the keys (run and per-site counts); a cache of another format is not read
KEYS_FORMAT = "run+site/1"


def key_runs(path: str, spill_dir: str, site: str = "") -> list[str] | None:
    """Sorted run files holding the distinct line keys of a large file (None: not text)."""
    runs: list[str] = []
    keys: set[bytes] = set()

    def add(batch: list[str]) -> None:
        keys.update(site_keys({k for k in line_keys(batch) if k is not None}, site))
        if len(keys) >= SPILL_KEYS:
            _spill(keys, spill_dir, runs)

    try:
        with open(path, "rb") as fh:
            source = LineSource(fh, detect(fh))
            batch: list[str] = []
            for line in source.lines():
                if len(line) <= MAX_LINE_CHARS:
                    batch.append(line)
                    if len(batch) >= BATCH_LINES:  # folded together: one pass per batch, not per line
                        add(batch)
                        batch = []
            add(batch)
    except (OSError, Undecodable):
        for run in runs:
            os.unlink(run)
        return None
    _spill(keys, spill_dir, runs)
    return runs


def _spill(keys: set[bytes] | list[bytes], spill_dir: str, runs: list[str]) -> None:
    """Write ``keys`` sorted to a new run file (added to ``runs``) and empty them."""
    fd, run = tempfile.mkstemp(suffix=".keys", dir=spill_dir)
    with os.fdopen(fd, "wb") as fh:
        fh.write(b"".join(sorted(keys)))
    runs.append(run)
    keys.clear()


def document_key_runs(documents: Iterable[list[str]], spill_dir: str, site: str = "") -> tuple[list[str], int]:
    """Sorted run files of the line keys of many documents (a record file's
    texts, all of ``site``), each key once per document that holds it, and the
    number of documents."""
    runs: list[str] = []
    keys: list[bytes] = []
    n = 0
    for lines in documents:
        n += 1
        keys.extend(site_keys({k for k in line_keys([ln for ln in lines if len(ln) <= MAX_LINE_CHARS]) if k}, site))
        if len(keys) >= SPILL_KEYS:
            _spill(keys, spill_dir, runs)
    _spill(keys, spill_dir, runs)
    return runs, n


def _read_run(path: str) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while block := fh.read(KEY_BYTES * 8192):
            for i in range(0, len(block), KEY_BYTES):
                yield block[i : i + KEY_BYTES]


def _distinct(runs: list[str]) -> Iterator[bytes]:
    """The keys of one file's runs, each once, in order."""
    last = None
    for key in heapq.merge(*(_read_run(r) for r in runs)):
        if key != last:
            yield key
            last = key


def merge_runs(
    total: CorpusCounts, files: Iterable[list[str]], documents: Iterable[tuple[list[str], int]] = ()
) -> None:
    """Add the large files' keys, and the record files' (``documents``: runs and
    number of records), to ``total`` (keys seen in one document only are left out)."""
    streams: list[Iterator[bytes]] = []
    for runs in files:
        total.files += 1
        streams.append(_distinct(runs))
    for runs, n in documents:  # each key is there once per record that holds it
        total.files += n
        streams.append(heapq.merge(*(_read_run(r) for r in runs)))
    for key, group in itertools.groupby(heapq.merge(*streams)):
        n = sum(1 for _ in group) + total.counts.get(key, 0)
        if n >= 2:
            total.counts[key] = n


def counts_digest(corpus: CorpusCounts) -> str:
    h = hashlib.sha256(str(corpus.files).encode())
    for k in sorted(corpus.counts):
        h.update(k + corpus.counts[k].to_bytes(4, "little"))
    return h.hexdigest()[:16]


class CountsCache:
    """The counts of the last run, valid while the tree's signature is the same."""

    def __init__(self, state_dir: Path, files: list[Entry], salt: str) -> None:
        self.path = state_dir / CACHE_NAME
        h = hashlib.sha256(f"{KEYS_FORMAT}\0{salt}".encode())
        for e in files:
            h.update(f"{e.rel}\0{e.size}\0{e.mtime_ns}\n".encode("utf-8", "surrogatepass"))
        self.signature = h.hexdigest()

    def _header(self) -> dict[str, object] | None:
        try:
            with open(self.path, "rb") as fh:
                head = json.loads(fh.readline())
        except (OSError, ValueError):
            return None
        return head if isinstance(head, dict) and head.get("signature") == self.signature else None

    def digest(self) -> str | None:
        head = self._header()
        return str(head["digest"]) if head else None

    def load(self) -> CorpusCounts | None:
        try:
            with open(self.path, "rb") as fh:
                head = json.loads(fh.readline())
                body = fh.read()
        except (OSError, ValueError):
            return None
        if not isinstance(head, dict) or head.get("signature") != self.signature or len(body) % 12:
            return None
        counts: Counter[bytes] = Counter()
        for i in range(0, len(body), 12):
            counts[body[i : i + 8]] = int.from_bytes(body[i + 8 : i + 12], "little")
        corpus = CorpusCounts(int(head["files"]), counts)
        return corpus if counts_digest(corpus) == head["digest"] else None

    def save(self, corpus: CorpusCounts, value: str) -> None:
        head = json.dumps({"signature": self.signature, "digest": value, "files": corpus.files})
        body = b"".join(k + n.to_bytes(4, "little") for k, n in corpus.counts.items())
        atomic_write(self.path, head.encode() + b"\n" + body)
