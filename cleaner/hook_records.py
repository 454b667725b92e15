"""`cleaner check` / `cleaner fix` on a record file (JSON lines, gzip/zstd, Parquet).

The records are cleaned as `cleaner run` cleans them (cleaner.recordfile)
into a temporary file next to the input; ``fix`` renames it over the input
when a record changed (atomically, permissions kept), ``check`` deletes it.
Each finding prints as ``path:record N:line L: rule-id: what: reason (kind)``
— N the record's 0-based index, L the line in the record's text — and a
record that cannot be cleaned as ``path:line: problem``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.api import Cleaner
from cleaner.recordfile import RecordFile, clean_files
from cleaner.recordio import Format
from cleaner.records import RecordOptions

WHAT = {"remove": "removes line", "replace": "changes line", "drop": "drops record", "flag": "flags record"}


def check_records(name: str, fmt: Format, cleaner: Cleaner, opts: RecordOptions, fix: bool) -> RecordsChecked:
    """Clean the records of ``name``; print findings and problems; write it back with ``fix``."""
    path = Path(os.path.realpath(name))
    # fix: next to the file, so the rename is atomic; check: never in the user's tree
    where = path.parent if fix else Path(tempfile.mkdtemp(prefix="cleaner-check-"))
    out = where / f".{path.name}.{os.getpid()}.out.cleaner-tmp"
    audit = where / f".{path.name}.{os.getpid()}.audit.cleaner-tmp"
    target = RecordFile(name, path, out, fmt, audit)
    try:
        written = next(clean_files([target], opts, cleaner.rule_set, _inline(cleaner)))
        per_record = _read(audit)
        checked = RecordsChecked(written.record, [r for r in per_record if r["status"] in ("cleaned", "dropped")])
        for problem in written.problems:
            print(problem, file=sys.stderr)
        checked.problems = len(written.problems)
        for rec in per_record:
            for line in finding_lines(name, rec):
                print(line)
            checked.flagged |= any(f["action"] == "flag" for r in rec.get("rules", []) for f in r["findings"])
        if fix and written.record["status"] == "cleaned":
            checked.error = _replace(out, path)
    finally:
        out.unlink(missing_ok=True)
        audit.unlink(missing_ok=True)
        if not fix:
            where.rmdir()
    return checked


@dataclass
class RecordsChecked:
    record: dict[str, Any]  # the file's audit record
    changed: list[dict[str, Any]]  # the audit records of the records that changed
    flagged: bool = False
    problems: int = 0
    error: str | None = None


def finding_lines(name: str, rec: dict[str, Any]) -> list[str]:
    out = []
    for rule in rec.get("rules", []):
        for f in rule["findings"]:
            what = WHAT.get(f["action"], f["action"])
            out.append(
                f"{name}:record {rec['record']}:line {f['line']}: {rule['id']}: {what}: {f['reason']} ({rule['kind']})"
            )
    return out


def _inline(cleaner: Cleaner) -> Any:
    return lambda fn, items: (fn(cleaner, item) for item in items)


def _read(audit: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in audit.read_bytes().splitlines()]
    except FileNotFoundError:
        return []


def _replace(out: Path, path: Path) -> str | None:
    """Put ``out`` in place of ``path`` durably, with ``path``'s permissions; the problem, or None."""
    try:
        os.chmod(out, path.stat().st_mode & 0o7777)
        with open(out, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(out, path)
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    return None
