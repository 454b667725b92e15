"""--jobs N gives byte-identical outputs and audit; each worker builds its pipeline once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.synth import make_corpus
from cleaner import config, runner
from cleaner.cli import main
from cleaner.config import RuleSet
from cleaner.pipeline import Pipeline


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~200 small pages of 8 sites (each site repeats its template lines)."""
    src = tmp_path_factory.mktemp("corpus") / "src"
    files = make_corpus(src, 0.6, seed=11, sites=8)
    assert 150 <= len(files) <= 300
    return src


def _run(src: Path, out: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return result.output


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` except the run state, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cleaner" not in p.parts
    }


def test_jobs_1_and_2_give_identical_outputs_and_audit(corpus: Path, tmp_path: Path) -> None:
    _run(corpus, tmp_path / "one", "--jobs", "1")
    _run(corpus, tmp_path / "two", "--jobs", "2")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one.keys() == two.keys() and len(one) > 150
    assert [k for k in one if one[k] != two[k]] == []
    records = [json.loads(line) for line in one["audit.jsonl"].decode().splitlines()]
    repeated = [r for rec in records for r in rec["rules"] if r["id"] == "repeated"]
    assert sum(r["removed_lines"] for r in repeated) > 50  # the corpus pass found the site templates


def test_each_worker_builds_its_pipeline_once(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "built.log"

    class Counted(Pipeline):
        def __init__(self, *args: object, **kwargs: object) -> None:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\n")
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    loads: list[int] = []
    real_load = config.load_rule_set

    def counted_load(spec: str | None) -> RuleSet:
        loads.append(os.getpid())
        return real_load(spec)

    monkeypatch.setattr("cleaner.api.Pipeline", Counted)  # workers build their Cleaner (cleaner.api)
    monkeypatch.setattr(runner, "load_rule_set", counted_load)
    _run(corpus, tmp_path / "out", "--jobs", "2")
    builders = log.read_text(encoding="utf-8").split()
    assert len(builders) == 2 and len(set(builders)) == 2  # two workers, once each, not per file
    assert str(os.getpid()) not in builders
    assert loads == []  # forked workers inherit the rule set the run validated
