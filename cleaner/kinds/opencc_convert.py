"""Convert Chinese script with OpenCC (default ``t2s``: Traditional to Simplified).

Only Chinese text is converted.  A document the `language` rule tagged as
Japanese or Korean is left alone, and so is any line whose CJK characters
are mostly kana or Hangul (a Japanese quotation in a Chinese article keeps
its kanji).  Put it after the rules that match words, so the audit shows the
original text they removed; matching sees through Traditional forms anyway.

Options:
  config (str, default "t2s"): an OpenCC configuration name (t2s, tw2s,
  hk2s, s2t, t2tw, …) or the path of an OpenCC JSON configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from cleaner.kinds.base import BuildError, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.script import KANA_OR_HANGUL, cjk_language, count_scripts, line_language

SURROGATE = regex.compile(r"([\ud800-\udfff]+)")


MAX_ROUNDS = 4  # conversions after the first, until a line stops changing


@dataclass(frozen=True)
class OpenCCOptions:
    config: str = "t2s"


class OpenCCConvert(Kind):
    """Convert Traditional to Simplified (any OpenCC config), Chinese text only."""

    name = "opencc"
    contextual = False
    Options = OpenCCOptions

    def __init__(self, rule_id: str, options: OpenCCOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        import opencc

        try:
            self.converter = opencc.OpenCC(options.config)
        except Exception as exc:  # opencc raises a bare Exception for unknown configs
            raise BuildError("config", f"unknown OpenCC config {options.config!r}: {exc}") from None
        self._alone: dict[str, bool] = {}

    def _convert(self, line: str) -> str:
        if not SURROGATE.search(line):
            return str(self.converter.convert(line))
        # OpenCC takes UTF-8 only: convert the text between undecodable characters
        return "".join(p if SURROGATE.match(p) else str(self.converter.convert(p)) for p in SURROGATE.split(line))

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        language = ctx.language or cjk_language(count_scripts("\n".join(lines)))
        if language in ("ja", "ko"):
            return Outcome()
        todo = [
            i
            for i, line in enumerate(lines)
            if not line.isascii() and not (KANA_OR_HANGUL.search(line) and line_language(line) in ("ja", "ko"))
        ]
        edits = []
        for i, new in zip(todo, self._convert_lines([lines[i] for i in todo])):
            line = lines[i]
            if new != line:
                changed = sum(map(str.__ne__, line, new)) + abs(len(line) - len(new))
                edits.append(LineEdit(i, new, f"{self.options.config}: {changed} character(s)", {"chars": changed}))
        return Outcome(edits)

    def _convert_lines(self, lines: list[str]) -> list[str]:
        """Each line converted to a fixed point.

        OpenCC converts by phrase, so a converted line can hold a phrase it did
        not hold before (``於潛在`` keeps the place name 於潛 → ``於潜在`` →
        ``于潜在``); converting again until nothing changes makes the rule
        idempotent.  Every round keeps only the changes `_guarded` allows.
        """
        out = [self._guarded(old, new) for old, new in zip(lines, self._batch(lines))]
        todo = [i for i, (old, new) in enumerate(zip(lines, out)) if old != new]
        for _ in range(MAX_ROUNDS):
            if not todo:
                break
            again = [self._guarded(out[i], new) for i, new in zip(todo, self._batch([out[i] for i in todo]))]
            changed = [(i, new) for i, new in zip(todo, again) if new != out[i]]
            for i, new in changed:
                out[i] = new
            todo = [i for i, _ in changed]
        return out

    def _guarded(self, old: str, new: str) -> str:
        """`new` without the changes that touch no Traditional character.

        OpenCC's phrase table also rewrites characters that are ordinary
        Simplified (t2s turns ``一坏`` into ``一坯``, as in 一坏土), so Simplified
        text, or a line already converted once, could be damaged.  A run of
        changed characters is kept only when one of its characters is converted
        on its own too (``甚麼`` → ``什么`` stays: 麼 is Traditional).  Lines whose
        length changed are trusted as they are.
        """
        if old == new or len(old) != len(new):
            return new
        out = list(new)
        i, n = 0, len(old)
        while i < n:
            if old[i] == new[i]:
                i += 1
                continue
            j = i
            while j < n and old[j] != new[j]:
                j += 1
            if not any(self._traditional(c) for c in old[i:j]):
                out[i:j] = old[i:j]
            i = j
        return "".join(out)

    def _traditional(self, char: str) -> bool:
        """Whether OpenCC converts this character when it stands alone."""
        known = self._alone.get(char)
        if known is None:
            known = self._alone[char] = self._convert(char) != char
        return known

    def _batch(self, lines: list[str]) -> list[str]:
        """Each line converted once; one OpenCC call for the whole batch when it can."""
        text = "\n".join(lines)
        if lines and not SURROGATE.search(text):
            converted = str(self.converter.convert(text)).split("\n")
            if len(converted) == len(lines):
                return converted
        return [self._convert(line) for line in lines]
