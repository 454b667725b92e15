"""pyahocorasick against ahocorasick_rs for the shared word-list scan (issue 13).

    python benchmarks/aho.py --mb 10 [--seed 1]

On the folded lines of a seeded synthetic corpus (benchmarks/synth.py),
scans every document with the automaton of all the default rules' word lists
(`cleaner.text.lexicon.SharedScan`) the way the pipeline does, hits mapped to
lines and to lists, once with pyahocorasick (the project's dependency) and
once with ahocorasick_rs (if installed), checks that both find the same hits,
and prints MB/s.  The raw scans (hits handed back, nothing done with them)
are timed too: what is left above them is Python work per hit.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import make_corpus
from cleaner.config import load_rule_set
from cleaner.decode import Undecodable, decode
from cleaner.pipeline import Pipeline, split_lines
from cleaner.text.fold import fold_lines
from cleaner.text.lexicon import Hit, Lexicon, SharedScan, _is_word_char, _longest, _utf8


def shared_scan(pipeline: Pipeline) -> SharedScan:
    for rule in pipeline.rules:
        for value in vars(rule.impl).values():
            if isinstance(value, Lexicon) and value._shared is not None:
                return value._shared
    raise SystemExit("no word list in the default rules")


class RustScan:
    """`SharedScan.scan` on ahocorasick_rs: the hits come back as (entry, start, end) in bulk."""

    def __init__(self, shared: SharedScan) -> None:
        import ahocorasick_rs

        keys = list(shared._members)
        self.info = [(k, _is_word_char(k[0]), _is_word_char(k[-1]), shared._members[k]) for k in keys]
        self.ac = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)

    def raw(self, text: str) -> int:
        return len(self.ac.find_matches_as_indexes(text, overlapping=True))

    def scan(self, lines: list[str]) -> list[dict[int, list[Hit]]]:
        text = "\n".join(lines)
        size = len(text)
        starts = [0, *accumulate(len(x) + 1 for x in lines)]
        raw: list[dict[int, list[Hit]]] = [{} for _ in lines]
        info = self.info
        for index, start, end in self.ac.find_matches_as_indexes(text, overlapping=True):
            key, latin_start, latin_end, members = info[index]
            if latin_start and start > 0 and _is_word_char(text[start - 1]):
                continue
            if latin_end and end < size and _is_word_char(text[end]):
                continue
            line = bisect_right(starts, start) - 1
            off = starts[line]
            slots = raw[line]
            for slot, tag in members:
                slots.setdefault(slot, []).append(Hit(start - off, end - off, key, tag))
        return [{slot: _longest(h) for slot, h in slots.items()} for slots in raw]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cleaner-aho-") as tmp:
        make_corpus(Path(tmp), args.mb, seed=args.seed)
        blobs = [p.read_bytes() for p in sorted(Path(tmp).rglob("*")) if p.is_file()]
    docs = []
    for blob in blobs:
        try:
            docs.append(fold_lines(split_lines(decode(blob).text)[0]))
        except Undecodable:
            pass
    mb = sum(len(b) for b in blobs) / 1e6
    pipeline = Pipeline(load_rule_set(None))
    for lines in docs[:20]:  # the scan holds the lists the rules ask for by line
        pipeline.clean("\n".join(lines))
    shared = shared_scan(pipeline)
    print(f"{len(docs)} documents, {mb:.1f} MB; {len(shared._members)} entries")
    contenders = [
        (
            "pyahocorasick",
            shared.scan,
            lambda t: sum(1 for _ in shared._automaton.iter(_utf8(t) if shared._utf8 else t)),
        )
    ]
    try:
        rust = RustScan(shared)
        contenders.append(("ahocorasick_rs", rust.scan, rust.raw))
    except ImportError:
        print("ahocorasick_rs is not installed: pip install ahocorasick_rs")
    results = []
    for name, scan, raw in contenders:
        started = time.perf_counter()
        for lines in docs:
            raw("\n".join(lines))
        raw_s = time.perf_counter() - started
        started = time.perf_counter()
        found = [scan(lines) for lines in docs]
        seconds = time.perf_counter() - started
        results.append(found)
        print(f"{name:15s} raw scan {mb / raw_s:6.1f} MB/s   hits by line and list {mb / seconds:6.1f} MB/s")
    if len(results) == 2:
        same = all(
            [{k: v for k, v in d.items() if v} for d in a] == [{k: v for k, v in d.items() if v} for d in b]
            for a, b in zip(*results)
        )
        print("same hits:", same)
    return 0


if __name__ == "__main__":
    sys.exit(main())
