"""The view every rule reads: full-width forms and zero-width characters folded.

Scraped Chinese pages write ASCII letters, digits and punctuation full-width
(``ＱＱ：１２３４５``), and spam hides behind zero-width characters
(``久\u200b久``).  A rule that forgot one of them would miss the disguised line,
so the pipeline folds them *once*, before any rule looks: rules receive
`normalise` of each line.  When a rule rewrites a line, `restore` carries the
edit back onto the original characters: what the rule did not touch keeps its
full-width form and its zero-widths; what it changed reads as the rule wrote it.

``normalise(restore(orig, normalise(orig), new)) == new`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from cleaner.text.fold import ZERO_WIDTH

#: full-width ASCII (U+FF01..U+FF5E) to ASCII; zero-width characters deleted
_TABLE: dict[int, int | None] = {0xFF01 + i: 0x21 + i for i in range(94)}
_TABLE.update(dict.fromkeys(map(ord, ZERO_WIDTH)))
_FOLDED = re.compile(f"[\uff01-\uff5e{''.join(sorted(ZERO_WIDTH))}]")
_FORMS = {chr(k): "" if v is None else chr(v) for k, v in _TABLE.items()}


def normalise(line: str) -> str:
    """``line`` as the rules see it."""
    return line.translate(_TABLE) if _FOLDED.search(line) else line


def normalise_lines(lines: list[str]) -> list[str]:
    """``[normalise(x) for x in lines]``, over their joined text at C speed.

    ``str.translate`` with a dict looks every character up in Python (~30 MB/s)
    and almost every Chinese line holds a full-width comma; a ``str.replace``
    per distinct folded character present runs at hundreds of MB/s.  No
    folded character is or becomes a newline, so the lines split back as they were.
    """
    text = "\n".join(lines)
    m = _FOLDED.search(text)
    if m is None:
        return list(lines)
    while m is not None:
        ch = m.group()
        text = text.replace(ch, _FORMS[ch])
        m = _FOLDED.search(text, m.start())  # a form never matches again
    view = text.split("\n")
    return view if len(view) == len(lines) else [normalise(x) for x in lines]


def pattern_for_view(pattern: str) -> str:
    """A regex written against raw text, rewritten to match the view: a full-width
    character in a pattern is always a literal, so it becomes its escaped ASCII form
    (``^广告：`` matches ``广告:`` and ``广告：`` alike)."""
    return "".join(re.escape(chr(ord(c) - 0xFEE0)) if "\uff01" <= c <= "\uff5e" else c for c in pattern)


def _positions(orig: str) -> list[int]:
    """For each character of ``normalise(orig)``, its index in ``orig``."""
    return [j for j, ch in enumerate(orig) if _TABLE.get(ord(ch), 0) is not None]


#: above this many characters a rewrite that is neither a cut nor in place is not diffed
#: (difflib can take quadratic time): the line is written as the rule wrote it
MAX_DIFF_CHARS = 20_000


Opcode = tuple[str, int, int, int, int]


def _opcodes(old: str, new: str) -> Sequence[Opcode]:
    """How ``new`` is made of ``old``: difflib's opcodes, found without difflib for the
    common rewrites (a cut keeping one stretch, characters replaced in place)."""
    if len(new) == len(old):  # t2s and the like: position by position
        ops: list[Opcode] = []
        for k, (a, b) in enumerate(zip(old, new)):
            tag = "equal" if a == b else "replace"
            if ops and ops[-1][0] == tag:
                ops[-1] = (tag, ops[-1][1], k + 1, ops[-1][3], k + 1)
            else:
                ops.append((tag, k, k + 1, k, k + 1))
        return ops
    start = old.find(new) if new else -1
    if start >= 0:  # a cut: one stretch kept
        ops = [("delete", 0, start, 0, 0)] if start else []
        ops.append(("equal", start, start + len(new), 0, len(new)))
        if start + len(new) < len(old):
            ops.append(("delete", start + len(new), len(old), len(new), len(new)))
        return ops
    if len(old) + len(new) > MAX_DIFF_CHARS:
        return [("replace", 0, len(old), 0, len(new))]
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def restore(orig: str, old: str, new: str) -> str:
    """``new`` (a rule's rewrite of ``old == normalise(orig)``) in ``orig``'s characters."""
    if old == orig or new == old:
        return new if old == orig else orig
    if len(orig) == len(old):  # no zero-width: only full-width characters differ
        return _restore_in_place(orig, old, new)
    return _restore_general(orig, old, new, _positions(orig))


def _restore_general(orig: str, old: str, new: str, pos: Sequence[int]) -> str:
    """`restore` through difflib's opcodes; ``pos`` maps ``old``'s characters into ``orig``."""
    if not pos:
        return new

    def span(a: int, b: int) -> str:
        """The original characters of ``old[a:b]``, zero-widths between them included."""
        return orig[pos[a] : pos[b - 1] + 1]

    ops = _opcodes(old, new)
    parts = []
    for n, (tag, a1, a2, b1, b2) in enumerate(ops):
        if tag != "equal":
            parts.append(new[b1:b2])
            continue
        if n == 0:
            parts.append(orig[: pos[0]])  # leading zero-widths stay with the kept text
        parts.append(span(a1, a2))
        if n == len(ops) - 1:
            parts.append(orig[pos[-1] + 1 :])
    return "".join(parts)


def _restore_in_place(orig: str, old: str, new: str) -> str:
    """`restore` when ``orig`` and its view ``old`` align character for character.

    A rewrite of the same length (t2s) takes ``new``'s characters and puts back
    the full-width ones it did not change; a cut keeping one stretch takes that
    stretch of ``orig``.  Both are what the general path gives (difflib's
    opcodes over aligned positions), with Python looking only at the few
    full-width characters instead of every character of the line.
    """
    if len(new) == len(old):
        out = list(new)
        for m in _FOLDED.finditer(orig):
            k = m.start()
            if old[k] == new[k]:
                out[k] = orig[k]
        return "".join(out)
    start = old.find(new) if new else -1
    if start >= 0:
        return orig[start : start + len(new)]
    return _restore_general(orig, old, new, range(len(orig)))
