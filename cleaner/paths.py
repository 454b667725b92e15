"""Where the shipped rule set lives: inside the wheel, or beside a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def shipped_rules_dir() -> Path:
    """``cleaner/rules`` in an installed wheel; ``rules/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "default.yaml").is_file():
            return candidate
    raise FileNotFoundError("the shipped rule set (rules/default.yaml) is missing from this installation")
