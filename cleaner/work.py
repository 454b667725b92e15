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
    rule_set = pipeline.rule_set
    try:
        decoded = decode(data)
    except Undecodable as exc:
        rec = record(rel, "skipped", rule_set, reason=exc.reason, data=data)
        return Cleaned("skipped", rec, None)
    try:
        result = pipeline.clean(decoded.text, site=site_of(rel))
    except RuleFailure as exc:
        rec = record(rel, "error", rule_set, reason=str(exc), data=data, encoding=decoded.encoding)
        return Cleaned("error", rec, None, text=decoded.text)
    if result.dropped is not None:
        reason = f"rule '{result.dropped_by}': {result.dropped}"
        rec = record(rel, "dropped", rule_set, reason=reason, data=data, encoding=decoded.encoding, result=result)
        return Cleaned("dropped", rec, None, result, decoded.text)
    output = result.text.encode("utf-8", "replace")
    changed = any(f.action in ("remove", "replace") for f in result.findings)
    status = "cleaned" if changed else "unchanged"
    rec = record(rel, status, rule_set, data=data, output=output, encoding=decoded.encoding, result=result)
    return Cleaned(status, rec, output, result, decoded.text)


def error_record(rel: str, pipeline: Pipeline, reason: str, data: bytes | None = None) -> Cleaned:
    return Cleaned("error", record(rel, "error", pipeline.rule_set, reason=reason, data=data), None)
