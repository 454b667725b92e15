"""Clean a large file in line-aligned chunks, with bounded memory.

A file above the streaming threshold (16 MiB, or ``CLEANER_STREAM_THRESHOLD``
bytes) is read as lines (:mod:`cleaner.linesource`: the input's sha256 is
computed as it is read) and cleaned one *window* at a time: a *core* of about
``CLEANER_STREAM_CHUNK`` characters (2 M) that ends after a blank line (a
paragraph boundary), with ``margin`` characters (32 K) of the lines before
and after it as context.  Only the core's output lines and findings are
kept (line numbers offset to the file's); the next core starts where this
one ended.  Output goes to a temporary file as it comes and is renamed at
the end.

Context assumption — why the result equals cleaning the file whole:

* a rule decides a line from that line and lines near it: a contact block
  or a navigation run ends at an ordinary text line, a run of blank lines at
  a non-blank one, and each 32 K margin holds such lines;
* document-level decisions are taken once: the `language` rule runs on the
  first window only (its sample is the file's first 16 K characters, as
  whole) and its tag is passed to later windows, so `opencc` sees the same
  language; without a `language` rule each window decides for itself;
* blank lines are trimmed only at the file's edges: a window's own edges lie
  in its margins, whose output is not kept;
* the newline style is the first window's; if the whole file's majority
  differs (mixed line ends), the output is converted at the end;
* a rule that drops the document drops the file: it is read again with the
  rules before that one, so the record lists their findings as whole.

The audit record keeps at most ``FINDINGS_CAP`` findings per rule (a 2 GB
dump can have millions of removed lines): ``removed_lines``,
``changed_lines`` and ``chars_removed`` stay exact, and
``findings_omitted`` says how many findings were left out.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from cleaner.audit import record
from cleaner.config import Rule
from cleaner.decode import Undecodable
from cleaner.fsutil import make_dirs, temp_path
from cleaner.kinds.repeated_lines import site_of
from cleaner.linesource import BLOCK_BYTES, LineSource, detect
from cleaner.model import Finding
from cleaner.pipeline import Pipeline, Result, RuleFailure
from cleaner.work import Cleaned, error_record

DEFAULT_THRESHOLD = 16 << 20
DEFAULT_CHUNK = 2_000_000
MARGIN_CHARS = 32_000
#: and at least this many lines: rules that look at neighbours (watermarks' chains,
#: contact blocks, menu runs) reach a few dozen lines at most
MARGIN_LINES = 64
FINDINGS_CAP = 1_000


def threshold() -> int:
    """Files larger than this many bytes are streamed."""
    return int(os.environ.get("CLEANER_STREAM_THRESHOLD", DEFAULT_THRESHOLD))


def chunk_chars() -> int:
    return max(1, int(os.environ.get("CLEANER_STREAM_CHUNK", DEFAULT_CHUNK)))


@dataclass
class Window:
    lines: list[str]
    start: int  # file line (0-based) of lines[0]
    core: int  # lines[core:end] is the core; the rest is context
    end: int
    first: bool


def _left(buf: list[str], end: int, margin: int) -> int:
    i, size = end, 0
    while i > 0 and (size < margin or end - i < MARGIN_LINES):
        i -= 1
        size += len(buf[i]) + 1
    return i


def windows(lines: Iterable[str], chunk: int, margin: int) -> Iterator[Window]:
    """Cores of about ``chunk`` characters, ending after a blank line, with margins."""
    buf: list[str] = []
    start = core = size = 0
    end = -1
    first = True
    for line in lines:
        buf.append(line)
        size += len(line) + 1
        if end < 0:
            if size >= chunk and (not line.strip() or size >= chunk + chunk // 2):
                end, size = len(buf), 0
        elif size >= margin and len(buf) - end >= MARGIN_LINES:
            yield Window(buf, start, core, end, first)
            keep = _left(buf, end, margin)
            buf, start, core, end, first = buf[keep:], start + keep, end - keep, -1, False
            size = sum(len(x) + 1 for x in buf[core:])
    if first or len(buf) > core:
        yield Window(buf, start, core, len(buf), first)


@dataclass
class Tally:
    """Findings of the cores, capped per rule, with exact per-rule counts."""

    cap: int = field(default_factory=lambda: FINDINGS_CAP)
    findings: list[Finding] = field(default_factory=list)
    kept: Counter[str] = field(default_factory=Counter)
    omitted: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    chars: Counter[str] = field(default_factory=Counter)
    tags: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, None] = field(default_factory=dict)  # ordered, unique

    def add(self, result: Result, w: Window) -> None:
        for f in result.findings:
            if not w.core < f.line <= w.end:
                continue
            if f.action == "remove":
                self.removed[f.rule] += 1
                self.chars[f.rule] += len(f.old)
            elif f.action == "replace":
                self.changed[f.rule] += 1
            if self.kept[f.rule] >= self.cap:
                self.omitted[f.rule] += 1
                continue
            self.kept[f.rule] += 1
            self.findings.append(replace(f, line=f.line + w.start, step_line=f.step_line + w.start))
        self.tags.update(result.tags)
        self.notes.update(dict.fromkeys(result.notes))

    def result(self) -> Result:
        return Result("", self.findings, tags=self.tags, notes=list(self.notes))

    def patch(self, rec: dict[str, Any]) -> None:
        """Exact counts in the record's rules (their findings may be capped)."""
        for entry in rec["rules"]:
            rid = entry["id"]
            entry["removed_lines"], entry["changed_lines"] = self.removed[rid], self.changed[rid]
            entry["chars_removed"] = self.chars[rid]
            if self.omitted[rid]:
                entry["findings_omitted"] = self.omitted[rid]

    @property
    def changed_any(self) -> bool:
        return bool(sum(self.removed.values()) or sum(self.changed.values()))


class WriteFailed(OSError):
    """Writing the output failed (not reading the input)."""


class Output:
    """The output file, written through a temporary file, hashed as written."""

    def __init__(self, path: Path) -> None:
        make_dirs(path.parent)
        self.path = path
        self.tmp = temp_path(path)
        self.fh: IO[bytes] = open(self.tmp, "wb")
        self.sha256 = hashlib.sha256()
        self.bytes = 0
        self.started = False
        self.newline = "\n"

    def write(self, lines: list[str]) -> None:
        if lines:
            text = (self.newline if self.started else "") + self.newline.join(lines)
            self._put(text.encode("utf-8", "replace"))
            self.started = True

    def _put(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            raise WriteFailed(exc.errno, exc.strerror) from exc
        self.sha256.update(data)
        self.bytes += len(data)

    def commit(self, final: bool, newline: str) -> None:
        if final and self.started:
            self._put(self.newline.encode())
        try:
            self.fh.close()
            if newline != self.newline:
                self._convert(newline)
            os.replace(self.tmp, self.path)  # no fsync: batch outputs can be rebuilt (as atomic_write)
        except WriteFailed:
            raise
        except OSError as exc:
            raise WriteFailed(exc.errno, exc.strerror) from exc

    def _convert(self, newline: str) -> None:
        """Rewrite with the other line end (the file's majority was not its start's)."""
        old, new = self.newline.encode(), newline.encode()
        self.sha256, self.bytes = hashlib.sha256(), 0
        done = self.tmp.with_name(self.tmp.name + ".nl")
        with open(self.tmp, "rb") as src, open(done, "wb") as self.fh:
            carry = b""
            while block := src.read(BLOCK_BYTES):
                block = carry + block
                carry = b"\r" if block.endswith(b"\r") and old == b"\r\n" else b""
                self._put(block[: len(block) - len(carry)].replace(old, new))
            self._put(carry)
        os.replace(done, self.tmp)

    def abort(self) -> None:
        self.fh.close()
        self.tmp.unlink(missing_ok=True)


def clean_file(rel: str, path: Path, out: Path, pipeline: Pipeline, margin: int = MARGIN_CHARS) -> Cleaned:
    """Clean ``path`` into ``out`` a window at a time; return its record."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        return error_record(rel, pipeline, f"cannot read: {exc.strerror or exc}")
    with fh:
        try:
            return _Streamer(rel, fh, out, pipeline, margin).run()
        except OSError as exc:
            out.unlink(missing_ok=True)
            return error_record(rel, pipeline, f"cannot read: {exc.strerror or exc}")


class _Streamer:
    def __init__(self, rel: str, fh: IO[bytes], out: Path, pipeline: Pipeline, margin: int) -> None:
        self.rel, self.fh, self.out, self.pipeline, self.margin = rel, fh, out, pipeline, margin
        self.rule_set = pipeline.rule_set

    def _record(self, status: str, src: LineSource, **kw: Any) -> dict[str, Any]:
        rec = record(self.rel, status, self.rule_set, **kw)
        rec["input"] = {"sha256": src.sha256.hexdigest(), "bytes": src.bytes}
        return rec

    def run(self) -> Cleaned:
        try:
            encoding = detect(self.fh)
        except Undecodable as exc:
            return self._failed("skipped", LineSource(self.fh, "utf-8"), exc.reason)
        src = LineSource(self.fh, encoding)
        try:
            output = Output(self.out)
        except OSError as exc:
            return self._failed("error", src, f"cannot write output: {exc.strerror or exc}")
        try:
            tally, dropped = self._clean(src, output, self.pipeline.rules)
            if dropped is not None:
                output.abort()
                return self._dropped(encoding, dropped)
            output.commit(src.final, src.newline())
        except Undecodable as exc:
            output.abort()
            return self._failed("skipped", src, exc.reason)
        except RuleFailure as exc:
            output.abort()
            return self._failed("error", src, str(exc), encoding)
        except WriteFailed as exc:
            output.abort()
            return self._failed("error", src, f"cannot write output: {exc.strerror or exc}")
        except BaseException:
            output.abort()
            raise
        status = "cleaned" if tally.changed_any else "unchanged"
        rec = self._record(status, src, encoding=encoding, result=tally.result())
        rec["output"] = {"sha256": output.sha256.hexdigest(), "bytes": output.bytes}
        tally.patch(rec)
        return Cleaned(status, rec, None)

    def _failed(self, status: str, src: LineSource, reason: str, encoding: str | None = None) -> Cleaned:
        """Skipped or failed: no output (a stale one is removed); the record names the input."""
        self.out.unlink(missing_ok=True)
        src.drain()
        return Cleaned(status, self._record(status, src, reason=reason, encoding=encoding), None)

    def _clean(self, src: LineSource, output: Output | None, rules: list[Rule]) -> tuple[Tally, Result | None]:
        """Clean every window; stop at the first window a rule drops."""
        later = [r for r in rules if r.kind != "language"]  # document-level: first window only
        language = None
        tally = Tally()
        for w in windows(src.lines(), chunk_chars(), self.margin):
            result, lines, origins = self.pipeline.clean_lines(
                w.lines, rules if w.first else later, language, site_of(self.rel)
            )
            if result.dropped is not None:
                return tally, result
            if w.first:
                language = result.tags.get("language")
                if output is not None:
                    output.newline = src.newline()
            tally.add(result, w)
            if output is not None:
                output.write([ln for ln, o in zip(lines, origins) if w.core < o <= w.end])
        return tally, None

    def _dropped(self, encoding: str, dropped: Result) -> Cleaned:
        """Read the file again with the rules before the one that dropped it, for the record."""
        ids = [r.id for r in self.pipeline.rules]
        before = self.pipeline.rules[: ids.index(dropped.dropped_by)] if dropped.dropped_by in ids else []
        self.fh.seek(0)
        src = LineSource(self.fh, encoding)
        try:
            tally, _ = self._clean(src, None, before)
        except Undecodable as exc:  # found beyond the window that was dropped
            return self._failed("skipped", src, exc.reason)
        except RuleFailure as exc:
            return self._failed("error", src, str(exc), encoding)
        tally.findings += [f for f in dropped.findings if f.action == "drop"]
        tally.tags.update(dropped.tags)
        tally.notes.update(dict.fromkeys(dropped.notes))
        self.out.unlink(missing_ok=True)
        reason = f"rule '{dropped.dropped_by}': {dropped.dropped}"
        rec = self._record("dropped", src, reason=reason, encoding=encoding, result=tally.result())
        tally.patch(rec)
        return Cleaned("dropped", rec, None)
