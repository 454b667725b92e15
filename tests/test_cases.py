"""Rule cases as data: tests/cases/<kind>.yaml, one parametrised runner.

Each file holds ``rule:`` (the options of one rule of that kind; word lists
may use ``default:lexicon/…``) and ``cases:``, each with ``name``, ``input``,
and either ``output`` or nothing (the input must come back unchanged), and
optionally ``corpus`` (other documents of the run, for repeated-lines),
``findings``: a list of ``{line, action}`` expected in that order,
``dropped: true`` when a rule must drop the whole document (its text is then
empty and there is nothing to clean again), and ``xfail: reason`` for a known
failure (strict).  Every other case is also checked for idempotence: cleaning
the output again changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cleaner.config import load_rule_set
from cleaner.kinds.repeated_lines import CorpusCounts, file_keys
from cleaner.pipeline import Pipeline, split_lines

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(path.stem, spec["rule"], case, id=f"{path.stem}:{case['name']}", marks=marks))
    return params


def _pipeline(kind: str, rule: dict[str, Any], case: dict[str, Any], tmp_path: Path) -> Pipeline:
    doc = {"version": 1, "rules": [{"id": f"test-{kind}", "kind": kind, **(rule or {})}]}
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    corpus = None
    if "corpus" in case:  # other documents of the run, for repeated-lines
        corpus = CorpusCounts()
        for text in [case["input"], *case["corpus"]]:
            corpus.add(file_keys(split_lines(text)[0]))  # one folder: the run is the site
    return Pipeline(load_rule_set(str(path)), corpus=corpus)


@pytest.mark.parametrize(("kind", "rule", "case"), _load())
def test_case(kind: str, rule: dict[str, Any], case: dict[str, Any], tmp_path: Path) -> None:
    pipeline = _pipeline(kind, rule, case, tmp_path)
    text = case["input"]
    expected = case.get("output", text)
    result = pipeline.clean(text)
    if case.get("dropped"):
        assert result.dropped is not None, "document was not dropped"
        assert result.text == ""
    else:
        assert result.dropped is None, f"document dropped: {result.dropped}"
        assert result.text == expected
    if "findings" in case:
        got = [{"line": f.line, "action": f.action} for f in result.findings]
        assert got == case["findings"]
    if case.get("dropped"):
        return  # a dropped document has no text to clean again
    again = pipeline.clean(result.text)
    assert again.text == result.text, "not idempotent"
    assert [f for f in again.findings if f.action != "flag"] == [], "second pass still finds something"


def test_every_kind_has_cases() -> None:
    from cleaner.registry import KINDS

    have = {p.stem for p in CASES.glob("*.yaml")}
    assert set(KINDS) <= have, f"kinds without cases: {sorted(set(KINDS) - have)}"
