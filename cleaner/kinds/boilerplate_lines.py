"""Remove site furniture: breadcrumbs, copyright/ICP lines, prev/next, widgets.

A line is boilerplate when one of these holds (all on folded text):

* *breadcrumb*: ``您的位置:首页 > 新闻`` — segments joined by ``>``/``»``/``›``
  whose first segment or prefix is a phrase of the word list;
* *copyright*: ``©``, ``copyright``, 版权所有, ICP备, 公网安备 in a line of at most
  ``max_copyright_chars``;
* *counter*: ``浏览次数: 123``, ``阅读: 45``, ``点击量 6``;
* *separator*: only punctuation and symbols (``*****``, ``- - - < top > - - -``);
* *widget*: a short line (``max_widget_chars``) mostly covered by phrases of
  the word list (分享到, 返回顶部, 上一篇, 登录, 扫一扫 …).

An article's own date/author/source line (``时间:2015-09-15 来源:``) is not
boilerplate: dates and bylines are kept.

Options:
  phrases (word-list paths, required)
  max_widget_chars (int, 30), min_widget_cover (float, 0.45),
  max_copyright_chars (int, 160)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Lexicon, covered

CRUMB = regex.compile(r"\s*(?:>|»|›|>>|→|/)\s*")
COPYRIGHT = regex.compile(r"©|\(c\)|copyright|版权所有|版权归|icp备|icp证|公网安备|增值电信业务")
COUNTER = regex.compile(r"(?:浏览|阅读|点击|访问|查看|人气|热度)(?:次数|量|数)?\s*[:：]?\s*\d+\s*(?:次)?\s*$")
SEPARATOR = regex.compile(r"^[\p{P}\p{S}\s]*(?:top|more|end)?[\p{P}\p{S}\s]*$")
BYLINE = regex.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|作者|来源|记者|编辑|author|source")


@dataclass(frozen=True)
class BoilerplateOptions:
    phrases: Annotated[list[str], FILES]
    max_widget_chars: int = 30
    min_widget_cover: float = 0.45
    max_copyright_chars: int = 160


class BoilerplateLines(Kind):
    """Remove navigation, copyright/ICP, prev/next, counters and widget lines."""

    name = "boilerplate-lines"
    Options = BoilerplateOptions

    def __init__(self, rule_id: str, options: BoilerplateOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.phrases = Lexicon.of(options.phrases, "boilerplate")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        edits = []
        for i, line in enumerate(lines):
            why = self.classify(line)
            if why:
                edits.append(LineEdit(i, None, why, {"type": why.split(":")[0]}))
        return Outcome(edits)

    def classify(self, line: str) -> str | None:
        folded = fold_text(line).strip()
        if not folded:
            return None
        if len(folded) >= 3 and SEPARATOR.match(folded):
            return "separator line"
        o: BoilerplateOptions = self.options
        mark = COPYRIGHT.search(folded)
        if mark and len(folded) <= o.max_copyright_chars:
            return f"copyright: {mark.group()}"
        if COUNTER.search(folded) and len(folded) <= o.max_widget_chars * 2:
            return "counter: view count"
        hits = self.phrases.longest(folded)
        if not hits:
            return None
        parts = [p for p in CRUMB.split(folded) if p]
        if len(parts) >= 2 and hits[0].start == 0 and all(len(p) <= 20 for p in parts):
            return f"breadcrumb: {hits[0].word}"
        if BYLINE.search(folded) and not COUNTER.search(folded):
            return None
        size = len(folded.replace(" ", ""))
        if size <= o.max_widget_chars and covered(hits) >= o.min_widget_cover * size:
            words = ", ".join(sorted({h.word for h in hits}))
            return f"widget: {words}"
        return None
