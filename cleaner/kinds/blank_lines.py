"""Tidy blank lines left behind by removals.

Drops blank lines (empty or whitespace only) at the start and end of the
text, and shortens every run of more than ``max_run`` blank lines to
``max_run``.  Put it last in a rule set: removing a contact block or a
footer otherwise leaves gaps.

Options:
  max_run (int, default 2): longest run of blank lines kept.
  trim_edges (bool, default true): drop leading and trailing blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, LineEdit, Outcome


@dataclass(frozen=True)
class BlankLinesOptions:
    max_run: int = 2
    trim_edges: bool = True


class BlankLines(Kind):
    """Drop leading/trailing blank lines and shorten long runs of blank lines."""

    name = "blank-lines"
    Options = BlankLinesOptions

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        opts: BlankLinesOptions = self.options
        blank = [not ln.strip() for ln in lines]
        drop: set[int] = set()
        if opts.trim_edges:
            i = 0
            while i < len(lines) and blank[i]:
                drop.add(i)
                i += 1
            j = len(lines) - 1
            while j >= 0 and blank[j]:
                drop.add(j)
                j -= 1
        run = 0
        for i, b in enumerate(blank):
            run = run + 1 if b else 0
            if run > max(opts.max_run, 0):
                drop.add(i)
        reason = f"blank line beyond a run of {opts.max_run} or at an edge"
        return Outcome([LineEdit(i, None, reason) for i in sorted(drop)])
