"""Quoted words: a report names spam in quotes (``街头小广告“代开发票”``), spam never quotes itself."""

from __future__ import annotations

import regex

from cleaner.text.lexicon import Hit

#: a quoted stretch of at most 40 characters, in the quote marks Chinese and Latin text use
QUOTED = regex.compile(r"“[^”\n]{1,40}”|「[^」\n]{1,40}」|『[^』\n]{1,40}』|‘[^’\n]{1,40}’|\"[^\"\n]{1,40}\"")


def unquoted(folded: str, hits: list[Hit]) -> list[Hit]:
    """The hits of ``folded`` that stand outside quotes."""
    if not hits:
        return hits
    spans = [m.span() for m in QUOTED.finditer(folded)]
    if not spans:
        return hits
    return [h for h in hits if not any(a < h.start and h.end < b for a, b in spans)]
