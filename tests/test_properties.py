"""Properties of the default pipeline on arbitrary text (hypothesis).

For any text — random Unicode, control characters, every newline style,
words from the shipped word lists — the default rule set never raises, is
deterministic and idempotent, and accounts for every input line: each one is
either in the output (as it was, or as a `replace` finding says) or named by a
`remove` finding with its line number and rule.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import load_rule_set
from cleaner.kinds.opencc_convert import OpenCCConvert
from cleaner.model import DocContext
from cleaner.paths import shipped_rules_dir
from cleaner.pipeline import Pipeline, Result, split_lines
from cleaner.text import fold as fold_module
from cleaner.text.lexicon import Lexicon

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    return Pipeline(load_rule_set(None))


@lru_cache(maxsize=1)
def lexicon_words() -> list[str]:
    """A sample of the shipped word lists, so texts trip the rules often."""
    words: list[str] = []
    for path in sorted((shipped_rules_dir() / "lexicon").glob("*.txt")):
        rows = [w.strip() for w in path.read_text(encoding="utf-8").splitlines()]
        words += [w.partition("\t")[0] for w in rows if w and not w.startswith("#")][:40]
    return words


PROSE = [
    "今天上午，市图书馆举办了古籍修复讲座。",
    "讀者可以在週末參觀修復工作室。",
    "The library opens at 9 am.",
    "联系方式:",
    "电话:010-12345678",
    "地址:北京市海淀区学院路1号",
    "返回顶部",
    "上一篇:",
    "©2024 版权所有",
    "物聯(lián)網(wǎng)",
    "  ",
    "",
    "-",
    "|",
    "■",
    "https://example.com/a?b=c",
    "qq:123456789",
    "微信",
]
NEWLINES = ["\n", "\r\n", "\r", "\n\n\n"]
CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(["\x7f", "\x85", "\u2028", "\ufeff"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    """Lines of prose, word-list words and noise joined with one newline style."""
    piece = st.sampled_from(PROSE) | st.sampled_from(lexicon_words()) | st.text(max_size=8) | CONTROLS
    joiner = st.sampled_from(["", " ", "、", "-", "|"])
    lines = [draw(joiner).join(draw(st.lists(piece, max_size=8))) for _ in range(draw(st.integers(0, 25)))]
    newline = draw(st.sampled_from(NEWLINES))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


def surrogate_text() -> st.SearchStrategy[str]:
    """What a file name or a careless decoder hands over: bytes with surrogateescape."""
    return st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape"))


def texts() -> st.SearchStrategy[str]:
    return pages() | st.text(max_size=300) | st.text(CONTROLS, max_size=50)


def accounted(text: str, result: Result) -> None:
    """Every input line is in the output or named by a `remove` finding."""
    lines = split_lines(text)[0]
    ids = {r.id for r in pipeline().rule_set.rules}
    for f in result.findings:
        assert f.rule in ids
        assert 1 <= f.line <= max(len(lines), 1)
    if result.dropped is not None:
        assert any(f.action == "drop" for f in result.findings)
        return
    removed = {f.line for f in result.findings if f.action == "remove"}
    kept = [i for i in range(1, len(lines) + 1) if i not in removed]
    out = split_lines(result.text)[0]
    assert len(out) == len(kept), "a line disappeared without a finding"
    for i, line in zip(kept, out):
        replaced = [f for f in result.findings if f.action == "replace" and f.line == i]
        if not replaced:
            assert line == lines[i - 1], f"line {i} changed without a finding"
        else:
            assert replaced[0].old == lines[i - 1]
            assert replaced[-1].new == line


def check(text: str) -> None:
    """Never raises (a kind that raises is a RuleFailure), deterministic, every line accounted for."""
    p = pipeline()
    first = p.clean(text)
    again = p.clean(text)
    assert (again.text, again.findings, again.dropped) == (first.text, first.findings, first.dropped)
    accounted(text, first)


def check_idempotent(text: str) -> None:
    first = pipeline().clean(text)
    if first.dropped is None:
        second = pipeline().clean(first.text)
        assert second.text == first.text, "not idempotent"
        assert [f for f in second.findings if f.action != "flag"] == []


@SETTINGS
@given(texts())
def test_default_pipeline_on_any_text(text: str) -> None:
    check(text)


# Known: rules that judge a line by its neighbours see new neighbours on the
# second pass (the example below).  Not strict: hypothesis may or may not find
# a case in a given run; the explicit example is the strict check.
@SETTINGS
@given(texts())
def test_default_pipeline_is_idempotent(text: str) -> None:
    check_idempotent(text)


NOT_IDEMPOTENT = [
    # once failed: contact kept "qq:…" (article lines around it), then boilerplate removed
    # line 1; on a second pass "qq:…" was first, outside the article, and contact removed it.
    # Fixed by running boilerplate-lines before contact-block.
    "今天上午，市图书馆举办了古籍修复讲座。©2024 版权所有\nqq:123456789\n"
    "今天上午，市图书馆举办了古籍修复讲座。今天上午，市图书馆举办了古籍修复讲座。",
    # once failed (found by hypothesis): the kana of a contact line made the page Japanese,
    # so t2s left it alone; contact removed that line, and a second pass, seeing Chinese,
    # converted. Fixed: the language is decided again on what a round left, and when it
    # changes every rule runs again.
    "讀者可以在週末參觀修復工作室。\n电话:010-12345678お问い合わせ",
]


@pytest.mark.parametrize("text", NOT_IDEMPOTENT)
def test_once_not_idempotent(text: str) -> None:
    check_idempotent(text)


@SETTINGS
@given(surrogate_text())
def test_default_pipeline_on_lone_surrogates(text: str) -> None:
    check(text)


@SETTINGS
@given(texts())
def test_fold_lines_is_fold_text_per_line(text: str) -> None:
    lines = split_lines(text)[0]
    assert fold_module.fold_lines(lines) == [fold_module.fold_text(x) for x in lines]


@SETTINGS
@given(texts())
def test_lexicon_by_line_is_longest_per_line(text: str) -> None:
    lexicon = spam_lexicon()
    folded = fold_module.fold_lines(split_lines(text)[0])
    expected = {i: hits for i, line in enumerate(folded) if (hits := lexicon.longest(line))}
    assert lexicon.by_line(folded) == expected


@SETTINGS
@given(st.lists(st.sampled_from(["a", "b", "", "国产精品", "地址:北京"]), max_size=12), st.integers(0, 12))
def test_doc_context_per_line_computes_each_line_once(lines: list[str], cut: int) -> None:
    """The memo the contextual kinds use between rounds: a later call on what
    is left of the page computes only the lines it has not seen."""
    ctx = DocContext()
    seen: list[str] = []

    def compute(new: list[str]) -> list[int]:
        seen.extend(new)
        return [len(x) for x in new]

    assert ctx.per_line("k", lines, compute) == [len(x) for x in lines]
    rest = [*lines[cut:], "new line"]
    assert ctx.per_line("k", rest, compute) == [len(x) for x in rest]
    assert sorted(seen) == sorted({*lines, "new line"})


@lru_cache(maxsize=1)
def spam_lexicon() -> Lexicon:
    return Lexicon.of(lexicon_words())


@SETTINGS
@given(texts())
def test_opencc_batch_equals_per_line(text: str) -> None:
    impl = next(r.impl for r in pipeline().rules if r.kind == "opencc")
    assert isinstance(impl, OpenCCConvert)
    lines = split_lines(text)[0]
    assert impl._batch(lines) == [impl._convert(line) for line in lines]


def test_a_line_left_alone_by_a_neighbour_rule_is_reconsidered_once_its_neighbour_goes() -> None:
    # keyword-farms keeps `about` while a contact line separates it from the
    # sentence it splits; contact (a later rule) then removes that line, and a
    # second round lets keyword-farms see the new neighbours: idempotent.
    sentence = "今天上午，市图书馆举办了古籍修复讲座。"
    text = f"{sentence}、\n\n电话:010-12345678\nabout\n、{sentence}\n"
    first = pipeline().clean(text)
    assert "about" not in first.text and "电话" not in first.text
    assert pipeline().clean(first.text).text == first.text
    accounted(text, first)
