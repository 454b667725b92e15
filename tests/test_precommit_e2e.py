"""The hooks through the real `pre-commit` program, on a temporary data repository.

pre-commit installs the hook with pip from this project at a commit, so this
also checks that the shipped rules are inside the wheel.  The commit is HEAD
when the work tree is clean (CI's fresh clone); otherwise it is a snapshot of
the work tree (tracked and untracked, non-ignored files) committed to a
temporary repository, so a developer tests what they are about to commit.
PRE_COMMIT_HOME is a temporary directory shared by the tests of this module:
the hook environment is built once (pip's own cache makes later builds fast).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SPAM_LINE = "国产精品-久久久久-一区二区三区-免费视频-在线观看-无码专区"
ARTICLE = "春天来了，小区门口的樱花开得正好。\n周末早上，很多居民带着孩子到河边散步，空气里都是青草的味道。\n"
CONTACT = "联系方式:\n地址:济南市历下区泉城路88号\n电话:0531-86123456\n邮编:250011\n"
SPAMMY = SPAM_LINE + "\n" + ARTICLE + CONTACT
CONFIG = """\
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: cleaner-check
        alias: check-pages
        files: ^pages/
      - id: cleaner-fix
        files: ^pages/
      - id: cleaner-check
        alias: check-notes
        name: cleaner check (notes, own rules)
        files: ^notes/
        args: [--rules=cleaning/rules.yaml]
"""
OWN_RULES = """\
version: 1
rules:
  - id: no-ads
    kind: keyword-lines
    lexicons: [words/ads.txt]
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git (pre-commit clones the hook with it)")


def git(cwd: Path, *args: str) -> str:
    identity = ["-c", "user.name=cleaner tests", "-c", "user.email=tests@cleaner.invalid", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def _snapshot(dest: Path) -> Path:
    """The work tree's files, committed to a new repository at ``dest``."""
    listed = git(PROJECT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for rel in filter(None, listed):
        src = PROJECT / rel
        if src.is_file() or src.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel, follow_symlinks=False)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot of the work tree")
    return dest


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(repository, commit) pre-commit installs the hooks from."""
    try:
        dirty = git(PROJECT, "status", "--porcelain", "--untracked-files=normal").strip()
    except subprocess.CalledProcessError:
        pytest.skip(f"{PROJECT} is not a git checkout")
    repo = _snapshot(tmp_path_factory.mktemp("hook-repo")) if dirty else PROJECT
    return repo, git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def data_repo(tmp_path: Path, hook_repo: tuple[Path, str]) -> Iterator[Path]:
    repo = tmp_path / "data"
    (repo / "pages").mkdir(parents=True)
    (repo / "notes").mkdir()
    (repo / "cleaning" / "words").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "cleaner tests")
    git(repo, "config", "user.email", "tests@cleaner.invalid")
    source, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(CONFIG.format(repo=source, rev=rev), encoding="utf-8")
    (repo / "cleaning" / "rules.yaml").write_text(OWN_RULES, encoding="utf-8")
    (repo / "cleaning" / "words" / "ads.txt").write_text("甲乙丙丁\n戊己庚辛\n壬癸子丑\n寅卯辰巳\n", encoding="utf-8")
    yield repo


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"}
    env["PRE_COMMIT_HOME"] = str(home)
    cmd = [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args]
    return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def commit(repo: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "pages")


def test_fix_fails_and_cleans_then_passes(data_repo: Path, pre_commit_home: Path) -> None:
    commit(data_repo, {"pages/spam.txt": SPAMMY, "pages/clean.txt": ARTICLE, "README.txt": SPAMMY})
    first = pre_commit(data_repo, pre_commit_home, "cleaner-fix", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    page = (data_repo / "pages" / "spam.txt").read_text(encoding="utf-8")
    assert SPAM_LINE not in page and "邮编" not in page
    assert all(line in page for line in ARTICLE.splitlines())
    assert (data_repo / "pages" / "clean.txt").read_text(encoding="utf-8") == ARTICLE
    assert (data_repo / "README.txt").read_text(encoding="utf-8") == SPAMMY  # outside `files:`
    audit = (data_repo / ".cleaner" / "audit.jsonl").read_text(encoding="utf-8")
    assert '"path":"pages/spam.txt"' in audit and '"status":"cleaned"' in audit
    second = pre_commit(data_repo, pre_commit_home, "cleaner-fix", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr


def test_check_fails_on_a_dirty_page_without_modifying_it(data_repo: Path, pre_commit_home: Path) -> None:
    commit(data_repo, {"pages/spam.txt": SPAMMY})
    run = pre_commit(data_repo, pre_commit_home, "cleaner-check", "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "pages/spam.txt:1:1: " in run.stdout
    assert "files were modified" not in run.stdout
    assert (data_repo / "pages" / "spam.txt").read_text(encoding="utf-8") == SPAMMY
    assert not (data_repo / ".cleaner").exists()
    assert not git(data_repo, "status", "--porcelain").strip()


def test_check_with_rules_argument_and_relative_word_list(data_repo: Path, pre_commit_home: Path) -> None:
    commit(data_repo, {"notes/n.txt": "甲乙丙丁-戊己庚辛-壬癸子丑-寅卯辰巳\n" + ARTICLE, "pages/clean.txt": ARTICLE})
    run = pre_commit(data_repo, pre_commit_home, "check-notes", "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "notes/n.txt:1:1: no-ads: " in run.stdout
    pages = pre_commit(data_repo, pre_commit_home, "check-pages", "--all-files")  # the default rules, pages/ only
    assert pages.returncode == 0, pages.stdout + pages.stderr


def test_check_and_fix_a_jsonl_file_of_pages(data_repo: Path, pre_commit_home: Path) -> None:
    records = [{"url": "https://example.org/a", "text": SPAMMY}, {"url": "https://example.org/b", "text": ARTICLE}]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    commit(data_repo, {"pages/crawl.jsonl": lines})
    check = pre_commit(data_repo, pre_commit_home, "check-pages", "--all-files")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "pages/crawl.jsonl:record 0:line 1: spam-keywords: removes line: " in check.stdout
    assert "record 1:" not in check.stdout
    assert (data_repo / "pages" / "crawl.jsonl").read_text(encoding="utf-8") == lines
    fix = pre_commit(data_repo, pre_commit_home, "cleaner-fix", "--all-files")
    assert fix.returncode == 1 and "files were modified by this hook" in fix.stdout, fix.stdout + fix.stderr
    got = [json.loads(line) for line in (data_repo / "pages" / "crawl.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in got] == [r["url"] for r in records]
    assert SPAM_LINE not in got[0]["text"] and ARTICLE.splitlines()[0] in got[0]["text"]
    assert (data_repo / "pages" / "crawl.jsonl").read_text(encoding="utf-8").splitlines()[1] == lines.splitlines()[1]
    audit = [json.loads(line) for line in (data_repo / ".cleaner" / "audit.jsonl").read_text().splitlines()]
    assert [(a["path"], a.get("record")) for a in audit] == [("pages/crawl.jsonl", None), ("pages/crawl.jsonl", 0)]
    again = pre_commit(data_repo, pre_commit_home, "cleaner-fix", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
