"""Cut a gambling brand glued to the head or the end of a line: a hijacker's prefix or suffix.

Hacked sites of schools, offices and companies get a gambling brand written
before their own titles and headers: ``金沙娱乐城党委召开…``,
``必赢437官方网站关于申报…的通知``, ``欢迎光临best365网页版登录教务处``,
``版权所有:best365网页版登录某某学院``.  The line is the site's; the brand
is not.

The head of a line (after an optional welcome, ``欢迎光临``, or a short
``label:``) is read as tokens: entries of the lists (brand stems, strong spam
terms, gambling words, app/site entry words), a brand number (``437``,
``7906not``, ``best365``) and a short unknown name right before a number
(``必赢`` in ``必赢437``), with brackets and spaces between them.  The head is
a brand prefix when it names a brand (a stem, a strong term, a number) and is
specific to gambling: a strong term; a stem with a gambling word, a second
stem or a number; a brand with two entry words (``官网`` ``app``); a named
number with one.  A stem alone (``金沙江``, ``星空下载``) is an ordinary word.

The page must name the brand nowhere else: an article about a casino
(``美高梅娱乐场宣布…``) names it again in its sentences and keeps every line.
The prefix is cut when at least ``min_keep_chars`` of the line remain; a line
that is the brand alone is left to ``keyword-lines``.  A line without a prefix
may end in a brand *suffix* (``…提档升级_金沙9570官网登录_澳门金沙官方网站``):
every segment after one of the title's separators (``_ | ｜ — -``) is a whole
brand reading or a domain with digits, and together they are specific.

Options:
  stems, strong, gambling, entries (word-list paths): the lists above.
  min_keep_chars (int, 4), max_prefix_chars (int, 24): the longest head read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, NamedTuple

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Lexicon

WELCOME = regex.compile(r"欢迎(?:光临|访问|来到|进入|登录)|(?:copyright|版权所有|©)\s*[:：]?\s*|[^\s:：]{1,6}[:：]\s*")
WELCOME_CHARS = 8  # the longest welcome or label a head may follow
NUMBER = regex.compile(r"(?!(?:19|20)\d\d(?![a-z]))[a-z]{0,8}\d{2,6}[a-z]{0,4}(?![a-z\d])")  # not a year
NAMED = regex.compile(r"\p{Han}{2,3}(?=[a-z]{0,8}\d{2,6})")
GAP = regex.compile(r"[\s\-_·|()（）【】\[\]]+")
#: a site's login words: a bare number with two entry words is a brand only with one of these
LOGIN = frozenset({"网页版", "登录", "登陆", "登录入口", "网页登录"})
SEGMENT_SEP = regex.compile(r"\s*(?:[_|｜—]|\s-\s|-(?=\p{Han}|[a-z]))\s*")
DOMAIN = regex.compile(r"(?:www\.)?[a-z0-9-]*\d[a-z0-9-]*\.(?:com|net|cc|vip|top|co|org|cn|tv|me|app|xyz)")
EDGE_GAP = regex.compile(r"[\s_|｜\-—]+$")
HAN = regex.compile(r"\p{Han}")


class Token(NamedTuple):
    kind: str  # stem, strong, gambling, entry, number, name
    text: str
    end: int  # in the folded line


@dataclass(frozen=True)
class BrandPrefixOptions:
    stems: Annotated[list[str], FILES]
    strong: Annotated[list[str], FILES] = field(default_factory=list)
    gambling: Annotated[list[str], FILES] = field(default_factory=list)
    entries: Annotated[list[str], FILES] = field(default_factory=list)
    min_keep_chars: int = 4
    max_prefix_chars: int = 24


class BrandPrefix(Kind):
    """Cut a gambling brand glued to the head of a line, when the page names it nowhere else."""

    name = "brand-prefix"
    Options = BrandPrefixOptions

    def __init__(self, rule_id: str, options: BrandPrefixOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        # first list wins: a stem is a stem even where a gambling list holds it too
        self.words = Lexicon(
            [
                *((w, "strong") for w in options.strong),
                *((w, "stem") for w in options.stems),
                *((w, "gambling") for w in options.gambling),
                *((w, "entry") for w in options.entries),
            ]
        )

        # what a head needs: a brand word, or a login word after a brand number
        self.brandish = Lexicon(
            [*((w, "") for w in [*options.stems, *options.strong, *options.gambling]), *((w, "") for w in LOGIN)]
        )
        # gambling words that hold a stem (金沙娱乐) name a brand too
        self.stemmed = frozenset(g for g in options.gambling if any(st in g for st in options.stems))

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        folded = ctx.fold(lines)
        candidates = sorted(self.brandish.by_line(folded))
        found = ctx.per_line((self.rule_id, "ends"), [folded[i] for i in candidates], self._ends)
        ends = {i: e for i, e in zip(candidates, found) if e is not None}
        if not ends:
            return Outcome()
        page = "\n".join(folded)
        cuts = "\n".join(folded[i][start:end] for i, (start, end, _) in ends.items())
        edits = []
        for i, (start, end, tokens) in sorted(ends.items()):
            names = {t.text for t in tokens if t.kind != "entry"}
            # every mention of the brand on the page is in a prefix or suffix like these
            if any(page.count(n) > cuts.count(n) for n in names):
                continue
            line = lines[i]
            if end is None:  # a suffix from ``start`` on
                kept = EDGE_GAP.sub("", line[: _offset(line, start)])
                rest = kept
                where = "after"
            else:
                rest = line[_offset(line, end) :]
                gap = GAP.match(rest)
                rest = rest[gap.end() :] if gap else rest
                kept = line[: _offset(line, start)] + rest
                where = "before"
            if len(kept.strip()) < self.options.min_keep_chars or not HAN.search(rest):
                continue
            words = [t.text for t in tokens]
            why = f"gambling brand glued {where} the line ({', '.join(words)})"
            edits.append(LineEdit(i, kept, why, {"words": words}))
        return Outcome(edits)

    def _ends(self, folded: list[str]) -> list[tuple[int, int | None, list[Token]] | None]:
        """Per line, its brand prefix (start, end, tokens) or else its brand suffix (start, None, tokens)."""
        out: list[tuple[int, int | None, list[Token]] | None] = []
        for f in folded:
            head = self.head(f)
            if head is not None:
                out.append((head[0], head[1][-1].end, head[1]))
                continue
            out.append(self.tail(f))
        return out

    def tail(self, folded: str) -> tuple[int, None, list[Token]] | None:
        """``标题_金沙9570官网登录_澳门金沙官方网站``: the segments after a separator are all brand
        readings (or a domain), specific together; the earliest such separator is the cut."""
        for m in SEGMENT_SEP.finditer(folded):
            segments = [seg for seg in SEGMENT_SEP.split(folded[m.end() :]) if seg.strip()]
            if not segments or m.start() < self.options.min_keep_chars:
                continue
            tokens: list[Token] = []
            for seg in segments:
                seg = seg.strip()
                read = self._tokens(seg, 0)
                if DOMAIN.fullmatch(seg):
                    read = [Token("number", seg, len(seg))]
                elif not read or read[-1].end != len(seg) or all(t.kind == "entry" for t in read):
                    break  # a segment that is not wholly a brand: the title goes on
                tokens.extend(read)
            else:
                if _specific(tokens, self.stemmed):
                    return m.start(), None, tokens
        return None

    def _heads(self, folded: list[str]) -> list[tuple[int, list[Token]] | None]:
        return [self.head(f) for f in folded]

    def head(self, folded: str) -> tuple[int, list[Token]] | None:
        """Where the brand prefix of a folded line starts, and its tokens, if it has one."""
        o: BrandPrefixOptions = self.options
        if not folded or len(folded) <= o.min_keep_chars:
            return None
        start = 0
        m = WELCOME.match(folded)
        for begin in (m.end(), 0) if m else (0,):
            tokens = self._tokens(folded, begin)
            if _specific(tokens, self.stemmed):
                start = begin
                return start, tokens
        return None

    def _tokens(self, folded: str, pos: int) -> list[Token]:
        """The tokens of the longest reading of the head from ``pos``."""
        limit = min(len(folded), pos + self.options.max_prefix_chars)
        starts: dict[int, list[tuple[str, str]]] = {}
        for h in self.words.find(folded[pos:limit]):
            starts.setdefault(pos + h.start, []).append((h.word, h.tag))
        best: list[Token] = []

        def walk(at: int, tokens: list[Token]) -> None:
            nonlocal best
            while tokens and at < limit and (gap := GAP.match(folded, at, limit)):
                at = gap.end()
            options = [Token(tag, word, at + len(word)) for word, tag in starts.get(at, ())]
            for pattern, kind in ((NUMBER, "number"), (NAMED, "name")):
                m = pattern.match(folded, at, limit)
                if m:
                    options.append(Token(kind, m.group(), m.end()))
            if not options:
                read = tokens
                while read and read[-1].kind == "name":
                    read = read[:-1]
                rank = (_specific(read, self.stemmed), read[-1].end) if read else (False, 0)
                if read and (not best or rank > (_specific(best, self.stemmed), best[-1].end)):
                    best = read
                return
            for token in options:
                walk(token.end, [*tokens, token])

        walk(pos, [])
        return best


def _specific(tokens: list[Token], stemmed: frozenset[str]) -> bool:
    """The tokens name a brand and say it is a gambling one."""
    count = {k: sum(t.kind == k for t in tokens) for k in ("stem", "strong", "gambling", "entry", "number", "name")}
    count["stem"] += sum(t.kind == "gambling" and t.text in stemmed for t in tokens)
    brand = count["stem"] + count["number"] + count["strong"]
    if len(tokens) + count["stem"] - sum(t.kind == "stem" for t in tokens) < 2 or not brand:
        return False
    named = count["stem"] or count["name"] or count["strong"] or any(t.text in LOGIN for t in tokens)
    return bool(
        count["strong"]
        or (count["stem"] and (count["gambling"] or count["stem"] >= 2 or count["number"]))
        or (count["entry"] >= 2 and named)
        or (count["name"] and count["number"] and count["entry"])
    )


def _offset(line: str, folded_end: int) -> int:
    """The offset in ``line`` where its first ``folded_end`` folded characters end."""
    if folded_end <= 0:
        return 0
    for k in range(1, len(line) + 1):
        if len(fold_text(line[:k])) >= folded_end:
            return k
    return len(line)
