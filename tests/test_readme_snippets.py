"""The README's Python snippets run as written, each in a fresh interpreter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
SECTIONS = {"Python API": None, "Hugging Face datasets": "datasets", "datatrove": "datatrove"}


def snippet(section: str) -> str:
    text = README.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", body, re.DOTALL)
    assert len(blocks) == 1, section
    return str(blocks[0])


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_snippet_runs_as_written(section: str, tmp_path: Path) -> None:
    needs = SECTIONS[section]
    if needs:
        pytest.importorskip(needs)
    done = subprocess.run([sys.executable, "-c", snippet(section)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "春天来了" in done.stdout
    if section == "Python API":
        assert done.stdout.startswith("cleaned True False zh\n春天来了，小区门口的樱花开得正好。\n")
