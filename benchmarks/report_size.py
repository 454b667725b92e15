"""Size and load time of `cleaner report` for a synthetic audit (issue 7 acceptance).

    .venv/bin/python -m benchmarks.report_size [--files 10000] [--keep DIR]

Synthesises an audit of N records shaped like a real run of the default rule
set (about half the files cleaned with keyword lines, contact blocks,
boilerplate, OpenCC and blank-line findings; some unchanged, dropped,
skipped, failed), builds the report, and prints its size, the build time
and the headless-Chromium load time: the wall time of `chromium --dump-dom`
(browser start-up included), the same for an empty page (start-up alone),
and the page's own time from navigation start to the first rendered view.
Acceptance: 10,000 files open in under 3 s and weigh under 20 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import chromium
from cleaner.audit import redact
from cleaner.paths import shipped_rules_dir
from cleaner.report import ReportOptions, write_report

SENTENCE = "为了让更多商户能够使用卡券功能公众平台一直都在不断地更新和完善力求为大家提供更好更快捷的服务"
TRAD = "為了讓更多商戶能夠使用卡券功能公眾平臺一直都在不斷地更新和完善力求為大家提供更好更快捷的服務"


def _words(name: str) -> list[str]:
    path = shipped_rules_dir() / "lexicon" / name
    return [w for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]


class Synth:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.spam = _words("spam-porn.txt") + _words("spam-gambling.txt") + _words("spam-seo.txt")
        self.fields = _words("contact-fields.txt")
        self.boiler = _words("boilerplate.txt")

    def text(self, lo: int, hi: int, trad: bool = False) -> str:
        src = TRAD if trad else SENTENCE
        start = self.rnd.randrange(len(src))
        n = self.rnd.randint(lo, hi)
        return (src * (n // len(src) + 2))[start : start + n]

    def record(self, i: int) -> dict[str, Any]:
        r = self.rnd
        path = f"site-{i % 97:03d}/{i // 97:05d}-{r.randrange(16**6):06x}.txt"
        size = r.randint(800, 30000)
        roll = r.random()
        status = (
            "cleaned"
            if roll < 0.55
            else "unchanged"
            if roll < 0.93
            else "dropped"
            if roll < 0.96
            else ("skipped" if roll < 0.99 else "error")
        )
        rules: list[dict[str, Any]] = []
        reason = None
        if status == "cleaned":
            rules = [e for e in (self.keyword(), self.contact(), self.boilerplate(), self.t2s(), self.blank()) if e]
            if not rules:
                rules = [self.blank_lines(1)]
        elif status == "dropped":
            reason = "rule 'language': language en not in allow-list (zh)"
            rules = [self._entry("language", "language", [{"action": "drop", "line": 1, "col": 1, "reason": reason}])]
        elif status == "skipped":
            reason = "binary file (PNG image)"
        elif status == "error":
            reason = "rule 'ads' (regex-lines): regex timed out after 1.0 s"
        removed = sum(e["chars_removed"] for e in rules)
        out: dict[str, Any] | None = {"bytes": max(0, size - 3 * removed), "sha256": "0" * 64}
        if status in ("dropped", "skipped", "error"):
            out = None
        return {
            "schema": 1,
            "path": path,
            "status": status,
            "reason": reason,
            "encoding": "utf-8",
            "language": "zh",
            "input": {"bytes": size, "sha256": "f" * 64},
            "output": out,
            "ruleset": "ab" * 32,
            "versions": {"cleaner": "0.1.0", "opencc": "1.1.9"},
            "rules": rules,
        }

    def _entry(self, rid: str, kind: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
        removed = [f for f in findings if f["action"] == "remove"]
        return {
            "id": rid,
            "kind": kind,
            "findings": findings,
            "removed_lines": len(removed),
            "changed_lines": sum(f["action"] == "replace" for f in findings),
            "chars_removed": sum(len(f.get("text", f.get("redacted", ""))) for f in removed),
        }

    def keyword(self) -> dict[str, Any] | None:
        if self.rnd.random() < 0.4:
            return None
        findings = []
        for _ in range(self.rnd.randint(1, 3)):
            words = sorted(set(self.rnd.sample(self.spam, self.rnd.randint(3, 12))))
            findings.append(
                {
                    "action": "remove",
                    "line": self.rnd.randint(1, 5),
                    "col": 1,
                    "text": "-".join(words),
                    "reason": f"keyword list: {len(words)} items, {len(words)} spam words ({', '.join(words[:8])})",
                    "detail": {"words": words},
                }
            )
        return self._entry("spam-keywords", "keyword-lines", findings)

    def contact(self) -> dict[str, Any] | None:
        if self.rnd.random() < 0.5:
            return None
        start = self.rnd.randint(20, 80)
        findings = [
            {
                "action": "remove",
                "line": start,
                "col": 1,
                "redacted": "联系方式:",
                "reason": "contact block: heading",
                "detail": {"field": "heading"},
            }
        ]
        for k in range(self.rnd.randint(2, 6)):
            field = self.rnd.choice(self.fields)
            value = redact(f"{field}:0{self.rnd.randint(10, 999)}-{self.rnd.randint(1000000, 99999999)}")
            findings.append(
                {
                    "action": "remove",
                    "line": start + k + 1,
                    "col": 1,
                    "redacted": value,
                    "reason": f"contact block: {field}",
                    "detail": {"field": field},
                }
            )
        return self._entry("contact", "contact-block", findings)

    def boilerplate(self) -> dict[str, Any] | None:
        if self.rnd.random() < 0.5:
            return None
        findings = []
        for _ in range(self.rnd.randint(1, 4)):
            phrase = self.rnd.choice(self.boiler)
            findings.append(
                {
                    "action": "remove",
                    "line": self.rnd.randint(1, 90),
                    "col": 1,
                    "text": f"{phrase} {self.text(0, 20)}",
                    "reason": f"widget: {phrase}",
                    "detail": {"type": "widget"},
                }
            )
        return self._entry("boilerplate", "boilerplate-lines", findings)

    def t2s(self) -> dict[str, Any] | None:
        if self.rnd.random() < 0.75:
            return None
        findings = []
        for _ in range(self.rnd.randint(1, 8)):
            old = self.text(5, 60, trad=True)
            findings.append(
                {
                    "action": "replace",
                    "line": self.rnd.randint(1, 90),
                    "col": 1,
                    "old": {"text": old},
                    "new": {"text": old.translate(_T2S)},
                    "reason": f"t2s: {len(old) // 3} character(s)",
                    "detail": {"chars": len(old) // 3},
                }
            )
        return self._entry("t2s", "opencc", findings)

    def blank(self) -> dict[str, Any] | None:
        return None if self.rnd.random() < 0.3 else self.blank_lines(self.rnd.randint(1, 6))

    def blank_lines(self, n: int) -> dict[str, Any]:
        findings = [
            {
                "action": "remove",
                "line": self.rnd.randint(1, 90),
                "col": 1,
                "text": "",
                "reason": "blank line beyond a run of 2 or at an edge",
            }
            for _ in range(n)
        ]
        return self._entry("blank-lines", "blank-lines", findings)


_T2S = str.maketrans(dict(zip(TRAD, SENTENCE)))


def write_audit(path: Path, files: int, seed: int = 7) -> None:
    synth = Synth(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(files):
            fh.write(json.dumps(synth.record(i), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")


def load_times(report: Path, empty: Path) -> dict[str, float]:
    """Wall time of --dump-dom for the report and for an empty page; the page's own time to render."""
    _, baseline = chromium.run(empty.as_uri(), "--dump-dom")
    dom, wall = chromium.run(report.as_uri(), "--dump-dom")
    ready = re.search(r'data-ready-ms="(\d+)"', dom)
    if not ready or 'class="file"' not in dom:
        raise SystemExit("the report did not render in Chromium")
    return {"wall": wall, "startup": baseline, "page": int(ready.group(1)) / 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="write the audit and report here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cleaner-report-") as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        audit, report, empty = where / "audit.jsonl", where / "report.html", where / "empty.html"
        write_audit(audit, args.files)
        empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
        started = time.perf_counter()
        write_report(ReportOptions(audit, report))
        build = time.perf_counter() - started
        size = report.stat().st_size
        print(f"files: {args.files:,}; audit {audit.stat().st_size / 1e6:.1f} MB")
        print(f"report: {size / 1e6:.1f} MB, built in {build:.2f} s")
        if not chromium.available():
            print(f"load time: not measured ({chromium.CHROMIUM} is missing)")
            return 0
        times = [load_times(report, empty) for _ in range(3)]
        best = min(times, key=lambda t: t["wall"])
        print(
            f"headless Chromium (best of 3): --dump-dom {best['wall']:.2f} s wall, of which browser start-up "
            f"~{best['startup']:.2f} s; page navigation start -> first view rendered {best['page']:.2f} s"
        )
        if args.files != 10_000:
            return 0
        ok = best["wall"] < 3 and size < 20e6
        print("acceptance (10,000 files: < 3 s, < 20 MB):", "met" if ok else "NOT met")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
