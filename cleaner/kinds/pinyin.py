"""Remove toned pinyin inserted after Han characters to dodge duplicate checks.

Scraper farms rewrite ``物聯網`` as ``物聯(lián)網(wǎng)``.  A parenthesis right
after a Han character that holds exactly one pinyin syllable with a tone mark
(ASCII or full-width brackets) is removed.  An ordinary parenthesis stays:
``方案(a)``, ``北京(Beijing)``, ``(注)`` have no tone mark or no Han before.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, LineEdit, Outcome

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTER = f"a-zü{_TONED}"
PINYIN = regex.compile(rf"(?<=\p{{Han}})[(（]([{_LETTER}]*[{_TONED}][{_LETTER}]*)[)）]")
_PLAIN = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")
SYLLABLE = regex.compile(
    r"^(?:[bpmfdtnlgkhjqxrcsyw]|zh|ch|sh|z)?"
    r"(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|ong|er|i|ia|ie|iao|iu|ian|in|iang|ing|iong"
    r"|u|ua|uo|uai|ui|uan|un|uang|ueng|ü|üe|üan|ün|ue|van|v)$"
)


@dataclass(frozen=True)
class PinyinOptions:
    pass


class PinyinAnnotations(Kind):
    """Remove toned pinyin in brackets inserted right after Han characters."""

    name = "pinyin-annotations"
    contextual = False
    Options = PinyinOptions

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        edits = []
        for i, line in enumerate(lines):
            if "(" not in line and "（" not in line:
                continue
            found = [m.group() for m in PINYIN.finditer(line) if _syllable(m.group(1))]
            if found:
                new = PINYIN.sub(lambda m: "" if _syllable(m.group(1)) else m.group(), line)
                shown = " ".join(found[:8]) + (" …" if len(found) > 8 else "")
                edits.append(LineEdit(i, new, f"{len(found)} pinyin annotation(s): {shown}", {"count": len(found)}))
        return Outcome(edits)


def _syllable(text: str) -> bool:
    """One pinyin syllable with its tone mark (lián, dāng, lǜ) — not café, not xuéxí."""
    return SYLLABLE.match(text.translate(_PLAIN)) is not None
