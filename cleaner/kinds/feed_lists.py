"""Remove lists of other articles: headlines, each with its date or "N minutes ago".

News and portal pages print the site's latest, hot or related stories next to
the article: a headline per item, stamped with a date (``2023-05-01``,
``[05-01]``) or a relative time (``3分钟前``, ``1小時前``, ``2 hours ago``) at
its end or on a line of its own.  A *run* is a stretch of lines that are not
prose (blank lines do not end it; a sentence that ends with a stop does).  A
run holding at least ``min_stamps`` stamps, on at least ``min_share`` of its
lines, is such a list: its lines from the first headline to the last stamp
go, with the counters and "more" links among them; when the text ends inside
the last story (no more lines after the last stamp than a story takes), they
go too.  An article's own
date line is one stamp, and a chronology starts its lines with the date, so
both stay.

A list of other stories also shows by its titles *cut short* by the site:

* cut at one width: ``min_cut_titles`` different lines of exactly the same
  length (8 to 40 characters), in a stretch of lines no longer than that,
  one of them visibly cut (an opening bracket or quote left unclosed, an
  ellipsis): the lines from the first to the last of them go.  An article's
  own short lines have the lengths of their words, not one length;
* teasers: three or more different lines in a row, each of 20 or more
  characters cut mid-word by a single ``…`` or ``...`` (a story's prose
  trails off with ``……``, after a word or a stop).

Options:
  min_stamps (int, 4), min_share (float, 0.2), max_line_chars (int, 80),
  min_cut_titles (int, 4)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import regex

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.runs import runs_between

# 3分钟前, 1小时前 (Traditional is folded), 刚刚, 昨天 12:30, 2 hours ago
_REL = (
    r"(?:\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚|昨天(?:\s*\d{1,2}:\d{2})?"
    r"|\d+\s*(?:min(?:ute)?s?|hours?|days?)\s+ago)"
)
_DATE = r"(?:(?:19|20)\d{2}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"  # 日 17:41: folded
STAMP = regex.compile(rf"(?:^|[\s\[(（【|·•_-]){_REL}$|(?:^|[\s\[(（【|·•_-]){_DATE}[\])）】]?$")
SENTENCE_END = regex.compile(r"[。！？!?]\s*$")
OPTION = regex.compile(r"^[a-h]\s*[.、)）]")  # an answer option, never a story
STOP = regex.compile(r"[。！？!?；;]$")
OPENERS, CLOSERS = "(“‘《【[（「『", ")”’》】]）」』"
ELLIPSIS = regex.compile(r"(?:…|\.{3})$")
TEASER = regex.compile(r"[\p{L}\p{N}](?:(?<!…)…|(?<!\.)\.{3})$")  # cut mid-word, not a trailing-off ……
CUT_WIDTH = (8, 40)  # a CMS cuts titles to a width in this range
MIN_TEASERS, TEASER_CHARS = 3, 20


@dataclass(frozen=True)
class FeedOptions:
    min_stamps: int = 4
    min_share: float = 0.2
    max_line_chars: int = 80
    min_cut_titles: int = 4


class FeedLists(Kind):
    """Remove lists of other stories: headlines stamped with dates or "N minutes ago"."""

    name = "feed-lists"
    Options = FeedOptions

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        o: FeedOptions = self.options
        folded = [f.strip() for f in ctx.fold(lines)]
        edits: list[LineEdit] = []
        last = max((i for i, f in enumerate(folded) if f), default=-1)
        for run in runs_between(folded, self._prose):
            stamps = [i for i in run if STAMP.search(folded[i]) and not OPTION.match(folded[i])]  # A. 3月15日: a quiz
            stamped = set(stamps)
            if len(stamps) < o.min_stamps or len(stamps) < o.min_share * len(run):
                continue
            # from the first story's first line (a story takes as many lines as the others) to the last stamp
            where = [k for k, i in enumerate(run) if i in stamped]
            gaps = Counter(b - a for a, b in pairwise(where))
            size = gaps.most_common(1)[0][0] if gaps else 1  # a list of one story (min_stamps: 1)
            start = run[max(where[0] - size + 1, 0)]
            end = stamps[-1]
            if run[-1] == last and len(run) - 1 - where[-1] <= size:
                end = last  # the text ends inside the last story: cut off with the page
            why = f"list of other stories: {len(stamps)} headlines stamped with a date or time"
            edits += [LineEdit(i, None, why) for i in run if start <= i <= end]
        found = {e.index for e in edits}
        cut = cut_titles(folded, o.min_cut_titles) | teasers(folded)
        why = "list of other stories: titles cut short by the site"
        edits += [LineEdit(i, None, why) for i in sorted(cut - found)]
        return Outcome(sorted(edits, key=lambda e: e.index))

    def _prose(self, text: str) -> bool:
        return len(text) > self.options.max_line_chars or bool(SENTENCE_END.search(text))


def _visibly_cut(text: str) -> bool:
    """An opening bracket or quote left unclosed, or an ellipsis at the end."""
    opened = sum(text.count(c) for c in OPENERS) > sum(text.count(c) for c in CLOSERS)
    return opened or bool(ELLIPSIS.search(text))


def cut_titles(folded: list[str], min_titles: int) -> set[int]:
    """Titles cut to one width: stretches of lines no longer than it, holding enough of that width."""
    nonblank = [i for i, f in enumerate(folded) if f]
    sizes = {i: len(folded[i]) if not STOP.search(folded[i]) else CUT_WIDTH[1] + 1 for i in nonblank}
    found: set[int] = set()
    for width in sorted({n for n in sizes.values() if CUT_WIDTH[0] <= n <= CUT_WIDTH[1]}):
        stretch: list[int] = []
        for i in [*nonblank, None]:
            if i is not None and sizes[i] <= width:
                stretch.append(i)
                continue
            full = [j for j in stretch if sizes[j] == width]
            if len({folded[j] for j in full}) >= min_titles and any(_visibly_cut(folded[j]) for j in full):
                found.update(j for j in stretch if full[0] <= j <= full[-1])
            stretch = []
    return found


def teasers(folded: list[str]) -> set[int]:
    """Three or more different lines in a row, each cut mid-word by an ellipsis."""
    found: set[int] = set()
    run: list[int] = []
    for i, f in enumerate([*folded, None]):
        if f == "":
            continue
        if f is not None and len(f) >= TEASER_CHARS and TEASER.search(f):
            run.append(i)
            continue
        if len({folded[j] for j in run}) >= MIN_TEASERS:
            found.update(run)
        run = []
    return found
