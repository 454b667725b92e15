"""Clean records: the text field of each JSON line (or Parquet row) through a Cleaner.

Pure functions of a batch of records, run in worker processes or Ray tasks;
the reading and writing of record files is :mod:`cleaner.recordfile`'s.

A JSON line whose text changed is edited in place: only the text value is
re-encoded (with the line's own escaping: ``\\uXXXX`` when the original
value was escaped), so every other field keeps its exact bytes, its order
and its formatting.  A dropped record is left out, or with ``keep_dropped``
kept with an empty text and a ``cleaner_dropped`` field giving the reason.
A line that is not a JSON object, has no text field or a text that is not a
string is a *problem*: reported as ``path:line: problem`` and copied as it is.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cleaner.api import Cleaner
from cleaner.audit import dumps
from cleaner.work import Cleaned

DROPPED_FIELD = "cleaner_dropped"
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# the C string scanner json itself uses (not in typeshed): (text, end) of the string starting at an index
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RecordOptions:
    text_field: str = "text"
    id_field: str | None = None
    keep_dropped: bool = False


@dataclass
class Outcome:
    """What cleaning records gave, for the file's record and the run's summary."""

    audit: list[bytes] = field(default_factory=list)  # one audit line per record
    problems: list[str] = field(default_factory=list)  # `path:line: problem`
    statuses: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)  # per rule: lines removed
    changed: Counter[str] = field(default_factory=Counter)  # per rule: lines changed
    chars: Counter[str] = field(default_factory=Counter)  # per rule: characters removed
    languages: Counter[str] = field(default_factory=Counter)

    def merge(self, other: Outcome) -> None:
        for name in ("statuses", "removed", "changed", "chars", "languages"):
            getattr(self, name).update(getattr(other, name))

    def account(self, done: Cleaned, index: int, line: int | None, rid: Any) -> None:
        rec = {**done.record, "record": index}
        if line is not None:
            rec["line"] = line
        if rid is not None:
            rec["id"] = rid
        self.audit.append(dumps(rec).encode("utf-8"))
        self.statuses[done.status] += 1
        if done.record.get("language"):
            self.languages[done.record["language"]] += 1
        for entry in done.record["rules"]:
            self.removed[entry["id"]] += entry["removed_lines"]
            self.changed[entry["id"]] += entry["changed_lines"]
            self.chars[entry["id"]] += entry["chars_removed"]

    def problem(self, where: str, what: str, rel: str, index: int, line: int | None) -> None:
        self.problems.append(f"{where}: {what}")
        rec: dict[str, Any] = {"path": rel, "record": index, "status": "invalid", "reason": what}
        if line is not None:
            rec["line"] = line
        self.audit.append(dumps(rec).encode("utf-8"))
        self.statuses["invalid"] += 1


@dataclass
class LineBatch:
    """Consecutive lines of one JSON-lines file, sent to a worker."""

    rel: str
    opts: RecordOptions
    first_index: int  # record index of the first non-blank line
    first_line: int  # 1-based line number of lines[0]
    lines: list[bytes]  # with their line ends


@dataclass
class LineBatchDone:
    output: bytes
    outcome: Outcome


def clean_line_batch(cleaner: Cleaner, batch: LineBatch) -> LineBatchDone:
    out: list[bytes] = []
    outcome = Outcome()
    index = batch.first_index
    for n, raw in enumerate(batch.lines):
        if not raw.strip():  # blank lines are not records: kept as they are
            out.append(raw)
            continue
        out.append(_clean_line(cleaner, batch, raw, index, batch.first_line + n, outcome))
        index += 1
    return LineBatchDone(b"".join(out), outcome)


def _clean_line(cleaner: Cleaner, batch: LineBatch, raw: bytes, index: int, lineno: int, outcome: Outcome) -> bytes:
    body = raw.rstrip(b"\r\n")
    end = raw[len(body) :]
    where = f"{batch.rel}:{lineno}"
    opts = batch.opts
    try:
        line = body.decode("utf-8")
        obj = json.loads(line)
    except UnicodeDecodeError:
        outcome.problem(where, "not UTF-8", batch.rel, index, lineno)
        return raw
    except ValueError as exc:
        outcome.problem(where, f"not valid JSON ({exc})", batch.rel, index, lineno)
        return raw
    problem = _text_problem(obj, opts.text_field)
    if problem is not None:
        outcome.problem(where, problem, batch.rel, index, lineno)
        return raw
    done = cleaner.cleaned(batch.rel, obj[opts.text_field])
    outcome.account(done, index, lineno, _id(obj, opts.id_field))
    if done.status == "dropped" and not opts.keep_dropped:
        return b""
    if done.status not in ("cleaned", "dropped"):
        return raw
    new = "" if done.output is None else done.output.decode("utf-8")
    reason = done.record["reason"] if done.status == "dropped" else None
    return edit_line(line, opts.text_field, new, reason).encode("utf-8") + end


def _text_problem(obj: Any, text_field: str) -> str | None:
    if not isinstance(obj, dict):
        return f"not a JSON object (a {type(obj).__name__})"
    if text_field not in obj:
        return f"no {text_field!r} field"
    if not isinstance(obj[text_field], str):
        return f"field {text_field!r} is not a string (a {type(obj[text_field]).__name__})"
    return None


def _id(obj: dict[str, Any], id_field: str | None) -> Any:
    if id_field is None:
        return None
    value = obj.get(id_field)
    return value if isinstance(value, (str, int, float, bool)) else None


def edit_line(line: str, key: str, text: str, dropped: str | None = None) -> str:
    """``line`` (a JSON object) with ``key``'s value set to ``text``, and the
    ``cleaner_dropped`` field set when ``dropped`` is a reason; the rest as it was."""
    spans, close, colon = _spans(line)
    start, end = spans[key]
    edits = [(start, end, _encode(text, line[start:end]))]
    if dropped is not None:
        if DROPPED_FIELD in spans:
            s, e = spans[DROPPED_FIELD]
            edits.append((s, e, _encode(dropped, line[s:e])))
        else:
            comma = ", " if colon.endswith(" ") else ","
            edits.append((close, close, f"{comma}{json.dumps(DROPPED_FIELD)}{colon}{_encode(dropped, '')}"))
    for s, e, new in sorted(edits, reverse=True):
        line = line[:s] + new + line[e:]
    return line


def _encode(text: str, like: str) -> str:
    """``text`` as a JSON string, escaped as the value it replaces was."""
    escaped = like.isascii() and "\\u" in like
    out = json.dumps(text, ensure_ascii=escaped)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only an escape can carry it
        out = json.dumps(text)
    return out


def _spans(doc: str) -> tuple[dict[str, tuple[int, int]], int, str]:
    """For a valid JSON object: each top-level key's value span, the index of
    the closing brace (after the last value), and the first key's separator."""
    spans: dict[str, tuple[int, int]] = {}
    i = _WS.match(doc).end() + 1  # type: ignore[union-attr]
    i = _WS.match(doc, i).end()  # type: ignore[union-attr]
    colon = ":"
    last = i
    while doc[i] != "}":
        key, i = scanstring(doc, i + 1)
        value = _WS.match(doc, doc.index(":", i) + 1).end()  # type: ignore[union-attr]
        if not spans:
            colon = doc[i:value]
        _, last = _DECODER.raw_decode(doc, value)
        spans[key] = (value, last)
        i = _WS.match(doc, last).end()  # type: ignore[union-attr]
        if doc[i] == ",":
            i = _WS.match(doc, i + 1).end()  # type: ignore[union-attr]
    return spans, last if spans else i, colon.strip() + (" " if colon.endswith(" ") else "")


@dataclass
class TextBatch:
    """Consecutive values of one Parquet file's text column, sent to a worker."""

    rel: str
    opts: RecordOptions
    first_index: int
    texts: list[Any]
    ids: list[Any]


@dataclass
class TextBatchDone:
    texts: list[Any]  # the new value of each row (unchanged for a problem row)
    keep: list[bool]  # False: a dropped row to leave out
    dropped: list[str | None]  # the reason of each dropped row
    outcome: Outcome


def clean_text_batch(cleaner: Cleaner, batch: TextBatch) -> TextBatchDone:
    texts: list[Any] = []
    keep: list[bool] = []
    dropped: list[str | None] = []
    outcome = Outcome()
    for n, value in enumerate(batch.texts):
        index = batch.first_index + n
        if not isinstance(value, str):
            what = "text is null" if value is None else f"text is not a string (a {type(value).__name__})"
            outcome.problem(f"{batch.rel}:record {index}", what, batch.rel, index, None)
            texts.append(value)
            keep.append(True)
            dropped.append(None)
            continue
        done = cleaner.cleaned(batch.rel, value)
        outcome.account(done, index, None, batch.ids[n] if batch.ids else None)
        is_dropped = done.status == "dropped"
        texts.append(done.output.decode("utf-8") if done.output is not None else ("" if is_dropped else value))
        keep.append(not is_dropped or batch.opts.keep_dropped)
        dropped.append(done.record["reason"] if is_dropped else None)
    return TextBatchDone(texts, keep, dropped, outcome)
