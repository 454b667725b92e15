"""The data that flows between rules, the pipeline and the runner.

A kind never edits text in place: it returns an :class:`Outcome` listing
line edits, and the pipeline applies them.  Keeping every kind line-based is
what lets the audit name the input line of every change, and lets the runner
stream a large file in line-aligned chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class LineEdit:
    """One change a rule wants: remove line ``index`` or replace its text."""

    index: int  # 0-based index in the lines the rule received
    new: str | None  # None removes the line
    reason: str  # human-readable: matched words, density, field names
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    """What one rule decided about one document."""

    edits: list[LineEdit] = field(default_factory=list)
    drop: str | None = None  # reason to drop the whole document
    flag: str | None = None  # reason to flag it (reported, text kept)
    tags: dict[str, Any] = field(default_factory=dict)  # e.g. {"language": "zh"}
    notes: list[str] = field(default_factory=list)  # e.g. "skipped: no corpus index"


@dataclass
class DocContext:
    """Read-only facts about the document a rule may consult."""

    language: str | None = None  # set by the `language` rule, else None
    corpus: Any = None  # line statistics of the whole run (repeated-lines)
    hook_mode: bool = False  # check/fix: rules flag instead of dropping
    site: str | None = None  # the folder of the file, relative to the tree (repeated-lines)
    folds: dict[str, str] = field(default_factory=dict, repr=False)  # line -> matching form
    memos: dict[Hashable, dict[str, Any]] = field(default_factory=dict, repr=False)  # see per_line
    # the last page folded and its folds: kinds fold the page each rule receives, mostly unchanged
    last_fold: tuple[list[str], list[str]] = field(default=([], []), repr=False)

    def fold(self, lines: list[str]) -> list[str]:
        """The matching form (`cleaner.text.fold`) of each line.

        Several kinds fold the same document; a line is folded once per
        document, the new ones in one pass over their joined text.
        """
        from cleaner.text.fold import fold_lines

        seen, folded = self.last_fold
        if lines == seen:  # a C comparison, by identity first: the same strings
            return list(folded)
        cache = self.folds
        new = [line for line in dict.fromkeys(lines) if line not in cache]
        if new:
            cache.update(zip(new, fold_lines(new)))
        folded = [cache[line] for line in lines]
        self.last_fold = (list(lines), folded)
        return list(folded)

    def per_line(self, key: Hashable, lines: list[str], compute: Callable[[list[str]], list[T]]) -> list[T]:
        """``compute`` of each line, for a fact that depends on the line alone.

        ``compute`` gets the lines not seen before under ``key`` (each once)
        and returns one value per line.  The pipeline re-runs the contextual
        kinds on what a round left (`cleaner.pipeline`): their per-line facts
        are then known, and only the decisions that look at neighbours are redone.
        """
        cache = self.memos.setdefault(key, {})
        new = [line for line in dict.fromkeys(lines) if line not in cache]
        if new:
            cache.update(zip(new, compute(new)))
        return [cache[line] for line in lines]


@dataclass(frozen=True)
class Finding:
    """One attributed change, as the audit, `check` and `explain` show it."""

    rule: str
    kind: str
    action: str  # "remove" | "replace" | "drop" | "flag"
    line: int  # 1-based line in the input file
    col: int  # 1-based column of the first changed character
    step_line: int  # 1-based line in the text the rule received
    old: str
    new: str | None
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)
