"""Count scripts in text: how Chinese, Japanese and Korean are told apart.

Kana means Japanese and Hangul means Korean; Han alone means Chinese.  This
decides most pages without langdetect, which mislabels Chinese as Korean.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class ScriptCounts:
    han: int = 0
    kana: int = 0
    hangul: int = 0
    latin: int = 0
    other: int = 0  # other letters (Cyrillic, Arabic, …)

    @property
    def letters(self) -> int:
        return self.han + self.kana + self.hangul + self.latin + self.other


_HAN = regex.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_KANA = regex.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL = regex.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = regex.compile(r"\p{L}")
KANA_OR_HANGUL = regex.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")


def count_scripts(text: str) -> ScriptCounts:
    han = len(_HAN.findall(text))
    kana = len(_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    other = len(_LETTER.findall(text)) - han - kana - hangul - latin
    return ScriptCounts(han, kana, hangul, latin, max(other, 0))


def cjk_language(counts: ScriptCounts) -> str | None:
    """zh / ja / ko when the script decides, else None."""
    cjk = counts.han + counts.kana + counts.hangul
    if cjk == 0 or cjk < 0.2 * counts.letters:
        return None
    if counts.hangul >= max(5, 0.3 * cjk):
        return "ko"
    if counts.kana >= max(3, 0.2 * cjk):  # Japanese prose is ~40-60% kana; a quoted title is not
        return "ja"
    if counts.han >= 0.9 * cjk:
        return "zh"
    return None


def line_language(line: str) -> str | None:
    """Language a single line's CJK characters belong to (None: undecided)."""
    return cjk_language(count_scripts(line))
