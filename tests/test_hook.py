"""`cleaner check` and `cleaner fix`: the hook modes, through click's CliRunner.

Pages are written into tmp_path (the current directory of every test), so a
default audit never lands in the project.  They use the default rule set only
for what it removes reliably: a line of spam keywords and a 联系方式 block.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from clirun import cli

from cleaner.cli import main

SPAM_LINE = "国产精品-久久久久-一区二区三区-免费视频-在线观看-无码专区"
ARTICLE = ["春天来了，小区门口的樱花开得正好。", "周末早上，很多居民带着孩子到河边散步，空气里都是青草的味道。"]
CONTACT = ["联系方式:", "地址:济南市历下区泉城路88号", "电话:0531-86123456", "邮编:250011"]
SPAMMY = "\n".join([SPAM_LINE, *ARTICLE, *CONTACT]) + "\n"
CLEAN = "\n".join(ARTICLE) + "\n"
FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[\w-]+): .+ \((?P<kind>[\w-]+)\)$")
HAS_GIT = shutil.which("git") is not None


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def page(name: str, text: str, newline: str = "\n") -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def git_init(path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(path)], check=True)


# --- check ---------------------------------------------------------------------------------------


def test_check_clean_file_exits_0_and_prints_no_finding() -> None:
    page("clean.txt", CLEAN)
    run = cli("check", "clean.txt")
    assert run.code == 0, run.err
    assert run.out == ""
    assert "0 file(s) would change" in run.err


def test_check_spammy_file_exits_1_reports_findings_and_writes_nothing(in_tmp: Path) -> None:
    path = page("spam.txt", SPAMMY)
    before = path.read_bytes()
    run = cli("check", "spam.txt")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines, run.err
    assert all(FINDING.match(line) for line in lines), lines
    found = [FINDING.match(line) for line in lines]
    assert {(m["path"], m["line"], m["col"]) for m in found if m} >= {("spam.txt", "1", "1"), ("spam.txt", "7", "1")}
    assert [int(m["line"]) for m in found if m] == sorted(int(m["line"]) for m in found if m)
    assert "1 file(s) would change" in run.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in in_tmp.iterdir()) == ["spam.txt"]  # no audit, no temporary file


def test_check_diff_prints_a_unified_diff_that_applies(in_tmp: Path) -> None:
    path = page("spam.txt", SPAMMY)
    run = cli("check", "--diff", "spam.txt")
    assert run.code == 1
    assert run.out.startswith("--- a/spam.txt\n+++ b/spam.txt\n@@ ")
    assert f"-{SPAM_LINE}\n" in run.out and f" {ARTICLE[0]}\n" in run.out
    assert not FINDING.search(run.out.splitlines()[-1])
    assert path.read_text(encoding="utf-8") == SPAMMY
    if HAS_GIT:
        subprocess.run(["git", "apply", "-"], input=run.out.encode(), cwd=in_tmp, check=True)
        assert cli("check", "spam.txt").code == 0


def test_diff_marks_a_missing_final_newline() -> None:
    page("tail.txt", CLEAN + SPAM_LINE)  # the spam line is last and has no newline
    run = cli("check", "--diff", "tail.txt")
    assert run.code == 1
    assert f"-{SPAM_LINE}\n\\ No newline at end of file\n" in run.out


# --- fix -----------------------------------------------------------------------------------------


def test_fix_rewrites_then_second_run_exits_0() -> None:
    path = page("spam.txt", SPAMMY)
    first = cli("fix", "--audit", "audit.jsonl", "spam.txt")
    assert first.code == 1, first.err
    text = path.read_text(encoding="utf-8")
    assert SPAM_LINE not in text and "邮编" not in text and "电话" not in text
    assert all(line in text for line in ARTICLE)
    assert "1 file(s) fixed" in first.err
    after = path.read_bytes()
    second = cli("fix", "--audit", "audit.jsonl", "spam.txt")
    assert second.code == 0, second.out + second.err
    assert second.out == ""
    assert path.read_bytes() == after
    assert cli("check", "spam.txt").code == 0


def test_fix_keeps_crlf() -> None:
    path = page("crlf.txt", SPAMMY, newline="\r\n")
    assert cli("fix", "--audit", "audit.jsonl", "crlf.txt").code == 1
    data = path.read_bytes()
    assert SPAM_LINE.encode() not in data
    assert data.count(b"\r\n") == data.count(b"\n") >= len(ARTICLE)


@pytest.mark.parametrize("mode", [0o640, 0o755])
def test_fix_keeps_permissions(mode: int) -> None:
    path = page("spam.txt", SPAMMY)
    path.chmod(mode)
    assert cli("fix", "--audit", "audit.jsonl", "spam.txt").code == 1
    assert SPAM_LINE not in path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o7777 == mode


def test_fix_writes_utf8_and_names_the_original_encoding() -> None:
    path = Path("gbk.txt")
    path.write_bytes(SPAMMY.encode("gb18030"))
    run = cli("fix", "--audit", "audit.jsonl", "gbk.txt")
    assert run.code == 1
    text = path.read_bytes().decode("utf-8")  # strict: the rewritten file is UTF-8
    assert SPAM_LINE not in text and ARTICLE[0] in text
    assert "gbk.txt: note: read as gb18030" in run.out


def test_fix_through_a_symlink_rewrites_the_target_and_keeps_the_link() -> None:
    target = page("real/spam.txt", SPAMMY)
    link = Path("link.txt")
    link.symlink_to(target)
    assert cli("fix", "--audit", "audit.jsonl", "link.txt").code == 1
    assert link.is_symlink()
    assert SPAM_LINE not in target.read_text(encoding="utf-8")


def test_fix_leaves_no_temporary_file(in_tmp: Path) -> None:
    page("pages/spam.txt", SPAMMY)
    assert cli("fix", "--audit", "audit.jsonl", "pages/spam.txt").code == 1
    assert [p.name for p in (in_tmp / "pages").iterdir()] == ["spam.txt"]


def test_binary_missing_and_directory_are_reported_and_the_others_still_processed() -> None:
    Path("image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    Path("nul.txt").write_bytes(b"text\x00with\x00nuls\n" * 10)
    Path("folder").mkdir()
    spam = page("spam.txt", SPAMMY)
    clean = page("clean.txt", CLEAN)
    run = cli("fix", "--audit", "audit.jsonl", "image.png", "missing.txt", "nul.txt", "folder", "spam.txt", "clean.txt")
    assert run.code == 1
    assert SPAM_LINE not in spam.read_text(encoding="utf-8")
    assert clean.read_text(encoding="utf-8") == CLEAN
    err = run.err.splitlines()
    assert any(line.startswith("image.png: skipped: binary file") for line in err), err
    assert any(line.startswith("nul.txt: skipped: binary file") for line in err), err
    assert any(line.startswith("missing.txt: error: cannot read") for line in err), err
    assert any(line.startswith("folder: error: cannot read") for line in err), err
    assert Path("image.png").read_bytes().startswith(b"\x89PNG")


def test_a_file_that_fails_alone_makes_check_exit_1() -> None:
    page("clean.txt", CLEAN)
    run = cli("check", "missing.txt", "clean.txt")
    assert run.code == 1
    assert "missing.txt: error: cannot read" in run.err
    assert "1 failed" in run.err


def test_binary_file_alone_is_skipped_not_failed() -> None:
    Path("image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    run = cli("check", "image.png")
    assert run.code == 0
    assert "image.png: skipped: binary file (PNG image)" in run.err


# --- audit ---------------------------------------------------------------------------------------


def test_audit_is_appended_to_the_given_path() -> None:
    audit = Path("logs/audit.jsonl")
    audit.parent.mkdir()
    audit.write_text('{"earlier": true}\n', encoding="utf-8")
    page("a.txt", SPAMMY)
    page("b.txt", CLEAN)
    assert cli("fix", "--audit", str(audit), "a.txt", "b.txt").code == 1
    page("c.txt", SPAMMY, newline="\r\n")
    assert cli("fix", "--audit", str(audit), "c.txt", "a.txt").code == 1
    records = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert records[0] == {"earlier": True}
    assert [(r["path"], r["status"]) for r in records[1:]] == [("a.txt", "cleaned"), ("c.txt", "cleaned")]
    removed = [f for rule in records[1]["rules"] for f in rule["findings"] if f["action"] == "remove"]
    assert any(f.get("line") == 1 for f in removed)


def test_a_run_that_changes_nothing_leaves_the_audit_alone() -> None:
    page("clean.txt", CLEAN)
    assert cli("fix", "--audit", "audit.jsonl", "clean.txt").code == 0
    assert not Path("audit.jsonl").exists()


@pytest.mark.skipif(not HAS_GIT, reason="needs git to find the repository root")
def test_default_audit_is_at_the_repository_root(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_init(in_tmp)
    page("pages/spam.txt", SPAMMY)
    monkeypatch.chdir(in_tmp / "pages")
    assert cli("fix", "spam.txt").code == 1
    records = (in_tmp / ".cleaner" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["status"] for r in records] == ["cleaned"]


def test_check_never_writes_an_audit(in_tmp: Path) -> None:
    page("spam.txt", SPAMMY)
    assert cli("check", "spam.txt").code == 1
    assert not (in_tmp / ".cleaner").exists()


# --- rules ---------------------------------------------------------------------------------------

RULES = """\
version: 1
rules:
  - id: {id}
    kind: regex-lines
    pattern: "^REMOVE-ME"
"""


def test_rules_option_wins_over_repo_rules() -> None:
    Path(".cleaner.yaml").write_text(RULES.format(id="from-repo"), encoding="utf-8")
    Path("mine.yaml").write_text(RULES.format(id="from-option"), encoding="utf-8")
    page("p.txt", "keep\nREMOVE-ME now\n")
    run = cli("check", "--rules", "mine.yaml", "p.txt")
    assert run.code == 1
    assert run.out.startswith("p.txt:2:1: from-option: removes line: ")
    assert "from-repo" not in run.out


def test_repo_rules_are_found_without_option() -> None:
    Path(".cleaner.yaml").write_text(RULES.format(id="from-repo"), encoding="utf-8")
    path = page("p.txt", "keep\nREMOVE-ME now\n")
    run = cli("fix", "--audit", "audit.jsonl", "p.txt")
    assert run.code == 1
    assert run.out.startswith("p.txt:2:1: from-repo: removes line: ")
    assert path.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.skipif(not HAS_GIT, reason="needs git to find the repository root")
def test_repo_rules_are_found_from_a_subdirectory(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_init(in_tmp)
    Path(".cleaner.yaml").write_text(RULES.format(id="from-repo"), encoding="utf-8")
    page("pages/p.txt", "keep\nREMOVE-ME now\n")
    monkeypatch.chdir(in_tmp / "pages")
    run = cli("check", "p.txt")
    assert run.code == 1
    assert run.out.startswith("p.txt:2:1: from-repo: ")


def test_without_rules_the_shipped_default_is_used() -> None:
    page("spam.txt", SPAMMY)
    assert cli("check", "--rules", "default", "spam.txt").out == cli("check", "spam.txt").out != ""


def test_word_lists_resolve_relative_to_the_rule_file(in_tmp: Path) -> None:
    conf = in_tmp / "conf"
    (conf / "words").mkdir(parents=True)
    (conf / "words" / "ads.txt").write_text("甲乙丙丁\n戊己庚辛\n壬癸子丑\n寅卯辰巳\n", encoding="utf-8")
    (conf / "rules.yaml").write_text(
        "version: 1\nrules:\n  - id: my-spam\n    kind: keyword-lines\n    lexicons: [words/ads.txt]\n",
        encoding="utf-8",
    )
    path = page("p.txt", "甲乙丙丁-戊己庚辛-壬癸子丑-寅卯辰巳\n" + CLEAN)
    run = cli("fix", "--rules", "conf/rules.yaml", "--audit", "audit.jsonl", "p.txt")
    assert run.code == 1, run.err
    assert path.read_text(encoding="utf-8") == CLEAN


def test_the_rule_file_and_the_audit_are_never_cleaned() -> None:
    text = RULES.format(id="r").replace("^REMOVE-ME", "REMOVE-ME")  # matches its own pattern line
    rules = page(".cleaner.yaml", text)
    audit = page("audit.jsonl", "REMOVE-ME\n")
    run = cli("fix", "--audit", "audit.jsonl", ".cleaner.yaml", "audit.jsonl")
    assert run.code == 0
    assert rules.read_text(encoding="utf-8") == text
    assert audit.read_text(encoding="utf-8") == "REMOVE-ME\n"
    assert ".cleaner.yaml: skipped: cleaner's own rule file" in run.err
    assert "audit.jsonl: skipped: cleaner's own audit log" in run.err


@pytest.mark.parametrize(
    "rules",
    [
        "version: 1\nrules:\n  - id: x\n    kind: regex-linez\n    pattern: a\n",  # unknown kind
        "version: 1\nrules:\n  - id: x\n    kind: regex-lines\n    patern: a\n",  # misspelt option
        "version: 1\nrules: [\n",  # YAML syntax
        "version: 1\nrules:\n  - id: x\n    kind: keyword-lines\n    lexicons: [missing.txt]\n",  # word list
    ],
)
def test_a_rule_file_error_exits_2_with_one_line(rules: str) -> None:
    Path("bad.yaml").write_text(rules, encoding="utf-8")
    path = page("spam.txt", SPAMMY)
    for mode in ("check", "fix"):
        run = cli(mode, "--rules", "bad.yaml", "spam.txt")
        assert run.code == 2
        assert run.out == ""
        assert len(run.err.splitlines()) == 1 and run.err.startswith("bad.yaml:"), run.err
    assert path.read_text(encoding="utf-8") == SPAMMY
    assert not Path(".cleaner").exists()


def test_a_missing_rule_file_exits_2() -> None:
    page("spam.txt", SPAMMY)
    run = cli("check", "--rules", "nope.yaml", "spam.txt")
    assert run.code == 2
    assert run.err.splitlines() == [run.err.strip()] and "nope.yaml" in run.err


def test_drop_only_flags_in_hook_modes() -> None:
    Path(".cleaner.yaml").write_text(
        "version: 1\nrules:\n  - id: english-only\n    kind: language\n    allow: [en]\n    action: drop\n",
        encoding="utf-8",
    )
    path = page("zh.txt", CLEAN)
    for mode in ("check", "fix"):
        run = cli(mode, "--audit", "audit.jsonl", "zh.txt") if mode == "fix" else cli(mode, "zh.txt")
        assert run.code == 1
        assert run.out.startswith("zh.txt:1:1: english-only: flags file: ")
        assert "1 flagged" in run.err
        assert path.read_text(encoding="utf-8") == CLEAN


def test_no_files_is_a_clean_run() -> None:
    assert cli("check").code == 0
    assert cli("fix", "--audit", "audit.jsonl").code == 0


def test_check_and_fix_agree_on_what_changes() -> None:
    names = ["a.txt", "b.txt", "c.txt"]
    for name, text in zip(names, [SPAMMY, CLEAN, SPAMMY.replace("\n", "\r\n")]):
        page(name, text)
    checked = cli("check", *names)
    fixed = cli("fix", "--audit", "audit.jsonl", *names)
    assert checked.out == fixed.out
    assert os.path.getsize("audit.jsonl") > 0


# --- the hooks file and its documentation stay in step with the CLI ------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_hooks_file_offers_check_and_fix_as_cli_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"cleaner-check", "cleaner-fix"}
    for hook_id, hook in by_id.items():
        assert hook["language"] == "python" and hook["types"] == ["text"]
        program, command = hook["entry"].split()
        assert program == "cleaner" and command == hook_id.removeprefix("cleaner-")
        assert command in main.commands
        assert re.search(hook["exclude"], ".cleaner/audit.jsonl") and re.search(hook["exclude"], ".cleaner.yaml")
        assert not re.search(hook["exclude"], "pages/.cleaner.txt")


def test_docs_show_both_hooks_and_the_audit_choices() -> None:
    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("id: cleaner-check", "id: cleaner-fix", "files:", "--rules=", ".cleaner/audit.jsonl", ".gitignore"):
        assert needle in docs, needle
