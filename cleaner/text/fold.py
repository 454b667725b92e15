"""Fold text for matching, so spam and contact words are seen through disguise.

`fold` maps a line to a canonical form: zero-width characters dropped,
NFKC (full-width letters and digits become ASCII), lower case, look-alike
variants mapped to the standard character, Traditional characters mapped to
Simplified one by one, and spaces next to a CJK character dropped (``电 话``,
``聯 絡 人``).  It also returns, for every folded character, the index of the
original character it came from, so a kind can cut the *original* text at a
match: the output keeps its characters; only the `opencc` rule converts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cleaner.paths import shipped_rules_dir

ZERO_WIDTH = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")


def is_cjk(ch: str) -> bool:
    """Han, kana or Hangul (the scripts written without spaces between words)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3040 <= o <= 0x30FF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
    )


@dataclass(frozen=True)
class Folded:
    text: str
    origin: tuple[int, ...]  # origin[i] = index in the original of text[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the folded slice [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=1)
def char_table() -> dict[str, str]:
    """Per-character fold table: look-alike variants and Traditional -> Simplified.

    Built once per process from OpenCC (character by character, so lengths
    and offsets are preserved) and the shipped confusables list.  It is an
    immutable table, cached because building it costs ~20 ms.
    """
    import opencc

    chars = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {a: b for a, b in zip(chars, converted) if len(b) == 1 and a != b}
    data = shipped_rules_dir() / "lexicon" / "confusables.txt"
    if data.is_file():
        for row in data.read_text(encoding="utf-8").splitlines():
            variant, _, standard = row.partition("\t")
            if len(variant) == 1 and len(standard) == 1:
                table[variant] = table.get(standard, standard)
    return table


@lru_cache(maxsize=1)
def _translation() -> dict[int, str | None]:
    """str.translate table: the char table, ASCII lower case, zero-widths deleted."""
    trans: dict[int, str | None] = {ord(a): b for a, b in char_table().items()}
    trans.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})
    trans.update({ord(z): None for z in ZERO_WIDTH})
    return trans


_CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
_SPACES = re.compile(rf"(?<=[{_CJK_CLASS}])\s+|\s+(?=[{_CJK_CLASS}])")
_RUNS = re.compile(r"\s+")


def fold_text(line: str) -> str:
    """The matching form of ``line`` (fast path, no offsets)."""
    text = line.translate(_translation())
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            return fold(line).text
        text = text.casefold().translate(_translation())
    return _RUNS.sub(" ", _SPACES.sub("", text))


def _fold_char(ch: str, table: dict[str, str]) -> str:
    if ch.isascii():
        return ch.lower()
    if ch in ZERO_WIDTH:
        return ""
    mapped = table.get(ch)
    if mapped is not None:
        return mapped
    out = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(table.get(c, c) for c in out)


def fold(line: str) -> Folded:
    """The matching form of ``line`` with an offset map back to it."""
    table = char_table()
    chars: list[str] = []
    origin: list[int] = []
    pending = -1  # index of a whitespace run waiting for its right neighbour
    for i, ch in enumerate(line):
        if ch.isspace():
            if pending < 0:
                pending = i
            continue
        folded = _fold_char(ch, table)
        if not folded:
            continue
        if pending >= 0:
            if chars and not is_cjk(chars[-1]) and not is_cjk(folded[0]):
                chars.append(" ")
                origin.append(pending)
            elif not chars and not is_cjk(folded[0]):
                chars.append(" ")
                origin.append(pending)
            pending = -1
        for c in folded:
            chars.append(c)
            origin.append(i)
    if pending >= 0 and (not chars or not is_cjk(chars[-1])):
        chars.append(" ")
        origin.append(pending)
    return Folded("".join(chars), tuple(origin))
