"""Remove site furniture: breadcrumbs, copyright/ICP lines, prev/next, widgets, menus.

A line is boilerplate when one of these holds (all on folded text, so the
Simplified word lists also find Traditional forms):

* *breadcrumb*: ``您的位置:首页 > 新闻`` — segments joined by ``>``/``»``/``›``
  whose first segment or prefix is a phrase of the word list;
* *copyright*: ``©``, ``copyright``, 版权所有, ICP备, 公网安备 in a line of at most
  ``max_copyright_chars``;
* *site notice*: disclaimers, download-site and browser notices, age gates,
  font-size selectors (``字号:大 中 小``), slide captions (``x.ppt_第1页``);
* *counter* and *gadget*: ``浏览次数: 123``, ``阅读(12) 评论(0)``, reading time
  and word count, weather, ``昵称(必填)``, ``暂无相关内容``, image placeholders;
* *separator*: only punctuation and symbols (``*****``, ``- - - < top > - - -``);
* *menu*: a bar of short items, four or more short Han words separated by
  spaces or ``/`` (Chinese prose has no spaces), ``- [分类]标题`` links, runs of
  short lines outside the body;
* *profile fields*: a run of ``label: value`` lines whose labels are
  furniture (级别, 积分, 在线时间, 最后登录 …);
* *related list*: short titles under a removed 相关文章/热门推荐 heading below
  the first body line;
* *next to furniture*: outside the body, a numbers-only or menu-items-only
  line beside a furniture line, or a short line between two of them;
* *trailing furniture*: after a line's last ``。``, a glued run naming
  ``min_tail_phrases`` furniture phrases (分享 … 上一篇 … 下一篇) or a lone
  lower-case tag (``。javascript``) is cut off and the sentence stays;
* *widget*: a short line (``max_widget_chars``) mostly covered by phrases of
  the word list (分享到, 返回顶部, 上一篇, 登录, 扫一扫 …).

``menu_words`` (channel names: 新闻, 体育, 人工智能 …) are ordinary words in
prose and headings: they count only as whole menu items, never towards a
widget. An article's own date/author/source line (``时间:2015-09-15 来源:``)
is not boilerplate: dates and bylines are kept.

Options:
  phrases (word-list paths, required), menu_words (word-list paths, [])
  max_widget_chars (int, 30), min_widget_cover (float, 0.45),
  max_copyright_chars (int, 160), nav_max_chars (int, 8), nav_min_run (int, 2),
  nav_long_run (int, 8), body_min_chars (int, 25), min_tail_phrases (int, 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, NamedTuple

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Hit, Lexicon, covered

CRUMB = regex.compile(r"\s*(?:->|>>|>|»|›|→|/)\s*")
ARROWS = regex.compile(r"\s*(?:->|>>|>|»|›|→)\s*")
LABEL = regex.compile(r"(?:^|\s)[^\s:：]{1,6}[:：]")
MARKUP = regex.compile(r"^(?:\s*<(\w+)[^>]*>\s*</\1>\s*)+$|\{\{[^{}]*\}\}")
BAR = regex.compile(r"\s*[|｜•·]\s*|\s{2,}")
COPYRIGHT = regex.compile(
    r"©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|all rights reserved"
    r"|版权所有|著作权所有|版权归|icp备\s*\d|icp证|icp\s*no|公网安备|增值电信业务"
    r"|(?:主办|承办|协办|指导)单位\s*[:：]|技术支持\s*[:：]|\s主办$|许可证编号|网站标识码"
)
# site notices: disclaimers, browser and cookie advice, pagination
NOTICE = regex.compile(
    r"不代表.{0,16}(?:观点|立场)|仅代表.{0,12}观点|如有侵权.{0,12}(?:联系|删除)|版权归原作者"
    r"|(?:最佳|建议).{0,16}(?:浏览器|分辨率|解析度)|cookie.{0,30}(?:使用|启用|接受|关闭|同意)|(?:使用|启用|接受|关闭|同意).{0,30}cookie|^第\s*\d+\s*页\s*/?\s*共\s*\d+\s*页$|^共\s*\d+\s*页"
    # download sites: where the files come from, how to get them
    r"|信息存储空间|如需下载|下载后.{0,8}小时内.{0,4}删除|本站(?:所有|全部)?(?:资源|内容|文章|文档).{0,24}(?:来源|来自|收集|转载|网友|用户|网络|仅供)"
    r"|(?:您的|您使用的|当前)浏览器.{0,16}(?:版本|不支持|升级|兼容|过低|过旧)|(?:请|推荐)(?:使用|用).{0,24}浏览器.{0,8}(?:访问|浏览|打开)"
    r"|(?:分辨率|解析度).{0,8}\d{3,4}\s*[x×*]\s*\d{3,4}|\d{3,4}\s*[x×*]\s*\d{3,4}.{0,8}(?:分辨率|解析度)"
    # documentation sites and exporters' English pages
    r"|翻译.{0,12}(?:仍在进行|可能不准确|可能过时|尚未完成)|请(?:访问|参阅|查看)英文(?:文档|版)"
    r"|interested in our products|(?:send|leave)\s+(?:us\s+)?(?:an?\s+)?(?:inquiry|message)"
    # age gates, font-size selectors (大 中 小), slide captions (讲义.ppt_第3页)
    r"|(?:年满|已满|未满)\s*18\s*周?岁.{0,30}(?:进入|离开|本站|本网站|浏览)|(?:本站|本网站|进入).{0,30}(?:年满|已满|未满)\s*18\s*周?岁"
    r"|字[体号][:：]?[\[【(]?大中小(?![学型企城规])|^[\[【(]?大中小[\]】)]?$"
    r"|\.(?:pptx?|docx?|pdf|xlsx?)\s*[_\-—]\s*第\s*\d+\s*页|还剩\s*\d+\s*页未读"
)
# short widget lines: reading time and word count, weather, an image placeholder
GADGET = regex.compile(
    r"(?:全文|本文)?(?:共|约)\s*[\d,]+\s*字[,，\s]|(?:需|约|预计)(?:浏览|阅读)?(?:时间|时长)?[:：]?\s*\d+\s*分钟"
    r"|(?:阅读|浏览)(?:需要|时长|时间|约)[:：]?\s*约?\s*\d+\s*分钟|^字数[:：]?\s*[\d,]+"
    r"|^[\d,.]+\s*万?\s*(?:人|次)\s*(?:浏览|阅读|围观|看过|点击|收藏|点赞|评论|播放|下载)"
    r"|-?\d{1,2}\s*°c?\s*[~\-/至]\s*-?\d{1,2}\s*°c|-?\d{1,2}\s*[~\-/至]\s*-?\d{1,2}\s*°c"
    r"|[(（]\s*[必选]填\s*[)）]|审核中.{0,4}请稍"
    # empty widgets and their buttons: 暂无相关内容, 我要发布
    r"|^(?:暂无|暂时没有|还没有)\S{0,12}(?:内容|数据|评论|记录|信息|文章|资料|回复|留言|活动)$"
    r"|^我要(?:发布|投稿|评论|提问|回答|报名|咨询|留言|纠错|下载|分享|举报|加入|入驻|推广|开店)\S{0,10}$"
    r"|^(?:please\s+)?(?:select|choose)\s+(?:your\s+|the\s+|a\s+)?(?:\w+\s+)?(?:country|region|language)[^.]*$"
    r"|^(?:file|image|img|pic|picture|photo|图片|图像|点击查看大图|查看大图|点击看大图|点击图片查看原图|\[图片\]|\[img\])$"
)
COUNTER = regex.compile(
    r"(?:浏览|阅读|点击|点阅|访问|查看|人气|热度|回复|评论|点赞|收藏|分享|下载|播放|围观)(?:次数|人数|人次|量|数)?\s*[:：]?\s*[\d,]+\s*(?:次)?\s*(?:[|/].*)?$"
)
# a line of counters only: 阅读(123) 评论(0) | 赞 12
COUNTERS = regex.compile(
    r"^(?:(?:浏览|阅读|点击|访问|查看|人气|热度|回复|评论|点赞|赞|踩|收藏|分享|下载|播放|围观|关注|粉丝)(?:次数|人数|量|数)?"
    r"\s*[:：(]?\s*[\d,.]+\s*[万wk]?\s*\)?\s*(?:次|人)?\s*[|/·]?\s*)+$"
)
SEPARATOR = regex.compile(r"^[\p{P}\p{S}\s]*(?:t\s?o\s?p|more|end)?[\p{P}\p{S}\s]*$")
# an ellipsis, code braces, a Markdown table rule: punctuation-only lines that are content
KEEP_PUNCT = regex.compile(r"^(?:[.…。·]{2,}|[(){}\[\];,<>/\\]+|\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*)$")
SENTENCE_END = regex.compile(r"[。！？!?]\s*$|[。！？]\s*\S")  # prose about copyright is not a copyright line
CLAUSE = regex.compile(r"[。，！？；]|[,!?;](?![\w=&/%.-])", regex.ASCII)  # not the ? of a URL
BODY_PUNCT = regex.compile(r"[。，,!?！？；;：:]")
PREV_NEXT = regex.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇|previous|next)\s*(?:文章|post|article)?\s*[:：]"
)
TAG_TAIL = regex.compile(r"[a-z][a-z0-9+#.\-]{1,15}")  # 。javascript: a site's tag glued to the text
RELATED = regex.compile(r"^\s*[-•·*]\s*\[[^\]]{1,6}\]")
HANGUL = regex.compile(r"\p{Hangul}")
HAN = regex.compile(r"\p{Han}")
NUMBERED = regex.compile(r"^(?:\d+[.、)]|第|step|[一二三四五六七八九十]+、)")
FIELD = regex.compile(r"^([^\s:：]{1,8})\s*[:：]\s*\S.{0,40}$")
RELATED_HEAD = regex.compile(
    r"相关|热门|热点|推荐|最新|猜你|延伸|扩展|拓展|排行|精彩|大家都在|为你|为您|看了又看|同类|其他"
)
FIELDS_WHY = "profile fields: a run of furniture label: value lines"
RELATED_WHY = "related list: short titles under a related/hot heading"
TITLE_STOP = regex.compile(r"[。！？!?；;]|[:：]$")  # a sentence, or a heading that opens a new part
LOCATION = regex.compile(r"^(?:您|你)?(?:当前|现在|目前)?(?:的|所在的?)?位置\s*[:：]")
MORE_LINK = regex.compile(r"^(?:更多|查看更多|查看全部|点击查看|点击进入|进入)(?![的是了])")
NUMBERS = regex.compile(r"^[\d\s,]+$")  # 1241 0: counters whose labels were images
DATE = regex.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}")
URL_LINE = regex.compile(r"^(?:https?://|www\.)\S+$")
COUNT_BADGE = regex.compile(r"[(（]\d{0,4}[)）]")
BYLINE_VALUE = regex.compile(r"[:：\d]|\S\s+\S")  # a byline names someone or a date
PHRASE, MENU = "phrase", "menu"  # lexicon tags: furniture phrases, and words that only count in menus
BYLINE = regex.compile(r"作者|来源|记者|编辑|责编|发布|发表|日期|author|source|posted|published")


class Page(NamedTuple):
    """One document as the run rules see it: folded lines, their phrase hits, which are prose."""

    folded: list[str]
    hits: dict[int, list[Hit]]
    prose: list[bool]


@dataclass(frozen=True)
class BoilerplateOptions:
    phrases: Annotated[list[str], FILES]
    menu_words: Annotated[list[str], FILES] = field(default_factory=list)
    max_widget_chars: int = 30
    min_widget_cover: float = 0.45
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
        edits = {}
        hits = self.phrases.by_line(folded)
        for i, line in enumerate(lines):
            why = self.classify(line, folded[i], hits.get(i, []))
            if why:
                edits[i] = LineEdit(i, None, why, {"type": why.split(":")[0]})
        page = Page(folded, hits, [_is_body(f, self.options) for f in folded])
        placed = [(i, FIELDS_WHY) for i in self.field_runs(page, set(edits))]
        placed += [(i, RELATED_WHY) for i in self.related_lists(page, edits)]
        for i, why in placed:
            edits.setdefault(i, LineEdit(i, None, why, {"type": why.split(":")[0]}))
        for i, why in self.edges(page, edits):
            edits.setdefault(i, LineEdit(i, None, why, {"type": why.split(":")[0]}))
        for i in self.navigation_runs(page, set(edits)):
            edits.setdefault(i, LineEdit(i, None, "navigation: a run of short menu lines", {"type": "navigation"}))
        for i, line in enumerate(lines):
            if i not in edits and "。" in line:
                trimmed = self.trim_tail(line)
                if trimmed:
                    edits[i] = LineEdit(i, trimmed[0], trimmed[1], {"type": "trailing"})
        return Outcome([edits[i] for i in sorted(edits)])

    def trim_tail(self, line: str) -> tuple[str, str] | None:
        """Furniture glued after an article's last sentence: a widget run or a tag."""
        end = line.rfind("。") + 1
        tail = line[end:]
        if not tail.strip():
            return None
        if TAG_TAIL.fullmatch(tail):
            return line[:end], f"trailing tag: {tail.strip()}"
        words = {h.word for h in self.phrases.longest(fold_text(tail)) if h.tag == PHRASE}
        if len(words) >= self.options.min_tail_phrases and not BODY_PUNCT.search(fold_text(tail)):
            return line[:end], "trailing widgets: " + ", ".join(sorted(words))
        return None

    def field_runs(self, page: Page, removed: set[int]) -> list[int]:
        """Runs of ``label: value`` lines whose labels are furniture (级别: 3, 积分: 120, 最后登录: …).

        A label counts when a phrase covers it whole, or a phrase of three or
        more characters covers half of it: ``注册资本`` is not a profile field.
        """
        found: list[int] = []
        run: list[int] = []
        labelled = 0
        hits = page.hits
        for i, f in enumerate([*page.folded, None]):
            if i in removed or f == "":
                continue
            m = FIELD.match(f) if f else None
            if m and not BYLINE.search(f):
                run.append(i)
                end = m.end(1)
                cover = covered(h for h in hits.get(i, []) if h.end <= end)
                long = any(h.end <= end and h.end - h.start >= 3 for h in hits.get(i, []))
                labelled += cover == end or (long and 2 * cover >= end)
                continue
            if len(run) >= 3 and labelled >= 2 and 2 * labelled >= len(run):
                found.extend(run)
            run, labelled = [], 0
        return found

    def related_lists(self, page: Page, edits: dict[int, LineEdit]) -> list[int]:
        """Short titles listed under a removed ``相关文章``/``热门推荐`` heading after the body starts."""
        folded = page.folded
        first = next((i for i, b in enumerate(page.prose) if b and i not in edits), len(folded))
        found: list[int] = []
        for head in sorted(edits):
            if head <= first or len(folded[head]) > 12 or not RELATED_HEAD.search(folded[head]):
                continue
            for j in range(head + 1, len(folded)):
                f = folded[j]
                if j in edits or not f:
                    continue
                if len(f) > 40 or TITLE_STOP.search(f) or f.count(",") + f.count("，") > 1:
                    break
                found.append(j)
        return found

    def edges(self, page: Page, edits: dict[int, LineEdit]) -> list[tuple[int, str]]:
        """Short lines outside the body that sit next to furniture.

        Numbers alone (``1241 0``, counters whose labels were icons) or a line
        of menu items only (``人工智能``, ``about``) next to a furniture line;
        any short line between two furniture lines.  The first line that
        stays is never taken: it is the title.  Only neighbours found by this
        rule count, so what later rules remove cannot change the verdict on
        the next run (idempotence).
        """
        o: BoilerplateOptions = self.options
        folded, hits = page.folded, page.hits
        body = [i for i, b in enumerate(page.prose) if b and i not in edits]
        first, last = (body[0], body[-1]) if body else (len(folded), -1)
        kept = [i for i, f in enumerate(folded) if f and i not in edits]
        found = []
        for i in kept[1:]:
            f = folded[i]
            if first <= i <= last or len(f) > o.nav_max_chars * 2:
                continue
            sides = _neighbours(folded, i, edits)
            if not sides:
                continue
            if NUMBERS.match(f):
                found.append((i, "counter: numbers next to furniture"))
            elif BODY_PUNCT.search(f) or NUMBERED.match(f):
                continue
            elif sides == 2 and not BYLINE.search(f) and not DATE.search(f):
                found.append((i, "navigation: a short line between furniture lines"))
            elif self._channels(f, hits.get(i, [])):
                found.append((i, "navigation: menu items next to furniture"))
        return found

    def _channels(self, folded: str, hits: list[Hit]) -> bool:
        words = {h.word for h in hits}
        tokens = folded.split()
        return bool(tokens) and all(t in words for t in tokens)

    def navigation_runs(self, page: Page, removed: set[int]) -> list[int]:
        """Lines in runs of short menu items around (or, if long, inside) the body.

        Lines already found to be furniture (``removed``) count as menu items
        and never as body, so a second pass draws the same body (idempotence).
        """
        o: BoilerplateOptions = self.options
        folded = page.folded
        body = [i for i, b in enumerate(page.prose) if b and i not in removed]
        first, last = (body[0], body[-1]) if body else (len(folded), -1)
        found: list[int] = []
        run: list[int] = []
        furniture = False  # a line already removed sits inside the run
        for i, f in enumerate([*folded, None]):  # None: the end of the text closes the last run
            if i in removed:
                furniture = furniture or bool(run)
                continue
            if f is not None and (not f or _passing(f)):
                continue
            if f and len(f) <= o.nav_max_chars and not BODY_PUNCT.search(f) and not NUMBERED.match(f):
                run.append(i)
                continue
            outside = all(j < first or j > last for j in run)
            # channel names alone do not make a menu here: what a later rule removes
            # between two of them would join them into a run on the next pass
            menu = furniture or any(h.tag == PHRASE for j in run for h in page.hits.get(j, ()))
            if (len(run) >= o.nav_long_run and (outside or menu)) or (len(run) >= o.nav_min_run and outside and menu):
                found.extend(run)
            run, furniture = [], False
        return found

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
        if not folded or len(folded) > self.options.max_copyright_chars:
            return None  # the longest furniture is a copyright line
        if SEPARATOR.match(folded) and not KEEP_PUNCT.match(folded):
            return "separator line"
        if MARKUP.search(line):
            return "markup residue: empty HTML elements or template placeholders"
        o: BoilerplateOptions = self.options
        marks = {m.group() for m in COPYRIGHT.finditer(folded)}
        # 版权所有 in a sentence is prose about copyright; a filing number or © is not
        if marks and (marks - {"版权所有", "著作权所有", "版权归"} or not SENTENCE_END.search(folded)):
            return f"copyright: {sorted(marks)[0]}"
        notice = NOTICE.search(folded)
        if notice and len(folded) <= o.max_copyright_chars:
            return f"site notice: {notice.group()}"
        if PREV_NEXT.match(folded) and "。" not in folded:
            return "prev/next: links to neighbouring articles"
        if LOCATION.match(folded) and "。" not in folded and len(folded) <= 80:
            return "breadcrumb: a 'you are here' line"
        if MORE_LINK.match(folded) and not BODY_PUNCT.search(folded[2:]) and len(folded) <= o.max_widget_chars:
            return "more link: 更多…"
        if RELATED.match(line):
            return "related link: [category] headline"
        if _space_menu(line):
            return "navigation bar: short words separated by spaces"
        if BYLINE.search(folded) and BYLINE_VALUE.search(folded):
            return None  # the article's own date/author/source line stays; 发表评论 alone is a button
        if (COUNTER.search(folded) or COUNTERS.match(folded)) and len(folded) <= o.max_widget_chars * 2:
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
        if len(parts) >= 2 and hits[0].start == 0 and all(len(p) <= 20 for p in parts[:-1]):
            return f"breadcrumb: {hits[0].word}"
        if self._trail(folded):
            return f"breadcrumb: {hits[0].word}"
        if len(LABEL.findall(line)) >= 3 and len({h.word for h in hits}) >= 2:
            return "metadata widget: " + ", ".join(sorted({h.word for h in hits}))
        size = len(folded.replace(" ", ""))
        if NUMBERED.match(folded):
            return None  # "1. 注册账号" is a step of the article
        prose = folded.endswith("。") and BODY_PUNCT.search(folded[:-1])  # two clauses and a full stop
        if size <= o.max_widget_chars and not prose and covered(strong) >= o.min_widget_cover * size:
            words = ", ".join(sorted({h.word for h in strong}))
            return f"widget: {words}"
        return None


def _passing(folded: str) -> bool:
    """A ``label: value`` or address line that the contact rule may remove after this one.

    It neither ends nor joins a run of menu lines, so the runs are the same
    on the next pass, when it is gone (idempotence).
    """
    return bool(URL_LINE.match(folded) or (FIELD.match(folded) and not BYLINE.search(folded)))


def _neighbours(folded: list[str], i: int, removed: dict[int, LineEdit]) -> int:
    """How many of the nearest non-blank lines around line ``i`` (0, 1 or 2) are furniture."""
    before = next((j for j in range(i - 1, -1, -1) if folded[j]), None)
    after = next((j for j in range(i + 1, len(folded)) if folded[j]), None)
    return (before in removed) + (after in removed)


def _is_body(folded: str, o: BoilerplateOptions) -> bool:
    # a colon is no sign of prose: contact lines (地址:…, a URL) are removed by later rules,
    # and a body drawn on them would move on the next run (idempotence)
    return len(folded) >= o.body_min_chars and bool(CLAUSE.search(folded))


def _space_menu(line: str) -> bool:
    """Four or more short Han words separated by spaces: Chinese prose has no spaces.

    ``登录/注册`` and ``购物车(0)`` are menu items too: slashes split, counts go.
    """
    if len(line.split()) + line.count("/") < 4:
        return False
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
