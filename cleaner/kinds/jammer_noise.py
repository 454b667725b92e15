"""Cut the random "jammer" noise forums insert to spoil copying.

Discuz-style forums hide runs of random two-character tokens in every post
(``; K% \\- r; s* Y4 \\/ V% D``) that a scraper picks up as text.  A run of at
least ``min_tokens`` short ASCII tokens (1-3 characters, separated by spaces
or by one separator the line repeats — ``,`` ``|`` ``_`` ``·`` … —, or glued to
Han text), of which at least ``min_mixed`` are two-character
tokens that are neither a short word nor a number (``K%``, ``r;``, ``Y4``,
``\\-``), is cut out of the line; a line left
without any Han character (punctuation, the forum's watermark or domain) is
removed, and so is a short remainder naming a domain.  Code rarely has that many
two-character letter+symbol tokens in a row, so it stays.

Options:
  min_tokens (int, 5), min_mixed (int, 3), min_mixed_share (float, 0.5)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import regex

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.lexicon import lines_matching

RUN = regex.compile(r"(?:(?<![!-~])[!-~]{1,3}(?![!-~])[ \t]*){2,}")
TOKEN = regex.compile(r"[!-~]{1,3}")
# tokens may be separated by another character than a space (``X*,@:,I7``, ``W* | P; | V3``):
# when spaces find no run, each separator the line uses often is tried as a space
SEPARATORS = ",、|_·•/;"
MIN_SEPARATORS = 4
# two characters that are not a short word or number: K% r; s* Y4 |% \-
# (not "3," or "2)" of a list of numbers, not "=>" or "//" of code)
MIXED = regex.compile(r"^(?![A-Za-z]{2}$)(?![0-9]{2}$)(?![0-9][,.;:)\]]$)(?=.*[A-Za-z0-9])[!-~]{2}$")
GLUED_HEAD = regex.compile(r"^[)\]}>.,;:!?]+")
GLUED_TAIL = regex.compile(r"(?<=[^0-9])[0-9]{1,2}$")
HAN = regex.compile(r"\p{Han}")
DOMAIN = regex.compile(r"[a-z0-9-]+\.(?:com|net|org|cn|tw|hk|cc|info)\b", regex.I)
EMPTY = regex.compile(r"^[\s\p{P}\p{S}]*$")
# two ASCII symbols on one line: a run is cut only with two symbol tokens in it
TWO_SYMBOLS = re.compile(r"[!-/:-@\[-`{-~][^!-/:-@\[-`{-~\n]*[!-/:-@\[-`{-~]")


@dataclass(frozen=True)
class JammerOptions:
    min_tokens: int = 5
    min_mixed: int = 3
    min_mixed_share: float = 0.5


def _options(tokens: list[str]) -> bool:
    """``A: B: C: D:`` or ``a) b) c)``: letters in order, each with one mark — answer options."""
    letters = [t[0].upper() for t in tokens if len(t) == 2 and t[0].isalpha() and not t[1].isalnum()]
    return len(letters) >= 3 and "".join(letters) in "ABCDEFGHIJ"


class JammerNoise(Kind):
    """Cut runs of random anti-copy tokens (``K% r; s* Y4``) out of lines."""

    name = "jammer-noise"
    contextual = False
    Options = JammerOptions

    def __init__(self, rule_id: str, options: JammerOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        edits = []
        for i in lines_matching(TWO_SYMBOLS, lines):
            line = lines[i]
            new, runs = self.clean_line(line)
            if runs:
                reason = f"{runs} run(s) of anti-copy jammer tokens"
                # what is left without any Han is the forum's watermark (site name, domain)
                gone = EMPTY.match(new) or not HAN.search(new) or (len(new) <= 30 and DOMAIN.search(new))
                edits.append(LineEdit(i, None if gone else new, reason, {"runs": runs}))
        return Outcome(edits)

    def clean_line(self, line: str) -> tuple[str, int]:
        o: JammerOptions = self.options
        runs = 0

        def cut(m: regex.Match[str]) -> str:
            nonlocal runs
            text: str = m.group()
            tokens = TOKEN.findall(text)
            mixed = sum(bool(MIXED.match(t)) for t in tokens)
            symbols = sum(not t.isalnum() for t in tokens)
            if len(tokens) < o.min_tokens or mixed < o.min_mixed or mixed < o.min_mixed_share * len(tokens):
                return text
            if symbols < 2:
                return text  # A4 A3 B5, H2 O2 CO2: sizes and formulas, not noise
            if _options(tokens):
                return text  # A: B: C: D: — a question's answer options
            runs += 1
            # a token glued to the text may carry the text's own bracket or number: 街)# … / … ^3平台
            before = line[m.start() - 1] if m.start() else " "
            after = line[m.end()] if m.end() < len(line) else " "
            head = GLUED_HEAD.match(text) if not before.isspace() and not before.isascii() else None
            tail = GLUED_TAIL.search(text) if not after.isspace() and not after.isascii() else None
            return (head.group() if head else "") + (tail.group() if tail else "")

        for sep in ["", *(c for c in SEPARATORS if line.count(c) >= MIN_SEPARATORS)]:
            probe = line.replace(sep, " ") if sep else line  # the same length: offsets hold
            parts, last = [], 0
            for m in RUN.finditer(probe):
                parts += [line[last : m.start()], cut(m)]
                last = m.end()
            if runs:
                return "".join([*parts, line[last:]]).strip(), runs
        return line, 0
