"""Remove keyword farms: search-suggestion lists and links injected into text.

Three shapes, all found by structure rather than by the words themselves:

* *farm heading*: a line starting with a farm heading of the ``headings`` list
  (热门搜索, 相关搜索, 热门标签, 友情链接, 猜你喜欢 …) — removed, with the short
  lines that follow it (up to the first blank line or sentence);
* *query farm*: ``min_queries`` or more consecutive short lines (at most
  ``max_query_chars``, no sentence punctuation) that all contain the same
  two-character Han term (lines with a colon are labelled data, not queries) — the search queries a spam page repeats
  around its target keyword (``茶料包``, ``茶料是什么``, ``茶料图片`` …);
* *link index*: a line of ``5`` or more items that are one title with
  different numbers (``问答文章1 问答文章501 问答文章1001 …``);
* *injected anchor*: a short line standing alone between a line that ends
  with a comma and a line that starts with one — link text spliced into the
  middle of a sentence (``…長達9天,`` / ``資料櫃`` / ``,交通部…``).

Numbered lines, lines with sentence punctuation, statistics rows (a quantity:
``增长 5.2%``, ``64.2万人``) and table rows (three or more space-separated cells
with Han characters) are never part of a farm,
so an article's own lists and headings stay.

Options:
  headings (word-list paths, required)
  min_queries (int, 4), max_query_chars (int, 24), max_anchor_chars (int, 12)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.numbers import QUANTITY

SENTENCE = regex.compile(r"[。！!；;]|[，,].*[，,]")
# a line that ends on a clause mark goes on: a verse or a sentence, never a search query
CLAUSE_END = regex.compile(r"[,，、;；]$")
NUMBERED = regex.compile(r"^(?:\d+[.、)]|[a-h][.、)]|第|[一二三四五六七八九十]+[、.])")  # a. b. c.: options
COMMA_END = regex.compile(r"[,，、]$")
COMMA_START = regex.compile(r"^[,，、]")
LABELLED = regex.compile(r"[:：]")  # "週一:芝麻蛋捲" is a schedule, not a query
INTRO = regex.compile(r"[:：]$")
MIN_NUMBERED = 5
NUMBER_RUNS = regex.compile(r"(?:\d+\D+){4}\d")  # five numbers at least: cheap test before splitting
ITEMS = regex.compile(r"[^\s\p{P}\p{S}]+")
DIGITS = regex.compile(r"\d+")
TABLE_CELLS = 3  # cells with Han characters in a table row
HAS_HAN = regex.compile(r"\p{Han}")
HAN_PAIR = regex.compile(r"(?=(\p{Han}{2}))")


@dataclass(frozen=True)
class FarmOptions:
    headings: Annotated[list[str], FILES]
    min_queries: int = 4
    max_query_chars: int = 24
    max_anchor_chars: int = 12


class KeywordFarms(Kind):
    """Remove search-suggestion farms, tag/link farms and injected anchor lines."""

    name = "keyword-farms"
    Options = FarmOptions

    def __init__(self, rule_id: str, options: FarmOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.headings = tuple(sorted({fold_text(h).strip() for h in options.headings}, key=len, reverse=True))

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        folded = [f.strip() for f in ctx.fold(lines)]
        found: dict[int, str] = {}
        farms = [*self._headed(folded), *self._queries(folded, lines), *self._anchors(folded), *_numbered(lines)]
        for i, why in farms:
            found.setdefault(i, why)
        return Outcome([LineEdit(i, None, found[i]) for i in sorted(found)])

    def _short(self, f: str) -> bool:
        o: FarmOptions = self.options
        return 0 < len(f) <= o.max_query_chars and not SENTENCE.search(f) and not NUMBERED.match(f)

    def _headed(self, folded: list[str]) -> list[tuple[int, str]]:
        out = []
        headings = self.headings
        for i, f in enumerate(folded):
            if not f.startswith(headings):  # one C call; most lines open with no heading
                continue
            head = next(h for h in headings if f.startswith(h))
            if len(f) > 200 or SENTENCE.search(f):
                continue  # a sentence that opens with 热搜 is prose
            out.append((i, f"farm heading: {head}"))
            j = i + 1
            while j < len(folded) and self._short(folded[j]):
                out.append((j, f"farm item under {head}"))
                j += 1
        return out

    def _queries(self, folded: list[str], lines: list[str]) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        run: list[int] = []
        enough = max(self.options.min_queries, 1)  # a shorter run holds no farm
        for i, f in enumerate([*folded, "。"]):
            query = self._short(f) and not LABELLED.search(f) and not CLAUSE_END.search(f)  # a verse ends on ,
            query = query and not QUANTITY.search(f)  # 增长 5.2%, 64.2万人: a statistics row
            # a row of three or more cells (王大明 老師 週一 3-4節) is a table, not a search query
            query = query and (i >= len(lines) or sum(1 for w in _words(lines[i]) if HAS_HAN.search(w)) < TABLE_CELLS)
            if i < len(folded) and (query or not f):
                if f:
                    run.append(i)
                continue
            if len(run) >= enough and not (run[0] > 0 and INTRO.search(_previous(folded, run[0]))):
                out.extend(self._stretches(run, lines))  # a list the article introduces stays
            run = []
        return out

    def _stretches(self, run: list[int], lines: list[str]) -> list[tuple[int, str]]:
        """Stretches of consecutive lines of ``run`` that share a Han pair.

        A pair is taken within a space-separated word (folded): in a table row
        ``王大明 老師 週一`` the pair 师周 across two cells is no term."""
        o: FarmOptions = self.options
        pairs = [{p for word in _words(lines[i]) for p in HAN_PAIR.findall(fold_text(word))} for i in run]
        out: dict[int, str] = {}
        for term in sorted(set().union(*pairs)) if pairs else []:
            start = 0
            for k in range(len(run) + 1):
                if k < len(run) and term in pairs[k]:
                    continue
                stretch = run[start:k]
                # a term that ends every line is a head noun (内科, 心血管内科, 消化内科): a list of kinds
                ends = sum(fold_text(lines[j]).rstrip().endswith(term) for j in stretch)
                if len(stretch) >= o.min_queries and ends < len(stretch):
                    for j in stretch:
                        out.setdefault(j, f"query farm around '{term}'")
                start = k + 1
        return sorted(out.items())

    def _anchors(self, folded: list[str]) -> list[tuple[int, str]]:
        o: FarmOptions = self.options
        text = [(i, f) for i, f in enumerate(folded) if f]
        out = []
        for k in range(1, len(text) - 1):
            i, f = text[k]
            if len(f) > o.max_anchor_chars or not self._short(f) or COMMA_START.match(f):
                continue
            if COMMA_END.search(text[k - 1][1]) and COMMA_START.match(text[k + 1][1]):
                out.append((i, "injected anchor: a short line splitting a sentence"))
        return out


def _previous(folded: list[str], i: int) -> str:
    """The nearest non-blank line before line ``i``."""
    for j in range(i - 1, -1, -1):
        if folded[j]:
            return folded[j]
    return ""


def _numbered(lines: list[str]) -> list[tuple[int, str]]:
    """Lines of one title numbered over and over (问答文章1 问答文章501 问答文章1001 …): a link index.

    Read on the lines as written: folding drops the spaces between the items."""
    out = []
    for i, f in enumerate(lines):
        if not NUMBER_RUNS.search(f):
            continue
        items = [m.group() for m in ITEMS.finditer(f)]
        stems = {DIGITS.sub("", it) for it in items}
        numbers = {"".join(DIGITS.findall(it)) for it in items}
        if len(items) >= MIN_NUMBERED and len(stems) == 1 and len(numbers) == len(items) and len(min(stems)) >= 2:
            out.append((i, f"link index: one title numbered {len(items)} times"))
    return out


def _words(line: str) -> list[str]:
    """The space-separated words of ``line``, letters spaced out one by one (茶 料 包) joined again."""
    words: list[str] = []
    single = False
    for token in line.split():
        if len(token) == 1 and single:
            words[-1] += token
            continue
        words.append(token)
        single = len(token) == 1
    return words
