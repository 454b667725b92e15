"""Hook modes for a data repository: ``cleaner check`` and ``cleaner fix``.

``check`` reports what would change (``path:line:col: rule-id: what (kind)``
or a unified diff) and never writes.  ``fix`` rewrites only files that
change, atomically, keeping permissions and newline style.  Both exit 1 when
a file would change / changed, or a rule flagged a file, or a file failed
(pre-commit's convention), 0 otherwise, and 2 on a usage or rule-file error.
A rule that drops documents in batch mode only flags them here: a hook never
deletes files.  Rules that need the whole corpus (repeated-lines) are
skipped, with a note in the audit.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cleaner.audit import dumps
from cleaner.config import RuleSet
from cleaner.fsutil import atomic_write
from cleaner.model import Finding
from cleaner.pipeline import Pipeline
from cleaner.work import Cleaned, clean_bytes, error_record

REPO_RULES = ".cleaner.yaml"
DEFAULT_AUDIT = Path(".cleaner") / "audit.jsonl"


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
    audit: Path | None = None
    quiet: bool = False


def run_hook(opts: HookOptions, rule_set: RuleSet) -> int:
    pipeline = Pipeline(rule_set, hook_mode=True)
    changed = flagged = failed = 0
    records = []
    for name in opts.files:
        done = _clean_one(name, pipeline)
        records.append(done.record)
        if done.status in ("error", "skipped"):
            failed += done.status == "error"
            print(f"{name}: {done.status}: {done.record['reason']}", file=sys.stderr)
            continue
        assert done.result is not None and done.text is not None
        flags = done.result.flags
        flagged += bool(flags)
        if done.status != "cleaned" and not flags:
            continue
        changed += done.status == "cleaned"
        if opts.diff:
            _print_diff(name, done)
        else:
            for f in done.result.findings:
                print(format_finding(name, f))
        if opts.fix and done.status == "cleaned" and done.output is not None:
            if not _write(name, done, records):
                failed += 1
    if opts.fix:
        _append_audit(opts.audit, records)
    verb = "fixed" if opts.fix else "would change"
    if not opts.quiet:
        print(
            f"cleaner {'fix' if opts.fix else 'check'}: {changed} file(s) {verb}, {flagged} flagged, "
            f"{failed} failed, {len(opts.files)} checked",
            file=sys.stderr,
        )
    return 1 if (changed or flagged or failed) else 0


def _clean_one(name: str, pipeline: Pipeline) -> Cleaned:
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        return error_record(name, pipeline, f"cannot read: {exc.strerror or exc}")
    return clean_bytes(name, data, pipeline)


def _write(name: str, done: Cleaned, records: list[dict[str, object]]) -> bool:
    assert done.output is not None
    path = Path(name)
    try:
        atomic_write(path, done.output, mode=path.stat().st_mode & 0o7777)
        return True
    except OSError as exc:
        print(f"{name}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        records[-1] = {**done.record, "status": "error", "reason": f"cannot write: {exc.strerror or exc}"}
        return False


def format_finding(path: str, f: Finding) -> str:
    what = {"remove": "removes line", "replace": "changes line", "drop": "drops file", "flag": "flags file"}[f.action]
    return f"{path}:{f.line}:{f.col}: {f.rule}: {what}: {f.reason} ({f.kind})"


def _print_diff(name: str, done: Cleaned) -> None:
    assert done.text is not None and done.output is not None
    before = done.text.splitlines(keepends=True)
    after = done.output.decode("utf-8").splitlines(keepends=True)
    sys.stdout.writelines(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))


def _append_audit(path: Path | None, records: list[dict[str, object]]) -> None:
    target = path or repo_root() / DEFAULT_AUDIT
    target.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(dumps(r) + "\n" for r in records).encode("utf-8")
    # one write on an O_APPEND descriptor: parallel hook processes never interleave lines
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
