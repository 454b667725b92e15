"""Fold text for matching, so spam and contact words are seen through disguise.

`fold_text` maps a line to a canonical form: zero-width characters dropped,
NFKC (full-width letters and digits become ASCII), lower case, look-alike
variants mapped to the standard character, Traditional converted to
Simplified (OpenCC t2s), and spaces next to a CJK character dropped (``电 话``,
``聯 絡 人``).  Kinds match on the folded form and cut the *original* text:
the output keeps its characters; only the `opencc` rule converts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

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


@lru_cache(maxsize=1)
def _t2s() -> Any:
    """OpenCC's t2s converter, built on first use (immutable, one per process)."""
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """Look-alike characters (the shipped confusables list) and zero-widths (deleted)."""
    table = dict.fromkeys(ZERO_WIDTH, "")
    data = shipped_rules_dir() / "lexicon" / "confusables.txt"
    if data.is_file():
        for row in data.read_text(encoding="utf-8").splitlines():
            variant, _, standard = row.partition("\t")
            if variant and standard:
                table[variant] = standard
    return table


@lru_cache(maxsize=1)
def _variant_pattern() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, variants()), key=len, reverse=True)))


_CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
_SPACES = re.compile(rf"(?<=[{_CJK_CLASS}])[^\S\n]+|[^\S\n]+(?=[{_CJK_CLASS}])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_RUNS = re.compile(r"[^\S\n]+")


@lru_cache(maxsize=1 << 16)
def fold_text(line: str) -> str:
    """The matching form of ``line``.

    Cached: every kind folds the same lines, and pages repeat lines.
    """
    return _fold(line)


def fold_lines(lines: list[str]) -> list[str]:
    """``[fold_text(x) for x in lines]`` in one pass over the whole text (much faster)."""
    folded = _fold("\n".join(lines)).split("\n") if lines else []
    if len(folded) != len(lines):  # a line holding a line separator of its own
        return [fold_text(x) for x in lines]
    return folded


def _fold(text: str) -> str:
    # every step runs in C over the whole text: NFKC, casefold, OpenCC, regex
    if text.isascii():
        return _RUNS.sub(" ", text.lower())
    text = nfkc(text)
    if _SURROGATE.search(text):  # OpenCC takes UTF-8 only; same length, so lines stay aligned
        text = _SURROGATE.sub("\ufffd", text)
    text = _t2s().convert(text.casefold())
    table = variants()
    text = _variant_pattern().sub(lambda m: table[m.group()], text)
    return _RUNS.sub(" ", _SPACES.sub("", text))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, several times faster on Chinese pages.

    Their full-width punctuation and ideographic spaces make almost every page
    fail the quick check, and the full normalisation runs at ~30 MB/s.  Each
    character that NFKC changes is replaced by its NFKC form first (a
    ``str.replace`` per distinct character present: C speed); that keeps the
    NFKD, hence the NFKC, of the text (NFKD(NFKC(c)) == NFKD(c)), and what is
    left almost always passes the quick check.  A text that does not (a
    letter and a combining accent, a character outside the BMP) is
    normalised in full, as before.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    table, pattern = _nfkc_table()
    m = pattern.search(text)
    while m is not None:
        start = m.start()
        text = text.replace(m.group(), table[m.group()])
        m = pattern.search(text, start)  # each form is normalised: it never matches again
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def _nfkc_table() -> tuple[dict[str, str], re.Pattern[str]]:
    """Every BMP character NFKC changes, with its NFKC form, and a class matching them."""
    table = {}
    for code in range(0x10000):
        ch = chr(code)
        if not 0xD800 <= code <= 0xDFFF and not unicodedata.is_normalized("NFKC", ch):
            form = unicodedata.normalize("NFKC", ch)
            if form != ch:
                table[ch] = form
    return table, re.compile("[" + "".join(re.escape(ch) for ch in table) + "]")
