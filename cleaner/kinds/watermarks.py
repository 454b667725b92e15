"""Remove a site's watermark: a line a page repeats between its paragraphs.

Some sites stamp their name, slogan and domain after every paragraph of an
article (``本文来自某某网 www.example.com``), as a line of its own and glued to
the end or start of content lines.  A text is a watermark when the page holds
it, whole or glued, at least ``min_count`` times close together, at least twice as a line of
its own, and it either names a site (a domain, ``网``/``网站``/``官网``) or is
also glued to the end of a paragraph (right after its closing ``。！？``) — an
article's repeated title or a poem's refrain is never glued after other
sentences.  Its own lines are removed; where it is glued, it is cut and the
paragraph stays.

Options:
  min_count (int, 3), min_chars (int, 6), max_chars (int, 60),
  min_rest_chars (int, 4): a glued occurrence is cut only when this much
  of the paragraph remains.
  max_gap (int, 8): lines between two stamps of one watermark; the count
  is taken over a stamp and the two before and after it within such gaps.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from cleaner.kinds.base import Kind
from cleaner.kinds.repeated_lines import TRIVIAL
from cleaner.model import DocContext, LineEdit, Outcome

SITE = regex.compile(r"[a-z0-9-]+\.(?:com|net|org|cn|cc|tw|hk|top|vip|info)\b|网站|官网|[网站網](?=[\s|·]|$)", regex.I)
EDGE = regex.compile(r"^[\s\p{P}]+|[\s\p{P}]+$")
SENTENCE_END = regex.compile(r"[。！？!?…”」』)）]$")


@dataclass(frozen=True)
class WatermarkOptions:
    min_count: int = 3
    min_chars: int = 6
    max_chars: int = 60
    min_rest_chars: int = 4
    max_gap: int = 8


class Watermarks(Kind):
    """Remove a watermark a page repeats between paragraphs, and cut it where it is glued."""

    name = "watermarks"
    Options = WatermarkOptions

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        o: WatermarkOptions = self.options
        keys = [ln.strip() for ln in lines]
        own = Counter(k for k in keys if o.min_chars <= len(k) <= o.max_chars and not TRIVIAL.match(k))
        marks = {k for k, n in own.items() if n >= 2}
        if not marks:
            return Outcome()
        glued = _glued(lines, keys, marks, o)
        alone: dict[str, list[int]] = {}
        for i, k in enumerate(keys):
            if k in marks:
                alone.setdefault(k, []).append(i)
        edits: dict[int, LineEdit] = {}
        for mark in sorted(marks, key=lambda m: (-len(m), m)):
            # where the mark stands: its own lines (None) and the paragraphs it is glued to
            at: dict[int, str | None] = dict.fromkeys(alone[mark])
            at.update(glued.get(mark, {}))
            spots = sorted(i for i in at if i not in edits)
            for n, i in enumerate(spots):
                near = _chained(spots, n, o.max_gap)
                stuck = [j for j in near if at[j] is not None]
                if len(near) < o.min_count or len(near) - len(stuck) < 2 or not (stuck or SITE.search(mark)):
                    continue
                why = f"watermark repeated {len(near)} times between paragraphs"
                edits[i] = LineEdit(i, at[i], ("glued " if at[i] is not None else "") + why, {"mark": mark})
        return Outcome([edits[i] for i in sorted(edits)])


def _glued(lines: list[str], keys: list[str], marks: set[str], o: WatermarkOptions) -> dict[str, dict[int, str]]:
    """For each mark, the lines it is glued to the end of and what remains of them.

    A line's tail is looked up once per mark length (longest first), so the cost
    grows with the number of lines, not with lines times marks.
    """
    lengths = sorted({len(m) for m in marks}, reverse=True)
    found: dict[str, dict[int, str]] = {}
    for i, line in enumerate(lines):
        if keys[i] in marks:
            continue
        body = line.rstrip()
        for size in lengths:
            tail = body[-size:]
            if len(body) > size and tail in marks:
                rest = _without(body, tail, o)
                if rest is not None:
                    found.setdefault(tail, {})[i] = rest
                break
    return found


def _chained(spots: list[int], n: int, gap: int) -> list[int]:
    """The spots within two hops of ``spots[n]`` (each hop at most ``gap`` lines): a decision
    that looks no further than ``4 * gap`` lines, so a streamed file decides as a whole one."""
    lo = n
    while lo > 0 and n - lo < 2 and spots[lo] - spots[lo - 1] <= gap:
        lo -= 1
    hi = n
    while hi + 1 < len(spots) and hi - n < 2 and spots[hi + 1] - spots[hi] <= gap:
        hi += 1
    return spots[lo : hi + 1]


def _without(line: str, mark: str, o: WatermarkOptions) -> str | None:
    """``line`` with ``mark`` cut from its end, when what remains is a paragraph that ended
    (a sentence stop before the mark): a title's echo in a heading is not a watermark."""
    body = line.rstrip()
    if not body.endswith(mark):
        return None
    rest = body[: -len(mark)].rstrip()
    return rest if len(EDGE.sub("", rest)) >= o.min_rest_chars and SENTENCE_END.search(rest) else None
