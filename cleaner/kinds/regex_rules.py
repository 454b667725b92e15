"""Escape hatches: drop lines matching a pattern, or replace a pattern in lines.

Patterns use the `regex` module (``\\p{Han}``, ``\\p{P}`` … work) and are
applied to each line on its own (lines never contain ``\\n``), as every rule sees
it: full-width letters, digits and punctuation folded to ASCII and zero-width
characters left out (`cleaner.text.view`); a full-width character in a pattern
matches both forms.  Every match is
bounded by ``timeout`` seconds per line (scaled up for lines over 1 MB), so a
catastrophic pattern such as ``^(a+)+$`` cannot hang a run: the file gets an
error record and the run goes on.

regex-lines options:
  pattern (str, required), ignore_case (bool, false), timeout (float, 1.0),
  reason (str, ""): the explanation written to the audit.
regex-replace options:
  pattern (str, required), replacement (str, required; ``\\1`` or ``\\g<name>``
  refer to groups), ignore_case, timeout, reason as above.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import regex

from cleaner.errors import RuleTimeout
from cleaner.kinds.base import PATTERN, BuildError, Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.view import pattern_for_view


@dataclass(frozen=True)
class LinesOptions:
    pattern: Annotated[str, PATTERN]
    ignore_case: bool = False
    timeout: float = 1.0
    reason: str = ""


@dataclass(frozen=True)
class ReplaceOptions:
    pattern: Annotated[str, PATTERN]
    replacement: str
    ignore_case: bool = False
    timeout: float = 1.0
    reason: str = ""


class _RegexKind(Kind):
    def __init__(self, rule_id: str, options: Any, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        flags = regex.V1 | (regex.IGNORECASE if options.ignore_case else 0)
        self.pattern = regex.compile(pattern_for_view(options.pattern), flags)
        if options.timeout <= 0:
            raise BuildError("timeout", "option 'timeout' must be > 0 seconds")

    def _timeout(self, line: str) -> float:
        return float(self.options.timeout) * max(1.0, len(line) / 1_000_000)

    def _why(self, default: str) -> str:
        return str(self.options.reason) or default


class RegexLines(_RegexKind):
    """Drop every line matching ``pattern`` (regex module, per-line timeout)."""

    name = "regex-lines"
    contextual = False
    Options = LinesOptions

    def __init__(self, rule_id: str, options: Any, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        if self.pattern.search("") is not None:
            raise BuildError("pattern", "pattern matches an empty line, so it would drop every line")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        edits = []
        search, timeout = self.pattern.search, float(self.options.timeout)
        for i, line in enumerate(lines):
            try:  # the timeout grows only for lines over 1 MB
                m = search(line, timeout=timeout if len(line) <= 1_000_000 else self._timeout(line))
            except TimeoutError:
                raise RuleTimeout(f"pattern timed out on line {i + 1} after {self._timeout(line):g}s") from None
            if m:
                edits.append(LineEdit(i, None, self._why(f"matches /{self.options.pattern}/"), {"match": m.group()}))
        return Outcome(edits)


class RegexReplace(_RegexKind):
    """Replace ``pattern`` with ``replacement`` in every line (per-line timeout)."""

    name = "regex-replace"
    contextual = False
    Options = ReplaceOptions

    def __init__(self, rule_id: str, options: Any, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        try:  # a bad group reference is a rule-file error, not a per-file one
            self.pattern.sub(options.replacement, "")
            self._template_check(options.replacement)
        except (regex.error, IndexError) as exc:
            raise BuildError("replacement", f"invalid replacement: {exc}") from None

    def _template_check(self, template: str) -> None:
        groups = self.pattern.groups
        for ref in regex.findall(r"\\(\d+)|\\g<(\w+)>", template):
            num, name = ref
            if num and int(num) > groups:
                raise regex.error(f"invalid group reference {num}")
            if name and not name.isdigit() and name not in self.pattern.groupindex:
                raise regex.error(f"unknown group name {name!r}")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        edits = []
        for i, line in enumerate(lines):
            try:
                new, n = self.pattern.subn(self.options.replacement, line, timeout=self._timeout(line))
            except TimeoutError:
                raise RuleTimeout(f"pattern timed out on line {i + 1} after {self._timeout(line):g}s") from None
            if n and new != line:
                edits.append(LineEdit(i, new, self._why(f"{n} replacement(s) of /{self.options.pattern}/")))
        return Outcome(edits)
