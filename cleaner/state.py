"""Incremental state kept in ``OUT/.cleaner/``: what was done, so it is not redone.

* ``manifest.jsonl``: per input file, its size, mtime, sha256, the run key
  (rule-set hash, tool version, corpus digest) and its audit record;
* ``journal.jsonl``: records appended as files finish, so a run killed
  half-way resumes without redoing finished files; folded into the manifest
  at the end of a run;
* ``lock``: held while a run writes to OUT.

A row is a small JSON header (path, size, mtime, sha256, key, status,
reason, input and output bytes), a tab, and the file's audit line as it goes
into ``audit.jsonl`` (JSON never holds a raw tab).  A run keeps the audit
lines as bytes and parses only the headers: a tree of 50,000 files is not
50,000 parsed records in memory, and a re-run does not decode them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner.audit import dumps
from cleaner.fsutil import write_lines

STATE_DIR = ".cleaner"


@dataclass(frozen=True)
class Finished:
    """What a worker sends back for one file: the audit line already serialised
    (bytes pickle fast, and the parent, which shares the cores with the
    workers, does not encode every record itself) and the fields a run needs."""

    path: str
    status: str
    reason: str | None
    sha256: str | None
    in_bytes: int  # input bytes (0 when not read)
    out_bytes: int | None  # output bytes (None: no output)
    line: bytes  # the audit line (UTF-8 JSON, no newline)

    @classmethod
    def of(cls, rec: dict[str, Any]) -> Finished:
        inp, out = rec.get("input") or {}, rec.get("output") or {}
        return cls(
            rec["path"],
            rec["status"],
            rec.get("reason"),
            inp.get("sha256"),
            inp.get("bytes", 0),
            out.get("bytes"),
            dumps(rec).encode("utf-8"),
        )


@dataclass
class Done:
    size: int
    mtime_ns: int
    sha256: str | None
    key: str
    line: bytes  # the audit line (UTF-8 JSON, no newline)
    status: str
    reason: str | None
    in_bytes: int  # input bytes (0 when not read)
    out_bytes: int | None  # output bytes (None: no output)

    @classmethod
    def of(cls, size: int, mtime_ns: int, key: str, rec: dict[str, Any] | Finished) -> Done:
        f = rec if isinstance(rec, Finished) else Finished.of(rec)
        return cls(size, mtime_ns, f.sha256, key, f.line, f.status, f.reason, f.in_bytes, f.out_bytes)

    @property
    def record(self) -> dict[str, Any]:
        """The audit record, parsed (only when a caller needs all of it)."""
        rec: dict[str, Any] = json.loads(self.line)
        return rec


def _header(rel: str, d: Done) -> bytes:
    head = {
        "path": rel,
        "size": d.size,
        "mtime_ns": d.mtime_ns,
        "sha256": d.sha256,
        "key": d.key,
        "status": d.status,
        "reason": d.reason,
        "in_bytes": d.in_bytes,
        "out_bytes": d.out_bytes,
    }
    return dumps(head).encode("utf-8")


def _rows(path: Path) -> Iterator[tuple[str, Done]]:
    """The rows of a manifest or journal; a row cut short by a kill ends it."""
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        return
    with fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                return  # cut short by a kill: everything before it stands
            head, tab, line = raw[:-1].partition(b"\t")
            try:
                row = json.loads(head)
                if not tab:  # a row of the first format: the whole record inside
                    yield row["path"], Done.of(row["size"], row["mtime_ns"], row["key"], row["record"])
                    continue
                yield (
                    row["path"],
                    Done(
                        row["size"],
                        row["mtime_ns"],
                        row["sha256"],
                        row["key"],
                        line,
                        row["status"],
                        row["reason"],
                        row["in_bytes"],
                        row["out_bytes"],
                    ),
                )
            except (ValueError, KeyError, TypeError):
                return


class State:
    def __init__(self, out: Path) -> None:
        self.dir = out / STATE_DIR
        self.done: dict[str, Done] = {}
        self.done.update(_rows(self.dir / "manifest.jsonl"))
        journal = dict(_rows(self.dir / "journal.jsonl"))
        self.done.update(journal)
        self._journal: IO[bytes] | None = None
        # the files the manifest on disk lists, while it is still current (no journal, no add)
        self._on_disk: set[str] | None = None if journal else set(self.done)

    def lookup(self, rel: str, size: int, mtime_ns: int, key: str) -> Done | None:
        done = self.done.get(rel)
        if done and done.key == key and done.size == size and done.mtime_ns == mtime_ns:
            return done
        return None

    def add(self, rel: str, size: int, mtime_ns: int, key: str, rec: dict[str, Any] | Finished) -> Done:
        return self.put(rel, Done.of(size, mtime_ns, key, rec))

    def put(self, rel: str, done: Done) -> Done:
        """Record ``done`` for ``rel`` and append it to the journal."""
        self.done[rel] = done
        self._on_disk = None
        if self._journal is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._journal = open(self.dir / "journal.jsonl", "ab")
        self._journal.write(_header(rel, done) + b"\t" + done.line + b"\n")
        self._journal.flush()
        return done

    def commit(self, keep: set[str]) -> None:
        """Write the manifest for the files in ``keep`` (unless it is current) and drop the journal."""
        if self._on_disk != keep or not (self.dir / "manifest.jsonl").exists():
            rels = [rel for rel in sorted(keep) if rel in self.done]
            rows = (_header(rel, self.done[rel]) + b"\t" + self.done[rel].line for rel in rels)
            write_lines(self.dir / "manifest.jsonl", rows)
            self._on_disk = set(rels)
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        try:
            os.unlink(self.dir / "journal.jsonl")
        except FileNotFoundError:
            pass
