"""Count scripts in text: how Chinese, Japanese and Korean are told apart.

Kana means Japanese and Hangul means Korean; Han alone means Chinese.  This
decides most pages without langdetect, which mislabels Chinese as Korean.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def count_scripts(text: str) -> ScriptCounts:
    han = kana = hangul = latin = other = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            if ch.isalpha():
                latin += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F:
            han += 1
        elif 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
            kana += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul += 1
        elif ch.isalpha():
            if o <= 0x24F:
                latin += 1
            else:
                other += 1
    return ScriptCounts(han, kana, hangul, latin, other)


def cjk_language(counts: ScriptCounts) -> str | None:
    """zh / ja / ko when the script decides, else None."""
    cjk = counts.han + counts.kana + counts.hangul
    if cjk == 0 or cjk < 0.2 * counts.letters:
        return None
    if counts.hangul >= max(5, 0.3 * cjk):
        return "ko"
    if counts.kana >= max(3, 0.05 * cjk):
        return "ja"
    if counts.han >= 0.9 * cjk:
        return "zh"
    return None


def line_language(line: str) -> str | None:
    """Language a single line's CJK characters belong to (None: undecided)."""
    return cjk_language(count_scripts(line))
