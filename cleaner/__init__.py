"""cleaner: salvage the article from scraped text pages, and explain every edit.

``from cleaner import Cleaner`` is the Python API (:mod:`cleaner.api`); it is
imported on first use, so ``import cleaner`` (and ``cleaner --help``) loads
nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["CleanResult", "Cleaner", "__version__"]

if TYPE_CHECKING:
    from cleaner.api import Cleaner, CleanResult


def __getattr__(name: str) -> Any:
    if name in ("Cleaner", "CleanResult"):
        from cleaner import api

        return getattr(api, name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
