"""Cut the tag words a content farm glues to the end of an article's paragraphs.

Spun-article farms append a topic tag to paragraphs, with no space:
``…可使用扩展运算符。node``, ``…但愿你们能认真听。微信``, ``… | Jeth 第一期git``.
Once is a typo; the farm's habit shows on the page: at least ``min_lines``
paragraphs end with a sentence stop (。！？) followed by a short tag — a
lowercase Latin word (``javascript``, ``c++``) or two to ``max_han`` Han
characters.  On such a page those tags are cut, and so is a lowercase Latin
tag glued straight after a Han character (``第一期git``).  The paragraph
keeps its stop.  A page without the habit is not touched: a lone
``…如下。附表`` or ``安装git`` stays.

Options:
  min_lines (int, 3), max_han (int, 4), max_latin (int, 15)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, LineEdit, Outcome

HAN = regex.compile(r"\p{Han}")
PARTICLES = "了吗呢吧啊呀哦嘛的"  # a sentence ending in a particle is speech, not a tag


@dataclass(frozen=True)
class EndTagOptions:
    min_lines: int = 3
    max_han: int = 4
    max_latin: int = 15


class EndTags(Kind):
    """Cut topic tags glued after the last stop of paragraphs, on a page that does it habitually."""

    name = "end-tags"
    Options = EndTagOptions

    def __init__(self, rule_id: str, options: EndTagOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        latin = rf"[a-z][a-z0-9+#.\-]{{0,{options.max_latin - 1}}}"
        han = rf"\p{{Han}}{{2,{options.max_han}}}(?<![{PARTICLES}])"
        # the tag after a stop, and (on a tagged page only) a Latin tag glued to a Han character
        self.after_stop = regex.compile(rf"(?<=[。！？])(?:{latin}|{han})$")
        self.after_han = regex.compile(rf"(?<=\p{{Han}})(?<![a-zA-Z0-9]){latin}$")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        view = [line.rstrip() for line in lines]
        stopped = {i: m for i, line in enumerate(view) if (m := self.after_stop.search(line)) and HAN.search(line)}
        if len(stopped) < self.options.min_lines:
            return Outcome()
        edits = []
        for i, line in enumerate(view):
            m = stopped.get(i) or self.after_han.search(line)
            if m:
                tag = m.group()
                edits.append(LineEdit(i, line[: m.start()], f"tag glued after the paragraph: {tag}", {"tag": tag}))
        return Outcome(edits)
