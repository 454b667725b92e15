"""Cut a spam phrase injected inside a content line.

Hacked pages splice spam into the middle of the article's own sentences:
``…常用的器件之一，国产精品久久久久亚洲无码，基本上只要是…``,
``…至关重要。澳门新葡京娱乐场官网。选择电阻时…``, ``…噪声小【百家乐真人在线】，适合…``.
The line is split into clauses at punctuation and brackets.  A clause is a
spam phrase when, at most ``max_clause_chars`` long and outside quotes, it
is mostly spam: its spam words cover ``min_cover`` of it, and they are a
strong spam term or ``min_words`` different words.  The phrase is cut (with its bracket pair or one of the
stops around it) when the rest of the line is content: at least
``min_rest_chars`` characters with no spam word at all.  A line that is
spam throughout is ``keyword-lines``' to judge; a report that quotes the
spam (``网站名为“百家乐真人在线”``) or names it in a clause of its own
(``该团伙在境外架设赌博网站``: the spam words cover too little of it), or a line
with a ``reports`` word (记者, 警方, 诈骗 …), keeps its words.

Options:
  lexicons, strong, reports (word-list paths)
  min_words (int, 2), min_cover (float, 0.6), max_clause_chars (int, 30),
  min_rest_chars (int, 10)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Lexicon, Lexicons, covered
from cleaner.text.quotes import unquoted

# a clause: a bracketed stretch, or text up to the next stop or comma
CLAUSE = regex.compile(r"【[^【】]*】|\[[^\[\]]*\]|[(（][^()（）]*[)）]|[^，,。；;！!？?、【\[(（]+[，,。；;！!？?、]?")
HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class SpamPhraseOptions:
    lexicons: Annotated[list[str], FILES]
    strong: Annotated[list[str], FILES] = field(default_factory=list)
    reports: Annotated[list[str], FILES] = field(default_factory=list)
    min_words: int = 2
    min_cover: float = 0.6
    max_clause_chars: int = 30
    min_rest_chars: int = 10


class SpamPhrases(Kind):
    """Cut spam phrases spliced into the middle of a content line."""

    name = "spam-phrases"
    Options = SpamPhraseOptions
    contextual = False  # the line alone decides

    def __init__(self, rule_id: str, options: SpamPhraseOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.words = Lexicon([*((w, "strong") for w in options.strong), *((w, "spam") for w in options.lexicons)])
        self.reports = Lexicon.of(options.reports, "report")
        self.scan = Lexicons([self.words, self.reports])

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        folded = ctx.fold(lines)
        found, reports = self.scan.by_line(folded)
        edits = []
        for i in sorted(found.keys() - reports.keys()):  # a report (民警, 记者) names the spam
            edit = self.cut(i, lines[i])
            if edit is not None:
                edits.append(edit)
        return Outcome(edits)

    def cut(self, index: int, line: str) -> LineEdit | None:
        """The line without its injected spam clauses, if it has some and the rest is content."""
        o: SpamPhraseOptions = self.options
        spam: list[tuple[int, int, list[str]]] = []
        rest = 0
        for m in CLAUSE.finditer(line):
            folded = fold_text(m.group()).strip()
            if not folded:
                continue
            hits = unquoted(folded, self.words.longest(folded))
            core = len(folded.replace(" ", ""))
            strong = [h.word for h in hits if h.tag == "strong"]
            words = sorted({h.word for h in hits})
            mostly = covered(hits) >= o.min_cover * core  # 该团伙架设赌博网站 names the spam, it is not spam
            if hits and core <= o.max_clause_chars and mostly and (strong or len(words) >= o.min_words):
                spam.append((m.start(), m.end(), words))
            elif hits:
                return None  # spam words in the content clauses too: not an injection into content
            elif HAN.search(folded):
                rest += core
        if not spam or rest < o.min_rest_chars:
            return None
        kept, at = [], 0
        for start, end, _ in spam:
            kept.append(line[at:start])
            at = end
        kept.append(line[at:])
        new = "".join(kept)
        words = sorted({w for _, _, ws in spam for w in ws})
        why = f"spam phrase spliced into the line ({', '.join(words[:6])})"
        return LineEdit(index, new, why, {"words": words})
