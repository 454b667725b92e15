"""Remove a short line that sells spam and shares nothing with the page around it.

Hacked pages carry single injected lines — a loan offer, a casino's name, a
porn-site phrase — between the paragraphs of an unrelated article.  Such a
line uses spam vocabulary *and* is foreign to the page: hardly any of its
character pairs occur in the page's other lines.  An article about loans or
gambling repeats its subject's words throughout, so its lines are not
foreign and stay; a page with too little other text to compare is left
alone.

A line goes when it is not a sentence (it ends with no 。！？；), at most
``max_chars`` long (half-length for a line without Han characters), names at least
``min_words`` different entries of the spam word lists outside quotes (a
warning names them in quotes: ``警惕“低息贷款”“无视征信”的广告``), at most
``max_shared`` of its Han character pairs occur in the page's other lines
within ``reach`` lines of it (the other candidates left out), and those
lines hold at least ``min_page_chars`` Han characters.  A line with no Han
character at all (Latin, Hangul or Thai spam on a Chinese page) shares none.  Looking no further
than ``reach`` lines keeps the decision the same when a large file is
cleaned in windows.

A sentence up to ``max_sentence_chars`` long is a candidate too when it names
``min_sentence_words`` spam words (all but one of three characters or more)
and no word of the ``reports`` list (记者,
警方, 诈骗 …): a casino's promotional paragraph spliced into a notice.

Options:
  lexicons (word-list paths, required), reports (word-list paths)
  min_words (int, 2), max_chars (int, 80), min_sentence_words (int, 3),
  max_sentence_chars (int, 200), max_shared (float, 0.1),
  min_page_chars (int, 200), reach (int, 30)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.lexicon import Lexicon
from cleaner.text.quotes import unquoted

HAN_RUN = regex.compile(r"\p{Han}+")
LONG_WORD = 3
# a sentence of the page (Chinese or English), however unusual, is not an injected line
SENTENCE_END = regex.compile(r"[。！？；;]$|[a-z][.!?]$")


def _size(text: str) -> int:
    """The length of ``text`` in Han terms: words of letters are about twice as long as Han ones."""
    return len(text) if HAN_RUN.search(text) else len(text) // 2


def han_pairs(text: str) -> set[str]:
    """The Han character pairs of ``text`` (pairs do not cross a non-Han character)."""
    return {run[i : i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1)}


@dataclass(frozen=True)
class ForeignOptions:
    lexicons: Annotated[list[str], FILES]
    min_words: int = 2
    max_chars: int = 80
    reports: Annotated[list[str], FILES] = field(default_factory=list)
    min_sentence_words: int = 3
    max_sentence_chars: int = 200
    max_shared: float = 0.1
    min_page_chars: int = 200
    reach: int = 30


class ForeignSpam(Kind):
    """Remove a short spam line whose words the rest of the page never uses."""

    name = "foreign-spam"
    Options = ForeignOptions

    def __init__(self, rule_id: str, options: ForeignOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.lexicon = Lexicon.of(options.lexicons, "spam")
        self.reports = Lexicon.of(options.reports, "report")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        o: ForeignOptions = self.options
        folded = [f.strip() for f in ctx.fold(lines)]
        hits = self.lexicon.by_line(folded)
        # words quoted by a warning or a report (警惕“低息贷款”…) are named, not sold
        words = {i: sorted({h.word for h in unquoted(folded[i], found)}) for i, found in hits.items()}
        candidates = {i for i, w in words.items() if self._candidate(folded[i], w)}
        if not candidates:
            return Outcome()
        pairs = [han_pairs(f) if i not in candidates else set() for i, f in enumerate(folded)]
        sizes = [sum(map(len, HAN_RUN.findall(f))) if i not in candidates else 0 for i, f in enumerate(folded)]
        edits = []
        for i in sorted(candidates):
            near = range(max(i - o.reach, 0), min(i + o.reach + 1, len(folded)))
            if sum(sizes[j] for j in near) < o.min_page_chars:
                continue  # too little text around the line to compare
            around = set().union(*(pairs[j] for j in near))
            own = han_pairs(folded[i])
            # a line with no Han character at all (slot gacor …, 토토사이트 …) on a Chinese page is foreign by script
            shared = len(own & around) / len(own) if own else 0.0 if not HAN_RUN.search(folded[i]) else 1.0
            if shared <= o.max_shared:
                why = f"spam foreign to the page: {', '.join(words[i][:6])}; {shared:.0%} of its pairs found around it"
                edits.append(LineEdit(i, None, why, {"words": words[i], "shared": round(shared, 3)}))
        return Outcome(edits)

    def _candidate(self, folded: str, words: list[str]) -> bool:
        """A short line that names ``min_words`` spam words, or a sentence that names ``min_sentence_words``."""
        o: ForeignOptions = self.options
        if len(words) >= o.min_words and _size(folded) <= o.max_chars and not SENTENCE_END.search(folded):
            return True
        # a casino's promotional paragraph spliced into a notice; a report (记者, 警方) names the words
        long_words = sum(len(w) >= LONG_WORD for w in words)  # 亚洲 and 体育 alone make no advert
        many = len(words) >= o.min_sentence_words and long_words >= o.min_sentence_words - 1
        many = many and _size(folded) <= o.max_sentence_chars
        return many and not self.reports.find(folded)
