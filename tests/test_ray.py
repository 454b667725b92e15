"""--executor ray: same outputs and audit as the local executor; a clear error without Ray."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.synth import make_corpus
from cleaner.cli import main
from cleaner.ray_executor import batches
from cleaner.runner import Task


def _tasks(*sizes: int) -> list[Task]:
    return [Task(f"f{i}", f"/src/f{i}", f"/out/f{i}", size, 0) for i, size in enumerate(sizes)]


def test_batches_hold_at_most_n_files_or_n_bytes() -> None:
    got = batches(_tasks(50, 30, 30, 10, 10, 10, 10, 10, 10), files=4, size=60)
    assert [[t.rel for t in b] for b in got] == [["f0"], ["f1", "f2"], ["f3", "f4", "f5", "f6"], ["f7", "f8"]]
    assert batches([], files=4, size=60) == []


def test_missing_ray_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("正文。\n", encoding="utf-8")
    args = ["run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "--executor", "ray"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "pip install" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out" / "a.txt").exists()


def test_ray_executor_matches_the_local_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ray")
    monkeypatch.setattr("cleaner.ray_executor.BATCH_FILES", 16)  # several batches per worker
    src = tmp_path / "src"
    make_corpus(src, 0.4, seed=31, sites=6)
    outs = {}
    for executor in ("local", "ray"):
        out = tmp_path / executor
        args = ["run", str(src), "--out", str(out), "-j", "2", "-q", "--executor", executor]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        outs[executor] = {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and ".cleaner" not in p.parts
        }
    assert len(outs["ray"]) > 100
    assert outs["ray"] == outs["local"]


def test_a_token_is_used_when_one_is_available(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import ray_executor

    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH"):
        monkeypatch.delenv(name, raising=False)
    ray_executor.use_token_if_available()
    assert "RAY_AUTH_MODE" not in os.environ  # no token anywhere: Ray's default
    monkeypatch.setenv("RAY_AUTH_TOKEN_PATH", str(tmp_path / "token"))
    (tmp_path / "token").write_text("abc", encoding="utf-8")
    ray_executor.use_token_if_available()
    assert os.environ["RAY_AUTH_MODE"] == "token"
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    ray_executor.use_token_if_available()
    assert os.environ["RAY_AUTH_MODE"] == "disabled"  # an explicit choice is kept


def test_connection_errors_are_one_line_with_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from cleaner.ray_executor import connect_error

    class AuthenticationError(Exception):
        pass

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("RAY_AUTH_TOKEN", raising=False)
    monkeypatch.delenv("RAY_AUTH_TOKEN_PATH", raising=False)
    line = connect_error("10.0.0.1:6379", AuthenticationError("Unauthenticated:\n InvalidAuthToken"))
    assert "\n" not in line and "10.0.0.1:6379" in line and "RAY_AUTH_TOKEN" in line
    monkeypatch.setenv("RAY_AUTH_TOKEN", "x")
    assert "token was rejected" in connect_error("h:1", AuthenticationError("bad token"))
    other = connect_error("h:1", ConnectionError("Could not find any running Ray instance.\nPlease..."))
    assert "\n" not in other and "ray start --head" in other
