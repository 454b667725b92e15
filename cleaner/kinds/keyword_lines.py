"""Remove spam keyword lists, and cut keyword runs glued to a content line.

A hacked page carries lines such as ``国产精品-久久久久-一区二区-免费视频`` or a
"spider pool" footer ``主站蜘蛛池模板: A | B | C |``.  The line is split into
items at separators (any punctuation, symbol or space — ``- _ | , 、 / ; 丨 ┃ ★`` —
and a bar-like ``丨``/``I``/``l`` between Han characters; characters spaced out
one by one stay together); an item is a *keyword
item* when entries of the spam lexicons cover at least ``min_item_cover`` of
it (matched on the folded text, so look-alike, full-width, spaced and
Traditional forms are seen through) — a long item that merely mentions a
listed word is content.

A line is removed when it has at least ``min_items`` items, at least
``min_item_share`` of them are keyword items, the hits name at least ``min_distinct``
different entries, and its items are short (``max_item_chars`` on average) —
a sentence that mentions one listed word, or an article's own short list,
does not qualify.  A line without separators is removed when hits cover at
least ``min_cover`` of it and name ``min_distinct`` entries (dense spam
titles).  A title of three or more ``_``/``|`` items that repeats an item
(``安装数据库失败_实例无效_安装数据库失败``) is keyword stuffing.  When only a
run of ``min_run`` keyword items at the start or end of a line qualifies and
the rest is a content part of ``min_keep_chars`` or more, the
run is cut off and the content stays (a *mixed* line).  SEO farms also print
a title made of their first keyword phrases and repeat the phrases as a
comma list glued before the article's first sentence: the title line goes,
and the phrases (each at most ``max_title_chars``) are cut from the list.

Options:
  lexicons (list of word-list paths, required)
  min_items (int, 3), min_item_share (float, 0.6), min_distinct (int, 3),
  max_item_chars (int, 24), min_cover (float, 0.5), max_dense_chars (int, 60),
  reports (word-list paths, []): words of a news report or a warning (记者,
  警方, 诈骗 …); on a page whose sentences report on a strong term, a short
  line naming it (``调查二：代开发票``) is the report's heading, not spam.
  min_distinct_long (int, 6): a line without separators longer than
  ``max_dense_chars`` is a keyword run when it names this many spam words,
  strong (word-list paths, []): unambiguous spam terms (gambling brands,
  porn site words); a line of at most ``max_strong_chars`` (int, 30) with one
  of them is removed on its own.
  brands, entries (word-list paths, []): gambling brand stems (火狐, 开云,
  乐鱼 …, ordinary words on their own) and app/site words (官网, app, 下载,
  登录入口, 体育 …); a line of at most ``max_brand_chars`` (int, 20) that is
  a brand stem followed only by two or more entry words (``火狐官网app``,
  ``開雲體育app下載``) is a gambling brand's download title.  ``火狐浏览器官网``
  or ``星空下载`` (one entry word) stay.  A line of four items or more that
  one name heads, known or not, whose rests are app/site words with two
  official, login or download words and a gambling channel (娱乐, 体育, 彩票 …)
  or a spam word among them (``天宸国际娱乐I天宸国际官网I天宸国际注册…``) is a
  casino's title list; a portal's menu names other channels and stays.
  games, game_terms (word-list paths, []): card and mahjong games (麻将, 扑克,
  牌九 …, innocent words) and their scoring and cheating jargon (番数, 胡牌,
  自摸, 底分, 开挂 …); a line of at most ``max_game_chars`` (int, 80) naming a
  game and ``min_game_terms`` (int, 2) different jargon words, on a page where
  no other line names that game, is an injected gambling-game sentence.  An
  article about the game names it again, so it stays.
  min_title_chars (int, 10): a keyword-free item this long at either end is a
  title or sentence, so the line is trimmed rather than removed — unless the
  line holds ``long_list_items`` (int, 6) keyword items making
  ``long_list_share`` (float, 0.8) of its items: in so long a list, an item
  the lexicons do not know is one more keyword (spam lists mint new ones).  Items of one
  character (what a separator run leaves) are not counted; a list whose every
  item is a keyword needs only two items.
  min_keep_chars (int, 6), min_item_cover (float, 0.3): share of an item the
  hits must cover for it to count as a keyword item, min_run (int, 2): items
  in a glued run that is cut off
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Hit, Lexicon, Lexicons, covered, lines_matching
from cleaner.text.quotes import unquoted
from cleaner.text.web import WEB_ADDRESS

# an item is a run of letters, digits and marks: any punctuation, symbol or space separates
# (丨 ┃ ‖ ★ …, not only - _ |), and so does a bar-like letter between two Han characters
ITEM = regex.compile(r"[^\s\p{P}\p{S}]+")
BAR_LIKE = regex.compile(r"(?<=[\p{Han}\s])[丨Il](?=[\p{Han}\s])")
PHRASES = regex.compile(r"[,，、]")
TWO_PHRASES = regex.compile(r"[,，、][^,，、\n]*[,，、]")  # a line of 3+ phrases has two separators
STUFF_HINT = regex.compile(r"[_|｜]| - ")
STUFF_SEPARATORS = regex.compile(r"\s*[_|｜]\s*|\s+-\s+")
BRAND_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")  # spaces and punctuation between a brand's words
PHONE = regex.compile(r"\d[\d\s\-]{6,}\d")  # a phone or QQ number: 7+ digits
RUN_SENTENCE = regex.compile(r"[。？！?!]")
SENTENCE = regex.compile(r"。")  # a sentence about the spam (a news report), not the spam
# a casino's SEO title list: one name heading its items (天宸国际官网I天宸国际注册 …)
STEM_HINT = regex.compile(r"官|注册|登录|登陆|下载|app|网址|手机版|入口")
HAN = regex.compile(r"\p{Han}")
MAX_STEM_LINE, MIN_STEM_ITEMS, MAX_STEM_ITEM = 160, 4, 16
MIN_STEM, MAX_STEM = 2, 8
TITLE_ENTRIES = frozenset(
    {"官网", "官方", "官方网站", "官方网址", "官方入口", "官方版", "网址", "入口"}
    | {"注册", "注册入口", "注册开户", "开户", "登录", "登陆", "登录入口", "网页版", "网页版登录"}
    | {"下载", "app", "app下载", "手机版", "手机app", "客户端"}
)
CHANNELS = frozenset({"娱乐", "体育", "彩票", "棋牌", "真人", "电竞"})
EDGE = regex.compile(r"^[\s\-_|,，、/;；·•｜~～#:：]+|[\s\-_|,，、/;；·•｜~～#:：]+$")


@dataclass(frozen=True)
class KeywordOptions:
    lexicons: Annotated[list[str], FILES]
    min_items: int = 3
    min_item_share: float = 0.6
    min_distinct: int = 3
    max_item_chars: int = 24
    min_cover: float = 0.5
    max_dense_chars: int = 60
    min_distinct_long: int = 6
    min_keep_chars: int = 6
    min_item_cover: float = 0.3
    min_run: int = 2
    strong: Annotated[list[str], FILES] = field(default_factory=list)
    max_strong_chars: int = 30
    min_title_chars: int = 10
    long_list_items: int = 6
    long_list_share: float = 0.8
    max_title_chars: int = 24
    brands: Annotated[list[str], FILES] = field(default_factory=list)
    entries: Annotated[list[str], FILES] = field(default_factory=list)
    max_brand_chars: int = 20
    reports: Annotated[list[str], FILES] = field(default_factory=list)
    games: Annotated[list[str], FILES] = field(default_factory=list)
    game_terms: Annotated[list[str], FILES] = field(default_factory=list)
    min_game_terms: int = 2
    max_game_chars: int = 80


@dataclass(frozen=True)
class Item:
    start: int  # offsets in the original line
    end: int
    size: int  # folded length, spaces excluded
    words: frozenset[str]
    spammy: bool  # hits cover enough of it: a keyword, not a sentence mentioning one
    plain: bool  # no hit at all


class KeywordLines(Kind):
    """Remove spam keyword-list lines; cut keyword runs glued to content."""

    name = "keyword-lines"
    Options = KeywordOptions

    def __init__(self, rule_id: str, options: KeywordOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.lexicon = Lexicon.of(options.lexicons, "spam")
        self.strong = Lexicon.of(options.strong, "strong")
        self.brands = Lexicon.of(options.brands, "brand")
        self.entries = Lexicon.of(options.entries, "entry")
        # brand stems and games found by one scan of the document
        self.stems_and_games = Lexicon([*((w, "brand") for w in options.brands), *((w, "game") for w in options.games)])
        self.game_terms = Lexicon.of(options.game_terms, "game term")
        self.reports = Lexicon.of(options.reports, "report")
        self.scan = Lexicons([self.strong, self.lexicon, self.stems_and_games])  # one scan of the document

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        folded = ctx.fold(lines)
        edits: dict[int, LineEdit] = {}
        games = {}
        lone = ctx.per_line((self.rule_id, "line"), lines, lambda new: self._on_own(new, ctx))
        for i, (brand, _, game_hits) in enumerate(lone):
            if brand is not None:
                edits[i] = replace(brand, index=i)
            if game_hits:
                games[i] = game_hits
        for edit in self.game_sentences(folded, games):
            edits[edit.index] = edit
        subject = self._subject(folded, lone)
        for i, (_, decided, _) in enumerate(lone):
            if decided is not None and not (decided.detail.get("strong") and subject >= set(decided.detail["words"])):
                edits.setdefault(i, replace(decided, index=i))
        for edit in self.echoed_titles(lines, folded):
            edits.setdefault(edit.index, edit)
        return Outcome([edits[i] for i in sorted(edits)])

    def _subject(self, folded: list[str], lone: list[tuple[LineEdit | None, LineEdit | None, list[Hit]]]) -> set[str]:
        """Strong terms the sentences of a report (a sentence with a ``reports`` word) name:
        a short heading naming one of them (调查二：代开发票) is the report's, not spam."""
        spoken = [f for f, (_, decided, _) in zip(folded, lone) if decided is None and "。" in f]
        if not any(self.reports.find(f) for f in spoken):
            return set()  # a hijacker writes its brand into the article's sentences too; only a report counts
        return {h.word for f in spoken for h in self.strong.longest(f)}

    def _on_own(self, lines: list[str], ctx: DocContext) -> list[tuple[LineEdit | None, LineEdit | None, list[Hit]]]:
        """Per line, what it is on its own: a brand title, a keyword list (edits
        at index 0), and its game-name hits."""
        folded = ctx.fold(lines)
        strong, spam, found = self.scan.by_line(folded)  # one scan of the document
        stuffed = set(lines_matching(STUFF_HINT, folded))
        out = []
        for i, (line, f) in enumerate(zip(lines, folded)):
            hits = found.get(i, [])
            brand = self.brand_title(0, f, [h for h in hits if h.tag == "brand"]) if hits else None
            brand = brand or self.stem_list(line, f)
            decided = None
            if i in strong or i in spam or i in stuffed:
                decided = self.decide(0, line, f, strong.get(i, []), spam.get(i, []))
            out.append((brand, decided, [h for h in hits if h.tag == "game"]))
        return out

    def echoed_titles(self, lines: list[str], folded: list[str]) -> list[LineEdit]:
        """SEO farm titles: a line that is the concatenation of the first keyword
        phrases of a later comma list, which then runs into the content."""
        o: KeywordOptions = self.options
        plain = {f.replace(" ", ""): i for i, f in enumerate(folded) if 0 < len(f) <= 2 * o.max_item_chars}
        edits: list[LineEdit] = []
        for i in lines_matching(TWO_PHRASES, folded):
            line = lines[i]
            parts = [p for p in PHRASES.split(line) if p.strip()]
            if len(parts) < 3:
                continue
            j = plain.get(fold_text("".join(parts[:2])).replace(" ", ""))  # the title; most match no line
            if j is None or j == i:
                continue
            short = 0
            while short < len(parts) and len(fold_text(parts[short]).replace(" ", "")) <= o.max_title_chars:
                short += 1
            if short < 2 or short >= len(parts):
                continue
            words = [fold_text(p).strip() for p in parts[:short]]
            edits.append(LineEdit(j, None, "keyword title repeated as a phrase list below", {"words": words}))
            rest = line[line.index(parts[short]) :]
            indent = line[: len(line) - len(line.lstrip())]
            edits.append(
                LineEdit(
                    i, indent + rest.lstrip(), "glued keyword phrases echoing the page's spam title", {"words": words}
                )
            )
        return edits

    def game_sentences(self, folded: list[str], games: dict[int, list[Hit]]) -> list[LineEdit]:
        """A short line on a card/mahjong game's scoring or betting, the only line naming that game."""
        o: KeywordOptions = self.options
        lines_of: dict[str, int] = {}
        for hits in games.values():
            for word in {h.word for h in hits}:
                lines_of[word] = lines_of.get(word, 0) + 1
        edits = []
        for i, hits in games.items():
            if len(folded[i]) > o.max_game_chars or any(lines_of[h.word] > 1 for h in hits):
                continue
            terms = sorted({h.word for h in self.game_terms.longest(folded[i])})
            if len(terms) >= o.min_game_terms:
                words = sorted({h.word for h in hits}) + terms
                why = f"gambling-game sentence foreign to the page ({', '.join(words)})"
                edits.append(LineEdit(i, None, why, {"words": words}))
        return edits

    def check_line(self, index: int, line: str) -> LineEdit | None:
        """The decision on one line on its own."""
        folded = fold_text(line)
        brand = self.brand_title(index, folded, self.brands.longest(folded))
        return brand or self.decide(index, line, folded, self.strong.longest(folded), self.lexicon.longest(folded))

    def brand_title(self, index: int, folded: str, brand_hits: list[Hit]) -> LineEdit | None:
        """火狐官网app: a brand stem at the start, then nothing but two or more app/site words."""
        core = BRAND_NOISE.sub("", folded)
        if not brand_hits or not core or len(core) > self.options.max_brand_chars:
            return None
        stems = self.brands.longest(core)
        if not stems or stems[0].start != 0:
            return None
        entries = [h for h in self.entries.longest(core) if h.start >= stems[0].end]
        if len(entries) < 2 or covered([*stems, *entries]) < len(core):
            return None
        words = sorted({stems[0].word, *(h.word for h in entries)})
        return LineEdit(index, None, f"gambling brand download title ({', '.join(words)})", {"words": words})

    def stem_list(self, line: str, folded: str) -> LineEdit | None:
        """``天宸国际娱乐I天宸国际官网I天宸国际注册I天宸国际登录``: one name, unknown to the lists,
        heading four items or more whose rest is app/site words, two of them official, login or
        download words and one a gambling channel (娱乐, 体育, 彩票 …) or a spam word: a casino's
        SEO title, whatever its brand.  A portal's menu (新浪体育 新浪财经 新浪科技) names other
        channels; a download page (微信官网 微信下载 微信登录) names no gambling channel."""
        if len(folded) > MAX_STEM_LINE or not STEM_HINT.search(folded):
            return None
        items = [fold_text(line[a:b]).replace(" ", "") for a, b in _segments(line)]
        items = [it for it in items if it]
        if len(items) < MIN_STEM_ITEMS or max(map(len, items)) > MAX_STEM_ITEM:
            return None
        stem = _common_stem(items)
        if stem is None:
            return None
        rests = [it[it.index(stem) + len(stem) :] for it in items if stem in it]
        if len(rests) < len(items):
            return None
        entries = set()
        channel = False
        for rest in filter(None, rests):
            found = [*self.entries.longest(rest), *self.lexicon.longest(rest), *self.strong.longest(rest)]
            if covered(found) < len(rest):
                return None  # 新浪财经: a channel the lists do not know, a portal's menu
            entries |= {h.word for h in found if h.word in TITLE_ENTRIES}
            channel = channel or any(h.word in CHANNELS or h.tag != "entry" for h in found)
        if len(entries) < 2 or not channel:
            return None
        words = sorted({stem, *entries})
        return LineEdit(0, None, f"gambling brand's title list ({', '.join(words)})", {"words": words})

    def decide(self, index: int, line: str, folded: str, strong_hits: list[Hit], hits: list[Hit]) -> LineEdit | None:
        strong_hits = unquoted(folded, strong_hits)  # a report names the spam in quotes
        if strong_hits and len(folded) <= self.options.max_strong_chars and not SENTENCE.search(folded):
            strong = sorted({h.word for h in strong_hits})
            if strong:
                why = f"short line with unambiguous spam words ({', '.join(strong)})"
                return LineEdit(index, None, why, {"words": strong, "strong": True})
        stuffed = _repeated_item(folded)
        if stuffed:
            return LineEdit(index, None, f"keyword stuffing: item '{stuffed}' repeated", {"words": [stuffed]})
        if len({h.word for h in hits}) < self.options.min_distinct:
            return None
        items = self.items(line)
        words = sorted({h.word for h in hits})
        if self._is_list(items) or (len(items) < self.options.min_items and self._is_dense(folded, hits)):
            return LineEdit(index, None, _reason(words, len(items)), {"words": words})
        return self._trim(index, line, items)

    def items(self, line: str) -> list[Item]:
        """The line's items, each folded and matched on its own."""
        out = []
        for start, end in _segments(line):
            folded = fold_text(line[start:end]).strip()  # spaces next to Han are gone; Latin words keep theirs
            hits = self.lexicon.longest(folded)
            spammy = bool(hits) and covered(hits) >= self.options.min_item_cover * len(folded)
            out.append(Item(start, end, len(folded), frozenset(h.word for h in hits), spammy, not hits))
        return out

    def _is_list(self, items: list[Item]) -> bool:
        o: KeywordOptions = self.options
        counted = [it for it in items if it.size >= 2]  # a lone character is a separator's debris, not an item
        if not counted or sum(it.size for it in items) / len(items) > o.max_item_chars:
            return False
        share = sum(it.spammy for it in counted) / len(counted)
        if share == 1.0 and len(counted) >= 2:
            return True  # every item a keyword: two are a list
        if len(counted) < o.min_items or share < o.min_item_share:
            return False
        if sum(it.spammy for it in counted) >= o.long_list_items and share >= o.long_list_share:
            return True  # a long list of keywords: an unknown item at its end is one more keyword, not a title
        # a long item without keywords is a title or a sentence: trim, do not drop
        if any(not it.spammy and it.size > o.max_item_chars for it in items):
            return False
        return not any(it.plain and it.size >= o.min_title_chars for it in (items[0], items[-1]))

    def _is_dense(self, folded: str, hits: list[Hit]) -> bool:
        o: KeywordOptions = self.options
        size = len(folded.replace(" ", ""))
        if not size or covered(hits) < o.min_cover * size:
            return False
        # a longer line must name many spam words: a run of keywords whatever joins them
        return size <= o.max_dense_chars or len({h.word for h in hits}) >= o.min_distinct_long

    def _trim(self, index: int, line: str, items: list[Item]) -> LineEdit | None:
        """Cut a qualifying run of hitting items at the start or end of the line."""
        o: KeywordOptions = self.options
        lead = 0
        while lead < len(items) and items[lead].spammy:
            lead += 1
        tail = 0
        while tail < len(items) - lead and items[len(items) - 1 - tail].spammy:
            tail += 1
        cut = len(items) - tail
        for run_items, keep in ((items[:lead], items[lead:]), (items[cut:], items[:cut])):
            distinct = {w for it in run_items for w in it.words}
            if len(run_items) < o.min_run or len(distinct) < o.min_distinct or not keep:
                continue
            indent = line[: len(line) - len(line.lstrip())]
            # the kept part runs to the line's own edge, its closing punctuation included
            leading = run_items[0] is items[0]
            run_text = line[run_items[0].start : run_items[-1].end + (0 if leading else 2)]
            if RUN_SENTENCE.search(run_text):
                continue  # a question or a sentence (…每个月要还多少钱？) is the article's, not a keyword run
            start, end = (keep[0].start, len(line)) if leading else (0, run_items[0].start)
            content = indent + EDGE.sub("", line[start:end])
            if len(content) >= o.min_keep_chars:
                words = sorted(distinct)
                reach = PHONE.search(content) or WEB_ADDRESS.search(content)
                if reach and len(content.strip()) <= o.max_item_chars * 2:
                    # what is left is the advert's own call (…，联系电话13800138000, 官网 www…): the line is the advert
                    why = _reason(words, len(items)) + " and a way to reach it"
                    return LineEdit(index, None, why, {"words": words})
                return LineEdit(index, content, "glued " + _reason(words, len(run_items)), {"words": words})
        return None


def _segments(line: str) -> list[tuple[int, int]]:
    """Item spans: split at separators, but letters spaced out one by one (国 产 精 品) and Latin
    words separated by spaces (``free porn videos``) stay one item."""
    spans: list[tuple[int, int]] = []
    spaced = False  # the last span was built from single spaced-out characters
    for m in ITEM.finditer(BAR_LIKE.sub("|", line)):  # same length: offsets hold
        start, end = m.span()
        gap = line[spans[-1][1] : start] if spans else ""
        if spans and end - start == 1 and gap.isspace() and (spaced or spans[-1][1] - spans[-1][0] == 1):
            spans[-1] = (spans[-1][0], end)
            spaced = True
            continue
        if spans and gap.isspace() and _latin(line[spans[-1][1] - 1]) and _latin(line[start]):
            spans[-1] = (spans[-1][0], end)  # Latin words are one item until punctuation (free porn videos)
            spaced = False
            continue
        spans.append((start, end))
        spaced = False
    return spans


def _common_stem(items: list[str]) -> str | None:
    """The longest head of two to eight characters, with a Han one, that most items begin with
    and every item holds (澳门新葡京 holds 新葡京)."""
    for size in range(MAX_STEM, MIN_STEM - 1, -1):
        heads = Counter(it[:size] for it in items if len(it) >= size)
        if not heads:
            continue
        stem, count = heads.most_common(1)[0]
        if 4 * count >= 3 * len(items) and HAN.search(stem) and all(stem in it for it in items):
            return stem
    return None


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _repeated_item(folded: str) -> str | None:
    """An item of 4+ characters that a title of 3+ items repeats (SEO stuffing)."""
    if "。" in folded or not STUFF_SEPARATORS.search(folded):
        return None
    items: list[str] = [p.strip() for p in STUFF_SEPARATORS.split(folded) if p.strip()]
    if len(items) < 3:
        return None
    seen: set[str] = set()
    for item in items:
        if len(item) >= 4 and item in seen and not item.isdigit():
            return item
        seen.add(item)
    return None


def _reason(words: list[str], items: int) -> str:
    shown = ", ".join(words[:8]) + (", …" if len(words) > 8 else "")
    return f"keyword list: {items} items, {len(words)} spam words ({shown})"
