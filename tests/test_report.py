"""`cleaner report`: the data it embeds, its safety, and the command (no browser needed).

Records are built in memory in the shape cleaner/audit.py writes; one test
runs `cleaner run samples` and checks the report's numbers against its audit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.report import ReportOptions, build, embed_json, render

ROOT = Path(__file__).resolve().parent.parent


def rec(path: str, status: str = "cleaned", rules: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    out = {"bytes": 100, "sha256": "0" * 64} if status in ("cleaned", "unchanged") else None
    return {
        "schema": 1,
        "path": path,
        "status": status,
        "reason": extra.get("reason"),
        "input": {"bytes": 120},
        "output": out,
        "ruleset": "ab" * 32,
        "versions": {"cleaner": "0"},
        "rules": rules or [],
    }


def entry(rid: str, kind: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
    removed = [f for f in findings if f["action"] == "remove"]
    return {
        "id": rid,
        "kind": kind,
        "findings": findings,
        "removed_lines": len(removed),
        "changed_lines": sum(f["action"] == "replace" for f in findings),
        "chars_removed": sum(len(f.get("text", f.get("redacted", ""))) for f in removed),
    }


def removal(line: int, text: str, reason: str = "why", **detail: Any) -> dict[str, Any]:
    f: dict[str, Any] = {"action": "remove", "line": line, "col": 1, "text": text, "reason": reason}
    if detail:
        f["detail"] = detail
    return f


def data_of(records: list[dict[str, Any]], tmp_path: Path, **opts: Any) -> dict[str, Any]:
    return build(ReportOptions(tmp_path / "audit.jsonl", tmp_path / "r.html", **opts), records)


def embedded(page: str) -> Any:
    m = re.search(r'<script id="data" type="application/json">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_totals_rules_keywords_fields(tmp_path: Path) -> None:
    spam = entry(
        "spam",
        "keyword-lines",
        [removal(1, "甲-乙-丙", words=["甲", "乙", "丙"]), removal(3, "甲-丁", words=["甲", "丁"])],
    )
    contact = entry(
        "contact",
        "contact-block",
        [
            {
                "action": "remove",
                "line": 9,
                "col": 1,
                "redacted": "电话:###-####",
                "reason": "contact block: 电话",
                "detail": {"field": "电话"},
            }
        ],
    )
    t2s = entry(
        "t2s",
        "opencc",
        [
            {
                "action": "replace",
                "line": 2,
                "col": 3,
                "old": {"text": "體"},
                "new": {"text": "体"},
                "reason": "t2s: 1 character(s)",
            }
        ],
    )
    data = data_of(
        [
            rec("a.txt", rules=[spam, contact, t2s]),
            rec("b.txt", rules=[spam]),
            rec("c.txt", "unchanged"),
            rec("d.txt", "skipped", reason="binary"),
        ],
        tmp_path,
    )
    assert data["status"] == {"cleaned": 2, "unchanged": 1, "dropped": 0, "skipped": 1, "error": 0}
    assert data["rules"] == [
        ["spam", "keyword-lines", 2, 4, 0, 16, 0, 0],
        ["contact", "contact-block", 1, 1, 0, 11, 0, 0],
        ["t2s", "opencc", 1, 0, 1, 0, 0, 0],
    ]
    assert data["keywords"][0] == ["甲", 4, 2]  # lines, files
    assert sorted(data["keywords"]) == [["丁", 2, 2], ["丙", 2, 2], ["乙", 2, 2], ["甲", 4, 2]]
    assert data["fields"] == [["电话", 1]]
    a = data["files"][0]
    strings = data["strings"]
    assert a[0] == "a.txt" and strings[a[1]] == "cleaned"
    assert [(f[0], data["rules"][f[1]][0], f[2], strings[f[3]], *f[4:]) for f in a[7]] == [
        (1, "spam", 0, "why", "甲-乙-丙"),
        (3, "spam", 0, "why", "甲-丁"),
        (9, "contact", 0, "contact block: 电话", "电话:###-####"),  # what the audit holds: redacted
        (2, "t2s", 1, "t2s: 1 character(s)", "體", "体"),
    ]
    assert a[11:13] == [3, 1]  # lines removed, changed
    assert [data["keywords"][i][0] for i in a[9]] == [w for w, *_ in data["keywords"]]
    d = data["files"][3]
    assert d[4] == -1 and strings[d[6]] == "binary"


def test_removed_share(tmp_path: Path) -> None:
    # 30 bytes of removed text (10 Han characters) + 1 line end, output 100 bytes
    cut = entry("x", "regex-lines", [removal(1, "一二三四五六七八九十")])
    hashed = entry("h", "regex-lines", [{"action": "remove", "line": 1, "col": 1, "sha256": "f" * 64, "reason": "r"}])
    hashed["chars_removed"] = 10
    records = [
        rec("a", rules=[cut]),
        rec("b", rules=[hashed]),
        rec("c", "unchanged"),
        rec("d", "dropped", reason="lang"),
        rec("e", "error", reason="boom"),
    ]
    shares = [row[4] for row in data_of(records, tmp_path)["files"]]
    assert shares == [round(1000 * 31 / 131), round(1000 * 31 / 131), 0, 1000, -1]


def test_rule_order_follows_the_rule_set(tmp_path: Path) -> None:
    one = entry("one", "k", [removal(1, "x")])
    two = entry("two", "k", [removal(1, "x")])
    three = entry("three", "k", [removal(1, "x")])
    records = [rec("a", rules=[three]), rec("b", rules=[one, three]), rec("c", rules=[one, two, three])]
    data = data_of(records, tmp_path)
    assert [data["rules"][i][0] for i in data["rule_order"]] == ["one", "two", "three"]


def test_findings_are_capped_and_long_texts_cut(tmp_path: Path) -> None:
    many = entry("x", "regex-lines", [removal(n, "长" * 400) for n in range(1, 11)])
    (row,) = data_of([rec("a", rules=[many])], tmp_path, max_findings=3, max_chars=50)["files"]
    assert len(row[7]) == 3 and row[8] == 7
    assert row[7][0][4] == "长" * 50 + "… [+350 chars]"
    assert row[11] == 10


def test_context_lines_from_src(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("\n".join(f"line {n}" for n in range(1, 11)) + "\n", encoding="utf-8")
    findings = [removal(5, "line 5"), {"action": "remove", "line": 6, "col": 1, "redacted": "line #", "reason": "r"}]
    records = [
        rec("a.txt", rules=[entry("x", "k", findings)]),
        rec("missing.txt", rules=[entry("x", "k", findings)]),
        rec("../escape.txt", rules=[entry("x", "k", findings)]),
    ]
    rows = data_of(records, tmp_path, src=src)["files"]
    # lines 3, 4, 7, 8 were kept; 5 and 6 show only as the audit holds them (6 redacted)
    assert rows[0][13] == [[3, "line 3"], [4, "line 4"], [7, "line 7"], [8, "line 8"]]
    assert rows[1][13] == [] and rows[2][13] == []


def test_page_is_self_contained_and_text_cannot_escape(tmp_path: Path) -> None:
    evil = "</script><script>alert(1)</script><!--"
    records = [rec(evil + ".txt", rules=[entry("x", "k", [removal(1, evil)])]), rec("\udcff-not-utf8.txt")]
    data = data_of(records, tmp_path)
    page = render(data, "cleaner report: " + evil)
    page.encode("utf-8")  # lone surrogates were escaped
    assert "alert(1)</script>" not in page and "<!--" not in page
    assert len(re.findall(r"<script\b", page)) == 2  # the data block and the inline script
    for external in ("<script src", "<link", "@import", "url(", "https://", "//fonts."):
        assert external not in page
    assert re.findall(r"https?://[^\s\"'<>`]+", page) == ["http://www.w3.org/2000/svg"]  # a namespace, not a fetch
    assert embedded(page) == json.loads(json.dumps(data))
    assert embedded(page)["files"][0][7][0][4] == evil


def test_embed_json_escapes() -> None:
    assert embed_json({"a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e"}'
    assert json.loads(embed_json(["\udcff"])) == ["\udcff"]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_report_of_a_samples_run(tmp_path: Path) -> None:
    code, _ = cli("run", str(ROOT / "samples"), "--out", str(tmp_path / "out"), "-j", "1", "-q")
    assert code == 0
    audit = tmp_path / "out" / "audit.jsonl"
    code, out = cli("report", str(audit), "-o", str(tmp_path / "r.html"), "--src", str(ROOT / "samples"))
    assert code == 0
    assert re.search(r"cleaner: report of \d+ files written to .*r\.html \(\d+ KB\)", out)
    records = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    data = embedded((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert [row[0] for row in data["files"]] == [r["path"] for r in records]
    for rule in data["rules"]:
        entries = [e for r in records for e in r["rules"] if e["id"] == rule[0]]
        assert rule[2:6] == [
            len(entries),
            *(sum(e[k] for e in entries) for k in ("removed_lines", "changed_lines", "chars_removed")),
        ]
    assert {w for w, *_ in data["keywords"]} == {
        w
        for r in records
        for e in r["rules"]
        if e["kind"] == "keyword-lines"
        for f in e["findings"]
        for w in f.get("detail", {}).get("words", [])
    }


def test_report_errors(tmp_path: Path) -> None:
    code, out = cli("report", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "r.html"))
    assert code == 2 and out.startswith(f"cleaner: cannot read {tmp_path / 'none.jsonl'}: ")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(rec("a")) + "\n{not json\n", encoding="utf-8")
    code, out = cli("report", str(bad), "-o", str(tmp_path / "r.html"))
    assert code == 2 and out.startswith(f"cleaner: {bad}:2: not a JSON audit record")
    bad.write_text('{"x": 1}\n', encoding="utf-8")
    code, out = cli("report", str(bad), "-o", str(tmp_path / "r.html"))
    assert code == 2 and out == f"cleaner: {bad}:1: not an audit record (no `path` or `status`)\n"
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("count", [0, 1])
def test_empty_and_tiny_audits(tmp_path: Path, count: int) -> None:
    audit = tmp_path / "audit.jsonl"
    audit.write_text("".join(json.dumps(rec(f"f{i}")) + "\n" for i in range(count)), encoding="utf-8")
    code, _ = cli("report", str(audit), "-o", str(tmp_path / "r.html"))
    assert code == 0
    assert len(embedded((tmp_path / "r.html").read_text(encoding="utf-8"))["files"]) == count
