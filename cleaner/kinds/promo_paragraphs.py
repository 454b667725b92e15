"""Remove advertising paragraphs a host site injects into articles.

Site-building and hosting companies splice self-promotion into every page
they serve (``专注于网站建设…``, ``…为客户提供网站制作、域名、空间一条龙服务``).
A line is such an ad when it names at least ``min_distinct`` different
entries of the ``ads`` word list (services sold), those entries cover at least
``min_cover`` of it, and it also uses at least ``min_markers`` selling phrases
of the ``markers`` list (提供, 专业, 一站式, 欢迎咨询, 我们 …).  An article that
is itself about web design talks about the subject without selling it, so
it rarely meets all three.  A short line that is only a company tag glued to
an ad term (``天津网站建设-某某科技``) counts when the ad terms cover
``min_tag_cover`` of it.

Options:
  ads, markers (word-list paths, required)
  min_distinct (int, 2), min_cover (float, 0.12), min_markers (int, 2),
  max_tag_chars (int, 24), min_tag_cover (float, 0.3)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Hit, Lexicon, covered

TAG_JOIN = regex.compile(r"[-_|—–·]")  # 天津网站建设-某某科技: an ad term joined to a name


@dataclass(frozen=True)
class PromoOptions:
    ads: Annotated[list[str], FILES]
    markers: Annotated[list[str], FILES]
    min_distinct: int = 2
    min_cover: float = 0.12
    min_markers: int = 2
    max_tag_chars: int = 24
    min_tag_cover: float = 0.3


class PromoParagraphs(Kind):
    """Remove injected self-promotion paragraphs of site-building/hosting firms."""

    name = "promo-paragraphs"
    contextual = False
    Options = PromoOptions

    def __init__(self, rule_id: str, options: PromoOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.ads = Lexicon.of(options.ads, "ad")
        self.markers = Lexicon.of(options.markers, "marker")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        edits = []
        folded = ctx.fold(lines)
        for i, hits in sorted(self.ads.by_line(folded).items()):
            why = self.decide(folded[i].strip(), hits)
            if why:
                edits.append(LineEdit(i, None, why))
        return Outcome(edits)

    def classify(self, line: str) -> str | None:
        folded = fold_text(line).strip()
        return self.decide(folded, self.ads.longest(folded))

    def decide(self, folded: str, hits: list[Hit]) -> str | None:
        o: PromoOptions = self.options
        if not hits:
            return None
        size = len(folded.replace(" ", ""))
        words = sorted({h.word for h in hits})
        cover = covered(hits) / max(size, 1)
        if size <= o.max_tag_chars and cover >= o.min_tag_cover and TAG_JOIN.search(folded):
            return f"ad tag line: {', '.join(words)}"
        if len(words) < o.min_distinct or cover < o.min_cover:
            return None
        markers = sorted({h.word for h in self.markers.longest(folded)})
        if len(markers) < o.min_markers:
            return None
        return f"ad paragraph: sells {', '.join(words[:6])}; selling phrases {', '.join(markers[:6])}"
