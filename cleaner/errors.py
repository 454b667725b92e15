"""Errors with a location, printed as one line and never as a traceback."""

from __future__ import annotations


class ConfigError(Exception):
    """A rule-set problem: ``path:line:col: rule 'id' (kind): message``."""

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        col: int | None = None,
        rule: str | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.col = col
        self.rule = rule
        self.kind = kind

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.col if self.col is not None else 1}"
        who = ""
        if self.rule is not None:
            who = f"rule '{self.rule}'" + (f" ({self.kind})" if self.kind else "") + ": "
        elif self.kind is not None:
            who = f"({self.kind}): "
        return f"{where}: {who}{self.message}"


class RuleTimeout(Exception):
    """A rule's regular expression ran past its per-match time limit."""


class UsageError(Exception):
    """A command-line problem detected by the runner (exit 2)."""
