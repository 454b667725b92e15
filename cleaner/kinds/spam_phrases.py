"""Cut spam spliced into a content line: in its middle, glued at its edges, in brackets.

Hacked pages splice spam into the article's own lines:
``…常用的器件之一，国产精品久久久久亚洲无码，基本上只要是…`` (the middle),
``…减少越冬病虫基数。秒批贷款 不看征信 点击进入`` (after the last stop),
``格式工厂 5.14 官方版-亚洲av无码专区-日韩精品一卡二卡`` (after a title),
``【新葡京娱乐】二手车交易量连续三个月回升`` (in brackets).  The line is split
into clauses at stops, commas, title separators (``_ | ｜``, a hyphen
between words), wide spaces and brackets.  A clause is *spam* when, at most
``max_clause_chars`` long and outside quotes, its spam words cover
``min_cover`` of it and are a strong term or ``min_words`` different words.
At an edge of the line (no content clause beyond it) or in brackets a
looser test holds: the words cover ``min_edge_cover`` and are a strong term,
two words, or come with a way to reach the seller (a ``calls`` entry, a
phone or QQ number, a domain); after the line's last full stop one spam name
of four characters or more that is the whole clause is enough
(``…做好保温防冻措施。新葡京官网``).  The spam clauses are cut when the rest is
content — at least ``min_rest_chars`` Han characters in clauses with no
spam word at all — and they are at most ``max_cuts``: more is a keyword list
or an advert, for ``keyword-lines`` and ``sales-calls`` (this rule runs
before them, so a line that is content plus spam loses only the spam).  A
report that quotes the spam (``网站名为“百家乐真人在线”``) or names it in a
clause of its own (``该团伙在境外架设赌博网站``: the spam words cover too little
of it), an item of the line's own enumeration (``子女教育、住房贷款利息、赡养老人``:
no strong term between enumeration commas), or a line with a ``reports`` word
(记者, 警方, 诈骗 …), keeps its words.

Options:
  lexicons, strong, reports, calls (word-list paths)
  min_words (int, 2), min_cover (float, 0.6), min_edge_cover (float, 0.5),
  max_clause_chars (int, 30), min_rest_chars (int, 10), max_cuts (int, 3)
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
from cleaner.text.web import WEB_ADDRESS

# where clauses end: a bracketed stretch, or a stop, comma, title separator, wide space or a hyphen between words
SPLIT = regex.compile(
    r"(?P<bracket>【[^【】]*】|\[[^\[\]]*\])|[，,。；;！!？?、_|｜]+\s*|\u3000+|\s{2,}"
    r"|(?<=[\p{Han}a-zA-Z)）])\s*[-—]\s*(?=[\p{Han}a-zA-Z])"
)
HAN = regex.compile(r"\p{Han}")
NUMBER = regex.compile(r"(?<!\d)(?!(?:19|20)\d{6}(?!\d))\d{7,}")  # a phone or QQ number, not a date
STOP_END = regex.compile(r"[。！？!?]\s*$")
WHOLE = 0.9  # a clause that one spam name covers, alone after a full stop
WHOLE_CHARS = 4
LEAD = regex.compile(r"^[\s_|｜\-—]+")
TRAIL = regex.compile(r"[\s_|｜\-—，,、]+$")


@dataclass(frozen=True)
class SpamPhraseOptions:
    lexicons: Annotated[list[str], FILES]
    strong: Annotated[list[str], FILES] = field(default_factory=list)
    reports: Annotated[list[str], FILES] = field(default_factory=list)
    calls: Annotated[list[str], FILES] = field(default_factory=list)
    min_words: int = 2
    min_cover: float = 0.6
    min_edge_cover: float = 0.5
    max_cuts: int = 3
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
        self.calls = Lexicon.of(options.calls, "call")
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
        clauses = _clauses(line)
        kinds: list[str] = []
        found: list[list[str]] = []
        rest = 0
        for start, end, bracket in clauses:
            folded = fold_text(line[start:end]).strip()
            hits = unquoted(folded, self.words.longest(folded)) if folded else []
            core = len(folded.replace(" ", ""))
            words = sorted({h.word for h in hits})
            found.append(words)
            if not hits:
                kinds.append("content" if HAN.search(folded) else "other")
                rest += core if HAN.search(folded) else 0
                continue
            strong = any(h.tag == "strong" for h in hits)
            if not strong and _enumerated(line, clauses, len(kinds)):
                return None  # 子女教育、住房贷款利息、赡养老人: an item of the article's own enumeration
            share = covered(hits) / max(core, 1)
            call = bool(self.calls.find(folded) or NUMBER.search(folded) or WEB_ADDRESS.search(folded))
            if core <= o.max_clause_chars and share >= o.min_cover and (strong or len(words) >= o.min_words):
                kinds.append("spam")
            elif core <= o.max_clause_chars and share >= o.min_edge_cover and (bracket or strong or call or words[1:]):
                kinds.append("spam" if bracket else "edge")  # 【新葡京娱乐】; unbracketed: spam only at an edge
            elif share >= WHOLE and len(words[0]) >= WHOLE_CHARS and _after_stop(line, clauses, len(kinds)):
                kinds.append("edge")  # …做好保温防冻措施。新葡京官网: one spam name alone after a full stop
            else:
                return None  # spam words in a content clause: not an injection into content
        content = [k for k, kind in enumerate(kinds) if kind == "content"]
        if not content or rest < o.min_rest_chars:
            return None
        first, last = content[0], content[-1]
        cut = [k for k, kind in enumerate(kinds) if kind == "spam" or (kind == "edge" and not first < k < last)]
        if not cut or len(cut) > o.max_cuts or any(kinds[k] == "edge" and first < k < last for k in range(len(kinds))):
            return None  # more spam than that is a keyword list or an advert: keyword-lines' and sales-calls' to judge
        kept, at = [], 0
        for k in cut:
            start, end, _ = clauses[k]
            kept.append(line[at:start])
            at = end
        kept.append(line[at:])
        indent = line[: len(line) - len(line.lstrip())]  # the line's own indent stays
        new = indent + TRAIL.sub("", LEAD.sub("", "".join(kept).lstrip()))
        if new == line:
            return None
        words = sorted({w for k in cut for w in found[k]})
        why = f"spam phrase spliced into the line ({', '.join(words[:6])})"
        return LineEdit(index, new, why, {"words": words})


def _enumerated(line: str, clauses: list[tuple[int, int, bool]], k: int) -> bool:
    """Whether clause ``k`` is an item of a list of enumeration commas (``、``) on either side."""
    own = line[clauses[k][0] : clauses[k][1]].rstrip()
    before = line[clauses[k - 1][0] : clauses[k - 1][1]].rstrip() if k > 0 else ""
    return own.endswith("、") or before.endswith("、")


def _after_stop(line: str, clauses: list[tuple[int, int, bool]], k: int) -> bool:
    """Whether clause ``k`` follows a clause that ends a sentence."""
    return k > 0 and bool(STOP_END.search(line[clauses[k - 1][0] : clauses[k - 1][1]]))


def _clauses(line: str) -> list[tuple[int, int, bool]]:
    """Clause spans (start, end, bracketed): text up to and including a stop, comma, ``_``, ``|``,
    a wide space or a hyphen between words; a bracketed stretch on its own."""
    out: list[tuple[int, int, bool]] = []
    start = 0
    for m in SPLIT.finditer(line):
        if m.group("bracket"):
            if m.start() > start:
                out.append((start, m.start(), False))
            out.append((m.start(), m.end(), True))
        else:
            out.append((start, m.end(), False))
        start = m.end()
    if start < len(line):
        out.append((start, len(line), False))
    return [c for c in out if line[c[0] : c[1]].strip()]
