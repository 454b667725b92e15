"""`cleaner rules list|show|validate|test`, through click's CliRunner.

Rule files are written into tmp_path; most use kinds without word lists
(regex-lines, regex-replace, opencc, blank-lines) so each test builds its
rule set in milliseconds.  The shipped rule set is tested as CI runs it, and
a copy of it with one example broken must fail with a readable diff.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from clirun import cli

from cleaner.config import COMMON_KEYS, load_rule_set
from cleaner.errors import ConfigError
from cleaner.paths import shipped_rules_dir
from cleaner.registry import KINDS, kind_class
from cleaner.rules_cmd import option_rows

BROKEN = Path(__file__).parent / "broken_rules"
HEAD = re.compile(
    r"^(?P<path>.+):(?P<line>\d+): rule '(?P<rule>[\w-]+)' \((?P<kind>[\w-]+)\): example (?P<n>\d+), (?P<check>.+)$"
)


def rules_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\nrules:\n" + body, encoding="utf-8")
    return str(path)


def heads(out: str) -> list[dict[str, str]]:
    return [m.groupdict() for line in out.splitlines() if (m := HEAD.match(line))]


# --- rules test: the shipped rule set and a broken copy ----------------------
def test_default_rule_examples_pass() -> None:
    run = cli("rules", "test")
    assert run.out == ""
    assert run.code == 0
    assert re.fullmatch(r"cleaner: (\d+) examples of \d+ rules: \1 passed, 0 failed\n", run.err)


def test_broken_copy_of_default_rules_fails_with_a_diff(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(shipped_rules_dir(), copy)
    path = copy / "default.yaml"
    text = path.read_text(encoding="utf-8")
    good = 'output: "微信公众平台一直都在不断的更新"'
    assert good in text
    path.write_text(text.replace(good, 'output: "微信公眾平台一直都在不断的更新"'), encoding="utf-8")
    line = text[: text.index(good)].count("\n")  # the `- input:` line just above
    run = cli("rules", "test", str(path))
    assert run.code == 1
    ours = [h for h in heads(run.out) if h["rule"] == "t2s"]
    assert ours == [
        {"path": str(path), "line": str(line), "rule": "t2s", "kind": "opencc", "n": "1", "check": "in isolation"}
    ]
    block = run.out[run.out.index(f"{path}:{line}:") :]
    assert block.splitlines()[1:6] == [
        "--- expected",
        "+++ actual",
        "@@ -1 +1 @@",
        "-微信公眾平台一直都在不断的更新",
        "+微信公众平台一直都在不断的更新",
    ]
    assert re.search(r"cleaner: \d+ examples of \d+ rules: \d+ passed, [1-9]\d* failed", run.err)


# --- rules test: the semantics ---------------------------------------------
PHP = """\
  - id: php
    kind: regex-lines
    pattern: '^Warning: '
"""


def test_examples_pass_in_isolation_and_through_the_set(tmp_path: Path) -> None:
    body = (
        PHP
        + """\
    examples:
      - input: "Warning: x\\n正文在這裡"
        output: "正文在這裡"
      - input: "Note: y"
        unchanged: true
  - id: t2s
    kind: opencc
  - id: blank
    kind: blank-lines
    examples:
      - input: "\\n\\na\\n"
        output: "a\\n"
"""
    )
    run = cli("rules", "test", rules_file(tmp_path, body))
    # through the set, t2s rewrites 這裡 in both texts: a transformation, not a failure
    assert (run.code, run.out) == (0, "")
    assert run.err == "cleaner: 3 examples of 2 rules: 3 passed, 0 failed\n"


def test_wrong_output_in_isolation(tmp_path: Path) -> None:
    body = (
        PHP
        + """\
    examples:
      - input: "Warning: x\\nkeep"
        unchanged: true
"""
    )
    path = rules_file(tmp_path, body)
    run = cli("rules", "test", path)
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{path}:7: rule 'php' (regex-lines): example 1, in isolation",
        "--- expected",
        "+++ actual",
        "@@ -1,2 +1 @@",
        "-Warning: x",
        " keep",
    ]
    assert run.err == "cleaner: 1 examples of 1 rules: 0 passed, 1 failed\n"


def test_an_earlier_rule_that_stops_the_change_fails_through_the_set(tmp_path: Path) -> None:
    body = (
        """\
  - id: soften
    kind: regex-replace
    pattern: '^Warning'
    replacement: 'Hint'
"""
        + PHP
        + """\
    examples:
      - input: "Warning: x\\nkeep"
        output: "keep"
"""
    )
    run = cli("rules", "test", rules_file(tmp_path, body))
    assert run.code == 1
    (head,) = heads(run.out)
    assert head["rule"] == "php"
    assert head["check"].startswith("through the whole set (expected:")
    assert "+Hint: x" in run.out.splitlines()


def test_other_rules_removing_content_of_the_output_fail(tmp_path: Path) -> None:
    body = (
        PHP
        + """\
    examples:
      - input: "Warning: x\\nkeep this"
        output: "keep this"
  - id: greedy
    kind: regex-lines
    pattern: 'keep'
    reason: too greedy
"""
    )
    run = cli("rules", "test", rules_file(tmp_path, body))
    assert run.code == 1
    (head,) = heads(run.out)
    assert head["check"] == "through the whole set: other rules remove content of `output`"
    assert "  note: rule 'greedy' removes line 1: too greedy" in run.out.splitlines()
    assert "-keep this" in run.out.splitlines()


def test_idempotence_in_isolation(tmp_path: Path) -> None:
    body = """\
  - id: double
    kind: regex-replace
    pattern: 'a'
    replacement: 'aa'
    examples:
      - input: "a"
        output: "aa"
"""
    run = cli("rules", "test", rules_file(tmp_path, body))
    assert run.code == 1
    (head,) = heads(run.out)
    assert head["check"] == "in isolation, applied to its own output (idempotence)"
    assert "+aaaa" in run.out.splitlines()


def test_disabled_rule_is_tested_in_isolation_only(tmp_path: Path) -> None:
    body = (
        PHP
        + """\
    enabled: false
    examples:
      - input: "Warning: x\\nkeep this"
        output: "keep this"
  - id: greedy
    kind: regex-lines
    pattern: 'keep'
"""
    )
    run = cli("rules", "test", rules_file(tmp_path, body))
    assert (run.code, run.out) == (0, "")


def test_a_drop_counts_as_empty_text(tmp_path: Path) -> None:
    body = """\
  - id: lang
    kind: language
    allow: [en]
    action: drop
    examples:
      - input: "我爱北京天安门"
        output: ""
"""
    run = cli("rules", "test", rules_file(tmp_path, body))
    assert (run.code, run.out) == (0, "")


def test_final_newline_difference_is_named(tmp_path: Path) -> None:
    body = """\
  - id: blank
    kind: blank-lines
    examples:
      - input: "a\\n\\n"
        output: "a"
"""
    run = cli("rules", "test", rules_file(tmp_path, body))
    assert run.code == 1
    assert run.out.splitlines()[1] == (
        "  (only the final newline differs: expected has no final newline, actual ends with a newline)"
    )


def test_rule_file_error_exits_2() -> None:
    run = cli("rules", "test", str(BROKEN / "unknown-kind.yaml"))
    assert run.code == 2
    assert run.err.startswith(f"{BROKEN / 'unknown-kind.yaml'}:4:11: ")


# --- rules list / show -------------------------------------------------------
def test_list_without_rules_lists_every_kind() -> None:
    run = cli("rules", "list")
    assert run.code == 0
    names = [line.split()[0] for line in run.out.splitlines()]
    assert names == sorted(KINDS)
    for line in run.out.splitlines():
        name = line.split()[0]
        assert line.endswith(kind_class(name).summary())


@pytest.mark.parametrize("how", ["arg", "option"])
def test_list_with_rules_lists_its_rules(tmp_path: Path, how: str) -> None:
    path = rules_file(tmp_path, PHP + "    enabled: false\n  - id: blank\n    kind: blank-lines\n")
    run = cli("rules", "list", path) if how == "arg" else cli("rules", "list", "--rules", path)
    assert run.code == 0
    assert [line.split() for line in run.out.splitlines()] == [
        ["id", "kind", "enabled", "examples"],
        ["php", "regex-lines", "no", "0"],
        ["blank", "blank-lines", "yes", "0"],
    ]


def test_list_default_names_every_rule() -> None:
    run = cli("rules", "list", "default")
    assert run.code == 0
    ids = [line.split()[0] for line in run.out.splitlines()[1:]]
    assert ids == [r.id for r in load_rule_set(None).rules]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_show_names_every_option_and_common_key(kind: str) -> None:
    run = cli("rules", "show", kind)
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == f"kind: {kind}"
    listed = {line.split()[0] for line in lines if line.startswith("  ") and line.rstrip().endswith(")")}
    options = {name for name, _, _ in option_rows(kind_class(kind))}
    assert options | (set(COMMON_KEYS) - {"kind"}) <= listed
    module_doc = sys.modules[kind_class(kind).__module__].__doc__ or ""
    assert module_doc.strip().splitlines()[0] in lines  # the user documentation follows


def test_show_types_and_defaults() -> None:
    out = cli("rules", "show", "keyword-lines").out
    assert re.search(r"^  lexicons +list of word-list paths +\(required\)$", out, re.M)
    assert re.search(r"^  min_items +int +\(default: 3\)$", out, re.M)
    out = cli("rules", "show", "language").out
    assert re.search(r"^  action +one of tag, drop, flag +\(default: 'tag'\)$", out, re.M)
    assert re.search(r"^  allow +list of str +\(default: \[\]\)$", out, re.M)
    out = cli("rules", "show", "regex-lines").out
    assert re.search(r"^  pattern +regex +\(required\)$", out, re.M)
    out = cli("rules", "show", "contact-block").out
    assert re.search(r"^  audit +one of full, redacted, hash +\(default: redacted\)$", out, re.M)


def test_show_unknown_kind() -> None:
    run = cli("rules", "show", "keyword-line")
    assert run.code == 2
    assert run.err == (
        "cleaner: unknown kind 'keyword-line' (did you mean 'keyword-lines'?); `cleaner rules list` shows them all\n"
    )


# --- rules validate ---------------------------------------------------------
@pytest.mark.parametrize(
    "path", sorted(p for p in BROKEN.glob("*.yaml") if p.name != "index.yaml"), ids=lambda p: p.name
)
def test_validate_reports_the_load_error(path: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        load_rule_set(str(path))
    run = cli("rules", "validate", str(path))
    assert run.code == 2
    assert run.out == ""
    assert run.err == f"{exc.value}\n"
    assert len(run.err.splitlines()) == 1


def test_validate_ok(tmp_path: Path) -> None:
    path = rules_file(tmp_path, PHP + "  - id: blank\n    kind: blank-lines\n    enabled: false\n")
    run = cli("rules", "validate", path)
    assert run.code == 0
    assert re.fullmatch(re.escape(path) + r": OK: 2 rules \(1 enabled\), 0 examples; sha256 [0-9a-f]{12}\n", run.out)


def test_validate_default() -> None:
    run = cli("rules", "validate", "default")
    assert run.code == 0
    assert run.out.startswith("default: OK: ")
