"""Run a rule set over one document and account for every change.

The pipeline splits text into lines (rules never see ``\\r``), hands them to
each enabled rule in order, applies the rule's line edits, and keeps for every
surviving line the number of the input line it came from, so each finding
names a line of the *input file* as well as of the text the rule received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cleaner.config import Rule, RuleSet
from cleaner.errors import RuleTimeout
from cleaner.model import DocContext, Finding, Outcome
from cleaner.text.lexicon import Lexicon, SharedScan, share
from cleaner.text.view import normalise, normalise_lines, restore

#: A longer line (a minified page, a base64 blob, a file with no newline at
#: all) is not shown to the rules: it is kept as it is, with a note in the
#: audit.  Rules are line-based and fold every character they see, so one
#: 30 MB line would otherwise cost minutes and gigabytes.
MAX_LINE_CHARS = 1_000_000
_LINE_END = re.compile(r"\r\n|\r|\n")
T = TypeVar("T")


class RuleFailure(Exception):
    """A rule could not finish on this document (timeout or internal error)."""

    def __init__(self, rule: Rule, message: str) -> None:
        super().__init__(f"rule '{rule.id}' ({rule.kind}): {message}")
        self.rule = rule


@dataclass
class Result:
    text: str
    findings: list[Finding] = field(default_factory=list)
    dropped: str | None = None  # reason, when a rule dropped the document
    dropped_by: str | None = None
    tags: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def flags(self) -> list[Finding]:
        return [f for f in self.findings if f.action == "flag"]


def split_lines(text: str) -> tuple[list[str], str, bool]:
    """Lines without terminators, the newline style, and whether text ended with one.

    ``\\r\\n``, ``\\n`` and a lone ``\\r`` (classic Mac) all end a line, so no rule
    ever sees a ``\\r``; the output uses the file's most common style throughout.
    """
    if not text:
        return [], "\n", False
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    newline = max(counts, key=lambda k: counts[k])  # a tie keeps the earlier: "\n" first
    lines = _LINE_END.split(text)
    final = lines[-1] == ""
    if final:
        lines.pop()
    return lines, newline, final


def join_lines(lines: list[str], newline: str, final: bool) -> str:
    if not lines:
        return ""
    return newline.join(lines) + (newline if final else "")


def hold_long_lines(
    lines: list[str], origins: list[int], result: Result
) -> tuple[list[str], list[int], list[tuple[int, str]]]:
    """Set aside lines over MAX_LINE_CHARS (with a note each): the rules never see them."""
    held = [(o, ln) for o, ln in zip(origins, lines) if len(ln) > MAX_LINE_CHARS]
    if not held:
        return lines, origins, held
    result.notes.extend(
        f"line {o}: {len(ln)} characters, over the {MAX_LINE_CHARS} limit: kept as is, not seen by the rules"
        for o, ln in held
    )
    keep = [len(ln) <= MAX_LINE_CHARS for ln in lines]
    return [ln for ln, k in zip(lines, keep) if k], [o for o, k in zip(origins, keep) if k], held


def first_difference(old: str, new: str) -> int:
    """1-based column of the first character where ``old`` and ``new`` differ."""
    for i, (a, b) in enumerate(zip(old, new)):
        if a != b:
            return i + 1
    return min(len(old), len(new)) + 1


# A rule that looks at neighbouring lines can decide differently once a later
# rule removed a line next to it (a short line between two contact fields, a
# menu item next to a widget).  Running those rules again on the result until
# no line is removed makes cleaning idempotent: cleaning the output again
# changes nothing.  Only pages that lost a line of text (not a blank one) get
# another round, and only the kinds whose decisions look beyond a line
# (``Kind.contextual``) run in it, unless the document's language changed in
# a round (the lines that made it Japanese are gone): then every rule decides
# again in the next one, `opencc` included.  A rule whose page has not changed
# since it last decided (no edit since, the same language) is not asked again:
# a kind is pure, so it would decide the same, and its edits would change
# nothing (an edit that changed a line would have changed the page).
MAX_ROUNDS = 4


class Pipeline:
    """A rule set ready to clean documents (build once, use for many files)."""

    def __init__(self, rule_set: RuleSet, hook_mode: bool = False, corpus: Any = None) -> None:
        self.rule_set = rule_set
        self.rules = rule_set.active
        self.hook_mode = hook_mode
        self.corpus = corpus
        # every word list of the rule set in one automaton: a line is scanned once for all of them
        lexicons = (v for rule in self.rules for v in vars(rule.impl).values() if isinstance(v, Lexicon))
        self.scan: SharedScan | None = share(lexicons)

    def clean(self, text: str, rules: list[Rule] | None = None, site: str | None = None) -> Result:
        lines, newline, final = split_lines(text)
        result, lines, _ = self.clean_lines(lines, rules, site=site)
        if result.dropped is None:
            result.text = join_lines(lines, newline, final)
        return result

    def clean_lines(
        self, lines: list[str], rules: list[Rule] | None = None, language: str | None = None, site: str | None = None
    ) -> tuple[Result, list[str], list[int]]:
        """Clean split lines: the result (``text`` left empty), the surviving lines
        and the 1-based input line each came from.  ``language`` presets the
        document's language tag (the later chunks of a streamed file, cleaned
        without the `language` rule, get the tag its first chunk was given); ``site``
        is the file's folder in the tree (`repeated-lines` counts lines per site)."""
        origins = list(range(1, len(lines) + 1))
        if self.scan is not None:
            self.scan.forget()  # the hits of the last document's lines
        ctx = DocContext(language=language, corpus=self.corpus, hook_mode=self.hook_mode, site=site)
        result = Result(text="")
        lines, origins, held = hold_long_lines(lines, origins, result)
        # the rules read the folded view; ``page`` follows it in the original characters
        page = Lines(lines)
        active = self.rules if rules is None else rules
        contextual = [r for r in active if r.impl.contextual]
        every_rule = True  # the first round runs every rule
        decided: dict[str, tuple[tuple[int, str | None], Outcome]] = {}  # rule id -> what it saw, its outcome
        for round_no in range(MAX_ROUNDS):
            seen = len(result.findings)
            was = ctx.language
            for rule in active if every_rule else contextual:
                state = (page.version, ctx.language)
                last = decided.get(rule.id)
                if every_rule or last is None or last[0] != state:
                    outcome = self._apply(rule, page.view, ctx)
                    decided[rule.id] = (state, outcome)
                else:  # the page has not changed since this rule saw it: a kind is pure, so
                    outcome = last[1]  # it decides as it did, and its edits change nothing
                if every_rule:
                    result.notes.extend(n for n in (f"{rule.id}: {n}" for n in outcome.notes) if n not in result.notes)
                if every_rule or "language" in outcome.tags:  # the document's tags follow what is left of it
                    result.tags.update(outcome.tags)
                if "language" in outcome.tags:
                    ctx.language = outcome.tags["language"]
                origins = self._edit(rule, outcome, page, origins, result)
                if not every_rule or (outcome.flag is None and outcome.drop is None):
                    continue  # (a page's findings are looked through only for a rule that flags or drops)
                flagged = any(f.rule == rule.id and f.action == "flag" for f in result.findings)  # an earlier round
                if outcome.flag is not None and not flagged:
                    result.findings.append(Finding(rule.id, rule.kind, "flag", 1, 1, 1, "", None, outcome.flag))
                if outcome.drop is not None and not (self.hook_mode and flagged):
                    action = "flag" if self.hook_mode else "drop"
                    result.findings.append(Finding(rule.id, rule.kind, action, 1, 1, 1, "", None, outcome.drop))
                    if not self.hook_mode:
                        result.dropped, result.dropped_by = outcome.drop, rule.id
                        return result, [], []
            every_rule = round_no > 0 and ctx.language != was  # not the first decision: a change
            if not every_rule and not any(f.action == "remove" and f.old.strip() for f in result.findings[seen:]):
                break  # no text left the page: the neighbours every rule saw are final
        lines = page.lines
        if held:  # put the long lines back where they were
            merged = sorted([*zip(origins, lines), *held], key=lambda p: p[0])
            origins, lines = [o for o, _ in merged], [ln for _, ln in merged]
        return result, lines, origins

    def _apply(self, rule: Rule, lines: list[str], ctx: DocContext) -> Outcome:
        try:
            return rule.impl.apply(list(lines), ctx)
        except RuleTimeout as exc:
            raise RuleFailure(rule, str(exc)) from None
        except RecursionError:
            raise RuleFailure(rule, "recursion limit reached") from None
        except Exception as exc:  # a bug in a kind must not stop the run
            raise RuleFailure(rule, f"internal error: {type(exc).__name__}: {exc}") from exc

    def _edit(self, rule: Rule, outcome: Outcome, page: Lines, origins: list[int], result: Result) -> list[int]:
        """Apply a rule's edits to the page; return the origins of the lines left."""
        view = page.view
        by_index = {e.index: e for e in outcome.edits if 0 <= e.index < len(view)}
        removed: set[int] = set()
        for i in sorted(by_index):  # findings in line order; a later edit of a line wins
            edit, line, origin = by_index[i], page.lines[i], origins[i]
            if edit.new == view[i]:
                continue
            if edit.new is None:
                result.findings.append(
                    Finding(rule.id, rule.kind, "remove", origin, 1, i + 1, line, None, edit.reason, edit.detail)
                )
                removed.add(i)
                continue
            new = page.replace(i, edit.new)
            col = first_difference(line, new)
            result.findings.append(
                Finding(rule.id, rule.kind, "replace", origin, col, i + 1, line, new, edit.reason, edit.detail)
            )
        if not removed:
            return origins
        page.remove(removed)
        return _without(origins, removed)


class Lines:
    """A document's lines in two forms: the original characters and the view the rules read."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.view = normalise_lines(self.lines)
        self.version = 0  # counts the edits: the same version is the same page

    def replace(self, i: int, new_view: str) -> str:
        """Set line ``i``'s view to ``new_view``; return the line in original characters."""
        self.version += 1
        self.lines[i] = restore(self.lines[i], self.view[i], new_view)
        self.view[i] = normalise(new_view)  # a replacement may bring full-width characters of its own
        return self.lines[i]

    def remove(self, indexes: set[int]) -> None:
        self.version += 1
        self.lines = _without(self.lines, indexes)
        self.view = _without(self.view, indexes)


def _without(items: list[T], indexes: set[int]) -> list[T]:
    """``items`` less those at ``indexes``: slices copied in C between the few removed ones."""
    out: list[T] = []
    start = 0
    for i in sorted(indexes):
        out += items[start:i]
        start = i + 1
    out += items[start:]
    return out
