"""Remove a block of short lines that injected spam dominates.

A hijacked page carries whole sections of spam: a jackpot counter, a table of
"hot" slot providers with their hours and win rates, a list of deposit
methods, a column of porn-site links.  Most of those lines hold no spam word
(``00``, ``Menit``, ``98%``, ``Proses Instant``); they are spam by the company
they keep.  A *block* is a run of consecutive lines that are not prose (blank
lines do not end it; a prose line does: longer than ``max_line_chars``, or a
sentence of ``min_sentence_chars`` or more that ends with a stop, or a
Chinese sentence with a comma that introduces a list with a colon).  A block is
spam when at least ``min_spam_lines`` of its lines hold an entry of the spam
word lists and those are at least ``min_share`` of its lines: the whole block
goes, except the Chinese lines and dates at its ends past the first and the
last spam line (a notice's signature under an injected section stays), and a
numbered item with no spam word (``1. 煮沸清水…``) belongs to no block.  A
menu that names one lottery channel, or an article's list with a spam word or
two, stays.

Options:
  lexicons (word-list paths, required): the spam word lists
  min_spam_lines (int, 4), min_share (float, 0.2), max_line_chars (int, 80),
  min_sentence_chars (int, 12)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.lexicon import Lexicon
from cleaner.text.runs import runs_between

SENTENCE_END = regex.compile(r"[。！？!?.…]\s*[”」』\"')）]?\s*$")
HAN = regex.compile(r"\p{Han}")
DATE = regex.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")
STEP = regex.compile(r"^\s*(?:\d{1,2}\s*[.、)）]|[(（]\d{1,2}[)）]|第[一二三四五六七八九十\d]+步)\s*\S")
EDGE_HAN = 4  # Han characters of a line at a block's edge that is the article's, not the spam's


@dataclass(frozen=True)
class SpamBlockOptions:
    lexicons: Annotated[list[str], FILES]
    min_spam_lines: int = 4
    min_share: float = 0.2
    max_line_chars: int = 80
    min_sentence_chars: int = 12


class SpamBlocks(Kind):
    """Remove a run of short lines that spam-word lines dominate (an injected spam section)."""

    name = "spam-blocks"
    Options = SpamBlockOptions

    def __init__(self, rule_id: str, options: SpamBlockOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.lexicon = Lexicon.of(options.lexicons, "spam")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        o: SpamBlockOptions = self.options
        folded = ctx.fold(lines)
        spam = self.lexicon.by_line(folded)
        edits: list[LineEdit] = []
        # a numbered item with no spam word (1. 煮沸清水…) is the article's list: it parts a block
        steps = {i for i, f in enumerate(folded) if i not in spam and STEP.match(f)}
        blocks = [part for run in runs_between(folded, self._prose) for part in _parted(run, steps)]
        for block in blocks:
            block = _trimmed(block, spam, folded)
            hits = [i for i in block if i in spam]
            if len(hits) < o.min_spam_lines or len(hits) < o.min_share * len(block):
                continue
            words = sorted({h.word for i in hits for h in spam[i]})
            shown = ", ".join(words[:6]) + (", …" if len(words) > 6 else "")
            why = f"spam block: {len(hits)} of {len(block)} short lines hold spam words ({shown})"
            edits += [LineEdit(i, None, why, {"words": words}) for i in block]
        return Outcome(edits)

    def _prose(self, text: str) -> bool:
        o: SpamBlockOptions = self.options
        long = len(text) >= o.min_sentence_chars
        # a Chinese sentence that introduces a list (…但有三类受规管的例外：) is the article's
        intro = long and text.rstrip().endswith((":", "：")) and ("，" in text or "," in text)
        intro = intro and bool(HAN.search(text))
        return len(text) > o.max_line_chars or (long and bool(SENTENCE_END.search(text))) or intro


def _parted(run: list[int], steps: set[int]) -> list[list[int]]:
    """``run`` cut at the lines of ``steps``, which belong to no block."""
    parts: list[list[int]] = [[]]
    for i in run:
        if i in steps:
            parts.append([])
        else:
            parts[-1].append(i)
    return [p for p in parts if p]


def _trimmed(block: list[int], spam: Mapping[int, object], folded: list[str]) -> list[int]:
    """``block`` without the lines at its ends that hold no spam word and read as the article's.

    A line between two spam lines is spam by the company it keeps (``00``,
    ``Menit``); past the last one it may be the page again: a notice's
    signature (``特此通知。``, ``某某县水利局``, ``2024年11月20日``) under an
    injected section.  A Chinese line of ``EDGE_HAN`` Han characters or more,
    or a date, stays.
    """
    start, end = 0, len(block)
    while start < end and block[start] not in spam and _own(folded[block[start]]):
        start += 1
    while end > start and block[end - 1] not in spam and _own(folded[block[end - 1]]):
        end -= 1
    return block[start:end]


def _own(text: str) -> bool:
    return len(HAN.findall(text)) >= EDGE_HAN or bool(DATE.search(text))
