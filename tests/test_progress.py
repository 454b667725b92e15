"""Progress: a bar on a terminal, only the summary otherwise, -q and -v."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main


@pytest.fixture
def src(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    for i in range(6):
        (root / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        page = f"第{i}段正文。\n\n\n\n联系方式:\n电话:022-23456789\n"
        (root / f"d{i % 2}" / f"p{i}.txt").write_text(page, encoding="utf-8")
    (root / "bad.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return root


def _stderr(src: Path, out: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out), "-j", "1", *args])
    assert result.exit_code == 0, result.output
    return result.stderr.splitlines()


def test_not_a_terminal_prints_the_summary_and_the_skipped_files(src: Path, tmp_path: Path) -> None:
    lines = _stderr(src, tmp_path / "out")
    assert lines[-1].startswith("cleaner: 6 cleaned") and "\r" not in "".join(lines)
    assert lines[:-1] == ["bad.bin: skipped: binary file (PNG image)"]


def test_quiet_prints_only_the_summary(src: Path, tmp_path: Path) -> None:
    lines = _stderr(src, tmp_path / "out", "-q")
    assert len(lines) == 1 and lines[0].startswith("cleaner: 6 cleaned")


def test_verbose_names_each_file(src: Path, tmp_path: Path) -> None:
    lines = _stderr(src, tmp_path / "out", "-v")
    named = sorted(line.split()[-1] for line in lines if line.startswith(("cleaned ", "unchanged ")))
    assert named == sorted(f"d{i % 2}/p{i}.txt" for i in range(6))


def test_terminal_shows_a_bar_with_files_mb_rate_and_eta(src: Path, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120"}
    cmd = [sys.executable, "-m", "cleaner", "run", str(src), "--out", str(tmp_path / "out"), "-j", "1"]
    with subprocess.Popen(cmd, stderr=follower, stdout=subprocess.DEVNULL, env=env) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(timeout=60) == 0
    os.close(leader)
    text = b"".join(chunks).decode("utf-8", "replace")
    bar = [part for part in text.split("\r") if part.startswith("[")]
    assert bar, text
    last = bar[-1]
    assert "7/7 files" in last and "MB" in last and "MB/s" in last and "ETA" in last
    assert "cleaner: 6 cleaned" in text
