"""Remove an injected sales call: an offer glued to a way to reach the seller.

Besides keyword lists, hacked and spun pages carry short adverts between
the paragraphs of an unrelated article: a WeChat seller (``有需要的朋友可以加我
薇信私聊，量大从优，支持验货``), a replica shop (``高仿手表一比一复刻，货到付款，
加微信看实拍``), a content farm's lead magnet (``加群领取资料，关注公众号回复
免费获取全套笔记``), a clinic's lure (``点击咨询在线问诊，专家坐诊``).  No
brand list can name them; their *shape* is the same: an offer (what is sold
or given away) and a call to act (add me, scan, reply, click, ask) — or a
link — in one short line.

A line goes when, at most ``max_chars`` long, it names at least one entry of
the ``calls`` list (or holds a URL) and one of the ``offers`` list, at least
``min_words`` different entries in all (two on a terse line), and no ``reports`` word: a news
report or a warning about such adverts (``警方提醒…``, ``谨防…``) names the
same words and stays.  A line that only offers, or only calls (``如有疑问请
联系客服``), stays.  When the advert follows a sentence of the article (ten Han
characters or more, no offer or call in them), only the advert is cut.

Options:
  calls, offers, reports (word-list paths; ``reports`` may be empty)
  min_words (int, 3), max_chars (int, 80): a longer paragraph is the article's own,
  max_terse_chars (int, 40): a line this short that is no sentence (no 。！？)
  needs only two words, an offer and a call (``信用贷款 免费咨询``)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Lexicon, Lexicons
from cleaner.text.quotes import unquoted
from cleaner.text.web import WEB_ADDRESS

SENTENCE_END = regex.compile(r"[。！？!?]")
HAN = regex.compile(r"\p{Han}")
HEAD_HAN = 10  # Han characters of the article's sentence an advert is glued after


@dataclass(frozen=True)
class SalesCallOptions:
    calls: Annotated[list[str], FILES]
    offers: Annotated[list[str], FILES]
    reports: Annotated[list[str], FILES] = field(default_factory=list)
    min_words: int = 3
    max_chars: int = 80
    max_terse_chars: int = 40


class SalesCalls(Kind):
    """Remove a short line that offers something and tells the reader how to get it."""

    name = "sales-calls"
    Options = SalesCallOptions
    contextual = False  # the line alone decides

    def __init__(self, rule_id: str, options: SalesCallOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.calls = Lexicon.of(options.calls, "call")
        self.offers = Lexicon.of(options.offers, "offer")
        self.reports = Lexicon.of(options.reports, "report")
        self.scan = Lexicons([self.offers, self.calls, self.reports])  # one scan of the document

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        folded = ctx.fold(lines)
        offers, calls, reports = self.scan.by_line(folded)
        edits = []
        for i in sorted(offers):
            if i in reports or len(folded[i].strip()) > self.options.max_chars:
                continue
            offered = sorted({h.word for h in unquoted(folded[i], offers[i])})  # quoted: a report's
            called = sorted({h.word for h in unquoted(folded[i], calls.get(i, []))})
            link = WEB_ADDRESS.search(folded[i])
            words = len(offered) + len(called) + bool(link)
            if not offered or not (called or link) or words < self._needed(folded[i]):
                continue
            how = ", ".join([*called, *(["a link"] if link else [])])
            why = f"sales call: offers {', '.join(offered)}; reach by {how}"
            head = self._head(lines[i])
            if head is not None:  # 請家長致電校務處。網上兼職…WhatsApp：…: the advert glued after a sentence
                edits.append(LineEdit(i, head, f"{why}, glued after the text", {"words": offered + called}))
            else:
                edits.append(LineEdit(i, None, why, {"words": offered + called}))
        return Outcome(edits)

    def _head(self, line: str) -> str | None:
        """The sentences before the advert, when they hold no offer, call or link and are the
        article's (``HEAD_HAN`` Han characters or more)."""
        head = None
        for m in SENTENCE_END.finditer(line):
            text = fold_text(line[: m.end()])
            if self.offers.find(text) or self.calls.find(text) or WEB_ADDRESS.search(text):
                break
            head = line[: m.end()]
        if head is None or len(HAN.findall(head)) < HEAD_HAN or not line[len(head) :].strip():
            return None
        return head

    def _needed(self, folded: str) -> int:
        """How many different words a line needs: a terse line (short, no sentence) needs two."""
        o: SalesCallOptions = self.options
        terse = len(folded.strip()) <= o.max_terse_chars and not SENTENCE_END.search(folded)
        return 2 if terse else o.min_words
