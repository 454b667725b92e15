"""Hook modes for a data repository: ``cleaner check`` and ``cleaner fix``.

``check`` reports what would change (``path:line:col: rule-id: what (kind)``
or, with ``--diff``, a unified diff) and never writes.  ``fix`` rewrites only
files that change, atomically (temporary file + rename, permissions kept),
as UTF-8 with each file's newline style.  Both exit 1 when a file would
change / changed, a rule flagged a file, or a file failed (pre-commit's
convention), 0 otherwise; the CLI exits 2 on a usage or rule-file error.

A rule that drops documents in batch mode only flags them here: a hook never
deletes files.  Rules that need the whole corpus (repeated-lines) are
skipped, with a note in the audit.  Binary and undecodable files are named
on stderr with the reason and do not stop the other files.

The audit (``fix`` only) gets one record per file that was rewritten or
failed; unchanged files are left out so that a committed audit log does not
change on a run that changes nothing (pre-commit fails a hook that modifies
a tracked file).  The rule file and the audit log are never cleaned.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from cleaner.api import Cleaner
from cleaner.audit import dumps
from cleaner.config import RuleSet
from cleaner.fsutil import atomic_write
from cleaner.hook_records import check_records
from cleaner.model import Finding
from cleaner.recordio import Format, record_format
from cleaner.records import RecordOptions
from cleaner.work import Cleaned, error_record

REPO_RULES = ".cleaner.yaml"
DEFAULT_AUDIT = Path(".cleaner") / "audit.jsonl"
WHAT = {"remove": "removes line", "replace": "changes line", "drop": "drops file", "flag": "flags file"}


def repo_root(start: Path | None = None) -> Path:
    """The git work tree holding ``start`` (the current directory if not in one)."""
    here = (start or Path.cwd()).resolve()
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=here, capture_output=True, text=True, check=True
        )
        return Path(out.stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        return here


def discover_rules(explicit: str | None, root: Path) -> str | None:
    """--rules, else .cleaner.yaml at the repository root, else the default."""
    if explicit:
        return explicit
    candidate = root / REPO_RULES
    return str(candidate) if candidate.is_file() else None


@dataclass
class HookOptions:
    files: list[str]
    fix: bool
    diff: bool = False
    audit: Path | None = None  # fix: None means .cleaner/audit.jsonl at the repository root
    quiet: bool = False
    records: RecordOptions = field(default_factory=RecordOptions)


@dataclass
class Tally:
    changed: int = 0
    flagged: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if (self.changed or self.flagged or self.failed) else 0


def run_hook(opts: HookOptions, rule_set: RuleSet) -> int:
    """Check or fix ``opts.files``; print findings and a summary; return the exit code."""
    cleaner = Cleaner(rule_set, hook_mode=True)
    audit = (opts.audit or repo_root() / DEFAULT_AUDIT) if opts.fix else None
    own = _own_files(rule_set, audit)
    tally = Tally()
    records: list[dict[str, Any]] = []
    for name in opts.files:
        records.extend(_process(name, cleaner, opts, tally, own))
    if audit is not None and records and not _append_audit(audit, records):
        tally.failed += 1
    if not opts.quiet:
        verb = "fixed" if opts.fix else "would change"
        print(
            f"cleaner {'fix' if opts.fix else 'check'}: {tally.changed} file(s) {verb}, {tally.flagged} flagged, "
            f"{tally.skipped} skipped, {tally.failed} failed; {len(opts.files)} checked",
            file=sys.stderr,
        )
    return tally.exit_code


def _own_files(rule_set: RuleSet, audit: Path | None) -> dict[Path, str]:
    """Files a hook must never clean: the rule file (its examples are spam) and the audit log."""
    own = {}
    if rule_set.path != "default":
        own[Path(rule_set.path).resolve()] = "rule file"
    if audit is not None:
        own[audit.resolve()] = "audit log"
    return own


def _process(
    name: str, cleaner: Cleaner, opts: HookOptions, tally: Tally, own: dict[Path, str]
) -> list[dict[str, Any]]:
    """Clean one file, report it, write it (fix); return its audit records."""
    role = own.get(Path(name).resolve())
    if role is not None:
        tally.skipped += 1
        print(f"{name}: skipped: cleaner's own {role} is never cleaned", file=sys.stderr)
        return []
    fmt = record_format(Path(name))
    if fmt is not None:
        return _process_records(name, fmt, cleaner, opts, tally)
    rec = _process_text(name, cleaner, opts, tally)
    return [] if rec is None else [rec]


def _process_records(name: str, fmt: Format, cleaner: Cleaner, opts: HookOptions, tally: Tally) -> list[dict[str, Any]]:
    checked = check_records(name, fmt, cleaner, opts.records, opts.fix)
    rec = checked.record
    if rec["status"] == "error" or checked.error is not None:
        tally.failed += 1
        reason = checked.error or rec["reason"]
        print(f"{name}: error: {reason}", file=sys.stderr)
        return [{**rec, "status": "error", "reason": reason}]
    tally.flagged += checked.flagged or bool(checked.problems)
    if rec["status"] != "cleaned":
        return []
    tally.changed += 1
    return [rec, *checked.changed]


def _process_text(name: str, cleaner: Cleaner, opts: HookOptions, tally: Tally) -> dict[str, Any] | None:
    done = _clean_one(name, cleaner)
    if done.status in ("error", "skipped"):
        tally.failed += done.status == "error"
        tally.skipped += done.status == "skipped"
        print(f"{name}: {done.status}: {done.record['reason']}", file=sys.stderr)
        return done.record if done.status == "error" else None
    assert done.result is not None
    tally.flagged += bool(done.result.flags)
    changed = done.status == "cleaned"
    _report(name, done, opts, changed)
    if not changed:
        return None
    if opts.fix:
        problem = _write(name, done)
        if problem is not None:
            tally.failed += 1
            print(f"{name}: error: {problem}", file=sys.stderr)
            return {**done.record, "status": "error", "reason": problem}
    tally.changed += 1
    return done.record


def _clean_one(name: str, cleaner: Cleaner) -> Cleaned:
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        return error_record(name, cleaner.pipeline, f"cannot read: {exc.strerror or exc}")
    return cleaner.cleaned(name, data)


def _report(name: str, done: Cleaned, opts: HookOptions, changed: bool) -> None:
    """Findings on stdout; with --diff the diff on stdout and flags on stderr."""
    assert done.result is not None and done.text is not None
    findings = sorted(done.result.findings, key=lambda f: (f.line, f.col))  # stable: rule order within a line
    out: TextIO = sys.stderr if opts.diff else sys.stdout
    if opts.diff and changed:
        sys.stdout.writelines(unified_diff(name, done.text, done.result.text))
    for f in findings:
        if not opts.diff or f.action == "flag":
            print(format_finding(name, f), file=out)
    encoding = done.record.get("encoding")
    if changed and encoding not in (None, "utf-8"):
        print(f"{name}: note: read as {encoding}; {'written' if opts.fix else 'fix writes it'} as UTF-8", file=out)


def format_finding(path: str, f: Finding) -> str:
    """``path:line:col: rule-id: what: reason (kind)``, line and column in the input file."""
    return f"{path}:{f.line}:{f.col}: {f.rule}: {WHAT[f.action]}: {f.reason} ({f.kind})"


def unified_diff(name: str, before: str, after: str) -> list[str]:
    """A unified diff of two texts, split on ``\\n`` only, marking a missing final newline."""
    out = []
    for line in difflib.unified_diff(_keepends(before), _keepends(after), f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return out


def _keepends(text: str) -> list[str]:
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _write(name: str, done: Cleaned) -> str | None:
    """Replace the file (through a symlink, to its target); the problem, or None."""
    assert done.output is not None
    path = Path(os.path.realpath(name))
    try:
        atomic_write(path, done.output, mode=path.stat().st_mode & 0o7777, durable=True)
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    return None


def _append_audit(target: Path, records: list[dict[str, Any]]) -> bool:
    data = memoryview("".join(dumps(r) + "\n" for r in records).encode("utf-8"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # one write on an O_APPEND descriptor: parallel hook processes never interleave lines
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            while data:
                data = data[os.write(fd, data) :]
        finally:
            os.close(fd)
    except OSError as exc:
        print(f"{target}: error: cannot append the audit: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True
