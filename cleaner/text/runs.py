"""Runs of lines between prose: where furniture, lists and injected blocks stand."""

from __future__ import annotations

from collections.abc import Callable


def runs_between(lines: list[str], is_prose: Callable[[str], bool]) -> list[list[int]]:
    """Indexes of the runs of non-blank lines that are not prose, in order.

    Blank lines neither end a run nor join it; a prose line ends it.  ``lines``
    are stripped of surrounding space before ``is_prose`` sees them.
    """
    runs: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if is_prose(text):
            runs.append([])
        else:
            runs[-1].append(i)
    return [r for r in runs if r]
