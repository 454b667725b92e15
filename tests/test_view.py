"""The view the rules read (full-width and zero-width folded) and the way edits come back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.pipeline import Pipeline
from cleaner.text.view import normalise, pattern_for_view, restore

ALPHABET = st.sampled_from(list("国产精品久ａｂＱ１２：－｜ab:-| \u200b\u200d\ufeff（）()"))
TEXT = st.text(ALPHABET, max_size=30)


@given(TEXT, TEXT)
def test_restore_carries_any_edit_back(orig: str, new_view: str) -> None:
    out = restore(orig, normalise(orig), new_view)
    assert normalise(out) == normalise(new_view)


@given(TEXT)
def test_an_untouched_line_keeps_its_characters(orig: str) -> None:
    assert restore(orig, normalise(orig), normalise(orig)) == orig


def test_a_cut_keeps_the_full_width_characters_of_what_stays() -> None:
    orig = "联系ＱＱ：１２３４５\u200b６ 正文"
    view = normalise(orig)
    assert view == "联系QQ:123456 正文"
    assert restore(orig, view, view.replace("正文", "").rstrip()) == "联系ＱＱ：１２３４５\u200b６"
    assert restore(orig, view, "聯係QQ:123456 正文") == "聯係ＱＱ：１２３４５\u200b６ 正文"


def test_a_full_width_pattern_matches_both_forms() -> None:
    import regex

    pattern = regex.compile(pattern_for_view("^广告（[^）]*）："))
    assert pattern.search(normalise("广告（今日）：特价"))
    assert pattern.search("广告(今日):特价")


def test_rules_see_through_width_and_zero_width() -> None:
    from cleaner.config import load_rule_set

    pipeline = Pipeline(load_rule_set(None))
    plain = "国产精品-久久久久-一区二区三区-免费视频-在线观看\n新馆将于下月正式开放，欢迎读者前来参观。\n"
    wide = "国产精品－久\u200b久久久－一区二区三区－免费视频－在线观看\n新馆将于下月正式开放，欢迎读者前来参观。\n"
    assert pipeline.clean(wide).text == pipeline.clean(plain).text == "新馆将于下月正式开放，欢迎读者前来参观。\n"
