"""Command line: wires click to the runner, the hooks and the tools.

Exit codes (the same for every command):
  0  done: nothing failed (check/fix: nothing to change)
  1  some files failed (each named on stderr); check/fix: a file would
     change, changed, or was flagged
  2  usage or rule-file error (one line on stderr, nothing processed)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from cleaner import __version__
from cleaner.errors import ConfigError, UsageError

RULES_HELP = "Rule file (YAML); 'default' or nothing for the shipped rule set."


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(2)


def _load(spec: str | None) -> Any:
    from cleaner.config import load_rule_set

    try:
        return load_rule_set(spec)
    except ConfigError as exc:
        _fail(str(exc))


def _record_options(command: Callable[..., None]) -> Callable[..., None]:
    """--text-field, --id-field, --keep-dropped: how record files are cleaned."""
    command = click.option(
        "--keep-dropped",
        is_flag=True,
        help="Keep a record the rules drop, with an empty text and a `cleaner_dropped` field (default: leave it out).",
    )(command)
    command = click.option("--id-field", default=None, help="Record field naming each record in the audit.")(command)
    return click.option(
        "--text-field", default="text", show_default=True, help="The field of a record that is cleaned."
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Clean scraped text pages: remove spam keyword lists, contact blocks and
    boilerplate, convert script, and explain every edit in an audit log."""


@main.command()
@click.argument("src", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Output directory (not inside SRC).")
@click.option("--rules", default=None, help=RULES_HELP)
@click.option("--jobs", "-j", default=0, type=click.IntRange(min=0), help="Worker processes (0: all cores).")
@click.option("--force", is_flag=True, help="Re-clean files even when the output is up to date.")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", help="Where files are cleaned.")
@click.option("--ray-address", default=None, help="Address of a running Ray cluster (executor ray).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary.")
@click.option("-v", "--verbose", is_flag=True, help="Name each file as it is cleaned.")
@_record_options
def run(
    src: Path,
    out: Path,
    rules: str | None,
    jobs: int,
    force: bool,
    executor: str,
    ray_address: str | None,
    quiet: bool,
    verbose: bool,
    text_field: str,
    id_field: str | None,
    keep_dropped: bool,
) -> None:
    """Clean every text file under SRC into OUT, with OUT/audit.jsonl.

    Record files (.jsonl, .jsonl.gz, .jsonl.zst, JSON-lines .json, .parquet)
    are cleaned record by record: the text field, every other field kept."""
    from cleaner.runner import RunOptions, check_paths
    from cleaner.runner import run as run_batch

    try:
        check_paths(src, out)
    except UsageError as exc:
        _fail(f"cleaner: {exc}")
    rule_set = _load(rules)
    from cleaner.records import RecordOptions

    records = RecordOptions(text_field, id_field, keep_dropped)
    opts = RunOptions(src, out, rules, jobs, force, quiet, verbose, executor, ray_address, records)
    try:
        sys.exit(run_batch(opts, rule_set))
    except UsageError as exc:
        _fail(f"cleaner: {exc}")


def _hook(
    files: tuple[str, ...], rules: str | None, fix: bool, diff: bool, audit: Path | None, quiet: bool, records: Any
) -> None:
    from cleaner.hook import HookOptions, discover_rules, repo_root, run_hook

    rule_set = _load(discover_rules(rules, repo_root()))
    sys.exit(run_hook(HookOptions(list(files), fix, diff, audit, quiet, records), rule_set))


def _records(text_field: str, id_field: str | None, keep_dropped: bool) -> Any:
    from cleaner.records import RecordOptions

    return RecordOptions(text_field, id_field, keep_dropped)


@main.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--rules", default=None, help=RULES_HELP + " Default: .cleaner.yaml at the repository root.")
@click.option("--diff", is_flag=True, help="Print a unified diff instead of findings.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@_record_options
def check(
    files: tuple[str, ...],
    rules: str | None,
    diff: bool,
    quiet: bool,
    text_field: str,
    id_field: str | None,
    keep_dropped: bool,
) -> None:
    """Report what cleaning FILES would change; never writes (exit 1 if anything would)."""
    _hook(files, rules, False, diff, None, quiet, _records(text_field, id_field, keep_dropped))


@main.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--rules", default=None, help=RULES_HELP + " Default: .cleaner.yaml at the repository root.")
@click.option(
    "--audit",
    type=click.Path(path_type=Path),
    default=None,
    help="Append audit records here (default: .cleaner/audit.jsonl at the repository root).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@_record_options
def fix(
    files: tuple[str, ...],
    rules: str | None,
    audit: Path | None,
    quiet: bool,
    text_field: str,
    id_field: str | None,
    keep_dropped: bool,
) -> None:
    """Clean FILES in place, atomically (exit 1 if any file changed)."""
    _hook(files, rules, True, False, audit, quiet, _records(text_field, id_field, keep_dropped))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", default=None, help=RULES_HELP)
def explain(file: Path, rules: str | None) -> None:
    """Show every line of FILE with the decision taken on it and why."""
    from cleaner.api import Cleaner
    from cleaner.explain import render

    rule_set = _load(rules)
    try:
        data = file.read_bytes()
    except OSError as exc:
        _fail(f"cleaner: cannot read {file}: {exc.strerror or exc}")
    done = Cleaner(rule_set).cleaned(str(file), data)
    for line in render(done, str(file)):
        click.echo(line)


@main.group()
def rules() -> None:
    """Author and review rule sets: list, show, validate, test examples."""


@rules.command("list")
@click.argument("rules_arg", metavar="[RULES]", required=False)
@click.option("--rules", "rules_opt", default=None, help="Rule file (YAML) or 'default' whose rules to list.")
def rules_list(rules_arg: str | None, rules_opt: str | None) -> None:
    """List the kinds, or the rules of RULES.

    Without RULES: every kind with its one-line documentation.  With RULES
    (a path or 'default', also as --rules): the rules of that set, in order,
    with id, kind, enabled and number of examples.
    """
    from cleaner.rules_cmd import kind_lines, rule_lines

    spec = rules_opt or rules_arg
    for line in rule_lines(_load(spec)) if spec else kind_lines():
        click.echo(line)


@rules.command("show")
@click.argument("kind")
def rules_show(kind: str) -> None:
    """Show KIND's options (type and default) and its documentation."""
    from cleaner.registry import KINDS
    from cleaner.rules_cmd import show_kind, unknown_kind

    if kind not in KINDS:
        _fail(unknown_kind(kind))
    for line in show_kind(kind):
        click.echo(line)


@rules.command("validate")
@click.argument("rules_arg", metavar="RULES")
def rules_validate(rules_arg: str) -> None:
    """Check the rule file RULES as a run would.

    Valid: one OK line, exit 0.  Invalid: the run's error, `path:line:col:
    rule 'id' (kind): message`, on stderr, exit 2.
    """
    from cleaner.rules_cmd import validated_line

    click.echo(validated_line(_load(rules_arg)))


@rules.command("test")
@click.argument("rules_arg", metavar="[RULES]", required=False)
def rules_test(rules_arg: str | None) -> None:
    """Run the examples of every rule of RULES (default: the shipped set).

    \b
    Each example is checked twice:
    - in isolation: the rule alone turns `input` into `output` exactly, and
      leaves `output` as it is;
    - through the whole set (enabled rules only): the other rules may rewrite
      lines of `output` (OpenCC, pinyin) and tidy blank lines, but must not
      remove a non-blank line of it; the whole set turns `input` into exactly
      what the other rules make of `output` (the rule's own change is the
      only difference it makes); and cleaning that again changes nothing.
    A dropped document counts as empty text.  Failures print as
    `path:line: rule 'id' (kind): example N, check` and a unified diff
    (expected -> actual); exit 1 if any example fails.
    """
    from cleaner.rules_cmd import example_source, format_failure, run_examples

    rule_set = _load(rules_arg)
    outcome = run_examples(rule_set)
    path = example_source(rules_arg)
    for failure in outcome.failures:
        for line in format_failure(path, failure):
            click.echo(line)
    failed = len(outcome.failures)
    click.echo(
        f"cleaner: {outcome.examples} examples of {outcome.rules} rules: "
        f"{outcome.examples - failed} passed, {failed} failed",
        err=True,
    )
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("audit", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option(
    "--src",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The run's source directory: show the kept input lines around each finding.",
)
@click.option(
    "--max-findings",
    default=500,
    show_default=True,
    type=click.IntRange(min=0),
    help="Findings embedded per file (the rest are counted).",
)
def report(audit: Path, output: Path, src: Path | None, max_findings: int) -> None:
    """Write one self-contained HTML page reviewing the run of AUDIT.

    Totals, per-rule counts, removed keywords and contact fields, a chart of
    the removed share per file, and a searchable list of files with their
    findings.  Filters live in the URL fragment (#rule=ID&status=cleaned&q=…),
    so a view can be bookmarked.  No network access is needed to view it.
    """
    from cleaner.report import ReportOptions, write_report

    try:
        click.echo(write_report(ReportOptions(audit, output, src, max_findings)), err=True)
    except UsageError as exc:
        _fail(f"cleaner: {exc}")
