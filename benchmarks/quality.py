"""Quality of `cleaner run` on the line-labelled evaluation corpus, as one table.

    python benchmarks/quality.py [--eval ../shared/eval] [--fold /tmp/devfold] [--cmd "cleaner run {src} --out {out}"]

Runs the workplace's scorer (``EVAL/score.py``, the cleaner as a black box)
and prints, for the same cleaner:

  dev        the labelled dev pages
  tune/fold  a site-disjoint split of the newest dev pages made by
             ``EVAL/fold.py`` (``--fold DIR``; the fold is the held-out number)
  crawl      the site clusters laid out as ``SRC/<site>/<id>.txt``
  disguise   each ``EVAL/perturb.py`` variant (other separators, other script,
             full-width, moved blocks, spaced labels, zero-width characters)
             as the pages are -> in disguise: a cleaner that knows what a line
             is does not move

The corpus itself is not part of the project (its pages must not be copied
here); the benchmark needs the workplace's ``eval`` folder.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("spam", "contact", "boilerplate", "keep", "keep_fidelity", "mixed_trimmed")
SHOWN = ("spam", "contact", "boilerplate", "keep", "fidelity", "mixed")


def score(evaldir: Path, corpus: Path, subset: str, cmd: str, *extra: str) -> dict[str, dict[str, float]]:
    """The scorer's summary of one subset (ratio and total per label)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = [sys.executable, str(evaldir / "score.py"), str(corpus), "--subset", subset, "--cmd", cmd]
        subprocess.run([*args, "--json", out.name, *extra], check=True, capture_output=True)
        summary: dict[str, dict[str, float]] = json.loads(Path(out.name).read_text())["summary"]
    return summary


def cells(summary: dict[str, dict[str, float]]) -> list[str]:
    return [f"{summary[k]['ratio']:.3f}" if summary.get(k, {}).get("total") else "-" for k in KEYS]


def row(name: str, values: list[str]) -> str:
    return "| " + " | ".join([name, *values]) + " |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--fold", type=Path, help="a folder written by EVAL/fold.py: score its tune and fold subsets")
    ap.add_argument("--cmd", default=f"{sys.executable} -m cleaner run {{src}} --out {{out}}")
    args = ap.parse_args()
    corpus = args.eval / "corpus"
    if not (args.eval / "score.py").is_file():
        print(f"no scorer at {args.eval / 'score.py'} (the workplace's eval folder)", file=sys.stderr)
        return 2
    print(row("pages", list(SHOWN)))
    print(row("---", ["---:"] * len(SHOWN)))
    print(row("dev", cells(score(args.eval, corpus, "dev", args.cmd))))
    if args.fold:
        for subset in ("tune", "fold"):
            print(row(subset, cells(score(args.eval, args.fold, subset, args.cmd))))
    print(row("crawl by site", cells(score(args.eval, corpus, "crawl", args.cmd, "--by-site"))))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, str(args.eval / "perturb.py"), str(corpus), tmp, "--subset", "dev"],
            check=True,
            capture_output=True,
        )
        print("\ndisguise: the same pages as they are -> in disguise\n")
        print(row("variant", list(SHOWN)))
        print(row("---", ["---:"] * len(SHOWN)))
        for variant in sorted(p for p in Path(tmp).iterdir() if p.is_dir()):
            plain, veiled = (cells(score(args.eval, variant, s, args.cmd)) for s in ("orig", "dev"))
            print(row(variant.name, [f"{a} -> {b}" for a, b in zip(plain, veiled)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
