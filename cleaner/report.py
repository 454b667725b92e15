"""``cleaner report AUDIT -o report.html``: one self-contained page to review a run.

The audit is summarised in Python (totals, per-rule counts, the most frequent
removed keywords and contact fields, each file's removed share) and every
file's findings are embedded as compact JSON: strings that repeat (rule ids,
reasons, statuses) are stored once and referred to by index.  The page's
inline script renders a page of files at a time and a file's findings only
when it is opened, so a 100,000-file audit stays usable.  No network, no
external scripts or fonts; scraped text is only ever inserted as text.

The removed share of a file is an estimate from the audit alone: bytes of
the removed lines (a line end each; hashed text counted as 3 bytes a
character) over those bytes plus the output's; 100 % for a dropped file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from cleaner.errors import UsageError

STATUSES = ("cleaned", "unchanged", "dropped", "skipped", "error")
ACTIONS = ("remove", "replace", "drop", "flag")
TOP_KEYWORDS = 100
TOP_FIELDS = 50
CONTEXT = 2  # input lines shown around a finding with --src


@dataclass(frozen=True)
class ReportOptions:
    audit: Path
    out: Path
    src: Path | None = None
    max_findings: int = 500  # per file; the rest are counted, not embedded
    max_chars: int = 300  # per embedded text


@dataclass
class _Interner:
    items: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def __call__(self, value: str) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.items)
            self.items.append(value)
        return found


@dataclass
class _RuleTotals:
    kind: str
    files: int = 0
    removed_lines: int = 0
    changed_lines: int = 0
    chars_removed: int = 0
    drops: int = 0
    flags: int = 0


def read_audit(path: Path) -> Iterator[dict[str, Any]]:
    """The audit records of ``path``, one per non-empty line."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise UsageError(f"{path}:{number}: not a JSON audit record ({exc})") from None
            if not isinstance(rec, dict) or "path" not in rec or "status" not in rec:
                raise UsageError(f"{path}:{number}: not an audit record (no `path` or `status`)")
            if "records" in rec and rec["status"] != "error":
                continue  # a record file's summary: its records follow, one line each
            if "record" in rec:  # one record of a record file: a document of its own in the report
                rec = {**rec, "path": f"{rec['path']}:record {rec['record']}"}
            yield rec


class Collector:
    """Everything the page shows, gathered in one pass over the records."""

    def __init__(self, opts: ReportOptions) -> None:
        self.opts = opts
        self.strings = _Interner()
        self.rule_index = _Interner()
        self.rules: dict[str, _RuleTotals] = {}
        self.status = Counter[str]()
        self.keywords = Counter[str]()
        self.keyword_files = Counter[str]()
        self.fields = Counter[str]()
        self.files: list[list[Any]] = []
        self.file_tags: list[tuple[set[str], set[str]]] = []  # keywords, contact fields
        self.file_lines: list[tuple[int, int]] = []  # removed, changed
        self.bytes_in = self.bytes_out = 0
        self.rulesets: set[str] = set()
        self.order: list[str] = []  # rule ids in rule-set order, as far as the records show it
        self.versions: dict[str, str] = {}

    def add(self, rec: dict[str, Any]) -> None:
        status = str(rec["status"])
        self.status[status] += 1
        in_bytes = (rec.get("input") or {}).get("bytes", 0)
        out_bytes = (rec.get("output") or {}).get("bytes", 0)
        self.bytes_in += in_bytes
        self.bytes_out += out_bytes
        if rec.get("ruleset"):
            self.rulesets.add(rec["ruleset"])
        self.versions.update(rec.get("versions") or {})
        entries: list[dict[str, Any]] = rec.get("rules") or []
        self._order([str(e["id"]) for e in entries])
        words: set[str] = set()
        fields: set[str] = set()
        rule_ids = [self.rule_index(str(e["id"])) for e in entries]
        removed = sum(self._add_rule(e, words, fields) for e in entries)
        every = ((rid, f) for rid, e in zip(rule_ids, entries) for f in e.get("findings") or [])
        findings = [self._finding(rid, f) for rid, f in islice(every, self.opts.max_findings)]
        total = sum(len(e.get("findings") or []) for e in entries)
        reason = rec.get("reason")
        self.files.append(
            [
                str(rec["path"]),
                self.strings(status),
                in_bytes,
                out_bytes,
                _share_permille(status, removed, out_bytes),
                rule_ids,
                self.strings(str(reason)) if reason else -1,
                findings,
                total - len(findings),
            ]
        )
        self.keyword_files.update(words)
        self.file_tags.append((words, fields))
        lines = (sum(e.get("removed_lines", 0) for e in entries), sum(e.get("changed_lines", 0) for e in entries))
        self.file_lines.append(lines)

    def _order(self, ids: list[str]) -> None:
        """Merge a record's rule order (the rule set's) into the display order."""
        after = -1
        for rid in ids:
            if rid in self.order:
                after = self.order.index(rid)
            else:
                after += 1
                self.order.insert(after, rid)

    def _add_rule(self, entry: dict[str, Any], words: set[str], fields: set[str]) -> int:
        """Count one rule entry of a record; return its removed bytes (the estimate)."""
        totals = self.rules.setdefault(entry["id"], _RuleTotals(entry.get("kind", "")))
        totals.files += 1
        totals.removed_lines += entry.get("removed_lines", 0)
        totals.changed_lines += entry.get("changed_lines", 0)
        totals.chars_removed += entry.get("chars_removed", 0)
        known_chars = known_bytes = 0
        for f in entry.get("findings") or []:
            totals.drops += f.get("action") == "drop"
            totals.flags += f.get("action") == "flag"
            self._tally(entry.get("kind"), f.get("detail") or {}, words, fields)
            text = f.get("text", f.get("redacted")) if f.get("action") == "remove" else None
            if isinstance(text, str):
                known_chars += len(text)
                known_bytes += len(text.encode("utf-8", "replace"))
        hashed = max(0, int(entry.get("chars_removed", 0)) - known_chars)
        return known_bytes + 3 * hashed + int(entry.get("removed_lines", 0))

    def _tally(self, kind: Any, detail: dict[str, Any], words: set[str], fields: set[str]) -> None:
        """Removed keywords (keyword-lines) and contact fields (contact-block)."""
        if kind == "keyword-lines" and isinstance(detail.get("words"), list):
            found = [str(w) for w in detail["words"]]
            self.keywords.update(found)
            words.update(found)
        elif kind == "contact-block" and detail.get("field"):
            self.fields[str(detail["field"])] += 1
            fields.add(str(detail["field"]))

    def _finding(self, rule: int, f: dict[str, Any]) -> list[Any]:
        """``[line, rule, action, reason, text, new]`` (trailing empties dropped)."""
        action = ACTIONS.index(f["action"]) if f.get("action") in ACTIONS else 0
        row: list[Any] = [f.get("line", 0), rule, action, self.strings(str(f.get("reason", "")))]
        if f.get("action") == "replace":
            row += [self._text(f.get("old")), self._text(f.get("new"))]
        elif f.get("action") == "remove":
            row.append(self._text(f))
        while row and row[-1] == "" and len(row) > 4:
            row.pop()
        return row

    def _text(self, stored: Any) -> str:
        if not isinstance(stored, dict):
            return ""
        if "text" in stored or "redacted" in stored:
            text = str(stored.get("text", stored.get("redacted")))
        elif "sha256" in stored:
            return f"[sha256 {str(stored['sha256'])[:12]}…]"
        else:
            return ""
        limit = self.opts.max_chars
        return text if len(text) <= limit else text[:limit] + f"… [+{len(text) - limit} chars]"

    def data(self) -> dict[str, Any]:
        keywords = [w for w, _ in self.keywords.most_common(TOP_KEYWORDS)]
        fields = [w for w, _ in self.fields.most_common(TOP_FIELDS)]
        kw_index = {w: i for i, w in enumerate(keywords)}
        field_index = {w: i for i, w in enumerate(fields)}
        for row, (words, found), counts in zip(self.files, self.file_tags, self.file_lines):
            row.append(sorted(kw_index[w] for w in words if w in kw_index))
            row.append(sorted(field_index[w] for w in found if w in field_index))
            row.extend(counts)
        rules = [
            [rid, t.kind, t.files, t.removed_lines, t.changed_lines, t.chars_removed, t.drops, t.flags]
            for rid, t in ((rid, self.rules[rid]) for rid in self.rule_index.items)
        ]
        return {
            "audit": str(self.opts.audit),
            "rulesets": sorted(self.rulesets),
            "versions": self.versions,
            "status": {s: self.status.get(s, 0) for s in (*STATUSES, *sorted(set(self.status) - set(STATUSES)))},
            "bytes": [self.bytes_in, self.bytes_out],
            "rules": rules,
            "rule_order": [self.rule_index.index[rid] for rid in self.order],
            "keywords": [[w, self.keywords[w], self.keyword_files[w]] for w in keywords],
            "fields": [[w, self.fields[w]] for w in fields],
            "strings": self.strings.items,
            "files": self.files,
        }


def _share_permille(status: str, removed: int, out_bytes: int) -> int:
    """Removed share of a file in ‰ (-1: not cleaned at all)."""
    if status in ("skipped", "error"):
        return -1
    if status == "dropped":
        return 1000
    return round(1000 * removed / (removed + out_bytes)) if removed else 0


def add_context(data: dict[str, Any], src: Path) -> None:
    """Append to each file row the input lines around its findings (kept lines only)."""
    from cleaner.decode import Undecodable, decode
    from cleaner.pipeline import split_lines

    root = src.resolve()
    dropped = data["strings"].index("dropped") if "dropped" in data["strings"] else -1
    for row in data["files"]:
        marked = {f[0] for f in row[7] if f[2] in (0, 1)}
        path = (root / row[0]).resolve()
        # a dropped file kept nothing; with findings left out, a changed line could pass for a kept one
        if not marked or row[1] == dropped or row[8] or not path.is_relative_to(root):
            row.append([])
            continue
        try:
            lines = split_lines(decode(path.read_bytes()).text)[0]
        except (OSError, Undecodable, ValueError):
            row.append([])
            continue
        want = {n for m in marked for n in range(m - CONTEXT, m + CONTEXT + 1)} - marked
        # a line without a finding was kept as it is: safe to show (a redacted rule never changed it)
        row.append([[n, lines[n - 1][:300]] for n in sorted(want) if 1 <= n <= len(lines)])


_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = {"&": "\\u0026", "<": "\\u003c", ">": "\\u003e"}


def embed_json(data: Any) -> str:
    """JSON that is safe inside <script type="application/json"> and encodable as UTF-8.

    ``<``, ``>`` and ``&`` are escaped so no text can close the script element;
    lone surrogates (file names that are not UTF-8) are written as ``\\udcxx``.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def render(data: dict[str, Any], title: str) -> str:
    from html import escape

    from cleaner.report_assets import CSS, HTML, JS

    parts = {"title": escape(_SURROGATE.sub("\ufffd", title)), "css": CSS, "js": JS, "data": embed_json(data)}
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], HTML)


def build(opts: ReportOptions, records: Iterable[dict[str, Any]] | None = None) -> dict[str, Any]:
    collector = Collector(opts)
    for rec in read_audit(opts.audit) if records is None else records:
        collector.add(rec)
    data = collector.data()
    if opts.src is not None:
        add_context(data, opts.src)
    return data


def write_report(opts: ReportOptions) -> str:
    """Build the report of ``opts.audit`` into ``opts.out``; return the summary line."""
    if opts.src is not None and not opts.src.is_dir():
        raise UsageError(f"--src is not a directory: {opts.src}")
    data = build(opts)
    page = render(data, f"cleaner report: {opts.audit}").encode("utf-8")
    from cleaner.fsutil import atomic_write

    try:
        atomic_write(opts.out, page)
    except OSError as exc:
        raise UsageError(f"cannot write {opts.out}: {exc.strerror or exc}") from None
    size = f"{len(page) / 1e6:.1f} MB" if len(page) >= 1e6 else f"{len(page) / 1e3:.0f} KB"
    return f"cleaner: report of {len(data['files'])} files written to {opts.out} ({size})"
