"""Audit records: one JSON object per input file, unchanged files included.

A record holds no timestamps or timings, so the audit of a run is
byte-identical whatever the number of workers and whether the run was
resumed.  Removed text is stored per rule as its ``audit`` setting says:
``full``, ``redacted`` (digits masked, e-mail user names hidden) or ``hash``
(sha256 only).  Replacements store only the span that changed.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

import regex

from cleaner import __version__
from cleaner.config import RuleSet
from cleaner.model import Finding
from cleaner.pipeline import Result

SCHEMA = 1
_MAIL_USER = regex.compile(r"[\w.+-]+(?=@)")
_DIGIT = regex.compile(r"\d")
_SURROGATE = regex.compile("[\ud800-\udfff]")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        occ = version("opencc")
    except PackageNotFoundError:  # pragma: no cover - opencc is a dependency
        occ = "unknown"
    return {"cleaner": __version__, "opencc": str(occ)}


def redact(text: str) -> str:
    """Mask digits and e-mail user names, keeping the shape of the text."""
    masked: str = _MAIL_USER.sub(lambda m: "*" * len(m.group()), _DIGIT.sub("#", text))
    return masked


def stored_text(text: str, policy: str) -> dict[str, str]:
    if policy == "hash":
        return {"sha256": sha256(text.encode("utf-8", "surrogatepass"))}
    if policy == "redacted":
        return {"redacted": redact(text)}
    return {"text": text}


def _changed_span(old: str, new: str) -> tuple[str, str]:
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return old[start : len(old) - end], new[start : len(new) - end]


def finding_json(f: Finding, policy: str) -> dict[str, Any]:
    out: dict[str, Any] = {"line": f.line, "col": f.col, "action": f.action, "reason": f.reason}
    if f.action == "remove":
        out.update(stored_text(f.old, policy))
    elif f.action == "replace" and f.new is not None:
        old, new = _changed_span(f.old, f.new)
        out["old"] = stored_text(old, policy)
        out["new"] = stored_text(new, policy)
    if f.detail:
        out["detail"] = f.detail
    return out


def rules_json(result: Result, rule_set: RuleSet) -> list[dict[str, Any]]:
    """Per rule that did something: counts and its findings, in rule order."""
    policy = {r.id: r.audit for r in rule_set.rules}
    kinds = {r.id: r.kind for r in rule_set.rules}
    grouped: dict[str, list[Finding]] = {}
    for f in result.findings:
        grouped.setdefault(f.rule, []).append(f)
    out = []
    for rule in rule_set.rules:
        found = grouped.get(rule.id)
        if not found:
            continue
        removed = [f for f in found if f.action == "remove"]
        out.append(
            {
                "id": rule.id,
                "kind": kinds[rule.id],
                "removed_lines": len(removed),
                "changed_lines": sum(f.action == "replace" for f in found),
                "chars_removed": sum(len(f.old) for f in removed),
                "findings": [finding_json(f, policy[rule.id]) for f in found],
            }
        )
    return out


def record(
    path: str,
    status: str,
    rule_set: RuleSet,
    *,
    reason: str | None = None,
    data: bytes | None = None,
    output: bytes | None = None,
    encoding: str | None = None,
    result: Result | None = None,
) -> dict[str, Any]:
    """The audit record of one file."""
    rec: dict[str, Any] = {"schema": SCHEMA, "path": path, "status": status, "reason": reason}
    rec["encoding"] = encoding
    rec["language"] = result.tags.get("language") if result else None
    rec["input"] = {"sha256": sha256(data), "bytes": len(data)} if data is not None else None
    rec["output"] = {"sha256": sha256(output), "bytes": len(output)} if output is not None else None
    rec["ruleset"] = rule_set.sha256
    rec["versions"] = versions()
    rec["rules"] = rules_json(result, rule_set) if result else []
    if result and result.notes:
        rec["notes"] = result.notes
    return rec


def dumps(rec: dict[str, Any]) -> str:
    """One audit line (sorted keys, UTF-8, no trailing newline).

    A file name that is not valid UTF-8 reaches us with lone surrogates
    (``os.fsdecode``); they are written as ``\\udcff`` escapes, so the line
    stays valid UTF-8 and ``os.fsencode(json.loads(...))`` gives the name back.
    """
    line = json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line))
