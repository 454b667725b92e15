"""Regenerate docs/report.png: the report of a run over samples/, in headless Chromium.

    .venv/bin/python -m benchmarks.report_screenshot [OUT.png]

Cleans samples/ into a temporary directory with the default rules, builds
the report (with --src, so kept lines show around the findings) and takes a
1280x1600 screenshot sorted by removed share with the most-cleaned file open.
Chinese text needs a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import chromium

ROOT = Path(__file__).resolve().parent.parent
VIEW = "#sort=share&open=traditional-spam-contact.txt"


def make(out: Path, samples: Path = ROOT / "samples") -> None:
    with tempfile.TemporaryDirectory(prefix="cleaner-shot-") as tmp:
        # relative paths, so the page names `samples-run/audit.jsonl`, not a temporary directory
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        clean = [sys.executable, "-m", "cleaner", "run", str(samples), "--out", "samples-run", "-j", "1", "-q"]
        subprocess.run(clean, cwd=tmp, env=env, check=True, capture_output=True)
        report = [
            sys.executable,
            "-m",
            "cleaner",
            "report",
            "samples-run/audit.jsonl",
            "-o",
            "report.html",
            "--src",
            str(samples),
        ]
        subprocess.run(report, cwd=tmp, env=env, check=True, capture_output=True)
        chromium.screenshot((Path(tmp) / "report.html").as_uri() + VIEW, out)


def main(argv: list[str]) -> int:
    if not chromium.available():
        print(f"{chromium.CHROMIUM} is missing (apt-get install -y chromium)", file=sys.stderr)
        return 2
    out = Path(argv[0]) if argv else ROOT / "docs" / "report.png"
    make(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
