"""The batch command's contract: outputs, audit, refusals and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPAM = "国产精品-久久久久-一区二区三区-免费视频-在线观看-无码专区\n"
ARTICLE = "今天的会议讨论了明年的工作计划,大家发言踊跃。\n"


def _tree(root: Path) -> Path:
    src = root / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(SPAM + ARTICLE, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    return src


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


def test_run_writes_clean_text_and_one_record_per_file(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text(encoding="utf-8") == ARTICLE
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == ARTICLE
    records = _records(out)
    assert [r["path"] for r in records] == ["a.txt", "sub/b.txt"]
    assert [r["status"] for r in records] == ["cleaned", "unchanged"]
    first = records[0]
    rules = first["rules"]
    assert isinstance(rules, list) and rules[0]["id"] == "spam-keywords"
    assert rules[0]["findings"][0]["line"] == 1
    assert rules[0]["findings"][0]["text"] == SPAM.strip()
    assert re.search(r"1 cleaned, 1 unchanged, 0 dropped, 0 skipped, 0 failed", result.output)


def test_source_is_never_modified(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    CliRunner().invoke(main, ["run", str(src), "--out", str(tmp_path / "out")])
    assert {p: p.read_bytes() for p in src.rglob("*") if p.is_file()} == before


def test_output_inside_source_is_refused(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    for out in (src, src / "cleaned"):
        result = CliRunner().invoke(main, ["run", str(src), "--out", str(out)])
        assert result.exit_code == 2
        assert "inside the source tree" in result.output
    assert not (src / "cleaned").exists()


def test_contact_text_is_redacted_in_the_audit(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    page = ARTICLE + "联系方式:\n地址:天津市河西区南京路35号\n电话:022-23456789\n"
    (src / "p.txt").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["run", str(src), "--out", str(out)]).exit_code == 0
    audit = (out / "audit.jsonl").read_text(encoding="utf-8")
    assert "23456789" not in audit and "###-########" in audit


def test_exit_codes_are_documented_and_pinned(tmp_path: Path) -> None:
    """README's exit-code table says what the CLI module says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\d)` \| (.+?) \|$", readme, re.M))
    assert set(table) == {"0", "1", "2"}
    src = _tree(tmp_path)
    assert CliRunner().invoke(main, ["run", str(src), "--out", str(tmp_path / "o1")]).exit_code == 0
    (src / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "rules.yaml").write_text("version: 1\nrules:\n  - id: x\n    kind: regex-lines\n    pattern: 'a'\n")
    assert CliRunner().invoke(main, ["run", str(src), "--out", str(tmp_path / "o2")]).exit_code == 0  # skipped
    bad_rules = tmp_path / "broken.yaml"
    bad_rules.write_text("version: 1\nrules:\n  - id: x\n    kind: keyword-line\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(tmp_path / "o3"), "--rules", str(bad_rules)])
    assert result.exit_code == 2
    expected = f"{bad_rules}:4:11: rule 'x': unknown kind 'keyword-line' (did you mean 'keyword-lines'?)"
    assert result.output.strip() == expected
    assert not (tmp_path / "o3").exists()


def test_a_failing_file_gives_exit_1_and_the_others_are_written(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "version: 1\nrules:\n  - id: slow\n    kind: regex-lines\n    pattern: '(x+x+)+y'\n    timeout: 0.05\n",
        encoding="utf-8",
    )
    (src / "slow.txt").write_text("x" * 5000 + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out), "--rules", str(rules), "--jobs", "1"])
    assert result.exit_code == 1
    assert "slow.txt: error: rule 'slow' (regex-lines): pattern timed out" in result.output
    assert (out / "a.txt").exists()
    status = {r["path"]: r["status"] for r in _records(out)}
    assert status["slow.txt"] == "error"
