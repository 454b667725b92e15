"""The whole-text fast paths of the shared passes give what the simple per-line or
library form gives, on any text (they exist for speed only: issue 13)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cleaner.text.fold import nfkc
from cleaner.text.view import _positions, _restore_general, normalise, normalise_lines, restore

#: full-width forms, ideographic space, compatibility characters, combining marks
#: (they compose with the letter a full-width form becomes), Hangul jamo, zero-widths
TRICKY = list("国产ａＡＱ１：，（）\u3000…①²ﬁ㈜\u0301\u0308\u0327e\u1100\u1161\u11a8\u200b\ufeff\n ")
TEXT = st.text(st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40)


@given(TEXT)
def test_nfkc_is_unicodedata_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(st.lists(TEXT.map(lambda t: t.replace("\n", "")), max_size=6))
def test_normalise_lines_is_normalise_of_each_line(lines: list[str]) -> None:
    assert normalise_lines(lines) == [normalise(x) for x in lines]


def test_a_line_holding_a_newline_is_normalised_alone() -> None:
    assert normalise_lines(["ａ\nｂ", "，"]) == ["a\nb", ","]


EDIT = st.text(st.sampled_from(list("国产久ａＱ１：，（）ab:,() \u200b")), max_size=30)


def general_restore(orig: str, old: str, new: str) -> str:
    """`restore` as it was before its in-place path: every rewrite through difflib's opcodes."""
    if old == orig or new == old:
        return new if old == orig else orig
    return _restore_general(orig, old, new, _positions(orig))


@given(EDIT, EDIT, st.integers(0, 30), st.integers(0, 30))
def test_restore_in_place_is_the_general_restore(orig: str, other: str, cut: int, length: int) -> None:
    old = normalise(orig)
    same_length = "".join("聯" if i % 3 == cut % 3 else c for i, c in enumerate(old))  # t2s-like
    for new in (other, normalise(other), old[cut : cut + length], same_length):
        assert restore(orig, old, new) == general_restore(orig, old, new)
