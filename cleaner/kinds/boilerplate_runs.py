"""Run rules of ``boilerplate-lines``: furniture told by the lines around it.

Each takes the page (folded lines, phrase hits, which lines are prose) and
the lines already found, and returns more.  Lines found earlier count as
furniture and never as body, so a second pass draws the same body.
"""

from __future__ import annotations

from typing import NamedTuple

from cleaner.kinds.boilerplate_patterns import (
    BODY_PUNCT,
    BYLINE,
    CLAUSE,
    DATE,
    FIELD,
    LABEL_ONLY,
    MENU,
    NUMBERED,
    NUMBERS,
    PHRASE,
    RELATED_HEAD,
    TITLE_STOP,
    URL_LINE,
    VOICE,
)
from cleaner.model import LineEdit
from cleaner.text.lexicon import Hit, covered
from cleaner.text.numbers import is_data_row

VOICE_SHARE = 4  # one line in four that speaks
TITLE_LINES = 3  # a long menu running into the body leaves its last lines: the title may be among them


VERSE_CHARS = (5, 7)  # the lines of classical verse and most song lines
VERSE_SHARE = 1.6  # 1 / 1.6: five eighths of a run's lines


class Page(NamedTuple):
    """One document as the run rules see it: folded lines, their phrase hits, which are prose."""

    folded: list[str]
    hits: dict[int, list[Hit]]
    prose: list[bool]


class RunSizes(NamedTuple):
    """The options of a menu run (see ``BoilerplateOptions``)."""

    nav_max_chars: int
    nav_min_run: int
    nav_long_run: int


def field_runs(page: Page, removed: set[int]) -> list[int]:
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
        if m and not BYLINE.search(f) and not page.prose[i]:  # 小提示：一定要加开水，…。 is a sentence
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


def related_lists(page: Page, edits: dict[int, LineEdit]) -> list[int]:
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


def edges(page: Page, edits: dict[int, LineEdit], max_chars: int) -> list[tuple[int, str]]:
    """Short lines outside the body that sit next to furniture.

    Numbers alone (``356 2``, counters whose labels were icons) or a line
    of menu items only (``人工智能``, ``about``) next to a furniture line;
    any short line between two furniture lines; a line of listed words
    with a channel name among them (a category label) between the title
    and the body, furniture next to it or not; numbers alone above the
    first line of words (counters whose icons were images).  The first line
    of words that stays is never taken: it is the title.  Only lines this kind removed
    count as neighbours: lines that later rules remove are still there to
    this run and gone on the next, so the verdict cannot change (idempotence).
    """
    folded, hits = page.folded, page.hits
    body = [i for i, b in enumerate(page.prose) if b and i not in edits]
    first, last = (body[0], body[-1]) if body else (len(folded), -1)
    kept = [i for i, f in enumerate(folded) if f and i not in edits]
    found = []
    while kept and NUMBERS.match(folded[kept[0]]):  # counters above the title: 0 likes, 0 shares
        found.append((kept.pop(0), "counter: numbers above the title"))
    for i in kept[1:]:
        f = folded[i]
        if first <= i <= last or len(f) > max_chars:
            continue
        if body and i < first and _labels(f, hits.get(i, [])):
            found.append((i, "navigation: channel names between the title and the body"))
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
        elif _channels(f, hits.get(i, [])):
            found.append((i, "navigation: menu items next to furniture"))
    return found


def _channels(folded: str, hits: list[Hit]) -> bool:
    """The line is listed words only (新闻 体育, about): folding drops the spaces
    between Han words, so the hits must cover every letter of the line."""
    size = len(folded.replace(" ", ""))
    return size > 0 and covered(hits) == size


def _labels(folded: str, hits: list[Hit]) -> bool:
    """The line is listed words only, a channel name among them (``人工智能``, ``开发 架构``)."""
    return any(h.tag == MENU for h in hits) and _channels(folded, hits) and not BODY_PUNCT.search(folded)


def navigation_runs(page: Page, removed: set[int], sizes: RunSizes) -> list[int]:
    """Lines in runs of short menu items around (or, if long, inside) the body.

    Lines already found to be furniture (``removed``) count as menu items
    and never as body, so a second pass draws the same body (idempotence).
    """
    o = sizes
    folded = page.folded
    body = [i for i, b in enumerate(page.prose) if b and i not in removed]
    first, last = (body[0], body[-1]) if body else (len(folded), -1)
    found: list[int] = []
    run: list[int] = []
    tail: list[int] = []  # below the body: short lines and items up to twice as long (a site map)
    head: list[int] = []  # the same above the body, running into it
    furniture = False  # a line already removed sits inside the run
    for i, f in enumerate([*folded, None]):  # None: the end of the text closes the last run
        if i in removed:
            furniture = furniture or bool(run)
            continue
        if f is not None and (not f or passing(f)):
            continue
        data = f is not None and is_data_row(f)  # 外援 41分 9篮板: a table of the article parts a run
        size = len(f) if f and not BODY_PUNCT.search(f) and not NUMBERED.match(f) and not data else None
        if size is not None and i > last and size <= 2 * o.nav_max_chars:
            tail.append(i)
        else:
            found.extend(_site_map(page, tail, removed, o))
            tail = []
        if size is not None and i < first and size <= 2 * o.nav_max_chars:
            head.append(i)
        else:
            if i == first and _long_menu(folded, head, o):
                found.extend(head[:-TITLE_LINES])  # the last lines above the body: title, subtitle, byline
            head = []
        if size is not None and size <= o.nav_max_chars:
            run.append(i)
            continue
        outside = all(j < first or j > last for j in run)
        # channel names alone do not make a menu here: what a later rule removes
        # between two of them would join them into a run on the next pass
        menu = furniture or any(h.tag == PHRASE for j in run for h in page.hits.get(j, ()))
        long = len(run) >= o.nav_long_run and (outside or menu) and (menu or not _verse(folded, run))
        if long or (len(run) >= o.nav_min_run and outside and menu):
            found.extend(run)
        run, furniture = [], False
    return found


def _verse(folded: list[str], run: list[int]) -> bool:
    """Lines of verse: most lines five to seven Han characters (床前明月光, 路灯一盏一盏亮), or lines that
    speak (我, 你, 了, 吧); menu items are names of two to four."""
    lines = [folded[j].replace(" ", "") for j in run]
    measured = sum(VERSE_CHARS[0] <= len(x) <= VERSE_CHARS[1] and x.isalpha() for x in lines)
    speaking = sum(bool(VOICE.search(x)) for x in lines)
    return VERSE_SHARE * measured >= len(lines) or VOICE_SHARE * speaking >= len(lines)


def _long_menu(folded: list[str], run: list[int], o: RunSizes) -> bool:
    """Twice a long menu run, items up to twice the menu length, two thirds of them menu-short."""
    if len(run) < 2 * o.nav_long_run:
        return False
    if _verse(folded, run):
        return False  # menu items are names; measured lines, or lines that speak, are a poem or a song
    return 3 * sum(len(folded[j]) <= o.nav_max_chars for j in run) >= 2 * len(run)


def _site_map(page: Page, tail: list[int], removed: set[int], o: RunSizes) -> list[int]:
    """A long run of short items below the body that runs into the footer.

    Up to twice the menu length, two thirds of them menu-short: a site map.
    Contact fields between it and the footer do not part them.
    """
    if not _long_menu(page.folded, tail, o):
        return []
    for j in range(tail[-1] + 1, len(page.folded)):
        f = page.folded[j]
        if j in removed:
            return tail
        if f and not passing(f) and not LABEL_ONLY.match(f):
            return []
    return []  # no footer: a poem or a list that ends the text


def passing(folded: str) -> bool:
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


def is_body(folded: str, min_chars: int) -> bool:
    """A line of prose: long, with clause punctuation."""
    # a colon is no sign of prose: contact lines (地址:…, a URL) are removed by later rules,
    # and a body drawn on them would move on the next run (idempotence)
    return len(folded) >= min_chars and bool(CLAUSE.search(folded))
