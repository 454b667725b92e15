"""Command line: wires click to the runner, the hooks and the tools.

Exit codes (the same for every command):
  0  done: nothing failed (check/fix: nothing to change)
  1  some files failed (each named on stderr); check/fix: a file would
     change, changed, or was flagged
  2  usage or rule-file error (one line on stderr, nothing processed)
"""

from __future__ import annotations

import sys
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
def run(
    src: Path, out: Path, rules: str | None, jobs: int, force: bool,
    executor: str, ray_address: str | None, quiet: bool, verbose: bool,
) -> None:
    """Clean every text file under SRC into OUT, with OUT/audit.jsonl."""
    from cleaner.runner import RunOptions, check_paths
    from cleaner.runner import run as run_batch

    try:
        check_paths(src, out)
    except UsageError as exc:
        _fail(f"cleaner: {exc}")
    rule_set = _load(rules)
    opts = RunOptions(src, out, rules, jobs, force, quiet, verbose, executor, ray_address)
    try:
        sys.exit(run_batch(opts, rule_set))
    except UsageError as exc:
        _fail(f"cleaner: {exc}")


def _hook(files: tuple[str, ...], rules: str | None, fix: bool, diff: bool, audit: Path | None, quiet: bool) -> None:
    from cleaner.hook import HookOptions, discover_rules, repo_root, run_hook

    rule_set = _load(discover_rules(rules, repo_root()))
    sys.exit(run_hook(HookOptions(list(files), fix, diff, audit, quiet), rule_set))


@main.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--rules", default=None, help=RULES_HELP + " Default: .cleaner.yaml at the repository root.")
@click.option("--diff", is_flag=True, help="Print a unified diff instead of findings.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def check(files: tuple[str, ...], rules: str | None, diff: bool, quiet: bool) -> None:
    """Report what cleaning FILES would change; never writes (exit 1 if anything would)."""
    _hook(files, rules, False, diff, None, quiet)


@main.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--rules", default=None, help=RULES_HELP + " Default: .cleaner.yaml at the repository root.")
@click.option("--audit", type=click.Path(path_type=Path), default=None,
              help="Append audit records here (default: .cleaner/audit.jsonl at the repository root).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def fix(files: tuple[str, ...], rules: str | None, audit: Path | None, quiet: bool) -> None:
    """Clean FILES in place, atomically (exit 1 if any file changed)."""
    _hook(files, rules, True, False, audit, quiet)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", default=None, help=RULES_HELP)
def explain(file: Path, rules: str | None) -> None:
    """Show every line of FILE with the decision taken on it and why."""
    from cleaner.explain import render
    from cleaner.pipeline import Pipeline
    from cleaner.work import clean_bytes

    rule_set = _load(rules)
    try:
        data = file.read_bytes()
    except OSError as exc:
        _fail(f"cleaner: cannot read {file}: {exc.strerror or exc}")
    done = clean_bytes(str(file), data, Pipeline(rule_set))
    for line in render(done, str(file)):
        click.echo(line)
