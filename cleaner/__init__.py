"""cleaner: salvage the article from scraped text pages, and explain every edit."""

from __future__ import annotations

__version__ = "0.1.0"
