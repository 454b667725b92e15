"""Page-level rules of ``boilerplate-lines``: furniture told by where it stands on the page.

A channel heading that repeats the breadcrumb, the numbered clauses of a
removed notice, a dashboard of figures, a business's slogans above the
article, what the site prints between its widgets below it.  Each takes the
page and the lines found so far (``Page`` from ``boilerplate_runs``).
"""

from __future__ import annotations

from cleaner.kinds.boilerplate_patterns import (
    BUSINESS,
    BYLINE,
    CLAUSE_NUMBER,
    CRUMB,
    DATE,
    FIELD,
    NOTICE_HEAD,
    SENTENCE_END,
    STAT,
    TITLE_STOP,
)
from cleaner.kinds.boilerplate_runs import Page, passing
from cleaner.model import LineEdit

CHANNEL_CHARS = 16  # a channel's name, not an article's title
SLOGAN_CHARS = 40
SANDWICH_CHARS = 60


def channel_headings(page: Page, edits: dict[int, LineEdit]) -> list[int]:
    """A short line that repeats a middle step of a removed breadcrumb: the channel's heading.

    ``首页 > 市场动态 > 标题`` then ``市场动态`` above the title.  The last step
    is the article's own title, and the first is the home page: neither counts.
    Only above the body: below it the channel's name signs the text.
    """
    steps: set[str] = set()
    for i, edit in edits.items():
        if edit.reason.startswith("breadcrumb"):
            parts = [p for p in CRUMB.split(page.folded[i].split(":", 1)[-1]) if p]
            steps.update(parts[1:-1])
    if not steps:
        return []
    # above the body only: below it the same name signs the notice (教务处 / 2023年12月20日)
    body = [i for i, b in enumerate(page.prose) if b and i not in edits]
    first = body[0] if body else len(page.folded)
    return [i for i, f in enumerate(page.folded[:first]) if i not in edits and len(f) <= CHANNEL_CHARS and f in steps]


def notice_lists(page: Page, edits: dict[int, LineEdit]) -> list[int]:
    """The numbered clauses under a removed notice heading (``下载须知``, ``免责声明``)."""
    folded = page.folded
    found: list[int] = []
    for head in sorted(edits):
        if len(folded[head]) > 12 or not NOTICE_HEAD.search(folded[head]):
            continue
        for j in range(head + 1, len(folded)):
            if j in edits or not folded[j]:
                continue
            if not CLAUSE_NUMBER.match(folded[j]):
                break
            found.append(j)
    return found


def stat_runs(page: Page, min_run: int = 3) -> list[int]:
    """Three or more figures in a row, each a big number glued before its label: a site's dashboard."""
    found: list[int] = []
    run: list[int] = []
    for i, f in enumerate([*page.folded, None]):
        if f == "":
            continue
        if f is not None and STAT.match(f):
            run.append(i)
            continue
        if len(run) >= min_run:
            found.extend(run)
        run = []
    return found


def slogans(page: Page, edits: dict[int, LineEdit]) -> list[int]:
    """A business describing itself above the article: ``某某科技有限公司``, ``整合营销服务商``, ``Co.,Ltd``.

    Only above the first body line, and never the last line above it that
    is no byline (the article's title may name a company).  The first line
    that stays may be the title too: it goes only with a second such line
    (a header of name and slogan, a name and its English form).
    """
    folded = page.folded
    first = next((i for i, b in enumerate(page.prose) if b and i not in edits), len(folded))
    above = [i for i in range(first) if folded[i] and i not in edits]
    heads = [i for i in above if not BYLINE.search(folded[i]) and not DATE.search(folded[i])]
    if not heads:
        return []
    found = [
        i
        for i in above
        if i != heads[-1]
        and len(folded[i]) <= SLOGAN_CHARS
        and not TITLE_STOP.search(folded[i])
        and not FIELD.match(folded[i])
        and not BYLINE.search(folded[i])
        and BUSINESS.search(folded[i])
    ]
    return found if len(found) >= 2 or above[0] not in found else []


def sandwiched(page: Page, edits: dict[int, LineEdit]) -> list[int]:
    """Below the body, a stretch of lines that are no prose between two furniture lines.

    ``分享到:`` … links to sister sites, dates … ``返回顶部``: what the site
    prints between its own widgets is its own.  Bylines (责任编辑: 某某) and
    sentences stay.  Above the body the title stands among such lines: it
    is not looked at there (taking the title slots out still cost titles).
    """
    folded = page.folded
    last = max((i for i, b in enumerate(page.prose) if b and i not in edits), default=-1)
    found: list[int] = []
    stretch: list[int] = []
    opened = False  # the stretch starts right after a furniture line
    for i in range(last + 1, len(folded)):
        f = folded[i]
        if not f or (i not in edits and passing(f)):
            continue  # a field or URL line a later rule may remove: the stretch is the same without it
        if i in edits:
            if opened and stretch:
                found.extend(stretch)
            opened, stretch = True, []
        elif len(f) > SANDWICH_CHARS or SENTENCE_END.search(f) or BYLINE.search(f):
            opened, stretch = False, []
        else:
            stretch.append(i)
    return found
