"""Remove lines that recur across many files of the run (site templates).

Batch runs make a first pass that counts, for every normalised line (folded,
spaces removed), the number of files containing it.  A line found in at least
``min_files`` files *and* in at least ``min_share`` of all files is site
furniture or injected spam, and is removed — unless it is short
(``min_chars``), made only of digits and punctuation (numbering), or on the
``allow`` list.  This catches templates no other rule has seen.

Cost: the first pass reads and folds every file once more (about the cost of
a second read; lines are kept as 8-byte hashes).  With ``--jobs`` the pass is
split across workers and the counts are merged, so results do not depend on
the number of workers.  On a subset of files (``cleaner check``/``fix`` in a
pre-commit hook) there are no corpus counts and the rule is skipped with a
note in the audit.

Options:
  min_files (int, 3), min_share (float, 0.05), min_chars (int, 6),
  allow (list of str, []): lines never removed (compared after folding).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_lines, fold_text

TRIVIAL = regex.compile(r"^[\p{P}\p{S}\p{N}\s]*$")


def _key(text: str) -> bytes | None:
    """The corpus-count key of a folded line with its spaces removed (None: blank)."""
    if not text:
        return None
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def line_keys(lines: list[str]) -> list[bytes | None]:
    """The corpus-count key of each line (None: blank), folded in one pass over their joined text."""
    return [_key(f.replace(" ", "")) for f in fold_lines(lines)]


def file_keys(lines: list[str]) -> set[bytes]:
    """The keys of a file's lines."""
    return {k for k in line_keys(lines) if k is not None}


@dataclass
class CorpusCounts:
    """How many files hold each line key, over ``files`` files."""

    files: int = 0
    counts: Counter[bytes] = field(default_factory=Counter)

    def add(self, keys: set[bytes]) -> None:
        self.files += 1
        self.counts.update(keys)

    def merge(self, other: CorpusCounts) -> None:
        self.files += other.files
        self.counts.update(other.counts)


@dataclass(frozen=True)
class RepeatedOptions:
    min_files: int = 3
    min_share: float = 0.05
    min_chars: int = 6
    allow: list[str] = field(default_factory=list)


class RepeatedLines(Kind):
    """Remove lines found in many files of the same run (needs a batch run)."""

    name = "repeated-lines"
    contextual = False
    Options = RepeatedOptions
    needs_corpus = True

    def __init__(self, rule_id: str, options: RepeatedOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.allow = {fold_text(a).replace(" ", "") for a in options.allow}

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        corpus = ctx.corpus
        if not isinstance(corpus, CorpusCounts) or corpus.files == 0:
            return Outcome(notes=["skipped: no corpus counts (only batch runs count lines across files)"])
        o: RepeatedOptions = self.options
        need = max(o.min_files, o.min_share * corpus.files)
        edits = []
        for i, folded in enumerate(ctx.fold(lines)):
            text = folded.replace(" ", "")
            if len(text) < o.min_chars or text in self.allow or TRIVIAL.match(text):
                continue
            key = _key(text)
            n = corpus.counts.get(key, 0) if key else 0
            if n >= need:
                edits.append(LineEdit(i, None, f"repeated in {n} of {corpus.files} files", {"files": n}))
        return Outcome(edits)
