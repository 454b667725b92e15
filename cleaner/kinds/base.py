"""What every kind shares: the options contract and the `Kind` base class.

A kind declares its options as a frozen dataclass; the field types are the
schema the rule loader validates against (so a misspelt option is an error
with a did-you-mean, never silently ignored).  Two markers refine a type:

* ``Annotated[list[str], FILES]``: paths of word lists, resolved relative to
  the rule file and read (UTF-8) before any page is opened; the kind receives
  their entries, in order, instead of the paths;
* ``Annotated[str, PATTERN]``: a `regex` pattern, compiled at load time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from cleaner.model import DocContext, Outcome

FILES = "files"
PATTERN = "pattern"


class BuildError(Exception):
    """Raised by a kind's constructor; the loader adds file:line:col."""

    def __init__(self, option: str | None, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message


@dataclass(frozen=True)
class NoOptions:
    """A kind without options of its own."""


class Kind:
    """Base class: subclasses set ``name`` and ``Options`` and implement ``apply``."""

    name: ClassVar[str] = ""
    Options: ClassVar[type[Any]] = NoOptions
    #: set on kinds that need line statistics over the whole run
    needs_corpus: ClassVar[bool] = False
    # False: a line's fate depends on that line alone, so a rule of this kind has
    # nothing new to decide when other rules removed lines (the pipeline's later rounds)
    contextual: ClassVar[bool] = True

    def __init__(self, rule_id: str, options: Any, base_dir: Path) -> None:
        self.rule_id = rule_id
        self.options = options
        self.base_dir = base_dir

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The first line of the kind's docstring: its one-line documentation."""
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""
