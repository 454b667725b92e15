"""Incremental state kept in ``OUT/.cleaner/``: what was done, so it is not redone.

* ``manifest.jsonl``: per input file, its size, mtime, sha256, the run key
  (rule-set hash, tool version, corpus digest) and its audit record;
* ``journal.jsonl``: records appended as files finish, so a run killed
  half-way resumes without redoing finished files; folded into the manifest
  at the end of a run;
* ``lock``: held while a run writes to OUT.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner.audit import dumps
from cleaner.fsutil import atomic_write

STATE_DIR = ".cleaner"


@dataclass
class Done:
    size: int
    mtime_ns: int
    sha256: str | None
    key: str
    record: dict[str, Any]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    break  # a line cut short by a kill: everything before it stands
    except FileNotFoundError:
        pass
    return rows


class State:
    def __init__(self, out: Path) -> None:
        self.dir = out / STATE_DIR
        self.done: dict[str, Done] = {}
        journal = _read_jsonl(self.dir / "journal.jsonl")
        for row in _read_jsonl(self.dir / "manifest.jsonl") + journal:
            try:
                self.done[row["path"]] = Done(row["size"], row["mtime_ns"], row["sha256"], row["key"], row["record"])
            except (KeyError, TypeError):
                continue
        self._journal: IO[str] | None = None
        # the files the manifest on disk lists, while it is still current (no journal, no add)
        self._on_disk: set[str] | None = None if journal else set(self.done)

    def lookup(self, rel: str, size: int, mtime_ns: int, key: str) -> Done | None:
        done = self.done.get(rel)
        if done and done.key == key and done.size == size and done.mtime_ns == mtime_ns:
            return done
        return None

    def add(self, rel: str, size: int, mtime_ns: int, key: str, rec: dict[str, Any]) -> None:
        sha = (rec.get("input") or {}).get("sha256")
        self.done[rel] = Done(size, mtime_ns, sha, key, rec)
        self._on_disk = None
        if self._journal is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._journal = open(self.dir / "journal.jsonl", "a", encoding="utf-8")
        self._journal.write(_row(rel, self.done[rel]) + "\n")
        self._journal.flush()

    def commit(self, keep: set[str]) -> None:
        """Write the manifest for the files in ``keep`` (unless it is current) and drop the journal."""
        if self._on_disk != keep or not (self.dir / "manifest.jsonl").exists():
            lines = [_row(rel, self.done[rel]) for rel in sorted(keep) if rel in self.done]
            atomic_write(self.dir / "manifest.jsonl", "".join(line + "\n" for line in lines).encode("utf-8"))
            self._on_disk = {rel for rel in keep if rel in self.done}
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        try:
            os.unlink(self.dir / "journal.jsonl")
        except FileNotFoundError:
            pass


def _row(rel: str, d: Done) -> str:
    row = {"path": rel, "size": d.size, "mtime_ns": d.mtime_ns, "sha256": d.sha256, "key": d.key, "record": d.record}
    return dumps(row)
