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
brand reading or a domain with digits, and together they are specific.  A
line that is wholly a brand's download title (a brand, then three or more
app/site words with an official-site word and a download word among them:
``星河体育(中国)官方网站-IOS/安卓通用版/手机APP下载``) goes whole; there a short
unknown name before 体育, 娱乐, 电竞, 棋牌, 真人 or 彩票 names the brand.

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
from cleaner.text.web import TLDS

WELCOME = regex.compile(r"欢迎(?:光临|访问|来到|进入|登录)|(?:copyright|版权所有|©)\s*[:：]?\s*|[^\s:：]{1,6}[:：]\s*")
NUMBER = regex.compile(r"(?!(?:19|20)\d\d(?![a-z]))[a-z]{0,8}\d{2,6}[a-z]{0,4}(?![a-z\d])")  # not a year
NAMED = regex.compile(r"\p{Han}{2,3}(?=[a-z]{0,8}\d{2,6}|体育|娱乐|电竞|棋牌|真人|彩票)")  # 必赢437, 星河体育
GAP = regex.compile(r"[\s\-_·|()（）【】\[\]]+")
#: a site's login words: a bare number with two entry words is a brand only with one of these
LOGIN = frozenset({"网页版", "登录", "登陆", "登录入口", "网页登录"})
MAX_SUFFIX_CHARS = 80  # a brand suffix is short: a long line is read from here on only
WHOLE = -1  # the end of a reading that is the whole line
MIN_TITLE_ENTRIES = 3  # a line that is a brand and three app/site words is the brand's download title
OFFICIAL = frozenset({"官网", "官方", "官方网站", "官方网址", "网址", "官方入口", "官方版"})
DOWNLOAD = frozenset({"下载", "app", "app下载", "apk", "ios", "安卓", "安卓版", "手机app", "下载安装", "客户端"})
TITLE_SEP = regex.compile(r"\s*(?:[_|｜—/]|\s-\s|-(?=\p{Han}|[a-z]))\s*")
SEGMENT_SEP = regex.compile(r"\s*(?:[_|｜—]|\s-\s|-(?=\p{Han}|[a-z]))\s*")
DOMAIN = regex.compile(rf"(?:www\.)?[a-z0-9-]*\d[a-z0-9-]*\.(?:{TLDS})")  # a brand's host names its number
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
            [*((w, "") for w in [*options.stems, *options.strong, *options.gambling, *LOGIN, *OFFICIAL])]
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
        cuts = "\n".join(folded[i][start : None if end == WHOLE else end] for i, (start, end, _) in ends.items())
        edits = []
        for i, (start, end, tokens) in sorted(ends.items()):
            names = {t.text for t in tokens if t.kind != "entry"}
            # every mention of the brand on the page is in a prefix or suffix like these
            if any(page.count(n) > cuts.count(n) for n in names):
                continue
            line = lines[i]
            words = [t.text for t in tokens]
            if end == WHOLE:  # the line is the brand's download title
                why = f"gambling brand's download title ({', '.join(words)})"
                edits.append(LineEdit(i, None, why, {"words": words}))
                continue
            if end is None:  # a suffix from ``start`` on
                kept = rest = EDGE_GAP.sub("", line[: _offset(line, start)])
                where = "after"
            else:
                rest = line[_offset(line, end) :]
                gap = GAP.match(rest)
                rest = rest[gap.end() :] if gap else rest
                kept = line[: _offset(line, start)] + rest
                where = "before"
            if len(kept.strip()) < self.options.min_keep_chars or not HAN.search(rest):
                continue
            why = f"gambling brand glued {where} the line ({', '.join(words)})"
            edits.append(LineEdit(i, kept, why, {"words": words}))
        return Outcome(edits)

    def _ends(self, folded: list[str]) -> list[tuple[int, int | None, list[Token]] | None]:
        """Per line, the brand reading of all of it (0, WHOLE, tokens), its brand prefix
        (start, end, tokens) or else its brand suffix (start, None, tokens)."""
        out: list[tuple[int, int | None, list[Token]] | None] = []
        for f in folded:
            title = self._segments(f.strip(), whole=True)
            if title is not None and _download_title(title):
                out.append((0, WHOLE, title))
                continue
            head = self.head(f)
            if head is not None:
                out.append((head[0], head[1][-1].end, head[1]))
                continue
            out.append(self.tail(f))
        return out

    def tail(self, folded: str) -> tuple[int, None, list[Token]] | None:
        """``标题_金沙9570官网登录_澳门金沙官方网站``: the segments after a separator are all brand
        readings (or a domain), specific together; the earliest such separator is the cut."""
        for m in SEGMENT_SEP.finditer(folded, max(0, len(folded) - MAX_SUFFIX_CHARS)):
            if m.start() < self.options.min_keep_chars:
                continue
            tokens = self._segments(folded[m.end() :])
            if tokens is not None:
                return m.start(), None, tokens
        return None

    def _segments(self, text: str, whole: bool = False) -> list[Token] | None:
        """The tokens of ``text`` when every segment of it is a whole brand reading or a domain
        and together they are specific (``whole``: also ``/`` separates, as in a download title)."""
        parts = (TITLE_SEP if whole else SEGMENT_SEP).split(text)
        segments = [seg.strip() for seg in parts if seg.strip()]
        if not segments:
            return None
        tokens: list[Token] = []
        for seg in segments:
            if DOMAIN.fullmatch(seg):
                tokens.append(Token("number", seg, len(seg)))
                continue
            read = self._tokens(seg, 0)
            named = any(t.kind != "entry" for t in [*tokens, *read])  # app words follow a brand, never lead
            if not read or read[-1].end != len(seg) or not named:
                return None  # a segment that is not wholly a brand: a title goes on
            tokens.extend(read)
        if whole and _download_title(tokens):
            return tokens  # an unknown name selling its app (星河体育(中国)官方网站-IOS/安卓通用版/手机APP下载)
        return tokens if _specific(tokens, self.stemmed) else None

    def head(self, folded: str) -> tuple[int, list[Token]] | None:
        """Where the brand prefix of a folded line starts, and its tokens, if it has one."""
        o: BrandPrefixOptions = self.options
        if not folded or len(folded) <= o.min_keep_chars:
            return None
        m = WELCOME.match(folded)
        for begin in (m.end(), 0) if m else (0,):
            tokens = self._tokens(folded, begin)
            if tokens and tokens[0].kind != "entry" and _specific(tokens, self.stemmed):  # 官网售价899元: no brand
                return begin, tokens
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


def _download_title(tokens: list[Token]) -> bool:
    """A brand, then three or more app/site words, an official site and a download among them."""
    entries = [t.text for t in tokens if t.kind == "entry"]
    named = any(t.kind != "entry" for t in tokens)
    return (
        named
        and len(entries) >= MIN_TITLE_ENTRIES
        and any(w in OFFICIAL for w in entries)
        and any(w in DOWNLOAD for w in entries)
    )


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
