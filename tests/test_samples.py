"""The shipped samples come out as their expected clean text (tests/expected/samples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = Path(__file__).parent / "expected" / "samples"


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples-out")
    result = CliRunner().invoke(main, ["run", str(SAMPLES), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in EXPECTED.iterdir()))
def test_sample_matches_expectation(cleaned: Path, name: str) -> None:
    assert (cleaned / name).read_bytes() == (EXPECTED / name).read_bytes()


def test_every_sample_has_an_audit_record(cleaned: Path) -> None:
    records = [json.loads(line) for line in (cleaned / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    inputs = sorted(p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*") if p.is_file())
    assert [r["path"] for r in records] == inputs
    by_path = {r["path"]: r for r in records}
    assert by_path["gb18030-page.txt"]["encoding"] == "gb18030"
    assert by_path["japanese.txt"]["language"] == "ja"
    assert by_path["empty.txt"]["status"] == "unchanged"


def test_rerun_is_byte_identical_and_clean_output_is_stable(cleaned: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert CliRunner().invoke(main, ["run", str(SAMPLES), "--out", str(again), "--jobs", "2"]).exit_code == 0
    for path in sorted(cleaned.rglob("*.txt")):
        rel = path.relative_to(cleaned)
        assert (again / rel).read_bytes() == path.read_bytes(), rel
    assert (again / "audit.jsonl").read_bytes() == (cleaned / "audit.jsonl").read_bytes()
    src = tmp_path / "clean-src"
    src.mkdir()
    for name in (p.name for p in EXPECTED.iterdir()):
        (src / name).write_bytes((cleaned / name).read_bytes())
    third = tmp_path / "third"
    assert CliRunner().invoke(main, ["run", str(src), "--out", str(third), "--jobs", "1"]).exit_code == 0
    statuses = {json.loads(line)["status"] for line in (third / "audit.jsonl").read_text().splitlines()}
    assert statuses == {"unchanged"}
