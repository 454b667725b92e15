"""Where `cleaner run` spends its time: the cost of each stage and rule, in one process.

    python benchmarks/stages.py --mb 20 [--seed 1] [--src DIR]

On a seeded synthetic corpus (benchmarks/synth.py; or the text files under
``--src``), measures one after the other on the same decoded texts:

  read, decode      the bytes of every file, then text
  opencc            OpenCC t2s on every text (what benchmarks/throughput.py's
                    opencc step does besides reading and writing)
  fold              the matching form of every line (NFKC, case, t2s, variants)
  word lists        one scan of the folded lines of each document with the
                    automaton all the word lists of the default rules share
                    (Aho-Corasick, hits mapped to lines and to lists)
  rules             each rule of the default set, its first round and the
                    fixed-point rounds (`cleaner.pipeline`) apart; the rules
                    fold, scan and convert themselves (fold, word lists and
                    opencc above measure those parts alone)
  audit             the audit record of every file, serialised

and prints seconds and MB/s per stage.  The last lines compare the passes
every design must make (decode, fold, word-list scans, OpenCC: all C loops,
no rule logic) with the time issue 4 allows for ``--jobs 1`` (a quarter of
OpenCC's speed): when those passes alone take most of it, no amount of work
on the Python rules reaches the target.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import make_corpus
from cleaner.audit import dumps, record
from cleaner.config import Rule, load_rule_set
from cleaner.decode import Undecodable, decode
from cleaner.model import DocContext, Outcome
from cleaner.pipeline import Pipeline, Result, split_lines
from cleaner.text.fold import fold_lines
from cleaner.text.lexicon import Lexicon, SharedScan


class TimedPipeline(Pipeline):
    """The default pipeline, timing each rule; a rule's first call on a document is its first round."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.seconds: dict[str, float] = defaultdict(float)
        self._seen: set[str] = set()

    def clean(self, text: str, rules: list[Rule] | None = None) -> Result:
        self._seen = set()
        return super().clean(text, rules)

    def _apply(self, rule: Rule, lines: list[str], ctx: DocContext) -> Outcome:
        started = time.perf_counter()
        try:
            return super()._apply(rule, lines, ctx)
        finally:
            later = rule.id in self._seen
            self._seen.add(rule.id)
            self.seconds[f"{rule.id} ({'later rounds' if later else 'round 1'})"] += time.perf_counter() - started


def shared_scans(pipeline: Pipeline) -> list[tuple[str, SharedScan]]:
    """The scans the active rules' word lists share (one, when the pipeline merged them all)."""
    found: dict[int, tuple[list[str], SharedScan]] = {}
    for rule in pipeline.rules:
        for name, value in sorted(vars(rule.impl).items()):
            shared = value._shared if isinstance(value, Lexicon) else None
            if shared is not None and value._slot in shared._active:
                found.setdefault(id(shared), ([], shared))[0].append(f"{rule.id}.{name}")
    return [(f"{len(names)} lists ({', '.join(names[:2])}, …)", scan) for names, scan in found.values()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--src", type=Path, help="measure these files instead of a generated corpus")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cleaner-stages-") as tmp:
        src = args.src or Path(tmp)
        if args.src is None:
            make_corpus(src, args.mb, seed=args.seed)
        paths = sorted(p for p in src.rglob("*") if p.is_file())
        t: dict[str, float] = {}

        started = time.perf_counter()
        blobs = [p.read_bytes() for p in paths]
        t["read"] = time.perf_counter() - started
    size = sum(map(len, blobs))

    started = time.perf_counter()
    texts = []
    for blob in blobs:
        try:
            texts.append(decode(blob).text)
        except Undecodable:
            pass
    t["decode"] = time.perf_counter() - started

    import opencc

    converter = opencc.OpenCC("t2s")
    started = time.perf_counter()
    for text in texts:
        converter.convert(text)
    t["opencc"] = time.perf_counter() - started

    docs = [split_lines(text)[0] for text in texts]
    started = time.perf_counter()
    folded = [fold_lines(lines) for lines in docs]
    t["fold"] = time.perf_counter() - started

    rule_set = load_rule_set(None)
    pipeline = TimedPipeline(rule_set)
    started = time.perf_counter()
    results = [pipeline.clean(text) for text in texts]
    t["rules"] = time.perf_counter() - started

    scans: dict[str, float] = {}  # after the rules: a scan holds the lists the rules asked for by line
    for name, shared in shared_scans(pipeline):
        started = time.perf_counter()
        for lines in folded:
            shared.scan(lines)
        scans[name] = time.perf_counter() - started
    t["word lists"] = sum(scans.values())

    started = time.perf_counter()
    for n, (blob, result) in enumerate(zip(blobs, results)):
        dumps(record(f"f{n}", "cleaned", rule_set, data=blob, output=result.text.encode(), result=result))
    t["audit"] = time.perf_counter() - started

    order = ["read", "decode", "opencc", "fold", "word lists", "rules", "audit"]
    t = {k: t[k] for k in order}
    mb = size / 1e6
    print(f"{len(paths)} files, {mb:.1f} MB")
    print(f"{'stage':40s} {'seconds':>8s} {'MB/s':>8s}")
    for name, seconds in t.items():
        print(f"{name:40s} {seconds:8.2f} {mb / max(seconds, 1e-9):8.1f}")
        if name == "word lists":
            for sub, s in sorted(scans.items(), key=lambda kv: -kv[1]):
                print(f"  {sub:38s} {s:8.2f}")
        if name == "rules":
            for sub, s in sorted(pipeline.seconds.items(), key=lambda kv: -kv[1]):
                print(f"  {sub:38s} {s:8.2f}")
    # issue 4: --jobs 1 at >= 0.25 x the speed of read + decode + OpenCC (+ write, left out: small)
    budget = 4 * (t["read"] + t["decode"] + t["opencc"])
    floor = t["read"] + t["decode"] + t["fold"] + t["word lists"] + t["opencc"]
    print(f"\ntime allowed at 0.25 x OpenCC: {budget:.2f}s")
    print(
        f"passes without rule logic (read, decode, fold, word lists, OpenCC): {floor:.2f}s = {floor / budget:.0%} of it"
    )
    shared = t["decode"] + t["fold"] + t["word lists"] + t["opencc"]
    print(f"shared passes (decode, fold, word lists, OpenCC): {mb / shared:.1f} MB/s (issue 13: >= 30)")
    whole = t["read"] + t["decode"] + t["rules"] + t["audit"]  # the rules fold, scan and convert themselves
    print(f"cleaning as the runner does it (read, decode, rules, audit): {whole:.2f}s = {whole / budget:.1f} x it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
