"""``cleaner explain FILE``: every input line with the decision taken on it.

Each line of the file is printed with its number and a mark: ``  `` kept,
``- `` removed, ``~ `` changed, followed, for removals and changes, by the
rule id and the reason (matched words, density, field names).  Colour on a
terminal, plain text when piped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import click

from cleaner.model import Finding
from cleaner.pipeline import split_lines
from cleaner.work import Cleaned


@dataclass
class Decision:
    number: int
    text: str
    status: str  # kept | removed | changed
    findings: list[Finding]
    final: str | None  # the text the line became (None when removed)


def decisions(done: Cleaned) -> list[Decision]:
    """One decision per input line, rules applied in order."""
    assert done.text is not None
    lines = split_lines(done.text)[0]
    by_line: dict[int, list[Finding]] = {}
    for f in done.result.findings if done.result else []:
        by_line.setdefault(f.line, []).append(f)
    out = []
    for n, line in enumerate(lines, start=1):
        found = [f for f in by_line.get(n, []) if f.action in ("remove", "replace")]
        current: str | None = line
        for f in found:
            current = f.new
        status = "removed" if current is None else ("changed" if found else "kept")
        out.append(Decision(n, line, status, found, current))
    return out


_STYLE = {"kept": {}, "removed": {"fg": "red"}, "changed": {"fg": "yellow"}}
_MARK = {"kept": " ", "removed": "-", "changed": "~"}


def render(done: Cleaned, name: str) -> Iterator[str]:
    width = len(str(max(1, done.text.count("\n") + 1 if done.text else 1)))
    if done.status in ("skipped", "error", "dropped"):
        yield click.style(f"{name}: {done.status}: {done.record['reason']}", fg="red", bold=True)
        if done.status != "dropped":
            return
    counts = {"kept": 0, "removed": 0, "changed": 0}
    for d in decisions(done):
        counts[d.status] += 1
        style = _STYLE[d.status]
        yield click.style(f"{d.number:>{width}} {_MARK[d.status]} ", dim=True) + click.style(d.text, **style)  # type: ignore[arg-type]
        for f in d.findings:
            label = click.style(f"[{f.rule}]", fg="cyan")
            yield f"{'':>{width}}   ↳ {label} {f.reason} ({f.kind})"
            if f.action == "replace" and f.new is not None and f is d.findings[-1]:
                yield f"{'':>{width}}   ↳ becomes: " + click.style(f.new, fg="green")
    for f in done.result.flags if done.result else []:
        yield click.style(f"flag [{f.rule}] {f.reason}", fg="magenta")
    language = done.result.tags.get("language") if done.result else None
    yield click.style(
        f"{name}: {counts['removed']} removed, {counts['changed']} changed, {counts['kept']} kept"
        + (f"; language {language}" if language else "")
        + f"; encoding {done.record.get('encoding')}",
        bold=True,
    )
