"""Re-runs: an unchanged tree rewrites nothing; new rules or --force clean again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.synth import make_corpus
from cleaner import runner
from cleaner.cli import main

RULES_A = """version: 1
rules:
  - id: pinyin
    kind: pinyin-annotations
  - id: repeated
    kind: repeated-lines
    min_files: 3
  - id: blank
    kind: blank-lines
    max_run: {max_run}
"""


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("pristine") / "src"
    make_corpus(src, 0.3, seed=21, sites=5)
    return src


@pytest.fixture
def src(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "src"
    shutil.copytree(pristine, copy)
    return copy


def run(src: Path, out: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out), "-j", "1", *args])
    assert result.exit_code == 0, result.output
    return result.output


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every output, the audit and the manifest: a rewrite changes them."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def rules(tmp_path: Path, max_run: int) -> str:
    path = tmp_path / f"rules-{max_run}.yaml"
    path.write_text(RULES_A.format(max_run=max_run), encoding="utf-8")
    return str(path)


def test_unchanged_tree_rewrites_nothing_and_cleans_nothing(
    src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run(src, out)
    before = stamps(out)
    assert "audit.jsonl" in before and ".cleaner/manifest.jsonl" in before and ".cleaner/corpus-counts.bin" in before

    def boom(*args: object) -> None:
        raise AssertionError("nothing should be read again")

    monkeypatch.setattr(runner, "process_file", boom)
    monkeypatch.setattr(runner, "corpus_counts", boom)  # the counts of an unchanged tree are cached
    output = run(src, out)
    files = sum(1 for p in src.rglob("*") if p.is_file())
    assert f"({files} up to date)" in output
    assert stamps(out) == before


def test_changing_the_rules_cleans_everything_again(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(src, out, "--rules", rules(tmp_path, 2))
    before = stamps(out)
    output = run(src, out, "--rules", rules(tmp_path, 1))
    assert "up to date" not in output
    after = stamps(out)
    assert [k for k in before if k.endswith(".txt") and before[k] == after[k]] == []


def test_force_cleans_everything_again(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(src, out)
    before = stamps(out)
    output = run(src, out, "--force")
    assert "up to date" not in output
    after = stamps(out)
    assert [k for k in before if k.endswith(".txt") and before[k] == after[k]] == []
    assert after["audit.jsonl"] == before["audit.jsonl"]  # same records: the audit is not rewritten


def test_only_changed_files_are_cleaned_again(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(src, out)
    pages = sorted(p for p in src.rglob("*.txt"))
    touched, edited = pages[0], pages[1]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))  # same bytes
    edited.write_bytes(edited.read_bytes() + "一行只在这个文件里的新内容。\n".encode())
    before = stamps(out)
    output = run(src, out)
    after = stamps(out)
    changed = sorted(k for k in before if before[k] != after.get(k))
    rel = edited.relative_to(src).as_posix()
    assert changed == [".cleaner/corpus-counts.bin", ".cleaner/manifest.jsonl", "audit.jsonl", rel]
    assert f"({len(pages) - 1} up to date)" in output
    assert run(src, out).count("up to date") == 1 and stamps(out) == after  # and now all is current


def test_a_lost_counts_cache_is_rebuilt_without_cleaning_again(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(src, out)
    (out / ".cleaner" / "corpus-counts.bin").write_bytes(b"garbage")
    before = {k: v for k, v in stamps(out).items() if k.endswith(".txt")}
    output = run(src, out)
    assert "up to date" in output
    assert {k: v for k, v in stamps(out).items() if k.endswith(".txt")} == before
