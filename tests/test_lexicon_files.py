"""Format checks for the shipped word lists in rules/lexicon/ (codespell style).

Every ``*.txt`` list holds one entry per line: UTF-8, no blank lines, no
surrounding whitespace, sorted by Python's default ``str`` order, unique, and
already in the form the matcher folds text to: NFKC, lower case, Simplified
Chinese.  Inner spaces are allowed only between non-CJK words (``contact us``).
``confusables.txt`` is a two-column ``VARIANT<TAB>STANDARD`` table instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc
import pytest

LEXICON_DIR = Path(__file__).resolve().parent.parent / "rules" / "lexicon"
CONFUSABLES = "confusables.txt"
WORD_LISTS = sorted(p for p in LEXICON_DIR.glob("*.txt") if p.name != CONFUSABLES)

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# a space is only allowed as a single ASCII space with non-CJK text on both sides
BAD_SPACE = re.compile(rf"[{_CJK}] | [{_CJK}]|\s{{2,}}|[^\S ]")
ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _read_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), f"{path.name}: starts with a BOM"
    text = data.decode("utf-8")  # raises on invalid UTF-8
    assert "\r" not in text, f"{path.name}: has CR line endings"
    assert text, f"{path.name}: is empty"
    assert text.endswith("\n"), f"{path.name}: no newline at end of file"
    return text[:-1].split("\n")


def _confusable_variants() -> set[str]:
    path = LEXICON_DIR / CONFUSABLES
    if not path.is_file():
        return set()
    return {line.split("\t", 1)[0] for line in _read_lines(path)}


def _check_common(name: str, lines: list[str]) -> list[str]:
    problems: list[str] = []
    for n, line in enumerate(lines, 1):
        where = f"{name}:{n}: {line!r}"
        if not line:
            problems.append(f"{where} blank line")
            continue
        if line != line.strip():
            problems.append(f"{where} leading or trailing whitespace")
        if unicodedata.normalize("NFKC", line) != line:
            problems.append(f"{where} not NFKC-normalised")
        if ZERO_WIDTH.search(line):
            problems.append(f"{where} zero-width or invisible character")
    if lines != sorted(lines):
        first = next(i for i, (a, b) in enumerate(zip(lines, sorted(lines))) if a != b)
        problems.append(f"{name}:{first + 1}: not sorted (found {lines[first]!r}, expected {sorted(lines)[first]!r})")
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if line in seen:
            problems.append(f"{name}:{n}: {line!r} duplicate entry")
        seen.add(line)
    return problems


def test_lexicon_dir_has_lists() -> None:
    assert LEXICON_DIR.is_dir(), f"missing {LEXICON_DIR}"
    assert WORD_LISTS, "no word lists in rules/lexicon"


@pytest.mark.parametrize("path", WORD_LISTS, ids=[p.name for p in WORD_LISTS])
def test_word_list_format(path: Path) -> None:
    lines = _read_lines(path)
    problems = _check_common(path.name, lines)
    variants = _confusable_variants()
    t2s = _t2s()
    for n, entry in enumerate(lines, 1):
        if not entry:
            continue
        where = f"{path.name}:{n}: {entry!r}"
        if entry != entry.lower():
            problems.append(f"{where} not lower case")
        if BAD_SPACE.search(entry):
            problems.append(f"{where} space only allowed between non-CJK words")
        if t2s.convert(entry) != entry:
            problems.append(f"{where} has Traditional characters (t2s: {t2s.convert(entry)!r})")
        odd = sorted({ch for ch in entry if ch in variants})
        if odd:
            problems.append(f"{where} uses look-alike variant(s) {''.join(odd)}; write the standard character")
    assert not problems, "\n".join(problems)


def test_confusables_format() -> None:
    path = LEXICON_DIR / CONFUSABLES
    if not path.is_file():
        pytest.skip("no confusables.txt")
    lines = _read_lines(path)
    problems = _check_common(path.name, lines)
    t2s = _t2s()
    variants: dict[str, int] = {}
    standards: set[str] = set()
    for n, line in enumerate(lines, 1):
        where = f"{path.name}:{n}: {line!r}"
        cols = line.split("\t")
        if len(cols) != 2:
            problems.append(f"{where} needs exactly two tab-separated columns")
            continue
        variant, standard = cols
        if len(variant) != 1 or len(standard) != 1:
            problems.append(f"{where} each column must be a single character")
            continue
        if variant == standard:
            problems.append(f"{where} variant equals standard")
        if variant.isspace() or standard.isspace():
            problems.append(f"{where} whitespace character")
        if unicodedata.normalize("NFKC", variant) != variant:
            problems.append(f"{where} variant is changed by NFKC already (entry is dead)")
        if variant != variant.lower() or standard != standard.lower():
            problems.append(f"{where} not lower case")
        if t2s.convert(standard) != standard:
            problems.append(f"{where} standard side is not Simplified (t2s: {t2s.convert(standard)!r})")
        if variant in variants:
            problems.append(f"{where} variant already mapped on line {variants[variant]}")
        variants[variant] = n
        standards.add(standard)
    chained = sorted(set(variants) & standards)
    if chained:
        problems.append(f"{path.name}: characters on both sides (chained mapping): {''.join(chained)}")
    assert not problems, "\n".join(problems)
