"""``cleaner rules …``: list kinds and rules, show a kind, validate a rule set, test its examples.

Any rule may carry ``examples:`` (``input`` with ``output``, or
``unchanged: true``).  ``cleaner rules test`` checks each one twice:

* **in isolation** — a pipeline of that rule alone must turn ``input`` into
  ``output`` exactly, and must leave ``output`` as it is (idempotence);
* **through the whole set** (only when the rule is enabled) — the other
  enabled rules may rewrite lines of ``output`` (OpenCC, pinyin) and tidy its
  blank lines, but must not remove a non-blank line of it or drop it; the
  whole set must turn ``input`` into exactly what the other rules make of
  ``output`` (so the rule's own change is the only difference its presence
  makes: an earlier rule that stops it, or a later one that undoes it,
  fails); and cleaning that result again with the whole set changes nothing.

A dropped document counts as the empty text.  Examples run without the
line statistics of a batch run, so repeated-lines changes nothing in them.
A failure prints as
``path:line: rule 'id' (kind): example N, <check>`` and a unified diff of the
expected and actual text.
"""

from __future__ import annotations

import dataclasses
import difflib
import sys
import textwrap
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cleaner.config import Example, Rule, RuleSet, resolve_rules_path
from cleaner.kinds.base import FILES, PATTERN, Kind
from cleaner.pipeline import Pipeline, RuleFailure
from cleaner.registry import KINDS, kind_class


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    number: int  # 1-based position among the rule's examples
    example: Example
    check: str  # "in isolation" | "through the whole set" | "… (idempotence)"
    expected: str
    actual: str
    note: str = ""


@dataclass
class ExampleReport:
    examples: int = 0
    rules: int = 0
    failures: list[ExampleFailure] = dataclasses.field(default_factory=list)


# --- rules test -------------------------------------------------------------
def run_examples(rule_set: RuleSet) -> ExampleReport:
    """Run every example of every rule in isolation and through the whole set."""
    pipeline = Pipeline(rule_set)
    report = ExampleReport()
    for rule in rule_set.rules:
        if not rule.examples:
            continue
        report.rules += 1
        others = [r for r in rule_set.active if r is not rule]
        for number, example in enumerate(rule.examples, start=1):
            report.examples += 1
            report.failures.extend(_check_example(pipeline, rule, others, number, example))
    return report


def _check_example(
    pipeline: Pipeline, rule: Rule, others: list[Rule], number: int, ex: Example
) -> Iterator[ExampleFailure]:
    def fail(check: str, expected: str, actual: str, note: str = "") -> ExampleFailure:
        return ExampleFailure(rule, number, ex, check, expected, actual, note)

    got = _clean(pipeline, ex.input, [rule])
    if got.text != ex.output:
        yield fail("in isolation", ex.output, got.text, got.note)
        return
    again = _clean(pipeline, ex.output, [rule])
    if again.text != ex.output:
        yield fail("in isolation, applied to its own output (idempotence)", ex.output, again.text, again.note)
        return
    if not rule.enabled:
        return
    rest = _clean(pipeline, ex.output, others)
    if rest.lost:
        yield fail("through the whole set: other rules remove content of `output`", ex.output, rest.text, rest.lost)
        return
    whole = _clean(pipeline, ex.input, None)
    if whole.text != rest.text:
        check = "through the whole set (expected: `output` as the other rules leave it)"
        yield fail(check, rest.text, whole.text, whole.note)
        return
    twice = _clean(pipeline, whole.text, None)
    if twice.text != whole.text:
        yield fail("through the whole set, applied to its own result (idempotence)", whole.text, twice.text, twice.note)


@dataclass(frozen=True)
class _Cleaned:
    text: str  # empty when the document was dropped or a rule failed
    note: str  # why the text is empty, when it is
    lost: str  # which rules removed non-blank lines (or dropped the document)


def _clean(pipeline: Pipeline, text: str, rules: list[Rule] | None) -> _Cleaned:
    try:
        result = pipeline.clean(text, rules)
    except RuleFailure as exc:
        return _Cleaned("", f"error: {exc}", f"error: {exc}")
    if result.dropped is not None:
        note = f"document dropped by rule '{result.dropped_by}': {result.dropped}"
        return _Cleaned("", note, note)
    lost = [
        f"rule '{f.rule}' removes line {f.line}: {f.reason}"
        for f in result.findings
        if f.action == "remove" and f.old.strip()
    ]
    return _Cleaned(result.text, "", "; ".join(lost))


def format_failure(path: str, failure: ExampleFailure) -> list[str]:
    """The heading line and a unified diff (expected → actual) of one failure."""
    rule = failure.rule
    head = f"{path}:{failure.example.line}: rule '{rule.id}' ({rule.kind}): example {failure.number}, {failure.check}"
    lines = [head]
    if failure.note:
        lines.append(f"  note: {failure.note}")
    diff = list(
        difflib.unified_diff(
            _diff_lines(failure.expected), _diff_lines(failure.actual), "expected", "actual", lineterm="", n=3
        )
    )
    if not diff:
        diff = [
            f"  (only the final newline differs: expected {_ending(failure.expected)}, "
            f"actual {_ending(failure.actual)})"
        ]
    lines.extend(diff)
    return lines


def _diff_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # a final newline ends the last line; it is not a line of its own
    return lines


def _ending(text: str) -> str:
    return "ends with a newline" if text.endswith("\n") else "has no final newline"


def example_source(spec: str | None) -> str:
    """The rule file's path as failures name it (the real file, also for 'default')."""
    return str(resolve_rules_path(spec))


# --- rules list / show ------------------------------------------------------
def kind_lines() -> list[str]:
    """One line per kind: its name and one-line documentation."""
    width = max(len(name) for name in KINDS)
    return [f"{name:<{width}}  {kind_class(name).summary()}" for name in sorted(KINDS)]


def rule_lines(rule_set: RuleSet) -> list[str]:
    """One line per rule of the set, in order: id, kind, enabled, examples."""
    rows = [("id", "kind", "enabled", "examples")]
    rows += [(r.id, r.kind, "yes" if r.enabled else "no", str(len(r.examples))) for r in rule_set.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d}".rstrip() for a, b, c, d in rows]


def unknown_kind(name: str) -> str:
    close = difflib.get_close_matches(name, list(KINDS), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"cleaner: unknown kind {name!r}{hint}; `cleaner rules list` shows them all"


def show_kind(name: str) -> list[str]:
    """The kind's options (type, default) and its documentation (the module docstring)."""
    cls = kind_class(name)
    audit = getattr(cls, "default_audit", "full")
    common = [
        ("id", "str", "required, unique in the rule set"),
        ("enabled", "bool", "default: true"),
        ("audit", "one of full, redacted, hash", f"default: {audit}"),
        ("examples", "list", "of {input, output} or {input, unchanged: true}; `cleaner rules test` runs them"),
    ]
    own = [(n, t, f"default: {d}" if d != "required" else d) for n, t, d in option_rows(cls)]
    rows = own + common
    name_w = max(len(r[0]) for r in rows)
    type_w = max(len(r[1]) for r in rows)

    def table(items: list[tuple[str, str, str]]) -> list[str]:
        return [f"  {n:<{name_w}}  {t:<{type_w}}  ({d})" for n, t, d in items]

    out = [f"kind: {name}", f"  {cls.summary()}", "", "options:"]
    out += table(own) or ["  (none of its own)"]
    out += ["", "common to every rule:", *table(common), ""]
    module = sys.modules[cls.__module__]
    out += textwrap.dedent(module.__doc__ or cls.__doc__ or "").strip().splitlines()
    return out


def option_rows(cls: type[Kind]) -> Iterator[tuple[str, str, str]]:
    hints = typing.get_type_hints(cls.Options, include_extras=True)
    for f in dataclasses.fields(cls.Options):
        if f.default is not dataclasses.MISSING:
            default = _show_value(f.default)
        elif f.default_factory is not dataclasses.MISSING:
            default = _show_value(f.default_factory())
        else:
            default = "required"
        yield f.name, type_name(hints[f.name]), default


def type_name(hint: Any) -> str:
    """A user-facing name for an option's type."""
    if typing.get_origin(hint) is typing.Annotated:
        base, marker = typing.get_args(hint)[:2]
        if marker == FILES:
            return "list of word-list paths"
        if marker == PATTERN:
            return "regex"
        return type_name(base)
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return "one of " + ", ".join(map(str, typing.get_args(hint)))
    if origin is list:
        return f"list of {type_name(typing.get_args(hint)[0])}"
    return getattr(hint, "__name__", str(hint))


def _show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if value == []:
        return "[]"
    return str(value)


# --- rules validate ----------------------------------------------------------
def validated_line(rule_set: RuleSet) -> str:
    active = len(rule_set.active)
    examples = sum(len(r.examples) for r in rule_set.rules)
    return (
        f"{rule_set.path}: OK: {len(rule_set.rules)} rules ({active} enabled), "
        f"{examples} examples; sha256 {rule_set.sha256[:12]}"
    )
