"""A git revision of this project as a runnable tree, for side-by-side benchmarks.

``git archive`` exports the revision's files to a temporary directory (no
worktree entry, nothing in the repository changes); ``python -m cleaner``
with that directory first on ``PYTHONPATH`` then runs the revision's code,
with the same interpreter and installed dependencies as the working tree.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def resolve(rev: str) -> str:
    """The full commit id of ``rev`` (a branch, a tag, ``HEAD~3``…)."""
    done = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"not a git revision: {rev}: {done.stderr.strip()}")
    return done.stdout.strip()


def export(rev: str, dest: Path) -> Path:
    """Write the files of ``rev`` under ``dest``; return ``dest``."""
    tar = subprocess.run(["git", "archive", "--format=tar", resolve(rev)], cwd=ROOT, capture_output=True, check=True)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
        archive.extractall(dest, filter="data") if hasattr(tarfile, "data_filter") else archive.extractall(dest)
    return dest


def env_for(tree: Path) -> dict[str, str]:
    """The environment that makes ``python -m cleaner`` import ``tree``'s code."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tree), *filter(None, [env.get("PYTHONPATH")])])
    return env
