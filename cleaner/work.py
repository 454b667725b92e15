"""Clean one file's bytes: decode, run the pipeline, encode, build its record.

Shared by every mode (batch, check, fix, explain); it does no file I/O, so
each mode decides what to read and what to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cleaner.audit import record
from cleaner.decode import Undecodable, decode
from cleaner.kinds.repeated_lines import site_of
from cleaner.pipeline import Pipeline, Result, RuleFailure


@dataclass
class Cleaned:
    status: str  # unchanged | cleaned | dropped | skipped | error
    record: dict[str, Any]
    output: bytes | None  # UTF-8 text to write, None when nothing is written
    result: Result | None = None
    text: str | None = None  # the decoded input


def clean_bytes(rel: str, data: bytes, pipeline: Pipeline) -> Cleaned:
    """Decode ``data`` as `cleaner run` reads a file, then clean it (:func:`clean_text`)."""
    try:
        decoded = decode(data)
    except Undecodable as exc:
        rec = record(rel, "skipped", pipeline.rule_set, reason=exc.reason, data=data)
        return Cleaned("skipped", rec, None)
    return clean_text(rel, decoded.text, pipeline, data, decoded.encoding)


def clean_text(rel: str, text: str, pipeline: Pipeline, data: bytes | None = None, encoding: str = "utf-8") -> Cleaned:
    """Clean one document; ``data`` is its input bytes (the text as UTF-8 when None)."""
    rule_set = pipeline.rule_set
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    try:
        result = pipeline.clean(text, site=site_of(rel))
    except RuleFailure as exc:
        rec = record(rel, "error", rule_set, reason=str(exc), data=data, encoding=encoding)
        return Cleaned("error", rec, None, text=text)
    if result.dropped is not None:
        reason = f"rule '{result.dropped_by}': {result.dropped}"
        rec = record(rel, "dropped", rule_set, reason=reason, data=data, encoding=encoding, result=result)
        return Cleaned("dropped", rec, None, result, text)
    output = result.text.encode("utf-8", "replace")
    changed = any(f.action in ("remove", "replace") for f in result.findings)
    status = "cleaned" if changed else "unchanged"
    rec = record(rel, status, rule_set, data=data, output=output, encoding=encoding, result=result)
    return Cleaned(status, rec, output, result, text)


def error_record(rel: str, pipeline: Pipeline, reason: str, data: bytes | None = None) -> Cleaned:
    return Cleaned("error", record(rel, "error", pipeline.rule_set, reason=reason, data=data), None)
