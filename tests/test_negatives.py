"""Hard negatives: article pages with no pollution that look polluted to a naive rule.

tests/negatives/*.txt are invented pages (Simplified and Traditional): crackdown
news that quotes spam words, a casino-resort travel piece, poems and lyrics
(short lines, no punctuation), tables, quizzes, tutorials with URLs and
version numbers, a forum thread; the ``b*`` batch adds league tables, year
spans, recipes, exam options, department lists, legal betting explained,
navigation words as an article's subject, diaries and changelogs; the ``c*``
batch adds statistics rows, box scores and spec sheets, an article about cookie
banners, furniture quoted as an example (a pagination bar, counters, a
copyright notice), forum floors and a baseball count in both scripts; the
``d*`` batch adds comparison tables with a header row, a tax guide's
deduction list, a visitor guide's opening hours and a robots.txt example; the
``e*`` batch adds the genres a crawl is full of (encyclopedia infoboxes, court
judgments, company announcements, notices, abstracts, patents, manuals, job
posts, listings, threads, lyrics, itineraries, exam papers).  The default rules must keep every line:
the only change allowed is script conversion (and the blank-line rule's
edge trimming).  A page the rules still damage is listed in ``KNOWN`` with
the reason (strict xfail: fixing it makes the test fail until it is removed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import load_rule_set
from cleaner.paths import shipped_rules_dir
from cleaner.pipeline import Pipeline

PAGES = Path(__file__).parent / "negatives"
ALLOWED = {"t2s", "blank-lines"}

#: page -> why the default rules still damage it
KNOWN: dict[str, str] = {
    "26-forum-qa.txt": "boilerplate: a speaker label 楼主： over a short reply read as a widget",
    "32-wechat-share-howto.txt": "boilerplate: a how-to's heading 关注公众号 its steps do not repeat read as a widget",
    "b13-website-nav-design-mixed.txt": "boilerplate: menu items an article on navigation design lists read as a menu",
    "b16-video-platform-buttons.txt": "boilerplate: a heading 评论 its paragraph does not repeat",
    "e06-share-pledge-announcement.txt": "boilerplate: an announcement's opening heading 重要内容提示： read as the"
    " download-site widget 内容提示 (a label over prose is no guard: 温馨提示: over a paragraph is furniture)",
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(load_rule_set(str(shipped_rules_dir() / "default.yaml")))


def _params() -> list[object]:
    out = []
    for path in sorted(PAGES.glob("*.txt")):
        marks = [pytest.mark.xfail(reason=KNOWN[path.name], strict=True)] if path.name in KNOWN else []
        out.append(pytest.param(path, id=path.stem, marks=marks))
    return out


@pytest.mark.parametrize("path", _params())
def test_hard_negative_keeps_every_line(pipeline: Pipeline, path: Path) -> None:
    result = pipeline.clean(path.read_text(encoding="utf-8"))
    assert result.dropped is None, result.dropped
    touched = [f"{f.line}: {f.rule}: {f.reason} | {f.old}" for f in result.findings if f.rule not in ALLOWED]
    assert not touched, "\n".join(touched)
