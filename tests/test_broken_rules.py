"""Broken rule files: one line ``path:line:col: message`` on stderr, exit 2, nothing run.

The files live in tests/broken_rules/; index.yaml maps each to the line,
column and a fragment of the message the loader must print.  Every file is
run through ``cleaner run --rules FILE`` in-process (an escaping exception
fails the test); a few that once crashed the interpreter or could execute
code also run as a real process.  A catastrophic regex is not a rule-file
error: it is cut off per match, and only the file that triggers it fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from clirun import cli

HERE = Path(__file__).parent / "broken_rules"
INDEX: dict[str, dict[str, Any]] = yaml.safe_load((HERE / "index.yaml").read_text(encoding="utf-8"))
MARKER = "cleaner-was-here"  # what python-object-apply.yaml would `touch` if it ran
IN_A_PROCESS = [
    "python-object-apply.yaml",
    "python-name-tag.yaml",
    "deep-nesting.yaml",
    "recursive-alias.yaml",
    "billion-laughs.yaml",
    "nul-byte.yaml",
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A source tree of one page; the current directory is tmp_path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "page.txt").write_text("正文第一段。\n", encoding="utf-8")
    return tmp_path


def _check_one_line(err: str, path: Path, spec: dict[str, Any]) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {lines!r}"
    prefix = f"{path}:{spec['line']}:{spec['col']}: "
    assert lines[0].startswith(prefix), f"{lines[0]!r} does not start with {prefix!r}"
    assert spec["message"] in lines[0]
    assert "Traceback" not in err


def test_index_lists_every_file() -> None:
    on_disk = {p.name for p in HERE.glob("*.yaml")} - {"index.yaml"}
    assert on_disk == set(INDEX)
    assert len(INDEX) >= 25


@pytest.mark.parametrize("name", sorted(INDEX))
def test_broken_rule_file(name: str, tree: Path) -> None:
    path = HERE / name
    run = cli("run", "src", "--out", "out", "--rules", str(path))
    assert run.code == 2
    _check_one_line(run.err, path, INDEX[name])
    assert run.out == ""
    assert not (tree / "out").exists(), "the rule set must be refused before anything is written"
    assert not (tree / MARKER).exists(), "a YAML tag executed code"


@pytest.mark.parametrize("name", IN_A_PROCESS)
def test_broken_rule_file_in_a_process(name: str, tree: Path) -> None:
    path = HERE / name
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "run", "src", "--out", "out", "--rules", str(path)],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    _check_one_line(proc.stderr, path, INDEX[name])
    assert not (tree / MARKER).exists(), "a YAML tag executed code"


@pytest.mark.parametrize(("spec", "message"), [("missing.yaml", "No such file or directory"), (".", "Is a directory")])
def test_unreadable_rule_file(spec: str, message: str, tree: Path) -> None:
    run = cli("run", "src", "--out", "out", "--rules", spec)
    assert run.code == 2
    assert run.err.splitlines() == [f"{spec}: cannot read rule file: {message}"]


def test_loader_is_fast_on_alias_bombs() -> None:
    from cleaner.config import load_rule_set
    from cleaner.errors import ConfigError

    started = time.perf_counter()
    with pytest.raises(ConfigError):
        load_rule_set(str(HERE / "billion-laughs.yaml"))
    assert time.perf_counter() - started < 5


# --- a catastrophic regex ---------------------------------------------------------
# `(a|a)+b` backtracks 2**n ways on n a's without a b; the `regex` module does not
# short-cut it (unlike `^(a+)+$`): 20 a's take ~0.5 s, 40 would take days.
CATASTROPHIC = """\
version: 1
rules:
  - id: slow
    kind: regex-lines
    pattern: "(a|a)+b"
    timeout: 0.2
"""


def test_catastrophic_regex_is_cut_off(tree: Path) -> None:
    src = tree / "src"
    (src / "bomb.txt").write_text("正文\n" + "a" * 60 + "\n", encoding="utf-8")
    (src / "fine.txt").write_text("正文\naab\n", encoding="utf-8")
    rules = tree / "slow.yaml"
    rules.write_text(CATASTROPHIC, encoding="utf-8")
    started = time.perf_counter()
    run = cli("run", "src", "--out", "out", "--rules", str(rules), "--jobs", "1")
    assert time.perf_counter() - started < 30
    assert run.code == 1
    records = {r["path"]: r for r in map(json.loads, (tree / "out" / "audit.jsonl").read_text().splitlines())}
    assert records["bomb.txt"]["status"] == "error"
    assert "timed out on line 2" in records["bomb.txt"]["reason"]
    assert "bomb.txt: error: rule 'slow' (regex-lines): pattern timed out" in run.err
    assert not (tree / "out" / "bomb.txt").exists()
    assert records["fine.txt"]["status"] == "cleaned"
    assert (tree / "out" / "fine.txt").read_text(encoding="utf-8") == "正文\n"
    assert (tree / "out" / "page.txt").read_text(encoding="utf-8") == "正文第一段。\n"
