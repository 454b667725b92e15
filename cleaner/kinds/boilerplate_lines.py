"""Remove site furniture: breadcrumbs, copyright/ICP lines, prev/next, widgets, menus.

A line is boilerplate when one of these holds (all on folded text, so the
Simplified word lists also find Traditional forms):

* *breadcrumb*: ``您的位置:首页 > 新闻`` — segments joined by ``>``/``»``/``›``
  whose first segment or prefix is a phrase of the word list;
* *copyright*: ``©``, ``copyright``, 版权所有, ICP备, 公网安备 in a line of at most
  ``max_copyright_chars``;
* *site notice*: disclaimers, download-site and browser notices, age gates,
  font-size selectors (``字号:大 中 小``), slide captions (``x.ppt_第1页``);
* *consent banner*: cookies or a privacy policy to accept, unless numbered
  (a privacy policy's own clauses);
* *counter* and *gadget*: ``浏览次数: 123``, ``阅读(12) 评论(0)``, reading time
  and word count, weather, ``昵称(必填)``, ``暂无相关内容``, image placeholders;
* *separator*: only punctuation and symbols (``*****``, ``- - - < top > - - -``),
  also after a list item's number (``1. |``);
* *markup residue*: tags only with an empty element among them, an image's
  data URL;
* *menu*: a bar of short items, four or more short Han words separated by
  spaces or ``/`` (Chinese prose has no spaces), ``- [分类]标题`` links, runs of
  short lines outside the body, a site map of short items below the body
  running into the footer or above it running into the body (its last
  three lines left for the title);
* *dashboard*: three or more figures in a row, a big number glued before
  its label (``35210累计注册用户``);
* *profile fields*: a run of ``label: value`` lines whose labels are
  furniture (级别, 积分, 在线时间, 最后登录 …);
* *slogans*: a business describing itself above the article (有限公司,
  服务商, Co.,Ltd), never in the title's place;
* *notice clauses*: numbered lines under a removed 下载须知/免责声明 heading;
* *related list*: short titles under a removed 相关文章/热门推荐 heading below
  the first body line;
* *channel heading*: a short line repeating a middle step of a removed
  breadcrumb;
* *between furniture*: below the body, a stretch of lines that are no
  prose between two furniture lines;
* *next to furniture*: outside the body, a numbers-only or menu-items-only
  line beside a furniture line, or a short line between two of them;
* *trailing furniture*: after a full stop with ten Han characters or more
  before it, a glued run naming ``min_tail_phrases`` furniture phrases (分享 …
  上一篇 … 下一篇), a lone lower-case tag (``。javascript``), or a copyright,
  site notice, more link or widget (``。（转载请注明出处）``, ``。免责声明：…如有侵权请
  联系删除。``) is cut off and the sentence stays (a bracketed note like
  ``(資料圖片)`` is the article's caption); such a notice never takes the line;
* *widget*: a short line (``max_widget_chars``) mostly covered by phrases of
  the word list (分享到, 返回顶部, 上一篇, 登录, 扫一扫 …).

``menu_words`` (channel names: 新闻, 体育, 人工智能 …) are ordinary words in
prose and headings: they count only as whole menu items, never towards a
widget. An article's own date/author/source line (``时间:2015-09-15 来源:``)
is not boilerplate: dates and bylines are kept.

Options:
  phrases (word-list paths, required), menu_words (word-list paths, [])
  max_widget_chars (int, 30), min_widget_cover (float, 0.5): furniture phrases
  cover more than this share of a widget line,
  max_copyright_chars (int, 160), nav_max_chars (int, 8), nav_min_run (int, 2),
  nav_long_run (int, 8), body_min_chars (int, 25), min_tail_phrases (int, 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.kinds.boilerplate_blocks import channel_headings, notice_lists, sandwiched, slogans, stat_runs
from cleaner.kinds.boilerplate_patterns import (
    ARROWS,
    BAR,
    BODY_PUNCT,
    BYLINE,
    BYLINE_VALUE,
    CLAUSE,
    CONSENT,
    COPYRIGHT,
    COUNT_BADGE,
    COUNTER,
    COUNTERS,
    CRUMB,
    EMPTY_ELEMENT,
    EMPTY_FIELD,
    FIELDS_WHY,
    GADGET,
    HAN,
    HANGUL,
    IMAGE_DATA,
    KEEP_PUNCT,
    LABEL,
    LIST_MARK,
    LOCATION,
    MARKUP,
    MENU,
    MENU_LABEL,
    MORE_ALONE,
    MORE_LINK,
    NOTICE,
    NUMBERED,
    PHRASE,
    PREV_NEXT,
    RELATED,
    RELATED_WHY,
    SENTENCE_END,
    SEPARATOR,
    STATS,
    TAG_TAIL,
    TAGS_ONLY,
    WORDLESS,
)
from cleaner.kinds.boilerplate_runs import Page, RunSizes, edges, field_runs, is_body, navigation_runs, related_lists
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Hit, Lexicon, covered
from cleaner.text.numbers import is_data_row
from cleaner.text.quotes import QUOTED

#: a channel's menu line: this many sections, none longer than this
MIN_SECTIONS, MAX_SECTION_CHARS = 6, 12

#: a sentence of this many clauses that names a licence or a copyright is prose about it, not a footer
PROSE_CLAUSES = 3
FORECAST_ROWS = 3
TEMPERATURES = regex.compile(r"-?\d{1,2}\s*°c?\s*[~\-/至]\s*-?\d{1,2}\s*°c")
HEADED_LINES = 3  # how far below a heading its word is said again
STOP = regex.compile(r"[。！？!?]+[”」』)）]?")
GLUED_HAN = 10  # Han characters of the article before a notice glued to its line
GLUED_KINDS = ("copyright", "site notice", "more link", "widget")  # a consent sentence glued stays whole
WIDGETS = ("more link", "widget")
SPACE_BAR = "navigation bar: short words separated by spaces"
BRACKETED = regex.compile(r"\s*[(（\[【][^()（）]*[)）\]】]\s*")
INTRO_END = regex.compile(r"[:：]$")
INTRO_HAN = 6  # Han characters of a clause that introduces examples, twice that without a comma
INTRO_ITEM_CHARS = 40
COOKIE_SUBJECT = 5  # lines naming cookies: the page is about them
SPEAKER = regex.compile(r"^(?:楼主|层主|题主|提问者|回答者)$")  # a forum post's speaker label over its text


@dataclass(frozen=True)
class BoilerplateOptions:
    phrases: Annotated[list[str], FILES]
    menu_words: Annotated[list[str], FILES] = field(default_factory=list)
    max_widget_chars: int = 30
    min_widget_cover: float = 0.5
    max_copyright_chars: int = 160
    nav_max_chars: int = 8
    nav_min_run: int = 2
    nav_long_run: int = 8
    body_min_chars: int = 25
    min_tail_phrases: int = 3


class BoilerplateLines(Kind):
    """Remove navigation, copyright/ICP, prev/next, counters and widget lines."""

    name = "boilerplate-lines"
    Options = BoilerplateOptions

    def __init__(self, rule_id: str, options: BoilerplateOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        entries = [(w, PHRASE) for w in options.phrases] + [(w, MENU) for w in options.menu_words]
        self.phrases = Lexicon(entries)

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        folded = [f.strip() for f in ctx.fold(lines)]
        edits: dict[int, LineEdit] = {}
        hits = {i: h for i, h in enumerate(self._hits(folded, ctx)) if h}
        for i, why in enumerate(ctx.per_line((self.rule_id, "why"), lines, lambda new: self._classify(new, ctx))):
            if why:
                edits[i] = LineEdit(i, None, why, {"type": why.split(":")[0]})
        o: BoilerplateOptions = self.options
        page = Page(folded, hits, [is_body(f, o.body_min_chars) for f in folded])
        for i in [i for i, e in edits.items() if e.reason.startswith("widget:") and _heading_of_prose(page, i)]:
            del edits[i]  # 分享到朋友圈 / 楼主： over a paragraph: the article's heading or speaker
        for i in _forecast_rows(folded, edits):
            del edits[i]  # 北京 晴 -6℃~3℃, 天津 晴 …: a forecast table, not a weather widget
        for i in _table_heads(lines, edits):
            del edits[i]  # 项目 甲运营商 乙运营商 over 月费 59元 59元 58元: a table's header row
        for i in _cookie_prose(page, edits):
            del edits[i]  # a page about cookies: its sentences about consent are the article
        # each rule sees the lines found before it: the order is part of the behaviour
        placed = [(i, FIELDS_WHY) for i in field_runs(page, set(edits))]
        placed += [(i, RELATED_WHY) for i in related_lists(page, edits)]
        placed += [(i, "site notice: a numbered clause under a notice heading") for i in notice_lists(page, edits)]
        placed += [(i, "counter: a dashboard of figures") for i in stat_runs(page)]
        placed += [(i, "slogan: a business describing itself above the article") for i in slogans(page, edits)]
        _place(edits, placed)
        _place(edits, [(i, "navigation: a channel the breadcrumb names") for i in channel_headings(page, edits)])
        _place(edits, [(i, "navigation: between furniture below the body") for i in sandwiched(page, edits)])
        _place(edits, edges(page, edits, o.nav_max_chars * 2))
        sizes = RunSizes(o.nav_max_chars, o.nav_min_run, o.nav_long_run)
        _place(edits, [(i, "navigation: a run of short menu lines") for i in navigation_runs(page, set(edits), sizes)])
        for i in _introduced(page, edits):
            del edits[i]  # 分栏是这样的： / 首页 / 上一页: the examples an article introduces
        for i, line in enumerate(lines):
            if i not in edits and STOP.search(line):
                trimmed = self.trim_tail(line)
                if trimmed:
                    edits[i] = LineEdit(i, trimmed[0], trimmed[1], {"type": "trailing"})
        return Outcome([edits[i] for i in sorted(edits)])

    def _hits(self, folded: list[str], ctx: DocContext) -> list[list[Hit]]:
        return ctx.per_line((self.rule_id, "hits"), folded, self.phrases.per_line)

    def _classify(self, lines: list[str], ctx: DocContext) -> list[str | None]:
        folded = [f.strip() for f in ctx.fold(lines)]
        return [self.classify(ln, f, h) for ln, f, h in zip(lines, folded, self._hits(folded, ctx))]

    def trim_tail(self, line: str) -> tuple[str, str] | None:
        """Furniture glued after an article's sentence: a notice, a widget run, a tag.

        The line is cut at the first full stop after which the rest would be
        furniture as a line of its own (``…更准确。（转载请注明出处）``,
        ``…尤其如此。免责声明：…如有侵权请联系删除。``), when the text before it is
        the article's: ``GLUED_HAN`` Han characters or more.
        """
        for m in STOP.finditer(line):
            end = m.end()
            tail = line[end:]
            if not tail.strip():
                return None
            if len(HAN.findall(line[:end])) < GLUED_HAN:
                continue
            if TAG_TAIL.fullmatch(tail):
                return line[:end], f"trailing tag: {tail.strip()}"
            folded = fold_text(tail)
            words = {h.word for h in self.phrases.longest(folded) if h.tag == PHRASE}
            if len(words) >= self.options.min_tail_phrases and not BODY_PUNCT.search(folded):
                return line[:end], "trailing widgets: " + ", ".join(sorted(words))
            why = self.classify(tail)
            if why and why.startswith(GLUED_KINDS) and not (why.startswith(WIDGETS) and BRACKETED.fullmatch(tail)):
                return line[:end], f"trailing {why}"  # (資料圖片): the article's caption note stays
        return None

    def _labelled_menu(self, line: str) -> bool:
        """``开发: C++知识库 Java知识库 人工智能 …``: a channel's name, then six or more short sections.

        Two sections or more are listed names whole (人工智能, 大数据): a cast
        list (主演: …) names people, and a paper's keywords (关键词: …) are content.
        """
        m = MENU_LABEL.match(line)
        rest = line[m.end() :] if m else ""
        tokens = rest.split()
        if len(tokens) < MIN_SECTIONS or BODY_PUNCT.search(rest) or any(len(t) > MAX_SECTION_CHARS for t in tokens):
            return False
        listed = 0
        for token in tokens:
            folded = fold_text(token)
            listed += covered(self.phrases.longest(folded)) == len(folded)
        return listed >= 2 and sum(bool(HAN.search(t)) for t in tokens) >= 2

    def _trail(self, folded: str) -> bool:
        """``位置:首页 » 资讯 » 一篇文章的标题`` or ``-> 分类 -> 标题 -> 正文``."""
        parts = ARROWS.split(folded)
        if len(parts) < 3 or NUMBERED.match(folded) or BODY_PUNCT.search(folded.split(":", 1)[-1]):
            return False
        if any(len(p) > 12 for p in parts[1:-1]):
            return False
        return not parts[0].strip() or bool(self.phrases.find(parts[0]))

    def classify(self, line: str, folded: str | None = None, hits: list[Hit] | None = None) -> str | None:
        """Why ``line`` is furniture (None: it is not); ``folded`` and ``hits`` save work when given."""
        if folded is None:
            folded = fold_text(line).strip()
            hits = self.phrases.longest(folded)
        if IMAGE_DATA.match(line) or (TAGS_ONLY.match(line) and EMPTY_ELEMENT.search(line)):
            return "markup residue: empty HTML elements or an image's data URL"
        if not folded or len(folded) > self.options.max_copyright_chars:
            return None  # the longest furniture is a copyright line
        if QUOTED.fullmatch(line.strip()):
            return None  # 「版權所有 不得轉載」 on a line of its own: the article quotes a notice
        bare = LIST_MARK.sub("", folded)  # 1. | : the number of a list item whose text is on the next line
        if SEPARATOR.match(bare) and not KEEP_PUNCT.match(bare):
            return "separator line"
        if MARKUP.search(line):
            return "markup residue: empty HTML elements or template placeholders"
        o: BoilerplateOptions = self.options
        marks = {m.group() for m in COPYRIGHT.finditer(folded) if not _glued(folded, m.start())}
        # 版权所有 in a sentence is prose about copyright; a filing number or © is not
        prose = SENTENCE_END.search(folded) is not None
        talk = prose and len(CLAUSE.findall(folded)) >= PROSE_CLAUSES  # a paragraph that mentions a licence
        if marks and (not prose or (marks - {"版权所有", "著作权所有", "版权归"} and not talk)):
            return f"copyright: {sorted(marks)[0]}"
        notice = NOTICE.search(folded)
        if notice and len(folded) <= o.max_copyright_chars and not _glued(folded, notice.start()):
            return f"site notice: {notice.group()}"
        consent = None if NUMBERED.match(folded) else CONSENT.search(QUOTED.sub("", folded))  # “接受全部Cookie”
        if consent and not _glued(QUOTED.sub("", folded), consent.start()):
            return f"consent banner: {consent.group()}"
        if PREV_NEXT.match(folded) and "。" not in folded:
            return "prev/next: links to neighbouring articles"
        if LOCATION.match(folded) and "。" not in folded and len(folded) <= 80:
            return "breadcrumb: a 'you are here' line"
        if MORE_LINK.match(folded) and not BODY_PUNCT.search(folded[2:]) and len(folded) <= o.max_widget_chars:
            return "more link: 更多…"
        if MORE_ALONE.match(bare):
            return "more link: 更多 with a list number"
        if RELATED.match(line):
            return "related link: [category] headline"
        if _space_menu(line):
            return SPACE_BAR
        if self._labelled_menu(line.strip()):
            return "navigation bar: a channel's name and its sections"
        if EMPTY_FIELD.match(folded):
            return "empty field: a template label without its value"
        if BYLINE.search(folded) and BYLINE_VALUE.search(folded):
            return None  # the article's own date/author/source line stays; 发表评论 alone is a button
        counter = COUNTER.search(folded) or COUNTERS.match(folded) or STATS.match(folded)
        if counter and len(folded) <= o.max_widget_chars * 2:
            return "counter: view count"
        brief = len(folded) <= o.max_widget_chars * 2 and "。" not in folded
        gadget = GADGET.search(folded) if brief else None
        if gadget:
            return f"widget: {gadget.group().strip()}"
        if not hits:
            return None
        strong = [h for h in hits if h.tag == PHRASE]  # a channel name alone may be a heading or a cell
        items = [p for p in BAR.split(folded) if p]
        short = sum(len(p) <= 10 or (p.isascii() and len(p) <= 24 and p.count(" ") <= 2) for p in items)
        menu = strong or len(set(items) & {h.word for h in hits}) >= 2
        if len(items) >= 3 and menu and (short == len(items) or (short >= 0.75 * len(items) and len(hits) >= 3)):
            return f"navigation bar: {hits[0].word}"
        parts = [p for p in CRUMB.split(folded) if p]
        crumbs = len(parts) >= 2 and hits[0].start == 0 and "://" not in folded  # sitemap: https://… is a directive
        crumbs = crumbs and 2 * sum(any(c.isdigit() for c in p) for p in parts) < len(parts)  # 楼层：6层/共11层
        if crumbs and all(len(p) <= 20 for p in parts[:-1]):
            return f"breadcrumb: {hits[0].word}"
        if self._trail(folded):
            return f"breadcrumb: {hits[0].word}"
        if len(LABEL.findall(line)) >= 3 and len({h.word for h in hits}) >= 2:
            return "metadata widget: " + ", ".join(sorted({h.word for h in hits}))
        size = len(WORDLESS.sub("", folded))  # brackets and colons are no words: [ 打印 ], 【字体:
        if len(folded.split()) >= 3 and covered(strong) >= size:
            return "share bar: " + ", ".join(sorted({h.word for h in strong}))  # facebook twitter plurk
        if NUMBERED.match(folded):
            return None  # "1. 注册账号" is a step of the article
        prose = folded.endswith("。") and BODY_PUNCT.search(folded[:-1])  # two clauses and a full stop
        if size <= o.max_widget_chars and not prose and covered(strong) > o.min_widget_cover * size:
            words = ", ".join(sorted({h.word for h in strong}))
            return f"widget: {words}"
        return None


def _place(edits: dict[int, LineEdit], found: list[tuple[int, str]]) -> None:
    """Add removals found by a run rule; a line found earlier keeps its first reason."""
    for i, why in found:
        edits.setdefault(i, LineEdit(i, None, why, {"type": why.split(":")[0]}))


def _space_menu(line: str) -> bool:
    """Four or more short Han words separated by spaces: Chinese prose has no spaces.

    ``登录/注册`` and ``购物车(0)`` are menu items too: slashes split, counts go.
    """
    if len(line.split()) + line.count("/") < 4:
        return False
    if 2 * sum(any(c.isdigit() for c in t) for t in line.split()) >= len(line.split()):
        return False  # 外援 41分 9篮板 5助攻, 超出流量 5元/GB 3元/GB: a row of figures
    line = COUNT_BADGE.sub("", line).replace("/", " ")
    tokens = line.split()
    if len(tokens) < 4 or HANGUL.search(line) or BODY_PUNCT.search(line) or BYLINE.search(line):
        return False
    if any(len(t) > 6 or not t.isalnum() for t in tokens):
        return False
    words = sum(len(t) >= 2 for t in tokens)
    if sum(map(len, tokens)) > 4 * len(tokens):
        return False  # menu words are short; 床前明月光 疑是地上霜 is a poem
    return words >= 0.75 * len(tokens) and sum(bool(HAN.search(t)) for t in tokens) >= len(tokens) / 2


def _heading_of_prose(page: Page, i: int) -> bool:
    """A widget word that heads the text under it: the next lines say it again (a how-to's
    ``分享到朋友圈`` over the steps to share), or it names the speaker of the paragraph under it
    (``楼主：``)."""
    folded = page.folded
    below = [j for j in range(i + 1, len(folded)) if folded[j]][:HEADED_LINES]
    if not below:
        return False
    word = folded[i].strip(" :：")
    if SPEAKER.match(word):
        return page.prose[below[0]]
    return len(word) >= 2 and any(word in folded[j] for j in below)


def _glued(folded: str, start: int) -> bool:
    """Whether the match at ``start`` stands after a sentence of the article (``GLUED_HAN`` Han
    characters or more before the last full stop ahead of it): a tail for `trim_tail`, not the line."""
    head = folded[:start]
    stops = list(STOP.finditer(head))
    return bool(stops) and len(HAN.findall(head[: stops[-1].end()])) >= GLUED_HAN


def _introduced(page: Page, edits: dict[int, LineEdit]) -> list[int]:
    """Short lines right under a sentence of the article that ends on a colon.

    ``旧版页面底部的分页栏是这样的：`` / ``首页`` / ``上一页``, ``这篇文章的数据如下：`` /
    ``阅读 120万``: the article shows furniture as its example or its data.  The
    introduction is a sentence this rule keeps: six Han characters or more and a
    comma, or twelve (``联系方式：``, ``相关阅读：``, ``蛋捲出售時間:`` are headings).
    """
    folded = page.folded
    out = []
    for i, f in enumerate(folded):
        if i in edits or not INTRO_END.search(f) or f.count(":") + f.count("：") > 1:
            continue  # 发布日期:… 浏览次数: is a byline
        if len(HAN.findall(f)) < (INTRO_HAN if CLAUSE.search(f) else 2 * INTRO_HAN):
            continue
        for j in range(i + 1, len(folded)):
            g = folded[j]
            if not g or len(g) > INTRO_ITEM_CHARS or "。" in g:
                break
            if j in edits and not edits[j].reason.startswith(("markup", "separator")):
                out.append(j)
    return out


def _table_heads(lines: list[str], edits: dict[int, LineEdit]) -> list[int]:
    """Space-separated bars above a row of figures with as many cells: a table's header."""
    out = []
    for i, e in edits.items():
        if not e.reason.startswith(SPACE_BAR):
            continue
        below = next((ln for ln in lines[i + 1 :] if ln.strip()), "")
        if is_data_row(below) and len(below.split()) == len(lines[i].split()):
            out.append(i)
    return out


def _cookie_prose(page: Page, edits: dict[int, LineEdit]) -> list[int]:
    """Sentences a consent pattern matched on a page that is about cookies.

    A banner is a line or two; an article that explains cookies names them on
    ``COOKIE_SUBJECT`` lines or more, and its prose about consent stays."""
    if sum("cookie" in f for f in page.folded) < COOKIE_SUBJECT:
        return []
    return [i for i, e in edits.items() if e.reason.startswith("consent") and page.prose[i]]


def _forecast_rows(folded: list[str], edits: dict[int, LineEdit]) -> list[int]:
    """Weather widgets three or more in a row: the rows of a forecast the article gives."""
    weather = [i for i, e in sorted(edits.items()) if e.reason.startswith("widget:") and TEMPERATURES.search(folded[i])]
    rows: list[int] = []
    run: list[int] = []
    for i in weather:
        if run and any(folded[j] for j in range(run[-1] + 1, i)):
            rows += run if len(run) >= FORECAST_ROWS else []
            run = []
        run.append(i)
    return rows + (run if len(run) >= FORECAST_ROWS else [])
