"""Run the `cleaner` command in-process and keep stdout and stderr apart."""

from __future__ import annotations

from dataclasses import dataclass

from click.testing import CliRunner

from cleaner.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


def cli(*args: str) -> Run:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()  # click >= 8.2 keeps stderr apart
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)
